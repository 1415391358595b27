"""Carbon footprint of a ledger with monetary ratios (DESIGN §5), vectorised over lines.

``compute_footprint(ledger, factor_sets, rules)`` gives every line a final status — ``mapped``,
``unmapped``, ``excluded``, ``rejected`` or ``skipped`` — its amount excluding VAT (converted from
TTC where needed), the factor and euro-year used and its emissions; :mod:`aggregate` then builds
the :class:`~achats_durables.footprint.report.FootprintReport`. No Python loop runs over lines: per-line
values come from small tables (one entry per rule, factor, factor × year) gathered by index.

The steps, one module each: the perimeter (:mod:`.perimeter`: read lines, ``--year``,
``--entity``), the winning rule (:mod:`.rule_table`), the amounts (:mod:`.amounts`), the
quantity path (:mod:`.physical`), the statuses (:mod:`.status`) and the emissions
(:mod:`.emissions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue
from achats_durables.core.frames import categorical, object_series
from achats_durables.footprint.activity import apply_activities
from achats_durables.footprint.aggregate import build_report, options_record
from achats_durables.footprint.amounts import (
    VAT_BASES,
    LineAmounts,
    amounts_excl_vat,
    counted_amounts,
)
from achats_durables.footprint.contract_cpv import CPV_SOURCES, inherit_cpv, inherited_issues
from achats_durables.footprint.data_requests import data_requests
from achats_durables.footprint.emissions import LineEmissions, line_emissions
from achats_durables.footprint.perimeter import select_perimeter
from achats_durables.footprint.physical import physical_lines, unusable_quantities
from achats_durables.footprint.report import (
    INTRA_GROUP_RULE,
    STATUS_CODES,
    STATUSES,
    FootprintOptions,
    FootprintReport,
)
from achats_durables.footprint.rule_table import RuleTable, winning_rules
from achats_durables.footprint.status import LineStatus, line_statuses
from achats_durables.footprint.supplier_data import suppliers_used
from achats_durables.knowledge.factors import (
    Factor,
    FactorSet,
    PriceIndex,
    load_price_index,
    merge_factors,
)
from achats_durables.knowledge.mapping import RuleSet, check_factors
from achats_durables.knowledge.rule_scope import restrict_rules, set_aside_issues
from achats_durables.knowledge.validation import validated_issues
from achats_durables.ledger.read import Ledger

# How a line's emissions were obtained (DESIGN §5 method hierarchy): « not_counted » for a line in
# scope that the total leaves out (unmapped, unquantified), "" for one out of scope (excluded,
# rejected, skipped). « activity »: spend replaced by an activity-data row.
METHODS = (
    "",
    "quantity",
    "quantity_estimated",
    "ratio",
    "proxy",
    "supplier",
    "activity",
    "not_counted",
)
LEFT_OUT = (STATUS_CODES["unmapped"], STATUS_CODES["unquantified"])


@dataclass
class AnnotatedLines:
    """A ledger's lines annotated (status, amount, factor, emissions), before the aggregation
    into a report: what ``achats explain`` reads of one line, with the report's ``inputs``,
    ``options``, ``activities`` and ``suppliers_used``."""

    lines: pd.DataFrame
    inputs: list[dict[str, Any]]
    options: dict[str, Any]
    activities: list[dict[str, Any]] | None
    suppliers_used: list[dict[str, Any]] | None


@dataclass
class _Annotation:
    """What the annotation of the lines hands to :func:`build_report`."""

    lines: pd.DataFrame
    rules: RuleSet
    index: PriceIndex
    issues: list[Issue]
    emissions: LineEmissions
    internal: np.ndarray
    expected_read_cents: int
    suppliers_used: list[dict[str, Any]] | None
    activities: list[dict[str, Any]] | None


def compute_footprint(
    ledger: Ledger,
    factor_sets: Sequence[FactorSet],
    rules: RuleSet,
    index: PriceIndex | None = None,
    options: FootprintOptions | None = None,
) -> FootprintReport:
    """Footprint of ``ledger``: every line annotated, then aggregated (see module doc)."""
    options = options or FootprintOptions()
    a = _annotate(ledger, factor_sets, rules, index, options)
    return build_report(
        a.lines,
        ledger,
        factor_sets,
        a.rules,
        a.index,
        options.monte_carlo,
        options.seed,
        a.issues,
        a.emissions.conversions,
        a.internal,
        options,
        expected_read_cents=a.expected_read_cents,
        partial=a.emissions.partial,
        suppliers_used=a.suppliers_used,
        activities=a.activities,
        data_requests=data_requests(a.lines),
    )


def annotate_lines(
    ledger: Ledger,
    factor_sets: Sequence[FactorSet],
    rules: RuleSet,
    index: PriceIndex | None = None,
    options: FootprintOptions | None = None,
) -> AnnotatedLines:
    """The lines of :func:`compute_footprint`'s report, without its tables and totals."""
    options = options or FootprintOptions()
    a = _annotate(ledger, factor_sets, rules, index, options)
    inputs = [i.to_dict() for i in ledger.inputs]
    return AnnotatedLines(a.lines, inputs, options_record(options), a.activities, a.suppliers_used)


