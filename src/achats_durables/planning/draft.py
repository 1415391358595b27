"""A first ``plan.yaml`` written from the priorities of ``achats clauses --ledger``.

One action per top category executed without an environmental consideration (up to
:data:`MAX_ACTIONS`), selected by its factor (and its contract when it has a single one), its
effect left at 0 with a comment « à estimer »: the draft never invents an effect size. The total
target comes from the config's PCAET trajectory, or is left commented, to fill in.

The text is YAML with French comments for the buyer; strings are written as JSON strings, which
YAML reads as double-quoted scalars.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from achats_durables.core.text import fold

if TYPE_CHECKING:
    from achats_durables.clauses.coverage import ClauseReport
    from achats_durables.knowledge.config import Trajectory

MAX_ACTIONS = 10
CONTRACTS_SHOWN = 5  # contracts listed in an action's comment
ACTIVITY = "activity:"  # factor value of lines computed from an activity-data file
ESTIMATE = "# à estimer : l'effet attendu de l'action (ex. -0.20 pour -20 %)"

HEADER = """\
# Plan d'actions achats : premier jet écrit par « achats plan --draft »{entities}
#
# Ce fichier décrit la stratégie de réduction de l'empreinte carbone des achats :
#   - base_year : l'année dont l'empreinte sert de point de départ ({base_year}) ;
#   - horizon : la dernière année de la trajectoire ({horizon}) ;
#   - baseline.growth : l'évolution annuelle du volume d'achats sans le plan ;
#   - targets : les objectifs, en part de baisse par rapport à l'année de base ;
#   - actions : ce que l'on change dans les achats. « when » choisit les lignes du grand livre
#     (mêmes conditions que les règles d'affectation : account, cpv, supplier_siret, label,
#     supplier, entity, contract, plus factor et beges) ; « effect » dit ce qui change
#     (emissions : -0.20 = -20 % des émissions des lignes choisies ; spend : -0.30 = -30 % de
#     la dépense ; substitute : une part de la dépense passe à un autre facteur) ; « start »
#     est la première année avec un effet (« renewal » : l'année qui suit la fin du marché,
#     lue dans le registre) ; « full » l'année de plein effet (montée linéaire entre les deux).
#
# Les actions ci-dessous sont les premières catégories achetées sans considération
# environnementale (achats clauses --ledger), par tCO2e décroissantes. Leur effet est à 0 :
# estimez-le avec l'acheteur (sources, retours d'expérience) avant de lire la trajectoire.
"""


def draft_plan(
    priorities: Sequence[dict[str, Any]],
    *,
    base_year: int,
    horizon: int,
    trajectory: Trajectory | None,
    entity_names: Sequence[str] = (),
) -> str:
    """The text of a first ``plan.yaml`` from the ledger priorities of a clause report.

    ``priorities``: :attr:`ClauseReport.priorities` of ``achats clauses --ledger`` (items
    without a ``factor``, from a report without ledger, are skipped).
    """
    entities = f" ({', '.join(entity_names)})" if entity_names else ""
    parts = [
        HEADER.format(entities=entities, base_year=base_year, horizon=horizon),
        f"base_year: {base_year}\nhorizon: {horizon}\n",
        "baseline:\n  growth: 0.0  # évolution annuelle du volume d'achats sans le plan"
        " (-0.01 = -1 %/an) : à ajuster\n",
        _targets(trajectory, base_year, horizon),
        _actions([p for p in priorities if p.get("factor")], base_year, horizon),
    ]
    return "\n".join(parts)


def draft_plan_from_clauses(
    report: ClauseReport,
    *,
    base_year: int,
    horizon: int,
    trajectory: Trajectory | None,
    entity_names: Sequence[str] = (),
) -> str:
    """:func:`draft_plan` on the priorities of a clause report computed with a ledger."""
    return draft_plan(
        report.priorities,
        base_year=base_year,
        horizon=horizon,
        trajectory=trajectory,
        entity_names=entity_names,
    )


def pcaet_reduction(trajectory: Trajectory, base_year: int, year: int) -> float:
    """The PCAET pace applied from the plan's base year: 1 − (1 − r)^(year − base_year)."""
    return round(1.0 - (1.0 - trajectory.yearly_reduction) ** (year - base_year), 3)


