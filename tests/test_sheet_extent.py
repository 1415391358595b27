"""The real extent of an xlsx sheet is checked before the spreadsheet reader allocates its grid."""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from achats_durables.core.errors import LedgerError
from achats_durables.ledger.read import read_ledger
from achats_durables.ledger.sheet_extent import (
    MAX_GRID_CELLS,
    column_letters,
    column_number,
    oversized_sheets,
)

HEADER = ["Exercice", "Nature", "Libellé", "Montant HT"]


def ledger_with_far_cells(path: Path, *refs: str) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Mandats"
    ws.append(HEADER)
    ws.append([2025, "6064", "Ramettes de papier", 120.5])
    for ref in refs:
        ws[ref] = "x"
    wb.save(path)
    return path


def rewrite_sheet(path: Path, old: bytes, new: bytes) -> Path:
    """Copy of ``path`` with one replacement in its first worksheet part."""
    out = path.with_name(f"edited-{path.name}")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert old in data
                data = data.replace(old, new)
            zout.writestr(info, data)
    return out


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    limit = 1536 * 1024**2
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_validate(path: Path) -> subprocess.CompletedProcess[str]:
    """``achats validate`` in a child process with 1.5 GB of address space and 60 s."""
    return subprocess.run(
        [sys.executable, "-m", "achats_durables", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
        check=False,
    )


@pytest.mark.parametrize("refs", [("XFD1048576",), ("XFD1048576", "A1048576")])
def test_far_corner_cell_is_refused_without_crash(tmp_path: Path, refs: tuple[str, ...]) -> None:
    path = ledger_with_far_cells(tmp_path / "gl.xlsx", *refs)
    result = run_validate(path)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert "feuille « Mandats » : feuille trop grande" in " ".join(result.stderr.split())
    assert "cellule XFD1048576" in " ".join(result.stderr.split())


def test_stray_cell_far_below_is_refused_quickly(tmp_path: Path) -> None:
    path = ledger_with_far_cells(tmp_path / "gl.xlsx", "A1048576")
    result = run_validate(path)
    assert result.returncode == 3, result.stderr
    text = " ".join(result.stderr.split())
    assert (
        "feuille « Mandats » : feuille presque vide mais étendue jusqu'à la cellule D1048576"
        in (text)
    )
    assert "Ctrl+Fin" in text


def test_cells_without_reference_are_placed_like_the_reader(tmp_path: Path) -> None:
    # Cells and rows may omit their r attribute: each follows the previous one.
    path = ledger_with_far_cells(tmp_path / "gl.xlsx")
    far = rewrite_sheet(
        path,
        b"</sheetData>",
        b'<row r="900000"><c t="n"><v>1</v></c></row><row><c r="C5" t="n"><v>2</v></c></row>'
        b"</sheetData>",
    )
    with pytest.raises(LedgerError) as err:
        read_ledger(far)
    assert err.value.code == "ledger-sheet-sparse"
    assert err.value.params["rows"] == 900000


def test_empty_styled_cell_far_away_is_read(tmp_path: Path) -> None:
    # A self-closing cell holds nothing: the reader ignores it, so must the check.
    path = ledger_with_far_cells(tmp_path / "gl.xlsx")
    styled = rewrite_sheet(
        path, b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>'
    )
    with zipfile.ZipFile(styled) as zf:
        assert list(oversized_sheets(zf)) == []
    assert len(read_ledger(styled).lines) == 1


def test_stray_cell_to_the_right_is_read(tmp_path: Path) -> None:
    # A note at XFD1 widens two rows only: a small grid, read as usual.
    path = ledger_with_far_cells(tmp_path / "gl.xlsx", "XFD1")
    assert len(read_ledger(path).lines) == 1


def test_cap_is_on_the_grid_not_the_file(tmp_path: Path) -> None:
    rows = MAX_GRID_CELLS // 20 + 1
    path = ledger_with_far_cells(tmp_path / "gl.xlsx")
    wide = rewrite_sheet(
        path,
        b"</sheetData>",
        f'<row r="{rows}"><c r="T{rows}" t="n"><v>1</v></c></row></sheetData>'.encode(),
    )
    with zipfile.ZipFile(wide) as zf:
        ((sheet, extent),) = list(oversized_sheets(zf))
    assert sheet == "Mandats"
    assert (extent.rows, extent.columns) == (rows, 20)
    assert extent.too_large()


def test_column_letters_round_trip() -> None:
    for number in (1, 26, 27, 702, 703, 16384):
        assert column_number(column_letters(number).encode()) == number
    assert column_letters(16384) == "XFD"
