"""Typed models (pydantic v2) of the YAML files: factor sets, price index, mapping rules, config.

Imported only when a file is validated: pydantic's import is paid by the commands that load
these files, never by ``achats --help``.
"""
