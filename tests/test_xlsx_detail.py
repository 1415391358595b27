"""The detail rows written in bulk read back as the values openpyxl would have written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from achats_durables.writers.xlsx_detail import DetailColumns, DetailRows
from achats_durables.writers.xlsx_lines import detail_shares
from achats_durables.writers.xlsx_sheet import EUR, _Sheet


def test_bulk_rows_keep_values_formats_and_text_cells(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    s = _Sheet(wb, "Lignes", (10, 10, 10, 10, 10), detail=True)
    s.append(["note"])
    s.header(["Texte", "Montant", "Date", "Année", "Vu"])
    frame = pd.DataFrame(
        {
            "text": ["a & <b>", '=HYPERLINK("x")', "", None],
            "amount": [0.1 + 0.2, 1000.0, np.nan, -2.5],
            "date": pd.to_datetime(["2025-01-06", "2025-12-31", None, "2024-02-29"]),
            "year": pd.Series([2025, None, 2024, 2025], dtype=object),
            "seen": [True, False, True, False],
        }
    )
    columns = DetailColumns(s.ws, frame, (None, EUR, "dd/mm/yyyy", None, None), "fr")
    rows = DetailRows(s, columns)
    s.finish_detail(5)
    rows.splice()
    path = tmp_path / "d.xlsx"
    wb.save(path)
    ws = load_workbook(path)["Lignes"]
    assert ws.max_row == 6
    assert ws.auto_filter.ref == "A2:E6"
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert values == [
        ["a & <b>", 0.3, dt.datetime(2025, 1, 6), 2025, "oui"],  # 16 digits, as openpyxl writes
        ['=HYPERLINK("x")', 1000, dt.datetime(2025, 12, 31), None, "non"],
        [None, None, None, 2024, "oui"],
        [None, -2.5, dt.datetime(2024, 2, 29), 2025, "non"],
    ]
    assert ws["A4"].data_type == "s"  # a text, never a formula
    assert ws["A4"].quotePrefix
    assert ws["B3"].number_format == EUR
    assert ws["C3"].number_format == "dd/mm/yyyy"
    assert ws["D3"].number_format == "General"


def test_sheets_share_the_rendered_columns(tmp_path: Path) -> None:
    """Two sheets showing rows of one frame: the second its own rows, numbered from its
    header, with the same cells as the first."""
    wb = Workbook(write_only=True)
    frame = pd.DataFrame(
        {
            "text": ["a", "b", "c", "a"],
            # short texts, 17-digit ones (written with 16 as openpyxl does) and one that is
            # long only because of its exponent
            "amount": [1.5, 2 / 3, 1234.5678901234567, 1.2345678901234567e-300],
        }
    )
    first = _Sheet(wb, "Toutes", (10, 10), detail=True)
    first.header(["Texte", "Montant"])
    columns = DetailColumns(first.ws, frame, (None, EUR), "fr")
    sheets = [(first, DetailRows(first, columns))]
    second = _Sheet(wb, "Quelques", (10, 10), detail=True)
    second.append(["note"])
    second.header(["Texte", "Montant"])
    sheets.append((second, DetailRows(second, columns, np.array([1, 3]))))
    for s, rows in sheets:
        s.finish_detail(2)
        rows.splice()
    path = tmp_path / "d.xlsx"
    wb.save(path)
    book = load_workbook(path)
    every = [[c.value for c in row] for row in book["Toutes"].iter_rows(min_row=2)]
    assert every == [
        ["a", 1.5],
        ["b", float(f"{2 / 3:.16g}")],
        ["c", float(f"{1234.5678901234567:.16g}")],
        ["a", float(f"{1.2345678901234567e-300:.16g}")],
    ]
    some = [[c.value for c in row] for row in book["Quelques"].iter_rows(min_row=3)]
    assert some == [every[1], every[3]]
    assert book["Quelques"].auto_filter.ref == "A2:B4"
    assert book["Quelques"]["B3"].number_format == EUR


@pytest.mark.parametrize(
    ("sizes", "total", "kept"),
    [
        ([100, 5, 0, 7, 1], 1_000, [100, 5, 0, 7, 1]),  # all fit: every list whole
        ([100, 5, 0, 70, 1], 40, [17, 5, 0, 17, 1]),  # short lists whole, the rest halved
        ([100, 50, 60], 31, [11, 10, 10]),  # equal shares, the odd row to the first
        ([100, 50, 60], 0, [0, 0, 0]),
        ([], 10, []),
    ],
)
def test_detail_shares(sizes: list[int], total: int, kept: list[int]) -> None:
    assert detail_shares(sizes, total) == kept
    assert sum(kept) == min(total, sum(sizes))
