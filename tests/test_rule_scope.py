"""A user's own factor sets: shipped rules of sets not loaded step aside (rule_scope)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.core.errors import MappingError
from achats_durables.operations.pipeline import load_setup, run_footprint

from .conftest import REPO, LedgerFactory

runner = CliRunner()
HEADER = ["Exercice", "Nature", "Libellé", "Montant HT", "Quantité", "Unité"]
ROWS = [
    [2025, "6064", "Ramettes", 1000, None, None],  # row 2: user rule → bc24-papier
    [2025, "60612", "Électricité mairie", 900, 5000, "kWh"],  # row 3: user rule, regional kWh
    [2025, "6411", "Salaires", 5000, None, None],  # row 4: shipped exclusion, kept
    [2025, "611", "Prestation", 2000, None, None],  # row 5: shipped m57-611 set aside → unmapped
]
BC24_PAPER = 300.0  # kgCO2e/k€ HT, euros 2025: written by this test (« Base Carbone V24 »)
REGIONAL_KWH = 0.05  # kgCO2e/kWh: written by this test (a regional electricity factor)


def _sets(tmp_path: Path) -> tuple[Path, Path]:
    monetary = {
        "id": "base-carbone-v24-ratios",
        "name": "Base Carbone V24 (jeu d'essai)",
        "version": "24.0",
        "licence": "test",
        "source": "écrit par le test",
        "uncertainty": 0.5,
        "factors": [
            {
                "id": "bc24-papier",
                "label": "Papier (V24)",
                "kind": "monetary",
                "unit": "kgCO2e/k€HT",
                "values": {2025: BC24_PAPER},
                "beges": "4.1",
            }
        ],
    }
    regional = {
        "id": "ors-centre-val-de-loire-energie",
        "name": "Facteurs régionaux (jeu d'essai)",
        "version": "2024",
        "licence": "test",
        "source": "écrit par le test",
        "uncertainty": 0.1,
        "factors": [
            {
                "id": "elec-cvl",
                "label": "Électricité, Centre-Val de Loire",
                "kind": "physical",
                "unit": "kgCO2e/kWh",
                "value": REGIONAL_KWH,
                "beges": "2.1",
            }
        ],
    }
    paths = tmp_path / "v24.yaml", tmp_path / "regional.yaml"
    for path, doc in zip(paths, (monetary, regional), strict=True):
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return paths


def _rules(tmp_path: Path, factor: str = "bc24-papier") -> Path:
    doc = {
        "id": "locales",
        "factor_set": "base-carbone-v24-ratios",
        "rules": [
            {"id": "papier-v24", "when": {"account": "6064"}, "factor": factor},
            {
                "id": "elec-cvl",
                "when": {"account": "60612"},
                "exclude": "Énergie : comptée par ses kWh",
                "physical": {"kWh": "elec-cvl"},
            },
        ],
    }
    path = tmp_path / "mine-rules.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _shipped_counts() -> tuple[dict[str, int], int]:
    """Per shipped file, its rules naming a factor; and the physical references of the others."""
    per_file, physical = {}, 0
    for path in sorted((REPO / "factors" / "mappings").glob("*.yaml")):
        rules = yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
        per_file[path.name] = sum(1 for r in rules if "factor" in r)
        # rules that stay (no factor: exclusions and quantity-only energy) lose their references
        physical += sum(len(r.get("physical", {})) for r in rules if "factor" not in r)
    return per_file, physical


def test_own_factor_sets_with_own_rules(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    v24, regional = _sets(tmp_path)
    ledger = make_ledger(ROWS, header=HEADER)
    setup = load_setup(factors=[v24, regional], mappings=[_rules(tmp_path)])
    report = run_footprint([ledger], setup)
    expected_kg = 1000 / 1000 * BC24_PAPER + 5000 * REGIONAL_KWH
    assert report.totals.emissions_tco2e == pytest.approx(expected_kg / 1000, rel=1e-12)
    lines = report.lines.set_index("row")
    assert lines.loc[4, "status"] == "excluded"  # the shipped scope exclusion (personnel) stays
    assert lines.loc[5, "status"] == "unmapped"  # its shipped rule names a factor not loaded
    assert report.reconciliation.spend_unmapped_eur == 2000.0
    aside = [i for i in report.issues if i.code == "shipped-rules-set-aside"]
    assert len(aside) == 1  # said once
    per_file, physical = _shipped_counts()
    assert aside[0].params["count"] == sum(per_file.values())
    assert aside[0].params["files"] == ", ".join(f"{f} ({n})" for f, n in per_file.items() if n)
    assert aside[0].params["physical"] == physical
    assert "ademe-base-carbone-v23.6-ratios-monetaires" in aside[0].params["missing"]
    assert aside[0].severity == "info"


def test_cli_footprint_and_explain_with_own_sets(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    v24, regional = _sets(tmp_path)
    ledger = make_ledger(ROWS, header=HEADER)
    own = ["--factors", str(v24), "--factors", str(regional), "--mapping", str(_rules(tmp_path))]
    result = runner.invoke(cli.app, ["footprint", str(ledger), *own, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["totals"]["emissions_tco2e"] == pytest.approx(
        (BC24_PAPER + 5000 * REGIONAL_KWH) / 1000
    )
    assert [i["code"] for i in data["issues"]].count("shipped-rules-set-aside") == 1
    explained = runner.invoke(
        cli.app, ["explain", str(ledger), "--row", "5", *own, "--format", "json"]
    )
    assert explained.exit_code == 0, explained.output
    shown = json.loads(explained.stdout)
    assert shown["status"] == "unmapped"
    assert shown["winner"] is None
    assert all(r["factor"] is None for r in shown["runners_up"])  # no set-aside rule offered
    check = runner.invoke(cli.app, ["factors", "check", *own])
    assert check.exit_code == 0, check.output
    assert "règles fournies mises de côté" in check.stdout


def test_a_user_rule_naming_an_absent_factor_is_still_an_error(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    v24, regional = _sets(tmp_path)
    rules = _rules(tmp_path, factor="naf-C17")  # a shipped factor, not loaded here
    with pytest.raises(MappingError) as info:
        run_footprint(
            [make_ledger(ROWS, header=HEADER)],
            load_setup(factors=[v24, regional], mappings=[rules]),
        )
    assert info.value.code == "factor-unknown"
    result = runner.invoke(
        cli.app,
        [
            "footprint",
            str(make_ledger(ROWS, header=HEADER)),
            "--factors",
            str(v24),
            "--mapping",
            str(rules),
        ],
    )
    assert result.exit_code == 3
    assert "la règle « papier-v24 » renvoie au facteur « naf-C17 », absent" in " ".join(
        result.stderr.split()
    )


def test_shipped_monetary_set_without_the_physical_one(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    """Only the shipped quantity references step aside: the rules keep their factor."""
    _, regional = _sets(tmp_path)
    shipped = REPO / "factors" / "ademe-base-carbone-v23.6.yaml"
    report = run_footprint(
        [make_ledger(ROWS, header=HEADER)], load_setup(factors=[shipped, regional])
    )
    lines = report.lines.set_index("row")
    assert lines.loc[2, "status"] == "mapped"  # shipped m57 rule, shipped monetary factor
    assert lines.loc[3, "status"] == "unquantified"  # energy: its kWh factor is not loaded
    assert lines.loc[3, "emissions_kgco2e"] == 0
    aside = next(i for i in report.issues if i.code == "shipped-rules-set-aside")
    assert aside.params["count"] == 0  # every shipped rule keeps its monetary factor
    every_reference = sum(
        len(r.get("physical", {}))
        for path in (REPO / "factors" / "mappings").glob("*.yaml")
        for r in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
    )
    assert aside.params["physical"] == every_reference
    assert aside.params["missing"].startswith("dechets-")  # sorted; the list is cut after 8


def test_default_sets_set_nothing_aside(make_ledger: LedgerFactory) -> None:
    report = run_footprint([make_ledger(ROWS, header=HEADER)], load_setup())
    assert not [i for i in report.issues if i.code == "shipped-rules-set-aside"]
