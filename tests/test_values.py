from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from achats_durables.core.errors import LedgerError
from achats_durables.core.text import header_key
from achats_durables.i18n.formatting import format_amount
from achats_durables.ledger.values import (
    normalize_accounts,
    normalize_cpv,
    normalize_siret,
    parse_amount,
    parse_amounts,
    parse_dates,
    parse_vat_rates,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,56 €", 1234.56),
        ("1\u00a0234,56\u00a0€", 1234.56),
        ("1\u202f234,56", 1234.56),
        ("-12,50 €", -12.5),
        ("(12,50)", -12.5),
        ("12,50-", -12.5),
        ("1.234.567,89", 1234567.89),
        ("1,234.50", 1234.5),
        ("1234.5", 1234.5),
        ("0", 0.0),
        (1234.5, 1234.5),
        (12, 12.0),
        ("  42 EUR ", 42.0),
        ("−7,5", -7.5),
    ],
)
def test_parse_amount_french_forms(text: object, expected: float) -> None:
    assert parse_amount(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_parse_amount_blank_is_none(text: object) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["12,5 k€", "abc", "1 2 3,4,5.6", "12€50€"])
def test_parse_amount_unreadable_raises(text: str) -> None:
    with pytest.raises(LedgerError) as info:
        parse_amount(text)
    assert info.value.code == "row-amount-unreadable"


@given(
    st.decimals(
        min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False
    )
)
def test_amount_round_trip(value: object) -> None:
    as_float = float(value)  # type: ignore[arg-type]
    assert parse_amount(format_amount(as_float)) == pytest.approx(as_float, abs=0.005)
    assert parse_amount(format_amount(as_float) + " €") == pytest.approx(as_float, abs=0.005)


@given(st.text(max_size=30))
def test_parser_safety_any_text(text: str) -> None:
    try:
        value = parse_amount(text)
    except LedgerError:
        return
    assert value is None or np.isfinite(value)


def test_vectorised_mask_marks_only_unreadable() -> None:
    values, bad = parse_amounts(pd.Series(["1,5", "x", "", None, 3], dtype=object))
    assert bad.tolist() == [False, True, False, False, False]
    assert values[0] == 1.5
    assert values[4] == 3.0
    assert np.isnan(values[1:4]).all()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20", 0.2),
        ("20 %", 0.2),
        ("0,2", 0.2),
        ("0.2", 0.2),
        (5.5, 0.055),
        ("5,5%", 0.055),
        ("0", 0.0),
    ],
)
def test_vat_rates(text: object, expected: float) -> None:
    rates, bad = parse_vat_rates(pd.Series([text], dtype=object))
    assert not bad[0]
    assert rates[0] == pytest.approx(expected)


def test_dates_in_every_form() -> None:
    values = pd.Series(
        ["31/12/2025", "2025-12-31", 46022, dt.date(2025, 12, 31), "31.12.2025", "x", ""],
        dtype=object,
    )
    dates, bad = parse_dates(values)
    assert [d.date() for d in dates[:5]] == [dt.date(2025, 12, 31)] * 5
    assert bad.tolist() == [False] * 5 + [True, False]


def test_accounts_from_numbers_and_imputations() -> None:
    got = normalize_accounts(
        pd.Series(
            ["6064", 6064.0, "6064.0", "011-6064-020", "6064/020", "65-6574-025", ""], dtype=object
        )
    )
    assert got.tolist() == ["6064", "6064", "6064", "6064", "6064", "6574", ""]


def test_cpv_check_digit_and_leading_zero() -> None:
    got = normalize_cpv(
        pd.Series(["30192700-8", "30192700", 3142000, "03142000-8", "n/a"], dtype=object)
    )
    assert got.tolist() == ["30192700", "30192700", "03142000", "03142000", ""]


def test_siret_spaces_and_numbers() -> None:
    got = normalize_siret(
        pd.Series(["123 456 789 00012", 12345678900012.0, "123.456.789"], dtype=object)
    )
    assert got.tolist() == ["12345678900012", "12345678900012", "123456789"]


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("N° Marché", "n marche"),
        ("Montant H.T. (€)", "montant ht"),
        ("Numéro de mandat", "n mandat"),
        ("  LIBELLÉ ", "libelle"),
        ("Date de mandat", "date mandat"),
    ],
)
def test_header_key(header: str, key: str) -> None:
    assert header_key(header) == key
