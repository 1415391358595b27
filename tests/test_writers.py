from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from achats_durables.core.errors import OutputError
from achats_durables.footprint.report import FootprintReport
from achats_durables.operations.pipeline import load_setup, run_footprint
from achats_durables.writers import csv as csv_writer
from achats_durables.writers import guard_inputs, write_atomic
from achats_durables.writers.csv import lines_path, write_csv
from achats_durables.writers.xlsx import write_xlsx

from .conftest import LedgerFactory

HEADER = ["Exercice", "Nature", "Libellé", "Fournisseur", "Montant HT"]
ROWS = [
    [2025, "6064", '=HYPERLINK("http://x")', "+33 Papeterie", 1000],
    [2025, "21838", "Portables", "@Info", 2500.5],
    [2025, "6411", "Salaires", "-", 9000],
    [2025, "9999", "Inconnu", "Y", 400],
    [2025, "6064", "Illisible", "Y", "abc"],
]


@pytest.fixture
def report(make_ledger: LedgerFactory) -> FootprintReport:
    return run_footprint([make_ledger(ROWS, header=HEADER)], load_setup())


def test_xlsx_sheets_charts_and_text_cells(report: FootprintReport, tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    write_xlsx(report, out)
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Synthèse",
        "Par poste BEGES",
        "Par catégorie",
        "Par entité",
        "Par compte",
        "Par fournisseur",
        "Par exercice",
        "Par méthode",
        "Tableau BEGES",
        "Lignes",
        "Non affectées",
        "À quantifier",
        "Exclues",
        "Rejetées et ignorées",
        "Alertes",
        "Demande de données",
        "Méthode",
    ]
    names = zipfile.ZipFile(out).namelist()
    assert sum(1 for n in names if n.startswith("xl/charts/chart")) == 3
    lines = wb["Lignes"]
    assert str(lines["A1"].value).startswith("Feuille de détail, pour filtrer et trier")
    header = [c.value for c in lines[2]]
    label_col = header.index("Libellé") + 1
    supplier_col = header.index("Fournisseur") + 1
    cell = lines.cell(row=3, column=label_col)
    assert cell.value == '=HYPERLINK("http://x")'
    assert cell.data_type == "s"
    assert lines.cell(row=3, column=supplier_col).data_type == "s"
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet7.xml")
    assert b"<f>" not in xml  # no formula anywhere in the lines sheet
    method = [row[0].value for row in wb["Méthode"].iter_rows()]
    assert "Jeu de facteurs" in method
    factors_row = next(
        r
        for r in wb["Méthode"].iter_rows()
        if r[0].value == "ademe-base-carbone-v23.6-ratios-monetaires"
    )
    assert len(str(factors_row[2].value)) == 64  # sha256


def test_xlsx_detail_sheets_share_their_rows(report: FootprintReport, tmp_path: Path) -> None:
    """Five lines, one excluded, one unmapped, one rejected: with six rows for all the detail
    sheets, each short list is whole and « Lignes » keeps the three rows left, with a note."""
    out = tmp_path / "r.xlsx"
    write_xlsx(report, out, max_lines=6)
    wb = load_workbook(out)
    lines = wb["Lignes"]
    assert "5 toutes les lignes lues : seules les 3 premières sont ici" in str(lines["A1"].value)
    assert "se partagent 6 lignes" in str(lines["A1"].value)
    assert lines.max_row == 2 + 3  # the note, the header, three lines
    for title in ("Non affectées", "Exclues", "Rejetées et ignorées"):
        ws = wb[title]
        assert ws.max_row == 2 + 1
        assert "se partagent" not in str(ws["A1"].value)
    # a line on two sheets has the same cells on both (rendered once)
    excluded = [c.value for c in wb["Exclues"][3]]
    assert excluded in [[c.value for c in row] for row in lines.iter_rows(min_row=3)]


