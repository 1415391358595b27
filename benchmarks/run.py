"""Whole-process benchmark of achats against raw parses of the same files, in one run.

    python benchmarks/run.py                       # the sizes of issue 16 (~15 min)
    python benchmarks/run.py --csv-lines 200000 --xlsx-lines 100000 --report-lines 20000 \\
        --decp-records 20000 --repeat 3 --json out.json
    python benchmarks/run.py --only xlsx --only start

Every figure is a process started from scratch (interpreter and imports included), as a user
runs ``achats``: wall time, CPU time and peak RSS from ``os.wait4``, medians over the repeats.
Each row is a ratio to a baseline measured in the same run (absolute times on a shared machine
are noisy: compare ratios), printed beside the goal of issue 16. Inputs are generated once per
(size, seed) into ``--data`` (default ``benchmarks/data/``, git-ignored): cp1252 and UTF-8
CSV (``;``, decimal comma) and a shared-strings XLSX as finance software writes, and a DECP
JSON. The goal is judged on wall time; the CPU ratio is printed beside it.

Bytecode is cached as for an installed user: the package is compiled once before timing
(``compileall``, as ``pip install`` does) and every command, job and baseline, runs without
``PYTHONDONTWRITEBYTECODE`` (``timing.user_environment``); ``--no-bytecode-cache`` keeps the
variable as set and skips the compilation (the project's modules then recompile at every start).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timing import Measure, measure, user_environment  # noqa: E402

EXAMPLES = HERE.parent / "examples"
START_LINES = 10


@dataclass(frozen=True)
class Row:
    key: str
    title: str
    goal: float | None  # a ratio (or MB for the memory row); None: for information
    unit: str = "×"


ROWS = (
    Row("csv-cp1252", "CSV cp1252 → JSON / pyarrow.csv", 2.0),
    Row("csv-utf8", "CSV UTF-8 → JSON / pyarrow.csv (information)", None),
    Row("xlsx", "XLSX chaînes partagées → JSON / fastexcel", 1.3),
    Row("xlsx-report", "→ rapport xlsx / même job → JSON", 1.5),
    Row("line-csv", "→ CSV des lignes, pic mémoire", 1024.0, " Mo"),
    Row("start", f"{START_LINES} lignes, processus entier / import pandas", 1.5),
    Row("run", "achats run (exemple, xlsx) / ses footprints", 1.5),
    Row("clauses", "achats clauses DECP → JSON / json.load", 5.0),
)
ROW_KEYS = tuple(r.key for r in ROWS)


@dataclass
class Result:
    row: Row
    size: str
    job: Measure | None = None
    baseline: list[Measure] | None = None
    reason: str = ""  # why there is no baseline or no figure

    def value(self) -> tuple[float, float] | None:
        """(wall ratio or MB, CPU ratio or MB); none for a job that failed (exit code other
        than 0 or 1: a refusal or a crash is not a timing of the job)."""
        if self.job is None or set(self.job.returncodes) - {0, 1}:
            return None
        if self.row.key == "line-csv":
            return self.job.peak_rss_mb, self.job.peak_rss_mb
        if not self.baseline:
            return None
        wall = sum(b.wall_s for b in self.baseline)
        cpu = sum(b.cpu_s for b in self.baseline)
        return self.job.wall_s / wall, self.job.cpu_s / cpu

    def met(self) -> str:
        value = self.value()
        if self.row.goal is None or value is None:
            return "—"
        return "oui" if value[0] <= self.row.goal else "non"

    def as_dict(self) -> dict[str, object]:
        value = self.value()
        return {
            "row": self.row.key,
            "title": self.row.title,
            "size": self.size,
            "goal": self.row.goal,
            "value_wall": None if value is None else round(value[0], 3),
            "value_cpu": None if value is None else round(value[1], 3),
            "met": self.met(),
            "reason": self.reason,
            "job": None if self.job is None else self.job.as_dict(),
            "baseline": [b.as_dict() for b in self.baseline or []],
        }


def achats_command() -> list[str]:
    """The ``achats`` console script beside this interpreter, as a user starts it."""
    script = Path(sys.executable).with_name("achats")
    return [str(script)] if script.exists() else [sys.executable, "-m", "achats_durables"]


def python_code(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


def pyarrow_csv(path: Path, encoding: str) -> list[str]:
    return python_code(
        "import sys, pyarrow.csv as c; c.read_csv(sys.argv[1], "
        f"read_options=c.ReadOptions(encoding={encoding!r}), "
        "parse_options=c.ParseOptions(delimiter=';'))",
        str(path),
    )


def fastexcel_parse(path: Path) -> list[str]:
    return python_code(
        "import sys, fastexcel; fastexcel.read_excel(sys.argv[1]).load_sheet(0).to_arrow()",
        str(path),
    )


def json_load(path: Path) -> list[str]:
    return python_code("import json, sys; json.load(open(sys.argv[1], 'rb'))", str(path))


def _generated(path: Path, make: Callable[[Path], object]) -> Path:
    """``path``, generated once (written beside, then renamed: no half-written input)."""
    if not path.exists():
        print(f"génération de {path.name}…", file=sys.stderr, flush=True)
        partial = path.with_name(path.name + ".part")
        make(partial)
        partial.replace(path)
    return path


def ledger_file(data: Path, lines: int, seed: int, kind: str) -> Path:
    """kind: ``cp1252`` or ``utf8`` (CSV), or ``xlsx``."""
    suffix = "xlsx" if kind == "xlsx" else "csv"
    path = data / f"gl-{lines}-s{seed}-{kind}.{suffix}"

    def make(target: Path) -> None:
        options = ["--format", "xlsx"] if kind == "xlsx" else ["--format", "csv", "--encoding"]
        if kind != "xlsx":
            options.append("cp1252" if kind == "cp1252" else "utf-8-sig")
        _script("ledgergen.py", str(lines), *options, "--seed", str(seed), "-o", str(target))

    return _generated(path, make)


def decp_file(data: Path, records: int, seed: int) -> Path:
    path = data / f"decp-{records}-s{seed}.json"
    return _generated(
        path,
        lambda target: _script("decpgen.py", str(records), "--seed", str(seed), "-o", str(target)),
    )


def _script(name: str, *args: str) -> None:
    """Run a generator in its own process: a child's peak RSS (``ru_maxrss``) starts from its
    parent's at fork, so this process must stay small (no pandas, no frame in memory)."""
    subprocess.run([sys.executable, str(HERE / name), *args], check=True, stdout=subprocess.DEVNULL)


