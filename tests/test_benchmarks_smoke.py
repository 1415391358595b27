"""benchmarks/run.py at tiny sizes: every row of issue 16's table is printed with a figure.

The harness spawns whole processes (``achats`` and the baselines); the sizes here only check
that it runs end to end, not the speed. The fastexcel baseline needs the ``bench`` extra: without
it the row says so, and the test of that baseline skips (fails under CI=true).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import skip_without_tool

ROOT = Path(__file__).resolve().parent.parent
HARNESS = ROOT / "benchmarks" / "run.py"
ROWS = ("csv-cp1252", "csv-utf8", "xlsx", "xlsx-report", "line-csv", "start", "run", "clauses")
FIGURE = re.compile(r"\d+\.\d\d× \(CPU \d+\.\d\d×\)|\d+ Mo")
CONFIG = """\
output: rapports
entities:
  - {name: "Agglopolys"}
  - {name: "Ville de Blois"}
years:
  2025:
    ledgers: ["gl.csv"]
"""


pytestmark = pytest.mark.slow  # ~25 whole processes: a few minutes on a loaded 2-core machine


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, dict[str, object]]]:
    """One run of the harness at 300 lines, 1 repeat: its table and its JSON rows."""
    tmp = tmp_path_factory.mktemp("bench")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import ledgergen

    workspace = tmp / "workspace"
    workspace.mkdir()
    ledgergen.write_csv(ledgergen.generate(300, seed=3), workspace / "gl.csv", "cp1252")
    (workspace / "achats.yaml").write_text(CONFIG, encoding="utf-8")
    sizes = ["--csv-lines", "300", "--xlsx-lines", "300", "--report-lines", "300"]
    sizes += ["--decp-records", "300", "--repeat", "1", "--seed", "3"]
    out = tmp / "bench.json"
    sizes += ["--data", str(tmp / "data"), "--run-config", str(workspace / "achats.yaml")]
    done = subprocess.run(
        [sys.executable, str(HARNESS), *sizes, "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = {r["row"]: r for r in json.loads(out.read_text(encoding="utf-8"))["rows"]}
    return done.stdout, rows


def test_every_row_is_printed_with_a_figure_or_its_reason(bench: tuple[str, dict]) -> None:
    stdout, rows = bench
    printed = {line.split()[0]: line for line in stdout.splitlines()[1:]}
    assert tuple(printed) == ROWS
    for key, line in printed.items():
        if key == "xlsx" and importlib.util.find_spec("fastexcel") is None:
            assert "fastexcel absent" in line
            continue
        assert FIGURE.search(line), line
        assert isinstance(rows[key]["value_wall"], float)
    # every command ran to completion: no crash hidden behind a figure
    for row in rows.values():
        assert row["job"]["returncodes"] in ([0], [1]), row
        assert all(b["returncodes"] == [0] for b in row["baseline"]), row


def test_run_row_compares_with_every_scope_footprint(bench: tuple[str, dict]) -> None:
    _stdout, rows = bench
    commands = [b["command"] for b in rows["run"]["baseline"]]
    # the group, then each of the two entities of the config, for its one year
    assert [c[c.index("--year") + 1 :][:3] for c in commands] == [
        ["2025", "--format", "json"],
        ["2025", "--entity", "Agglopolys"],
        ["2025", "--entity", "Ville de Blois"],
    ]


def test_xlsx_row_has_the_fastexcel_baseline(bench: tuple[str, dict]) -> None:
    if importlib.util.find_spec("fastexcel") is None:
        skip_without_tool("fastexcel absent : pip install -e '.[bench]'")
    _stdout, rows = bench
    assert "fastexcel" in " ".join(rows["xlsx"]["baseline"][0]["command"])
    assert rows["xlsx"]["value_wall"] > 0
