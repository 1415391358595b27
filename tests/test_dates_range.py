"""Dates outside pandas' nanosecond range: read, open-ended, or rejected with a location,
never an internal error (issue 10 item 5)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from achats_durables.ledger.values import parse_dates

from .conftest import write_csv, write_xlsx
from .test_cli import invoke


def test_parse_dates_out_of_range_values() -> None:
    values = pd.Series(
        ["31/12/9999", "9999-12-31", 2958465, "01/01/0001", "15/06/1600", "01/01/2300",
         dt.date(9999, 12, 31), dt.datetime(1, 1, 1), "15/03/2025", 45731, None],
        dtype=object,
    )  # fmt: skip
    dates, bad = parse_dates(values)
    # 9999 is « no end date »: no date, not an error; other years beyond 1678–2261 are errors
    assert bad.tolist() == [False, False, False, True, True, True, False, True, False, False, False]
    assert dates.isna().tolist()[:8] == [True] * 8
    assert dates.iloc[8] == pd.Timestamp(2025, 3, 15)
    assert dates.iloc[9] == pd.Timestamp(2025, 3, 15)  # Excel serial 45731
    assert dates.isna().iloc[10]


def test_ledger_and_register_with_far_dates_exit_0(tmp_path: Path) -> None:
    ledger = write_xlsx(
        tmp_path / "gl.xlsx",
        [
            ["Exercice", "Nature", "Libellé", "Montant HT", "Date mandat"],
            [2025, "6064", "a", 100, dt.datetime(9999, 12, 31)],
            [2025, "6064", "b", 100, "01/01/0001"],
            [2025, "6064", "c", 100, dt.datetime(2025, 3, 15)],
        ],
    )
    result = invoke("footprint", str(ledger), "--format", "json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert data["reconciliation"]["spend_read_eur"] == 300.0
    bad = [i for i in data["issues"] if i["code"] == "row-date-unreadable"]
    assert [i["location"]["row"] for i in bad] == [3]
    register = write_csv(
        tmp_path / "registre.csv",
        [
            ["N° marché", "Objet", "Montant HT", "Date de notification", "Date de fin",
             "Considérations sociales", "Considérations environnementales"],
            ["M1", "x", "1000", "15/03/2025", "31/12/9999", "Clause sociale", "Sans objet"],
            ["M2", "y", "1000", "01/01/1600", "", "Sans objet", "Sans objet"],
        ],
    )  # fmt: skip
    result = invoke("clauses", str(register), "--format", "json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert data["totals"]["contracts"] == 2
    unreadable = [i for i in data["issues"] if i["code"] == "contract-value-unreadable"]
    assert len(unreadable) == 1
    assert "01/01/1600" in unreadable[0]["message"]
