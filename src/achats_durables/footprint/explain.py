"""``achats explain``: one line of the ledger, the rule that won, the runners-up and the arithmetic."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import LedgerError, Location
from achats_durables.footprint.contract_cpv import inherited_cpv_step
from achats_durables.footprint.report import COUNTED_STATUSES, FootprintReport
from achats_durables.i18n.formatting import format_amount
from achats_durables.knowledge.factors import FactorSet, PriceIndex, merge_factors
from achats_durables.knowledge.mapping import Rule, RuleSet, candidate_rules, rule_summary
from achats_durables.knowledge.validation import effective_status
from achats_durables.ledger.headers import FIELD_LABELS_FR

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
class Explanation:
    location: Location
    fields: dict[str, Any]
    status: str
    reason: str
    winner: dict[str, Any] | None
    runners_up: list[dict[str, Any]]
    factor: dict[str, Any] | None
    steps: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "location": self.location.to_dict(),
            "fields": {k: _plain(v) for k, v in self.fields.items()},
            "status": self.status,
            "reason": self.reason,
            "winner": self.winner,
            "runners_up": self.runners_up,
            "factor": self.factor,
            "steps": self.steps,
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


def _eur(x: float) -> str:
    return f"{format_amount(x)} €"


def explain_row(
    report: FootprintReport,
    rules: RuleSet,
    factor_sets: list[FactorSet],
    index: PriceIndex,
    row: int,
    *,
    sheet: str | None = None,
    source: str | None = None,
) -> Explanation:
    """Explain spreadsheet row ``row`` (as Excel numbers it) of the report's ledger."""
    lines = report.lines
    mask = lines["row"] == row
    if sheet is not None:
        mask &= lines["sheet"] == sheet
    if source is not None:
        mask &= lines["source"] == source
    hit = lines[mask]
    path = report.inputs[0]["path"] if report.inputs else None
    if hit.empty:
        first = int(lines["row"].min()) if len(lines) else 0
        last = int(lines["row"].max()) if len(lines) else 0
        raise LedgerError(
            "ledger-row-not-found", Location(path, sheet), row=row, first=first, last=last
        )
    line = hit.iloc[0]
    loc = Location(path, line["sheet"] or None, int(line["row"]))
    fields = {FIELD_LABELS_FR.get(f, f): _plain(line[f]) for f in SHOWN_FIELDS}
    cpv_step = inherited_cpv_step(line)
    if cpv_step:
        fields["code CPV retenu"] = str(line["cpv_used"])
    cond = {
        "account": line["account"],
        "cpv": str(line.get("cpv_used", line["cpv"])),
        "supplier_siret": line["supplier_siret"],
        "label": line["label"],
        "supplier": line["supplier"],
        "entity": line["entity"],
        "contract": line["contract_ref"],
        "nomenclature": line["nomenclature"],
    }
    candidates = (
        candidate_rules(cond, rules) if line["status"] not in ("rejected", "skipped") else []
    )
    winner = next((r for r in candidates if r.id == line["rule"]), None)
    validated = frozenset(report.options.get("validated_rules") or ())
    runners = [_summary(r, validated) for r in candidates if r is not winner][:5]
    steps: list[str] = [cpv_step] if cpv_step else []
    factor_info: dict[str, Any] | None = None
    status = str(line["status"])
    if status in COUNTED_STATUSES:
        ht = float(line["amount_excl_vat_eur"])
        basis = str(line["vat_basis"])
        if basis == "HT":
            steps.append(f"Montant HT lu : {_eur(ht)}.")
        elif basis.startswith("TTC − "):
            steps.append(
                f"Montant HT = TTC {_eur(line['amount_incl_vat'])} − TVA {_eur(line['vat_amount'])} = {_eur(ht)}."
            )
        else:
            rate = float(line["vat_rate_applied"])
            steps.append(
                f"Montant HT = TTC {_eur(line['amount_incl_vat'])} ÷ (1 + {format_amount(rate * 100, 1)} %) "
                f"= {_eur(ht)} ({basis.split('taux ')[-1].rstrip(')')})."
            )
    if status == "mapped" and not pd.isna(line["quantity_used"]):
        f = merge_factors(factor_sets)[str(line["factor"])]
        q, v, e = (
            float(line["quantity_used"]),
            float(line["physical_factor_value"]),
            float(line["emissions_kgco2e"]),
        )
        factor_info = {
            "id": f.id,
            "label": f.label,
            "set": f.set_id,
            "beges_post": line["beges_post"],
            "unit": f.physical_unit,
            "value_kgco2e_per_unit": v,
            "base_carbone_id": f.refs.get(int(line["year"]), f.refs.get(0)),
            "uncertainty": float(line["uncertainty_rel"]),
            "proxy": False,
        }
        if bool(line["quantity_estimated"]):
            steps.append(
                f"Quantité estimée d'après le prix (energy_prices) : {_eur(line['amount_excl_vat_eur'])} HT "
                f"÷ prix = {format_amount(q, 2)} {f.physical_unit} ; facteur physique "
                f"{format_amount(v, 4)} kgCO2e/{f.physical_unit}."
            )
        else:
            steps.append(
                f"Quantité : {format_amount(q, 2)} {f.physical_unit} (lue : {_plain(line['quantity'])} "
                f"{line['unit']}) ; facteur physique {format_amount(v, 4)} kgCO2e/{f.physical_unit}."
            )
        steps.append(
            f"Émissions = {format_amount(q, 2)} × {format_amount(v, 4)} = {format_amount(e, 1)} kgCO2e "
            f"({format_amount(e / 1000, 3)} tCO2e), incertitude ± {format_amount(float(line['uncertainty_rel']) * 100, 0)} %."
        )
        up = float(line["upstream_kgco2e"])
        if up:
            steps.append(
                f"Poste BEGES {line['beges_post']} pour {format_amount(e - up, 1)} kgCO2e ; l'amont "
                f"(extraction, raffinage, transport, pertes en ligne : {format_amount(up, 1)} kgCO2e) "
                f"va au poste {line['upstream_post']}."
            )
        else:
            steps.append(
                f"Poste BEGES {line['beges_post']} (comptée par sa quantité, pas par sa dépense)."
            )
    elif status == "unquantified":
        steps.append(
            "Énergie achetée sans quantité : la ligne n'est pas dans le total. Indiquez la "
            "quantité (colonnes Quantité et Unité) ou votre prix dans energy_prices (achats.yaml)."
        )
    elif status == "mapped":
        f = merge_factors(factor_sets)[str(line["factor"])]
        year, ey = int(line["year"]), int(line["euro_year"])
        ratio = float(line["price_index_ratio"])
        value = float(line["factor_kgco2e_per_keur"])
        ht = float(line["amount_excl_vat_eur"])
        factor_info = {
            "id": f.id,
            "label": f.label,
            "set": f.set_id,
            "beges_post": line["beges_post"],
            "euro_year": ey,
            "value_kgco2e_per_keur": value,
            "base_carbone_id": f.refs.get(ey),
            "uncertainty": float(line["uncertainty_rel"]),
            "proxy": bool(line["proxy"]),
        }
        if ey != year:
            used = year if year in index.values else min(index.values, key=lambda y: abs(y - year))
            steps.append(
                f"Les ratios existent en euros {min(f.values)}–{max(f.values)} : l'exercice {year} est "
                f"converti en euros {ey} avec l'IPC INSEE ({format_amount(index.values[ey])} / "
                f"{format_amount(index.values[used])} = {format_amount(ratio, 4)}) : {_eur(ht)} → {_eur(ht * ratio)} de {ey}."
            )
        else:
            steps.append(f"Exercice {year} : le ratio en euros {ey} s'applique directement.")
        e = float(line["emissions_kgco2e"])
        steps.append(
            f"Émissions = {_eur(ht * ratio)} ÷ 1 000 × {format_amount(value, 0)} kgCO2e/k€ HT "
            f"= {format_amount(e, 1)} kgCO2e ({format_amount(e / 1000, 3)} tCO2e), "
            f"incertitude ± {format_amount(float(line['uncertainty_rel']) * 100, 0)} %."
        )
        steps.append(f"Poste BEGES {line['beges_post']}.")
    return Explanation(
        location=loc,
        fields=fields,
        status=status,
        reason=str(line["reason"]),
        winner=_summary(winner, validated) if winner is not None else None,
        runners_up=runners,
        factor=factor_info,
        steps=steps,
    )
