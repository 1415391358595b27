"""The README's main job on the shipped example, and the example's promises."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.operations.pipeline import load_setup, run_footprint

from .conftest import REPO, assert_reconciled

EXAMPLE = REPO / "examples" / "grand-livre-2025.xlsx"
CONFIG = REPO / "examples" / "achats.yaml"


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:bash|sh|shell|console)?\n(.*?)```", text, re.S)
    assert block is not None
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_starts_with_the_two_setup_commands() -> None:
    first, second = readme_commands()
    assert "pip install ." in first
    assert "achats footprint examples/grand-livre-2025.xlsx" in first
    assert "pytest" in second


def test_main_job_on_the_example() -> None:
    args = readme_commands()[0].split("achats ", 1)[1].split()
    result = CliRunner().invoke(cli.app, [*args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    r = data["reconciliation"]
    assert_reconciled(r)
    assert r["spend_unmapped_eur"] <= 0.05 * r["spend_read_eur"]
    assert data["totals"]["emissions_tco2e"] > 0
    assert any(i["code"] == "intra-group-excluded" for i in data["issues"])


def test_example_is_large_synthetic_and_realistic() -> None:
    report = run_footprint([EXAMPLE], load_setup(CONFIG))
    lines = report.lines
    purchases = lines[lines["status"].isin(["mapped", "unmapped", "excluded", "unquantified"])]
    assert len(purchases) >= 2000
    assert set(purchases["entity"]) == {"Agglopolys", "Ville de Blois", "CIAS du Blaisois"}
    assert (
        purchases["amount_excl_vat"].isna() & purchases["amount_incl_vat"].notna()
    ).any()  # TTC only
    assert (purchases["amount_excl_vat"] < 0).any()  # credit notes
    assert (lines["reason"] == "ligne de total ou de sous-total").sum() == 1
    assert set(purchases["year"]) == {2025}
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(EXAMPLE)).get_sheet_by_index(0).to_python()
    assert any("SYNTHÉTIQUES" in str(c) for row in rows[:4] for c in row)


def test_clauses_on_the_example_register_and_decp() -> None:
    register = REPO / "examples" / "registre-marches.xlsx"
    decp = REPO / "examples" / "decp-2025.json"
    from achats_durables.operations.pipeline import run_clauses

    setup = load_setup(CONFIG)
    report = run_clauses([register], setup, ledgers=[EXAMPLE])
    assert report.totals["contracts"] >= 150
    join = report.ledger_join
    assert join is not None
    assert join["unknown_contracts"]["lines"] == 0  # every ledger contract is in the register
    assert report.priorities
    assert report.priorities[0]["emissions_tco2e"] >= report.priorities[-1]["emissions_tco2e"]
    decp_report = run_clauses([decp], setup)
    assert decp_report.totals["contracts"] > 0
    assert not [i for i in decp_report.issues if i.severity == "error"]
