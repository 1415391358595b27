"""``achats agec`` on the shipped example: the official CSV, French and English reports, run."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.circular.declaration import declaration_rows
from achats_durables.knowledge.agec import load_declaration
from achats_durables.operations.agec import agec_job

from .conftest import REPO
from .test_agec_declaration import official_problems
from .test_lang_example import example_data_values, french_left

EXAMPLES = REPO / "examples"
CONFIG = EXAMPLES / "achats.yaml"
ARGS = ["agec", "--config", str(CONFIG), "--year", "2025"]
FURNITURE = "Mobilier et aménagement d'intérieur"


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return agec_job([], config=CONFIG, year=2025)


def test_example_buyers_and_signals(report) -> None:  # type: ignore[no-untyped-def]
    assert [(b.entity, b.siret, b.siret_source) for b in report.buyers] == [
        ("Agglopolys", "29994103900016", "config"),
        ("Ville de Blois", "29994101300011", "config"),
        ("CIAS du Blaisois", "29994102100014", "config"),
    ]
    city = report.buyers[1]
    furniture = next(c for c in city.categories if c.category == FURNITURE)
    # the gift of achats.yaml (1 800 €) is in the total and in reuse, and declared apart
    assert furniture.gifts_eur == 1800
    assert furniture.reuse_by_source["gift"] == 1800
    # 25 % of the spend of contract 2024-010 (the register's flag), the rest of the reuse
    lines = report.lines
    under = lines[(lines["contract_ref"] == "2024-010") & (lines["category"] == FURNITURE)]
    assert furniture.reuse_by_source["register"] == pytest.approx(0.25 * under["spend_eur"].sum())
    assert furniture.reuse_eur == pytest.approx(1800 + 0.25 * under["spend_eur"].sum())


def test_example_declaration_follows_the_official_schema(tmp_path: Path, shared_dir: Path) -> None:
    out = tmp_path / "declaration.csv"
    result = CliRunner().invoke(cli.app, [*ARGS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    schema = json.loads(
        (shared_dir / "agec" / "schema_declaration_biens_valorisation_v0.1.0.json").read_text(
            encoding="utf-8"
        )
    )
    assert official_problems(text, schema) == []
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3 * 17
    assert {r["siret"] for r in rows} == {"29994103900016", "29994101300011", "29994102100014"}
    checked = CliRunner().invoke(cli.app, ["agec", "--check", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "51 ligne(s)" in checked.stderr


def test_declared_amounts_are_the_reports(report) -> None:  # type: ignore[no-untyped-def]
    rows = declaration_rows(report)
    for buyer in report.buyers:
        for c in buyer.categories:
            row = next(
                r
                for r in rows
                if r["siret"] == buyer.siret and r["type_produit_acquis"] == c.category
            )
            assert row["montant_total"] == pytest.approx(max(round(c.total_eur, 2), 0))
            assert row["montant_reemploi_et_reutilisation"] == pytest.approx(round(c.reuse_eur, 2))


def _terminal(lang: str) -> str:
    result = CliRunner().invoke(cli.app, [*ARGS, "--lang", lang], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_english_has_no_french_label(tmp_path: Path) -> None:
    data = example_data_values()
    data += list(load_declaration().categories)  # the declaration keeps the schema's labels
    text = _terminal("en").replace("\u00a0", " ")
    cells = [c.strip() for line in text.splitlines() for c in re.split("[│┃]", line) if c.strip()]
    left = {c: f for c in cells if (f := french_left(c, data))}
    assert left == {}
    assert "Furniture and interior fittings" in text
    xlsx = tmp_path / "agec.xlsx"
    assert CliRunner().invoke(cli.app, [*ARGS, "--lang", "en", "-o", str(xlsx)]).exit_code == 0
    wb = load_workbook(xlsx, read_only=True)
    assert wb.sheetnames == ["AGEC categories", "Declaration", "AGEC lines", "Alerts"]
    headers = next(wb["AGEC categories"].iter_rows(min_row=6, max_row=6, values_only=True))
    wb.close()
    assert [h for h in headers if h and french_left(str(h), data)] == []


def test_french_terminal(report) -> None:  # type: ignore[no-untyped-def]
    text = _terminal("fr").replace("\u00a0", " ").replace("\u202f", " ")
    assert "Ville de Blois — SIRET 29994101300011 (achats.yaml)" in text
    assert "Groupe (somme des acheteurs)" in text
    assert "« ? » ou « non renseignée »" in text
