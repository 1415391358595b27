"""Parity: each command's JSON output is its library function's result, ``to_dict()``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.operations.commands import (
    clauses_job,
    explain_job,
    footprint_job,
    validate_job,
)
from achats_durables.operations.compare import compare_job
from achats_durables.operations.run import run_batch

from .conftest import write_xlsx

runner = CliRunner()
HEADER = ["Exercice", "Collectivité", "Nature", "Libellé", "Fournisseur", "Montant HT", "N° marché"]
ROWS = [
    ["Ville", "6064", "Ramettes papier", "Papeterie", 1000, "M-1"],
    ["Ville", "611", "Prestation", "X", 500, ""],
    ["Agglo", "2183", "Portables", "Info", 3000, ""],
    ["Agglo", "6411", "Salaires", "", 9000, ""],
    ["Agglo", "9999", "Inconnu", "Y", 400, ""],
]
REGISTER = [
    [
        "N° marché",
        "Entité",
        "Objet",
        "Code CPV",
        "Montant HT",
        "Date de notification",
        "Considérations sociales",
        "Considérations environnementales",
    ],
    ["M-1", "Ville", "Papier", "30197630", 4000, "01/01/2024", "Sans objet", "Clause env."],
    ["M-2", "Agglo", "Portables", "30213100", 9000, "01/02/2024", "Insertion", "Sans objet"],
]


@pytest.fixture
def files(tmp_path: Path) -> Path:
    for year, scale in ((2024, 1.0), (2025, 1.5)):
        rows = [[year, *r[:4], r[4] * scale, r[5]] for r in ROWS]
        write_xlsx(tmp_path / f"gl-{year}.xlsx", [HEADER, *rows])
    write_xlsx(tmp_path / "marches.xlsx", REGISTER)
    config = {
        "output": "rapports",
        "entities": [{"name": "Ville"}, {"name": "Agglo"}],
        "years": {
            2024: {"ledgers": ["gl-2024.xlsx"], "contracts": ["marches.xlsx"]},
            2025: {"ledgers": ["gl-2025.xlsx"], "contracts": ["marches.xlsx"]},
        },
        "targets": {"pcaet": {"base_year": 2024, "yearly_reduction": 0.04, "target_year": 2030}},
    }
    (tmp_path / "achats.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return tmp_path


def cli_json(*args: str) -> dict[str, object]:
    result = runner.invoke(cli.app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_footprint(files: Path) -> None:
    ledger, config = files / "gl-2025.xlsx", files / "achats.yaml"
    shown = cli_json("footprint", str(ledger), "--config", str(config), "--year", "2025")
    result = footprint_job([ledger], config=config, year=2025)
    assert shown == result.report.to_dict()
    assert shown["totals"]["spend_excl_vat_eur"] == pytest.approx((1000 + 500 + 3000) * 1.5)  # type: ignore[index]


def test_validate(files: Path) -> None:
    ledger = files / "gl-2024.xlsx"
    shown = cli_json("validate", str(ledger), "--lang", "en")
    assert shown == validate_job([ledger]).to_dict("en")
    rec = shown["reconciliation"]
    assert (rec["rows_read"], rec["rows_skipped"]) == (6, 1)  # type: ignore[index]  # the header


def test_explain(files: Path) -> None:
    ledger = files / "gl-2024.xlsx"
    shown = cli_json("explain", str(ledger), "--row", "2")
    assert shown == explain_job(ledger, 2).to_dict()
    assert shown["winner"] is not None


def test_clauses(files: Path) -> None:
    register, ledger = files / "marches.xlsx", files / "gl-2024.xlsx"
    shown = cli_json("clauses", str(register), "--ledger", str(ledger))
    assert shown == clauses_job([register], ledgers=[ledger]).to_dict()
    assert shown["totals"]["contracts"] == 2  # type: ignore[index]


def test_compare(files: Path) -> None:
    reports = []
    for year in (2024, 2025):
        out = files / f"fp-{year}.json"
        written = runner.invoke(
            cli.app, ["footprint", str(files / f"gl-{year}.xlsx"), "-o", str(out), "--quiet"]
        )
        assert written.exit_code == 0, written.output
        reports.append(out)
    shown = cli_json("compare", *map(str, reports))
    assert shown == compare_job(reports).to_dict()
    change = shown["changes"][0]["change_tco2e"]  # type: ignore[index]
    totals = [json.loads(p.read_text(encoding="utf-8"))["totals"] for p in reports]
    assert change == pytest.approx(totals[1]["emissions_tco2e"] - totals[0]["emissions_tco2e"])


def test_run_summary(files: Path) -> None:
    config = files / "achats.yaml"
    result = runner.invoke(cli.app, ["run", "--config", str(config), "--no-xlsx", "--quiet"])
    assert result.exit_code == 0, result.output
    written = json.loads((files / "rapports" / "summary.json").read_text(encoding="utf-8"))
    again = run_batch(config, xlsx=False).data
    for varying in ("started_at", "durations_s"):  # the clock, not the figures
        written.pop(varying)
        again.pop(varying)
    assert written == again
    # 2 years × (group, Ville, Agglo) × (empreinte .json .csv -lignes.csv, clauses .json .csv,
    # agec.json); no official AGEC declaration: the config gives no buyer SIRET
    assert len(written["outputs"]) == 2 * 3 * 6
    assert not [o for o in written["outputs"] if "declaration-agec" in o["path"]]
