"""kgCO2e per inhabitant and per agent (issue 14 item 3): counts from achats.yaml, by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import REPO, LedgerFactory
from .test_cli import flat, invoke

C17 = {
    f["id"]: f["values"]
    for f in yaml.safe_load(
        (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
    )["factors"]
}["naf-C17"][2023]
HEADER = ["Exercice", "Entité", "Nature", "Libellé", "Fournisseur", "Montant HT"]
ROWS = [
    [2023, "Agglo", "6064", "Papier", "Papeterie", 10000],
    [2023, "Ville", "6064", "Papier", "Papeterie", 5000],
]
RULES = {"id": "t", "rules": [{"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"}]}


def _config(tmp_path: Path, **extra: Any) -> Path:
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump(RULES), encoding="utf-8")
    doc = {
        "mappings": ["rules.yaml"],
        "entities": [
            {
                "name": "Agglo",
                "population": {"value": 100000, "source": "INSEE 2021", "year": 2021},
                "agents": {"value": 500, "source": "bilan social", "year": 2024},
            },
            {"name": "Ville", "agents": {"value": 250, "source": "bilan social", "year": 2024}},
        ],
        "group_population": {"value": 100000, "source": "INSEE, territoire", "year": 2021},
        **extra,
    }
    path = tmp_path / "achats.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_group_and_entities_per_inhabitant_and_per_agent(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    ledger = make_ledger(ROWS, header=HEADER, fmt="csv")
    args = ["footprint", str(ledger), "--config", str(_config(tmp_path)), "--format", "json"]
    result = invoke(*args)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    pc = json.loads(result.stdout)["per_capita"]  # type: ignore[attr-defined]
    total_kg = 15 * C17
    assert pc["kgco2e_per_inhabitant"] == pytest.approx(total_kg / 100000, abs=5e-4)
    # the group's staff: the entities' summed (500 + 250), said so; its population is not summed
    assert pc["agents"]["value"] == 750
    assert pc["agents_summed"] is True
    assert pc["kgco2e_per_agent"] == pytest.approx(total_kg / 750, abs=5e-4)
    by = {r["entity"]: r for r in pc["by_entity"]}
    assert by["Agglo"]["kgco2e_per_inhabitant"] == pytest.approx(10 * C17 / 100000, abs=5e-4)
    assert by["Ville"]["kgco2e_per_inhabitant"] is None
    assert by["Ville"]["kgco2e_per_agent"] == pytest.approx(5 * C17 / 250, abs=5e-4)
    # one entity's report: its own counts
    alone = json.loads(invoke(*args, "--entity", "Ville").stdout)["per_capita"]  # type: ignore[attr-defined]
    assert alone["scope"] == "Ville"
    assert alone["population"] is None
    assert alone["kgco2e_per_agent"] == pytest.approx(5 * C17 / 250, abs=5e-4)
    screen = flat(invoke("footprint", str(ledger), "--config", str(_config(tmp_path))).stdout)  # type: ignore[attr-defined]
    assert "kgCO2e par habitant (100 000 habitants : INSEE, territoire, 2021)" in screen.replace(
        "\u202f", " "
    )
    english = flat(
        invoke("footprint", str(ledger), "--config", str(_config(tmp_path)), "--lang", "en").stdout
    )  # type: ignore[attr-defined]
    assert "kgCO2e per agent (750 agents: bilan social, 2024; sum of the entities)" in english


def test_without_counts_there_is_no_per_capita_block(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    ledger = make_ledger(ROWS, header=HEADER, fmt="csv")
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump(RULES), encoding="utf-8")
    config = tmp_path / "plain.yaml"
    config.write_text(yaml.safe_dump({"mappings": ["rules.yaml"]}), encoding="utf-8")
    doc = json.loads(
        invoke("footprint", str(ledger), "--config", str(config), "--format", "json").stdout
    )  # type: ignore[attr-defined]
    assert "per_capita" not in doc


@pytest.mark.parametrize(
    ("population", "expected"),
    [
        ({"value": 0, "source": "INSEE", "year": 2021}, "group_population.value"),
        ({"value": 1000, "year": 2021}, "group_population.source"),
        (1000, "group_population"),
    ],
)
def test_bad_counts_are_located(
    make_ledger: LedgerFactory, tmp_path: Path, population: Any, expected: str
) -> None:
    ledger = make_ledger(ROWS, header=HEADER, fmt="csv")
    config = _config(tmp_path, group_population=population)
    result = invoke("footprint", str(ledger), "--config", str(config))
    assert result.exit_code == 3
    text = flat(result.output)  # type: ignore[attr-defined]
    assert "achats.yaml" in text
    assert expected in text
