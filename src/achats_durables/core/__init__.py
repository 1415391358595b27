"""Shared foundations with no domain: errors and exit codes, frames helpers, shares, YAML loading, text folding, version."""