def _annotate(
    ledger: Ledger,
    factor_sets: Sequence[FactorSet],
    rules: RuleSet,
    index: PriceIndex | None,
    options: FootprintOptions,
) -> _Annotation:
    """Every line of the ledger annotated (see module doc)."""
    index = index or load_price_index()
    factors, rules, issues = _prepared(ledger, factor_sets, rules, options)
    lines = ledger.lines
    scope = select_perimeter(ledger, options, issues)
    # a line without CPV takes its contract's (register, else majority of its lines)
    cpv_used, cpv_source = inherit_cpv(lines, scope.read, options.contract_cpv)
    issues.extend(inherited_issues(lines, np.where(scope.ok, cpv_source, 0)))
    table = RuleTable.of(rules.ranked(), frozenset(options.validated_rules))
    w = winning_rules(lines, cpv_used, rules, scope.ok, len(table.ranked))
    ht, basis_code, applied_rate = amounts_excl_vat(
        lines, table.vat_rate[w], options.default_vat_rate
    )
    # Lines with a quantity in a unit the rule knows (or converts to) are computed from it;
    # energy without a quantity, from the user's own price when achats.yaml gives one.
    units = {fid: f.physical_unit for fid, f in factors.items() if f.kind == "physical"}
    phys = physical_lines(lines, table.ranked, w, scope.ok, ht, options.energy_prices, units)
    issues.extend(unusable_quantities(lines, table.ranked, w, scope.ok, phys))
    status = line_statuses(lines, scope, table, w, phys, options.group_sirens)
    amounts = counted_amounts(lines, status.counted, ht, basis_code, applied_rate)
    emissions = line_emissions(
        lines, status, amounts.excl_vat, scope.years, factors, index, options, issues
    )
    annotated = lines.drop(columns=["read_status", "read_reason"]).assign(
        year=scope.years,
        cpv_used=cpv_used,
        cpv_source=categorical(cpv_source, CPV_SOURCES),
        **_annotations(status, amounts, emissions, factors, options),
    )
    annotated, internal, activities = _with_activities(
        annotated, scope.ok, status.internal, factors, options, issues
    )
    # What the reader read in the perimeter, summed apart from any status: the invariant that
    # build_report checks against the statuses.
    expected_read_cents = int(np.round(amounts.raw[scope.ok] * 100).astype(np.int64).sum())
    used = _suppliers_used(emissions, amounts, options)
    return _Annotation(
        annotated, rules, index, issues, emissions, internal, expected_read_cents, used, activities
    )


def _with_activities(
    annotated: pd.DataFrame,
    ok: np.ndarray,
    internal: np.ndarray,
    factors: dict[str, Factor],
    options: FootprintOptions,
    issues: list[Issue],
) -> tuple[pd.DataFrame, np.ndarray, list[dict[str, Any]] | None]:
    """The lines with the activity rows applied (they replace the spend they cover; rows
    without spend to spread over are lines of their own, appended), the intra-group mask
    over them, and the rows' records (None without an activity file)."""
    applied = apply_activities(
        annotated, ok, options.activities, factors, options.year, options.entity, issues
    )
    added = np.zeros(len(applied.lines) - len(annotated), dtype=bool)
    records = applied.records if options.activities else None
    return applied.lines, np.append(internal, added), records


def _suppliers_used(
    emissions: LineEmissions, amounts: LineAmounts, options: FootprintOptions
) -> list[dict[str, Any]] | None:
    """The listed suppliers whose figure was used (None without a supplier file)."""
    if not options.suppliers:
        return None
    return suppliers_used(
        emissions.supplier,
        amounts.excl_vat,
        emissions.emissions_kg,
        options.suppliers,
        emissions.per_unit.quantity,
    )


