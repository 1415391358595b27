"""``draft_plan``: a first plan.yaml from the clause priorities (issue 13, item 3)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from achats_durables.knowledge.config import Trajectory
from achats_durables.planning.draft import ESTIMATE, draft_plan


def _priority(rank: int, factor: str, label: str, tco2e: float, contracts: list[Any], **kw: Any):
    detail = [
        {"contract_ref": ref, "object": f"Objet {ref}", "end_date": end, "emissions_tco2e": 1.0}
        for ref, end in contracts
    ]
    return {
        "rank": rank,
        "factor": factor,
        "label": label,
        "emissions_tco2e": tco2e,
        "spend_excl_vat_eur": 1000.0,
        "contracts": kw.get("count", len(detail)),
        "contracts_detail": detail,
        "emissions_outside_contracts_tco2e": kw.get("outside", 0.0),
        "action": {},
    }


PRIORITIES = [
    _priority(
        1,
        "naf-F",
        "Constructions et travaux de construction",
        4182.6,
        [("2024-009", "2026-01-01"), ("AGGLO-2024-009", "2026-04-29")],
        outside=120.5,
    ),
    _priority(
        2, "naf-C26", "Produits informatiques", 49.2, [("2022-025", "2026-11-30")], outside=3.25
    ),
    _priority(3, "naf-C31", "Meubles", 25.6, [("2023-014", None)]),
    _priority(
        4,
        "activity:activites.csv:21",
        "Repas, moyen + Repas, végétarien",
        1040.4,
        [("2024-019", "2028-08-27")],
    ),
    _priority(5, "naf-H49", "Transports terrestres", 20.0, [], outside=20.0),
    # more contracts than the detail lists: their end dates are not all known
    _priority(6, "naf-J61", "Télécommunications", 10.0, [("2024-024", "2026-02-15")], count=12),
]
PCAET = Trajectory(base_year=2024, yearly_reduction=0.04, target_year=2030)


def _plan(priorities: list[dict[str, Any]] = PRIORITIES, **kw: Any) -> tuple[str, dict[str, Any]]:
    args: dict[str, Any] = {"base_year": 2025, "horizon": 2030, "trajectory": PCAET}
    args.update(kw)
    text = draft_plan(priorities, entity_names=["Agglopolys", "Ville de Blois"], **args)
    return text, yaml.safe_load(text)


def test_draft_is_valid_yaml_with_the_plan_keys():
    text, doc = _plan()
    assert doc["base_year"] == 2025
    assert doc["horizon"] == 2030
    assert doc["baseline"] == {"growth": 0.0}
    assert text.startswith("# Plan d'actions achats")
    assert "(Agglopolys, Ville de Blois)" in text.splitlines()[0]
    assert [a["id"] for a in doc["actions"]] == [
        "constructions-et-travaux-de",
        "produits-informatiques",
        "meubles",
        "repas-moyen-repas-vegetarien",
        "transports-terrestres",
        "telecommunications",
    ]


def test_one_action_per_priority_on_its_factor_and_single_contract():
    _, doc = _plan()
    when = [a["when"] for a in doc["actions"]]
    assert when == [
        {"factor": "naf-F"},  # two contracts: the factor alone
        {"factor": "naf-C26", "contract": "2022-025"},
        {"factor": "naf-C31", "contract": "2023-014"},
        {"contract": "2024-019"},  # activity data: its contract selects the lines
        {"factor": "naf-H49"},
        {"factor": "naf-J61"},
    ]


def test_start_is_renewal_only_when_every_contract_has_an_end_date():
    _, doc = _plan()
    assert [a["start"] for a in doc["actions"]] == [
        "renewal",
        "renewal",
        2026,  # its contract has no end date
        "renewal",
        2026,  # no contract
        2026,  # 12 contracts, one end date known
    ]


def test_no_effect_size_is_invented():
    text, doc = _plan()
    assert all(a["effect"] == {"emissions": 0.0} for a in doc["actions"])
    assert text.count(ESTIMATE) == len(doc["actions"])
    assert ESTIMATE == "# à estimer : l'effet attendu de l'action (ex. -0.20 pour -20 %)"


def test_comments_give_the_priority_and_the_renewal_years():
    text, _ = _plan()
    assert "# Priorité n° 1 : 4\u202f182,6 tCO2e en 2025" in text
    assert "2024-009 (Objet 2024-009) : fin le 2026-01-01, renouvellement en 2027." in text
    assert "2024-019 (Objet 2024-019) : fin le 2028-08-27, renouvellement en 2029." in text
    assert "Dont 120,5 tCO2e achetés hors marché" in text
    assert "# Les 3,2 tCO2e achetés hors marché ne sont pas dans l'action." in text
    assert "2023-014 (Objet 2023-014) : date de fin inconnue dans le registre." in text
    assert "et 11 autre(s) marché(s)." in text


def test_pcaet_target_from_the_plan_base_year():
    # 4 %/an from 2025 to 2030: 0.96^5 = 0.8153726976 -> 1 - 0.81537 = 0.18463 -> 0.185
    text, doc = _plan()
    assert doc["targets"] == [
        {
            "id": "total-2030",
            "label": "Trajectoire PCAET : -18,5 % sur les achats en 2030",
            "reduction": 0.185,
            "year": 2030,
        }
    ]
    assert "1 - (1 - 0.04)^(2030 - 2025) = 0.185." in text


def test_pcaet_target_beyond_the_horizon_becomes_an_intermediate_target():
    # 3 %/an, échéance 2050, horizon 2030: 0.97^5 = 0.8587340257 -> 0.141
    trajectory = Trajectory(base_year=2020, yearly_reduction=0.03, target_year=2050)
    text, doc = _plan(trajectory=trajectory)
    assert doc["targets"][0]["reduction"] == pytest.approx(0.141)
    assert doc["targets"][0]["year"] == 2030
    assert "L'échéance du PCAET (2050) est après l'horizon du plan" in text


def test_without_a_trajectory_the_target_is_left_to_fill_in():
    text, doc = _plan(trajectory=None)
    assert doc["targets"] == []
    assert "# Objectif à renseigner : pas de trajectoire PCAET dans achats.yaml" in text
    assert "#    reduction: 0.30" in text


def test_at_most_ten_actions_and_priorities_without_factor_skipped():
    many = [_priority(i, f"naf-X{i}", f"Catégorie {i}", 100.0 - i, []) for i in range(1, 13)]
    division = {"rank": 1, "cpv_division": "45", "label": "Travaux", "contracts": 3}
    text, doc = _plan([division, *many])
    assert len(doc["actions"]) == 10
    assert [a["when"]["factor"] for a in doc["actions"]] == [f"naf-X{i}" for i in range(1, 11)]
    assert "# 2 autre(s) catégorie(s) prioritaire(s) non reprise(s) ici." in text


def test_no_priority_gives_an_empty_action_list():
    text, doc = _plan([])
    assert doc["actions"] == []
    assert "Aucune catégorie achetée sans considération environnementale" in text


def test_identical_labels_get_distinct_ids():
    twins = [
        _priority(1, "naf-A", "Même libellé", 2.0, []),
        _priority(2, "naf-B", "Même libellé", 1.0, []),
    ]
    _, doc = _plan(twins)
    assert [a["id"] for a in doc["actions"]] == ["meme-libelle", "meme-libelle-2"]
