"""create_workspace: achats.yaml, ledger and register templates, LISEZMOI; M57 account list."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from achats_durables.contracts.read import read_contracts
from achats_durables.core.errors import ConfigError
from achats_durables.i18n import messages
from achats_durables.knowledge.factors import factors_dir
from achats_durables.ledger.headers import find_header, recognise
from achats_durables.ledger.read import read_ledger
from achats_durables.operations.workspace import (
    LEDGER_COLUMNS,
    PROCEDURES,
    REGISTER_COLUMNS,
    create_workspace,
    m57_accounts,
)

from .conftest import REPO, skip_without_shared

LEDGER_HEADERS = [
    "Exercice",
    "Entité",
    "N° mandat",
    "Date mandat",
    "Nature",
    "Fonction",
    "Libellé",
    "Fournisseur",
    "SIRET",
    "Montant HT",
    "Taux TVA",
    "Montant TTC",
    "N° marché",
    "Code CPV",
]
ENTITY = "Commune de Cour-Cheverny"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "achats-2025"
    create_workspace(folder, entity=ENTITY, siren="214 100 687", year=2025)
    return folder


def test_files_written_and_returned(tmp_path: Path) -> None:
    folder = tmp_path / "nouveau" / "dossier"
    written = create_workspace(folder, entity=ENTITY, year=2024)
    names = [
        "achats.yaml",
        "grand-livre-2024.xlsx",
        "registre-marches.xlsx",
        "activites.xlsx",
        "LISEZMOI.txt",
    ]
    assert written == [folder / n for n in names]
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)  # no temporary file left


def test_config_has_the_agreed_schema(workspace: Path) -> None:
    doc = yaml.safe_load((workspace / "achats.yaml").read_text(encoding="utf-8"))
    assert doc == {
        "output": "rapports",
        "default_vat_rate": 0.20,
        "max_unmapped": 5,
        "entities": [{"name": ENTITY, "siren": "214100687"}],
        "group_sirens": [],
        "years": {
            2025: {"ledgers": ["grand-livre-2025.xlsx"], "contracts": ["registre-marches.xlsx"]}
        },
        "mappings": [],
        "activities": "activites.xlsx",
        "columns": {},
        "targets": {
            "social": 0.30,
            "environmental": 1.0,
            "spaser_threshold_eur": 50000000,
            "pcaet": {"base_year": 2025, "yearly_reduction": 0.04, "target_year": 2030},
        },
    }
    text = (workspace / "achats.yaml").read_text(encoding="utf-8")
    assert text.startswith("# achats.yaml — configuration de l'empreinte carbone")
    for line in text.splitlines():  # every key line carries or follows an explanation
        assert len(line) <= 100, line


def test_config_default_year_and_odd_entity_name(tmp_path: Path) -> None:
    name = 'Syndicat "Eaux: Loir & Cher" # n°1'
    create_workspace(tmp_path, entity=name)
    year = dt.date.today().year - 1
    doc = yaml.safe_load((tmp_path / "achats.yaml").read_text(encoding="utf-8"))
    assert doc["entities"] == [{"name": name, "siren": ""}]
    assert list(doc["years"]) == [year]
    assert doc["years"][year]["ledgers"] == [f"grand-livre-{year}.xlsx"]
    assert doc["targets"]["pcaet"]["base_year"] == year
    assert (tmp_path / f"grand-livre-{year}.xlsx").exists()


def test_entity_looking_like_a_formula_stays_text(tmp_path: Path) -> None:
    create_workspace(tmp_path, entity="=HYPERLINK(1)", year=2025)
    for name in ("grand-livre-2025.xlsx", "registre-marches.xlsx"):
        cell = load_workbook(tmp_path / name)["Listes"]["A2"]
        assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")


def test_each_ledger_header_is_recognised() -> None:
    assert [c[0] for c in LEDGER_COLUMNS] == LEDGER_HEADERS
    for header in LEDGER_HEADERS:
        assert recognise([header]), header
    fields = recognise(LEDGER_HEADERS)
    assert len(fields) == len(LEDGER_HEADERS)  # each header names a different field
    match = find_header([LEDGER_HEADERS])
    assert match is not None
    assert match.ignored == []


def test_ledger_template_layout(workspace: Path) -> None:
    wb = load_workbook(workspace / "grand-livre-2025.xlsx")
    assert wb.sheetnames == ["Grand livre", "Instructions", "Comptes M57", "Listes"]
    assert wb["Listes"].sheet_state == "hidden"
    ws = wb["Grand livre"]
    assert [c.value for c in ws[1]] == LEDGER_HEADERS
    assert ws.max_row == 1
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold
    assert ws.column_dimensions["D"].number_format == "DD/MM/YYYY"
    assert ws.column_dimensions["K"].number_format == "0.0%"
    assert ws.column_dimensions["L"].number_format == "#,##0.00"
    assert ws.column_dimensions["I"].number_format == "@"  # SIRET keeps its leading zeros
    assert ws.column_dimensions["G"].width == 40
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    accounts = m57_accounts()
    assert validations["E2:E1048576"].formula1 == f"'Comptes M57'!$A$2:$A${len(accounts) + 1}"
    assert validations["K2:K1048576"].formula1 == "Listes!$B$2:$B$6"
    assert validations["B2:B1048576"].formula1 == "Listes!$A$2:$A$2"
    assert all(dv.type == "list" and dv.errorStyle == "warning" for dv in validations.values())
    lists = wb["Listes"]
    assert lists["A2"].value == ENTITY
    assert [lists.cell(row=r, column=2).value for r in range(2, 7)] == [0, 0.021, 0.055, 0.1, 0.2]
    chart = wb["Comptes M57"]
    assert chart.max_row == len(accounts) + 1
    assert [chart["A2"].value, chart["C2"].value] == [accounts[0][0], accounts[0][2]]
    texts = " ".join(str(c.value) for row in wb["Instructions"].iter_rows() for c in row)
    for words in ("HT ou TTC", "négatif", "Code CPV", "N° marché", "achats run", "exclue"):
        assert words in texts


def test_empty_ledger_template_reads_as_zero_lines(workspace: Path) -> None:
    ledger = read_ledger(workspace / "grand-livre-2025.xlsx")
    assert len(ledger.lines) == 0
    assert ledger.rows_read == 1  # the header row, counted as "above" the lines
    assert not [i for i in ledger.issues if i.severity == "error"]
    info = ledger.inputs[0]
    assert info.sheets == ["Grand livre"]
    assert dict(info.ignored_sheets)["Listes"] == "feuille masquée"
    assert len(info.columns) == len(LEDGER_HEADERS)


def _fill(path: Path, sheet: str, rows: list[list[Any]]) -> None:
    wb = load_workbook(path)
    ws = wb[sheet]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    wb.save(path)


def test_filled_ledger_template_reads_three_lines(workspace: Path) -> None:
    path = workspace / "grand-livre-2025.xlsx"
    day = dt.datetime(2025, 3, 14)
    _fill(
        path,
        "Grand livre",
        [
            [2025, ENTITY, "M-12", day, "6064", "020", "Ramettes", "Papeterie SA",
             "01234567800017", None, 0.2, 1200.0, "2025-003", "30197630-1"],
            [2025, ENTITY, "M-13", day, "21838", "020", "Ordinateurs", "Info SAS",
             "98765432100015", 5000.0, None, None, None, None],
            [2025, ENTITY, "M-14", day, "6064", "020", "Avoir ramettes", "Papeterie SA",
             "01234567800017", None, 0.2, -120.0, "2025-003", None],
        ],
    )  # fmt: skip
    lines = read_ledger(path).lines
    assert len(lines) == 3
    assert list(lines["read_status"]) == ["ok", "ok", "ok"]
    assert list(lines["account"]) == ["6064", "21838", "6064"]
    assert lines["supplier_siret"].iloc[0] == "01234567800017"
    assert lines["amount_incl_vat"].iloc[2] == -120.0
    assert lines["amount_excl_vat"].iloc[1] == 5000.0
    assert lines["vat_rate"].iloc[0] == pytest.approx(0.2)
    assert lines["contract_ref"].iloc[0] == "2025-003"
    assert list(lines["entity"]) == [ENTITY] * 3


def test_register_template_reads_considerations(workspace: Path) -> None:
    path = workspace / "registre-marches.xlsx"
    wb = load_workbook(path)
    ws = wb["Marchés"]
    assert [c.value for c in ws[1]] == [c[0] for c in REGISTER_COLUMNS]
    assert wb["Listes"].sheet_state == "hidden"
    validations = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert validations["J2:J1048576"] == f"Listes!$B$2:$B${len(PROCEDURES) + 1}"
    assert validations["K2:K1048576"] == "Listes!$C$2:$C$6"
    assert validations["L2:L1048576"] == "Listes!$D$2:$D$5"
    assert wb["Listes"]["C6"].value == "Clause sociale | Critère social"
    notified = dt.datetime(2025, 2, 1)
    _fill(
        path,
        "Marchés",
        [
            ["2025-003", ENTITY, "21410068700019", "Fournitures de bureau", "30197630-1",
             40000.0, notified, 36, None, "Procédure adaptée", "Clause sociale | Critère social",
             "Pas de considération environnementale", 350, 120, "Papeterie SA",
             "01234567800017"],
            ["2025-004", ENTITY, "21410068700019", "Nettoyage des locaux", "90910000-9",
             90000.0, notified, 48, None, "Appel d'offres ouvert", "Marché réservé",
             "Clause environnementale | Critère environnemental", None, None, "ESAT du Loir",
             "11122233300014"],
        ],
    )  # fmt: skip
    contracts = read_contracts([path])
    frame = contracts.frame
    assert list(frame["contract_ref"]) == ["2025-003", "2025-004"]
    assert list(frame["social"]) == ["Clause sociale|Critère social", "Marché réservé"]
    assert list(frame["environmental"]) == ["", "Clause environnementale|Critère environnemental"]
    assert list(frame["has_environmental"]) == [False, True]
    assert frame["insertion_hours_planned"].iloc[0] == 350
    assert frame["end_date"].iloc[0] == dt.datetime(2028, 2, 1)
    assert not [i for i in contracts.issues if i.code == "contract-consideration-unknown"]


def test_existing_file_refused_and_nothing_written(tmp_path: Path) -> None:
    (tmp_path / "LISEZMOI.txt").write_text("mes notes", encoding="utf-8")
    (tmp_path / "grand-livre-2025.xlsx").write_bytes(b"ancien")
    with pytest.raises(ConfigError) as info:
        create_workspace(tmp_path, entity=ENTITY, year=2025)
    assert info.value.code == "workspace-exists"
    text = str(info.value)
    assert "LISEZMOI.txt" in text
    assert "grand-livre-2025.xlsx" in text
    assert "autre dossier" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["LISEZMOI.txt", "grand-livre-2025.xlsx"]
    assert (tmp_path / "LISEZMOI.txt").read_text(encoding="utf-8") == "mes notes"


@pytest.mark.parametrize("siren", ["12345678", "1234567890", "12345678A", "214100687000"])
def test_bad_siren_refused(tmp_path: Path, siren: str) -> None:
    with pytest.raises(ConfigError) as info:
        create_workspace(tmp_path / "w", entity=ENTITY, siren=siren)
    assert info.value.code == "workspace-bad-siren"
    assert not (tmp_path / "w").exists()


def test_bad_year_and_entity_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="exercice"):
        create_workspace(tmp_path, entity=ENTITY, year=25)
    with pytest.raises(ConfigError, match="entité"):
        create_workspace(tmp_path, entity="  ")
    assert list(tmp_path.iterdir()) == []


def test_messages_have_french_and_english() -> None:
    for code in ("workspace-exists", "workspace-bad-siren", "nomenclature-unreadable"):
        assert messages.render(code, "fr", files="x", value="x", detail="x") != code
        assert messages.render(code, "en", files="x", value="x", detail="x") != code


def test_readme_says_how_to_run(workspace: Path) -> None:
    text = (workspace / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert "achats run --config achats.yaml" in text
    assert "achats compare --config achats.yaml" in text
    assert "rapports/" in text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) absent")
def test_libreoffice_opens_the_templates(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    profile = (tmp_path / "lo-profile").as_uri()
    for name in ("grand-livre-2025.xlsx", "registre-marches.xlsx"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
             "csv:Text - txt - csv (StarCalc):59,34,76", "--outdir", str(out),
             str(workspace / name)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    ledger = (out / "grand-livre-2025.csv").read_text(encoding="utf-8")
    assert ledger.splitlines()[0].split(";") == LEDGER_HEADERS
    register = (out / "registre-marches.csv").read_text(encoding="utf-8")
    assert register.splitlines()[0].startswith("N° marché;Entité;SIRET acheteur")


# --- the M57 account list -------------------------------------------------------------------


def test_shipped_account_list() -> None:
    path = factors_dir() / "nomenclatures" / "m57-2025-comptes-classes-2-6.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["code", "libelle", "classe"]
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)) > 900
    assert {r["classe"] for r in rows} == {"2", "6"}
    assert all(r["code"].startswith(r["classe"]) and r["libelle"] for r in rows)
    assert {"6064", "21838", "611"} <= set(codes)
    assert "606" not in codes  # a parent account, not a leaf
    assert (path.parent / "README.md").exists()
    assert m57_accounts()[0] == (rows[0]["code"], rows[0]["libelle"], rows[0]["classe"])


def _shared_reference() -> Path | None:
    env = os.environ.get("ACHATS_SHARED_DIR")
    candidates = [Path(env), Path(env) / "reference"] if env else []
    candidates.append(Path(__file__).resolve().parents[2] / "shared" / "reference")
    for c in candidates:
        if (c / "m57_plan_de_comptes_2025_nature.csv").exists():
            return c
    return None


def test_account_list_matches_the_script_output() -> None:
    shared = _shared_reference()
    if shared is None:
        skip_without_shared()
    spec = importlib.util.spec_from_file_location(
        "build_nomenclature", REPO / "scripts" / "build_nomenclature.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = REPO / "factors" / "nomenclatures" / "m57-2025-comptes-classes-2-6.csv"
    assert shipped.read_text(encoding="utf-8") == module.build(shared)


def test_activity_template_lists_the_physical_factors_and_units(workspace: Path) -> None:
    import openpyxl

    # every shipped factor set but the monetary ratios holds physical factors
    factor_doc = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((REPO / "factors").glob("*.yaml"))
        if p.name != "ademe-base-carbone-v23.6.yaml"
    ]
    physical = sorted(f["id"] for d in factor_doc for f in d["factors"])
    wb = openpyxl.load_workbook(workspace / "activites.xlsx")
    assert wb.sheetnames == ["Données d'activité", "Instructions", "Facteurs", "Listes"]
    ws = wb["Données d'activité"]
    assert [c.value for c in ws[1]][:6] == [
        "Exercice",
        "Entité",
        "Facteur",
        "Quantité",
        "Unité",
        "Source",
    ]
    listed = [r[0].value for r in wb["Facteurs"].iter_rows(min_row=2)]
    assert listed == physical
    formulas = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert formulas["C2:C1048576"] == f"Facteurs!$A$2:$A${len(physical) + 1}"
    units = [r[1].value for r in wb["Listes"].iter_rows(min_row=2) if r[1].value]
    assert {"t", "kg", "kWh", "MWh", "L", "m3", "repas", "u"} <= set(units)
    text = " ".join(str(c.value) for row in wb["Instructions"].iter_rows() for c in row if c.value)
    for topic in ("Déchets", "RPQS", "Restauration", "délégataire", "Énergie", "cartes carburant"):
        assert topic in text


def test_filled_activity_template_is_counted(workspace: Path) -> None:
    import openpyxl

    from achats_durables.operations.pipeline import load_setup, run_footprint

    wb = openpyxl.load_workbook(workspace / "activites.xlsx")
    wb["Données d'activité"].append(
        [2025, ENTITY, "dechets-omr-incineration", 1200, "t", "RPQS 2025", None, "611"]
    )
    wb.save(workspace / "activites.xlsx")
    wb = openpyxl.load_workbook(workspace / "grand-livre-2025.xlsx")
    wb.worksheets[0].append(
        [
            2025,
            ENTITY,
            "1",
            "15/03/2025",
            "611",
            None,
            "Collecte OM",
            "Collectes SA",
            None,
            None,
            0.1,
            110000,
        ]
    )
    wb.save(workspace / "grand-livre-2025.xlsx")
    setup = load_setup(workspace / "achats.yaml")
    report = run_footprint([workspace / "grand-livre-2025.xlsx"], setup)
    omr = next(
        f["value"]
        for d in (REPO / "factors").glob("*dechets*.yaml")
        for f in yaml.safe_load(d.read_text(encoding="utf-8"))["factors"]
        if f["id"] == "dechets-omr-incineration"
    )
    assert report.totals.emissions_tco2e == pytest.approx(1200 * omr / 1000)
    assert report.reconciliation.rows_replaced == 1
