"""Pure text → value parsing for French public-finance exports, vectorised over pandas Series.

Each ``parse_*`` function takes a Series of raw cells (strings, numbers, dates or empty) and
returns the parsed values with a boolean mask of cells that were present but unreadable. Scalar
helpers (``parse_amount``…) wrap them for tests and single values.

This module parses amounts, VAT rates and years; dates are parsed by :mod:`dates`, codes and
text by :mod:`codes`. It is the one import point of value parsing: those are re-exported here.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import LedgerError
from achats_durables.ledger.cells import as_object, factorize, gather, is_blank
from achats_durables.ledger.codes import (
    normalize_accounts,
    normalize_cpv,
    normalize_direction,
    normalize_free_text,
    normalize_nomenclature,
    normalize_siret,
    normalize_text,
)
from achats_durables.ledger.dates import OPEN_ENDED_YEAR, parse_dates

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007']+")
_CURRENCY_END = re.compile(r"(?i)\s*(€|eur|euros?|ht|ttc)$")
_CURRENCY_START = re.compile(r"(?i)^(€|eur)\s*")
_NUMBER = re.compile(
    r"[-+]?(\d{1,3}(_\d{3})+|\d+)(\.\d+)?|[-+]?\.\d+|[-+]?\d+(\.\d+)?e[-+]?\d+", re.I
)

__all__ = [
    "MAX_AMOUNT_EUR",
    "OPEN_ENDED_YEAR",
    "implausible_amount",
    "is_blank",
    "normalize_accounts",
    "normalize_cpv",
    "normalize_direction",
    "normalize_free_text",
    "normalize_nomenclature",
    "normalize_siret",
    "normalize_text",
    "parse_amount",
    "parse_amounts",
    "parse_dates",
    "parse_vat_rates",
    "parse_years",
]


# No ledger line, balance account or contract amount of a French public buyer comes near ten
# billion euros: beyond it the cell is something else (a SIRET pasted in the amount column,
# a date serial, 1e25), and an infinite or enormous value would break the cent totals.
MAX_AMOUNT_EUR = 1e10


def _implausible(out: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.asarray(~np.isnan(out) & ~(np.abs(out) < MAX_AMOUNT_EUR), dtype=bool)


def implausible_amount(text: str) -> bool:
    """A cell that reads as a number, but not as a plausible amount (infinite or too large)."""
    cleaned = re.sub(r"[\s\u202f\u00a0€]", "", str(text)).replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return len(re.sub(r"\D", "", cleaned)) > 12  # 400 digits, or a SIRET with separators
    return not abs(value) < MAX_AMOUNT_EUR


def parse_amounts(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Parse amounts: numbers, ``1 234,56 €``, ``-12,50``, ``(12,50)``, ``12,50-``, ``1.234.567,89``.

    Returns ``(amounts, unreadable)``: float64 array (NaN where blank or unreadable) and a mask
    of cells that held something that is not an amount. Plain numbers take a vectorised path
    (Arrow compute for text columns, ``to_numeric`` for spreadsheet cells); only the other
    cells go through the French-format parser.
    """
    n = len(values)
    values = values.reset_index(drop=True)
    if isinstance(values.dtype, pd.CategoricalDtype):  # CSV text columns: each distinct cell once
        codes, uniques = factorize(values)
        parsed, unreadable = parse_amounts(uniques)
        return gather(parsed, codes, np.nan), gather(unreadable, codes, False)
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        out = values.to_numpy(dtype="float64", na_value=np.nan, copy=True)
        huge = _implausible(out)  # numeric columns too: one validation whatever the reader
        out[huge] = np.nan
        return out, huge
    out = np.full(n, np.nan)
    if values.dtype == object:
        isna = values.isna().to_numpy()
        out = pd.to_numeric(values, errors="coerce").to_numpy(
            dtype="float64", na_value=np.nan, copy=True
        )
        todo = np.isnan(out) & ~isna & (values != "").to_numpy(dtype=bool)
        rest = values[todo].astype(str).str.strip() if todo.any() else pd.Series([], dtype=object)
    else:  # text column (CSV)
        fast = _arrow_plain_numbers(values)
        if fast is not None:
            out, simple = fast
        else:
            simple = np.zeros(n, dtype=bool)
        todo = ~simple
        text = values[todo].fillna("").str.strip()
        keep = (text != "").to_numpy(dtype=bool, na_value=False)
        todo[np.flatnonzero(todo)[~keep]] = False
        rest = text[keep]
    blank_rest = np.zeros(n, dtype=bool)
    if todo.any():
        is_empty = (rest == "").to_numpy(dtype=bool)
        idx = np.flatnonzero(todo)
        blank_rest[idx[is_empty]] = True
        parse_idx = idx[~is_empty]
        if parse_idx.size:
            out[parse_idx] = _parse_amount_strings(rest[~is_empty].astype(object).astype(str))
    bad = todo & np.isnan(out) & ~blank_rest
    # infinities or absurd values are not amounts
    huge = _implausible(out)
    out[huge] = np.nan
    bad |= huge
    return out, bad


