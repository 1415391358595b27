"""Write-only xlsx sheets: cells cleaned of control characters, texts never run as formulas."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from achats_durables.core.errors import Issue
from achats_durables.i18n.catalog import yes_no

_FORMULA_START = ("=", "+", "-", "@")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
EUR = '#,##0.00 "€"'
T = "#,##0.0"
KG = "#,##0.0"
PCT = "0.0 %"


class _Sheet:
    def __init__(
        self, wb: Workbook, title: str, widths: Sequence[int] = (), lang: str = "fr"
    ) -> None:
        self.ws: WriteOnlyWorksheet = wb.create_sheet(title)
        self.lang = lang
        for i, w in enumerate(widths):
            self.ws.column_dimensions[_col(i)].width = w
        self.row = 0

    def cell(
        self,
        value: Any,
        fmt: str | None = None,
        font: Font | None = None,
        fill: PatternFill | None = None,
        wrap: bool = False,
    ) -> Any:
        value = _clean(value, self.lang)
        c = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str) and value.startswith(_FORMULA_START):
            c.data_type = "s"  # text, never a formula
            c.quotePrefix = True
        if fmt:
            c.number_format = fmt
        if font:
            c.font = font
        if fill:
            c.fill = fill
        if wrap:
            c.alignment = _WRAP
        return c

    def append(self, values: Iterable[Any], fmts: Sequence[str | None] = (), **style: Any) -> None:
        cells = []
        styled = any(style.values())
        for i, v in enumerate(values):
            fmt = fmts[i] if i < len(fmts) else None
            value = _clean(v, self.lang)
            if styled or fmt or (isinstance(value, str) and value.startswith(_FORMULA_START)):
                cells.append(self.cell(value, fmt, **style))
            else:  # a plain value: no cell object, much faster on long sheets
                cells.append(value)
        self.ws.append(cells)
        self.row += 1

    def header(self, values: Sequence[str]) -> None:
        self.append(values, font=_BOLD, fill=_HEAD_FILL)


def _col(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def _clean(value: Any, lang: str = "fr") -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        # Control characters other than tab and line breaks are forbidden in xlsx (openpyxl
        # raises, Excel refuses the file): a supplier name pasted with one loses it here.
        return (
            ILLEGAL_CHARACTERS_RE.sub("", value) if ILLEGAL_CHARACTERS_RE.search(value) else value
        )
    if isinstance(value, (np.bool_, bool)):
        return yes_no(bool(value), lang)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime().date()
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).to_pydatetime().date()
    return value


SEVERITIES = {"error": "erreur", "warning": "attention", "info": "information"}
ISSUE_HEADERS = ("Gravité", "Message", "Fichier", "Feuille", "Ligne", "Code")
ISSUE_WIDTHS = (12, 110, 22, 16, 8, 18)


def issue_rows(s: _Sheet, issues: Iterable[Issue], lang: str) -> None:
    """The « Alertes » table: a header, then one row per issue (severity, message, where)."""
    from achats_durables.i18n.catalog import tr

    s.header([tr(h, lang) for h in ISSUE_HEADERS])
    for issue in issues:
        loc = issue.location
        severity = (
            tr(SEVERITIES[issue.severity], lang) if issue.severity in SEVERITIES else issue.severity
        )
        s.append(
            [
                severity,
                issue.message(lang),
                Path(loc.path).name if loc.path else None,
                loc.sheet,
                loc.row,
                issue.code,
            ]
        )
