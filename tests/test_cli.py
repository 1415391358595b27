from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.operations.pipeline import load_setup, run_footprint

from .conftest import REPO, LedgerFactory

runner = CliRunner()
HEADER = ["Exercice", "Nature", "Libellé", "Fournisseur", "Montant HT"]
ROWS = [
    [2025, "6064", "Ramettes papier", "Papeterie", 1000],
    [2025, "611", "Prestation", "X", 500],
    [2025, "6411", "Salaires", "", 9000],
    [2025, "9999", "Inconnu", "Y", 400],
]


def invoke(*args: str) -> object:
    return runner.invoke(cli.app, list(args))


def flat(text: str) -> str:
    """Terminal output without box drawing and line wrapping."""
    return " ".join(re.sub(r"[│╭╮╰╯─┃┏┓┗┛━┡┩└┘┌┐╇╈╋┼┬┴├┤]", " ", text).split())


def test_exit_0_table(make_ledger: LedgerFactory) -> None:
    result = invoke("footprint", str(make_ledger(ROWS, header=HEADER)))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    out = result.stdout  # type: ignore[attr-defined]
    assert "Empreinte carbone des achats" in out
    assert "Rapprochement avec le grand livre" in out


def test_json_equals_library_report(make_ledger: LedgerFactory) -> None:
    path = make_ledger(ROWS, header=HEADER)
    result = invoke("footprint", str(path), "--format", "json")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    expected = run_footprint([path], load_setup()).to_dict()
    assert data == json.loads(json.dumps(expected))
    assert data["schema"] == "achats.footprint/1"
    assert set(data["totals"]) == {
        "emissions_tco2e",
        "uncertainty_tco2e",
        "spend_excl_vat_eur",
        "intensity_kgco2e_per_keur",
        "uncertainty_correlated_tco2e",
        "partial",
        "years",
    }
    assert set(data["reconciliation"]) == {
        "rows_read",
        "rows_mapped",
        "rows_unmapped",
        "rows_excluded",
        "rows_rejected",
        "rows_skipped",
        "spend_read_eur",
        "spend_mapped_eur",
        "spend_unmapped_eur",
        "spend_excluded_eur",
        "rows_unquantified",
        "spend_unquantified_eur",
        "rows_replaced",
        "spend_replaced_eur",
        "rows_activity",
    }
    for table in ("by_beges_post", "by_factor", "by_entity", "by_account", "by_supplier"):
        assert data[table]
        assert set(data[table][0]) == {
            "key",
            "label",
            "spend_excl_vat_eur",
            "emissions_tco2e",
            "uncertainty_tco2e",
        }
    assert set(data["inputs"][0]) == {"path", "sha256", "rows_read"}


