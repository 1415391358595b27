"""An unknown header gets a usable answer: the real header row, the missing field, and the
``achats.yaml`` snippet of the likeliest column (ledgers and contract registers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.contracts.model import ContractError
from achats_durables.contracts.read import read_contracts
from achats_durables.core.errors import ConfigError, LedgerError
from achats_durables.knowledge.config import load_config
from achats_durables.ledger.read import read_ledger
from achats_durables.operations.pipeline import load_setup, run_clauses, run_footprint

from .conftest import write_csv, write_xlsx

runner = CliRunner()
TITLE = [["ÉTAT DES DÉPENSES 2025 — VILLE DE TEST"], ["Édité le 15/01/2026"], []]
UNKNOWN = ["Exercice", "Cpte", "Désignation", "Mt facturé", "Ref. pièce"]
DATA = [
    [2025, "6064", "Ramettes papier", "1 200,00", "M-001"],
    [2025, "6068", "Gants", "60,50", "M-002"],
]


def test_unknown_amount_header_lists_the_header_row_and_the_snippet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "etat.xlsx", [*TITLE, UNKNOWN, *DATA], sheet="Export")
    with pytest.raises(LedgerError) as info:
        read_ledger(path)
    assert info.value.code == "ledger-no-header"
    assert info.value.render() == (
        "etat.xlsx, feuille « Export » : aucune ligne d'en-tête de grand livre reconnue dans les "
        "50 premières lignes : il manque le montant (HT ou TTC). Colonnes vues (ligne 4) : "
        "« Exercice », « Cpte », « Désignation », « Mt facturé », « Ref. pièce ». Si "
        "« Mt facturé » est bien le montant TTC, ajoutez dans achats.yaml : "
        'columns: {amount_incl_vat: "Mt facturé"}, puis relancez avec --config achats.yaml '
        "(amount_excl_vat pour un montant HT, amount_incl_vat pour un montant TTC)."
    )
    assert info.value.render("en") == (
        "etat.xlsx, sheet 'Export': no ledger header row recognised in the first 50 rows: the "
        "amount (excl. or incl. VAT) is missing. Columns seen (row 4): « Exercice », « Cpte », "
        "« Désignation », « Mt facturé », « Ref. pièce ». If 'Mt facturé' is the amount incl. "
        'VAT, add to achats.yaml: columns: {amount_incl_vat: "Mt facturé"}, then run again '
        "with --config achats.yaml (amount_excl_vat for an amount excl. VAT, amount_incl_vat "
        "incl. VAT)."
    )


def test_the_snippet_printed_reads_the_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", [*TITLE, UNKNOWN, *DATA])
    result = runner.invoke(cli.app, ["footprint", str(path)])
    assert result.exit_code == 3
    text = " ".join(result.stderr.split())
    snippet = 'columns: {amount_incl_vat: "Mt facturé"}'
    assert snippet in text
    assert "« 1 200,00 »" not in text  # data values are not shown as columns
    config = tmp_path / "achats.yaml"
    config.write_text(snippet + "\n", encoding="utf-8")
    report = run_footprint([path], load_setup(config))
    assert report.reconciliation.spend_read_eur == pytest.approx(1200.00 + 60.50)
    assert report.reconciliation.rows_rejected == 0


def test_two_missing_fields_give_a_two_column_snippet(tmp_path: Path) -> None:
    header = ["Exercice", "Code budgétaire", "Intitulé de la dépense", "Somme réglée"]
    rows = [["2025", "6064", "Papier", "10,00"], ["2025", "6068", "Gants", "1 200,50"]]
    path = write_csv(tmp_path / "x.csv", [header, *rows])
    with pytest.raises(LedgerError) as info:
        read_ledger(path)
    assert info.value.render() == (
        "x.csv : aucune ligne d'en-tête de grand livre reconnue dans les 50 premières lignes : "
        "il manque le montant (HT ou TTC) et une colonne qui décrit la dépense (compte "
        "« Nature », « Code CPV », « Libellé » ou « Fournisseur »). Colonnes vues (ligne 1) : "
        "« Exercice », « Code budgétaire », « Intitulé de la dépense », « Somme réglée ». Si "
        "« Somme réglée » est bien le montant TTC et « Code budgétaire » est bien le compte "
        '(nature), ajoutez dans achats.yaml : columns: {amount_incl_vat: "Somme réglée", '
        'account: "Code budgétaire"}, puis relancez avec --config achats.yaml '
        "(amount_excl_vat pour un montant HT, amount_incl_vat pour un montant TTC)."
    )


def test_the_sheet_nearest_to_a_ledger_is_named(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "classeur.xlsx",
        [["Mode d'emploi"], ["Voir la feuille Export"]],
        sheet="Lisez-moi",
        extra_sheets={"Export": [UNKNOWN, *DATA]},
    )
    with pytest.raises(LedgerError) as info:
        read_ledger(path)
    text = info.value.render()
    assert text.startswith("classeur.xlsx, feuille « Export » : aucune ligne d'en-tête")
    assert text.endswith(" Autres feuilles lues, sans en-tête reconnu non plus : « Lisez-moi ».")


def test_unknown_register_header_and_contract_columns(tmp_path: Path) -> None:
    rows = [["Description", "Montant HT", "Date de notification", "Procédure", "Code"]]
    rows += [["Fournitures", "45 000,00", "15/02/2025", "MAPA", "C25-014"]]
    rows += [["Espaces verts", "80 000,00", "01/03/2025", "AOO", "C25-015"]]
    path = write_csv(tmp_path / "registre.csv", rows)
    with pytest.raises(ContractError) as info:
        read_contracts([path])
    assert info.value.render() == (
        "registre.csv : aucun en-tête de registre des marchés reconnu dans les 50 premières "
        "lignes : il manque le n° de marché (ou l'objet). Colonnes vues (ligne 1) : "
        "« Description », « Montant HT », « Date de notification », « Procédure », « Code ». "
        "Si « Code » est bien le n° de marché, ajoutez dans achats.yaml : "
        'contract_columns: {contract_ref: "Code"}, puis relancez avec --config achats.yaml.'
    )
    config = tmp_path / "achats.yaml"
    config.write_text(
        'contract_columns: {contract_ref: "Code", object: "Description"}\n', encoding="utf-8"
    )
    report = run_clauses([path], load_setup(config))
    assert report.totals["contracts"] == 2
    assert report.totals["amount_eur"] == 125000.0


def test_contract_columns_keys_are_checked(tmp_path: Path) -> None:
    config = tmp_path / "achats.yaml"
    config.write_text("contract_columns:\n  n_marche: Code\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(config)
    assert info.value.code == "yaml-unknown-key"  # one code for every YAML file
    assert "clé inconnue « contract_columns.n_marche » (ligne 2). Clés possibles : " in (
        info.value.render()
    )
    assert "contract_ref" in info.value.render().rsplit("Clés possibles : ", 1)[1]
    config.write_text("contract_columns:\n  social_clause: Clause insertion\n", encoding="utf-8")
    assert load_config(config).contract_columns == {"social_clause": "Clause insertion"}
