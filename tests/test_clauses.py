"""Clause coverage: indicators, targets, the join with the ledger computed by hand, the CLI."""

from __future__ import annotations

import csv
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
from achats_durables.clauses.coverage import ClauseTargets, compute_clause_coverage
from achats_durables.contracts.read import read_contracts
from achats_durables.operations.pipeline import load_setup, run_clauses

from .conftest import REPO, skip_without_shared, write_xlsx

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


def by_id_and_year(rows: list[dict[str, Any]]) -> dict[tuple[str, int | None], dict[str, Any]]:
    """Checks keyed by (id, notification year); the SPASER rows are left out (one per buyer)."""
    out = {(r["id"], r["year"]): r for r in rows if r["id"] != "spaser"}
    assert len(out) == len([r for r in rows if r["id"] != "spaser"]), "one check per id and year"
    return out


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
    pnad = by_id_and_year(report.targets)
    # one check per notification year, on that year's contracts only: 2023 (M-1, env), 2024
    # (M-2, social), 2026 (M-3, none)
    assert sorted(y for i, y in pnad if i == "pnad-environnement") == [2023, 2024, 2026]
    env_2023, env_2024 = pnad["pnad-environnement", 2023], pnad["pnad-environnement", 2024]
    assert (env_2023["contracts"], env_2023["actual"], env_2023["met"]) == (1, 1.0, True)
    assert (env_2024["actual"], env_2024["met"], env_2024["gap_contracts"]) == (0.0, False, 1)
    social_2023, social_2024 = pnad["pnad-social", 2023], pnad["pnad-social", 2024]
    assert (social_2023["met"], social_2023["gap_contracts"]) == (False, 1)  # ceil(0.3 × 1) = 1
    assert (social_2024["actual"], social_2024["met"]) == (1.0, True)
    assert env_2023["target_year"] == 2025
    assert "sans jalon annuel" in env_2023["detail"]
    assert "reconduit" in pnad["pnad-environnement", 2026]["detail"]
    # M-3 (notified 01/09/2026, works of 200 000 € < 5 404 000 €): neither env. condition nor criterion
    assert [c["contract_ref"] for c in report.to_check] == ["M-3"]
    m3 = report.to_check[0]
    assert m3["status"] == "non-compliant"
    assert m3["reasons"] == ["environmental-condition-missing", "environmental-criterion-missing"]
    assert m3["works"] is True
    assert m3["eu_threshold_eur"] == 5_404_000
    climat = pnad["loi-climat-art-35", None]
    assert (climat["contracts"], climat["contracts_non_compliant"], climat["met"]) == (1, 1, False)
    spaser = [t for t in report.targets if t["id"] == "spaser"]
    assert {t["entity"]: t["required"] for t in spaser} == {"Agglo": False, "Ville": False}
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
    pnad = by_id_and_year(report.targets)
    # 2024: M-2 only, social: 1 of 1 ≥ 50 %; 2023: M-1 has no social one, ceil(0.5 × 1) = 1 missing
    assert pnad["pnad-social", 2024]["met"] is True
    assert pnad["pnad-social", 2023]["gap_contracts"] == 1
    assert pnad["pnad-social", 2023]["target"] == 0.5
    # environmental 30 %: 2023 1 of 1 met; 2024 0 of 1, ceil(0.3 × 1) = 1 missing
    assert pnad["pnad-environnement", 2023]["met"] is True
    assert pnad["pnad-environnement", 2024]["gap_contracts"] == 1


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
    first, second = report.priorities_in("fr")[:2]
    # food: 2 000 € under M-2 without env; paper: 300 € outside + 100 € unknown ref
    assert first["factor"] == "naf-I"
    assert first["emissions_tco2e"] == pytest.approx(2000 * food / 1000, rel=1e-9)
    assert first["contracts_detail"][0]["contract_ref"] == "M-2"
    assert "renouvellement du marché M-2 (échéance 01/06/2027)" in first["action"]
    assert second["factor"] == "naf-C17"
    assert second["emissions_tco2e"] == pytest.approx(400 * c17 / 1000, rel=1e-9)
    assert "hors marché" in second["action"]
    assert first["action_params"]["end_date"] == "2027-06-01"  # ISO in the data
    assert first["contracts_detail"][0]["end_date"] == "2027-06-01"
    english = report.priorities_in("en")[0]["action"]
    assert "when contract M-2 is renewed (ends 2027-06-01)" in english


