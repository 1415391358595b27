"""Column primitives of the value parsers: cells as objects, blank cells, and the work done
once per distinct value then spread back to every row (columns repeat their values).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.frames import categorical


def as_object(values: pd.Series) -> pd.Series:
    return values.astype(object) if values.dtype != object else values


def is_blank(values: pd.Series) -> np.ndarray:
    """True where a cell is empty: None, NaN, or only white space."""
    obj = as_object(values)
    isna = obj.isna().to_numpy()
    as_str = obj.where(~isna, "").astype(str)
    return np.asarray(isna | (as_str.str.strip() == "").to_numpy(), dtype=bool)


def factorize(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes of the cells (-1 where missing) and the distinct cells, in order of first
    appearance; a categorical column gives the same, from its codes, in its categories' dtype."""
    values = values.reset_index(drop=True)
    if isinstance(values.dtype, pd.CategoricalDtype):
        return _factorize_categorical(values.array)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes, pd.Series(uniques)


def _factorize_categorical(values: pd.Categorical) -> tuple[np.ndarray, pd.Series]:
    codes, used = pd.factorize(np.asarray(values.codes), use_na_sentinel=False)
    missing = np.flatnonzero(used < 0)
    if len(missing):  # a missing cell is no distinct value: code -1, as pd.factorize gives
        k = int(missing[0])
        codes = np.where(codes == k, -1, codes - (codes > k))
        used = np.delete(used, k)
    return codes, pd.Series(values.categories.take(used).array)


def gather(per_unique: np.ndarray, codes: np.ndarray, fill: Any) -> np.ndarray:
    """Values of the uniques spread back to every row (code -1, a blank cell, gets ``fill``)."""
    spread: np.ndarray = np.append(per_unique, np.array([fill], dtype=per_unique.dtype))[codes]
    return spread


def digits_text(values: pd.Series) -> pd.Series:
    """Cells as text, numbers without a ``.0`` tail (accounts stored as numbers: 6064.0)."""
    obj = as_object(values)
    blank = is_blank(obj)
    text = obj.where(~blank, "").astype(str).str.strip()
    return text.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)


def text_per_unique(values: pd.Series, func: Any) -> pd.Series:
    """``func`` on the distinct cells only; a categorical Series of the results ('' if blank)."""
    codes, uniques = factorize(values)
    texts = pd.Series(func(uniques)).to_numpy(dtype=object, na_value="")
    cats = np.append(texts, np.array([""], dtype=object))
    return pd.Series(categorical(np.where(codes < 0, len(texts), codes), cats))
