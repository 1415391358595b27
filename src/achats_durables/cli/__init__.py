"""The ``achats`` command line: a thin layer over the library (parse options, call, render, exit).

Each command module registers its commands on the shared Typer ``app`` when imported; the import
order is the order of the commands in ``achats --help``.
"""

# ruff: noqa: I001
from __future__ import annotations

from . import footprint
from . import clauses
from . import operations
from . import factors
from . import plan
from . import agec
from ._app import app, main

__all__ = ["agec", "app", "clauses", "factors", "footprint", "main", "operations", "plan"]
