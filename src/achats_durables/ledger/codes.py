"""Codes and text of ledger cells, vectorised over the distinct values of a column: accounts,
CPV codes, SIRET/SIREN, expense/receipt markers, budget nomenclatures, free text.
"""

from __future__ import annotations

import re

import pandas as pd

from achats_durables.core.text import fold, nomenclature_code
from achats_durables.ledger.cells import as_object, digits_text, text_per_unique


def normalize_accounts(values: pd.Series) -> pd.Series:
    """Accounting natures as digit strings (see :func:`_normalize_accounts`)."""
    return text_per_unique(values, _normalize_accounts)


def _normalize_accounts(values: pd.Series) -> pd.Series:
    """Accounting natures as digit strings.

    ``6064``, ``6064.0``, ``"6064"``; combined imputations ``011-6064-020`` or ``6064/020``: the
    nature is the longest digit group not starting with 0 (chapters 011/012 and functions 020
    start with 0), the first one on a tie.
    """
    text = digits_text(values)
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
    return text_per_unique(values, _normalize_cpv)


def _normalize_cpv(values: pd.Series) -> pd.Series:
    text = digits_text(values)
    digits = text.str.replace(r"^(\d{7,8})(?:[-\s]?\d)?$", r"\1", regex=True)
    digits = digits.where(digits.str.fullmatch(r"\d{7,8}"), "")
    return digits.str.zfill(8).where(digits != "", "")


def normalize_siret(values: pd.Series) -> pd.Series:
    """SIRET/SIREN as digits only (spaces and dots removed, numbers restored to 14 or 9 digits)."""
    return text_per_unique(values, _normalize_siret)


def _normalize_siret(values: pd.Series) -> pd.Series:
    obj = as_object(values)
    numeric = obj.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
    text = digits_text(values).str.replace(r"[\s\u00a0\u202f.\-]", "", regex=True)
    num_mask = numeric.to_numpy(dtype=bool)
    if num_mask.any():
        restored = text[num_mask].map(lambda t: t.zfill(14) if len(t) > 9 else t.zfill(9))
        text[num_mask] = restored
    return text.where(text.str.fullmatch(r"\d{9}|\d{14}"), text)


def normalize_free_text(values: pd.Series) -> pd.Series:
    """Like :func:`normalize_text` for columns with mostly distinct values (labels, numbers).

    Text columns read from CSV are stripped with Arrow compute (a categorical one on its
    distinct values); spreadsheet cells go through :func:`normalize_text`.
    """
    if values.dtype != object and pd.api.types.is_string_dtype(values.dtype):
        return values.fillna("").str.strip().reset_index(drop=True)
    if _string_categories(values):  # CSV columns read as categoricals: stripped only
        return text_per_unique(values, lambda u: u.fillna("").str.strip())
    return normalize_text(values)


def _string_categories(values: pd.Series) -> bool:
    dtype = values.dtype
    return isinstance(dtype, pd.CategoricalDtype) and (
        dtype.categories.dtype != object and pd.api.types.is_string_dtype(dtype.categories.dtype)
    )


def normalize_direction(values: pd.Series) -> pd.Series:
    """Expense/receipt markers as ``D`` / ``R`` (« Dépense », « D », « Recette », « R », « DEP »)."""

    def classify(uniques: pd.Series) -> pd.Series:
        folded = digits_text(uniques).map(fold)
        return folded.map(
            lambda t: "R" if t.startswith("r") else ("D" if t.startswith("d") else t.upper())
        )

    return text_per_unique(values, classify)


def normalize_nomenclature(values: pd.Series) -> pd.Series:
    """Budget nomenclatures as short codes: ``M14-M14_COM_SUP3500`` → ``M14``, ``M4-M49_D`` → ``M49``."""
    return text_per_unique(values, lambda u: digits_text(u).map(nomenclature_code))


def normalize_text(values: pd.Series) -> pd.Series:
    """Free text cells as stripped strings ('' when blank; whole numbers without ``.0``)."""
    return text_per_unique(values, digits_text)
