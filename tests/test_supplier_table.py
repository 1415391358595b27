"""The supplier file as a spreadsheet or CSV table (issue 12 item 4): ledger/supplier_table.py.

Every expected figure is the one the test writes in the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from achats_durables.core.errors import ConfigError
from achats_durables.knowledge.suppliers import Supplier
from achats_durables.ledger.supplier_table import load_supplier_file

from .conftest import LedgerFactory
from .test_cli import flat, invoke

LISTED = "732829320"
SIRET = LISTED + "00074"  # a valid SIRET of that SIREN
OTHER = "552032534"
HEADER = [
    "SIREN",
    "Raison sociale",
    "Intensité (kgCO2e/k€ HT)",
    "Intensité par unité",
    "Unité",
    "Année",
    "Périmètre",
    "Source",
    "Incertitude",
]
BEGES = "BEGES 2023 publié sur la plateforme ADEME"
LEDGER_HEADER = ["Exercice", "Nature", "Libellé", "Fournisseur", "SIRET", "Montant HT"]


def write_xlsx(path: Path, rows: list[list[Any]], sheet: str = "Fournisseurs") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8", sep: str = ";") -> Path:
    path.write_bytes("\r\n".join(sep.join(cells.split(";")) for cells in lines).encode(encoding))
    return path


def test_xlsx_supplier_file_with_synonyms_siret_and_percentages(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "fournisseurs.xlsx",
        [
            ["Fournisseurs retenus"],  # a title above the header
            ["SIRET", "Fournisseur", *HEADER[2:]],
            [int(SIRET), "Papeterie Exemple", 120, None, None, 2021, "scopes 1-3", BEGES, "15 %"],
            [OTHER, "Cantine du Centre", None, "2,5", "repas", "2023", "France", "EPD", 0.2],
            [None, None, None, None, None, None, None, None, None],  # a blank row is skipped
        ],
    )
    assert load_supplier_file(path) == (
        Supplier(LISTED, "Papeterie Exemple", 120.0, 2021, "scopes 1-3", BEGES, 0.15),
        Supplier(OTHER, "Cantine du Centre", None, 2023, "France", "EPD", 0.2, 2.5, "repas"),
    )


def test_cp1252_csv_with_semicolons(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "fournisseurs.csv",
        [
            "SIREN;Nom du fournisseur;Intensité (kgCO2e/k€ HT);Année;Périmètre;Source;Incertitude",
            f"{LISTED};Société Générale d'Équipement;1 234,5;2022;activité France;{BEGES};10 %",
        ],
        encoding="cp1252",
    )
    (supplier,) = load_supplier_file(path)
    assert supplier == Supplier(
        LISTED, "Société Générale d'Équipement", 1234.5, 2022, "activité France", BEGES, 0.1
    )


def test_comma_separated_utf8_csv(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        [
            "siren;name;intensity_kgco2e_per_keur;euro_year;scope;source;uncertainty",
            f"{LISTED};Papeterie;80.5;2023;s;EPD;0.3",
        ],
        sep=",",
    )
    assert load_supplier_file(path)[0].intensity_kgco2e_per_keur == 80.5


CSV_HEADER = "SIREN;Fournisseur;Intensité (kgCO2e/k€ HT);Intensité par unité;Unité;Année;Périmètre;Source;Incertitude"


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        (f"732829321;X;12;;;2022;a;{BEGES};0,1", "SIREN", "clé de contrôle"),
        (f"73282932;X;12;;;2022;a;{BEGES};0,1", "SIREN", "SIREN de 9 chiffres"),
        (f"73282932000075;X;12;;;2022;a;{BEGES};0,1", "SIREN", "SIRET invalide"),
        (f"{LISTED};X;douze;;;2022;a;{BEGES};0,1", "Intensité (kgCO2e/k€ HT)", "un nombre"),
        (f"{LISTED};X;-3;;;2022;a;{BEGES};0,1", "Intensité (kgCO2e/k€ HT)", "≥ 0"),
        (f"{LISTED};X;;;;2022;a;{BEGES};0,1", "Intensité (kgCO2e/k€ HT)", "une seule intensité"),
        (f"{LISTED};X;12;3;t;2022;a;{BEGES};0,1", "Intensité par unité", "une seule intensité"),
        (f"{LISTED};X;;3;;2022;a;{BEGES};0,1", "Unité", "l'unité de l'intensité"),
        (f"{LISTED};X;;3;boisseau;2022;a;{BEGES};0,1", "Unité", "une unité connue"),
        (f"{LISTED};X;12;;t;2022;a;{BEGES};0,1", "Unité", "intensité par unité"),
        (f"{LISTED};X;12;;;1850;a;{BEGES};0,1", "Année", "une année"),
        (f"{LISTED};X;12;;;2022;;{BEGES};0,1", "Périmètre", "valeur obligatoire manquante"),
        (f"{LISTED};X;12;;;2022;a;{BEGES};-5 %", "Incertitude", "≥ 0"),
    ],
)
def test_every_cell_error_is_located_by_row_and_column(
    tmp_path: Path, make_ledger: LedgerFactory, row: str, column: str, expected: str
) -> None:
    path = write_csv(
        tmp_path / "fournisseurs.csv", [CSV_HEADER, f"{OTHER};Y;5;;;2022;a;b;0,1", row]
    )
    with pytest.raises(ConfigError) as err:
        load_supplier_file(path)
    text = str(err.value)
    assert text.startswith(f"fournisseurs.csv, ligne 3, colonne « {column} » : "), text
    assert expected in text
    assert err.value.location.row == 3
    ledger = make_ledger([[2023, "6064", "Ramettes", "X", SIRET, 100]], header=LEDGER_HEADER)
    result: Any = invoke(
        "footprint", str(ledger), "--suppliers", str(path), "-o", str(tmp_path / "r.json")
    )
    assert result.exit_code == 3, result.output
    assert expected in flat(result.output)
    assert not (tmp_path / "r.json").exists()


def test_duplicate_siren_is_located_on_the_second_row_with_the_sheet(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "fournisseurs.xlsx",
        [
            HEADER,
            [LISTED, "A", 10, None, None, 2022, "s", "x", 0.1],
            [SIRET, "A bis", 12, None, None, 2022, "s", "x", 0.1],  # same SIREN through its SIRET
        ],
        sheet="Données",
    )
    with pytest.raises(ConfigError) as err:
        load_supplier_file(path)
    text = str(err.value)
    assert text.startswith("fournisseurs.xlsx, feuille « Données », ligne 3, colonne « SIREN » : ")
    assert "en double" in text


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["SIREN", "Fournisseur", "Année"], "« Périmètre », « Source », « Incertitude »"),
        (
            ["SIREN", "Fournisseur", "Année", "Périmètre", "Source", "Incertitude"],
            "« Intensité (kgCO2e/k€ HT) » ou « Intensité par unité »",
        ),
        (
            [
                "SIREN",
                "Fournisseur",
                "Intensité par unité",
                "Année",
                "Périmètre",
                "Source",
                "Incertitude",
            ],
            "« Unité »",
        ),
    ],
)
def test_missing_columns_are_named(tmp_path: Path, header: list[str], expected: str) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", [header, [LISTED] + ["x"] * (len(header) - 1)])
    with pytest.raises(ConfigError) as err:
        load_supplier_file(path)
    text = str(err.value)
    assert text.startswith("f.xlsx, feuille « Fournisseurs », ligne 1 : colonne(s) manquante(s) : ")
    assert expected in text


def test_no_header_and_unreadable_workbook(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", ["Nom;Montant", "a;1"])
    with pytest.raises(ConfigError) as err:
        load_supplier_file(path)
    assert "aucune ligne d'en-tête trouvée" in str(err.value)
    broken = tmp_path / "f.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(ConfigError) as err:
        load_supplier_file(broken)
    assert str(err.value).startswith("f.xlsx : fichier des fournisseurs illisible")


def test_english_messages(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", [CSV_HEADER, f"{LISTED};X;12;3;t;2022;a;b;0,1"])
    with pytest.raises(ConfigError) as err:
        load_supplier_file(path)
    assert err.value.render("en").startswith(
        "f.csv, row 2, column 'Intensité par unité': exactly one intensity is expected"
    )


def test_xlsx_file_named_in_the_config_is_used(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "fournisseurs.xlsx",
        [HEADER, [LISTED, "Papeterie", 100, None, None, 2023, "s", BEGES, 0.1]],
    )
    (tmp_path / "achats.yaml").write_text("suppliers: fournisseurs.xlsx\n", encoding="utf-8")
    ledger = make_ledger(
        [[2023, "6064", "Ramettes", "Papeterie", SIRET, 2000]], header=LEDGER_HEADER
    )
    result: Any = invoke(
        "footprint", str(ledger), "--config", str(tmp_path / "achats.yaml"), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    (used,) = json.loads(result.stdout)["suppliers_used"]
    assert (used["siren"], used["emissions_tco2e"]) == (LISTED, 2 * 100 / 1000)
