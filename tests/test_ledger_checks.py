"""A VAT amount column gives HT = TTC − TVA in every tabular reader; recognised columns left
unread are warnings that name both columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from achats_durables.ledger.read import read_ledger
from achats_durables.operations.pipeline import load_setup, run_footprint

from .conftest import write_csv, write_ods, write_xlsx

# TTC and VAT amounts chosen so that HT is exact, and so that 20 % would be wrong:
# 1 234,56 − 61,73 = 1 172,83 (5 %: not 20 %); 110,00 − 10,00 = 100,00 (10 %);
# 211,00 − 11,00 = 200,00 (5,5 %).
ROWS = [
    ["2025", "6064", "Ramettes papier", "Papeterie", "1 234,56", "61,73"],
    ["2025", "611", "Transport scolaire", "Autocars", "110,00", "10,00"],
    ["2025", "6063", "Denrées", "Épicerie", "211,00", "11,00"],
]
HT = [1172.83, 100.0, 200.0]


def _write(tmp_path: Path, fmt: str, header: list[str], rows: list[list[str]]) -> Path:
    table = [["Liste des mandats 2025"], [], header, *rows]
    if fmt == "xlsx":
        return write_xlsx(tmp_path / "mandats.xlsx", table)
    if fmt == "ods":
        return write_ods(tmp_path / "mandats.ods", table)
    return write_csv(tmp_path / "mandats.csv", table, encoding="cp1252")


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "ods"])
@pytest.mark.parametrize(
    "vat_header", ["Montant TVA (en €)", "Total TVA", "TVA déductible", "MtTVA", "Mnt TVA"]
)
def test_vat_amount_column_gives_ht_in_every_reader(
    tmp_path: Path, fmt: str, vat_header: str
) -> None:
    header = ["Exercice", "Imputation", "Libellé", "Tiers", "Mt TTC", vat_header]
    path = _write(tmp_path, fmt, header, ROWS)
    ledger = read_ledger(path)
    assert ledger.inputs[0].columns["vat_amount"] == vat_header
    report = run_footprint([path], load_setup())
    lines = report.lines
    assert lines["amount_excl_vat_eur"].tolist()[:3] == HT
    assert report.totals.spend_excl_vat_eur == pytest.approx(sum(HT), abs=0.005)


def test_a_second_amount_column_is_a_warning(tmp_path: Path) -> None:
    header = ["Exercice", "Nature", "Libellé", "Montant TTC", "Montant", "Taux TVA"]
    rows = [["2025", "6064", "Papier", "120,00", "240,00", "20"]]
    ledger = read_ledger(write_csv(tmp_path / "deux.csv", [header, *rows]))
    found = [i for i in ledger.issues if i.code == "column-unused"]
    assert [i.severity for i in found] == ["warning"]
    assert found[0].message() == (
        "deux.csv : colonne « Montant » reconnue (le montant TTC) mais non lue : c'est la "
        "colonne « Montant TTC » qui est lue pour ce champ. Si c'est la mauvaise, indiquez la "
        'bonne dans achats.yaml : columns: {amount_incl_vat: "Montant"}.'
    )
    assert ledger.lines["amount_incl_vat"].tolist() == [120.0]


def test_debit_beside_ttc_quantity_without_unit_and_vat_checks(tmp_path: Path) -> None:
    header = ["Exercice", "Nature", "Libellé", "Montant TTC", "Débit", "Crédit"]
    header += ["Mt TVA", "Taux TVA", "Quantité"]
    rows = [
        ["2025", "60612", "Électricité", "1 200,00", "1 200,00", "", "200,00", "20", "5 000"],
        ["2025", "6064", "Papier", "120,00", "120,00", "", "50,00", "20", ""],
        ["2025", "6064", "Papier", "60,00", "60,00", "", "", "", ""],
    ]
    ledger = read_ledger(write_csv(tmp_path / "gl.csv", [header, *rows]))
    by_code = {i.code: i for i in ledger.issues}
    assert by_code["column-debit-unused"].severity == "warning"
    assert by_code["column-debit-unused"].message() == (
        "gl.csv : colonne(s) « Débit » et « Crédit » non lue(s) : le montant est lu dans "
        "« Montant TTC ». Vérifiez que les deux donnent la même dépense ; sinon retirez "
        "« Montant TTC » du fichier pour que le débit moins le crédit soit lu."
    )
    assert by_code["column-quantity-without-unit"].severity == "warning"
    assert by_code["column-quantity-without-unit"].message() == (
        "gl.csv : colonne « Quantité » lue sans colonne d'unité : ses 1 quantité(s) ne peuvent "
        "pas servir au calcul (kWh, litres, m3, t…), l'empreinte de ces lignes repose sur leur "
        "montant. Ajoutez une colonne « Unité », ou nommez-la dans achats.yaml : "
        'columns: {unit: "en-tête de l\'unité"}.'
    )
    # row 3: 120 TTC at 20 % carries 20 of VAT, the file says 50
    assert by_code["vat-amount-rate-mismatch"].message() == (
        "gl.csv : 1 ligne(s) dont le montant de TVA (« Mt TVA ») ne correspond pas au taux "
        "(« Taux TVA ») (première : ligne 3) : le HT est calculé avec le montant de TVA "
        "(TTC − TVA), le taux n'est pas utilisé. Vérifiez ces lignes."
    )
    assert by_code["vat-amount-blank"].message() == (
        "gl.csv : 1 ligne(s) sans montant dans la colonne « Mt TVA » ni taux de TVA (première "
        ": ligne 4) : leur HT est déduit du taux de leur catégorie, à défaut du taux par défaut "
        "(default_vat_rate de achats.yaml, 20 % sinon). Si la TVA de ces lignes est nulle, "
        "écrivez 0."
    )
    assert {by_code[c].severity for c in ("vat-amount-rate-mismatch", "vat-amount-blank")} == {
        "warning"
    }
    report = run_footprint([tmp_path / "gl.csv"], load_setup())
    assert report.lines["amount_excl_vat_eur"].tolist() == [1000.0, 70.0, 50.0]


def test_an_unused_label_column_is_a_note_not_a_warning(tmp_path: Path) -> None:
    header = ["Exercice", "Nature", "Libellé", "Objet", "Montant TTC"]
    ledger = read_ledger(
        write_csv(tmp_path / "l.csv", [header, ["2025", "6064", "Papier", "Achat", "12"]])
    )
    found = [i for i in ledger.issues if i.code == "column-unused"]
    assert [(i.severity, i.params["column"]) for i in found] == [("info", "Objet")]


def test_totals_rows_are_not_counted_as_lines_without_vat(tmp_path: Path) -> None:
    from .test_traps import build

    ledger = read_ledger(build(tmp_path / "etat.xlsx"))
    # rows 7 and 8 have a rate, row 10 (« Sous-total », TTC 2 790,00) is not a line
    assert [i.code for i in ledger.issues if i.code.startswith("vat-amount")] == []
