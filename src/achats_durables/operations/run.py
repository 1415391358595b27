"""``achats run``: every entity × year of ``achats.yaml``, unattended (cron), reproducible.

The run first computes every report in memory — an unreadable input stops it before anything is
written — then writes each file atomically (temporary file, then rename), so a run killed at any
moment leaves every report readable, old or new. A lock file keeps two runs on the same output
folder from interleaving. JSON and CSV reports carry no time stamp: rerunning on unchanged inputs
rewrites them byte for byte; ``summary.json`` records the run itself (inputs and outputs with their
sha256, figures, issues, durations).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from achats_durables.core.errors import ExitCode, Location, RunError
from achats_durables.core.version import __version__
from achats_durables.i18n.messages import render
from achats_durables.knowledge.config import Config, load_config
from achats_durables.knowledge.factors import sha256_file
from achats_durables.operations.pipeline import Setup, load_setup
from achats_durables.operations.run_reports import (
    GROUP,
    PlannedReport,
    slug,
    write_reports,
    year_reports,
)
from achats_durables.operations.run_summary import issue_counts, report_figures
from achats_durables.planning.report import PlanReport
from achats_durables.writers import json_text, write_bytes

SUMMARY_SCHEMA = "achats.run/1"
LOCK_NAME = ".achats-run.lock"
PID_NAME = ".achats-run.pid"
LOG_NAME = "achats-run.log"


@dataclass
class RunSummary:
    data: dict[str, Any]
    exit_code: int
    outputs: list[Path]


@contextmanager
def run_lock(folder: Path) -> Iterator[Path]:
    """An exclusive lock on the output folder; a second run gets a ``run-locked`` error.

    ``filelock`` locks the same way on Linux, macOS and Windows (no ``fcntl``); the process id of
    the holder goes in a separate file, which stays readable while the lock file is locked.
    """
    from filelock import FileLock, Timeout

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    pid_path = folder / PID_NAME
    lock = FileLock(path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise RunError("run-locked", Location(str(folder)), pid=_lock_holder(pid_path)) from None
    try:
        pid_path.write_text(str(os.getpid()), encoding="utf-8")
        yield path
    finally:
        pid_path.unlink(missing_ok=True)
        lock.release()


def _lock_holder(pid_path: Path) -> str:
    """The process id written by the run holding the lock, or « ? » when it cannot be read."""
    try:
        return pid_path.read_text(encoding="utf-8").strip() or "?"
    except OSError:
        return "?"


def run_paths(config_path: Path | str) -> tuple[Path, Path]:
    """The output folder of a configuration's run, and its log file."""
    out_dir = load_config(config_path).output_dir()
    return out_dir, out_dir / LOG_NAME


def run_log(path: Path, echo: Callable[[str], None] | None = None) -> Callable[[str], None]:
    """A log for :func:`run_batch`: each message appended to ``path`` with its time stamp,
    and passed to ``echo`` (the terminal) if given."""

    def log(message: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"{dt.datetime.now().replace(microsecond=0).isoformat()} {message}\n")
        if echo is not None:
            echo(message)

    return log


def selected_years(config: Config, config_path: Path | str, years: list[int] | None) -> list[int]:
    """The years of the run: every configured year, or those of ``years`` (all configured)."""
    if not config.years:
        raise RunError("run-no-years", Location(str(config_path)))
    selected = (
        sorted(config.years) if not years else [y for y in sorted(config.years) if y in years]
    )
    if not selected:
        raise RunError(
            "run-year-absent",
            Location(str(config_path)),
            years=", ".join(map(str, years or [])),
            available=", ".join(map(str, sorted(config.years))),
        )
    return selected


def run_batch(
    config_path: Path | str,
    *,
    years: list[int] | None = None,
    xlsx: bool = True,
    on_step: Callable[[str], None] | None = None,
    log: Callable[[str], None] | None = None,
    lang: str = "fr",
) -> RunSummary:
    """Compute and write all the reports of a configuration; return the run summary.

    The reports, the steps and the log are written in ``lang``."""
    started = time.perf_counter()
    start_stamp = dt.datetime.now().replace(microsecond=0)
    config = load_config(config_path)
    selected = selected_years(config, config_path, years)
    out_dir = config.output_dir()
    say = log or (lambda _msg: None)
    step = on_step or (lambda _msg: None)
    with run_lock(out_dir):
        say(render("run-log-start", lang, years=len(selected), folder=out_dir))
        setup = load_setup(config_path)
        progress = (step, say)
        planned, inputs, durations = _compute(config_path, config, selected, setup, progress, lang)
        plan = _plan(config, setup, planned, inputs)
        # Everything is computed: now write, file by file, atomically.
        t0 = time.perf_counter()
        step(render("run-step-writing", lang))
        written = _write(planned, out_dir, (xlsx, lang), config.max_unmapped, say, plan)
        outputs, figures, exit_code = written
        if plan is not None:
            outputs += _write_plan(plan, out_dir, xlsx, lang)
        durations["writing"] = round(time.perf_counter() - t0, 3)
        durations["total"] = round(time.perf_counter() - started, 3)
        summary = {
            "schema": SUMMARY_SCHEMA,
            "tool_version": __version__,
            "config": str(config_path),
            "started_at": start_stamp.isoformat(),
            "years": selected,
            "inputs": [{"path": p, "sha256": h} for p, h in sorted(inputs.items())],
            "outputs": [
                {"path": str(p.relative_to(out_dir)), "sha256": sha256_file(p)} for p in outputs
            ],
            "figures": figures,
            "issues": issue_counts(planned),
            "durations_s": durations,
            "exit_code": exit_code,
        }
        summary_path = out_dir / "summary.json"
        write_bytes(summary_path, json_text(summary).encode("utf-8"))
        seconds = f"{durations['total']:.1f}"
        say(render("run-log-end", lang, seconds=seconds, exit_code=exit_code))
        return RunSummary(data=summary, exit_code=exit_code, outputs=[*outputs, summary_path])


