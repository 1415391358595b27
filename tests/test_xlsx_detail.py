"""The detail rows written in bulk read back as the values openpyxl would have written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook, load_workbook

from achats_durables.writers.xlsx_detail import DetailRows
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
    rows = DetailRows(s, frame, (None, EUR, "dd/mm/yyyy", None, None))
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
