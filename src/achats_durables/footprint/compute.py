"""Carbon footprint of a ledger with monetary ratios (DESIGN §5), vectorised over lines.

``compute_footprint(ledger, factor_sets, rules)`` gives every line a final status — ``mapped``,
``unmapped``, ``excluded``, ``rejected`` or ``skipped`` — its amount excluding VAT (converted from
TTC where needed), the factor and euro-year used and its emissions; :mod:`aggregate` then builds
the :class:`~achats_durables.footprint.report.FootprintReport`. No Python loop runs over lines: per-line
values come from small tables (one entry per rule, factor, factor × year) gathered by index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from achats_durables.core.errors import FactorError, Issue, LedgerError, Location
from achats_durables.core.frames import categorical, map_distinct, object_series
from achats_durables.core.text import CARRIERS, PHYSICAL_UNITS, base_unit, fold, unit_code
from achats_durables.footprint.aggregate import build_report, year_ranges
from achats_durables.footprint.contract_cpv import CPV_SOURCES, inherit_cpv, inherited_issues
from achats_durables.footprint.report import (
    INTRA_GROUP_RULE,
    STATUSES,
    FootprintOptions,
    FootprintReport,
)
from achats_durables.i18n.formatting import format_eur
from achats_durables.knowledge.assign import assign_rules
from achats_durables.knowledge.factors import (
    Factor,
    FactorSet,
    PriceIndex,
    load_price_index,
    merge_factors,
)
from achats_durables.knowledge.mapping import NO_RULE, Rule, RuleSet, check_factors
from achats_durables.knowledge.rule_scope import restrict_rules, set_aside_issues
from achats_durables.ledger.read import Ledger

# How a counted line's emissions were obtained (DESIGN §5 method hierarchy), "" if not counted.
METHODS = ("", "quantity", "quantity_estimated", "ratio", "proxy")
UNQUANTIFIED_REASON = (
    "énergie achetée sans quantité : à quantifier (kWh, litres) ou prix dans energy_prices"
)
INTRA_GROUP_REASON = "Flux interne au groupe (entité listée dans group_sirens) : hors achats"
VAT_BASES = (
    "",
    "HT",
    "TTC − montant de TVA",
    "TTC ÷ (1 + taux de la ligne)",
    "TTC ÷ (1 + taux de la catégorie)",
    "TTC ÷ (1 + taux par défaut)",
)


def compute_footprint(
    ledger: Ledger,
    factor_sets: Sequence[FactorSet],
    rules: RuleSet,
    index: PriceIndex | None = None,
    options: FootprintOptions | None = None,
) -> FootprintReport:
    """Footprint of ``ledger``: every line annotated, then aggregated (see module doc)."""
    options = options or FootprintOptions()
    index = index or load_price_index()
    factors = merge_factors(factor_sets)
    rules = restrict_rules(rules, factor_sets)  # shipped rules of sets not loaded step aside
    check_factors(rules, factors, [fs.id for fs in factor_sets])
    issues: list[Issue] = [*ledger.issues, *set_aside_issues(rules)]
    lines = ledger.lines
    n = len(lines)
    read_status = np.asarray(lines["read_status"].to_numpy(dtype=object))
    reason = lines["read_reason"].to_numpy(dtype=object).copy()
    ok = read_status == "ok"
    skipped = read_status == "skipped"
    years, ok, skipped = _fiscal_years(lines, ok, skipped, reason, options, ledger, issues)
    if options.entity:
        ok, skipped = _only_entity(lines, ok, skipped, reason, options.entity, ledger, issues)
    # a line without CPV takes its contract's (register, else majority of its lines)
    cpv_used, cpv_source = inherit_cpv(lines, read_status == "ok", options.contract_cpv)
    issues.extend(inherited_issues(lines, np.where(ok, cpv_source, 0)))

    # --- rules: one winner per line, then per-rule tables gathered by the winner's index -------
    ranked = rules.ranked()
    cond = pd.DataFrame(
        {
            "account": lines["account"],
            "cpv": cpv_used,
            "supplier_siret": lines["supplier_siret"],
            "label": lines["label"],
            "supplier": lines["supplier"],
            "entity": lines["entity"],
            "contract": lines["contract_ref"],
            "nomenclature": lines["nomenclature"],
        }
    )
    winner = assign_rules(cond, rules)
    winner[~ok] = NO_RULE
    w = np.where(winner == NO_RULE, len(ranked), winner)  # last entry: "no rule"
    none: list[object] = [None]
    rule_ids = np.array([r.id for r in ranked] + [""], dtype=object)
    factor_ids = sorted({r.factor for r in ranked if r.factor})
    factor_pos = {f: i for i, f in enumerate(factor_ids)}
    rule_factor = np.array([factor_pos.get(r.factor or "", -1) for r in ranked] + [-1])
    rule_exclude = np.array([r.exclude or "" for r in ranked] + [""], dtype=object)
    rule_proxy = np.array([r.proxy for r in ranked] + [False], dtype=bool)
    rule_u = np.array(
        [np.nan if r.uncertainty is None else r.uncertainty for r in ranked] + none, dtype=float
    )
    rule_vat = np.array(
        [np.nan if r.vat_rate is None else r.vat_rate for r in ranked] + none, dtype=float
    )
    rule_beges = np.array([r.beges or "" for r in ranked] + [""], dtype=object)
    rule_prop = np.array([r.status == "proposition" for r in ranked] + [False], dtype=bool)
    rule_quantify = np.array([r.quantify for r in ranked] + [False], dtype=bool)
    fcode = rule_factor[w]
    excluded = ok & (rule_exclude[w] != "")
    mapped = ok & (fcode >= 0)
    quantify = ok & rule_quantify[w]
    reason = np.where(excluded, rule_exclude[w], reason)
    rule_index = w.copy()

    # --- amounts excluding VAT ----------------------------------------------------------------
    ht, basis_code, applied_rate = _amounts_excl_vat(lines, rule_vat[w], options.default_vat_rate)

    # Lines with a quantity in a unit the rule knows are computed from it (energy, fuel, water,
    # waste); energy without a quantity, from the user's own price when achats.yaml gives one.
    phys_ids, pcode, quantity_used = _physical_codes(lines, ranked, w, ok)
    estimated = _estimate_from_prices(
        ranked, w, ok & (pcode < 0), ht, options.energy_prices, phys_ids, pcode, quantity_used
    )
    physical = pcode >= 0
    excluded &= ~physical
    mapped |= physical
    fcode = np.where(physical, -1, fcode)
    unquantified = quantify & ~physical

    internal = np.zeros(n, dtype=bool)
    if options.group_sirens:
        group = set(options.group_sirens)
        in_group = map_distinct(lines["supplier_siret"], lambda c: c.str.slice(0, 9).isin(group))
        internal = ok & in_group.astype(bool)
        excluded |= internal
        mapped &= ~internal
        unquantified &= ~internal
        reason = np.where(internal, INTRA_GROUP_REASON, reason)
        rule_index = np.where(internal, len(ranked) + 1, rule_index)
    physical &= mapped
    estimated &= physical
    unmapped = ok & ~mapped & ~excluded & ~unquantified
    reason = np.where(unmapped, "aucune règle ne s'applique", reason)
    reason = np.where(unquantified, UNQUANTIFIED_REASON, reason)
    fcode = np.where(mapped, fcode, -1)
    pcode = np.where(physical, pcode, -1)
    counted = mapped | unmapped | excluded | unquantified
    status_code = np.select(
        [mapped, unmapped, excluded, skipped, unquantified], [0, 1, 2, 4, 5], default=3
    )  # rejected is what remains
    ht = np.where(counted, ht, 0.0)
    # The amount as the ledger states it (HT where given, else TTC): what reconciles with it.
    raw = np.nan_to_num(np.round(_raw_amount(lines), 2), nan=0.0)
    read = np.where(counted, raw, 0.0)
    basis_code = np.where(counted, basis_code, 0)
    applied_rate = np.where(counted, applied_rate, np.nan)

    # --- factors, euro-years, emissions -------------------------------------------------------
    value, euro_year, ratio, conversions = _factor_values(
        fcode, years, factor_ids, factors, index, issues
    )
    f_u = np.array([factors[f].uncertainty for f in factor_ids] + none, dtype=float)
    f_beges = np.array([factors[f].beges for f in factor_ids] + [""], dtype=object)
    f_label = np.array([factors[f].label for f in factor_ids] + [""], dtype=object)
    u = np.where(np.isnan(rule_u[w]), f_u[fcode], rule_u[w])
    capital = map_distinct(lines["account"], lambda c: c.str.startswith("2")).astype(bool)
    beges = np.where(rule_beges[w] != "", rule_beges[w], np.where(capital, "4.2", f_beges[fcode]))
    emissions_kg = np.where(mapped & ~physical, ht * ratio / 1000.0 * value, 0.0)
    partial = False
    if options.amortisation_years and options.amortisation_years > 1:
        # BEGES option: a capital good counts 1/N of its emissions in each of N years. Past
        # years' annuities are not in this ledger: the total is this year's annuity only.
        amortised = mapped & ~physical & capital
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
                        "annuity": f"{full / options.amortisation_years:.1f}".replace(".", ","),
                        "full": f"{full:.1f}".replace(".", ","),
                    },
                )
            )
    # physical lines: quantity × factor of the year of consumption; its upstream part apart
    p_value = np.full(n, np.nan)
    upstream_kg = np.zeros(n)
    upstream_post = np.full(n, "", dtype=object)
    if physical.any():
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
        emissions_kg = np.where(physical, quantity_used * p_value, emissions_kg)
        u = np.where(physical, p_u[pcode], u)
        beges = np.where(physical, p_beges[pcode], beges)
        _physical_issue(physical, pcode, phys_ids, factors, quantity_used, emissions_kg, issues)
    u = np.where(mapped, u, np.nan)
    beges = np.where(mapped, beges, "")
    proxy = mapped & ~physical & rule_proxy[w]
    method = np.select([physical & ~estimated, estimated, proxy, mapped], [1, 2, 4, 3], default=0)

    rules_col = np.append(rule_ids, INTRA_GROUP_RULE)
    # monetary factors first, then physical ones, then "" for lines without a factor
    none_code = len(factor_ids) + len(phys_ids)
    factor_codes = np.where(
        physical, len(factor_ids) + pcode, np.where(fcode >= 0, fcode, none_code)
    )
    annotated = lines.drop(columns=["read_status", "read_reason"]).assign(
        year=years,
        cpv_used=cpv_used,
        cpv_source=categorical(cpv_source, CPV_SOURCES),
        status=categorical(status_code, STATUSES),
        reason=object_series(reason),
        rule=categorical(np.where(counted, rule_index, len(rules_col)), np.append(rules_col, "")),
        factor=categorical(factor_codes, np.array([*factor_ids, *phys_ids, ""], dtype=object)),
        factor_label=categorical(
            factor_codes,
            np.array([*f_label[:-1], *(factors[f].label for f in phys_ids), ""], dtype=object),
        ),
        method=categorical(method, METHODS),
        proxy=proxy,
        proposition=mapped & rule_prop[w],
        beges_post=categorical(*pd.factorize(beges)),
        amount_read_eur=read,
        amount_excl_vat_eur=ht,
        vat_basis=categorical(basis_code, VAT_BASES),
        vat_rate_applied=applied_rate,
        euro_year=np.where(mapped & ~physical, euro_year, np.nan),
        price_index_ratio=np.where(mapped & ~physical, ratio, np.nan),
        factor_kgco2e_per_keur=np.where(mapped & ~physical, value, np.nan),
        quantity_used=np.where(physical, quantity_used, np.nan),
        quantity_estimated=estimated,
        physical_factor_value=p_value,
        uncertainty_rel=u,
        emissions_kgco2e=emissions_kg,
        upstream_kgco2e=upstream_kg,
        upstream_post=categorical(*pd.factorize(upstream_post)),
    )
    # What the reader read in the perimeter, summed apart from any status: the invariant that
    # build_report checks against the statuses.
    expected_read_cents = int(np.round(raw[ok] * 100).astype(np.int64).sum())
    return build_report(
        annotated,
        ledger,
        factor_sets,
        rules,
        index,
        options.monte_carlo,
        options.seed,
        issues,
        conversions,
        internal,
        options,
        expected_read_cents=expected_read_cents,
        partial=partial,
    )


def _fiscal_years(
    lines: pd.DataFrame,
    ok: np.ndarray,
    skipped: np.ndarray,
    reason: np.ndarray,
    options: FootprintOptions,
    ledger: Ledger,
    issues: list[Issue],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each line's fiscal year; ``--year`` skips the other years (counted, with a reason)."""
    years = lines["year"].to_numpy(dtype="float64", na_value=np.nan).copy()
    where = Location(ledger.inputs[0].path if ledger.inputs else None)
    known = ok & ~np.isnan(years)
    present = sorted(int(y) for y in pd.unique(years[known]))
    if options.year is not None:
        other = known & (years != options.year)
        if other.any() and not (ok & ~other).any():
            raise LedgerError(
                "ledger-year-absent",
                where,
                year=options.year,
                available=", ".join(map(str, present)),
            )
        if other.any():
            amount = np.nansum(np.where(other, _raw_amount(lines), 0.0))
            issues.append(
                Issue(
                    "other-year-skipped",
                    {
                        "count": int(other.sum()),
                        "year": options.year,
                        "amount": format_eur(float(amount)),
                    },
                    severity="info",
                )
            )
            ok = ok & ~other
            skipped = skipped | other
            reason[other] = f"autre exercice que {options.year}"
        years[ok & np.isnan(years)] = options.year
        return years, ok, skipped
    missing = ok & np.isnan(years)
    if missing.any():
        if not present:
            raise LedgerError("ledger-no-year", where)
        dominant = int(pd.Series(years[known]).value_counts().index[0])
        years[missing] = dominant
        issues.append(Issue("year-defaulted", {"count": int(missing.sum()), "year": dominant}))
    if len(present) > 1:
        issues.append(Issue("multiple-years", {"years": ", ".join(map(str, present))}))
    return years, ok, skipped


