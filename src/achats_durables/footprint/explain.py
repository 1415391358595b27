"""``achats explain``: one line of the ledger, the rule that won, the runners-up and the arithmetic.

The explanation is data: the fields read (by canonical name), the rules, the factor, and the
steps of the computation, each a message code with its raw numbers. ``writers.explain`` renders
it in French or English (templates ``explain-step-*`` of ``i18n.messages``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import LedgerError, Location
from achats_durables.footprint.compute import AnnotatedLines
from achats_durables.footprint.contract_cpv import CPV_SOURCES, REGISTER
from achats_durables.footprint.explain_activity import activity_steps
from achats_durables.footprint.hierarchy import Level, method_levels
from achats_durables.footprint.report import COUNTED_STATUSES, FootprintReport
from achats_durables.knowledge.factors import Factor, FactorSet, PriceIndex, merge_factors
from achats_durables.knowledge.mapping import Rule, RuleSet, candidate_rules, rule_summary
from achats_durables.knowledge.suppliers import Supplier
from achats_durables.knowledge.validation import effective_status

SHOWN_FIELDS = (
    "entity",
    "date",
    "year",
    "account",
    "function",
    "cpv",
    "label",
    "supplier",
    "supplier_siret",
    "contract_ref",
    "amount_excl_vat",
    "amount_incl_vat",
    "vat_rate",
    "vat_amount",
)


@dataclass(frozen=True)
class Step:
    """One step of the computation: a message code (``explain-step-…``) and its raw values."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


@dataclass(frozen=True)
class Explanation:
    location: Location
    fields: dict[str, Any]  # canonical field name → value read
    status: str
    reason: str
    winner: dict[str, Any] | None
    runners_up: list[dict[str, Any]]
    factor: dict[str, Any] | None
    steps: list[Step] = field(default_factory=list)
    method: str = ""  # the line's method (``footprint.compute.METHODS``)
    hierarchy: list[Level] = field(default_factory=list)  # which data won, and why

    def to_dict(self) -> dict[str, Any]:
        return {
            "location": self.location.to_dict(),
            "fields": {k: _plain(v) for k, v in self.fields.items()},
            "status": self.status,
            "reason": self.reason,
            "winner": self.winner,
            "runners_up": self.runners_up,
            "factor": self.factor,
            "steps": [s.to_dict() for s in self.steps],
            "method": self.method,
            "method_hierarchy": [level.to_dict() for level in self.hierarchy],
        }


