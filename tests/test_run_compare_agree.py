"""``achats run`` and ``achats compare`` quote the same clause figures; DECP hours unknown."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.clauses.coverage import compute_clause_coverage
from achats_durables.contracts.read import read_contracts

from .conftest import REPO
from .test_contracts import _decp_marches, _write_json

runner = CliRunner()


def test_run_and_compare_quote_the_contracts_notified_in_the_year(tmp_path: Path) -> None:
    work = tmp_path / "ex"
    shutil.copytree(REPO / "examples", work)
    config = work / "achats.yaml"
    run = runner.invoke(cli.app, ["run", "-c", str(config), "--no-xlsx", "--quiet"])
    assert run.exit_code in (0, 1), run.output
    summary = json.loads((work / "rapports" / "summary.json").read_text(encoding="utf-8"))
    run_rows = {
        (f["year"], f["scope"]): f for f in summary["figures"] if f.get("contracts") is not None
    }
    compare = runner.invoke(cli.app, ["compare", "-c", str(config), "--format", "json"])
    assert compare.exit_code == 0, compare.output
    data = json.loads(compare.stdout)
    compared = {int(r["label"]): r for r in data["clause_targets"]}
    assert compared, "compare gives clause figures per year"
    for year, row in compared.items():
        ran = run_rows[(year, "groupe")]
        assert ran["contracts"] == row["contracts"]
        assert ran["share_social"] == row["share_social"]
        assert ran["contracts_scope"] == row["contracts_scope"] == "notified-in-year"
    # the register of the example (examples/registre-marches.xlsx): contracts notified in 2025
    register = read_contracts([work / "registre-marches.xlsx"]).frame
    notified_2025 = int((register["year"] == 2025).sum())
    assert compared[2025]["contracts"] == notified_2025
    assert notified_2025 < len(register)  # the register holds other years: not its total


def test_decp_without_insertion_hours_says_not_given(tmp_path: Path) -> None:
    path = _write_json(tmp_path / "decp.json", {"marches": _decp_marches()})
    report = compute_clause_coverage(read_contracts([path]))
    assert report.totals["insertion_hours_planned"] is None
    assert report.totals["insertion_fte_done"] is None
    result = runner.invoke(cli.app, ["clauses", str(path)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "heures d'insertion : non renseignées dans les fichiers lus" in text
    assert "0 prévues" not in text