def _compute(
    config_path: Path | str,
    config: Config,
    selected: list[int],
    setup: Setup,
    progress: tuple[Callable[[str], None], Callable[[str], None]],
    lang: str,
) -> tuple[list[PlannedReport], dict[str, str], dict[str, float]]:
    """Every report of the selected years, in memory, with the inputs' sha256 and durations.

    ``progress``: the current step (the terminal's spinner) and the log."""
    step, say = progress
    planned: list[PlannedReport] = []
    inputs: dict[str, str] = {str(config_path): sha256_file(Path(config_path))}
    durations: dict[str, float] = {}
    for year in selected:
        t0 = time.perf_counter()
        step(render("run-step-reading", lang, year=year))
        spec = config.years[year]
        for p in (*spec.ledgers, *spec.contracts):
            inputs[p] = sha256_file(Path(p))
        planned.extend(year_reports(year, spec.ledgers, spec.contracts, setup, step, lang))
        durations[str(year)] = round(time.perf_counter() - t0, 3)
        seconds = f"{durations[str(year)]:.1f}"
        say(render("run-log-year", lang, year=year, seconds=seconds))
    return planned, inputs, durations


def _plan(
    config: Config, setup: Setup, planned: list[PlannedReport], inputs: dict[str, str]
) -> PlanReport | None:
    """The plan report when the config names a plan, on the group's footprints of the run."""
    if config.plan is None:
        return None
    from achats_durables.operations.plan import compute_setup_plan

    path = config.resolve(config.plan)
    inputs[str(path)] = sha256_file(path)
    footprints = {
        p.year: p.footprint for p in planned if p.scope == GROUP and p.footprint is not None
    }
    return compute_setup_plan(setup, path, footprints)


def _write_plan(plan: PlanReport, out_dir: Path, xlsx: bool, lang: str) -> list[Path]:
    """The plan report: ``plan/plan.json``, ``.csv`` and ``.xlsx``."""
    from achats_durables.writers.emit import write_report

    written: list[Path] = []
    for fmt in ("json", "csv", "xlsx") if xlsx else ("json", "csv"):
        path = out_dir / "plan" / f"plan.{fmt}"
        written += write_report(plan, fmt, path, lang, "plan", side_file=False)
    return written


def _plan_scope(item: PlannedReport, planned: list[PlannedReport], plan: PlanReport) -> bool:
    """Whether ``item``'s document shows the plan: the group's (or the only scope's), from the
    plan's base year on."""
    scopes = {p.scope for p in planned}
    return item.year >= plan.base_year and (item.scope == GROUP or len(scopes) == 1)


def _write(
    planned: list[PlannedReport],
    out_dir: Path,
    formats: tuple[bool, str],
    max_unmapped: float | None,
    say: Callable[[str], None],
    plan: PlanReport | None = None,
) -> tuple[list[Path], list[dict[str, Any]], int]:
    """Write every report; return the files, the figures and the exit code (1: threshold).

    ``formats``: whether to write xlsx (and the HTML/PDF documents), and the reports'
    language. ``plan``: its trajectory goes into the group's documents from its base year on
    (the only scope's, for one collectivité)."""
    xlsx, lang = formats
    outputs: list[Path] = []
    exit_code = int(ExitCode.OK)
    figures: list[dict[str, Any]] = []
    for item in planned:
        shown = plan if plan is not None and _plan_scope(item, planned, plan) else None
        folder = out_dir / str(item.year) / item.scope
        outputs.extend(write_reports(item, folder, xlsx, lang, shown))
        row, breach = report_figures(item, max_unmapped)
        figures.append(row)
        if breach:
            exit_code = int(ExitCode.THRESHOLD)
            share = f"{row['uncounted_share']:.1%}"
            label = render("run-group-label", lang) if item.scope == GROUP else item.label
            say(render("run-log-threshold", lang, label=label, year=item.year, share=share))
    return outputs, figures, exit_code


__all__ = [
    "GROUP",
    "LOG_NAME",
    "RunError",
    "RunSummary",
    "run_batch",
    "run_lock",
    "run_log",
    "run_paths",
    "slug",
]
