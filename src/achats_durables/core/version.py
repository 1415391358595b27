"""The installed version of the package, read from its metadata (``pyproject.toml``)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("achats-durables")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0.0.0+source"