@given(
    st.lists(st.tuples(st.booleans(), st.booleans(), st.floats(0, 1e7)), min_size=0, max_size=30)
)
def test_coverage_shares_stay_in_0_1(rows: list[tuple[bool, bool, float]]) -> None:
    import pandas as pd

    from achats_durables.clauses.coverage import coverage_table

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
        skip_without_shared()
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


# --------------------------------------------------------------------------- loi Climat art. 35

# N° marché, Entité, Objet, Code CPV, Montant HT, Date de notification, then the considerations
CLIMAT_HEADER = [*REGISTER[:6], *REGISTER[8:10]]
ENV_CONDITION = "Clause environnementale"
BOTH_ENV = "Clause environnementale | Critère environnemental"
AFTER = dt.datetime(2026, 10, 1)  # notified after 21/08/2026: 2026-2027 EU thresholds


def test_climat_needs_condition_criterion_and_social_condition_at_eu_thresholds(
    tmp_path: Path,
) -> None:
    rows = [
        # ref, entity, object, cpv, amount HT, date, social, environmental
        ["C1", "Ville", "Nettoyage", "90911200", 300_000, AFTER, "Clause sociale", BOTH_ENV],
        ["C2", "Ville", "Papier", "30197630", 300_000, AFTER, "Clause sociale", ENV_CONDITION],
        ["C3", "Ville", "Repas", "55520000", 300_000, AFTER, "Critère social", BOTH_ENV],
        ["C4", "Ville", "Reliure", "79971000", 100_000, AFTER, "Sans objet", BOTH_ENV],
        ["C5", "Agglo", "Voirie", "45233140", 5_000_000, AFTER, "Sans objet", BOTH_ENV],
        ["C6", "Agglo", "Station", "45252000", 5_404_000, AFTER, "Sans objet", BOTH_ENV],
        ["C7", "Agglo", "Bennes", "34144511", 216_000, AFTER, "Critère social", BOTH_ENV],
        ["C8", "Agglo", "Sel", "34927100", 50_000, dt.datetime(2026, 8, 20), "Sans objet", ""],
    ]
    path = write_xlsx(tmp_path / "registre.xlsx", [CLIMAT_HEADER, *rows])
    report = compute_clause_coverage(read_contracts([path]))
    # In scope: C1…C7 (C8 notified the day before). Compliant: C1 (both env., social condition),
    # C4 (100 000 € < 216 000 €: no social condition needed), C5 (works 5 000 000 € < 5 404 000 €).
    # C2: no criterion; C3: 300 000 € ≥ 216 000 € without « Clause sociale »; C6: works at the
    # threshold (« atteint »); C7: supplies at 216 000 € with a social criterion only.
    climat = by_id_and_year(report.targets)["loi-climat-art-35", None]
    assert climat["contracts"] == 7
    assert climat["contracts_compliant"] == 3
    assert climat["contracts_non_compliant"] == 4
    assert climat["contracts_to_verify"] == 0
    assert climat["actual"] == round(3 / 7, 6)
    assert climat["met"] is False
    listed = {c["contract_ref"]: c for c in report.to_check}
    assert sorted(listed) == ["C2", "C3", "C6", "C7"]
    assert listed["C2"]["reasons"] == ["environmental-criterion-missing"]
    assert listed["C2"]["reasons_text"] == (
        "pas de critère d'attribution environnemental (« Critère environnemental »)"
    )
    for ref, threshold in (("C3", 216_000), ("C6", 5_404_000), ("C7", 216_000)):
        assert listed[ref]["reasons"] == ["social-condition-missing"], ref
        assert listed[ref]["eu_threshold_eur"] == threshold
        assert listed[ref]["above_eu_threshold"] is True
        assert listed[ref]["status"] == "non-compliant"
        assert listed[ref]["eu_threshold_period"] == "2026-2027"
    assert listed["C6"]["works"] is True
    assert "L. 2112-2-1" in listed["C3"]["reasons_text"]
    assert "216\u202f000 € HT" in listed["C3"]["reasons_text"]
    english = report.to_dict("en")["to_check"]
    assert english[0]["status_label"] == "non-compliant"
    assert "award criterion" in english[0]["reasons_text"]


