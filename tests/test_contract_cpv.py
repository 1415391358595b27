"""A line without CPV takes its contract's CPV (register, else majority of its lines)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.footprint.contract_cpv import majority
from achats_durables.operations.pipeline import load_setup, run_clauses, run_footprint
from achats_durables.writers.csv import lines_csv

from .conftest import REPO, LedgerFactory, write_xlsx

runner = CliRunner()
VALUES = {
    f["id"]: f["values"]
    for f in yaml.safe_load(
        (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
    )["factors"]
}
IPC = yaml.safe_load(
    (REPO / "factors" / "indices" / "insee-ipc-base2015.yaml").read_text(encoding="utf-8")
)["values"]
TO_2023 = IPC[2023] / IPC[2025]
RULES = {
    "id": "t",
    "rules": [
        {"id": "fournitures", "when": {"cpv": "30192"}, "factor": "naf-C17"},
        {"id": "informatique", "when": {"cpv": "302"}, "factor": "naf-C26"},
        {"id": "mobilier", "when": {"cpv": "391"}, "factor": "naf-C31"},
        {"id": "prestations", "when": {"account": "611"}, "factor": "naf-M74"},
    ],
}
HEADER = ["Exercice", "Nature", "Libellé", "Montant HT", "N° marché", "Code CPV"]
ROWS = [
    # M-1: two lines on 30192000, one on 30213000: the majority is 30192000
    [2025, "611", "Fournitures", 100, "M-1", "30192000"],  # row 2
    [2025, "611", "Fournitures", 100, "M-1", "30192000"],  # row 3
    [2025, "611", "Portable", 900, "M-1", "30213000"],  # row 4
    [2025, "611", "Livraison", 50, "m-1 ", ""],  # row 5: no CPV, same contract (case, space)
    # M-2: 2 lines each; 30213000 has the most spend
    [2025, "611", "a", 100, "M-2", "30192000"],  # row 6
    [2025, "611", "b", 100, "M-2", "30192000"],  # row 7
    [2025, "611", "c", 150, "M-2", "30213000"],  # row 8
    [2025, "611", "d", 150, "M-2", "30213000"],  # row 9
    [2025, "611", "e", 40, "M-2", ""],  # row 10: → 30213000
    # M-3: 1 line each, same spend: the smallest code
    [2025, "611", "f", 100, "M-3", "39100000"],  # row 11
    [2025, "611", "g", 100, "M-3", "30192000"],  # row 12
    [2025, "611", "h", 30, "M-3", ""],  # row 13: → 30192000
    [2025, "611", "i", 70, "", ""],  # row 14: no contract: stays on the 611 rule
    [2025, "611", "j", 20, "M-9", ""],  # row 15: no line of M-9 has a CPV: stays on 611
]


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(RULES), encoding="utf-8")
    return path


def register(tmp_path: Path, rows: list[list[object]]) -> Path:
    header = ["N° marché", "Objet du marché", "Code CPV", "Montant HT"]
    return write_xlsx(tmp_path / "registre.xlsx", [header, *rows], sheet="Marchés")


def kg(amount: float, factor: str) -> float:
    return amount * TO_2023 / 1000 * VALUES[factor][2023]


def test_majority_breaks_ties_by_spend_then_code() -> None:
    keys = ["A", "A", "A", "B", "B", "B", "B", "C", "C", "D"]
    values = ["x", "x", "y", "x", "y", "y", "x", "z", "y", ""]
    weights = [1, 1, 50, 10, 30, 30, 10, 5, 5, 99]
    assert majority(keys, values, weights) == {"A": "x", "B": "y", "C": "y"}  # type: ignore[arg-type]


def test_lines_without_cpv_take_their_contracts_majority(
    make_ledger: LedgerFactory, rules: Path
) -> None:
    report = run_footprint([make_ledger(ROWS, header=HEADER)], load_setup(mappings=[rules]))
    lines = report.lines.set_index("row")
    expected = {
        5: ("30192000", "marché (majorité des lignes)", "fournitures"),
        10: ("30213000", "marché (majorité des lignes)", "informatique"),
        13: ("30192000", "marché (majorité des lignes)", "fournitures"),
        14: ("", "", "prestations"),
        15: ("", "", "prestations"),
        2: ("30192000", "ligne", "fournitures"),
        4: ("30213000", "ligne", "informatique"),
    }
    for row, (cpv, origin, rule) in expected.items():
        assert (lines.loc[row, "cpv_used"], lines.loc[row, "cpv_source"]) == (cpv, origin), row
        assert lines.loc[row, "rule"] == rule, row
    assert lines.loc[5, "cpv"] == ""  # the CPV column stays as read
    c17 = 100 + 100 + 50 + 100 + 100 + 100 + 30
    c26 = 900 + 150 + 150 + 40
    expected_kg = kg(c17, "naf-C17") + kg(c26, "naf-C26") + kg(100, "naf-C31") + kg(90, "naf-M74")
    assert report.totals.emissions_tco2e == pytest.approx(expected_kg / 1000, rel=1e-9)
    issue = next(i for i in report.issues if i.code == "contract-cpv-inherited")
    assert issue.params == {"count": 3, "register": 0, "majority": 3, "amount": 120.0}
    assert "pour 120,00 € :" in issue.message("fr")
    assert "for €120.00:" in issue.message("en")
    csv_text = lines_csv(report)
    assert "Origine du CPV" in csv_text.splitlines()[0]
    assert "marché (majorité des lignes)" in csv_text


def test_before_the_fix_row_5_would_have_been_on_the_611_rule(
    make_ledger: LedgerFactory, rules: Path
) -> None:
    """The figure the fix changes: row 5 counted with C17 instead of the 611 catch-all (N)."""
    report = run_footprint([make_ledger(ROWS, header=HEADER)], load_setup(mappings=[rules]))
    row5 = report.lines.set_index("row").loc[5]
    assert row5["factor"] == "naf-C17"
    assert row5["emissions_kgco2e"] == pytest.approx(kg(50, "naf-C17"), rel=1e-12)
    assert not math.isclose(kg(50, "naf-C17"), kg(50, "naf-M74"))


def _config(tmp_path: Path, ledger: Path, contracts: Path, rules: Path) -> Path:
    path = tmp_path / "achats.yaml"
    doc = {
        "mappings": [str(rules)],
        "years": {2025: {"ledgers": [str(ledger)], "contracts": [str(contracts)]}},
    }
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def test_the_register_comes_before_the_majority(
    make_ledger: LedgerFactory, rules: Path, tmp_path: Path
) -> None:
    ledger = make_ledger(ROWS, header=HEADER)
    contracts = register(
        tmp_path,
        [
            # M-1 (written « M.-1 » here) is furniture for the register
            ["M.-1", "Mobilier et fournitures", "39100000", 50000],
            ["M-3", "Fournitures", "", 1000],  # no CPV in the register: the majority stays
        ],
    )
    config = _config(tmp_path, ledger, contracts, rules)
    result = runner.invoke(
        cli.app, ["footprint", str(ledger), "-c", str(config), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    c17 = 100 + 100 + 100 + 100 + 100 + 30
    c26 = 900 + 150 + 150 + 40
    furniture = 50 + 100
    expected_kg = (
        kg(c17, "naf-C17") + kg(c26, "naf-C26") + kg(furniture, "naf-C31") + kg(90, "naf-M74")
    )
    assert data["totals"]["emissions_tco2e"] == pytest.approx(expected_kg / 1000, rel=1e-6)
    issue = next(i for i in data["issues"] if i["code"] == "contract-cpv-inherited")
    assert "1 d'après le registre des marchés, 2 d'après la majorité" in issue["message"]
    explained = runner.invoke(
        cli.app, ["explain", str(ledger), "--row", "5", "-c", str(config), "--format", "json"]
    )
    assert explained.exit_code == 0, explained.output
    shown = json.loads(explained.stdout)
    assert shown["winner"]["id"] == "mobilier"
    assert shown["fields"]["cpv_used"] == "39100000"
    assert shown["steps"][0] == {
        "code": "explain-step-cpv-from-register",
        "params": {"contract": "m-1", "cpv": "39100000"},
    }
    text = runner.invoke(cli.app, ["explain", str(ledger), "--row", "5", "-c", str(config)])
    assert (
        "La ligne n'a pas de code CPV : elle prend celui de son marché m-1, 39100000 "
        "(registre des marchés)" in " ".join(text.stdout.split())
    )


def test_clauses_with_a_ledger_use_the_register_given(
    make_ledger: LedgerFactory, rules: Path, tmp_path: Path
) -> None:
    ledger = make_ledger(ROWS, header=HEADER)
    contracts = register(tmp_path, [["M-1", "Mobilier", "39100000", 50000]])
    setup = load_setup(mappings=[rules])
    # row 5 (50 €) takes M-1's CPV from the register given to achats clauses: furniture, not C17;
    # with --year 2030 no contract is reported, but the ledger's lines still take their CPV
    for year in (None, 2030):
        report = run_clauses([contracts], setup, ledgers=[ledger], year=year)
        assert report.ledger_join is not None
        total = report.ledger_join["total"]["emissions_tco2e"]
        c17 = 100 + 100 + 100 + 100 + 100 + 30
        c26 = 900 + 150 + 150 + 40
        expected_kg = (
            kg(c17, "naf-C17") + kg(c26, "naf-C26") + kg(150, "naf-C31") + kg(90, "naf-M74")
        )
        assert total == pytest.approx(expected_kg / 1000, rel=1e-5), year
