"""Suppliers' intensities per unit delivered (issue 12 item 4): footprint/supplier_units.py.

Expected figures come from the figures the test writes and from the shipped factor files read
as plain YAML.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from achats_durables.footprint.compute import compute_footprint
from achats_durables.footprint.report import FootprintOptions, FootprintReport
from achats_durables.knowledge.factors import load_factor_sets, load_price_index
from achats_durables.knowledge.mapping import load_mapping_rules
from achats_durables.knowledge.suppliers import load_suppliers
from achats_durables.ledger.read import read_ledger

from .conftest import REPO, LedgerFactory
from .test_cli import flat, invoke

HEADER = [
    "Exercice",
    "Nature",
    "Libellé",
    "Fournisseur",
    "SIRET",
    "Montant HT",
    "Quantité",
    "Unité",
]
HAULER = "552032534"  # a valid SIREN
HAULER_SIRET = HAULER + "00018"
OTHER_SIRET = "44306184100047"
MONETARY = REPO / "factors" / "ademe-base-carbone-v23.6.yaml"
WASTE = REPO / "factors" / "ademe-base-carbone-v23.6-dechets.yaml"
RATIO = {
    f["id"]: f["values"] for f in yaml.safe_load(MONETARY.read_text(encoding="utf-8"))["factors"]
}
OMR = next(
    f["value"]
    for f in yaml.safe_load(WASTE.read_text(encoding="utf-8"))["factors"]
    if f["id"] == "dechets-omr-incineration"
)
RULES = {
    "id": "test",
    "rules": [
        {
            "id": "dechets",
            "when": {"account": "611"},
            "factor": "naf-H49",
            "physical": {"t": "dechets-omr-incineration"},
        },
        {"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"},
    ],
}
SUPPLIER = {
    "siren": HAULER,
    "name": "Collectes du Centre",
    "intensity_kgco2e_per_unit": 200,
    "unit": "t",
    "euro_year": 2023,
    "scope": "collecte et incinération",
    "source": "EPD 2023",
    "uncertainty": 0.15,
}
ROWS = [
    [2023, "611", "Collecte OM", "Collectes du Centre", HAULER_SIRET, 5000, 500, "kg"],
    [2023, "611", "Collecte OM", "Collectes du Centre", HAULER_SIRET, 3000, 2, "t"],
    [2023, "611", "Collecte OM sans pesée", "Collectes du Centre", HAULER_SIRET, 1000, None, None],
    [2023, "611", "Collecte en volume", "Collectes du Centre", HAULER_SIRET, 2000, 10, "m3"],
    [2023, "611", "Collecte OM", "Autre collecteur", OTHER_SIRET, 4000, 1, "t"],
    [2023, "6064", "Sacs papier", "Collectes du Centre", HAULER_SIRET, 1500, 500, "kg"],
]


def write_yaml(path: Path, doc: Any) -> Path:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def footprint(ledger: Path, rules: Path, suppliers: Path) -> FootprintReport:
    return compute_footprint(
        read_ledger(ledger),
        load_factor_sets([MONETARY, WASTE]),
        load_mapping_rules([rules], defaults=False),
        load_price_index(),
        FootprintOptions(suppliers=load_suppliers(suppliers)),
    )


@pytest.fixture
def report(make_ledger: LedgerFactory, tmp_path: Path) -> FootprintReport:
    rules = write_yaml(tmp_path / "rules.yaml", RULES)
    suppliers = write_yaml(tmp_path / "fournisseurs.yaml", {"suppliers": [SUPPLIER]})
    return footprint(make_ledger(ROWS, header=HEADER), rules, suppliers)


def test_per_unit_figure_wins_over_physical_factor_and_ratio(report: FootprintReport) -> None:
    h49 = RATIO["naf-H49"][2023]  # line year = factor euro-year: no price-index conversion
    expected_kg = [
        0.5 * 200,  # 500 kg → 0,5 t × 200 kgCO2e/t, ahead of the OMR physical factor
        2 * 200,
        1 * h49,  # no quantity: the ratio
        2 * h49,  # m3 converts neither to t nor to the physical factor's t: the ratio
        1 * OMR,  # another supplier: the physical factor
        0.5 * 200,  # on a ratio rule: the supplier's figure per t ahead of naf-C17
    ]
    lines = report.lines
    assert lines["emissions_kgco2e"].to_list() == pytest.approx(expected_kg)
    methods = [str(m) for m in lines["method"]]
    assert methods == ["supplier", "supplier", "ratio", "ratio", "quantity", "supplier"]
    assert lines["quantity_used"].to_list()[:2] == pytest.approx([0.5, 2.0])
    assert lines["uncertainty_rel"].to_list()[0] == pytest.approx(0.15)
    assert [str(s) for s in lines["supplier_source"]] == ["EPD 2023"] * 2 + [""] * 3 + ["EPD 2023"]
    assert str(lines["beges_post"][0]) == "4.3"  # the post of the physical factor it replaces
    assert report.totals.emissions_tco2e == pytest.approx(sum(expected_kg) / 1000)
    assert report.reconciliation.balanced
    assert report.reconciliation.spend_mapped_eur == 16500.0
    assert report.to_dict()["suppliers_used"] == [
        {
            "siren": HAULER,
            "name": "Collectes du Centre",
            "intensity_kgco2e_per_unit": 200.0,
            "unit": "t",
            "quantity": 3.0,
            "euro_year": 2023,
            "scope": "collecte et incinération",
            "source": "EPD 2023",
            "uncertainty": 0.15,
            "lines": 3,
            "spend_excl_vat_eur": 9500.0,
            "emissions_tco2e": 0.6,
        }
    ]


def test_one_warning_for_the_lines_that_could_not_use_it(report: FootprintReport) -> None:
    (issue,) = [i for i in report.issues if i.code == "supplier-unit-fallback"]
    assert issue.severity == "warning"
    assert (issue.params["count"], issue.params["spend"]) == (2, 3000.0)
    assert issue.location.row == 4  # the first such line (row 1 is the header)
    text = issue.message("fr").replace("\u202f", " ").replace("\xa0", " ")
    assert text.startswith(
        "ledger1.xlsx, feuille « Mandats », ligne 4 : 2 ligne(s) (3 000,00 € HT) de fournisseurs dont le fichier des fournisseurs donne une "
        "intensité par unité livrée n'ont pas pu l'utiliser"
    )
    assert (
        "Collectes du Centre (SIREN 552032534, kgCO2e par t) : 1 ligne(s), 1 000,00 €, sans quantité"
        in text
    )
    assert f"« siren: {HAULER}, intensity_kgco2e_per_keur: <valeur> »" in text
    assert "1 ligne(s), 2 000,00 €, quantité en « m3 », non convertible en t" in text
    assert f"« siren: {HAULER}, intensity_kgco2e_per_unit: <valeur>, unit: m3 »" in text
    english = issue.message("en")
    assert english.startswith(
        "ledger1.xlsx, sheet 'Mandats', row 4: 2 line(s) (€3,000.00 excl. VAT) of suppliers"
    )
    assert "no quantity: add the 'Quantité' and 'Unité' columns" in english
    assert "quantity in 'm3', which does not convert to t" in english


def test_per_unit_supplier_in_mwh_converts_kwh(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    rules = write_yaml(
        tmp_path / "rules.yaml",
        {"id": "t", "rules": [{"id": "r", "when": {"account": "6064"}, "factor": "naf-C17"}]},
    )
    supplier = {**SUPPLIER, "intensity_kgco2e_per_unit": 50, "unit": "MWh"}
    suppliers = write_yaml(tmp_path / "f.yaml", {"suppliers": [supplier]})
    rows = [[2023, "6064", "Chaleur", "Réseau", HAULER_SIRET, 900, 3000, "kWh"]]
    r = footprint(make_ledger(rows, header=HEADER), rules, suppliers)
    assert r.lines["emissions_kgco2e"].to_list() == pytest.approx([3 * 50])  # 3 000 kWh = 3 MWh
    assert not [i for i in r.issues if i.code == "supplier-unit-fallback"]


def test_cli_json_carries_the_per_unit_row(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    write_yaml(tmp_path / "rules.yaml", RULES)
    write_yaml(tmp_path / "fournisseurs.yaml", {"suppliers": [SUPPLIER]})
    config = write_yaml(
        tmp_path / "achats.yaml",
        {
            "suppliers": "fournisseurs.yaml",
            "mappings": ["rules.yaml"],
            "factors": [str(MONETARY), str(WASTE)],
        },
    )
    ledger = make_ledger(ROWS, header=HEADER)
    result: Any = invoke("footprint", str(ledger), "--config", str(config), "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["suppliers_used"][0]["quantity"] == 3.0
    assert [i["code"] for i in doc["issues"]].count("supplier-unit-fallback") == 1


def test_explain_says_the_per_unit_figure_won(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    write_yaml(tmp_path / "rules.yaml", RULES)
    write_yaml(tmp_path / "fournisseurs.yaml", {"suppliers": [SUPPLIER]})
    config = write_yaml(
        tmp_path / "achats.yaml",
        {
            "suppliers": "fournisseurs.yaml",
            "mappings": ["rules.yaml"],
            "factors": [str(MONETARY), str(WASTE)],
        },
    )
    ledger = make_ledger(ROWS, header=HEADER)
    result: Any = invoke("explain", str(ledger), "--row", "2", "--config", str(config))
    assert result.exit_code == 0, result.output
    text = flat(result.stdout).replace("\u202f", " ").replace("\xa0", " ")
    assert (
        f"Le fournisseur (SIREN {HAULER}) figure dans le fichier des fournisseurs avec une "
        "intensité par unité livrée (source : EPD 2023) : émissions = 0,50 t × 200,0000 "
        "kgCO2e/t = 100,0 kgCO2e (0,100 tCO2e), incertitude ± 15 % ; elle remplace le facteur "
        "dechets-omr-incineration"
    ) in text
    result = invoke("explain", str(ledger), "--row", "2", "--config", str(config), "--lang", "en")
    assert "with an intensity per unit delivered (source: EPD 2023)" in flat(result.stdout)