def _arrow_plain_numbers(values: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """Cells that are plain numbers (``-1234,56``, ``1234.5``) parsed with Arrow compute.

    Returns the floats (NaN elsewhere) and the mask of plain cells, or ``None`` without pyarrow.
    """
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:
        return None
    arr = (
        pa.chunked_array(pa.array(values.array))
        if not isinstance(values.array, pa.ChunkedArray)
        else values.array
    )
    arr = pc.fill_null(arr, "")
    plain = pc.match_substring_regex(arr, r"^[-+]?\d+(?:[.,]\d+)?$")
    cleaned = pc.if_else(plain, pc.replace_substring(arr, ",", "."), "nan")
    floats = pc.cast(cleaned, pa.float64()).to_numpy()
    return np.array(floats, dtype="float64"), np.asarray(
        plain.to_numpy(zero_copy_only=False), dtype=bool
    )


def _parse_amount_strings(raw: pd.Series) -> np.ndarray:
    s = raw.str.strip()
    negative_paren = s.str.match(r"^\(.*\)$").to_numpy(dtype=bool)
    s = s.str.replace(r"^\((.*)\)$", r"\1", regex=True).str.strip()
    for _ in range(2):  # "€ HT", "EUR TTC"
        s = s.str.replace(_CURRENCY_END, "", regex=True).str.replace(
            _CURRENCY_START, "", regex=True
        )
    trailing_minus = s.str.match(r"^[^-]*\d[^-]*-$").to_numpy(dtype=bool)
    s = s.str.replace(r"-$", "", regex=True)
    s = s.str.replace("\u2212", "-", regex=False)  # unicode minus
    s = s.str.replace(_SPACES, "_", regex=True)  # thousands separator candidates
    has_comma = s.str.contains(",", regex=False).to_numpy(dtype=bool)
    has_dot = s.str.contains(".", regex=False).to_numpy(dtype=bool)
    both = has_comma & has_dot
    if both.any():
        sub = s[both]
        comma_decimal = (sub.str.rfind(",") > sub.str.rfind(".")).to_numpy(dtype=bool)
        fixed = np.where(
            comma_decimal,
            sub.str.replace(".", "_", regex=False).str.replace(",", ".", regex=False),
            sub.str.replace(",", "_", regex=False),
        )
        s[both] = fixed
    only_comma = has_comma & ~has_dot
    if only_comma.any():
        sub = s[only_comma]
        many = sub.str.count(",") > 1
        s[only_comma] = sub.where(many, sub.str.replace(",", ".", regex=False)).where(
            ~many, sub.str.replace(",", "_", regex=False)
        )
    only_dot = has_dot & ~has_comma
    if only_dot.any():
        sub = s[only_dot]
        many = sub.str.count(r"\.") > 1
        s[only_dot] = sub.where(~many, sub.str.replace(".", "_", regex=False))
    valid = s.str.fullmatch(_NUMBER).to_numpy(dtype=bool)
    cleaned = s.str.replace("_", "", regex=False)
    out = pd.to_numeric(cleaned.where(valid, None), errors="coerce").to_numpy(
        dtype="float64", na_value=np.nan
    )
    sign = np.where(negative_paren | trailing_minus, -1.0, 1.0)
    return np.asarray(out * sign, dtype="float64")


def parse_amount(text: Any) -> float | None:
    """Parse one amount; ``None`` for a blank cell; :class:`LedgerError` if unreadable."""
    values, bad = parse_amounts(pd.Series([text], dtype=object))
    if bad[0]:
        raise LedgerError("row-amount-unreadable", value=str(text))
    return None if np.isnan(values[0]) else float(values[0])


def parse_vat_rates(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Parse VAT rates given as ``20``, ``20 %``, ``0,2``, ``5,5`` → fractions (0.2, 0.055)."""
    codes, uniques = factorize(values)
    rates, bad = _parse_vat_rates(uniques)
    return gather(rates, codes, np.nan), gather(bad, codes, False)


def _parse_vat_rates(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Parse VAT rates given as ``20``, ``20 %``, ``0,2``, ``5,5`` → fractions (0.2, 0.055).

    A number ≥ 1 or followed by ``%`` is a percentage; below 1 it is already a fraction.
    """
    obj = as_object(values)
    blank = is_blank(obj)
    as_str = obj.where(~blank, "").astype(str)
    percent = as_str.str.contains("%", regex=False).to_numpy(dtype=bool)
    cleaned = obj.where(~percent, as_str.str.replace("%", "", regex=False))
    rates, bad = parse_amounts(cleaned)
    rates = np.where(percent | (rates >= 1.0), rates / 100.0, rates)
    return rates, bad


def parse_years(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Parse fiscal years (``2025``, ``2025.0``, ``« 2025 »``) → float array (NaN if blank)."""
    codes, uniques = factorize(values)
    nums, bad = parse_amounts(uniques)
    nums, bad = gather(nums, codes, np.nan), gather(bad, codes, False)
    ok = ~np.isnan(nums)
    invalid = ok & ((nums < 1990) | (nums > 2100) | (nums != np.floor(nums)))
    nums[invalid] = np.nan
    return nums, bad | invalid
