"""Emissions of the mapped lines: spend × monetary ratio, or quantity × physical factor.

A monetary factor is given in euros of its own year: the spend is brought to that euro-year by
the price index (one alert for the years the index lacks). A capital good may be amortised over
N years (BEGES option). Per-line values come from factor × year tables gathered by index.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from achats_durables.core.errors import FactorError, Issue
from achats_durables.core.frames import map_distinct
from achats_durables.footprint.physical import physical_emissions
from achats_durables.footprint.report import FootprintOptions
from achats_durables.footprint.status import LineStatus
from achats_durables.footprint.supplier_data import supplier_codes, supplier_values
from achats_durables.footprint.supplier_units import UnitSupplierLines, unit_supplier_lines
from achats_durables.knowledge.factors import Factor, PriceIndex


@dataclass(frozen=True)
class LineEmissions:
    """Per line: its emissions and the factor values behind them (NaN, 0 or "" off the path)."""

    value: np.ndarray  # monetary factor, kgCO2e per k€ of its euro-year
    euro_year: np.ndarray  # the monetary factor's euro-year
    ratio: np.ndarray  # price-index multiplier from the line's year to the euro-year
    physical_value: np.ndarray  # physical factor of the year of consumption
    emissions_kg: np.ndarray
    upstream_kg: np.ndarray  # physical lines: the upstream part of their emissions
    upstream_post: np.ndarray
    uncertainty: np.ndarray  # relative, NaN off the mapped lines
    beges: np.ndarray  # BEGES post, "" off the mapped lines
    supplier: np.ndarray  # index of the listed supplier whose figure was used, -1 for none
    per_unit: UnitSupplierLines  # the lines computed from a supplier's per-unit intensity
    conversions: dict[tuple[int, int], int]  # (year, euro-year) → lines converted
    partial: bool  # capital goods amortised: the total is this year's annuity only


def line_emissions(
    lines: pd.DataFrame,
    status: LineStatus,
    ht: np.ndarray,
    years: np.ndarray,
    factors: dict[str, Factor],
    index: PriceIndex,
    options: FootprintOptions,
    issues: list[Issue],
) -> LineEmissions:
    """Emissions, uncertainty and BEGES post of each line (its issues appended)."""
    table, w = status.table, status.winner
    none: list[object] = [None]
    fcode, mapped, physical = status.fcode, status.mapped, status.physical
    # a listed supplier's own intensity wins over the sector ratio on the monetary path
    sup_code = supplier_codes(lines["supplier_siret"], mapped & ~physical, options.suppliers)
    sup = supplier_values(sup_code, years, options.suppliers, index)
    # a supplier's per-unit figure wins over the physical factor and the ratio
    unit = unit_supplier_lines(lines, mapped, options.suppliers, ht, issues)
    monetary = mapped & ~physical & ~unit.used
    on_ratio = np.where(sup.used | unit.used, -1, fcode)
    value, euro_year, ratio, conversions = factor_values(
        on_ratio, years, table.factor_ids, factors, index, issues, sup.missing
    )
    for pair, count in sup.conversions.items():
        conversions[pair] = conversions.get(pair, 0) + count
    value = np.where(sup.used, sup.value, value)
    euro_year = np.where(sup.used, sup.euro_year, euro_year)
    ratio = np.where(sup.used, sup.ratio, ratio)
    f_u = np.array([factors[f].uncertainty for f in table.factor_ids] + none, dtype=float)
    f_beges = np.array([factors[f].beges for f in table.factor_ids] + [""], dtype=object)
    rule_u, rule_beges = table.uncertainty[w], table.beges[w]
    u = np.where(sup.used, sup.uncertainty, np.where(np.isnan(rule_u), f_u[fcode], rule_u))
    capital = map_distinct(lines["account"], lambda c: c.str.startswith("2")).astype(bool)
    beges = np.where(rule_beges != "", rule_beges, np.where(capital, "4.2", f_beges[fcode]))
    emissions_kg = np.where(monetary, ht * ratio / 1000.0 * value, 0.0)
    emissions_kg, partial = _amortised(emissions_kg, monetary & capital, options, issues)
    # physical lines: quantity × factor of the year of consumption; its upstream part apart
    p = physical_emissions(physical & ~unit.used, status.pcode, years, status.phys, factors, issues)
    kg_used = [unit.quantity * unit.value, p.emissions_kg]
    emissions_kg = np.select([unit.used, physical], kg_used, emissions_kg)
    u = np.select([unit.used, physical], [unit.uncertainty, p.uncertainty], u)
    p_beges = np.array([factors[f].beges for f in status.phys.ids] + [""])[status.pcode]
    # goods bought as capital (class 2) go to 4.2, as on the monetary path
    beges = np.where(physical, np.where(capital & (p_beges == "4.1"), "4.2", p_beges), beges)
    return LineEmissions(
        value=value,
        euro_year=euro_year,
        ratio=ratio,
        physical_value=np.where(unit.used, unit.value, p.factor_value),
        emissions_kg=emissions_kg,
        upstream_kg=p.upstream_kg,
        upstream_post=p.upstream_post,
        uncertainty=np.where(mapped, u, np.nan),
        beges=np.where(mapped, beges, ""),
        supplier=np.where(unit.used, unit.code, sup_code),
        per_unit=unit,
        conversions=conversions,
        partial=partial,
    )


def _amortised(
    emissions_kg: np.ndarray,
    amortised: np.ndarray,
    options: FootprintOptions,
    issues: list[Issue],
) -> tuple[np.ndarray, bool]:
    """(emissions, partial): the ``amortised`` capital goods' emissions spread over N years."""
    partial = False
    if options.amortisation_years and options.amortisation_years > 1:
        # BEGES option: a capital good counts 1/N of its emissions in each of N years. Past
        # years' annuities are not in this ledger: the total is this year's annuity only.
        if amortised.any():
            full = float(emissions_kg[amortised].sum()) / 1000
            emissions_kg = np.where(
                amortised, emissions_kg / options.amortisation_years, emissions_kg
            )
            partial = True
            issues.append(
                Issue(
                    "capital-amortised",
                    {
                        "count": int(amortised.sum()),
                        "years": options.amortisation_years,
                        "annuity": full / options.amortisation_years,
                        "full": full,
                    },
                )
            )
    return emissions_kg, partial


