"""The BEGES v5 table (issue 14 item 2): every post, the tool's figure where it evaluates one.

Expected figures come from the factor files read as plain YAML and the amounts written here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from .conftest import REPO, LedgerFactory, shared_reference, skip_without_shared
from .test_cli import invoke

RATIOS = {
    f["id"]: f["values"]
    for f in yaml.safe_load(
        (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
    )["factors"]
}
HEADER = ["Exercice", "Nature", "Libellé", "Fournisseur", "Montant HT"]
ROWS = [
    [2023, "6064", "Ramettes", "Papeterie", 10000],
    [2023, "2183", "Ordinateurs", "Informatique SA", 5000],
    [2023, "611", "Prestation", "Conseil SA", 2000],
]
RULES = {
    "id": "test",
    "rules": [
        {"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"},
        {"id": "info", "when": {"account": "2183"}, "factor": "naf-C26"},
        {"id": "conseil", "when": {"account": "611"}, "factor": "naf-M74", "beges": "4.5"},
    ],
}


def _report(make_ledger: LedgerFactory, tmp_path: Path, *extra: str) -> dict:
    rules = tmp_path / "rules.yaml"
    rules.write_text(yaml.safe_dump(RULES), encoding="utf-8")
    ledger = make_ledger(ROWS, header=HEADER, fmt="csv")
    result = invoke("footprint", str(ledger), "--mapping", str(rules), "--format", "json", *extra)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return json.loads(result.stdout)  # type: ignore[attr-defined]


def test_every_post_listed_and_the_evaluated_ones_add_up_to_the_total(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    doc = _report(make_ledger, tmp_path)
    table = {r["post"]: r for r in doc["by_beges_v5"]}
    assert list(table) == [
        "1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "3.5",
        "4.1", "4.2", "4.3", "4.4", "4.5", "5.1", "5.2", "5.3", "5.4", "6.1",
    ]  # fmt: skip
    paper = 10 * RATIOS["naf-C17"][2023]
    computers = 5 * RATIOS["naf-C26"][2023]  # a class-2 account: capital goods, post 4.2
    advice = 2 * RATIOS["naf-M74"][2023]
    assert table["4.1"]["emissions_tco2e"] == pytest.approx(paper / 1000)
    assert table["4.2"]["emissions_tco2e"] == pytest.approx(computers / 1000)
    assert table["4.5"]["emissions_tco2e"] == pytest.approx(advice / 1000)
    total = sum(r["emissions_tco2e"] for r in table.values() if r["evaluated"])
    assert total == pytest.approx(doc["totals"]["emissions_tco2e"])
    # posts the shipped factors can fill but this ledger does not: evaluated, zero
    assert table["4.3"] == {**table["4.3"], "evaluated": True, "emissions_tco2e": 0.0}
    # posts no factor reaches: said so, never a fabricated zero
    for post in ("1.3", "1.4", "3.3", "5.1", "6.1"):
        assert table[post]["evaluated"] is False
        assert table[post]["emissions_tco2e"] is None
        assert table[post]["status"] == "non évalué par cet outil"
    assert (table["4.1"]["ghg_protocol_category"], table["4.1"]["scope"]) == ("1", "Scope 3")
    assert table["4.2"]["ghg_protocol_label"] == "Biens immobilisés"
    assert table["1.1"]["ghg_protocol_category"] is None
    english = {r["post"]: r for r in _report(make_ledger, tmp_path, "--lang", "en")["by_beges_v5"]}
    assert english["4.2"]["ghg_protocol_label"] == "Capital goods"
    assert english["5.4"]["status"] == "not evaluated by this tool"
    assert english["3.3"]["label"] == "Commuting"


def test_xlsx_sheet_and_csv_rows(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    rules = tmp_path / "rules.yaml"
    rules.write_text(yaml.safe_dump(RULES), encoding="utf-8")
    ledger = make_ledger(ROWS, header=HEADER, fmt="csv")
    book = tmp_path / "r.xlsx"
    assert invoke("footprint", str(ledger), "--mapping", str(rules), "-o", str(book)).exit_code == 0  # type: ignore[attr-defined]
    rows = list(load_workbook(book)["Tableau BEGES"].iter_rows(values_only=True))
    posts = [r for r in rows[4:] if r[1]]
    assert len(posts) == 22
    assert posts[12][1:3] == ("4.1", "Achats de biens")
    assert posts[12][6] == pytest.approx(10 * RATIOS["naf-C17"][2023] / 1000)
    assert posts[2][8] == "non évalué par cet outil"
    table = tmp_path / "r.csv"
    assert (
        invoke("footprint", str(ledger), "--mapping", str(rules), "-o", str(table)).exit_code == 0
    )  # type: ignore[attr-defined]
    text = table.read_text(encoding="utf-8-sig")
    assert (
        "Tableau BEGES v5;1.3;Émissions directes des procédés hors énergie (non évalué par cet outil);;;"
        in text
    )


def test_shipped_posts_are_the_script_output() -> None:
    """factors/nomenclatures/beges-v5-postes.csv = scripts/build_beges_posts.py (../shared)."""
    import importlib.util

    ref = shared_reference()
    if ref is None or not (ref / "beges_v5_postes_et_correspondance_ghg_protocol.csv").is_file():
        skip_without_shared()
    spec = importlib.util.spec_from_file_location(
        "build_beges_posts", REPO / "scripts" / "build_beges_posts.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = REPO / "factors" / "nomenclatures" / "beges-v5-postes.csv"
    assert shipped.read_text(encoding="utf-8") == module.build(ref)
