"""Contract references as compared everywhere (the footprint's CPV inheritance, ``achats
clauses``, the plans): its own module so that a footprint, which normalises the contract numbers
of its lines, does not import the contract frame and its readers (:mod:`.model`)."""

from __future__ import annotations

import pandas as pd


def normalize_ref(values: pd.Series) -> pd.Series:
    """Contract references compared without case, spaces or punctuation differences."""
    text = values.astype(object).fillna("").astype(str).str.upper()
    return text.str.replace(r"[\s./_]", "", regex=True).str.replace("–", "-", regex=False)