def _targets(trajectory: Trajectory | None, base_year: int, horizon: int) -> str:
    if trajectory is None or trajectory.target_year <= base_year:
        why = (
            "pas de trajectoire PCAET dans achats.yaml (clé targets.pcaet)"
            if trajectory is None
            else f"l'échéance du PCAET ({trajectory.target_year}) n'est pas après {base_year}"
        )
        return (
            f"# Objectif à renseigner : {why}.\n"
            "# Exemple, à décommenter et compléter (reduction : part de baisse visée par\n"
            "# rapport à l'année de base, 0.30 = -30 %) :\n"
            "#  - id: total\n"
            '#    label: "Baisse de l\'empreinte des achats"\n'
            "#    reduction: 0.30\n"
            f"#    year: {horizon}\n"
            "targets: []\n"
        )
    year = min(trajectory.target_year, horizon)
    r = trajectory.yearly_reduction
    reduction = pcaet_reduction(trajectory, base_year, year)
    note = ""
    if trajectory.target_year > horizon:
        note = (
            f"# L'échéance du PCAET ({trajectory.target_year}) est après l'horizon du plan :"
            f" objectif intermédiaire en {year}.\n"
        )
    return (
        "targets:\n"
        f"  # Trajectoire PCAET d'achats.yaml : -{_pct(r)} par an (référence"
        f" {trajectory.base_year}), appliquée de {base_year} à {year} :\n"
        f"  # 1 - (1 - {r:g})^({year} - {base_year}) = {reduction:.3f}.\n"
        f"  # Si l'empreinte {base_year} est au-dessus de la trajectoire, la baisse à viser est"
        " plus forte.\n"
        f"{_indent(note)}"
        f"  - id: {_q(f'total-{year}')}\n"
        f"    label: {_q(f'Trajectoire PCAET : -{_pct(reduction)} sur les achats en {year}')}\n"
        f"    reduction: {reduction:.3f}\n"
        f"    year: {year}\n"
    )


def _actions(priorities: list[dict[str, Any]], base_year: int, horizon: int) -> str:
    if not priorities:
        return (
            "# Aucune catégorie achetée sans considération environnementale : ajoutez vos actions"
            " ici.\nactions: []\n"
        )
    top = priorities[:MAX_ACTIONS]
    ids: set[str] = set()
    blocks = [_action(p, _unique_id(p, ids), base_year, horizon) for p in top]
    more = len(priorities) - len(top)
    tail = f"# {more} autre(s) catégorie(s) prioritaire(s) non reprise(s) ici.\n" if more else ""
    return "actions:\n" + "\n".join(blocks) + tail


def _action(p: dict[str, Any], action_id: str, base_year: int, horizon: int) -> str:
    contracts: list[dict[str, Any]] = list(p.get("contracts_detail") or [])
    count = int(p.get("contracts") or 0)
    renewal = (
        bool(contracts) and len(contracts) == count and all(c.get("end_date") for c in contracts)
    )
    factor = str(p["factor"])
    when = {"factor": factor}
    if count == 1 and contracts:
        when["contract"] = str(contracts[0]["contract_ref"])
        if factor.startswith(ACTIVITY):  # activity data: its contract selects the same lines
            del when["factor"]
    label = str(p.get("label") or p["factor"])
    lines = [
        f"  # Priorité n° {p.get('rank', '?')} : {_t(p.get('emissions_tco2e'))} tCO2e en"
        f" {base_year} sans considération environnementale, {count} marché(s).",
        *_contract_comments(contracts, count, horizon),
    ]
    outside = float(p.get("emissions_outside_contracts_tco2e") or 0.0)
    if outside > 0 and "contract" not in when:
        lines.append(
            f"  # Dont {_t(outside)} tCO2e achetés hors marché (sans date de renouvellement)."
        )
    elif outside > 0:
        lines.append(f"  # Les {_t(outside)} tCO2e achetés hors marché ne sont pas dans l'action.")
    lines += [
        f"  - id: {_q(action_id)}",
        f"    label: {_q(f'{label} : considération environnementale dans les achats')}",
        "    when: {" + ", ".join(f"{k}: {_q(v)}" for k, v in when.items()) + "}",
        f"    effect: {{emissions: 0.0}}  {ESTIMATE}",
        "    start: renewal" if renewal else f"    start: {base_year + 1}",
    ]
    return "\n".join(lines) + "\n"


def _contract_comments(contracts: list[dict[str, Any]], count: int, horizon: int) -> list[str]:
    out = []
    for c in contracts[:CONTRACTS_SHOWN]:
        end = c.get("end_date")
        if end:
            year = dt.date.fromisoformat(str(end)).year + 1
            late = f", après l'horizon {horizon}" if year > horizon else ""
            when = f"fin le {end}, renouvellement en {year}{late}"
        else:
            when = "date de fin inconnue dans le registre"
        out.append(f"  #   {c['contract_ref']} ({c.get('object', '')}) : {when}.")
    if count > min(len(contracts), CONTRACTS_SHOWN):
        out.append(f"  #   et {count - min(len(contracts), CONTRACTS_SHOWN)} autre(s) marché(s).")
    return out


def _unique_id(p: dict[str, Any], taken: set[str]) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold(str(p.get("label") or p["factor"]))).split()
    base = "-".join(words[:4]) or "action"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _q(value: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(value, ensure_ascii=False)


def _indent(comment: str) -> str:
    return "".join(f"  {line}\n" for line in comment.splitlines())


def _pct(share: float) -> str:
    """A share as a French percentage in a comment: 0.185 → « 18,5 % »."""
    return f"{share * 100:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " %"


def _t(value: Any) -> str:
    """tCO2e in a comment, French style: 4 182,6."""
    return f"{float(value or 0.0):,.1f}".replace(",", "\u202f").replace(".", ",")