def test_json_to_file_is_identical_on_rerun(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    path = make_ledger(ROWS, header=HEADER)
    out = tmp_path / "r.json"
    assert invoke("footprint", str(path), "-o", str(out)).exit_code == 0  # type: ignore[attr-defined]
    first = out.read_bytes()
    assert invoke("footprint", str(path), "-o", str(out)).exit_code == 0  # type: ignore[attr-defined]
    assert out.read_bytes() == first
    assert not list(tmp_path.glob(".*.tmp"))


def test_exit_1_when_unmapped_share_exceeds_threshold(make_ledger: LedgerFactory) -> None:
    result = invoke("footprint", str(make_ledger(ROWS, header=HEADER)), "--max-unmapped", "1")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "Seuil dépassé" in result.stderr  # type: ignore[attr-defined]
    assert "supérieure au seuil --max-unmapped 1.0 %" in flat(result.stderr)  # type: ignore[attr-defined]
    ok = invoke("footprint", str(make_ledger(ROWS, header=HEADER)), "--max-unmapped", "0.5")
    assert ok.exit_code == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["footprint"], "argument manquant : GRAND-LIVRE."),
        (["footprint", "x.xlsx", "--nope"], "option inconnue : --nope."),
        (
            ["footprint", "x.xlsx", "--yaer", "2025"],
            "option inconnue : --yaer. Vouliez-vous dire --year ?",
        ),
        (
            ["footprint", "x.xlsx", "--year", "abc"],
            "valeur invalide pour --year : « abc » n'est pas un nombre entier.",
        ),
        (
            ["footprint", "x.xlsx", "--year", "1800"],
            "valeur invalide pour --year : « 1800 » est trop petit : 1990 au minimum.",
        ),
        (
            ["clauses", "r.xlsx", "--year", "2200"],
            "valeur invalide pour --year : « 2200 » est trop grand : 2100 au maximum.",
        ),
        (
            ["footprint", "x.xlsx", "--monte-carlo", "beaucoup"],
            "valeur invalide pour --monte-carlo : « beaucoup » n'est pas un nombre entier.",
        ),
        (["footprint", "x.xlsx", "--year"], "l'option --year attend une valeur."),
        (["footprint", "x.xlsx", "--strict=oui"], "l'option --strict ne prend pas de valeur."),
        (
            ["footprint", "x.xlsx", "--lang", "de"],
            "valeur invalide pour --lang : « de » : choisissez fr ou en.",
        ),
        (
            ["footprint", "x.xlsx", "--format", "docx"],
            "valeur invalide pour --format : « docx » : choisissez table, xlsx, csv, json, html "
            "ou pdf.",
        ),
        (
            ["footprint", "x.xlsx", "--format", "pdf"],
            "valeur invalide pour --format : le format pdf demande un fichier : "
            "ajoutez -o rapport.pdf.",
        ),
        (
            ["agec", "--format", "docx"],
            "valeur invalide pour --format : « docx » : choisissez table, xlsx, csv, json, html "
            "ou pdf.",
        ),
        (
            ["compare", "--format", "pdf"],
            "valeur invalide pour --format : le format pdf demande un fichier : "
            "ajoutez -o rapport.pdf.",
        ),
        (
            ["footprint", "x.xlsx", "--format", "xlsx"],
            "valeur invalide pour --format : le format xlsx demande un fichier : "
            "ajoutez -o rapport.xlsx.",
        ),
        (
            ["validate", "x.xlsx", "--format", "xlsx"],
            "valeur invalide pour --format : achats validate n'écrit pas de rapport xlsx : "
            "choisissez table ou json.",
        ),
        (
            ["explain", "x.xlsx", "--row", "2", "--format", "csv"],
            "valeur invalide pour --format : achats explain n'écrit pas de rapport csv : "
            "choisissez table ou json.",
        ),
        (
            ["explain", "x.xlsx", "--row", "2", "--format", "pdf"],
            "valeur invalide pour --format : achats explain n'écrit pas de rapport pdf : "
            "choisissez table ou json.",
        ),
        (["explain", "x.xlsx"], "option obligatoire manquante : --row."),
        (
            ["clauses", "r.xlsx", "--since", "2025-13-01"],
            "valeur invalide pour --since : « 2025-13-01 » : indiquez une date JJ/MM/AAAA ou "
            "AAAA-MM-JJ.",
        ),
        (
            ["compare"],
            "valeur invalide pour RAPPORT : donnez des rapports empreinte.json ou "
            "--config achats.yaml.",
        ),
        (["init"], "argument manquant : DOSSIER."),
        (["nosuch"], "commande inconnue : nosuch."),
        (["footprnt", "x.xlsx"], "commande inconnue : footprnt. Vouliez-vous dire footprint ?"),
    ],
)
def test_exit_2_usage(args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    err = flat(result.stderr)  # type: ignore[attr-defined]
    assert f"Erreur d'utilisation {message}" in err
    assert "Essayez « achats" in err
    assert "Traceback" not in result.output  # type: ignore[attr-defined]


def test_usage_error_shows_the_french_usage_line() -> None:
    result = invoke("footprint", "x.xlsx", "--year", "abc")
    assert result.stderr.splitlines()[:2] == [  # type: ignore[attr-defined]
        "Utilisation : achats footprint [OPTIONS] GRAND-LIVRE…",
        "Essayez « achats footprint -h » pour l'aide.",
    ]


@pytest.mark.parametrize(
    ("args", "env", "usage", "message"),
    [
        (
            ["footprint", "x.xlsx", "--year", "abc", "--lang", "en"],
            {},
            "Usage: achats footprint [OPTIONS] LEDGER…",
            "Usage error invalid value for --year: 'abc' is not a whole number.",
        ),
        (
            ["footprint", "--lang=en"],
            {},
            "Usage: achats footprint [OPTIONS] LEDGER…",
            "Usage error missing argument: LEDGER.",
        ),
        (
            ["validate", "x.xlsx", "--format", "csv"],
            {"ACHATS_LANG": "en"},
            "Usage: achats validate [OPTIONS] LEDGER…",
            "Usage error invalid value for --format: achats validate does not write csv "
            "reports: choose table or json.",
        ),
        (
            ["nosuch", "--lang", "en"],
            {},
            "Usage: achats [OPTIONS] COMMAND [ARGS]…",
            "Usage error no such command: nosuch.",
        ),
    ],
)
def test_exit_2_usage_in_english(
    args: list[str], env: dict[str, str], usage: str, message: str
) -> None:
    result = runner.invoke(cli.app, args, env=env)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stderr.splitlines()[0] == usage  # type: ignore[attr-defined]
    assert message in flat(result.stderr)  # type: ignore[attr-defined]


def test_lang_from_the_environment_must_be_fr_or_en() -> None:
    result = runner.invoke(cli.app, ["factors", "list"], env={"ACHATS_LANG": "de"})
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "valeur invalide pour --lang : « de » : choisissez fr ou en." in flat(result.stderr)  # type: ignore[attr-defined]
    upper = runner.invoke(cli.app, ["factors", "show", "naf-C71", "--lang", "EN"])
    assert upper.exit_code == 3  # type: ignore[attr-defined]
    assert upper.stderr.startswith("Error: factor 'naf-C71' not found.")  # type: ignore[attr-defined]


def test_exit_3_input_error_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    result = invoke("footprint", str(tmp_path / "absent.xlsx"), "-o", str(out))
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert result.stderr.startswith("Erreur : absent.xlsx : fichier introuvable.")  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    assert not out.exists()


def test_exit_3_in_english(tmp_path: Path) -> None:
    result = invoke("footprint", str(tmp_path / "absent.xlsx"), "--lang", "en")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert result.stderr.startswith("Error: absent.xlsx: file not found.")  # type: ignore[attr-defined]


def test_cli_lines_on_stderr_follow_the_language(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    path = str(make_ledger(ROWS, header=HEADER))
    out = tmp_path / "r.json"
    french = invoke("footprint", path, "-o", str(out), "--max-unmapped", "1")
    assert french.exit_code == 1  # type: ignore[attr-defined]
    assert flat(french.stderr).startswith(f"Rapport écrit : {out} — ")  # type: ignore[attr-defined]
    assert "Seuil dépassé : part non comptée" in flat(french.stderr)  # type: ignore[attr-defined]
    english = invoke("footprint", path, "-o", str(out), "--max-unmapped", "1", "--lang", "en")
    assert english.exit_code == 1  # type: ignore[attr-defined]
    assert flat(english.stderr).startswith(f"Report written: {out} — ")  # type: ignore[attr-defined]
    assert "Threshold exceeded: uncounted share" in flat(english.stderr)  # type: ignore[attr-defined]
    rows = [*ROWS[:2], [2025, "6064", "Illisible", "X", "douze"]]
    strict = invoke("footprint", str(make_ledger(rows, header=HEADER)), "--strict", "--lang", "en")
    assert strict.exit_code == 1  # type: ignore[attr-defined]
    assert "--strict: 1 warning(s), for example:" in flat(strict.stderr)  # type: ignore[attr-defined]


def test_exit_3_refuses_to_overwrite_input(make_ledger: LedgerFactory) -> None:
    path = make_ledger(ROWS, header=HEADER, fmt="csv", name="ledger.csv")
    before = path.read_bytes()
    result = invoke("footprint", str(path), "-o", str(path))
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert "écraserait un fichier d'entrée" in flat(result.stderr)  # type: ignore[attr-defined]
    assert path.read_bytes() == before


def test_exit_4_internal_error(make_ledger: LedgerFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("achats_durables.operations.pipeline.compute_footprint", boom)
    path = str(make_ledger(ROWS, header=HEADER))
    result = invoke("footprint", path)
    assert result.exit_code == 4  # type: ignore[attr-defined]
    assert "erreur interne (ZeroDivisionError). Relancez avec --debug" in flat(result.stderr)  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    debug = invoke("footprint", path, "--debug")
    assert debug.exit_code == 4  # type: ignore[attr-defined]
    assert "Traceback" in debug.stderr  # type: ignore[attr-defined]


def test_validate_shows_columns_and_rows(make_ledger: LedgerFactory) -> None:
    rows = [*ROWS, [2025, "6064", "Illisible", "X", "douze"], ["Total", None, None, None, 10900]]
    result = invoke("validate", str(make_ledger(rows, header=HEADER)))
    assert result.exit_code == 0  # type: ignore[attr-defined]
    out = flat(result.stdout)  # type: ignore[attr-defined]
    assert "colonne « Montant HT » → montant HT" in out
    assert "colonne « Nature » → compte (nature)" in out
    assert "montant illisible « douze »" in out
    assert "ligne de total" in out
    assert "tCO2e" not in out


def test_explain_shows_rule_factor_and_arithmetic(make_ledger: LedgerFactory) -> None:
    path = make_ledger(ROWS, header=HEADER)
    result = invoke("explain", str(path), "--row", "2")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    out = flat(result.stdout)  # type: ignore[attr-defined]
    assert "Règle retenue" in out
    assert "naf-C17" in out
    assert "IPC INSEE" in out
    assert "Émissions =" in out
    data = json.loads(invoke("explain", str(path), "--row", "2", "--format", "json").stdout)  # type: ignore[attr-defined]
    assert data["factor"]["id"] == "naf-C17"
    assert data["factor"]["euro_year"] == 2023
    missing = invoke("explain", str(path), "--row", "99")
    assert missing.exit_code == 3  # type: ignore[attr-defined]
    assert "la ligne 99 n'est pas une ligne du fichier lu (lignes de données : 2 à 5)" in flat(
        missing.stderr
    )  # type: ignore[attr-defined]


def test_factors_commands() -> None:
    listed = invoke("factors", "list")
    assert listed.exit_code == 0  # type: ignore[attr-defined]
    assert "naf-C17" in listed.stdout  # type: ignore[attr-defined]
    shown = invoke("factors", "show", "naf-C17")
    assert shown.exit_code == 0  # type: ignore[attr-defined]
    assert "43370" in shown.stdout  # type: ignore[attr-defined]
    unknown = invoke("factors", "show", "naf-C71")
    assert unknown.exit_code == 3  # type: ignore[attr-defined]
    assert "facteur « naf-C71 » introuvable. Facteurs proches :" in flat(unknown.stderr)  # type: ignore[attr-defined]
    checked = invoke("factors", "check")
    assert checked.exit_code == 0  # type: ignore[attr-defined]
    rules = invoke("factors", "rules", "--propositions")
    assert rules.exit_code == 0  # type: ignore[attr-defined]
    assert "valider" in rules.stdout  # type: ignore[attr-defined]


def test_factors_check_reports_broken_rule_file(tmp_path: Path) -> None:
    bad = tmp_path / "local.yaml"
    bad.write_text(
        "rules:\n  - {id: x, when: {account: '6064'}, factor: naf-ZZZ}\n", encoding="utf-8"
    )
    result = invoke("factors", "check", "--mapping", str(bad))
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert "la règle « x » renvoie au facteur « naf-ZZZ »" in flat(result.stderr)  # type: ignore[attr-defined]


COMMANDS = [
    ["footprint"],
    ["validate"],
    ["explain"],
    ["factors"],
    ["factors", "list"],
    ["factors", "show"],
    ["factors", "check"],
    ["factors", "rules"],
    ["clauses"],
    ["init"],
    ["run"],
    ["compare"],
    [],
]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_french(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    out = flat(result.stdout)  # type: ignore[attr-defined]
    assert "Afficher cette aide et quitter." in out
    assert "Show this message" not in out
    if command and command != ["factors"]:
        assert "Exemple" in out


def test_python_dash_m_entry_point() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "achats_durables", "--version"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("achats ")


def test_exit_3_hostile_archive_refused_quickly(tmp_path: Path, make_ledger: LedgerFactory) -> None:
    import time
    import zipfile

    good = make_ledger(ROWS, header=HEADER)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + data
            dst.writestr(item.filename, data)
    start = time.perf_counter()
    result = invoke("footprint", str(bomb), "-o", str(tmp_path / "r.json"))
    assert time.perf_counter() - start < 5
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert "refusé par mesure de sécurité" in flat(result.stderr)  # type: ignore[attr-defined]
    assert not (tmp_path / "r.json").exists()


def test_exit_1_with_strict_when_lines_are_rejected(make_ledger: LedgerFactory) -> None:
    clean = invoke("footprint", str(make_ledger(ROWS[:2], header=HEADER)), "--strict")
    assert clean.exit_code == 0  # type: ignore[attr-defined]
    rows = [*ROWS[:2], [2025, "6064", "Illisible", "X", "douze"]]
    result = invoke("footprint", str(make_ledger(rows, header=HEADER)), "--strict")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "--strict : 1 alerte(s)" in flat(result.stderr)  # type: ignore[attr-defined]
    assert "Empreinte carbone des achats" in result.stdout  # type: ignore[attr-defined]
