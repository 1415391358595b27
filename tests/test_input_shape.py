"""Files that are not ledgers (contract registers, DECP, clause registers, forecast budgets) are
refused by the footprint with the command that reads them; real ledgers are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.contracts.read import read_contracts
from achats_durables.core.errors import LedgerError
from achats_durables.ledger.read import read_ledger

from .conftest import HEADER, REPO, LedgerFactory, write_csv, write_xlsx
from .test_formats import ligne, totem_doc

runner = CliRunner()
NO_PAYMENT = (
    "décrivent des marchés, sans aucune colonne de paiement (date de mandat ou de paiement, "
    "n° de mandat, débit, TVA) : ce n'est pas un grand livre de dépenses et son empreinte "
    "n'aurait pas de sens. Pour l'empreinte carbone, donnez le grand livre des mandats de "
    "l'exercice."
)
REGISTER_HEADER = (
    "N° marché|Entité|Objet|Code CPV|Montant HT|Date de notification|Procédure"
    "|Considérations sociales|Considérations environnementales|Titulaire"
).split("|")
REGISTER_ROWS = [
    (
        "2025-001|Ville de Blois|Fournitures de bureau|30192000-1|45 000,00|15/02/2025"
        "|Procédure adaptée|Pas de considération sociale|Clause environnementale"
        "|Papeterie du Centre"
    ).split("|"),
    (
        "2025-002|Ville de Blois|Nettoyage des locaux|90919200-4|120 000,00|01/03/2025"
        "|Appel d'offres ouvert|Clause sociale|Critère environnemental|Net Services"
    ).split("|"),
]


def refused(path: Path, code: str = "ledger-looks-like-contracts") -> str:
    """The French message of the refusal of ``path`` as a ledger."""
    with pytest.raises(LedgerError) as info:
        read_ledger(path)
    assert info.value.code == code
    return info.value.render()


def test_example_register_is_refused_with_the_clauses_command() -> None:
    path = REPO / "examples" / "registre-marches.xlsx"
    assert refused(path) == (
        "registre-marches.xlsx, feuille « Marchés » : ce fichier ressemble à un registre des "
        f"marchés : utilisez `achats clauses {path}`. Ses colonnes (« N° marché », « Entité », "
        "« SIRET acheteur », « Objet », « Code CPV », « Montant HT », « Date de notification », "
        f"« Durée (mois) », …) {NO_PAYMENT}"
    )


def test_cli_footprint_of_the_example_register_exits_3() -> None:
    path = REPO / "examples" / "registre-marches.xlsx"
    result = runner.invoke(cli.app, ["footprint", str(path), "--year", "2025"])
    assert result.exit_code == 3
    assert result.stdout == ""
    text = " ".join(result.stderr.split())
    assert text.startswith(
        "Erreur : registre-marches.xlsx, feuille « Marchés » : ce fichier ressemble à un "
        "registre des marchés : utilisez `achats clauses"
    )
    assert "Traceback" not in result.output


def test_csv_register_is_refused_and_still_read_by_clauses(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "registre.csv", [REGISTER_HEADER, *REGISTER_ROWS])
    assert refused(path) == (
        "registre.csv : ce fichier ressemble à un registre des marchés : utilisez "
        f"`achats clauses {path}`. Ses colonnes (« N° marché », « Entité », « Objet », "
        "« Code CPV », « Montant HT », « Date de notification », « Procédure », "
        f"« Considérations sociales », …) {NO_PAYMENT}"
    )
    contracts = read_contracts([path])
    assert contracts.frame["contract_ref"].tolist() == ["2025-001", "2025-002"]
    assert contracts.frame["amount_eur"].tolist() == [45000.0, 120000.0]


def test_clause_register_is_refused(tmp_path: Path) -> None:
    rows = [
        ["Suivi des clauses 2025"],
        [],
        ["N° marché", "Objet", "Clause sociale", "Clause environnementale", "Heures d'insertion"],
        ["2025-002", "Nettoyage des locaux", "oui", "non", 350],
        ["2025-007", "Travaux de voirie", "oui", "oui", 1200],
    ]
    path = write_xlsx(tmp_path / "clauses.xlsx", rows, sheet="Clauses")
    assert refused(path) == (
        "clauses.xlsx, feuille « Clauses » : ce fichier ressemble à un registre des clauses "
        "(considérations sociales et environnementales des marchés) : utilisez "
        f"`achats clauses {path}`. Ses colonnes (« N° marché », « Objet », « Clause sociale », "
        f"« Clause environnementale », « Heures d'insertion ») {NO_PAYMENT}"
    )
    contracts = read_contracts([path])
    assert contracts.frame["has_social"].tolist() == [True, True]
    assert contracts.frame["insertion_hours_planned"].tolist() == [350.0, 1200.0]


def test_decp_json_and_csv_are_refused(tmp_path: Path) -> None:
    record = {
        "id": "2025-001",
        "acheteur": {"id": "21410018200011"},
        "nature": "Marché",
        "objet": "Fournitures de bureau",
        "codeCPV": "30192000",
        "procedure": "Procédure adaptée",
        "dureeMois": 12,
        "dateNotification": "2025-02-15",
        "montant": 45000,
        "titulaires": [{"titulaire": {"typeIdentifiant": "SIRET", "id": "12345678900012"}}],
        "considerationsSociales": {"considerationSociale": ["Pas de considération sociale"]},
    }
    decp = tmp_path / "decp.json"
    decp.write_text(json.dumps({"marches": {"marche": [record]}}), encoding="utf-8")
    assert refused(decp) == (
        "decp.json : ce fichier ressemble à des données essentielles de la commande publique "
        f"(DECP) : utilisez `achats clauses {decp}`. Ses colonnes (« marches », « marche », "
        f"« acheteur », « dateNotification », « titulaires », « considerationsSociales ») "
        f"{NO_PAYMENT}"
    )
    flat = write_csv(
        tmp_path / "decp.csv",
        [
            [
                "uid",
                "id",
                "acheteur_id",
                "nature",
                "objet",
                "codeCPV",
                "procedure",
                "dureeMois",
                "dateNotification",
                "montant",
                "considerationsSociales",
            ],
            [
                "214100182000112025-001",
                "2025-001",
                "21410018200011",
                "Marché",
                "Papier",
                "30192000",
                "Procédure adaptée",
                "12",
                "2025-02-15",
                "45000",
                "",
            ],
        ],
        delimiter=",",
    )
    assert "des données essentielles de la commande publique (DECP)" in refused(flat)


def test_forecast_budgets_are_refused(tmp_path: Path) -> None:
    lines = [ligne("6064", "D", "0", None, "020"), ligne("7088", "R", "0", None, "824")]
    doc = totem_doc("UTF-8", [("BUDGET PRINCIPAL", "21999999900011", "M57", "2025", lines)])
    bp = tmp_path / "bp.xml"
    bp.write_text(doc.replace('<NatDec V="09"/>', '<NatDec V="01"/>'), encoding="utf-8")
    assert refused(bp, "ledger-budget-no-spending") == (
        "bp.xml : ce fichier est un budget primitif sans dépenses réalisées : aucune de ses 2 "
        "lignes budgétaires n'est une dépense avec un montant réalisé (MtReal). L'empreinte se "
        "calcule sur les dépenses payées : donnez le compte administratif (ou le compte "
        "financier unique) de l'exercice, ou le grand livre des mandats."
    )
    scdl = write_csv(
        tmp_path / "budget.csv",
        [
            ["BGT_NATDEC", "BGT_ANNEE", "BGT_NATURE", "BGT_CODRD", "BGT_MTPREV", "BGT_CREDOUV"],
            ["budget primitif", "2025", "6064", "dépense", "1000", "1000"],
        ],
    )
    assert refused(scdl, "ledger-budget-no-spending") == (
        "budget.csv : ce fichier est un budget (prévisions) sans dépenses réalisées : il a des "
        "colonnes de prévision (« BGT_MTPREV », « BGT_CREDOUV ») mais aucune colonne de montant "
        "réalisé ou mandaté. L'empreinte se calcule sur les dépenses payées : donnez le compte "
        "administratif (ou le compte financier unique) de l'exercice, ou le grand livre des "
        "mandats."
    )


@pytest.mark.parametrize("name", ["grand-livre-2024.xlsx", "grand-livre-2025.xlsx"])
def test_example_ledgers_are_not_refused(name: str) -> None:
    ledger = read_ledger(REPO / "examples" / name)
    assert (ledger.lines["read_status"] == "ok").sum() > 2000


def test_a_register_sheet_beside_a_ledger_sheet_is_set_aside(
    tmp_path: Path, make_ledger: LedgerFactory
) -> None:
    row = [2025, "Ville", "04/03/2025", "6064", "Papier", "X", "", 100.0, 20, 120.0, "", ""]
    path = write_xlsx(
        tmp_path / "classeur.xlsx",
        [HEADER, row],
        sheet="Mandats",
        extra_sheets={"Marchés": [REGISTER_HEADER, *REGISTER_ROWS]},
    )
    ledger = read_ledger(path)
    assert ledger.inputs[0].sheets == ["Mandats"]
    assert ledger.inputs[0].ignored_sheets == [
        ("Marchés", "registre de marchés, pas un grand livre : lu par achats clauses")
    ]
    assert ledger.lines["amount_excl_vat"].tolist() == [100.0]
    with pytest.raises(LedgerError) as info:
        read_ledger(path, sheet="Marchés")
    assert info.value.code == "ledger-looks-like-contracts"


def test_a_ledger_with_contract_columns_and_a_payment_date_is_read(tmp_path: Path) -> None:
    header = ["N° marché", "Objet", "Procédure", "Date de notification", "Date de paiement"]
    header += ["Nature", "Montant TTC"]
    row = ["2025-001", "Papier", "Procédure adaptée", "15/02/2025", "10/03/2025", "6064", "120"]
    ledger = read_ledger(write_csv(tmp_path / "gl.csv", [header, row]))
    assert ledger.lines["amount_incl_vat"].tolist() == [120.0]
    assert ledger.lines["year"].tolist() == [2025]


@pytest.mark.parametrize(
    "name",
    [
        "decp/decp_tabular_2024H2_travaux_cpv4521_shared.csv",
        "decp/decp_v2_emarchespublics_shared.json",
        "decp/decp_v2_emarchespublics_shared_flat.csv",
    ],
)
def test_real_decp_files_are_refused(shared_dir: Path, name: str) -> None:
    assert "des données essentielles de la commande publique (DECP)" in refused(shared_dir / name)
