"""Small data files kept beside the ledger (activity data, supplier figures): every visible sheet
of an xlsx/xls/ods workbook, or the rows of a CSV decoded as ledgers are, and the header row found
among the first rows from a table of French header synonyms.

These files hold tens or hundreds of rows typed by hand: they are read row by row, each cell kept
with its spreadsheet coordinates so that every error names its file, sheet, row and column.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from achats_durables.core.errors import LedgerError, Location
from achats_durables.core.text import header_key
from achats_durables.ledger.csv_text import decode_rows, is_binary
from achats_durables.ledger.tabular import SPREADSHEET_SUFFIXES
from achats_durables.ledger.zip_guard import ZIP_SUFFIXES, check_zip_container, short_error

HEADER_ROWS = 15  # the header is looked for among the first rows (titles may sit above it)


@dataclass(frozen=True)
class DataSheet:
    """The rows of one sheet (``sheet`` None for a CSV file)."""

    path: str
    sheet: str | None
    rows: list[list[Any]]


@dataclass(frozen=True)
class Header:
    """The header row found on a sheet: its index and each field's column index."""

    sheet: DataSheet
    index: int
    columns: dict[str, int]
    titles: dict[str, str]  # field → the header as written

    def cell(self, row: Sequence[Any], field: str) -> Any:
        i = self.columns.get(field)
        return row[i] if i is not None and i < len(row) else None

    def where(self, offset: int, field: str | None = None) -> Location:
        """The location of data row ``offset`` (0 = the row under the header), column ``field``."""
        column = self.titles.get(field) if field else None
        return Location(self.sheet.path, self.sheet.sheet, self.index + 2 + offset, column)


def read_data_sheets(path: Path) -> list[DataSheet]:
    """Every visible sheet of a workbook, or the CSV's rows as one sheet.

    Unreadable files raise :class:`LedgerError` (``data-file-missing``, ``data-file-format``,
    ``data-file-unreadable``), located at the file.
    """
    loc = Location(str(path))
    if not path.is_file():
        raise LedgerError("data-file-missing", loc)
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return _workbook_sheets(path)
    if suffix not in (".csv", ".txt", ".tsv"):
        raise LedgerError("data-file-format", loc, suffix=suffix or "(aucune)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LedgerError("data-file-unreadable", loc, detail=short_error(exc)) from None
    if is_binary(data):
        raise LedgerError("data-file-unreadable", loc, detail="fichier binaire")
    try:
        rows = decode_rows(data).rows
    except (csv.Error, UnicodeError) as exc:
        raise LedgerError("data-file-unreadable", loc, detail=short_error(exc)) from None
    return [DataSheet(str(path), None, [list(r) for r in rows])]


def _workbook_sheets(path: Path) -> list[DataSheet]:
    return [DataSheet(str(path), name, rows) for name, rows in visible_sheets(path)]


def visible_sheets(path: Path) -> list[tuple[str, list[list[Any]]]]:
    """(name, rows) of every visible sheet of a workbook, after the hostile-file checks of
    :mod:`~achats_durables.ledger.zip_guard` (their :class:`LedgerError` passes through); a
    workbook calamine cannot read raises ``data-file-unreadable``."""
    from python_calamine import CalamineWorkbook

    if path.suffix.lower() in ZIP_SUFFIXES:
        check_zip_container(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
        hidden = {
            m.name
            for m in wb.sheets_metadata
            if not str(getattr(m, "visible", "Visible")).endswith("Visible")
        }
        return [
            (name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in wb.sheet_names
            if name not in hidden
        ]
    except Exception as exc:  # calamine raises its own error types
        raise LedgerError(
            "data-file-unreadable", Location(str(path)), detail=short_error(exc)
        ) from None


def find_header(
    sheets: Sequence[DataSheet],
    synonyms: Mapping[str, tuple[str, ...]],
    required: Sequence[str],
) -> Header | None:
    """The first header row (on the first sheet that has one) holding every ``required`` field.

    ``synonyms``: field → the headers that name it, compared by :func:`header_key` (case,
    accents, spaces and punctuation ignored).
    """
    keys = {header_key(s): f for f, names in synonyms.items() for s in (f, *names)}
    for sheet in sheets:
        for index, row in enumerate(sheet.rows[:HEADER_ROWS]):
            columns: dict[str, int] = {}
            titles: dict[str, str] = {}
            for i, cell in enumerate(row):
                found = keys.get(header_key(cell)) if cell is not None else None
                if found and found not in columns:
                    columns[found], titles[found] = i, str(cell).strip()
            if all(f in columns for f in required):
                return Header(sheet, index, columns, titles)
    return None


def seen_headers(sheets: Sequence[DataSheet], limit: int = 12) -> str:
    """The non-empty cells of the first rows, quoted: what the user wrote where a header was
    expected."""
    cells = [
        str(c).strip()
        for s in sheets
        for r in s.rows[:HEADER_ROWS]
        for c in r
        if c is not None and str(c).strip()
    ]
    return ", ".join(f"« {c} »" for c in cells[:limit]) or "aucune"


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value != value


def cell_text(value: Any) -> str:
    """A cell as text: integers stored as floats lose their ``.0`` (``6042.0`` → ``6042``)."""
    if blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
