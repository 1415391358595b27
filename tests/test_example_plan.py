"""``examples/plan.yaml`` (issue 13, item 6): every action selects real lines of the example.

Selections are checked on the annotated lines of ``achats footprint`` on the 2025 example;
renewals on the register's end dates; the effects against the figures their comments quote.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from achats_durables.core.text import fold
from achats_durables.operations.pipeline import load_setup, read_contract_files, run_footprint

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
PLAN_TEXT = (EXAMPLES / "plan.yaml").read_text(encoding="utf-8")
PLAN = yaml.safe_load(PLAN_TEXT)
WHEN_KEYS = {"account", "cpv", "supplier_siret", "label", "supplier", "entity", "contract"}
WHEN_KEYS |= {"factor", "beges"}
COLUMNS = {"contract": "contract_ref", "beges": "beges_post"}


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    setup = load_setup(EXAMPLES / "achats.yaml")
    report = run_footprint([EXAMPLES / "grand-livre-2025.xlsx"], setup)
    lines = report.lines[report.lines["status"] == "mapped"].copy()
    for col in ("contract_ref", "account", "supplier", "label", "factor", "beges_post"):
        lines[col] = lines[col].astype(object).fillna("").astype(str)
    register = read_contract_files([EXAMPLES / "registre-marches.xlsx"], setup).frame
    factors = {k: f for fs in setup.factor_sets for k, f in fs.factors.items()}
    return {"lines": lines, "register": register, "factors": factors}


def _selected(lines: pd.DataFrame, when: dict[str, Any]) -> pd.DataFrame:
    mask = pd.Series(True, index=lines.index)
    for key, value in when.items():
        column = lines[COLUMNS.get(key, key)]
        text = str(value)
        if key in ("account", "cpv"):
            mask &= column.str.startswith(text)
        elif key in ("label", "supplier"):
            mask &= column.map(lambda cell, t=text: re.search(fold(t), fold(cell)) is not None)
        else:
            mask &= column == text
    return lines[mask]


def _action(action_id: str) -> dict[str, Any]:
    return next(a for a in PLAN["actions"] if a["id"] == action_id)


def test_plan_header_and_horizon():
    assert "DONNÉES FICTIVES d'exemple" in PLAN_TEXT.splitlines()[1]
    assert PLAN["base_year"] == 2025
    assert PLAN["horizon"] == 2030
    assert 9 <= len(PLAN["actions"]) <= 12
    assert len({a["id"] for a in PLAN["actions"]}) == len(PLAN["actions"])


@pytest.mark.parametrize("action", PLAN["actions"], ids=lambda a: a["id"])
def test_every_action_selects_real_lines(example, action):
    assert set(action["when"]) <= WHEN_KEYS
    if "factor" in action["when"]:
        assert action["when"]["factor"] in example["factors"]
    assert len(_selected(example["lines"], action["when"])) > 0


def test_renewal_actions_are_on_one_contract_with_an_end_date(example):
    renewals = [a for a in PLAN["actions"] if a["start"] == "renewal"]
    assert {a["id"] for a in renewals} == {
        "portage-repas-vegetarien",
        "renovation-ecoles-reemploi",
        "transport-scolaire-electrique",
    }
    register = example["register"]
    end_dates = dict(zip(register["contract_ref"], register["end_date"], strict=True))
    expected = {"CIAS-2023-011": 2027, "2024-009": 2027, "AGGLO-2023-024": 2028}
    for action in renewals:
        ref = action["when"]["contract"]
        assert set(_selected(example["lines"], action["when"])["contract_ref"]) == {ref}
        assert pd.Timestamp(end_dates[ref]).year + 1 == expected[ref]


def test_effect_kinds_ramp_and_substitute_factor(example):
    kinds = [next(iter(a["effect"])) for a in PLAN["actions"]]
    assert {"emissions", "spend", "substitute"} <= set(kinds)
    assert kinds.count("substitute") == 1
    assert any("full" in a for a in PLAN["actions"])
    substitute = _action("mobilier-reparation")["effect"]["substitute"]
    factor = example["factors"][substitute["factor"]]
    assert factor.kind == "monetary"
    assert factor.unit == "kgCO2e/k€HT"


def test_catering_selections_hold_the_meals_of_activites_csv(example):
    # 2025: 470 000 average meals at 2.04 + 160 000 vegetarian at 0.51 kgCO2e
    school = _selected(example["lines"], _action("repas-vegetariens")["when"])
    assert school["emissions_kgco2e"].sum() == pytest.approx(1_040_400.0)
    # CIAS: 118 000 average meals at 2.04 kgCO2e
    home = _selected(example["lines"], _action("portage-repas-vegetarien")["when"])
    assert home["emissions_kgco2e"].sum() == pytest.approx(240_720.0)


def test_effects_match_the_figures_their_comments_quote():
    # half the school meals vegetarian: 315 000 x (2.04 + 0.51) = 803 250 kg of 1 040 400
    assert _action("repas-vegetariens")["effect"]["emissions"] == -0.228
    # two vegetarian lunches out of seven: 1 - 2/7 x (1 - 0.51/2.04) = 0.7857
    assert _action("portage-repas-vegetarien")["effect"]["emissions"] == -0.214
    # half of the asphalt at 41.5 instead of 53.3 kgCO2e/t: 0.5 x 0.2214 = 0.1107
    assert _action("voirie-enrobes-recycles")["effect"]["emissions"] == -0.11
    # 40 % of the buses electric at 0.0217 instead of 0.122: 0.4 x 0.8221 = 0.3289
    assert _action("bus-electriques")["effect"]["emissions"] == -0.33
    # kept 6 years instead of 4: 4/6 of the purchases
    assert _action("informatique-duree-de-vie")["effect"]["spend"] == -0.333
    # residual waste 21 300 t after 21 900 t, five more years: 0.9726^5 = 0.870
    assert _action("dechets-prevention")["effect"]["emissions"] == -0.13


def test_targets_total_from_the_pcaet_and_one_partial(example):
    total, partial = PLAN["targets"]
    # achats.yaml: 4 %/an; 2025 -> 2030: 1 - 0.96^5 = 1 - 0.81537 = 0.185
    assert total == {
        "id": "total-2030",
        "label": "Trajectoire PCAET : -18,5 % sur les achats en 2030",
        "reduction": 0.185,
        "year": 2030,
    }
    assert partial["when"] == {"factor": "naf-F"}
    assert len(_selected(example["lines"], partial["when"])) > 0
    assert partial["year"] <= PLAN["horizon"]


def test_config_names_the_plan():
    config = (EXAMPLES / "achats.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(config)["plan"] == "plan.yaml"