def factor_values(
    fcode: np.ndarray,
    years: np.ndarray,
    factor_ids: list[str],
    factors: dict[str, Factor],
    index: PriceIndex,
    issues: list[Issue],
    missing_before: dict[int, int] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[tuple[int, int], int]]:
    """Ratio, euro-year and price-index multiplier of each line, from a factor × year table.

    ``missing_before``: years the index lacked for other figures (supplier data), in the same
    alert.
    """
    n = len(fcode)
    value = np.full(n, np.nan)
    euro_year = np.full(n, np.nan)
    ratio = np.ones(n)
    conversions: dict[tuple[int, int], int] = {}
    # year without a price index value → year used
    missing: dict[int, int] = dict(missing_before or {})
    sel = fcode >= 0
    if not sel.any():
        _missing_alert(missing, issues)
        return value, euro_year, ratio, conversions
    key = fcode[sel].astype(np.int64) * 10_000 + years[sel].astype(np.int64)
    inverse, uniq = pd.factorize(key)
    counts = np.bincount(inverse, minlength=len(uniq))
    t_value, t_ey, t_ratio = np.empty(len(uniq)), np.empty(len(uniq)), np.empty(len(uniq))
    for k, combined in enumerate(uniq.tolist()):
        f = factors[factor_ids[combined // 10_000]]
        year = combined % 10_000
        if f.kind != "monetary":
            raise FactorError(
                "factor-not-found", name=f.id, close="facteur physique : quantités requises"
            )
        ey = f.euro_year(year)
        mult = 1.0
        if ey != year:
            mult, used = index.convert(year, ey)
            if used != year:
                missing[year] = used
            conversions[(year, ey)] = conversions.get((year, ey), 0) + int(counts[k])
        t_value[k], t_ey[k], t_ratio[k] = f.values[ey], ey, mult
    value[sel], euro_year[sel], ratio[sel] = t_value[inverse], t_ey[inverse], t_ratio[inverse]
    _missing_alert(missing, issues)
    return value, euro_year, ratio, conversions


def _missing_alert(missing: dict[int, int], issues: list[Issue]) -> None:
    """One alert for all the years the index lacks, not one per factor and year."""
    if missing:
        issues.append(
            Issue(
                "index-year-missing",
                {
                    "years": sorted(missing),
                    "used": sorted(set(missing.values())),
                },
            )
        )
