"""Pure text → value parsing for French public-finance exports, vectorised over pandas Series.

Each ``parse_*`` function takes a Series of raw cells (strings, numbers, dates or empty) and
returns the parsed values with a boolean mask of cells that were present but unreadable. Scalar
helpers (``parse_amount``…) wrap them for tests and single values.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import LedgerError
from achats_durables.core.text import fold, nomenclature_code

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007']+")
_CURRENCY_END = re.compile(r"(?i)\s*(€|eur|euros?|ht|ttc)$")
_CURRENCY_START = re.compile(r"(?i)^(€|eur)\s*")
_NUMBER = re.compile(
    r"[-+]?(\d{1,3}(_\d{3})+|\d+)(\.\d+)?|[-+]?\.\d+|[-+]?\d+(\.\d+)?e[-+]?\d+", re.I
)
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _as_object(values: pd.Series) -> pd.Series:
    return values.astype(object) if values.dtype != object else values


def is_blank(values: pd.Series) -> np.ndarray:
    """True where a cell is empty: None, NaN, or only white space."""
    obj = _as_object(values)
    isna = obj.isna().to_numpy()
    as_str = obj.where(~isna, "").astype(str)
    return np.asarray(isna | (as_str.str.strip() == "").to_numpy(), dtype=bool)


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


def _factorize(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    codes, uniques = pd.factorize(values.reset_index(drop=True), use_na_sentinel=True)
    return codes, pd.Series(uniques)


def _gather(per_unique: np.ndarray, codes: np.ndarray, fill: Any) -> np.ndarray:
    """Values of the uniques spread back to every row (code -1, a blank cell, gets ``fill``)."""
    spread: np.ndarray = np.append(per_unique, np.array([fill], dtype=per_unique.dtype))[codes]
    return spread


def parse_vat_rates(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Parse VAT rates given as ``20``, ``20 %``, ``0,2``, ``5,5`` → fractions (0.2, 0.055)."""
    codes, uniques = _factorize(values)
    rates, bad = _parse_vat_rates(uniques)
    return _gather(rates, codes, np.nan), _gather(bad, codes, False)