def _prepared(
    ledger: Ledger, factor_sets: Sequence[FactorSet], rules: RuleSet, options: FootprintOptions
) -> tuple[dict[str, Factor], RuleSet, list[Issue]]:
    """The factors by id, the rules of the sets loaded (checked against them), and the issues
    known before any line is computed (the reader's, rules set aside, unknown validated ids)."""
    factors = merge_factors(factor_sets)
    rules = restrict_rules(rules, factor_sets)  # shipped rules of sets not loaded step aside
    check_factors(rules, factors, [fs.id for fs in factor_sets])
    issues: list[Issue] = [*ledger.issues, *set_aside_issues(rules)]
    issues += validated_issues(rules, options.validated_rules, options.config_path)
    return factors, rules, issues


def _annotations(
    status: LineStatus,
    amounts: LineAmounts,
    emissions: LineEmissions,
    factors: dict[str, Factor],
    options: FootprintOptions,
) -> dict[str, Any]:
    """The columns each line is annotated with, in the order of the annotated frame."""
    table, w, phys = status.table, status.winner, status.phys
    mapped, physical, estimated = status.mapped, status.physical, status.estimated
    per_unit = emissions.per_unit.used  # quantity × the supplier's figure per unit
    quantity = np.where(per_unit, emissions.per_unit.quantity, phys.quantity)
    monetary = mapped & ~physical & ~per_unit
    supplied = emissions.supplier >= 0  # a listed supplier's own figure, ahead of any ratio
    proxy = monetary & table.proxy[w] & ~supplied
    left_out = np.isin(status.code, LEFT_OUT)  # in scope, not in the total: « not_counted »
    # a supplier's own figure first (per unit, it wins over a physical factor too)
    conditions = [supplied, physical & ~estimated, estimated, proxy, mapped, left_out]
    method = np.select(conditions, [5, 1, 2, 4, 3, 7], default=0)
    sources = np.array([*(s.source for s in options.suppliers), ""], dtype=object)
    rules_col = np.append(table.ids, INTRA_GROUP_RULE)
    factor_ids, phys_ids, fcode = table.factor_ids, phys.ids, status.fcode
    # monetary factors first, then physical ones, then "" for lines without a factor
    none_code = len(factor_ids) + len(phys_ids)
    factor_codes = np.where(
        physical, len(factor_ids) + status.pcode, np.where(fcode >= 0, fcode, none_code)
    )
    labels = [factors[f].label for f in (*factor_ids, *phys_ids)]
    rule_codes = np.where(status.counted, status.rule_index, len(rules_col))
    # a supplier's own figure errs on its own, not with the sector ratio it replaces
    error_codes = np.where(supplied, none_code + 1 + emissions.supplier, factor_codes)
    error_groups = [
        *factor_ids,
        *phys_ids,
        "",
        *(f"fournisseur:{s.siren}" for s in options.suppliers),
    ]
    return {
        "status": categorical(status.code, STATUSES),
        "reason": object_series(status.reason),
        "rule": categorical(rule_codes, np.append(rules_col, "")),
        "factor": categorical(factor_codes, np.array([*factor_ids, *phys_ids, ""], dtype=object)),
        "factor_label": categorical(factor_codes, np.array([*labels, ""], dtype=object)),
        "method": categorical(method, METHODS),
        "error_group": categorical(error_codes, np.array(error_groups, dtype=object)),
        "proxy": proxy,
        # the supplier file's source of the figure used ("" for lines without supplier data)
        "supplier_source": categorical(
            np.where(supplied, emissions.supplier, len(sources) - 1), sources
        ),
        "proposition": mapped & table.proposition[w],
        "beges_post": categorical(*pd.factorize(emissions.beges)),
        "amount_read_eur": amounts.read,
        "amount_excl_vat_eur": amounts.excl_vat,
        "vat_basis": categorical(amounts.vat_basis, VAT_BASES),
        "vat_rate_applied": amounts.vat_rate,
        "euro_year": np.where(monetary, emissions.euro_year, np.nan),
        "price_index_ratio": np.where(monetary, emissions.ratio, np.nan),
        "factor_kgco2e_per_keur": np.where(monetary, emissions.value, np.nan),
        "quantity_used": np.where(physical | per_unit, quantity, np.nan),
        "quantity_estimated": estimated,
        "physical_factor_value": emissions.physical_value,
        "uncertainty_rel": emissions.uncertainty,
        "emissions_kgco2e": emissions.emissions_kg,
        "upstream_kgco2e": emissions.upstream_kg,
        "upstream_post": categorical(*pd.factorize(emissions.upstream_post)),
    }
