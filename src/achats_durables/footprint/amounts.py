"""Amounts of the ledger lines: as read (HT where given, else TTC) and excluding VAT.

A TTC amount is brought to HT by the first basis available: the line's VAT amount, the line's
rate, the rate of its rule's category, else the default rate (:data:`VAT_BASES`). Vectorised.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

VAT_BASES = (
    "",
    "HT",
    "TTC − montant de TVA",
    "TTC ÷ (1 + taux de la ligne)",
    "TTC ÷ (1 + taux de la catégorie)",
    "TTC ÷ (1 + taux par défaut)",
)


def amounts_excl_vat(
    lines: pd.DataFrame, category_rate: np.ndarray, default_rate: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """HT amount of each line, the basis used (index into :data:`VAT_BASES`), the rate applied."""
    ht_raw = lines["amount_excl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    ttc = lines["amount_incl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    vat_amount = lines["vat_amount"].to_numpy(dtype="float64", na_value=np.nan)
    line_rate = lines["vat_rate"].to_numpy(dtype="float64", na_value=np.nan)
    has_ttc = ~np.isnan(ttc)
    use_ht = ~np.isnan(ht_raw)
    by_vat_amount = ~use_ht & has_ttc & ~np.isnan(vat_amount)
    by_line = ~use_ht & ~by_vat_amount & has_ttc & ~np.isnan(line_rate)
    by_category = ~use_ht & ~by_vat_amount & ~by_line & has_ttc & ~np.isnan(category_rate)
    by_default = ~use_ht & ~by_vat_amount & ~by_line & ~by_category & has_ttc
    rate = np.where(by_line, line_rate, np.where(by_category, category_rate, default_rate))
    with np.errstate(invalid="ignore"):
        ht = np.where(use_ht, ht_raw, np.where(by_vat_amount, ttc - vat_amount, ttc / (1.0 + rate)))
    ht = np.nan_to_num(np.round(ht, 2), nan=0.0)
    basis = np.select([use_ht, by_vat_amount, by_line, by_category, by_default], [1, 2, 3, 4, 5], 0)
    applied = np.where(by_line | by_category | by_default, rate, np.nan)
    return ht, basis, applied


def raw_amount(lines: pd.DataFrame) -> np.ndarray:
    """Each line's amount as the ledger states it: HT where given, else TTC (NaN if neither)."""
    ht = lines["amount_excl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    ttc = lines["amount_incl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    return np.where(np.isnan(ht), ttc, ht)


@dataclass(frozen=True)
class LineAmounts:
    """The amounts of each line, 0 (NaN for the rate) on the lines not counted."""

    raw: np.ndarray  # as the ledger states it (HT where given, else TTC), to the cent, every line
    read: np.ndarray  # ``raw`` on the counted lines: what reconciles with the ledger
    excl_vat: np.ndarray
    vat_basis: np.ndarray  # index into :data:`VAT_BASES`
    vat_rate: np.ndarray  # the rate a TTC amount was divided by


def counted_amounts(
    lines: pd.DataFrame,
    counted: np.ndarray,
    ht: np.ndarray,
    basis_code: np.ndarray,
    applied_rate: np.ndarray,
) -> LineAmounts:
    """The amounts kept on the ``counted`` lines (from :func:`amounts_excl_vat`)."""
    # The amount as the ledger states it (HT where given, else TTC): what reconciles with it.
    raw = np.nan_to_num(np.round(raw_amount(lines), 2), nan=0.0)
    return LineAmounts(
        raw=raw,
        read=np.where(counted, raw, 0.0),
        excl_vat=np.where(counted, ht, 0.0),
        vat_basis=np.where(counted, basis_code, 0),
        vat_rate=np.where(counted, applied_rate, np.nan),
    )