def _parse_vat_rates(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Parse VAT rates given as ``20``, ``20 %``, ``0,2``, ``5,5`` → fractions (0.2, 0.055).

    A number ≥ 1 or followed by ``%`` is a percentage; below 1 it is already a fraction.
    """
    obj = _as_object(values)
    blank = is_blank(obj)
    as_str = obj.where(~blank, "").astype(str)
    percent = as_str.str.contains("%", regex=False).to_numpy(dtype=bool)
    cleaned = obj.where(~percent, as_str.str.replace("%", "", regex=False))
    rates, bad = parse_amounts(cleaned)
    rates = np.where(percent | (rates >= 1.0), rates / 100.0, rates)
    return rates, bad


def parse_dates(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Parse dates: date/datetime cells, Excel serial numbers, ``31/12/2025``, ISO, ``31.12.2025``."""
    codes, uniques = _factorize(values)
    dates, bad = _parse_dates(uniques)
    stamps = _gather(dates.to_numpy(dtype="datetime64[ns]"), codes, np.datetime64("NaT", "ns"))
    return pd.Series(stamps, dtype="datetime64[ns]"), _gather(bad, codes, False)


# Dates pandas can hold (nanoseconds: 1677-09-21 to 2262-04-11); year 9999 is the usual « no
# end date » of contract registers: read as open-ended (no date), never as an error.
_DATE_YEARS = (1678, 2261)
OPEN_ENDED_YEAR = 9999


def _date_year(values: pd.Series, is_dt: np.ndarray) -> np.ndarray:
    """The year each cell names (NaN when none can be seen), before any date arithmetic."""
    years = np.full(len(values), np.nan)
    if is_dt.any():
        years[is_dt] = [float(v.year) for v in values[is_dt]]
    rest = ~is_dt
    if rest.any():
        text = values[rest].astype(str).str.strip()
        found = text.str.extract(r"(?<!\d)(\d{4})(?!\d)", expand=False)
        years[rest] = pd.to_numeric(found, errors="coerce").to_numpy(dtype="float64")
        serial = pd.to_numeric(values[rest], errors="coerce").to_numpy(dtype="float64")
        with np.errstate(invalid="ignore"):  # Excel serials of the year 9999
            y9999 = (serial >= 2_958_101) & (serial < 2_958_466)
        years[np.flatnonzero(rest)[y9999]] = OPEN_ENDED_YEAR
    return years


def _parse_dates(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    obj = _as_object(values)
    blank = is_blank(obj)
    n = len(obj)
    result = pd.Series(pd.NaT, index=obj.index, dtype="datetime64[ns]")
    is_dt = obj.map(lambda v: isinstance(v, (dt.date, dt.datetime, pd.Timestamp))).to_numpy(
        dtype=bool
    )
    year = _date_year(obj, is_dt)
    open_ended = year == OPEN_ENDED_YEAR
    out_of_range = ~np.isnan(year) & ((year < _DATE_YEARS[0]) | (year > _DATE_YEARS[1]))
    blank = blank | open_ended  # « 31/12/9999 »: no end date
    is_dt = is_dt & ~out_of_range
    if is_dt.any():
        result[is_dt] = pd.to_datetime(obj[is_dt].map(pd.Timestamp), errors="coerce")
    rest = ~blank & ~is_dt & ~out_of_range
    if rest.any():
        sub = obj[rest]
        numeric = pd.to_numeric(sub, errors="coerce")
        serial = numeric.notna() & (numeric > 1000) & (numeric < 120000)
        parsed = pd.Series(pd.NaT, index=sub.index, dtype="datetime64[ns]")
        if serial.any():
            parsed[serial] = _EXCEL_EPOCH + pd.to_timedelta(numeric[serial].astype(float), unit="D")
        text = sub[~serial].astype(str).str.strip().str.slice(0, 19)
        for fmt in (
            "%d/%m/%Y",
            "%Y-%m-%d",
            "%d/%m/%y",
            "%d-%m-%Y",
            "%d.%m.%Y",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M:%S",
            "%d/%m/%Y %H:%M:%S",
            "%d/%m/%Y %H:%M",
        ):
            todo = parsed[~serial].isna()
            if not todo.any():
                break
            idx = todo[todo].index
            parsed[idx] = pd.to_datetime(text[idx], format=fmt, errors="coerce")
        result[rest] = parsed
    bad = np.asarray(result.isna().to_numpy() & ~blank, dtype=bool)
    assert len(bad) == n
    return result, bad


def parse_years(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Parse fiscal years (``2025``, ``2025.0``, ``« 2025 »``) → float array (NaN if blank)."""
    codes, uniques = _factorize(values)
    nums, bad = parse_amounts(uniques)
    nums, bad = _gather(nums, codes, np.nan), _gather(bad, codes, False)
    ok = ~np.isnan(nums)
    invalid = ok & ((nums < 1990) | (nums > 2100) | (nums != np.floor(nums)))
    nums[invalid] = np.nan
    return nums, bad | invalid


def _digits_text(values: pd.Series) -> pd.Series:
    """Cells as text, numbers without a ``.0`` tail (accounts stored as numbers: 6064.0)."""
    obj = _as_object(values)
    blank = is_blank(obj)
    text = obj.where(~blank, "").astype(str).str.strip()
    return text.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)


def _text_per_unique(values: pd.Series, func: Any) -> pd.Series:
    """``func`` on the distinct cells only; a categorical Series of the results ('' if blank)."""
    from achats_durables.core.frames import categorical

    codes, uniques = _factorize(values)
    texts = pd.Series(func(uniques)).to_numpy(dtype=object, na_value="")
    cats = np.append(texts, np.array([""], dtype=object))
    return pd.Series(categorical(np.where(codes < 0, len(texts), codes), cats))


def normalize_accounts(values: pd.Series) -> pd.Series:
    """Accounting natures as digit strings (see :func:`_normalize_accounts`)."""
    return _text_per_unique(values, _normalize_accounts)


def _normalize_accounts(values: pd.Series) -> pd.Series:
    """Accounting natures as digit strings.

    ``6064``, ``6064.0``, ``"6064"``; combined imputations ``011-6064-020`` or ``6064/020``: the
    nature is the longest digit group not starting with 0 (chapters 011/012 and functions 020
    start with 0), the first one on a tie.
    """
    text = _digits_text(values)
    simple = text.str.fullmatch(r"\d*").to_numpy(dtype=bool)
    if simple.all():
        return text
    out = text.copy()
    out[~simple] = text[~simple].map(_nature_from_imputation)
    return out


def _nature_from_imputation(text: str) -> str:
    groups: list[str] = re.findall(r"\d+", text)
    if not groups:
        return ""
    candidates = [g for g in groups if not g.startswith("0")] or groups
    best = max(len(g) for g in candidates)
    return next(g for g in candidates if len(g) == best)


def normalize_cpv(values: pd.Series) -> pd.Series:
    """CPV codes as 8 digits (check digit dropped, leading zero restored): ``03142000``."""
    return _text_per_unique(values, _normalize_cpv)


def _normalize_cpv(values: pd.Series) -> pd.Series:
    text = _digits_text(values)
    digits = text.str.replace(r"^(\d{7,8})(?:[-\s]?\d)?$", r"\1", regex=True)
    digits = digits.where(digits.str.fullmatch(r"\d{7,8}"), "")
    return digits.str.zfill(8).where(digits != "", "")


def normalize_siret(values: pd.Series) -> pd.Series:
    """SIRET/SIREN as digits only (spaces and dots removed, numbers restored to 14 or 9 digits)."""
    return _text_per_unique(values, _normalize_siret)


def _normalize_siret(values: pd.Series) -> pd.Series:
    obj = _as_object(values)
    numeric = obj.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
    text = _digits_text(values).str.replace(r"[\s\u00a0\u202f.\-]", "", regex=True)
    num_mask = numeric.to_numpy(dtype=bool)
    if num_mask.any():
        restored = text[num_mask].map(lambda t: t.zfill(14) if len(t) > 9 else t.zfill(9))
        text[num_mask] = restored
    return text.where(text.str.fullmatch(r"\d{9}|\d{14}"), text)


def normalize_free_text(values: pd.Series) -> pd.Series:
    """Like :func:`normalize_text` for columns with mostly distinct values (labels, numbers).

    Text columns read from CSV are stripped in place with Arrow compute; spreadsheet cells go
    through :func:`normalize_text`.
    """
    if values.dtype != object and pd.api.types.is_string_dtype(values.dtype):
        return values.fillna("").str.strip().reset_index(drop=True)
    return normalize_text(values)


def normalize_direction(values: pd.Series) -> pd.Series:
    """Expense/receipt markers as ``D`` / ``R`` (« Dépense », « D », « Recette », « R », « DEP »)."""

    def classify(uniques: pd.Series) -> pd.Series:
        folded = _digits_text(uniques).map(fold)
        return folded.map(
            lambda t: "R" if t.startswith("r") else ("D" if t.startswith("d") else t.upper())
        )

    return _text_per_unique(values, classify)


def normalize_nomenclature(values: pd.Series) -> pd.Series:
    """Budget nomenclatures as short codes: ``M14-M14_COM_SUP3500`` → ``M14``, ``M4-M49_D`` → ``M49``."""
    return _text_per_unique(values, lambda u: _digits_text(u).map(nomenclature_code))


def normalize_text(values: pd.Series) -> pd.Series:
    """Free text cells as stripped strings ('' when blank; whole numbers without ``.0``)."""
    return _text_per_unique(values, _digits_text)
