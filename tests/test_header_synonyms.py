"""Header synonyms from documented exports: each dialect is read from a fixture the test writes,
and the payment / mandate date wins over the invoice date for the year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from achats_durables.core.text import header_key
from achats_durables.knowledge.header_synonyms import SYNONYMS
from achats_durables.ledger.headers import match_header
from achats_durables.ledger.read import read_ledger
from achats_durables.operations.pipeline import load_setup, run_footprint

from .conftest import write_csv, write_xlsx


def cells(text: str) -> list[str]:
    return text.split("|")


def test_no_title_stands_for_two_fields() -> None:
    owner: dict[str, str] = {}
    clashes = []
    for fname, titles in SYNONYMS.items():
        for title in titles:
            key = header_key(title)
            if owner.setdefault(key, fname) != fname:
                clashes.append((title, owner[key], fname))
    assert clashes == []


def test_pes_field_names(tmp_path: Path) -> None:
    """A flat extract of a PES V2 flow keeps the XSD names (MtHT, MtTVA, LibVir1…)."""
    header = ["Exer", "IdPce", "DteBordEm", "Nature", "Fonction", "LibVir1", "Nom", "IdTiers"]
    header += ["MtHT", "MtTVA", "IdMarche"]
    rows = [
        cells(
            "2025|101|2025-03-10|60612|020|Électricité mars|EDF|55208131766522|1000.00|200.00|M2024-01"
        ),
        cells("2025|102|2025-03-11|6064|020|Papier|Papeterie|12345678900012|250.50|50.10|"),
    ]
    path = write_csv(tmp_path / "pes.csv", [header, *rows], encoding="latin-1")
    ledger = read_ledger(path)
    assert ledger.inputs[0].columns == {
        "year": "Exer",
        "document": "IdPce",
        "date": "DteBordEm",
        "account": "Nature",
        "function": "Fonction",
        "label": "LibVir1",
        "supplier_siret": "IdTiers",
        "amount_excl_vat": "MtHT",
        "vat_amount": "MtTVA",
        "contract_ref": "IdMarche",
    }
    assert ledger.inputs[0].ignored_columns == ["Nom"]
    assert ledger.lines["amount_excl_vat"].tolist() == [1000.0, 250.5]


def test_open_data_executed_budget_with_real_and_ordre_lines(tmp_path: Path) -> None:
    """Toulouse Métropole's data dictionary: type_mouvement holds réel / ordre."""
    header = ["entite_financiere", "nomenclature", "depenses_recettes"]
    header += ["investissement_fonctionnement", "code_chapitre", "libelle_chapitre"]
    header += ["code_article", "libelle_article", "type_mouvement", "montant_realise"]
    rows = [
        cells("Budget principal|M57|Dépenses|Fonctionnement|011|Charges générales|6064")
        + cells("Fournitures administratives|Réel|1234,56"),
        cells("Budget principal|M57|Dépenses|Fonctionnement|042|Opérations d'ordre|6811")
        + cells("Dotations aux amortissements|Ordre|5000,00"),
        cells("Budget principal|M57|Recettes|Fonctionnement|70|Produits|7088")
        + cells("Autres produits|Réel|300,00"),
        cells("Budget principal|M57|Dépenses|Investissement|21|Immobilisations|2183")
        + cells("Matériel informatique|Réel|800,00"),
    ]
    path = write_csv(tmp_path / "ca.csv", [header, *rows], encoding="cp1252")
    ledger = read_ledger(path)
    assert ledger.inputs[0].columns == {
        "entity": "entite_financiere",
        "nomenclature": "nomenclature",
        "direction": "depenses_recettes",
        "section": "investissement_fonctionnement",
        "account": "code_article",
        "operation_kind": "type_mouvement",
        "amount_incl_vat": "montant_realise",
    }
    lines = ledger.lines
    assert lines["read_status"].tolist() == ["ok", "skipped", "skipped", "ok"]
    assert lines["read_reason"].tolist() == [
        "",
        "opération d'ordre : écriture comptable sans décaissement, pas un achat",
        "recette : ce n'est pas une dépense",
        "",
    ]
    report = run_footprint([path], load_setup(), year=2025)
    assert report.reconciliation.spend_read_eur == pytest.approx(1234.56 + 800.00)


def test_scdl_budget_csv(tmp_path: Path) -> None:
    """SCDL « Budget » 0.8.3 columns (BGT_*) of a compte administratif."""
    header = ["BGT_NATDEC", "BGT_ANNEE", "BGT_SIRET", "BGT_NOM", "BGT_NATURE"]
    header += ["BGT_NATURE_LABEL", "BGT_FONCTION", "BGT_SECTION", "BGT_OPBUDG", "BGT_CODRD"]
    header += ["BGT_MTREAL"]
    head = "compte administratif|2024|21410018200011|Ville de Test|"
    rows = [
        cells(
            head
            + "611|Contrats de prestations de services|020|fonctionnement|réel|dépense|10000.00"
        ),
        cells(head + "6811|Dotations|01|fonctionnement|ordre|dépense|7000.00"),
        cells(head + "7062|Redevances|020|fonctionnement|réel|recette|900.00"),
    ]
    path = write_csv(tmp_path / "budget.csv", [header, *rows], delimiter=",")
    ledger = read_ledger(path)
    assert ledger.lines["read_status"].tolist() == ["ok", "skipped", "skipped"]
    assert ledger.lines["year"].tolist()[0] == 2024
    assert ledger.lines["entity"].tolist()[0] == "Ville de Test"
    assert ledger.lines["amount_incl_vat"].tolist()[0] == 10000.0


