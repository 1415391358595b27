"""The quantity path (DESIGN §5): lines computed from a quantity × a physical factor.

A line is computed from its quantity (energy, fuel, water, waste) when its winning rule names a
physical factor for the line's unit; energy without a quantity, from the spend and the user's
own price when ``achats.yaml`` gives one (``energy_prices``). The factor is the one of the year of
consumption, its upstream part kept apart. Per-line values come from small tables gathered by
index, never a loop over lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue
from achats_durables.core.frames import map_distinct
from achats_durables.core.text import CARRIERS, PHYSICAL_UNITS, base_unit, unit_code
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
) -> PhysicalLines:
    """Physical factor and quantity of each line: its own quantity, else spend ÷ its price."""
    ids, pcode, quantity = _physical_codes(lines, ranked, w, ok)
    estimated = _estimate_from_prices(ranked, w, ok & (pcode < 0), ht, prices, ids, pcode, quantity)
    return PhysicalLines(ids, pcode, quantity, estimated)


def _physical_codes(
    lines: pd.DataFrame, ranked: list[Rule], w: np.ndarray, ok: np.ndarray
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Per line: the physical factor (index into the returned ids, −1 if none) and its quantity.

    A line is computed from its quantity when its winning rule names a physical factor for the
    line's unit and the quantity is given and non-zero. Units are normalised first (MWh → kWh,
    hl → L, kg → t); a ``kWh PCS``/``kWh PCI`` quantity uses the rule's factor for that basis,
    else its plain ``kWh`` factor.
    """
    n = len(lines)
    no = np.full(n, -1, dtype=np.int64)
    ids = sorted({fid for r in ranked for fid in r.physical.values()})
    if not ids:
        return [], no, np.full(n, np.nan)
    units = list(PHYSICAL_UNITS)
    width = len(units) + 1
    table = np.full((len(ranked) + 1) * width, -1, dtype=np.int64)
    for i, r in enumerate(ranked):
        for j, unit in enumerate(units):
            fid = r.physical.get(unit) or r.physical.get(base_unit(unit))
            if fid:
                table[i * width + j] = ids.index(fid)
    qty = lines["quantity"].to_numpy(dtype="float64", na_value=np.nan)
    if np.isnan(qty).all():
        return ids, no, np.full(n, np.nan)
    ucode = map_distinct(lines["unit"], lambda u: u.map(lambda t: _unit_index(t, units))).astype(
        np.int64
    )
    mult = map_distinct(lines["unit"], lambda u: u.map(lambda t: unit_code(t)[1])).astype(float)
    pcode = table[w * width + ucode]
    usable = ok & ~np.isnan(qty) & (qty != 0)
    pcode = np.where(usable, pcode, -1)
    return ids, pcode, qty * mult


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
