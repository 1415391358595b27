"""The quantity path (DESIGN §5): lines computed from a quantity × a physical factor.

A line is computed from its quantity (energy, fuel, water, waste) when its winning rule names a
physical factor for the line's unit; energy without a quantity, from the spend and the user's
own price when ``achats.yaml`` gives one (``energy_prices``). The factor is the one of the year of
consumption, its upstream part kept apart. Per-line values come from small tables gathered by
index, never a loop over lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue, Location
from achats_durables.core.frames import map_distinct
from achats_durables.core.text import (
    CARRIERS,
    PHYSICAL_UNITS,
    base_unit,
    quantity_ratio,
    unit_code,
)
from achats_durables.knowledge.factors import Factor
from achats_durables.knowledge.mapping import Rule


@dataclass(frozen=True)
class PhysicalLines:
    """The lines a physical factor applies to, before their status is decided."""

    ids: list[str]  # the physical factors the rules name, sorted
    code: np.ndarray  # per line: index into ``ids``, −1 if not computed from a quantity
    quantity: np.ndarray  # per line: the quantity in the factor's unit (NaN if none)
    estimated: np.ndarray  # per line: the quantity is spend ÷ the user's price


@dataclass(frozen=True)
class PhysicalEmissions:
    """Per line computed from its quantity; the other lines hold NaN, 0 or ""."""

    factor_value: np.ndarray  # the factor of the year of consumption, per physical unit
    emissions_kg: np.ndarray  # quantity × factor
    upstream_kg: np.ndarray  # the upstream part of the emissions
    upstream_post: np.ndarray  # the BEGES post of the upstream part
    uncertainty: np.ndarray  # the factor's relative uncertainty
    beges: np.ndarray  # the factor's BEGES post


def physical_lines(
    lines: pd.DataFrame,
    ranked: list[Rule],
    w: np.ndarray,
    ok: np.ndarray,
    ht: np.ndarray,
    prices: tuple[tuple[str, float], ...],
    factor_units: Mapping[str, str],
) -> PhysicalLines:
    """Physical factor and quantity of each line: its own quantity, else spend ÷ its price.

    ``factor_units``: the unit of each physical factor (``t``, ``kWh``…), that quantities are
    converted to.
    """
    ids, pcode, quantity = _physical_codes(lines, ranked, w, ok, factor_units)
    estimated = _estimate_from_prices(ranked, w, ok & (pcode < 0), ht, prices, ids, pcode, quantity)
    return PhysicalLines(ids, pcode, quantity, estimated)


def _physical_codes(
    lines: pd.DataFrame,
    ranked: list[Rule],
    w: np.ndarray,
    ok: np.ndarray,
    factor_units: Mapping[str, str],
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Per line: the physical factor (index into the returned ids, −1 if none) and its quantity.

    A line is computed from its quantity when its winning rule names a physical factor for the
    line's unit (or one it converts to) and the quantity is given and non-zero. Units are
    normalised first (MWh → kWh, hl → L, g → kg), then converted to the factor's unit (t ↔ kg,
    L ↔ m3); a ``kWh PCS``/``kWh PCI`` quantity uses the rule's factor for that basis, else its
    plain ``kWh`` factor.
    """
    n = len(lines)
    no = np.full(n, -1, dtype=np.int64)
    ids = sorted({fid for r in ranked for fid in r.physical.values()})
    if not ids:
        return [], no, np.full(n, np.nan)
    units = list(PHYSICAL_UNITS)
    width = len(units) + 1
    table, ratio = _rule_unit_table(ranked, units, ids, factor_units)
    qty = lines["quantity"].to_numpy(dtype="float64", na_value=np.nan)
    if np.isnan(qty).all():
        return ids, no, np.full(n, np.nan)
    ucode = map_distinct(lines["unit"], lambda u: u.map(lambda t: _unit_index(t, units))).astype(
        np.int64
    )
    mult = map_distinct(lines["unit"], lambda u: u.map(lambda t: unit_code(t)[1])).astype(float)
    cell = w * width + ucode
    usable = ok & ~np.isnan(qty) & (qty != 0)
    pcode = np.where(usable, table[cell], -1)
    return ids, pcode, qty * mult * ratio[cell]


def _rule_unit_table(
    ranked: list[Rule], units: list[str], ids: list[str], factor_units: Mapping[str, str]
) -> tuple[np.ndarray, np.ndarray]:
    """Per (rule, line unit): the physical factor (index into ``ids``, −1 if none) and the ratio
    turning the line's quantity into the factor's unit.

    The rule's factor for the line's unit wins (a ``kWh PCS`` line falls back on the plain
    ``kWh`` factor); else one for a unit it converts to. The ratio goes to the factor's own
    unit (t → kg × 1 000, L → m3 × 0,001), whatever unit the rule names it under.
    """
    width = len(units) + 1
    table = np.full((len(ranked) + 1) * width, -1, dtype=np.int64)
    ratio = np.ones((len(ranked) + 1) * width)
    for i, r in enumerate(ranked):
        if not r.physical:
            continue
        for j, unit in enumerate(units):
            named = r.physical.get(unit) or r.physical.get(base_unit(unit))
            order = [named] if named else [r.physical[u] for u in sorted(r.physical)]
            found = [(f, quantity_ratio(unit, factor_units[f])) for f in order]
            fid, scale = next(((f, k) for f, k in found if k), (None, None))
            if fid and scale:
                table[i * width + j], ratio[i * width + j] = ids.index(fid), scale
    return table, ratio


