"""Ledger tables of a workbook (xlsx, xlsm, xls, xlsb, ods) read with calamine.

Every visible sheet holding a ledger header (or only the sheet asked for) becomes a
:class:`~achats_durables.ledger.tabular.RawTable`; the other sheets are listed with the reason
they were set aside. Archives are checked by :mod:`zip_guard` before calamine opens them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from achats_durables.core.errors import LedgerError, Location
from achats_durables.ledger.header_hints import guess_ledger_header
from achats_durables.ledger.headers import HEADER_SCAN, HeaderMatch, find_header
from achats_durables.ledger.hidden_cells import HiddenCells, hidden_notes
from achats_durables.ledger.input_shape import contracts_kind, refuse_contracts
from achats_durables.ledger.tabular import RawTable, SheetScan, no_header_error
from achats_durables.ledger.zip_guard import ZIP_SUFFIXES, check_zip_container, short_error

Rows = list[list[Any]]


@dataclass
class _Found:
    """What the sheets of a workbook held, sheet by sheet."""

    tables: list[RawTable] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (sheet, reason)
    headless: list[tuple[str, Rows]] = field(default_factory=list)
    contract_sheets: list[tuple[str, list[Any]]] = field(default_factory=list)


def read_spreadsheet(
    path: Path, sheet: str | None = None, profile: Mapping[str, str] | None = None
) -> SheetScan:
    """Every visible sheet holding a ledger header (or only ``sheet``) as raw tables."""
    from python_calamine import CalamineWorkbook

    hidden_cells = check_zip_container(path) if path.suffix.lower() in ZIP_SUFFIXES else {}
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types
        raise LedgerError("ledger-corrupt", Location(str(path)), detail=short_error(exc)) from exc
    names = list(wb.sheet_names)
    hidden = {
        m.name
        for m in wb.sheets_metadata
        if str(getattr(m, "visible", "")).endswith("Visible") is False
    }
    found = _Found()
    for name in _wanted(path, names, sheet):
        if sheet is None and name in hidden:
            found.ignored.append((name, "feuille masquée"))
            continue
        try:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise LedgerError(
                "ledger-corrupt", Location(str(path), name), detail=short_error(exc)
            ) from exc
        _scan_sheet(found, path, name, rows, profile, sheet is not None, hidden_cells.get(name))
    if not found.tables:
        if found.contract_sheets:
            refuse_contracts(path, *found.contract_sheets[0])
        _refuse_headless(path, found.headless, profile)
    return SheetScan(tables=found.tables, ignored_sheets=found.ignored, all_sheets=names)


def _wanted(path: Path, names: list[str], sheet: str | None) -> list[str]:
    """The sheets to read: all of them, or the one asked for (``ledger-sheet-not-found``)."""
    if sheet is None:
        return names
    if sheet not in names:
        raise LedgerError(
            "ledger-sheet-not-found",
            Location(str(path)),
            sheet=sheet,
            available=", ".join(f"« {n} »" for n in names),
        )
    return [sheet]


def _scan_sheet(
    found: _Found,
    path: Path,
    name: str,
    rows: Rows,
    profile: Mapping[str, str] | None,
    chosen: bool,
    hidden: HiddenCells | None,
) -> None:
    """One sheet: a ledger table, or the reason it is set aside (an error if it was ``chosen``);
    ``hidden``: its hidden rows and columns, from the archive checks (xlsx only)."""
    header = find_header(rows, profile, HEADER_SCAN)
    if header is None:
        if chosen:
            raise no_header_error(path, name, rows, profile)
        found.ignored.append((name, "aucune ligne d'en-tête de grand livre"))
        found.headless.append((name, rows))
        return
    if contracts_kind(rows[header.row_index]) is not None:
        if chosen:
            refuse_contracts(path, name, rows[header.row_index])
        found.ignored.append(
            (name, "registre de marchés, pas un grand livre : lu par achats clauses")
        )
        found.contract_sheets.append((name, rows[header.row_index]))
        return
    found.tables.append(_sheet_table(path, name, rows, header, hidden))


def _sheet_table(
    path: Path, name: str, rows: Rows, header: HeaderMatch, hidden: HiddenCells | None
) -> RawTable:
    body = rows[header.row_index + 1 :]
    width = len(header.headers)
    frame = pd.DataFrame(body, dtype=object) if body else pd.DataFrame(columns=range(width))
    return RawTable(
        path=str(path),
        sheet=name,
        header=header,
        frame=frame,
        first_row=header.row_index + 2,
        rows_above=header.row_index + 1,
        format=path.suffix.lower().lstrip("."),
        notes=hidden_notes(hidden, name, header.row_index + 2),
    )


def _refuse_headless(
    path: Path, sheets: list[tuple[str, Rows]], profile: Mapping[str, str] | None
) -> None:
    """No sheet has a ledger header: the error of the sheet nearest to one, if any is near."""
    best: tuple[int, str, Rows] | None = None
    for name, rows in sheets:
        guess = guess_ledger_header(rows, profile, HEADER_SCAN)
        if guess is None:
            continue
        score = len(guess.recognised)
        if score and (best is None or score > best[0]):
            best = (score, name, rows)
    if best is not None:
        others = [n for n, _rows in sheets if n != best[1]]
        raise no_header_error(path, best[1], best[2], profile, others)
