"""Clause coverage report: terminal (rich), xlsx (priorities first, native charts), csv.

The views live in :mod:`.clauses_terminal`, :mod:`.clauses_xlsx` and :mod:`.clauses_csv`, their
shared words in :mod:`.clauses_labels`; every text is French, shown in the report's language.
"""

from __future__ import annotations

from .clauses_csv import clauses_csv, write_clauses_csv
from .clauses_labels import CONTRACT_COLUMNS, JOIN_LABELS, TABLE_KEYS, TABLE_TITLES, met_label
from .clauses_terminal import render_clauses
from .clauses_xlsx import write_clauses_xlsx

__all__ = [
    "CONTRACT_COLUMNS",
    "JOIN_LABELS",
    "TABLE_KEYS",
    "TABLE_TITLES",
    "clauses_csv",
    "met_label",
    "render_clauses",
    "write_clauses_csv",
    "write_clauses_xlsx",
]
