"""Dates of French public-finance exports, vectorised: date/datetime cells, Excel serial
numbers, ``31/12/2025``, ISO, ``31.12.2025``. Year 9999 (« no end date ») reads as no date;
years pandas cannot hold are unreadable, never a crash.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from achats_durables.ledger.cells import as_object, factorize, gather, is_blank

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def parse_dates(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Parse dates: date/datetime cells, Excel serial numbers, ``31/12/2025``, ISO, ``31.12.2025``."""
    codes, uniques = factorize(values)
    dates, bad = _parse_dates(uniques)
    stamps = gather(dates.to_numpy(dtype="datetime64[ns]"), codes, np.datetime64("NaT", "ns"))
    return pd.Series(stamps, dtype="datetime64[ns]"), gather(bad, codes, False)


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
    obj = as_object(values)
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