def test_csv_for_french_excel(report: FootprintReport, tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    written = write_csv(report, out)
    assert written == [out, lines_path(out)]
    summary = out.read_bytes()
    assert summary.startswith(b"\xef\xbb\xbf")
    text = summary.decode("utf-8-sig")
    assert text.splitlines()[0] == (
        "Tableau;Clé;Libellé;Dépense HT (€);Émissions (tCO2e);Incertitude ± (tCO2e, 95 %)"
    )
    assert ";3500,5;" in text or ";1000,0;" in text
    detail = lines_path(out).read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in detail
    assert "'+33 Papeterie" in detail
    assert len(detail.splitlines()) == 1 + 5


def test_guard_refuses_inputs(tmp_path: Path) -> None:
    ledger = tmp_path / "in.csv"
    ledger.write_text("x")
    with pytest.raises(OutputError):
        guard_inputs([tmp_path / "." / "in.csv"], [ledger])


def test_atomic_write_keeps_previous_file_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("previous")

    def fail(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError) as info:
        write_atomic(out, fail)
    assert "No space left on device" in str(info.value)
    assert out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_xlsx_summary_lists_the_vat_conversions(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    rows = [[2025, "6064", "Ramettes", "A", None, 1200.0, 20]]
    report = run_footprint(
        [make_ledger(rows, header=[*HEADER[:4], "Montant HT", "Montant TTC", "Taux TVA"])],
        load_setup(),
    )
    out = tmp_path / "r.xlsx"
    write_xlsx(report, out)
    cells = [[c.value for c in row] for row in load_workbook(out)["Synthèse"].iter_rows()]
    row = next(r for r in cells if r[0] == "TTC ÷ (1 + taux de la ligne)")
    assert row[1:5] == [0.2, 1, 1200.0, 1000.0]


CONTROL_NAMES = ["Papeterie\x07 du Centre", "Fournisseur\x1b[31m rouge", "Saut\x0b vertical\x0c"]


def test_control_characters_never_break_the_xlsx_writers(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from achats_durables import cli

    from .conftest import write_csv as write_csv_fixture

    ledger = write_csv_fixture(
        tmp_path / "gl.csv",
        [
            ["Exercice", "Nature", "Libellé", "Fournisseur", "Montant HT", "N° marché"],
            *[[2025, "6064", f"Papier {n}", n, 100, "M-1"] for n in CONTROL_NAMES],
        ],
    )
    register = write_csv_fixture(
        tmp_path / "marches.csv",
        [
            ["N° marché", "Objet", "Montant HT", "Considérations environnementales"],
            ["M-1", "Papier\x01 recyclé\x1f", 1000, "Clause\x02 environnementale"],
        ],
    )
    runner = CliRunner()
    out = tmp_path / "empreinte.xlsx"
    result = runner.invoke(cli.app, ["footprint", str(ledger), "-o", str(out)])
    assert result.exit_code == 0, result.output
    values = {c.value for row in load_workbook(out)["Lignes"].iter_rows() for c in row}
    assert {"Papeterie du Centre", "Fournisseur[31m rouge", "Saut vertical"} <= values
    clauses = tmp_path / "clauses.xlsx"
    result = runner.invoke(
        cli.app, ["clauses", str(register), "--ledger", str(ledger), "-o", str(clauses)]
    )
    assert result.exit_code == 0, result.output
    texts = {c.value for ws in load_workbook(clauses) for row in ws.iter_rows() for c in row}
    assert "Papier recyclé" in texts


def _full_disk() -> None:  # pragma: no cover - runs in the child process
    """A file size limit stands for a full disk: writes beyond 64 KB fail with EFBIG."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))


@pytest.mark.parametrize("command", ["footprint", "clauses"])
def test_full_disk_while_writing_xlsx_prints_no_traceback(tmp_path: Path, command: str) -> None:
    import subprocess
    import sys

    from .conftest import write_csv as write_csv_fixture

    rows: list[list[object]] = [["Exercice", "N° marché", "Nature", "Objet", "Montant HT"]]
    rows += [[2025, f"M-{i}", "6064", f"Ramettes de papier lot {i}", 10 + i] for i in range(3000)]
    source = write_csv_fixture(tmp_path / "source.csv", rows)
    out = tmp_path / "rapport.xlsx"
    out.write_bytes(b"previous report")
    result = subprocess.run(
        [sys.executable, "-m", "achats_durables", command, str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_full_disk,
        check=False,
    )
    assert result.returncode == 3, result.stderr
    assert "rapport.xlsx : impossible d'écrire le rapport" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr
    assert out.read_bytes() == b"previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.xlsx", "source.csv"]


def test_temporary_files_live_beside_the_report_and_stale_ones_are_removed(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    from .conftest import write_csv as write_csv_fixture

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead = int(gone.stdout)  # a process that has exited: its files are stale
    out_dir = tmp_path / "rapports"
    out_dir.mkdir()
    (out_dir / f".empreinte.xlsx.{dead}.k2j3.tmp").write_bytes(b"half a report")
    scratch = out_dir / f".achats-tmp-{dead}-x1y2"
    scratch.mkdir()
    (scratch / "openpyxl.abcd").write_bytes(b"half a sheet")
    source = write_csv_fixture(
        tmp_path / "gl.csv",
        [["Exercice", "Nature", "Libellé", "Montant HT"], [2025, "6064", "Ramettes", 100]],
    )
    private_tmp = tmp_path / "tmpdir"
    private_tmp.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "achats_durables",
            "footprint",
            str(source),
            "-o",
            str(out_dir / "empreinte.xlsx"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(private_tmp)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out_dir.iterdir()) == ["empreinte.xlsx"]
    assert list(private_tmp.iterdir()) == []  # no openpyxl.* file in $TMPDIR


def test_doctype_beyond_the_first_8_kib_is_refused(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from achats_durables import cli

    from .conftest import write_xlsx as write_xlsx_fixture

    path = write_xlsx_fixture(
        tmp_path / "gl.xlsx",
        [["Exercice", "Nature", "Libellé", "Montant HT"], [2025, "6064", "Ramettes", 100]],
    )
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                padding = b"<!-- " + b"x" * 20_000 + b" -->"
                data = padding + b'<!DOCTYPE w [<!ENTITY a "b">]>' + data
            zout.writestr(info, data)
    result = CliRunner().invoke(cli.app, ["validate", str(hostile)])
    assert result.exit_code == 3, result.output
    assert "hostile.xlsx : fichier refusé par mesure de sécurité" in " ".join(result.stderr.split())
    assert "déclare une DTD ou des entités XML" in " ".join(result.stderr.split())


def test_line_csv_is_streamed_in_chunks_with_one_header(
    report: FootprintReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = tmp_path / "whole.csv"
    write_csv(report, whole)
    monkeypatch.setattr(csv_writer, "CHUNK_LINES", 2)  # 5 lines: chunks of 2, 2 and 1
    chunked = tmp_path / "chunked.csv"
    write_csv(report, chunked)
    data = lines_path(chunked).read_bytes()
    assert data == lines_path(whole).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\xef\xbb\xbf") == 1
    rows = data.decode("utf-8-sig").split("\r\n")
    assert rows[0].startswith('"Fichier";"Feuille";')
    assert sum(r == rows[0] for r in rows) == 1
    assert len(rows) == 1 + 5 + 1  # the header, five lines, the empty end after the last CRLF
