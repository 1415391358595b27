"""The traps of real spreadsheet exports, one fixture written by the test, checked exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from achats_durables.operations.pipeline import load_setup, run_footprint

HEADER = [
    "Exercice",
    "Imputation",
    "Objet",
    "Tiers",
    "SIRET",
    "Mt TTC",
    "Montant TVA",
    "Taux",
    "Date facture",
    "Code CPV",
]


def build(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Export"
    ws["A1"] = "VILLE DE BLOIS — ÉTAT DES MANDATS 2025"
    ws.merge_cells("A1:J1")
    ws["A2"] = "Édité le 15/01/2026"
    ws.merge_cells("A2:D2")
    ws.append([])
    ws.append(HEADER)  # row 4
    rows = [
        [
            2025,
            "011-6064-020",
            "Ramettes",
            "Papeterie",
            "123 456 789 00012",
            "1\u202f200,00\u00a0€",
            "200,00",
            None,
            45678,
            "30197630-1",
        ],
        [2025, "6068/020", "Gants", "Fournil", "", "(60,00)", "-10,00", None, "05/03/2025", None],
        [
            2025,
            61558.0,
            "Réparation",
            "Garage",
            "98765432100011",
            1100,
            None,
            "10 %",
            dt.date(2025, 4, 1),
            None,
        ],
        [2025, "611", "Prestation", "Traiteur", "", "550,00", None, "0,1", "2025-05-02", None],
    ]
    for row in rows:  # rows 5 to 8
        ws.append(row)
    ws.append([None] * 10)  # row 9: blank
    ws.append(["Sous-total", None, None, None, None, "2 790,00", None, None, None, None])  # row 10
    ws.append(["TOTAL GÉNÉRAL", None, None, None, None, None, None, None, None, None])  # row 11
    ws["F11"] = "=SUM(F5:F8)"  # a formula with no cached value
    ws.append(["Nombre de lignes : 4"])  # row 12
    wb.save(path)
    return path


def test_every_trap(tmp_path: Path) -> None:
    report = run_footprint([build(tmp_path / "etat.xlsx")], load_setup())
    lines = report.lines.set_index("row")
    assert list(lines.index) == [5, 6, 7, 8, 9, 10, 11, 12]
    assert lines.loc[[5, 6, 7, 8], "status"].tolist() == ["mapped", "mapped", "mapped", "mapped"]
    assert lines.loc[5, "account"] == "6064"
    assert lines.loc[6, "account"] == "6068"
    assert lines.loc[7, "account"] == "61558"
    assert lines.loc[5, "cpv"] == "30197630"
    assert lines.loc[5, "supplier_siret"] == "12345678900012"
    assert lines.loc[5, "date"] == dt.datetime(2025, 1, 21)  # Excel serial 45678
    assert lines.loc[6, "date"] == dt.datetime(2025, 3, 5)
    # HT from TTC − VAT amount, then from the rate (10 %, 0,1)
    assert lines.loc[5, "amount_excl_vat_eur"] == 1000.0
    assert lines.loc[6, "amount_excl_vat_eur"] == -50.0
    assert lines.loc[7, "amount_excl_vat_eur"] == 1000.0
    assert lines.loc[8, "amount_excl_vat_eur"] == 500.0
    for row in (9, 10, 11, 12):
        assert lines.loc[row, "status"] == "skipped", row
    assert lines.loc[10, "reason"] == "ligne de total ou de sous-total"
    assert lines.loc[11, "reason"] == "ligne de total ou de sous-total"
    assert lines.loc[12, "reason"] == "ligne de total ou de sous-total"
    r = report.reconciliation
    assert r.rows_read == 12
    assert r.rows_skipped == 4 + 4  # title rows 1-3, header, blank, subtotal, total, count
    assert r.spend_read_eur == pytest.approx(1200 - 60 + 1100 + 550)
    assert r.balanced
    assert report.totals.spend_excl_vat_eur == pytest.approx(1000 - 50 + 1000 + 500)
