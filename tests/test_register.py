"""Contract registers: one record per contract when a register repeats a contract on one row per
co-contractor."""

from __future__ import annotations

from pathlib import Path

from achats_durables.contracts.read import read_contracts
from achats_durables.operations.pipeline import load_setup, run_clauses

from .conftest import write_xlsx

HEADER = [
    "N° marché",
    "Entité",
    "Objet",
    "Montant HT",
    "Date de notification",
    "Considérations sociales",
    "Considérations environnementales",
    "Titulaire",
    "SIRET titulaire",
]
VOIRIE = ["2025-010", "Agglopolys", "Travaux de voirie", 900000, "10/03/2025", "Clause sociale"]
NO_ENV = "Pas de considération environnementale"
ROWS = [
    # one contract, three co-contractors: the amount is the contract's, repeated
    [*VOIRIE, NO_ENV, "Routes du Centre", "11111111100011"],
    [*VOIRIE, "Critère environnemental", "Enrobés Val de Loire", "22222222200022"],
    [*VOIRIE, NO_ENV, "Signalisation 41", "33333333300033"],
    # the same number at another buyer is another contract
    [
        "2025-010",
        "Ville de Blois",
        "Fournitures scolaires",
        30000,
        "02/04/2025",
        "Pas de considération sociale",
        "Clause environnementale",
        "Papeterie",
        "44444444400044",
    ],
    [
        "2025-011",
        "Agglopolys",
        "Nettoyage",
        120000,
        "05/05/2025",
        "Clause sociale",
        "Clause environnementale",
        "Net Services",
        "55555555500055",
    ],
]


def test_rows_of_one_contract_count_once(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "registre.xlsx", [HEADER, *ROWS], sheet="Marchés")
    contracts = read_contracts([path])
    frame = contracts.frame
    assert frame["contract_ref"].tolist() == ["2025-010", "2025-010", "2025-011"]
    assert frame["entity"].tolist() == ["Agglopolys", "Ville de Blois", "Agglopolys"]
    assert frame["amount_eur"].tolist() == [900000.0, 30000.0, 120000.0]
    assert frame.loc[0, "supplier"] == "Routes du Centre | Enrobés Val de Loire | Signalisation 41"
    assert frame.loc[0, "supplier_siret"] == "11111111100011 | 22222222200022 | 33333333300033"
    # a consideration on any co-contractor's row counts for the contract
    assert frame["has_environmental"].tolist() == [True, True, True]
    assert frame.loc[0, "environmental"] == "Critère environnemental"
    notes = [i for i in contracts.issues if i.code == "register-duplicate-rows"]
    assert [i.message() for i in notes] == [
        "registre.xlsx : 2 ligne(s) répètent le n° d'un marché déjà lu (une ligne par "
        "cotraitant ou titulaire) : 1 marché(s) comptés une fois, montant retenu une fois, "
        "titulaires listés ensemble (ex. « 2025-010 »)."
    ]
    report = run_clauses([path], load_setup())
    assert report.totals["contracts"] == 3
    assert report.totals["amount_eur"] == 900000 + 30000 + 120000


def test_repeated_rows_with_different_amounts_are_reported(tmp_path: Path) -> None:
    rows = [list(ROWS[0]), list(ROWS[1])]
    rows[1][3] = 450000
    path = write_xlsx(tmp_path / "registre.xlsx", [HEADER, *rows], sheet="Marchés")
    contracts = read_contracts([path])
    assert contracts.frame["amount_eur"].tolist() == [900000.0]
    conflict = [i for i in contracts.issues if i.code == "register-duplicate-conflict"]
    assert [(i.severity, i.message()) for i in conflict] == [
        (
            "warning",
            "registre.xlsx : 1 marché(s) répétés sur plusieurs lignes avec des montants ou "
            "dates de notification différents (ex. « 2025-010 ») : seul le montant de la "
            "première ligne est retenu. Vérifiez le registre : un n° de marché par lot, ou le "
            "même montant sur chaque ligne.",
        )
    ]
