"""Raw tables: the rows under a recognised header, as every ledger reader gives them.

:class:`RawTable` is what the readers return (:mod:`spreadsheet`, :mod:`csv_table` and the
public-finance formats of :mod:`formats`); :func:`canonical_lines` turns it into ledger lines.
:func:`no_header_error` is the error of a sheet or CSV file with no ledger header.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import LedgerError, Location
from achats_durables.i18n.messages import Text
from achats_durables.ledger.header_hints import guess_ledger_header, ledger_advice, missing_text
from achats_durables.ledger.headers import HEADER_SCAN, HeaderMatch
from achats_durables.ledger.input_shape import refuse_contracts, refuse_forecast_budget

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}


@dataclass(frozen=True)
class RawTable:
    """Rows under a header: ``frame`` columns are positions, ``first_row`` the row number of
    the first data row (1-based as a spreadsheet shows it)."""

    path: str
    sheet: str | None
    header: HeaderMatch
    frame: pd.DataFrame
    first_row: int
    rows_above: int  # title rows + the header row
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    notes: list[str | Text] = field(default_factory=list)
    # Per row: "" to keep, else the French reason the reader set the row aside (status skipped).
    skip_reason: np.ndarray | None = None
    # What the file says of itself: entity, siret, year, nomenclature, budget, producer, document.
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SheetScan:
    """What was found in a workbook: the ledger tables and the sheets set aside."""

    tables: list[RawTable]
    ignored_sheets: list[tuple[str, str]]  # (sheet, reason)
    all_sheets: list[str]


def no_header_error(
    path: Path,
    sheet: str | None,
    rows: list[list[Any]],
    profile: Mapping[str, str] | None,
    others: list[str] | None = None,
) -> LedgerError:
    """The error of a sheet or CSV with no ledger header: a contracts file or a forecast budget
    is refused as such; otherwise the message shows the header row seen, the missing field and
    the ``columns:`` snippet of the likeliest column (:mod:`header_hints`)."""
    guess = guess_ledger_header(rows, profile, HEADER_SCAN)
    loc = Location(str(path), sheet)
    if guess is None:
        return LedgerError("ledger-no-header-empty", loc, scanned=HEADER_SCAN, seen=_seen(rows))
    cells = rows[guess.row_index]
    refuse_contracts(path, sheet, cells)
    refuse_forecast_budget(path, sheet, cells)
    return LedgerError(
        "ledger-no-header",
        loc,
        scanned=HEADER_SCAN,
        missing=missing_text(guess.missing),
        row=guess.row_index + 1,
        seen=guess.seen(),
        advice=ledger_advice(guess),
        sheets=Text("hint-other-sheets", sheets=", ".join(f"« {n} »" for n in others))
        if others
        else "",
    )


def _seen(rows: list[list[Any]]) -> str:
    for row in rows[:HEADER_SCAN]:
        cells = [str(c).strip() for c in row if str(c).strip()]
        if len(cells) >= 2:
            return ", ".join(f"« {c} »" for c in cells[:12])
    return "aucune"
