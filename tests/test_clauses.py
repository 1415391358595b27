"""Clause coverage: indicators, targets, the join with the ledger computed by hand, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.clauses import ClauseTargets, compute_clause_coverage
from achats_durables.contracts import read_contracts
from achats_durables.pipeline import load_setup, run_clauses

from .conftest import REPO, write_xlsx

FACTORS = yaml.safe_load(
    (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
)
VALUES = {f["id"]: f["values"] for f in FACTORS["factors"]}
REGISTER = [
    "N° marché",
    "Entité",
    "Objet",
    "Code CPV",
    "Montant HT",
    "Date de notification",
    "Durée (mois)",
    "Procédure",
    "Considérations sociales",
    "Considérations environnementales",
    "Heures d'insertion prévues",
    "Heures d'insertion réalisées",
]
CONTRACTS = [
    [
        "M-1",
        "Ville",
        "Fournitures de bureau",
        "30192000",
        10000,
        dt.datetime(2023, 1, 1),
        48,
        "Procédure adaptée",
        "Pas de considération sociale",
        "Clause environnementale",
        None,
        None,
    ],
    [
        "M-2",
        "Ville",
        "Repas",
        "55520000",
        50000,
        dt.datetime(2024, 6, 1),
        36,
        "Appel d'offres ouvert",
        "Clause sociale | Critère social",
        "Sans objet",
        1607,
        803.5,
    ],
    [
        "M-3",
        "Agglo",
        "Travaux",
        "45233140",
        200000,
        dt.datetime(2026, 9, 1),
        24,
        "Appel d'offres ouvert",
        "Sans objet",
        "Pas de considération environnementale",
        None,
        None,
    ],
]
LEDGER = ["Exercice", "Nature", "Libellé", "Montant HT", "N° marché"]
LEDGER_ROWS = [
    [2023, "6064", "Ramettes", 1000, "M-1"],  # C17, with env, without social
    [2023, "6064", "Enveloppes", 500, " m-1 "],  # same contract, written differently
    [2023, "611", "Repas", 2000, "M-2"],  # naf-I by the local rule, with social, without env
    [2023, "6064", "Papier hors marché", 300, ""],  # outside any contract
    [2023, "6064", "Papier", 100, "M-9"],  # unknown to the register
    [2023, "6411", "Salaires", 5000, ""],  # excluded: not in the join
]
RULES = {
    "rules": [
        {"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"},
        {"id": "repas", "when": {"account": "611"}, "factor": "naf-I"},
    ]
}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    register = write_xlsx(
        tmp_path / "registre.xlsx", [["Registre des marchés"], REGISTER, *CONTRACTS]
    )
    ledger = write_xlsx(tmp_path / "gl.xlsx", [LEDGER, *LEDGER_ROWS])
    rules = tmp_path / "regles.yaml"
    rules.write_text(yaml.safe_dump(RULES), encoding="utf-8")
    return {"register": register, "ledger": ledger, "rules": rules}


def test_indicators_and_targets(files: dict[str, Path]) -> None:
    report = compute_clause_coverage(read_contracts([files["register"]]))
    t = report.totals
    assert (
        t["contracts"],
        t["contracts_with_social"],
        t["contracts_with_environmental"],
        t["contracts_with_both"],
    ) == (3, 1, 1, 0)
    assert t["amount_eur"] == 260000
    assert t["amount_with_social_eur"] == 50000
    assert t["share_social"] == pytest.approx(1 / 3, abs=1e-6)
    assert t["insertion_hours_planned"] == 1607
    assert t["insertion_fte_done"] == 0.5
    targets = {row["id"]: row for row in report.targets}
    assert targets["pnad-environnement"]["gap_contracts"] == 2
    assert targets["pnad-environnement"]["met"] is False
    assert (
        targets["pnad-social"]["gap_contracts"] == 0
    )  # ceil(0.3 × 3) = 1 contract needed, 1 has one
    assert targets["pnad-social"]["met"] is True
    assert [c["contract_ref"] for c in report.to_check] == ["M-3"]  # notified after 21/08/2026
    assert targets["loi-climat-art-35"]["met"] is None
    assert targets["spaser"]["required"] is False
    values = {(c["kind"], c["value"]): c["contracts"] for c in report.by_consideration}
    assert values[("sociale", "Clause sociale")] == 1
    assert values[("sociale", "Critère social")] == 1
    assert values[("environnementale", "Pas de considération environnementale")] == 2
    by_year = {row.key: row for row in report.tables["by_year"]}
    assert by_year["2024"].share_social == 1.0
    assert by_year["2026"].share_environmental == 0.0


def test_targets_from_the_configuration(files: dict[str, Path]) -> None:
    report = compute_clause_coverage(
        read_contracts([files["register"]]), targets=ClauseTargets(social=0.5, environmental=0.3)
    )
    targets = {row["id"]: row for row in report.targets}
    assert targets["pnad-social"]["gap_contracts"] == 1  # ceil(1.5) = 2 needed, 1 has one
    assert targets["pnad-environnement"]["met"] is True


def test_join_with_the_ledger_by_hand(files: dict[str, Path]) -> None:
    setup = load_setup(mappings=[files["rules"]])
    report = run_clauses(
        [files["register"]], setup, ledgers=[files["ledger"]], today=dt.date(2026, 11, 25)
    )
    c17, food = VALUES["naf-C17"][2023] / 1000, VALUES["naf-I"][2023] / 1000  # kg per €
    j = report.ledger_join
    assert j is not None
    assert j["under_contracts"]["spend_excl_vat_eur"] == 3500
    assert j["with_environmental"]["spend_excl_vat_eur"] == 1500
    assert j["with_environmental"]["emissions_tco2e"] == pytest.approx(1500 * c17 / 1000, rel=1e-9)
    assert j["without_environmental"]["emissions_tco2e"] == pytest.approx(
        2000 * food / 1000, rel=1e-9
    )
    assert j["with_social"]["spend_excl_vat_eur"] == 2000
    assert j["without_social"]["emissions_tco2e"] == pytest.approx(1500 * c17 / 1000, rel=1e-9)
    assert j["outside_contracts"]["spend_excl_vat_eur"] == 300
    assert j["unknown_contracts"]["spend_excl_vat_eur"] == 100
    assert j["unknown_contracts"]["refs"] == ["M-9"]
    assert j["total"]["spend_excl_vat_eur"] == 3900
    first, second = report.priorities[:2]
    # food: 2 000 € under M-2 without env; paper: 300 € outside + 100 € unknown ref
    assert first["factor"] == "naf-I"
    assert first["emissions_tco2e"] == pytest.approx(2000 * food / 1000, rel=1e-9)
    assert first["contracts_detail"][0]["contract_ref"] == "M-2"
    assert "renouvellement du marché M-2 (échéance 01/06/2027)" in first["action"]
    assert second["factor"] == "naf-C17"
    assert second["emissions_tco2e"] == pytest.approx(400 * c17 / 1000, rel=1e-9)
    assert "hors marché" in second["action"]


@given(
    st.lists(st.tuples(st.booleans(), st.booleans(), st.floats(0, 1e7)), min_size=0, max_size=30)
)
def test_coverage_shares_stay_in_0_1(rows: list[tuple[bool, bool, float]]) -> None:
    import pandas as pd

    from achats_durables.clauses import coverage_table

    frame = pd.DataFrame(
        {
            "has_social": [r[0] for r in rows],
            "has_environmental": [r[1] for r in rows],
            "amount_eur": [r[2] for r in rows],
        }
    )
    for row in coverage_table(frame, pd.Series(["k"] * len(rows), dtype=object)):
        for share in (
            row.share_social,
            row.share_environmental,
            row.share_social_amount,
            row.share_environmental_amount,
        ):
            assert 0.0 <= share <= 1.0


def test_cli_json_equals_library_and_xlsx(files: dict[str, Path], tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli.app, ["clauses", str(files["register"]), "--format", "json"])
    assert result.exit_code == 0, result.output
    expected = run_clauses([files["register"]], load_setup()).to_dict()
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))
    out = tmp_path / "c.xlsx"
    result = runner.invoke(
        cli.app,
        ["clauses", str(files["register"]), "--ledger", str(files["ledger"]), "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Priorités"
    import zipfile

    assert sum(1 for n in zipfile.ZipFile(out).namelist() if n.startswith("xl/charts/")) == 2
    missing = runner.invoke(cli.app, ["clauses", str(tmp_path / "absent.xlsx")])
    assert missing.exit_code == 3


def shared_decp() -> Path | None:
    from .conftest import shared_reference

    ref = shared_reference()
    return None if ref is None else ref / "decp" / "decp_v2_emarchespublics_shared.json"


def test_shared_decp_coverage_equals_independent_count() -> None:
    path = shared_decp()
    if path is None:
        pytest.skip("../shared/reference absent : contrôle croisé impossible hors CI")
    raw: Any = json.loads(path.read_text(encoding="utf-8"))
    records = raw["marches"]["marche"] + raw["marches"].get("contrat-concession", [])

    def has(record: dict[str, Any], key: str, item: str) -> bool:
        values = (record.get(key) or {}).get(item) or []
        return any(not v.startswith("Pas de considération") and v != "Sans objet" for v in values)

    social = sum(has(r, "considerationsSociales", "considerationSociale") for r in records)
    env = sum(
        has(r, "considerationsEnvironnementales", "considerationEnvironnementale") for r in records
    )
    report = run_clauses([path], load_setup())
    t = report.totals
    assert t["contracts"] == len(records)
    assert t["contracts_with_social"] == social
    assert t["contracts_with_environmental"] == env
    assert math.isclose(t["share_social"], social / len(records), abs_tol=1e-6)
    assert math.isclose(t["share_environmental"], env / len(records), abs_tol=1e-6)