def test_eu_thresholds_table_by_period() -> None:
    from achats_durables.clauses.climat import eu_thresholds_on

    before = eu_thresholds_on(dt.date(2025, 12, 31))
    assert (
        before.central_supplies_services_eur,
        before.local_supplies_services_eur,
        before.works_eur,
    ) == (143_000, 221_000, 5_538_000)
    assert "2023/2495" in before.source
    after = eu_thresholds_on(dt.date(2026, 1, 1))
    assert (after.local_supplies_services_eur, after.works_eur) == (216_000, 5_404_000)
    assert "2025/2152" in after.source


def test_climat_never_claims_compliance_from_an_undistinguished_register(tmp_path: Path) -> None:
    header = [
        "N° marché",
        "Objet",
        "Montant HT",
        "Date de notification",
        "Dimension environnementale",
    ]
    rows = [
        [
            "U1",
            "Entretien",
            50_000,
            AFTER,
            "oui",
        ],  # environmental: yes, but condition or criterion?
        ["U2", "Fournitures", 20_000, AFTER, "environnemental : oui"],
        ["U3", "Mobilier", 30_000, AFTER, "non"],
    ]
    path = write_xlsx(tmp_path / "registre.xlsx", [header, *rows])
    report = compute_clause_coverage(read_contracts([path]))
    assert report.totals["contracts_with_environmental"] == 2  # U1, U2 count for the PNAD
    listed = {c["contract_ref"]: c for c in report.to_check}
    for ref in ("U1", "U2"):
        assert listed[ref]["status"] == "to-verify"
        assert listed[ref]["reasons"] == ["environmental-undistinguished"]
        assert listed[ref]["reasons_text"] == (
            "à vérifier : le registre ne distingue pas condition d'exécution et critère "
            "d'attribution"
        )
    assert listed["U3"]["status"] == "non-compliant"
    climat = by_id_and_year(report.targets)["loi-climat-art-35", None]
    assert (climat["contracts_compliant"], climat["contracts_to_verify"]) == (0, 2)
    values = {(c["kind"], c["value"]): c["contracts"] for c in report.by_consideration}
    assert values[("environnementale", "Considération environnementale non précisée")] == 2


def test_climat_unknown_amount_is_to_verify(tmp_path: Path) -> None:
    header = [
        "N° marché",
        "Objet",
        "Montant HT",
        "Date de notification",
        "Considérations environnementales",
    ]
    path = write_xlsx(tmp_path / "r.xlsx", [header, ["X1", "Étude", None, AFTER, BOTH_ENV]])
    report = compute_clause_coverage(read_contracts([path]))
    (row,) = report.to_check
    assert (row["status"], row["reasons"], row["above_eu_threshold"]) == (
        "to-verify",
        ["amount-unknown"],
        None,
    )
    assert by_id_and_year(report.targets)["loi-climat-art-35", None]["met"] is None


# --------------------------------------------------------------------------- SPASER per buyer

BUYER_HEADER = [
    "N° marché",
    "Entité",
    "SIRET acheteur",
    "Objet",
    "Montant HT",
    "Date de notification",
]
SPASER_LEDGER = ["Exercice", "Collectivité", "Nature", "Libellé", "Montant HT", "N° marché"]


