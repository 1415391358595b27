"""Benchmark of the main job against the raw parse of the same file, measured in the same run.

    python benchmarks/run.py                 # 1M-line CSV and 100k-line xlsx (generated once)
    python benchmarks/run.py --csv-lines 100000 --xlsx-lines 10000 --repeat 3

For each file: the baseline is the bare parse (``pandas.read_csv`` with the C engine for CSV,
``pandas.read_excel(engine="calamine")`` for xlsx); the job is what ``achats footprint FILE
--format json`` does (read, map, compute, aggregate, JSON text), in-process. The script prints
medians and the ratio job / baseline, plus the start-up time of ``achats --help``.
Absolute times on shared machines are noisy: compare the ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ledgergen  # noqa: E402


def median_time(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ensure(path: Path, lines: int, fmt: str, seed: int) -> Path:
    if not path.exists():
        print(f"génération de {path.name} ({lines} lignes, graine {seed})…", flush=True)
        frame = ledgergen.generate(lines, seed=seed)
        if fmt == "csv":
            ledgergen.write_csv(frame, path)
        else:
            ledgergen.write_xlsx(frame, path)
    return path


def job(path: Path) -> str:
    from achats_durables.operations.pipeline import load_setup, run_footprint
    from achats_durables.writers import json_text

    report = run_footprint([path], load_setup())
    return json_text(report.to_dict())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv-lines", type=int, default=1_000_000)
    parser.add_argument("--xlsx-lines", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    args = parser.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    csv_path = ensure(args.data / f"gl-{args.csv_lines}.csv", args.csv_lines, "csv", args.seed)
    xlsx_path = ensure(args.data / f"gl-{args.xlsx_lines}.xlsx", args.xlsx_lines, "xlsx", args.seed)
    job(csv_path)  # warm imports and caches once, outside the timings
    results = {}
    for label, path, baseline in (
        (
            "csv",
            csv_path,
            lambda p: pd.read_csv(p, sep=";", decimal=",", engine="c", low_memory=False),
        ),
        ("xlsx", xlsx_path, lambda p: pd.read_excel(p, engine="calamine")),
    ):
        base = median_time(lambda p=path, b=baseline: b(p), args.repeat)
        main_job = median_time(lambda p=path: job(p), args.repeat)
        results[label] = {
            "lines": int(path.stem.split("-")[1]),
            "baseline_s": round(base, 3),
            "job_s": round(main_job, 3),
            "ratio": round(main_job / base, 2),
        }
        print(
            f"{label:5} {results[label]['lines']:>9} lignes : lecture seule {base:6.2f} s, "
            f"achats footprint (json) {main_job:6.2f} s, rapport {main_job / base:4.2f}×",
            flush=True,
        )
    helps = []
    for _ in range(max(args.repeat, 3)):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "achats_durables", "--help"], check=True, capture_output=True
        )
        helps.append(time.perf_counter() - start)
    python = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 3)
    results["help"] = {
        "achats_help_s": round(statistics.median(helps), 3),
        "python_startup_s": round(python, 3),
    }
    print(
        f"achats --help : {statistics.median(helps):.2f} s (démarrage de Python seul : {python:.2f} s)"
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