def _plain(value: Any) -> Any:
    if value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        ts = pd.Timestamp(value)
        return None if pd.isna(ts) else ts.date().isoformat()
    if isinstance(value, (np.floating, float)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def _summary(rule: Rule, validated: frozenset[str]) -> dict[str, Any]:
    """A rule as explain shows it; one confirmed in achats.yaml (validated:) is not « à valider »."""
    return {**rule_summary(rule), "status": effective_status(rule, validated)}


def explain_row(
    report: FootprintReport | AnnotatedLines,
    rules: RuleSet,
    factor_sets: list[FactorSet],
    index: PriceIndex,
    row: int,
    *,
    sheet: str | None = None,
    source: str | None = None,
    suppliers: Sequence[Supplier] | None = None,
) -> Explanation:
    """Explain spreadsheet row ``row`` (as Excel numbers it) of the report's ledger; ``suppliers``:
    the supplier file's entries (None when no file was given), for the method hierarchy."""
    line = _find_line(report, row, sheet, source)
    path = report.inputs[0]["path"] if report.inputs else None
    loc = Location(path, line["sheet"] or None, int(line["row"]))
    fields = {f: _plain(line[f]) for f in SHOWN_FIELDS}
    cpv_step = inherited_cpv_step(line)
    if cpv_step is not None:
        fields["cpv_used"] = str(line["cpv_used"])
    candidates = (
        candidate_rules(_conditions(line), rules)
        if line["status"] not in ("rejected", "skipped")
        else []
    )
    winner = next((r for r in candidates if r.id == line["rule"]), None)
    validated = frozenset(report.options.get("validated_rules") or ())
    runners = [_summary(r, validated) for r in candidates if r is not winner][:5]
    steps: list[Step] = [cpv_step] if cpv_step is not None else []
    computed, factor_info = _computation(line, report, factor_sets, index)
    steps += computed
    status = str(line["status"])
    return Explanation(
        location=loc,
        fields=fields,
        status=status,
        reason=str(line["reason"]),
        winner=_summary(winner, validated) if winner is not None else None,
        runners_up=runners,
        factor=factor_info,
        steps=steps,
        method=str(line["method"]),
        hierarchy=method_levels(line, winner, suppliers, _physical_unit(line, factor_sets)),
    )


def _computation(
    line: pd.Series,
    report: FootprintReport | AnnotatedLines,
    factor_sets: list[FactorSet],
    index: PriceIndex,
) -> tuple[list[Step], dict[str, Any] | None]:
    """The steps of the line's computation, by the method that won, and its factor's card."""
    steps: list[Step] = []
    factor_info: dict[str, Any] | None = None
    status, method = str(line["status"]), str(line["method"])
    if status in COUNTED_STATUSES:
        steps.append(_amount_step(line))
    if status == "mapped" and method == "activity":
        # an activity-data row replaced the line's ratio: its share of the row's emissions
        steps += [Step(c, p) for c, p in activity_steps(line, report.activities or [])]
    elif status == "mapped" and method == "supplier" and pd.isna(line["euro_year"]):
        # a supplier's figure per unit delivered won over the physical factor and the ratio
        factor = merge_factors(factor_sets)[str(line["factor"])]
        steps.append(_supplier_unit_step(line, factor, report.suppliers_used or []))
    elif status == "mapped" and not pd.isna(line["quantity_used"]):
        factor = merge_factors(factor_sets)[str(line["factor"])]
        factor_info = _physical_factor(line, factor)
        steps += _physical_steps(line, factor)
    elif status == "unquantified":
        steps.append(Step("explain-step-unquantified"))
    elif status == "mapped" and method == "supplier":
        # the supplier's own figure (fournisseurs.yaml) won over the rule's sector ratio
        factor = merge_factors(factor_sets)[str(line["factor"])]
        steps.append(_supplier_step(line, factor))
        steps += _monetary_steps(line, factor, index)
    elif status == "mapped":
        factor = merge_factors(factor_sets)[str(line["factor"])]
        factor_info = _monetary_factor(line, factor)
        steps += _monetary_steps(line, factor, index)
    return steps, factor_info


def _physical_unit(line: pd.Series, factor_sets: list[FactorSet]) -> str:
    """The unit of the physical factor of a line computed from its quantity, else ""."""
    if pd.isna(line["quantity_used"]):
        return ""
    return merge_factors(factor_sets)[str(line["factor"])].physical_unit


def _find_line(
    report: FootprintReport | AnnotatedLines, row: int, sheet: str | None, source: str | None
) -> pd.Series:
    """The annotated line of spreadsheet row ``row``, or a located error giving the rows read."""
    lines = report.lines
    mask = lines["row"] == row
    if "activity_line" in lines:  # an activity-data row is a line of its own, not a ledger row
        mask &= ~lines["activity_line"].to_numpy(dtype=bool)
    if sheet is not None:
        mask &= lines["sheet"] == sheet
    if source is not None:
        mask &= lines["source"] == source
    hit = lines[mask]
    if hit.empty:
        path = report.inputs[0]["path"] if report.inputs else None
        first = int(lines["row"].min()) if len(lines) else 0
        last = int(lines["row"].max()) if len(lines) else 0
        raise LedgerError(
            "ledger-row-not-found", Location(path, sheet), row=row, first=first, last=last
        )
    return hit.iloc[0]


def _conditions(line: pd.Series) -> dict[str, Any]:
    """What the mapping rules test on a line (its CPV: the one used, maybe its contract's)."""
    return {
        "account": line["account"],
        "cpv": str(line.get("cpv_used", line["cpv"])),
        "supplier_siret": line["supplier_siret"],
        "label": line["label"],
        "supplier": line["supplier"],
        "entity": line["entity"],
        "contract": line["contract_ref"],
        "nomenclature": line["nomenclature"],
    }


def inherited_cpv_step(line: pd.Series) -> Step | None:
    """Where a line's CPV comes from when it is its contract's (``None`` if its own)."""
    origin = str(line.get("cpv_source", ""))
    if origin not in CPV_SOURCES[REGISTER:]:
        return None
    code = (
        "explain-step-cpv-from-register"
        if origin == CPV_SOURCES[REGISTER]
        else "explain-step-cpv-from-contract-lines"
    )
    return Step(code, {"contract": str(line["contract_ref"]), "cpv": str(line["cpv_used"])})


# the VAT basis of a line (``vat_basis``, see ``footprint.compute.VAT_BASES``) → step code
_RATE_STEPS = {
    "TTC ÷ (1 + taux de la ligne)": "explain-step-ht-from-line-rate",
    "TTC ÷ (1 + taux de la catégorie)": "explain-step-ht-from-category-rate",
    "TTC ÷ (1 + taux par défaut)": "explain-step-ht-from-default-rate",
}


def _amount_step(line: pd.Series) -> Step:
    """How the amount excluding VAT was obtained: read, or from the amount TTC."""
    ht = float(line["amount_excl_vat_eur"])
    basis = str(line["vat_basis"])
    if basis == "HT":
        return Step("explain-step-ht-read", {"amount_eur": ht})
    incl = float(line["amount_incl_vat"])
    if basis.startswith("TTC − "):
        return Step(
            "explain-step-ht-from-vat-amount",
            {
                "amount_incl_vat_eur": incl,
                "vat_amount_eur": float(line["vat_amount"]),
                "amount_eur": ht,
            },
        )
    return Step(
        _RATE_STEPS.get(basis, "explain-step-ht-from-default-rate"),
        {
            "amount_incl_vat_eur": incl,
            "vat_rate": float(line["vat_rate_applied"]),
            "amount_eur": ht,
        },
    )


def _physical_factor(line: pd.Series, f: Factor) -> dict[str, Any]:
    return {
        "id": f.id,
        "label": f.label,
        "set": f.set_id,
        "beges_post": line["beges_post"],
        "unit": f.physical_unit,
        "value_kgco2e_per_unit": float(line["physical_factor_value"]),
        "base_carbone_id": f.refs.get(int(line["year"]), f.refs.get(0)),
        "uncertainty": float(line["uncertainty_rel"]),
        "proxy": False,
    }


def _physical_steps(line: pd.Series, f: Factor) -> list[Step]:
    """A line counted by its physical quantity: the quantity, the emissions, the BEGES post."""
    q, v = float(line["quantity_used"]), float(line["physical_factor_value"])
    e, up = float(line["emissions_kgco2e"]), float(line["upstream_kgco2e"])
    unit = {"quantity": q, "unit": f.physical_unit, "physical_factor": v}
    if bool(line["quantity_estimated"]):
        first = Step(
            "explain-step-quantity-estimated",
            {"amount_eur": float(line["amount_excl_vat_eur"]), **unit},
        )
    else:
        read = {"quantity_read": _plain(line["quantity"]), "unit_read": str(line["unit"])}
        first = Step("explain-step-quantity-read", {**unit, **read})
    emissions = Step(
        "explain-step-physical-emissions",
        {
            "quantity": q,
            "physical_factor": v,
            "emissions_kgco2e": e,
            "emissions_tco2e": e / 1000,
            "uncertainty": float(line["uncertainty_rel"]),
        },
    )
    post = str(line["beges_post"])
    if up:
        last = Step(
            "explain-step-post-with-upstream",
            {
                "post": post,
                "direct_kgco2e": e - up,
                "upstream_kgco2e": up,
                "upstream_post": str(line["upstream_post"]),
            },
        )
    else:
        last = Step("explain-step-post-physical", {"post": post})
    return [first, emissions, last]


def _monetary_factor(line: pd.Series, f: Factor) -> dict[str, Any]:
    ey = int(line["euro_year"])
    return {
        "id": f.id,
        "label": f.label,
        "set": f.set_id,
        "beges_post": line["beges_post"],
        "euro_year": ey,
        "value_kgco2e_per_keur": float(line["factor_kgco2e_per_keur"]),
        "base_carbone_id": f.refs.get(ey),
        "uncertainty": float(line["uncertainty_rel"]),
        "proxy": bool(line["proxy"]),
    }


def _supplier_step(line: pd.Series, f: Factor) -> Step:
    """Why the line's figure is its supplier's, not the sector ratio."""
    return Step(
        "explain-step-supplier",
        {
            "siren": str(line["supplier_siret"])[:9],
            "supplier_value": float(line["factor_kgco2e_per_keur"]),
            "euro_year": int(line["euro_year"]),
            "source": str(line["supplier_source"]),
            "factor": f.id,
            "label": f.label,
        },
    )


def _supplier_unit_step(line: pd.Series, f: Factor, used: list[dict[str, Any]]) -> Step:
    """Why the line's figure is its supplier's per unit delivered: quantity × intensity."""
    siren = str(line["supplier_siret"])[:9]
    unit = next((str(u.get("unit", "")) for u in used if u["siren"] == siren), "")
    e = float(line["emissions_kgco2e"])
    return Step(
        "explain-step-supplier-unit",
        {
            "siren": siren,
            "quantity": float(line["quantity_used"]),
            "unit": unit,
            "physical_factor": float(line["physical_factor_value"]),
            "emissions_kgco2e": e,
            "emissions_tco2e": e / 1000,
            "uncertainty": float(line["uncertainty_rel"]),
            "source": str(line["supplier_source"]),
            "factor": f.id,
            "label": f.label,
        },
    )


def _monetary_steps(line: pd.Series, f: Factor, index: PriceIndex) -> list[Step]:
    """A line counted by its spend: the euro-year conversion, the emissions, the BEGES post."""
    year, ey = int(line["year"]), int(line["euro_year"])
    ratio = float(line["price_index_ratio"])
    ht = float(line["amount_excl_vat_eur"])
    steps = []
    supplier = str(line["method"]) == "supplier"
    if ey != year:
        used = year if year in index.values else min(index.values, key=lambda y: abs(y - year))
        steps.append(
            Step(
                "explain-step-euro-year-converted" + ("-supplier" if supplier else ""),
                {
                    "first_year": ey if supplier else min(f.values),
                    "last_year": ey if supplier else max(f.values),
                    "year": year,
                    "euro_year": ey,
                    "index_euro_year": float(index.values[ey]),
                    "index_year": float(index.values[used]),
                    "ratio": ratio,
                    "amount_eur": ht,
                    "converted_eur": ht * ratio,
                },
            )
        )
    else:
        steps.append(Step("explain-step-euro-year-same", {"year": year, "euro_year": ey}))
    e = float(line["emissions_kgco2e"])
    steps.append(
        Step(
            "explain-step-monetary-emissions",
            {
                "converted_eur": ht * ratio,
                "monetary_factor": float(line["factor_kgco2e_per_keur"]),
                "emissions_kgco2e": e,
                "emissions_tco2e": e / 1000,
                "uncertainty": float(line["uncertainty_rel"]),
            },
        )
    )
    steps.append(Step("explain-step-post", {"post": str(line["beges_post"])}))
    return steps