def _spaser(report: Any) -> dict[str, dict[str, Any]]:
    return {t["entity"]: t for t in report.targets if t["id"] == "spaser"}


def test_spaser_per_buyer_never_on_the_group_sum(files: dict[str, Path], tmp_path: Path) -> None:
    rows = [
        [2025, "Ville", "611", "Prestations", 20_000_000, "M-1"],
        [2025, "Agglo", "611", "Prestations", 25_000_000, "M-2"],
        [2025, "Agglo", "611", "Hors marché", 30_000_000, ""],  # not « dans le cadre de marchés »
        [2025, "CIAS", "611", "Prestations", 6_000_000, "M-3"],
    ]
    ledger = write_xlsx(tmp_path / "gl-spaser.xlsx", [SPASER_LEDGER, *rows])
    setup = load_setup(mappings=[files["rules"]])
    report = run_clauses([files["register"]], setup, ledgers=[ledger])
    # group under contracts: 20 + 25 + 6 = 51 M€ > 50 M€, but each buyer is below
    spaser = _spaser(report)
    assert {k: (v["actual"], v["required"]) for k, v in spaser.items()} == {
        "Agglo": (25_000_000, False),
        "CIAS": (6_000_000, False),
        "Ville": (20_000_000, False),
    }
    assert {v["year"] for v in spaser.values()} == {2025}
    assert {v["basis"] for v in spaser.values()} == {"ledger"}


def test_spaser_threshold_is_strictly_greater_than(files: dict[str, Path], tmp_path: Path) -> None:
    rows = [
        [2025, "Ville", "611", "Prestations", "50 000 000,00", "M-1"],
        [2025, "Agglo", "611", "Prestations", "49 999 999,99", "M-2"],
        [2025, "Agglo", "611", "Prestations", "0,02", "M-3"],  # 50 000 000,01 in all
    ]
    ledger = write_xlsx(tmp_path / "gl-50.xlsx", [SPASER_LEDGER, *rows])
    report = run_clauses(
        [files["register"]], load_setup(mappings=[files["rules"]]), ledgers=[ledger]
    )
    spaser = _spaser(report)
    assert spaser["Ville"]["actual"] == 50_000_000.00
    assert spaser["Ville"]["required"] is False  # « supérieur à » 50 M€: equal is not above
    assert spaser["Agglo"]["actual"] == 50_000_000.01
    assert spaser["Agglo"]["required"] is True


def test_spaser_without_ledger_per_buyer_by_siret_or_name(tmp_path: Path) -> None:
    header = [*BUYER_HEADER, "Durée (mois)"]
    notified = dt.datetime(2025, 3, 1)
    rows = [
        ["V1", "Ville de Blois", "21410018200012", "Voirie", 30_000_000, notified, 12],
        ["V2", "Ville de Blois", "", "Bâtiments", 50_000_000, notified, 24],  # no SIRET: by name
        ["A1", "Agglopolys", "20001783000011", "Transports", 40_000_000, notified, 48],
    ]
    path = write_xlsx(tmp_path / "registre.xlsx", [header, *rows])
    report = compute_clause_coverage(read_contracts([path]))
    spaser = _spaser(report)
    # one notification year; a year's share of each contract: V1 30 M€, V2 50 × 12/24 = 25 M€,
    # A1 40 × 12/48 = 10 M€ → Ville 55 M€ (required), Agglopolys 10 M€; group 65 M€ not used
    assert spaser["Ville de Blois"]["actual"] == 55_000_000
    assert spaser["Ville de Blois"]["siren"] == "214100182"
    assert spaser["Ville de Blois"]["required"] is True
    assert spaser["Agglopolys"]["actual"] == 10_000_000
    assert spaser["Agglopolys"]["required"] is False
    assert {v["basis"] for v in spaser.values()} == {"contracts"}
    assert {v["year"] for v in spaser.values()} == {None}


# --------------------------------------------------------------------------- --entity