class Bench:
    """The rows of issue 16's table, measured with the options of the command line."""

    def __init__(self, args: argparse.Namespace, out: Path) -> None:
        self.args = args
        self.out = out
        self.achats = achats_command()
        self.env = user_environment(keep=args.no_bytecode_cache)

    def time(self, command: list[str], cwd: Path | None = None) -> Measure:
        return measure(command, self.args.repeat, self.args.budget, cwd, self.env)

    def footprint_json(self, path: Path) -> Measure:
        return self.time([*self.achats, "footprint", str(path), "--format", "json"])

    def csv(self, row: Row, kind: str, encoding: str) -> Result:
        n = self.args.csv_lines
        path = ledger_file(self.args.data, n, self.args.seed, kind)
        base = self.time(pyarrow_csv(path, encoding))
        return Result(row, f"{n} lignes", self.footprint_json(path), [base])

    def xlsx(self, row: Row) -> Result:
        n = self.args.xlsx_lines
        path = ledger_file(self.args.data, n, self.args.seed, "xlsx")
        result = Result(row, f"{n} lignes", self.footprint_json(path))
        if importlib.util.find_spec("fastexcel") is None:
            result.reason = "fastexcel absent : pip install -e '.[bench]'"
        else:
            result.baseline = [self.time(fastexcel_parse(path))]
        return result

    def xlsx_report(self, row: Row) -> Result:
        n = self.args.report_lines
        path = ledger_file(self.args.data, n, self.args.seed, "cp1252")
        report = self.out / "rapport.xlsx"
        job = self.time([*self.achats, "footprint", str(path), "-o", str(report)])
        return Result(row, f"{n} lignes", job, [self.footprint_json(path)])

    def line_csv(self, row: Row) -> Result:
        n = self.args.linecsv_lines or self.args.csv_lines
        path = ledger_file(self.args.data, n, self.args.seed, "cp1252")
        target = self.out / "empreinte.csv"  # writes empreinte.csv and empreinte-lignes.csv
        job = self.time([*self.achats, "footprint", str(path), "-o", str(target)])
        return Result(row, f"{n} lignes", job)

    def start(self, row: Row) -> Result:
        path = ledger_file(self.args.data, START_LINES, self.args.seed, "cp1252")
        base = self.time(python_code("import pandas"))
        return Result(row, f"{START_LINES} lignes", self.footprint_json(path), [base])

    def run(self, row: Row) -> Result:
        """``achats run`` on a copy of the example, against each footprint it computes: every
        year of the config, the group then each entity (operations/run_reports.report_scopes)."""
        source: Path = self.args.run_config
        work = self.out / "exemple"
        shutil.copytree(source.parent, work, ignore=shutil.ignore_patterns("rapports"))
        name = source.name
        config = yaml.safe_load((work / name).read_text(encoding="utf-8"))
        job = self.time([*self.achats, "run", "--config", name, "--quiet"], cwd=work)
        entities = [e["name"] for e in config["entities"]]
        scopes: list[list[str]] = [[]]
        if len(entities) > 1:
            scopes += [["--entity", name] for name in entities]
        footprints = []
        for year, spec in sorted(config["years"].items()):
            for scope in scopes:
                command = [*self.achats, "footprint", *spec["ledgers"], "--config", name]
                command += ["--year", str(year), *scope, "--format", "json"]
                footprints.append(self.time(command, cwd=work))
        size = f"{len(config['years'])} ex. × {len(scopes)} périm."
        return Result(row, size, job, footprints)

    def clauses(self, row: Row) -> Result:
        n = self.args.decp_records
        path = decp_file(self.args.data, n, self.args.seed)
        job = self.time([*self.achats, "clauses", str(path), "--format", "json"])
        return Result(row, f"{n} marchés", job, [self.time(json_load(path))])

    def measure_row(self, row: Row) -> Result:
        match row.key:
            case "csv-cp1252":
                return self.csv(row, "cp1252", "cp1252")
            case "csv-utf8":
                return self.csv(row, "utf8", "utf8")
            case "xlsx":
                return self.xlsx(row)
            case "xlsx-report":
                return self.xlsx_report(row)
            case "line-csv":
                return self.line_csv(row)
            case "start":
                return self.start(row)
            case "run":
                return self.run(row)
        return self.clauses(row)


