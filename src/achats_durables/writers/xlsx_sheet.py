"""Write-only xlsx sheets: cells cleaned of control characters, texts never run as formulas."""

from __future__ import annotations

import textwrap
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
from achats_durables.i18n.catalog import tr, yes_no

from .number_formats import EUR as EUR  # the sheet writers import the formats from here
from .number_formats import KG as KG
from .number_formats import PCT as PCT
from .number_formats import T as T

_FORMULA_START = ("=", "+", "-", "@")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")

# columns are widened to their header's longest word and content, up to this many characters
MAX_WIDTH = 60
# a detail sheet (one row per ledger line) prints its header and this many rows
PRINTED_ROWS = 200


def print_setup(s: _Sheet, header_row: int | None) -> None:
    """Landscape, fit to the page width (as many pages high as needed), header row repeated.

    Called by :class:`_Sheet` before the first row: a write-only sheet writes its
    ``fitToPage`` property with that row (page setup and print titles come at its end).
    """
    # the stubs do not know that a write-only sheet has them, openpyxl does
    ws: Any = s.ws
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_row is not None:
        ws.print_title_rows = f"{header_row}:{header_row}"


def fit_widths(widths: Sequence[int], rows: Iterable[Sequence[Any]] = ()) -> list[int]:
    """``widths`` widened so each column shows the values of ``rows``, up to
    :data:`MAX_WIDTH` (longer texts wrap); a column beyond ``widths`` gets at least 8."""
    out = list(widths)
    for row in rows:
        for i, value in enumerate(row):
            need = _width_of(value)
            if i >= len(out):
                out.append(min(max(need, 8), MAX_WIDTH))
            elif need > out[i]:
                out[i] = max(out[i], min(need, MAX_WIDTH))
    return out


