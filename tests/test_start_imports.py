"""The fixed start cost of a footprint (issue 16, row ``start`` of ``benchmarks/run.py``): a
small ledger → JSON must not import the modules that only other commands or other inputs use.
Each of them was imported at every start before it was made lazy (function-level imports): this
test keeps them out, so that the gain cannot silently come back.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# modules a footprint of a CSV ledger → JSON has no use for
NOT_IMPORTED = (
    "achats_durables.clauses.coverage",  # achats clauses (operations.commands, pipeline)
    "achats_durables.clauses.climat",
    "achats_durables.contracts.model",  # the contract frame: a register, achats clauses
    "achats_durables.contracts.read",
    "achats_durables.footprint.explain",  # achats explain
    "achats_durables.footprint.validation",  # achats validate
    "xml.sax.saxutils",  # xlsx sheet names (ledger.sheet_extent): pulls urllib.request and ssl
    "urllib.request",
    "ssl",
)

CHECK = """
import json, sys
from achats_durables.cli import main
sys.argv = ['achats', 'footprint', sys.argv[1], '--format', 'json', '-o', sys.argv[2]]
try:
    main()
except SystemExit as exc:
    code = exc.code
print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))
"""


def _ledger(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import ledgergen

    path = folder / "grand-livre.csv"
    ledgergen.write_csv(ledgergen.generate(10, seed=16), path, "cp1252")
    return path


@pytest.fixture(scope="module")
def footprint_modules(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    folder = tmp_path_factory.mktemp("start")
    report = folder / "empreinte.json"
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(_ledger(folder)), str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] in (0, None), done.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["totals"]  # the job did run
    return set(result["modules"])


def test_the_footprint_engine_was_imported(footprint_modules: set[str]) -> None:
    # the check below is meaningful only if the process really computed a footprint
    assert "achats_durables.footprint.compute" in footprint_modules
    assert "pandas" in footprint_modules


@pytest.mark.parametrize("module", NOT_IMPORTED)
def test_a_footprint_json_does_not_import(footprint_modules: set[str], module: str) -> None:
    assert module not in footprint_modules