def test_usual_mandate_list_payment_date_decides_the_year(tmp_path: Path) -> None:
    """A mandate list with the invoice date first and the mandate date after, no exercice."""
    header = ["Date facture", "Date de mandatement", "N° mandat", "Imputation", "Code fonction"]
    header += ["Libellé mandat", "Tiers", "SIRET tiers", "Montant HT mandaté"]
    header += ["Montant TVA mandaté", "Montant TTC mandaté"]
    rows = [
        [
            dt.date(2024, 12, 18),
            dt.date(2025, 1, 9),
            *cells("12|011-6064-020|020|Papier"),
            *cells("Papeterie|12345678900012"),
            500.0,
            100.0,
            600.0,
        ],
        [
            dt.date(2025, 2, 3),
            dt.date(2025, 2, 20),
            *cells("87|011-611-212|212|Transport"),
            *cells("Autocars|98765432100011"),
            1000.0,
            100.0,
            1100.0,
        ],
    ]
    path = write_xlsx(tmp_path / "mandats.xlsx", [["Liste des mandats"], header, *rows])
    ledger = read_ledger(path)
    columns = ledger.inputs[0].columns
    assert columns["date"] == "Date de mandatement"
    assert columns["function"] == "Code fonction"
    assert columns["label"] == "Libellé mandat"
    assert columns["vat_amount"] == "Montant TVA mandaté"
    assert ledger.lines["year"].tolist() == [2025, 2025]
    unused = [i for i in ledger.issues if i.code == "column-unused"]
    assert [(i.params["column"], i.severity) for i in unused] == [("Date facture", "info")]
    report = run_footprint([path], load_setup(), year=2025)
    assert report.totals.spend_excl_vat_eur == pytest.approx(1500.0)


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("Date de paiement", "date"),
        ("Montant exécuté", "amount_incl_vat"),
        ("Montant réalisé", "amount_incl_vat"),
        ("Montant liquidé HT", "amount_excl_vat"),
        ("Mnt TTC mandaté", "amount_incl_vat"),
        ("Compte par nature", "account"),
        ("Numéro fonction", "function"),
        ("Libellé du virement", "label"),
        ("Code nature", "account"),
        ("Entité financière", "entity"),
        ("Sens", "direction"),
        ("Type mouvement", "operation_kind"),
    ],
)
def test_titles_of_documented_exports(title: str, field: str) -> None:
    assert match_header([title])[0] == {field: 0}


@pytest.mark.parametrize("title", ["Montant engagé HT", "Prix unitaire HT", "Crédits ouverts"])
def test_amounts_that_are_not_spending_are_not_read(title: str) -> None:
    assert match_header([title])[0] == {}


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("Réemploi", "reuse"),
        ("Réemploi / réutilisation", "reuse"),
        ("Part réemploi (%)", "reuse"),
        ("Montant réemploi HT", "reuse"),
        ("Occasion", "reuse"),
        ("Achats issus du réemploi", "reuse"),  # by its words
        ("Matières recyclées", "recycled"),
        ("Matières recyclées (part)", "recycled"),
        ("Intègre des matières recyclées", "recycled"),
        ("Montant recyclé", "recycled"),
        ("Part de produits recyclés", "recycled"),  # by its words
    ],
)
def test_agec_titles(title: str, field: str) -> None:
    assert match_header([title])[0] == {field: 0}


@pytest.mark.parametrize("title", ["Montant réemploi TTC", "Montant TTC matières recyclées"])
def test_agec_amounts_incl_vat_are_neither_the_field_nor_the_line_amount(title: str) -> None:
    """The declaration counts HT: a TTC reuse amount is not read (and never as the spend)."""
    assert match_header([title])[0] == {}


def test_agec_columns_beside_the_amounts(tmp_path: Path) -> None:
    header = ["Nature", "Libellé", "Montant HT", "Montant réemploi HT", "Part recyclée (%)"]
    path = write_csv(tmp_path / "gl.csv", [header, ["2183", "Ordinateurs", "1000", "400", "20 %"]])
    ledger = read_ledger(path)
    assert ledger.inputs[0].columns == {
        "account": "Nature",
        "label": "Libellé",
        "amount_excl_vat": "Montant HT",
        "reuse": "Montant réemploi HT",
        "recycled": "Part recyclée (%)",
    }
    assert ledger.lines["amount_excl_vat"].tolist() == [1000.0]
    assert ledger.lines["reuse"].tolist() == ["400"]
    assert ledger.lines["recycled"].tolist() == ["20 %"]


def test_agec_columns_named_in_the_config(tmp_path: Path) -> None:
    from achats_durables.core.errors import ConfigError
    from achats_durables.knowledge.config import load_config

    config = tmp_path / "achats.yaml"
    config.write_text(
        'columns: {reuse: "Ressourcerie", recycled: "Papier recyclé 100 %"}\n', encoding="utf-8"
    )
    profile = load_config(config).columns
    assert profile == {"reuse": "Ressourcerie", "recycled": "Papier recyclé 100 %"}
    header = ["Nature", "Libellé", "Montant HT", "Ressourcerie", "Papier recyclé 100 %"]
    path = write_csv(tmp_path / "gl.csv", [header, ["6064", "Ramettes", "100", "non", "oui"]])
    ledger = read_ledger(path, profile=profile)
    assert ledger.inputs[0].columns["reuse"] == "Ressourcerie"
    assert ledger.inputs[0].columns["recycled"] == "Papier recyclé 100 %"
    assert ledger.lines["reuse"].tolist() == ["non"]
    assert ledger.lines["recycled"].tolist() == ["oui"]
    config.write_text('columns: {reemploi: "Ressourcerie"}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(config)
    assert "reuse" in info.value.render().rsplit("Clés possibles : ", 1)[1]
