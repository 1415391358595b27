"""The same results before and after speed work: a seeded generated ledger against goldens.

A 2000-line ledger from ``benchmarks/ledgergen.py`` (seed 16), as a cp1252 CSV and as a
shared-strings XLSX, goes through ``achats footprint``: the JSON report must equal, and the
line CSV be byte-identical to, the files in ``tests/snapshots/identity/``, produced by the code
before issue 16's speed work (commit ada307d). Regenerate them only on purpose:

    ACHATS_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_identity_seeded.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from achats_durables import cli

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots" / "identity"
UPDATE = os.environ.get("ACHATS_UPDATE_SNAPSHOTS") == "1"
LINES, SEED = 2000, 16
runner = CliRunner()


def _ledger(folder: Path, kind: str) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import ledgergen

    frame = ledgergen.generate(LINES, seed=SEED)
    if kind == "xlsx":
        path = folder / "grand-livre.xlsx"
        ledgergen.write_xlsx(frame, path)
    else:
        path = folder / "grand-livre.csv"
        ledgergen.write_csv(frame, path, "cp1252")
    return path


def _normalised(text: str, folder: Path) -> dict[str, Any]:
    """The report without what legitimately varies between two runs of the same job.

    - the temporary folder in paths (``inputs[].path``, ``issues[].location.path``): it changes
      with every run; the file's name stays;
    - the inputs' sha256: they hash the generated file's bytes, which follow the numpy/pandas
      versions that wrote it (float text, zip compression) rather than the code under test; a
      different input shows anyway in the figures. The factor sets' sha256 stay compared."""
    report: dict[str, Any] = json.loads(text.replace(f"{folder}{os.sep}", ""))
    for item in report["inputs"]:
        item["sha256"] = "<hash of the generated input>"
    return report


def _compare_or_update(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"no golden {path}: ACHATS_UPDATE_SNAPSHOTS=1 pytest {__file__}"
    # bytes, not text: the line CSV must stay byte-identical (BOM, CRLF or LF, quoting)
    assert path.read_bytes().decode("utf-8") == actual, f"{name} differs"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_footprint_json_and_line_csv_equal_the_goldens(tmp_path: Path, kind: str) -> None:
    ledger = _ledger(tmp_path, kind)
    result = runner.invoke(cli.app, ["footprint", str(ledger), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = _normalised(result.stdout, tmp_path)
    # the ledger maps mostly, with excluded and unmapped lines: every status path is exercised
    counts = report["reconciliation"]
    assert counts["rows_mapped"] > 0.7 * LINES
    assert counts["rows_excluded"] > 0
    assert counts["rows_unmapped"] > 0
    text = json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    _compare_or_update(f"seeded-{LINES}-{kind}.json", text)

    target = tmp_path / "out" / "empreinte.csv"
    target.parent.mkdir()
    written = runner.invoke(cli.app, ["footprint", str(ledger), "-o", str(target)])
    assert written.exit_code == 0, written.output
    lines = (target.parent / "empreinte-lignes.csv").read_bytes().decode("utf-8")
    assert f"{tmp_path}" not in lines
    _compare_or_update(f"seeded-{LINES}-{kind}-lignes.csv", lines)
