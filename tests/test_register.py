"""Contract registers: one record per contract when a register repeats a contract on one row per
co-contractor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from achats_durables.contracts.read import read_contracts
from achats_durables.operations.pipeline import load_setup, run_clauses

from .conftest import write_csv, write_xlsx

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


AGEC_HEADER = ["N° marché", "Entité", "Objet", "Montant HT", "Date de notification"]
AGEC_HEADER += ["Réemploi", "Part de matières recyclées"]
AGEC_ROWS = [
    ["2025-101", "Ville", "Mobilier de bureau", 40000, "10/02/2025", "oui", None],
    ["2025-102", "Ville", "Ordinateurs", 90000, "11/02/2025", "non", 0.3],  # a number cell
    ["2025-103", "Ville", "Textiles", 15000, "12/02/2025", "40 %", "non"],
    ["2025-104", "Ville", "Papier", 8000, "13/02/2025", "0,25", "100 %"],
    ["2025-105", "Ville", "Jouets", 5000, "14/02/2025", "beaucoup", ""],
    ["2025-106", "Ville", "Vélos", 12000, "15/02/2025", "130 %", "oui"],
]


def test_reuse_and_recycled_shares_of_a_register(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "registre.xlsx", [["Registre 2025"], AGEC_HEADER, *AGEC_ROWS], sheet="Marchés"
    )
    contracts = read_contracts([path])
    frame = contracts.frame
    nan = float("nan")
    assert frame["reuse_share"].tolist() == pytest.approx(
        [1.0, 0.0, 0.4, 0.25, nan, nan], nan_ok=True
    )
    assert frame["recycled_share"].tolist() == pytest.approx(
        [nan, 0.3, 0.0, 1.0, nan, 1.0], nan_ok=True
    )
    bad = [i for i in contracts.issues if i.code == "agec-register-value-invalid"]
    assert [(i.severity, i.location.to_dict()) for i in bad] == [
        ("error", {"path": str(path), "sheet": "Marchés", "row": 7, "column": "Réemploi"}),
        ("error", {"path": str(path), "sheet": "Marchés", "row": 8, "column": "Réemploi"}),
    ]
    assert bad[0].message() == (
        "registre.xlsx, feuille « Marchés », ligne 7, colonne « Réemploi » : marché 2025-105 "
        "(réemploi ou réutilisation) : valeur « beaucoup » illisible, laissée vide. Attendu : "
        "oui/non ou une part du marché (40 % ou 0,4). Un montant n'est pas accepté dans le "
        "registre : indiquez-le ligne par ligne dans le grand livre (colonne « Réemploi » ou "
        "« Matières recyclées »)."
    )
    assert bad[1].params["value"] == "130 %"
    assert (
        bad[1]
        .message("en")
        .startswith(
            "registre.xlsx, sheet 'Marchés', row 8, column 'Réemploi': contract 2025-106 (reuse or "
            "re-use): value '130 %' is unreadable, left empty."
        )
    )


def test_an_amount_is_not_a_contract_flag(tmp_path: Path) -> None:
    header = ["N° marché", "Objet", "Montant HT", "Matières recyclées"]
    rows = [["M1", "Papier", 1000, "1 200 €"], ["M2", "Encre", 500, "250"], ["M3", "Toner", 80, 1]]
    path = write_csv(tmp_path / "registre.csv", [header, *rows])
    contracts = read_contracts([path])
    nan = float("nan")
    assert contracts.frame["recycled_share"].tolist() == pytest.approx([nan, nan, 1.0], nan_ok=True)
    assert contracts.frame["reuse_share"].isna().all()  # no column: NaN
    bad = [i for i in contracts.issues if i.code == "agec-register-value-invalid"]
    assert [(i.location.row, i.location.column, i.params["value"]) for i in bad] == [
        (2, "Matières recyclées", "1 200 €"),
        (3, "Matières recyclées", "250"),
    ]


def test_contract_columns_name_the_agec_columns(tmp_path: Path) -> None:
    header = ["N° marché", "Objet", "Montant HT", "Ressourcerie", "Recyclage"]
    path = write_xlsx(tmp_path / "registre.xlsx", [header, ["M1", "Chaises", 900, "x", "20 %"]])
    config = tmp_path / "achats.yaml"
    config.write_text(
        "contract_columns: {reuse: Ressourcerie, recycled: Recyclage}\n", encoding="utf-8"
    )
    setup = load_setup(config)
    contracts = read_contracts([path], profile=setup.config.contract_columns)
    assert contracts.frame["reuse_share"].tolist() == [1.0]
    assert contracts.frame["recycled_share"].tolist() == [pytest.approx(0.2)]


def test_decp_contracts_have_no_agec_share() -> None:
    from .conftest import REPO

    contracts = read_contracts([REPO / "examples" / "decp-2025.json"])
    assert len(contracts.frame) > 0
    assert contracts.frame["reuse_share"].isna().all()
    assert contracts.frame["recycled_share"].isna().all()


def _clause_outputs(register: Path, folder: Path) -> dict[str, Any]:
    """What ``achats clauses`` writes (JSON without the inputs, CSV files, xlsx cells)."""
    from achats_durables.writers.clauses_csv import write_clauses_csv
    from achats_durables.writers.clauses_xlsx import write_clauses_xlsx

    from .test_lang_reports import workbook_values

    report = run_clauses([register], load_setup())
    data = report.to_dict()
    data.pop("inputs")
    written = write_clauses_csv(report, folder / "clauses.csv")
    write_clauses_xlsx(report, folder / "clauses.xlsx")
    return {
        "json": data,
        "csv": {p.name: p.read_text(encoding="utf-8-sig") for p in written},
        "xlsx": workbook_values(folder / "clauses.xlsx"),
    }


def test_clauses_outputs_do_not_change(tmp_path: Path) -> None:
    """Valid AGEC columns in a register leave every output of achats clauses as it was."""
    valid = AGEC_ROWS[:4]
    path = tmp_path / "registre.xlsx"  # one path: the issues name it
    write_xlsx(path, [AGEC_HEADER[:5], *(r[:5] for r in valid)])
    (tmp_path / "a").mkdir()
    before = _clause_outputs(path, tmp_path / "a")
    write_xlsx(path, [AGEC_HEADER, *valid])
    (tmp_path / "b").mkdir()
    after = _clause_outputs(path, tmp_path / "b")
    assert read_contracts([path]).frame["reuse_share"].notna().sum() == 4
    assert after == before