def test_cli_entity_by_siren_or_siret(tmp_path: Path) -> None:
    header = BUYER_HEADER
    rows = [
        ["V1", "Ville de Blois", "21410018200012", "Voirie", 1000, dt.datetime(2025, 3, 1)],
        ["V2", "VILLE DE BLOIS", "21410018200038", "Écoles", 2000, dt.datetime(2025, 4, 1)],
        ["A1", "Agglopolys", "20001783000011", "Transports", 4000, dt.datetime(2025, 5, 1)],
    ]
    path = write_xlsx(tmp_path / "registre.xlsx", [header, *rows])
    runner = CliRunner()

    def selected(*args: str) -> tuple[int, float]:
        result = runner.invoke(cli.app, ["clauses", str(path), "--format", "json", *args])
        assert result.exit_code == 0, result.output
        totals = json.loads(result.stdout)["totals"]
        return totals["contracts"], totals["amount_eur"]

    assert selected("--entity", "214100182") == (2, 3000)  # SIREN: both SIRETs of the Ville
    assert selected("--entity", "214 100 182 00038") == (1, 2000)  # one SIRET
    assert selected("--entity", "ville de blois") == (2, 3000)  # the name still works
    assert selected("--entity", "200017830") == (1, 4000)
    help_text = runner.invoke(cli.app, ["clauses", "--help"]).stdout
    assert "SIREN" in help_text
    assert "SIRET" in help_text


