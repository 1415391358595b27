"""Supplier-specific intensities (``fournisseurs.yaml``) ahead of the sector ratio.

A counted line on the monetary path (mapped, not physical) whose supplier SIRET starts with a
listed SIREN takes the supplier's intensity (kgCO2e per k€ HT of its euro-year, the spend
brought to that euro-year by the price index as for ratios) and its uncertainty. The line stays
« mapped »: the reconciliation does not move. Per-line values are gathered from a supplier ×
year table by index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.footprint.supplier_units import listed_codes
from achats_durables.knowledge.factors import PriceIndex
from achats_durables.knowledge.suppliers import Supplier


@dataclass(frozen=True)
class SupplierValues:
    """Per line: the supplier used (index in the file's order, -1 for none) and its figures."""

    code: np.ndarray
    value: np.ndarray  # kgCO2e per k€ HT of the supplier's euro-year (NaN off the path)
    euro_year: np.ndarray
    ratio: np.ndarray  # price-index multiplier from the line's year to the euro-year
    uncertainty: np.ndarray
    conversions: dict[tuple[int, int], int]  # (year, euro-year) → lines converted
    missing: dict[int, int]  # year without a price index value → year used

    @property
    def used(self) -> np.ndarray:
        return self.code >= 0


def supplier_codes(
    sirets: pd.Series, eligible: np.ndarray, suppliers: Sequence[Supplier]
) -> np.ndarray:
    """Index of the listed supplier with a per-k€ intensity whose SIREN starts each eligible
    line's SIRET, else -1 (per-unit ones: :mod:`.supplier_units`)."""
    codes = listed_codes(sirets, suppliers)
    per_keur = np.array([not s.per_unit for s in suppliers] + [False])
    return np.where(eligible & per_keur[codes], codes, -1).astype(np.int64)


def supplier_values(
    code: np.ndarray, years: np.ndarray, suppliers: Sequence[Supplier], index: PriceIndex
) -> SupplierValues:
    """The supplier figures of each line, from a supplier × year table."""
    n = len(code)
    value, euro_year = np.full(n, np.nan), np.full(n, np.nan)
    ratio, unc = np.ones(n), np.full(n, np.nan)
    conversions: dict[tuple[int, int], int] = {}
    missing: dict[int, int] = {}
    sel = code >= 0
    if sel.any():
        key = code[sel] * 10_000 + years[sel].astype(np.int64)
        inverse, uniq = pd.factorize(key)
        counts = np.bincount(inverse, minlength=len(uniq))
        t_ratio = np.ones(len(uniq))
        for k, combined in enumerate(uniq.tolist()):
            ey, year = suppliers[combined // 10_000].euro_year, combined % 10_000
            if ey != year:
                t_ratio[k], used = index.convert(year, ey)
                if used != year:
                    missing[year] = used
                conversions[(year, ey)] = conversions.get((year, ey), 0) + int(counts[k])
        s_value = np.array([s.intensity_kgco2e_per_keur or 0.0 for s in suppliers])
        s_year = np.array([s.euro_year for s in suppliers], dtype=float)
        s_unc = np.array([s.uncertainty for s in suppliers])
        c = code[sel]
        value[sel], euro_year[sel], unc[sel] = s_value[c], s_year[c], s_unc[c]
        ratio[sel] = t_ratio[inverse]
    return SupplierValues(code, value, euro_year, ratio, unc, conversions, missing)


def suppliers_used(
    code: np.ndarray,
    spend: np.ndarray,
    emissions_kg: np.ndarray,
    suppliers: Sequence[Supplier],
    quantity: np.ndarray | None = None,
) -> list[dict[str, Any]]:
    """The listed suppliers whose figure was used: spend HT and tCO2e, by tCO2e descending;
    a per-unit figure with the quantity it was applied to (``quantity``: per line, in the
    supplier's unit)."""
    sel = code >= 0
    if not suppliers or not sel.any():
        return []
    m = len(suppliers)
    lines = np.bincount(code[sel], minlength=m)
    spend_by = np.bincount(code[sel], weights=spend[sel], minlength=m)
    kg_by = np.bincount(code[sel], weights=emissions_kg[sel], minlength=m)
    qty = np.nan_to_num(quantity[sel]) if quantity is not None else np.zeros(int(sel.sum()))
    qty_by = np.bincount(code[sel], weights=qty, minlength=m)
    rows = [
        {
            "siren": s.siren,
            "name": s.name,
            **_intensity(s, float(qty_by[i])),
            "euro_year": s.euro_year,
            "scope": s.scope,
            "source": s.source,
            "uncertainty": s.uncertainty,
            "lines": int(lines[i]),
            "spend_excl_vat_eur": round(float(spend_by[i]), 2),
            "emissions_tco2e": round(float(kg_by[i]) / 1000, 6),
        }
        for i, s in enumerate(suppliers)
        if lines[i]
    ]
    return sorted(rows, key=lambda r: (-r["emissions_tco2e"], r["siren"]))


def _intensity(s: Supplier, quantity: float) -> dict[str, Any]:
    """The figure used: per k€ HT, or per unit with the quantity it was applied to."""
    if not s.per_unit:
        return {"intensity_kgco2e_per_keur": s.intensity_kgco2e_per_keur}
    return {
        "intensity_kgco2e_per_unit": s.intensity_kgco2e_per_unit,
        "unit": s.unit,
        "quantity": round(quantity, 6),
    }