def _only_entity(
    lines: pd.DataFrame,
    ok: np.ndarray,
    skipped: np.ndarray,
    reason: np.ndarray,
    entity: str,
    ledger: Ledger,
    issues: list[Issue],
) -> tuple[np.ndarray, np.ndarray]:
    """``--entity``: keep one entity (by name, or by SIREN/SIRET); the others are skipped, counted.

    Several spellings of the same entity may be given separated by ``|`` (« Ville de Blois|214100182 »).
    """
    wanted_names = {fold(a.strip()) for a in entity.split("|")}
    prefixes = tuple(
        d[:9] if len(d) == 9 else d
        for d in (re.sub(r"\D", "", a) for a in entity.split("|"))
        if len(d) in (9, 14)
    )

    def by_name(values: pd.Series) -> pd.Series:
        return values.map(fold).isin(wanted_names)

    def by_id(values: pd.Series) -> pd.Series:
        return values.str.startswith(prefixes) if prefixes else values.map(lambda _v: False)

    keep = map_distinct(lines["entity"], by_name).astype(bool)
    if prefixes:
        keep |= map_distinct(lines["entity_id"], by_id).astype(bool)
    other = ok & ~keep
    shown = entity.split("|")[0]
    if not (ok & keep).any():
        names = sorted({str(e) for e in pd.unique(lines["entity"].astype(object)) if str(e)})
        raise LedgerError(
            "ledger-entity-absent",
            Location(ledger.inputs[0].path if ledger.inputs else None),
            entity=shown,
            available=", ".join(f"« {n} »" for n in names[:12]) + (" …" if len(names) > 12 else "")
            or "aucune",
        )
    if other.any():
        issues.append(
            Issue(
                "other-entity-skipped",
                {"count": int(other.sum()), "entity": shown},
                severity="info",
            )
        )
        reason[other] = f"autre entité que « {shown} »"
    return ok & ~other, skipped | other


