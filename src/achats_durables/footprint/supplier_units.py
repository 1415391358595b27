"""Suppliers' intensities per unit delivered (kgCO2e per ``t``, ``repas``, ``kWh``…).

A mapped line of a supplier whose entry in the supplier file gives
``intensity_kgco2e_per_unit`` + ``unit``, with a quantity in a unit that converts to the
supplier's (kg → t, MWh → kWh, L → m3), is computed as quantity × intensity, ahead of the
physical factor and of the sector ratio. The other lines of that supplier keep their path, and
one warning says how many and why (no quantity, or a unit that does not convert), with the
supplier file entry that would let them use a supplier figure. Per-line values come from a
supplier × unit table gathered by index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue, Location
from achats_durables.core.frames import map_distinct
from achats_durables.core.text import quantity_ratio, unit_code
from achats_durables.i18n.messages import Text
from achats_durables.knowledge.suppliers import Supplier


@dataclass(frozen=True)
class UnitSupplierLines:
    """Per line computed from its supplier's per-unit intensity; the other lines hold -1 or NaN."""

    code: np.ndarray  # index of the supplier in the file's order, -1 for none
    quantity: np.ndarray  # the line's quantity in the supplier's unit
    value: np.ndarray  # the supplier's kgCO2e per unit
    uncertainty: np.ndarray

    @property
    def used(self) -> np.ndarray:
        return self.code >= 0


def listed_codes(sirets: pd.Series, suppliers: Sequence[Supplier]) -> np.ndarray:
    """Index of the listed supplier whose SIREN starts each line's SIRET, else -1."""
    n = len(sirets)
    if not suppliers or n == 0:
        return np.full(n, -1, dtype=np.int64)
    text = pd.Series(sirets.to_numpy(dtype=object), dtype=object).fillna("").astype(str)
    prefixes = text.str.slice(0, 9).to_numpy(dtype=object)
    return np.asarray(pd.Index([s.siren for s in suppliers]).get_indexer(pd.Index(prefixes)))


def unit_supplier_lines(
    lines: pd.DataFrame,
    eligible: np.ndarray,
    suppliers: Sequence[Supplier],
    ht: np.ndarray,
    issues: list[Issue],
) -> UnitSupplierLines:
    """The ``eligible`` lines computed from their supplier's per-unit intensity (the fallback
    warning appended to ``issues``)."""
    n = len(lines)
    nan = np.full(n, np.nan)
    per_unit = np.array([s.per_unit for s in suppliers] + [False])
    listed = listed_codes(lines["supplier_siret"], suppliers)
    candidates = eligible & per_unit[listed]
    if not candidates.any():
        return UnitSupplierLines(np.full(n, -1, dtype=np.int64), nan, nan, nan)
    qty = lines["quantity"].to_numpy(dtype="float64", na_value=np.nan)
    units = map_distinct(lines["unit"], lambda u: u.map(_unit_text))
    line_unit, inverse = np.unique(units.astype(str), return_inverse=True)
    scale = _scale_table(suppliers, [str(u) for u in line_unit])
    factor = scale[np.where(candidates, listed, 0), inverse]
    has_qty = ~np.isnan(qty) & (qty != 0)
    used = candidates & has_qty & ~np.isnan(factor)
    code = np.where(used, listed, -1).astype(np.int64)
    s_value = np.array([s.intensity_kgco2e_per_unit or 0.0 for s in suppliers])
    s_unc = np.array([s.uncertainty for s in suppliers])
    quantity = np.where(used, qty * factor, np.nan)
    value = np.where(used, s_value[listed], np.nan)
    unc = np.where(used, s_unc[listed], np.nan)
    fallback = candidates & ~used
    if fallback.any():
        no_qty = ~has_qty | (units == "")
        issues.append(_fallback_issue(lines, fallback, no_qty, listed, units, ht, suppliers))
    return UnitSupplierLines(code, quantity, value, unc)


def _unit_text(text: object) -> str:
    return "" if pd.isna(text) else str(text).strip()  # type: ignore[call-overload]


def _scale_table(suppliers: Sequence[Supplier], line_units: list[str]) -> np.ndarray:
    """Per (supplier, line unit): how many of the supplier's unit one line unit is (NaN when the
    units do not convert)."""
    table = np.full((len(suppliers), len(line_units)), np.nan)
    for i, s in enumerate(suppliers):
        if not s.per_unit:
            continue
        s_unit, s_mult = unit_code(s.unit)
        for j, text in enumerate(line_units):
            l_unit, l_mult = unit_code(text)
            ratio = quantity_ratio(l_unit, s_unit) if l_unit else None
            if ratio:
                table[i, j] = l_mult * ratio / s_mult
    return table


def _fallback_issue(
    lines: pd.DataFrame,
    fallback: np.ndarray,
    no_qty: np.ndarray,
    listed: np.ndarray,
    units: np.ndarray,
    ht: np.ndarray,
    suppliers: Sequence[Supplier],
) -> Issue:
    """One warning: the lines of per-unit suppliers that kept their ratio or physical factor."""
    detail = []
    for k in sorted(set(listed[fallback].tolist())):
        s = suppliers[k]
        for missing in (True, False):
            sel = fallback & (listed == k) & (no_qty == missing)
            if not sel.any():
                continue
            found = sorted({str(u) for u in units[sel]} - {""})
            hint = (
                Text("supplier-unit-hint-quantity", unit=s.unit, siren=s.siren)
                if missing
                else Text(
                    "supplier-unit-hint-unit",
                    units=", ".join(found),
                    unit=s.unit,
                    first=found[0] if found else "",
                    siren=s.siren,
                )
            )
            detail.append(
                {
                    "name": s.name,
                    "siren": s.siren,
                    "unit": s.unit,
                    "count": int(sel.sum()),
                    "spend": round(float(ht[sel].sum()), 2),
                    "hint": hint,
                }
            )
    first = lines[fallback].iloc[0]
    where = Location(str(first["source"]), str(first["sheet"] or "") or None, int(first["row"]))
    params = {
        "count": int(fallback.sum()),
        "spend": round(float(ht[fallback].sum()), 2),
        "detail": detail,
    }
    return Issue("supplier-unit-fallback", params, where)