def unusable_quantities(
    lines: pd.DataFrame, ranked: list[Rule], w: np.ndarray, ok: np.ndarray, phys: PhysicalLines
) -> list[Issue]:
    """One warning: lines whose quantity could not be used, its unit being none the winning rule's
    physical factors convert from (« m3 » for a per-tonne factor); they stay on their amount.

    A quantity without a unit is left to the reader's own warning (no unit column)."""
    has_units = np.array([bool(r.physical) for r in ranked] + [False])
    qty = lines["quantity"].to_numpy(dtype="float64", na_value=np.nan)
    unit = map_distinct(
        lines["unit"], lambda u: u.map(lambda t: "" if pd.isna(t) else str(t).strip())
    )
    bad = ok & has_units[w] & ~np.isnan(qty) & (qty != 0) & (phys.code < 0) & ~phys.estimated
    bad &= unit != ""
    if not bad.any():
        return []
    found = sorted(set(unit[bad].tolist()))
    expected = sorted({u for k in np.unique(w[bad]) for u in ranked[int(k)].physical})
    first = lines[bad].iloc[0]
    where = Location(str(first["source"]), str(first["sheet"] or "") or None, int(first["row"]))
    params = {"count": int(bad.sum()), "units": ", ".join(found), "expected": ", ".join(expected)}
    return [Issue("quantity-unit-not-convertible", params, where)]


def _estimate_from_prices(
    ranked: list[Rule],
    w: np.ndarray,
    candidates: np.ndarray,
    ht: np.ndarray,
    prices: tuple[tuple[str, float], ...],
    ids: list[str],
    pcode: np.ndarray,
    quantity: np.ndarray,
) -> np.ndarray:
    """Energy lines without a quantity: quantity = spend HT ÷ the user's price (in place).

    Only for rules naming a carrier with a price in ``energy_prices`` and a physical factor in
    the price's unit. Returns the mask of the lines so estimated.
    """
    n = len(w)
    if not prices or not ids:
        return np.zeros(n, dtype=bool)
    price_of = dict(prices)
    r_code = np.full(len(ranked) + 1, -1, dtype=np.int64)
    r_price = np.full(len(ranked) + 1, np.nan)
    for i, r in enumerate(ranked):
        unit = CARRIERS.get(r.carrier, "")
        fid = r.physical.get(unit)
        if r.carrier in price_of and fid:
            r_code[i], r_price[i] = ids.index(fid), price_of[r.carrier]
    estimated = candidates & (r_code[w] >= 0) & (ht != 0)
    pcode[estimated] = r_code[w][estimated]
    quantity[estimated] = ht[estimated] / r_price[w][estimated]
    return np.asarray(estimated, dtype=bool)


def _unit_index(text: str, units: list[str]) -> int:
    unit = unit_code(text)[0]
    return units.index(unit) if unit in units else len(units)


def physical_emissions(
    physical: np.ndarray,
    pcode: np.ndarray,
    years: np.ndarray,
    phys: PhysicalLines,
    factors: dict[str, Factor],
    issues: list[Issue],
) -> PhysicalEmissions:
    """Quantity × factor of the year of consumption, from a factor × year table (one info issue).

    ``physical``: the mapped lines computed from their quantity; ``pcode``: their factor.
    """
    n = len(physical)
    p_value = np.full(n, np.nan)
    upstream_kg = np.zeros(n)
    upstream_post = np.full(n, "", dtype=object)
    if not physical.any():
        nan, empty = np.full(n, np.nan), np.full(n, "", dtype=object)
        return PhysicalEmissions(p_value, nan, upstream_kg, upstream_post, nan, empty)
    none: list[object] = [None]
    phys_ids, quantity_used = phys.ids, phys.quantity
    p_u = np.array([factors[f].uncertainty for f in phys_ids] + none, dtype=float)
    p_beges = np.array([factors[f].beges for f in phys_ids] + [""], dtype=object)
    p_up_post = np.array([factors[f].upstream_beges for f in phys_ids] + [""], dtype=object)
    key = pcode[physical].astype(np.int64) * 10_000 + years[physical].astype(np.int64)
    inverse, uniq = pd.factorize(key)
    by_key = [(phys_ids[int(k) // 10_000], int(k) % 10_000) for k in uniq]
    values_by_key = np.array([factors[f].value_for(y) for f, y in by_key], dtype=float)
    upstream_by_key = np.array([factors[f].upstream_for(y) for f, y in by_key], dtype=float)
    p_value[physical] = values_by_key[inverse]
    upstream_kg[physical] = quantity_used[physical] * upstream_by_key[inverse]
    upstream_post = np.where(physical, p_up_post[pcode], "")
    emissions_kg = quantity_used * p_value
    _physical_issue(physical, pcode, phys_ids, factors, quantity_used, emissions_kg, issues)
    return PhysicalEmissions(
        p_value, emissions_kg, upstream_kg, upstream_post, p_u[pcode], p_beges[pcode]
    )


def _physical_issue(
    physical: np.ndarray,
    pcode: np.ndarray,
    ids: list[str],
    factors: dict[str, Factor],
    quantity: np.ndarray,
    emissions_kg: np.ndarray,
    issues: list[Issue],
) -> None:
    """One info issue: the quantities used and their tCO2e, factor by factor."""
    parts = []
    for k, fid in enumerate(ids):
        sel = physical & (pcode == k)
        if sel.any():
            f = factors[fid]
            parts.append(
                {
                    "factor": f.label,
                    "quantity": float(quantity[sel].sum()),
                    "unit": f.physical_unit,
                    "emissions": float(emissions_kg[sel].sum()) / 1000,
                }
            )
    issues.append(
        Issue(
            "physical-quantities-used",
            {"count": int(physical.sum()), "detail": parts},
            severity="info",
        )
    )
