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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from achats_durables.clauses.coverage import (
    ClauseReport,
    ClauseTargets,
    compute_clause_coverage,
    year_figures,
)
from achats_durables.contracts.read import read_contracts
from achats_durables.core.errors import AchatsError, ExitCode, Issue, Location, RunError
from achats_durables.core.version import __version__
from achats_durables.footprint.compute import compute_footprint
from achats_durables.footprint.report import FootprintReport
from achats_durables.knowledge.config import GROUP_FOLDER, entity_folder, load_config
from achats_durables.knowledge.factors import sha256_file
from achats_durables.ledger.read import Ledger
from achats_durables.operations.pipeline import Setup, footprint_options, load_setup, read_ledgers
from achats_durables.writers import json_text, write_bytes

SUMMARY_SCHEMA = "achats.run/1"
GROUP = GROUP_FOLDER
LOCK_NAME = ".achats-run.lock"
PID_NAME = ".achats-run.pid"
LOG_NAME = "achats-run.log"


def slug(name: str) -> str:
    """A folder name for an entity: « Ville de Blois » → ``ville-de-blois`` (unique per
    configuration: :func:`config.load_config` refuses collisions)."""
    return entity_folder(name)


@dataclass
class PlannedReport:
    year: int
    scope: str  # GROUP or an entity slug
    label: str
    footprint: FootprintReport | None = None
    clauses: ClauseReport | None = None
    issues: list[Issue] = field(default_factory=list)


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


def run_batch(
    config_path: Path | str,
    *,
    years: list[int] | None = None,
    xlsx: bool = True,
    on_step: Callable[[str], None] | None = None,
    log: Callable[[str], None] | None = None,
) -> RunSummary:
    """Compute and write all the reports of a configuration; return the run summary."""
    started = time.perf_counter()
    start_stamp = dt.datetime.now().replace(microsecond=0)
    config = load_config(config_path)
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
    out_dir = config.output_dir()
    say = log or (lambda _msg: None)
    step = on_step or (lambda _msg: None)
    durations: dict[str, float] = {}
    with run_lock(out_dir):
        say(f"début de l'exécution ({len(selected)} exercice(s), dossier {out_dir})")
        setup = load_setup(config_path)
        planned: list[PlannedReport] = []
        inputs: dict[str, str] = {str(config_path): sha256_file(Path(config_path))}
        for year in selected:
            t0 = time.perf_counter()
            step(f"exercice {year} : lecture")
            spec = config.years[year]
            for p in (*spec.ledgers, *spec.contracts):
                inputs[p] = sha256_file(Path(p))
            planned.extend(_year_reports(year, spec.ledgers, spec.contracts, setup, step))
            durations[str(year)] = round(time.perf_counter() - t0, 3)
            say(f"exercice {year} calculé en {durations[str(year)]:.1f} s")
        # Everything is computed: now write, file by file, atomically.
        t0 = time.perf_counter()
        step("écriture des rapports")
        outputs: list[Path] = []
        exit_code = int(ExitCode.OK)
        figures: list[dict[str, Any]] = []
        for item in planned:
            folder = out_dir / str(item.year) / item.scope
            outputs.extend(_write_reports(item, folder, xlsx))
            row, breach = _figures(item, config.max_unmapped)
            figures.append(row)
            if breach:
                exit_code = int(ExitCode.THRESHOLD)
                say(
                    f"seuil dépassé : {item.label} {item.year}, part non comptée {row['uncounted_share']:.1%}"
                )
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
            "issues": _issue_counts(planned),
            "durations_s": durations,
            "exit_code": exit_code,
        }
        summary_path = out_dir / "summary.json"
        write_bytes(summary_path, json_text(summary).encode("utf-8"))
        say(f"fin de l'exécution en {durations['total']:.1f} s, code de sortie {exit_code}")
        return RunSummary(data=summary, exit_code=exit_code, outputs=[*outputs, summary_path])