def header_widths(headers: Sequence[str]) -> list[int]:
    """What each header needs once wrapped: its longest word, and a third of its length."""
    return [
        max(max((len(w) for w in str(h).split()), default=0), -(-len(str(h)) // 3)) + 2
        for h in headers
    ]


def _widest(a: Sequence[int], b: Sequence[int]) -> list[int]:
    """Column by column, the larger of two width lists (the longer list's tail kept)."""
    longest = max(len(a), len(b))
    return [max(a[i] if i < len(a) else 0, b[i] if i < len(b) else 0) for i in range(longest)]


def _width_of(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:,.2f}") + 3  # the separators and « € »
    return len(str(value)) + 2


class _Sheet:
    """A write-only sheet: printed landscape, one page wide, its first header row repeated.

    ``widths`` are the columns' minimum widths, widened by ``headers`` (wrapped) and by
    ``fit`` (rows whose content the columns should show). ``detail``: a sheet of one row
    per ledger line, for filtering and sorting: no wrapping (fast), and its filter and print
    area set by :meth:`finish_detail`.
    """

    def __init__(
        self,
        wb: Workbook,
        title: str,
        widths: Sequence[int] = (),
        lang: str = "fr",
        *,
        headers: Sequence[str] = (),
        fit: Iterable[Sequence[Any]] = (),
        repeat_header: bool = True,
        detail: bool = False,
    ) -> None:
        self.ws: WriteOnlyWorksheet = wb.create_sheet(title)
        self.lang = lang
        self.widths = fit_widths(_widest(widths, header_widths(headers)), fit)
        for i, w in enumerate(self.widths):
            self.ws.column_dimensions[_col(i)].width = w
        self.row = 0
        self.repeat_header = repeat_header
        self.detail = detail
        self.header_row: int | None = None
        print_setup(self, None)  # before any row; the header row is set by header()

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

    def append(
        self,
        values: Iterable[Any],
        fmts: Sequence[str | None] = (),
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        wrap: bool | None = None,
    ) -> None:
        """One row. A text longer than its column wraps (``wrap=None``, not on detail
        sheets); a row of a single long text (a title, a note) spans the sheet's columns."""
        values = list(values)
        if wrap is None and len(values) == 1 and self._spans(values[0], font):
            self._spanning(values[0], font)
            return
        cells, lines = self._cells(values, fmts, font, fill, wrap)
        self.row += 1
        self._height(lines, font)
        self.ws.append(cells)

    def _cells(
        self,
        values: list[Any],
        fmts: Sequence[str | None],
        font: Font | None,
        fill: PatternFill | None,
        wrap: bool | None,
    ) -> tuple[list[Any], int]:
        """The row's cells, and the lines its tallest wrapped text takes (a row of several
        lines has all its cells at the top, beside its wrapped texts)."""
        plan = []
        lines = 1
        for i, v in enumerate(values):
            value = _clean(v, self.lang)
            long = wrap is None and not self.detail and self._too_long(value, i)
            if (long or wrap) and isinstance(value, str) and i < len(self.widths):
                lines = max(lines, line_count(value, self.widths[i], font))
            plan.append((value, fmts[i] if i < len(fmts) else None, bool(wrap) or long))
        styled = font is not None or fill is not None or bool(wrap) or lines > 1
        cells = []
        for value, fmt, wrapped in plan:
            formula_like = isinstance(value, str) and value.startswith(_FORMULA_START)
            if styled or fmt or wrapped or formula_like:
                c = self.cell(value, fmt, font, fill, wrapped)
                if lines > 1 and not wrapped:
                    c.alignment = _TOP
                cells.append(c)
            else:  # a plain value: no cell object, much faster on long sheets
                cells.append(value)
        return cells, lines

    def header(self, values: Sequence[str]) -> None:
        """A header row, wrapped; the sheet's first is repeated on every printed page."""
        self.append(values, font=_BOLD, fill=_HEAD_FILL, wrap=True)
        if self.header_row is None and self.repeat_header:
            self.header_row = self.row
            print_setup(self, self.row)

    def finish_detail(self, columns: int, rows: int = PRINTED_ROWS) -> None:
        """A detail sheet's end: a filter on its header, and a print area stopping ``rows``
        rows below the header (the sheet keeps them all)."""
        ws: Any = self.ws
        last_col = _col(columns - 1)
        if self.header_row is not None:
            ws.auto_filter.ref = f"A{self.header_row}:{last_col}{max(self.row, self.header_row)}"
        last = min(self.row, (self.header_row or 0) + rows)
        ws.print_area = f"A1:{last_col}{max(last, 1)}"

    def _too_long(self, value: Any, i: int) -> bool:
        return isinstance(value, str) and i < len(self.widths) and len(value) > self.widths[i]

    def _spans(self, value: Any, font: Font | None) -> bool:
        width = self.widths[0] if self.widths else 10
        return isinstance(value, str) and len(value) * _scale(font) > width and len(self.widths) > 1

    def _spanning(self, value: str, font: Font | None) -> None:
        """A long text over all the columns, wrapped, its row as high as its lines."""
        self.row += 1
        self._height(line_count(value, sum(self.widths), font), font)
        ws: Any = self.ws
        ws.merged_cells.add(f"A{self.row}:{_col(len(self.widths) - 1)}{self.row}")
        self.ws.append([self.cell(value, font=font, wrap=True)])

    def _height(self, lines: int, font: Font | None) -> None:
        """The height of the row about to be written when its texts wrap on several lines
        (LibreOffice keeps the default height of an xlsx row, and a merged cell never grows)."""
        if lines > 1:
            ws: Any = self.ws
            ws.row_dimensions[self.row].height = round(15 * lines * max(1.0, _scale(font)), 1)


def detail_note(lang: str) -> str:
    """The first row of a detail sheet: what it is for, and what prints of it."""
    return tr(
        "Feuille de détail, pour filtrer et trier : à l'impression, seules les {printed} "
        "premières lignes sortent ; à l'écran, la feuille les montre toutes.",
        lang,
        printed=PRINTED_ROWS,
    )


def line_count(text: str, width: float, font: Font | None = None) -> int:
    """The lines ``text`` takes once wrapped in a column ``width`` characters wide."""
    # a column's width counts digits; a text's letters are narrower on average
    chars = max(1, int(width * 1.1 / _scale(font)))
    return sum(max(1, len(textwrap.wrap(part, chars))) for part in text.split("\n"))


def _scale(font: Font | None) -> float:
    """How much wider than the default 11 pt a text in ``font`` is."""
    return (font.sz or 11) / 11 if font is not None and font.sz else 1.0


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