def _amounts_excl_vat(
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


def _factor_values(
    fcode: np.ndarray,
    years: np.ndarray,
    factor_ids: list[str],
    factors: dict[str, Factor],
    index: PriceIndex,
    issues: list[Issue],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[tuple[int, int], int]]:
    """Ratio, euro-year and price-index multiplier of each line, from a factor × year table."""
    n = len(fcode)
    value = np.full(n, np.nan)
    euro_year = np.full(n, np.nan)
    ratio = np.ones(n)
    conversions: dict[tuple[int, int], int] = {}
    missing: dict[int, int] = {}  # year without a price index value → year used
    sel = fcode >= 0
    if not sel.any():
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
    if missing:  # one alert for all the years the index lacks, not one per factor and year
        issues.append(
            Issue(
                "index-year-missing",
                {
                    "years": year_ranges(list(missing)),
                    "used": ", ".join(map(str, sorted(set(missing.values())))),
                },
            )
        )
    return value, euro_year, ratio, conversions


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


def _physical_issue(
    physical: np.ndarray,
    pcode: np.ndarray,
    ids: list[str],
    factors: dict[str, Factor],
    quantity: np.ndarray,
    emissions_kg: np.ndarray,
    issues: list[Issue],
) -> None:
    parts = []
    for k, fid in enumerate(ids):
        sel = physical & (pcode == k)
        if sel.any():
            f = factors[fid]
            parts.append(
                f"{f.label} : {format_eur(float(quantity[sel].sum())).removesuffix(' €')} "
                f"{f.physical_unit}, {float(emissions_kg[sel].sum()) / 1000:.1f} tCO2e".replace(
                    ".", ","
                )
            )
    issues.append(
        Issue(
            "physical-quantities-used",
            {"count": int(physical.sum()), "detail": "; ".join(parts)},
            severity="info",
        )
    )


def _raw_amount(lines: pd.DataFrame) -> np.ndarray:
    ht = lines["amount_excl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    ttc = lines["amount_incl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    return np.where(np.isnan(ht), ttc, ht)