def _year_reports(
    year: int,
    ledgers: tuple[str, ...],
    contracts: tuple[str, ...],
    setup: Setup,
    step: Callable[[str], None],
) -> list[PlannedReport]:
    config = setup.config
    ledger: Ledger | None = read_ledgers(ledgers, setup) if ledgers else None
    targets = ClauseTargets(**config.clause_targets)  # type: ignore[arg-type]
    if len(config.entities) == 1:  # one collectivité: its report is the whole ledger
        scopes: list[tuple[str, str, str | None]] = [
            (slug(config.entities[0].name), config.entities[0].name, None)
        ]
    else:
        scopes = [(GROUP, "Groupe (consolidé)", None)]
        # an entity's lines: by its name, or by its SIREN where the file gives one
        scopes += [
            (slug(e.name), e.name, f"{e.name}|{e.siren}" if e.siren else e.name)
            for e in config.entities
        ]
    reports = []
    for scope, label, entity in scopes:
        step(f"exercice {year} : {label}")
        item = PlannedReport(year=year, scope=scope, label=label)
        if ledger is not None:
            try:
                item.footprint = compute_footprint(
                    ledger,
                    setup.factor_sets,
                    setup.rules,
                    setup.index,
                    footprint_options(setup, year=year, entity=entity),
                )
            except AchatsError as exc:
                if entity is None or exc.code != "ledger-entity-absent":
                    raise
                item.issues.append(
                    Issue(
                        "run-entity-without-lines",
                        {"entity": label, "year": year},
                        Location(ledgers[0]),
                    )
                )
        if contracts:
            read = read_contracts(
                list(contracts),
                profile=setup.config.contract_columns or None,
                entity=entity or None,
            )
            item.clauses = compute_clause_coverage(
                read, targets=targets, footprint=item.footprint, rules=setup.rules
            )
        if item.footprint is not None or item.clauses is not None:
            reports.append(item)
    return reports


def _write_reports(item: PlannedReport, folder: Path, xlsx: bool) -> list[Path]:
    from achats_durables.writers.csv import lines_csv, summary_csv

    written: list[Path] = []
    if item.footprint is not None:
        report = item.footprint
        targets = {
            folder / "empreinte.json": json_text(report.to_dict()).encode("utf-8"),
            folder / "empreinte.csv": summary_csv(report).encode("utf-8-sig"),
            folder / "empreinte-lignes.csv": lines_csv(report).encode("utf-8-sig"),
        }
        for path, data in targets.items():
            write_bytes(path, data)
            written.append(path)
        if xlsx:
            from achats_durables.writers.xlsx import write_xlsx

            write_xlsx(report, folder / "empreinte.xlsx")
            written.append(folder / "empreinte.xlsx")
    if item.clauses is not None:
        from achats_durables.writers.clauses import clauses_csv

        for path, data in {
            folder / "clauses.json": json_text(item.clauses.to_dict()).encode("utf-8"),
            folder / "clauses.csv": clauses_csv(item.clauses).encode("utf-8-sig"),
        }.items():
            write_bytes(path, data)
            written.append(path)
        if xlsx:
            from achats_durables.writers.clauses import write_clauses_xlsx

            write_clauses_xlsx(item.clauses, folder / "clauses.xlsx")
            written.append(folder / "clauses.xlsx")
    return written


def _figures(item: PlannedReport, max_unmapped: float | None) -> tuple[dict[str, Any], bool]:
    row: dict[str, Any] = {"year": item.year, "scope": item.scope, "label": item.label}
    breach = False
    if item.footprint is not None:
        t, r = item.footprint.totals, item.footprint.reconciliation
        internal = item.footprint.lines["rule"].astype(object) == "flux-interne-groupe"
        row.update(
            emissions_tco2e=round(t.emissions_tco2e, 3),
            uncertainty_tco2e=round(t.uncertainty_tco2e, 3),
            spend_excl_vat_eur=round(t.spend_excl_vat_eur, 2),
            spend_read_eur=round(r.spend_read_eur, 2),
            unmapped_share=round(r.share("unmapped"), 6),
            uncounted_share=round(r.share_uncounted(), 6),
            unquantified_eur=r.spend_unquantified_eur,
            intra_group_eliminated_eur=round(
                float(item.footprint.lines.loc[internal, "amount_read_eur"].sum()), 2
            ),
        )
        breach = max_unmapped is not None and r.share_uncounted() > max_unmapped
    if item.clauses is not None:
        ct = year_figures(item.clauses.to_dict(), item.year)
        row.update(
            contracts=ct["contracts"],
            contracts_scope=ct["scope"],
            share_social=ct["share_social"],
            share_environmental=ct["share_environmental"],
        )
    row["issues"] = [i.message() for i in item.issues]
    return row, breach


def _issue_counts(planned: list[PlannedReport]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in planned:
        issues = list(item.issues)
        if item.footprint is not None:
            issues += item.footprint.issues
        if item.clauses is not None:
            issues += item.clauses.issues
        for issue in issues:
            counts[issue.severity] = counts.get(issue.severity, 0) + 1
    return dict(sorted(counts.items()))