def test_cli_entity_siren_also_filters_a_ledger_that_names_entities(
    files: dict[str, Path], tmp_path: Path
) -> None:
    header = BUYER_HEADER
    register = write_xlsx(
        tmp_path / "reg.xlsx",
        [
            header,
            ["M-1", "Ville", "21410018200012", "Papier", 1000, dt.datetime(2025, 3, 1)],
            ["M-2", "Agglo", "20001783000011", "Repas", 2000, dt.datetime(2025, 3, 1)],
        ],
    )
    rows = [
        [2025, "Ville", "6064", "Ramettes", 700, "M-1"],
        [2025, "Agglo", "611", "Repas", 900, "M-2"],
    ]
    ledger = write_xlsx(tmp_path / "gl-names.xlsx", [SPASER_LEDGER, *rows])
    config = tmp_path / "achats.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "entities": [
                    {"name": "Ville", "siren": "214100182"},
                    {"name": "Agglo", "siren": "200017830"},
                ],
                "mappings": [str(files["rules"])],
            }
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli.app,
        [
            *("clauses", str(register), "--ledger", str(ledger), "--config", str(config)),
            *("--entity", "214100182", "--format", "json"),
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["totals"]["contracts"] == 1
    assert report["ledger_join"]["total"]["spend_excl_vat_eur"] == 700  # the Ville's line only
    assert [t["entity"] for t in report["targets"] if t["id"] == "spaser"] == ["Ville"]


def test_writers_show_the_checks_per_year_and_the_failing_contracts(
    files: dict[str, Path], tmp_path: Path
) -> None:
    runner = CliRunner()
    out = tmp_path / "c.csv"
    result = runner.invoke(cli.app, ["clauses", str(files["register"]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    checks = [r for r in rows if r[0] == "Objectifs"]
    assert [(r[1], r[3]) for r in checks if r[1] == "pnad-environnement"] == [
        ("pnad-environnement", "2023"),
        ("pnad-environnement", "2024"),
        ("pnad-environnement", "2026"),
    ]
    climat = [r for r in rows if r[0] == "Loi Climat et résilience"]
    assert [(r[1], r[5]) for r in climat] == [("M-3", "non conforme")]
    assert "critère d'attribution" in climat[0][6]
    xlsx = tmp_path / "c.xlsx"
    assert (
        runner.invoke(cli.app, ["clauses", str(files["register"]), "-o", str(xlsx)]).exit_code == 0
    )
    from openpyxl import load_workbook

    summary = [
        [c for c in row if c is not None]
        for row in load_workbook(xlsx)["Synthèse"].iter_rows(values_only=True)
    ]
    labels = [r[0] for r in summary if r]
    assert any("notifiés en 2024" in str(label) for label in labels)
    assert any(r[:1] == ["M-3"] and "non conforme" in r for r in summary)
    by_year = load_workbook(xlsx)["Par année"]
    header = [c.value for c in by_year[1]]
    first = {h: c.value for h, c in zip(header, by_year[2], strict=True)}
    assert (first["Année"], first["Cible sociale"], first["Cible environnementale"]) == (
        "2023",
        0.3,
        1.0,
    )
    terminal = runner.invoke(cli.app, ["clauses", str(files["register"])])
    assert terminal.exit_code == 0
    assert "SPASER, acheteur par acheteur" in terminal.stdout
    assert "non conforme" in terminal.stdout


def _shared_decp_or_skip() -> Path:
    path = shared_decp()
    if path is None:
        skip_without_shared()
    return path


def test_shared_decp_pnad_per_year_and_spaser_per_buyer() -> None:
    path = _shared_decp_or_skip()
    raw: Any = json.loads(path.read_text(encoding="utf-8"))
    records = raw["marches"]["marche"] + raw["marches"].get("contrat-concession", [])

    def env(record: dict[str, Any]) -> bool:
        values = record["considerationsEnvironnementales"]["considerationEnvironnementale"]
        return any(v != "Pas de considération environnementale" for v in values)

    per_year: dict[int, list[bool]] = {}
    for r in records:
        year = int(str(r.get("dateNotification") or r.get("dateSignature"))[:4])
        per_year.setdefault(year, []).append(env(r))
    report = run_clauses([path], load_setup())
    checks = by_id_and_year(report.targets)
    for year, flags in per_year.items():
        check = checks["pnad-environnement", year]
        assert check["contracts"] == len(flags)
        assert check["actual"] == pytest.approx(sum(flags) / len(flags), abs=1e-6)
        assert check["met"] is (sum(flags) == len(flags))
    # SPASER, buyer by buyer (SIREN of acheteur.id / autoriteConcedante.id): a year's share of
    # each contract's amount, averaged over the notification years of the file
    n_years = len(per_year)
    expected: dict[str, float] = {}
    for r in records:
        buyer = (r.get("acheteur") or r.get("autoriteConcedante"))["id"].replace(" ", "")[:9]
        amount = float(r.get("montant", r.get("valeurGlobale")) or 0)
        months = float(r.get("dureeMois") or 0)
        yearly = amount * min(12.0, months) / months if months > 0 else amount
        expected[buyer] = expected.get(buyer, 0.0) + yearly / n_years
    spaser = {t["siren"]: t for t in report.targets if t["id"] == "spaser"}
    assert set(spaser) == set(expected)
    for siren, amount in expected.items():
        assert spaser[siren]["actual"] == pytest.approx(amount, abs=0.01)
        assert spaser[siren]["required"] is (amount > 50_000_000)


def test_spaser_of_a_single_collectivite_ledger_without_entity_column(
    files: dict[str, Path], tmp_path: Path
) -> None:
    ledger = write_xlsx(
        tmp_path / "gl-one.xlsx",
        [
            ["Exercice", "Nature", "Libellé", "Montant HT", "N° marché"],
            [2025, "611", "Prestations", 1234.5, "M-1"],
            [2025, "611", "Hors marché", 99, ""],
        ],
    )
    config = tmp_path / "achats.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "entities": [{"name": "Commune de Vineuil", "siren": "214102696"}],
                "mappings": [str(files["rules"])],
            }
        ),
        encoding="utf-8",
    )
    report = run_clauses([files["register"]], load_setup(config), ledgers=[ledger])
    spaser = [t for t in report.targets if t["id"] == "spaser"]
    assert [(t["entity"], t["siren"], t["actual"]) for t in spaser] == [
        ("Commune de Vineuil", "214102696", 1234.5)
    ]
