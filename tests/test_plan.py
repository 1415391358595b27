"""The action plan (issue 13): the trajectory of a small ledger and plan computed by hand.

Ratios are read from the shipped factor file as plain YAML; the ledger is of 2023, a year the
ratios have, so no euro conversion enters the figures.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from achats_durables.core.errors import ConfigError
from achats_durables.footprint.compute import compute_footprint
from achats_durables.footprint.report import FootprintOptions, FootprintReport
from achats_durables.knowledge.factors import load_factor_sets, load_price_index, merge_factors
from achats_durables.knowledge.mapping import load_mapping_rules
from achats_durables.knowledge.plan import load_plan
from achats_durables.ledger.read import read_ledger
from achats_durables.planning.build import compute_plan

from .conftest import REPO, LedgerFactory, write_csv
from .test_cli import flat, invoke

RATIOS = {
    f["id"]: f["values"]
    for f in yaml.safe_load(
        (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
    )["factors"]
}
MEALS, F, C17, C22 = (RATIOS[k][2023] for k in ("naf-I", "naf-F", "naf-C17", "naf-C22"))
HEADER = ["Exercice", "Entité", "Nature", "Libellé", "Fournisseur", "N° marché", "Montant HT"]
LEDGER = [
    [2023, "Commune A", "611", "Repas", "Resto SA", "M-REPAS", 10000],
    [2023, "Commune A", "2313", "Travaux école", "BTP SA", "M-TRAV", 20000],
    [2023, "Commune A", "6064", "Papier", "Papeterie", "", 4000],
]
RULES = {
    "id": "test",
    "rules": [
        {"id": "repas", "when": {"contract": "M-REPAS"}, "factor": "naf-I"},
        {"id": "travaux", "when": {"contract": "M-TRAV"}, "factor": "naf-F"},
        {"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"},
    ],
}
PLAN: dict[str, Any] = {
    "base_year": 2023,
    "horizon": 2026,
    "baseline": {"growth": 0.02},
    "targets": [
        {"id": "total", "reduction": 0.10, "year": 2026},
        {"id": "travaux", "when": {"contract": "M-TRAV"}, "reduction": 0.30, "year": 2026},
    ],
    "actions": [
        {
            "id": "repas",
            "when": {"contract": "M-REPAS"},
            "effect": {"emissions": -0.2},
            "start": 2024,
            "full": 2025,
        },
        {
            "id": "travaux",
            "when": {"contract": "M-TRAV"},
            "effect": {"emissions": -0.25},
            "start": "renewal",
        },
        {"id": "sobriete", "when": {"account": "6064"}, "effect": {"spend": -0.3}, "start": 2024},
        {
            "id": "substitution",
            "when": {"account": "6064"},
            "effect": {"substitute": {"factor": "naf-C22", "share": 0.5}},
            "start": 2025,
        },
    ],
}
# the register: the works contract ends mid-2024, so it is renewed from 2025
CONTRACTS = pd.DataFrame(
    {
        "contract_ref": ["M-TRAV", "M-REPAS"],
        "end_date": pd.to_datetime(["2024-06-30", "2030-12-31"]),
        "entity": ["Commune A", "Commune A"],
        "has_environmental": [True, False],
    }
)


def write_yaml(path: Path, doc: Any) -> Path:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def base(make_ledger: LedgerFactory, tmp_path: Path) -> FootprintReport:
    rules = write_yaml(tmp_path / "rules.yaml", RULES)
    return compute_footprint(
        read_ledger([make_ledger(LEDGER, header=HEADER, fmt="csv")]),
        load_factor_sets(None),
        load_mapping_rules([rules], defaults=False),
        load_price_index(),
        FootprintOptions(),
    )


def plan_report(base: FootprintReport, tmp_path: Path, doc: dict[str, Any] = PLAN) -> Any:
    factors = merge_factors(load_factor_sets(None))
    plan = load_plan(write_yaml(tmp_path / "plan.yaml", doc), factors)
    return compute_plan(plan, base, factors, load_price_index(), contracts=CONTRACTS)


def by_hand(year: int) -> dict[str, float]:
    """Each line's kgCO2e in ``year`` with the plan (growth left out), and each action's drop."""
    meals = 10 * MEALS
    r_meals = {2023: 0.0, 2024: 0.5, 2025: 1.0, 2026: 1.0}[year]  # ramp 2024 → 2025
    after_meals = meals * (1 - 0.2 * r_meals)
    works = 20 * F
    after_works = works * (0.75 if year >= 2025 else 1.0)  # renewal year 2025
    paper, spend = 4 * C17, 4000.0
    after_sobriety, spend = (paper * 0.7, spend * 0.7) if year >= 2024 else (paper, spend)
    after_sub = after_sobriety
    if year >= 2025:  # half the (reduced) spend moves to naf-C22
        after_sub = after_sobriety * 0.5 + spend * 0.5 / 1000 * C22
    return {
        "plan": after_meals + after_works + after_sub,
        "repas": meals - after_meals,
        "travaux": works - after_works,
        "sobriete": paper - after_sobriety,
        "substitution": after_sobriety - after_sub,
    }


def test_every_year_of_the_trajectory_by_hand(base: FootprintReport, tmp_path: Path) -> None:
    r = plan_report(base, tmp_path)
    start = 10 * MEALS + 20 * F + 4 * C17
    assert r.base_tco2e == pytest.approx(start / 1000)
    for point in r.trajectory:
        grow = 1.02 ** (point.year - 2023)
        expected = by_hand(point.year)
        assert point.baseline_tco2e == pytest.approx(start * grow / 1000), point.year
        assert point.plan_tco2e == pytest.approx(expected["plan"] * grow / 1000), point.year
        # the total target: linear from the base year to −10 % in 2026
        share = (point.year - 2023) / 3
        assert point.target_tco2e == pytest.approx(start / 1000 * (1 - 0.10 * share))
        rel = base.totals.uncertainty_tco2e / base.totals.emissions_tco2e
        assert point.plan_high_tco2e == pytest.approx(point.plan_tco2e * (1 + rel))
    actions = {a.id: a for a in r.actions}
    for year in (2023, 2024, 2025, 2026):
        grow = 1.02 ** (year - 2023)
        for action in ("repas", "travaux", "sobriete", "substitution"):
            got = actions[action].avoided_tco2e[year]
            assert got == pytest.approx(by_hand(year)[action] * grow / 1000), (action, year)
    cumulated = sum(by_hand(y)["travaux"] * 1.02 ** (y - 2023) for y in range(2023, 2027))
    assert actions["travaux"].avoided_tco2e_horizon == pytest.approx(cumulated / 1000)


def test_targets_ranking_overlaps_and_contracts(base: FootprintReport, tmp_path: Path) -> None:
    r = plan_report(base, tmp_path)
    grow = 1.02**3
    total, works = r.targets
    assert total.target_tco2e == pytest.approx(0.9 * (10 * MEALS + 20 * F + 4 * C17) / 1000)
    assert total.plan_tco2e == pytest.approx(by_hand(2026)["plan"] * grow / 1000)
    assert total.met == (total.plan_tco2e <= total.target_tco2e)
    # the works target: on its contract only, −30 % against −25 % grown by 2 % a year: short
    assert works.partial
    assert works.plan_tco2e == pytest.approx(20 * F * 0.75 * grow / 1000)
    assert not works.met
    # ranked by what they avoid at the horizon
    avoided = {k: v for k, v in by_hand(2026).items() if k != "plan"}
    assert [a.id for a in r.actions] == sorted(avoided, key=lambda k: -avoided[k])
    actions = {a.id: a for a in r.actions}
    assert actions["sobriete"].overlaps == ["substitution"]
    assert actions["repas"].overlaps == []
    gap = (10 * MEALS + 20 * F + 4 * C17) * (grow - 0.9) / 1000
    assert actions["repas"].gap_share == pytest.approx(avoided["repas"] * grow / 1000 / gap)
    [contract] = actions["travaux"].contracts
    assert (contract.contract_ref, contract.end_date, contract.renewal_year) == (
        "M-TRAV",
        "2024-06-30",
        2025,
    )
    assert contract.environmental is True  # the register's consideration, for the follow-up
    assert any(i.code == "plan-overlaps" for i in r.issues)
    doc = json.loads(json.dumps(r.to_dict()))
    assert doc["schema"] == "achats.plan/1"
    assert [p["year"] for p in doc["trajectory"]] == [2023, 2024, 2025, 2026]
    assert set(doc["actions"][0]) >= {
        "id", "label", "selection_lines", "selection_spend_eur", "selection_tco2e",
        "avoided_tco2e", "avoided_tco2e_horizon", "overlaps",
    }  # fmt: skip
    assert set(doc["targets"][0]) >= {"id", "year", "target_tco2e", "plan_tco2e", "met"}


def test_renewal_without_an_end_date_is_refused(base: FootprintReport, tmp_path: Path) -> None:
    factors = merge_factors(load_factor_sets(None))
    plan = load_plan(write_yaml(tmp_path / "plan.yaml", PLAN), factors)
    undated = CONTRACTS.assign(end_date=pd.to_datetime([None, "2030-12-31"]))
    with pytest.raises(ConfigError) as caught:
        compute_plan(plan, base, factors, load_price_index(), contracts=undated)
    text = caught.value.render()
    assert "action « travaux » : start: renewal, mais le marché « M-TRAV »" in text
    assert "Date de fin" in text


def test_renewal_off_contract_starts_the_next_year(base: FootprintReport, tmp_path: Path) -> None:
    doc = {**PLAN, "actions": [{**PLAN["actions"][2], "start": "renewal"}]}
    r = plan_report(base, tmp_path, doc)
    [action] = r.actions
    assert action.avoided_tco2e[2023] == 0
    assert action.avoided_tco2e[2024] == pytest.approx(0.3 * 4 * C17 * 1.02 / 1000)
    assert any(i.code == "plan-renewal-off-contract" for i in r.issues)


def test_empty_selection_and_effect_to_estimate(base: FootprintReport, tmp_path: Path) -> None:
    doc = {
        **PLAN,
        "actions": [
            {"id": "rien", "when": {"account": "6236"}, "effect": {"emissions": -0.5}, "start": 2024},
            {"id": "a-estimer", "when": {"account": "6064"}, "effect": {"emissions": 0}, "start": 2024},
        ],
    }  # fmt: skip
    r = plan_report(base, tmp_path, doc)
    codes = {(i.code, i.params["action"]) for i in r.issues if "action" in i.params}
    assert ("plan-selection-empty", "rien") in codes
    assert ("plan-effect-to-estimate", "a-estimer") in codes
    assert {a.id: a.estimated for a in r.actions} == {"rien": True, "a-estimer": False}
    assert all(p.plan_tco2e == pytest.approx(p.baseline_tco2e) for p in r.trajectory)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"effect": {"emissions": -1.5}}, "actions[0].effect.emissions » (ligne"),
        ({"full": 2023}, "l'année de plein effet doit suivre l'année de début (2024)"),
        ({"effect": {"substitute": {"factor": "electricite-mix-moyen", "share": 0.5}}}, "ratio par k€ HT"),
        ({"when": {"factor": "naf-Z99"}}, "facteur « naf-Z99 » inconnu"),
        ({"effect": {"emissions": -0.1, "spend": -0.1}}, "un seul effet est attendu"),
        ({"colour": "red"}, "colour"),
    ],
)  # fmt: skip
def test_bad_plans_are_located_errors(
    tmp_path: Path, change: dict[str, Any], expected: str
) -> None:
    action = {**PLAN["actions"][0], **change}
    doc = {**PLAN, "actions": [action]}
    factors = merge_factors(load_factor_sets(None))
    with pytest.raises(ConfigError) as caught:
        load_plan(write_yaml(tmp_path / "plan.yaml", doc), factors)
    text = caught.value.render()
    assert "plan.yaml" in text
    assert "ligne" in text
    assert expected in text


def test_target_beyond_the_horizon_is_refused(tmp_path: Path) -> None:
    doc = {**PLAN, "targets": [{"id": "loin", "reduction": 0.5, "year": 2040}]}
    with pytest.raises(ConfigError) as caught:
        load_plan(write_yaml(tmp_path / "plan.yaml", doc), merge_factors(load_factor_sets(None)))
    assert "au plus l'horizon (2026)" in caught.value.render()


def test_cli_plan_with_config_and_follow_up(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    """achats plan --config: the base year from achats.yaml, the next year's footprint beside."""
    later = [[2024, *row[1:-1], row[-1] * 0.9] for row in LEDGER]
    make_ledger(LEDGER, header=HEADER, fmt="csv", name="gl-2023.csv")
    make_ledger(later, header=HEADER, fmt="csv", name="gl-2024.csv")
    write_yaml(tmp_path / "rules.yaml", RULES)
    register = [["N° marché", "Entité", "Objet", "Date de fin"]]
    register += [
        ["M-TRAV", "Commune A", "Travaux", "30/06/2024"],
        ["M-REPAS", "Commune A", "Repas", "31/12/2030"],
    ]
    write_csv(tmp_path / "registre.csv", register)
    write_yaml(tmp_path / "plan.yaml", PLAN)
    config = write_yaml(
        tmp_path / "achats.yaml",
        {
            "mappings": ["rules.yaml"],
            "plan": "plan.yaml",
            "years": {
                2023: {"ledgers": ["gl-2023.csv"], "contracts": ["registre.csv"]},
                2024: {"ledgers": ["gl-2024.csv"]},
            },
        },
    )  # fmt: skip
    result = invoke("plan", "--config", str(config), "--format", "json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    doc = json.loads(result.stdout)  # type: ignore[attr-defined]
    points = {p["year"]: p for p in doc["trajectory"]}
    assert points[2023]["actual_tco2e"] is None
    # 2024: every amount −10 %, its euros brought to the ratios' 2023 by the INSEE index
    ipc = yaml.safe_load(
        (REPO / "factors" / "indices" / "insee-ipc-base2015.yaml").read_text(encoding="utf-8")
    )["values"]
    to_2023 = ipc[2023] / ipc[2024]
    actual = 0.9 * (10 * MEALS + 20 * F + 4 * C17) * to_2023 / 1000
    assert points[2024]["actual_tco2e"] == pytest.approx(actual)
    planned = by_hand(2024)["plan"] * 1.02 / 1000
    assert points[2024]["plan_tco2e"] == pytest.approx(planned)
    assert points[2024]["followup"] == ("ahead" if actual < planned * 0.99 else "behind")
    repas = next(a for a in doc["actions"] if a["id"] == "repas")
    assert repas["followup"][0]["selection_actual_tco2e"] == pytest.approx(
        9 * MEALS * to_2023 / 1000
    )
    # the same report as a workbook (its charts), a CSV and on the screen, in both languages
    from openpyxl import load_workbook

    book = tmp_path / "plan.xlsx"
    result = invoke("plan", "--config", str(config), "-o", str(book))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "Plan écrit" in result.stderr  # type: ignore[attr-defined]
    wb = load_workbook(book)
    assert len(wb["Trajectoire"]._charts) == 1
    assert len(wb["Actions"]._charts) == 1
    table = tmp_path / "plan.csv"
    assert invoke("plan", "--config", str(config), "-o", str(table)).exit_code == 0  # type: ignore[attr-defined]
    assert "repas" in table.read_text(encoding="utf-8-sig")
    screen = invoke("plan", "--config", str(config), "--lang", "en")
    assert screen.exit_code == 0  # type: ignore[attr-defined]
    assert "behind" in screen.stdout or "ahead" in screen.stdout  # type: ignore[attr-defined]
    missing = invoke("plan", "--config", str(write_yaml(tmp_path / "nul.yaml", {})))
    assert missing.exit_code == 3  # type: ignore[attr-defined]
    assert "aucun plan" in flat(missing.output)  # type: ignore[attr-defined]


def test_draft_from_the_example_priorities_round_trips(tmp_path: Path) -> None:
    config = str(REPO / "examples" / "achats.yaml")
    out = tmp_path / "plan.yaml"
    result = invoke("plan", "--draft", "--config", config, "-o", str(out))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert doc["base_year"] == 2025
    assert all(a["effect"] == {"emissions": 0.0} for a in doc["actions"])
    again = invoke("plan", "--draft", "--config", config, "-o", str(out))
    assert again.exit_code == 3  # type: ignore[attr-defined]
    assert "jamais remplacé" in flat(again.output)  # type: ignore[attr-defined]
    result = invoke("plan", str(out), "--config", config, "--format", "json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    report = json.loads(result.stdout)  # type: ignore[attr-defined]
    # no effect estimated yet: the plan is the baseline, every action said « to estimate »
    assert len(report["actions"]) == len(doc["actions"])
    assert not any(a["estimated"] for a in report["actions"])
    for point in report["trajectory"]:
        assert point["plan_tco2e"] == pytest.approx(point["baseline_tco2e"])
    to_estimate = [i for i in report["issues"] if i["code"] == "plan-effect-to-estimate"]
    assert len(to_estimate) == len(doc["actions"])
