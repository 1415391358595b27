"""The data-request list (issue 12 item 4): suppliers on a ratio or proxy, the largest first.

Expected figures are computed from the shipped ratio file read as plain YAML.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
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

HEADER = ["Exercice", "Nature", "Libellé", "Fournisseur", "SIRET", "Montant HT"]
A, B, C = "732829320", "552032534", "443061841"  # valid SIRENs
MONETARY = REPO / "factors" / "ademe-base-carbone-v23.6.yaml"
DOC = yaml.safe_load(MONETARY.read_text(encoding="utf-8"))
RATIO = {f["id"]: f["values"][2023] for f in DOC["factors"]}
LABEL = {f["id"]: f["label"] for f in DOC["factors"]}
RULES = {
    "id": "test",
    "rules": [
        {"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"},
        {"id": "info", "when": {"account": "6068"}, "factor": "naf-C26"},
        {"id": "meubles", "when": {"account": "6063"}, "factor": "naf-C31"},
        {"id": "impression", "when": {"account": "6236"}, "factor": "naf-C18"},
        {"id": "divers", "when": {"account": "618"}, "factor": "naf-M74", "proxy": True},
        {"id": "subv", "when": {"account": "657"}, "exclude": "subvention"},
    ],
}
ROWS = [
    # supplier A: four categories, the three heaviest kept
    [2023, "6064", "Ramettes", "Papeterie A", A + "00074", 10000],
    [2023, "6068", "Écrans", "Papeterie A", A + "00074", 2000],
    [2023, "6063", "Chaises", "Papeterie A", A + "00074", 3000],
    [2023, "6236", "Affiches", "Papeterie A", A + "00082", 500],  # another site, same SIREN
    # B and C: the same tCO2e, ordered by SIREN (C's is the smaller), whatever the row order
    [2023, "6064", "Cahiers", "Bureau B", B + "00018", 4000],
    [2023, "6064", "Cahiers", "Bureau C", C + "00047", 4000],
    # no SIRET: grouped by name; a proxy line counts too
    [2023, "618", "Prestation", "Atelier sans SIRET", None, 1000],
    [2023, "618", "Prestation", "Atelier sans SIRET", None, 500],
    [2023, "6064", "Sans fournisseur", None, None, 700],  # neither SIREN nor name: left out
    [2023, "657", "Subvention", "Association", B + "00018", 9000],  # excluded: not counted
]


def write_yaml(path: Path, doc: Any) -> Path:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def footprint(ledger: Path, rules: Path, suppliers: Path | None = None) -> FootprintReport:
    return compute_footprint(
        read_ledger(ledger),
        load_factor_sets([MONETARY]),
        load_mapping_rules([rules], defaults=False),
        load_price_index(),
        FootprintOptions(suppliers=load_suppliers(suppliers) if suppliers else ()),
    )


def kg(account_factor: str, eur: float) -> float:
    return eur / 1000 * RATIO[account_factor]


def test_data_requests_order_and_content(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    rules = write_yaml(tmp_path / "rules.yaml", RULES)
    r = footprint(make_ledger(ROWS, header=HEADER), rules)
    a_parts = {
        "naf-C17": kg("naf-C17", 10000),
        "naf-C26": kg("naf-C26", 2000),
        "naf-C31": kg("naf-C31", 3000),
        "naf-C18": kg("naf-C18", 500),
    }
    a_top3 = sorted(a_parts, key=lambda f: -a_parts[f])[:3]
    a_kg = sum(a_parts.values())
    bc_kg = kg("naf-C17", 4000)
    atelier_kg = kg("naf-M74", 1500)
    total_kg = a_kg + 2 * bc_kg + atelier_kg + kg("naf-C17", 700)
    expected = [
        (A, "Papeterie A", 15500.0, a_kg, 4, " ; ".join(LABEL[f] for f in a_top3)),
        (B, "Bureau B", 4000.0, bc_kg, 1, LABEL["naf-C17"]),
        (C, "Bureau C", 4000.0, bc_kg, 1, LABEL["naf-C17"]),
        ("", "Atelier sans SIRET", 1500.0, atelier_kg, 2, LABEL["naf-M74"]),
    ]
    expected.sort(key=lambda e: (-round(e[3] / 1000, 6), e[0]))
    got = r.to_dict()["data_requests"]
    assert [
        (d["siren"], d["name"], d["spend_excl_vat_eur"], d["lines"], d["categories"]) for d in got
    ] == [(e[0], e[1], e[2], e[4], e[5]) for e in expected]
    assert [d["emissions_tco2e"] for d in got] == pytest.approx([e[3] / 1000 for e in expected])
    assert [d["share_of_total"] for d in got] == pytest.approx(
        [e[3] / total_kg for e in expected], abs=1e-6
    )
    assert r.totals.emissions_tco2e == pytest.approx(total_kg / 1000)


def test_listed_suppliers_leave_the_list_and_top_20(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    rules = write_yaml(tmp_path / "rules.yaml", RULES)
    supplier = {
        "siren": A,
        "name": "Papeterie A",
        "intensity_kgco2e_per_keur": 100,
        "euro_year": 2023,
        "scope": "s",
        "source": "BEGES",
        "uncertainty": 0.1,
    }
    suppliers = write_yaml(tmp_path / "f.yaml", {"suppliers": [supplier]})
    rows = [[2023, "6064", "Ramettes", "Papeterie A", A + "00074", 50000]]
    rows += [[2023, "6064", "Cahiers", f"F{k:02d}", None, 1000 * k] for k in range(1, 23)]
    r = footprint(make_ledger(rows, header=HEADER), rules, suppliers)
    got = r.to_dict()["data_requests"]
    assert [d["name"] for d in got] == [f"F{k:02d}" for k in range(22, 2, -1)]  # 20, A left out
    assert {d["siren"] for d in got} == {""}


def test_xlsx_sheet_and_terminal_line(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    write_yaml(tmp_path / "rules.yaml", RULES)
    config = write_yaml(tmp_path / "achats.yaml", {"mappings": ["rules.yaml"]})
    ledger = make_ledger(ROWS, header=HEADER)
    out = tmp_path / "rapport.xlsx"
    result: Any = invoke("footprint", str(ledger), "--config", str(config), "-o", str(out))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["Demande de données"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    text = " ".join(str(c) for r in rows[:6] for c in r if c)
    assert "kgCO2e par k€ HT" in text
    assert "par unité livrée" in text
    assert "« BEGES 2023 publié sur la plateforme ADEME »" in text
    assert "l'année du chiffre" in text
    assert "le périmètre retenu" in text
    assert "incertitude" in text
    assert "fournisseurs.xlsx" in text
    header = rows.index(
        [
            "SIREN",
            "Fournisseur",
            "Dépense HT (€)",
            "Émissions (tCO2e)",
            "Part des émissions",
            "Lignes",
            "Principales catégories",
        ]
    )
    assert rows[header + 1][:3] == [A, "Papeterie A", 15500.0]
    assert {r[0] for r in rows[header + 1 : header + 5]} == {A, B, C, None}
    result = invoke("footprint", str(ledger), "--config", str(config))
    assert (
        "4 fournisseur(s) à solliciter : feuille « Demande de données » (xlsx), data_requests (JSON)."
        in flat(result.stdout)
    )


def test_english_sheet_and_terminal_line(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    write_yaml(tmp_path / "rules.yaml", RULES)
    config = write_yaml(tmp_path / "achats.yaml", {"mappings": ["rules.yaml"]})
    ledger = make_ledger(ROWS, header=HEADER)
    out = tmp_path / "report.xlsx"
    args = ("footprint", str(ledger), "--config", str(config), "--lang", "en")
    result: Any = invoke(*args, "-o", str(out))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["Data request"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][0] == "Suppliers to ask for their carbon data"
    assert str(rows[2][0]).startswith("Ask each one for: its carbon intensity in kgCO2e per k€")
    assert ["SIREN", "Supplier", "Spend excl. VAT (€)"] == rows[6][:3]
    result = invoke(*args)
    assert (
        "4 supplier(s) to ask for their data: sheet 'Data request' (xlsx), data_requests (JSON)."
        in flat(result.stdout)
    )
    result = invoke(*args, "--format", "json")
    assert json.loads(result.stdout)["data_requests"][0]["siren"] == A
