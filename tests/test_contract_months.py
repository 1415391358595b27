"""Month arithmetic of contract end dates: the same dates as ``pd.DateOffset``, vectorised."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from achats_durables.contracts.months import add_months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),  # clipped to the month's last day
        ("2024-01-31", 1, "2024-02-29"),  # leap year
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-12-31", 2, "2026-02-28"),
        ("2025-12-15", 1, "2026-01-15"),  # across the year
        ("2025-05-01", 0, "2025-05-01"),
        ("2025-08-31 13:45:10", 6, "2026-02-28 13:45:10"),  # time of day kept
        ("1999-11-30", 1199, "2099-10-30"),
    ],
)
def test_month_ends_by_hand(start: str, months: int, expected: str) -> None:
    got = add_months(np.array([np.datetime64(start, "ns")]), np.array([months]))
    assert got[0] == np.datetime64(expected, "ns")


def test_same_dates_as_dateoffset_over_every_day_of_four_years() -> None:
    days = pd.date_range("2023-01-01", "2026-12-31", freq="D")
    rng = np.random.default_rng(3)
    months = rng.integers(0, 1200, len(days))
    expected = [d + pd.DateOffset(months=int(m)) for d, m in zip(days, months, strict=True)]
    got = add_months(days.to_numpy(), months)
    assert list(pd.DatetimeIndex(got)) == expected


def test_past_the_nanosecond_range_is_no_date() -> None:
    got = add_months(np.array([np.datetime64("2261-06-30", "ns")]), np.array([12]))
    assert np.isnat(got[0])


def test_register_end_dates_from_fractional_durations(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from achats_durables.contracts.read import read_contracts

    from .conftest import write_csv

    header = ["N° marché", "Objet", "Code CPV", "Montant HT", "Date de notification"]
    header += ["Durée (mois)", "Considérations sociales", "Considérations environnementales"]
    rows = [
        ["A", "Nettoyage", "90911200", "1000", "31/01/2025", "2,5", "Sans objet", "Sans objet"],
        ["B", "Nettoyage", "90911200", "1000", "31/12/2024", "3,5", "Sans objet", "Sans objet"],
        ["C", "Nettoyage", "90911200", "1000", "31/01/2025", "0,6", "Sans objet", "Sans objet"],
        ["D", "Nettoyage", "90911200", "1000", "31/01/2025", "0,4", "Sans objet", "Sans objet"],
        ["E", "Nettoyage", "90911200", "1000", "29/02/2024", "12", "Sans objet", "Sans objet"],
    ]
    path = tmp_path / "registre.csv"
    write_csv(path, [header, *rows])
    frame = read_contracts([path]).frame
    # durations rounded half to even (2,5 → 2; 3,5 → 4), then the day clipped to the month
    assert list(frame["end_date"]) == [
        pd.Timestamp("2025-03-31"),
        pd.Timestamp("2025-04-30"),
        pd.Timestamp("2025-02-28"),
        pd.Timestamp("2025-01-31"),
        pd.Timestamp("2025-02-28"),
    ]