def compile_package() -> None:
    """Compile the package's bytecode, as ``pip install`` does (an editable install compiles
    nothing: its first start would write the cache, or every start if the shell sets
    ``PYTHONDONTWRITEBYTECODE``)."""
    spec = importlib.util.find_spec("achats_durables")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def _figure(result: Result) -> str:
    value = result.value()
    if value is None:
        return "n/d"
    if result.row.unit == "×":
        return f"{value[0]:.2f}× (CPU {value[1]:.2f}×)"
    return f"{value[0]:.0f}{result.row.unit}"


def table(results: list[Result]) -> str:
    """The table of issue 16: figure, goal, whether it is met, and the absolute times."""
    lines = [
        f"{'ligne':12} {'mesure':48} {'taille':22} {'achats':>9} {'base':>9} "
        f"{'rapport':>22} {'objectif':>9} atteint",
    ]
    for r in results:
        goal = "—" if r.row.goal is None else f"≤ {r.row.goal:g}{r.row.unit.strip()}"
        job = "—" if r.job is None else f"{r.job.wall_s:.2f} s"
        base = f"{sum(b.wall_s for b in r.baseline):.2f} s" if r.baseline else "—"
        note = []
        if r.job is not None and set(r.job.returncodes) - {0, 1}:
            note.append(f"code de sortie {r.job.returncodes}")
        if r.reason:
            note.append(r.reason)
        lines.append(
            f"{r.row.key:12} {r.row.title:48} {r.size:22} {job:>9} {base:>9} "
            f"{_figure(r):>22} {goal:>9} {r.met()}" + (f"  ({' ; '.join(note)})" if note else "")
        )
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv-lines", type=int, default=1_000_000)
    parser.add_argument("--xlsx-lines", type=int, default=1_000_000)
    parser.add_argument("--report-lines", type=int, default=100_000)
    parser.add_argument("--linecsv-lines", type=int, default=None, help="default: --csv-lines")
    parser.add_argument("--decp-records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (median)")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="stop repeating a command after N s"
    )
    parser.add_argument(
        "--run-config",
        type=Path,
        default=EXAMPLES / "achats.yaml",
        help="row run: its folder is copied",
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--only", action="append", choices=ROW_KEYS, help="repeatable")
    parser.add_argument("--json", type=Path, help="save the results to this file")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE as set, package not compiled first",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.data.mkdir(parents=True, exist_ok=True)
    rows = [r for r in ROWS if not args.only or r.key in args.only]
    if not args.no_bytecode_cache:
        compile_package()
    results = []
    with tempfile.TemporaryDirectory(prefix="achats-bench-") as tmp:
        bench = Bench(args, Path(tmp))
        for row in rows:
            print(f"… {row.key}", file=sys.stderr, flush=True)
            results.append(bench.measure_row(row))
    print(table(results), flush=True)
    if args.json:
        settings = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
        document = {"settings": settings, "rows": [r.as_dict() for r in results]}
        args.json.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
