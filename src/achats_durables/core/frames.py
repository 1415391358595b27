"""Column helpers for million-line frames: text as categoricals (codes + a few distinct values).

Text columns of the line frames are ``pd.Categorical`` or explicit ``object`` Series: never
left for pandas to infer, which would copy every string into a new array. Functions of text
run on the distinct values only and are spread back to the lines by their integer codes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd


def codes_of(values: pd.Series | pd.Categorical | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes and distinct values (object array) of a column; blanks stay values."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        values = values.array
    if isinstance(values, pd.Categorical):
        cats = np.asarray(values.categories, dtype=object)
        codes = np.asarray(values.codes, dtype=np.int64)
        if (codes < 0).any():
            cats = np.append(cats, np.array([""], dtype=object))
            codes = np.where(codes < 0, len(cats) - 1, codes)
        return codes, cats
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return np.asarray(codes, dtype=np.int64), np.asarray(uniques, dtype=object)


def categorical(codes: np.ndarray, categories: Sequence[Any] | np.ndarray) -> pd.Categorical:
    """A categorical from codes into ``categories`` (duplicates among categories are merged)."""
    cats = np.asarray(categories, dtype=object)
    inner, uniq = pd.factorize(cats, use_na_sentinel=False)
    if len(uniq) != len(cats):
        codes = inner[codes]
        cats = np.asarray(uniq, dtype=object)
    return pd.Categorical.from_codes(
        np.asarray(codes, dtype=np.int64), categories=pd.Index(cats, dtype=object)
    )


def map_distinct(
    values: pd.Series | pd.Categorical | np.ndarray, func: Callable[[pd.Series], Any]
) -> np.ndarray:
    """``func`` applied to the distinct values (as an object Series), spread back to every line."""
    codes, cats = codes_of(values)
    result: np.ndarray = np.asarray(func(pd.Series(cats, dtype=object)))
    spread: np.ndarray = result[codes]
    return spread


def object_series(values: np.ndarray) -> pd.Series:
    """An object Series that pandas will not convert to its string type."""
    return pd.Series(np.asarray(values, dtype=object), dtype=object)
