"""HT or TTC by nomenclature: one rule for spreadsheets, CSV, TOTEM and balances (vat_basis)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from achats_durables.footprint.compute import compute_footprint
from achats_durables.knowledge.factors import load_factor_sets, load_price_index
from achats_durables.knowledge.mapping import load_mapping_rules
from achats_durables.ledger.read import read_ledger
from achats_durables.ledger.vat_basis import says_incl_vat

from .conftest import REPO, LedgerFactory

C17 = next(
    f["values"]
    for f in yaml.safe_load(
        (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
    )["factors"]
    if f["id"] == "naf-C17"
)
IPC = yaml.safe_load(
    (REPO / "factors" / "indices" / "insee-ipc-base2015.yaml").read_text(encoding="utf-8")
)["values"]
HEADER = ["Exercice", "Nomenclature", "Nature", "Libellé", "Montant"]
ROWS = [
    [2025, "M49", "6064", "Fournitures station d'épuration", 1200],  # row 2: M49 → HT
    [2025, "M4-M49_D", "6064", "Fournitures réseau", 600],  # row 3: TOTEM spelling, M49 → HT
    [2025, "M57", "6064", "Ramettes", 1200],  # row 4: M57 → TTC ÷ 1.2
]


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    doc = {"id": "t", "rules": [{"id": "p", "when": {"account": "6064"}, "factor": "naf-C17"}]}
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_m49_spreadsheet_with_a_plain_amount_is_read_ht(
    make_ledger: LedgerFactory, rules: Path, fmt: str
) -> None:
    ledger = read_ledger(make_ledger(ROWS, header=HEADER, fmt=fmt))
    lines = ledger.lines.set_index("row")
    assert lines.loc[2, "amount_excl_vat"] == 1200
    assert np.isnan(lines.loc[2, "amount_incl_vat"])
    assert lines.loc[3, "amount_excl_vat"] == 600
    assert np.isnan(lines.loc[4, "amount_excl_vat"])
    assert lines.loc[4, "amount_incl_vat"] == 1200
    note = next(i for i in ledger.issues if i.code == "m4x-amount-excl-vat")
    assert note.params["count"] == 2
    assert 'columns: {amount_incl_vat: "Montant"}' in note.message("fr")
    report = compute_footprint(
        ledger, load_factor_sets(), load_mapping_rules([rules], defaults=False), load_price_index()
    )
    out = report.lines.set_index("row")
    assert out.loc[2, "amount_excl_vat_eur"] == 1200.0  # not 1 200 / 1,2 = 1 000
    assert out.loc[2, "vat_basis"] == "HT"
    assert out.loc[4, "amount_excl_vat_eur"] == 1000.0  # M57: 1 200 TTC ÷ 1,2
    to_2023 = IPC[2023] / IPC[2025]
    expected_kg = (1200 + 600 + 1000) * to_2023 / 1000 * C17[2023]
    assert report.totals.emissions_tco2e == pytest.approx(expected_kg / 1000, rel=1e-9)


def test_a_header_that_says_ttc_stays_ttc(make_ledger: LedgerFactory) -> None:
    header = [*HEADER[:-1], "Montant TTC"]
    lines = read_ledger(make_ledger(ROWS[:1], header=header)).lines
    assert lines.loc[0, "amount_incl_vat"] == 1200
    assert np.isnan(lines.loc[0, "amount_excl_vat"])


def test_a_column_declared_ttc_in_the_config_stays_ttc(make_ledger: LedgerFactory) -> None:
    ledger = read_ledger(
        make_ledger(ROWS[:1], header=HEADER), profile={"amount_incl_vat": "Montant"}
    )
    assert ledger.lines.loc[0, "amount_incl_vat"] == 1200
    assert not [i for i in ledger.issues if i.code == "m4x-amount-excl-vat"]


def test_debit_credit_layout_of_an_m49_budget_is_ht(make_ledger: LedgerFactory) -> None:
    header = ["Exercice", "Nomenclature", "Nature", "Libellé", "Débit", "Crédit"]
    rows = [
        [2025, "M49", "6064", "Fournitures", 1000, 100],
        [2025, "M57", "6064", "Papier", 1000, 0],
    ]
    lines = read_ledger(make_ledger(rows, header=header)).lines
    assert lines.loc[0, "amount_excl_vat"] == 900
    assert lines.loc[1, "amount_incl_vat"] == 1000


@pytest.mark.parametrize(
    ("header", "ttc"),
    [
        ("Montant", False),
        ("Montant mandaté", False),
        ("Débit", False),
        ("Montant TTC", True),
        ("Mt TTC", True),
        ("Débit TTC", True),
        ("Montant toutes taxes comprises", True),
        ("Amount incl. VAT", True),
    ],
)
def test_says_incl_vat(header: str, ttc: bool) -> None:
    assert says_incl_vat(header) is ttc
