"""``achats compare``: which reports to compare (named, or those ``achats run`` wrote), compared."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from achats_durables.core.errors import CompareError, Location
from achats_durables.knowledge.config import Config, Trajectory, load_config
from achats_durables.operations.run_reports import GROUP, slug
from achats_durables.tracking.compare import (
    Comparison,
    NamedReport,
    compare_reports,
    load_report,
    reports_from_output,
)


def named_reports(paths: Sequence[Path]) -> list[NamedReport]:
    """Footprint reports named on the command line, each with the ``clauses.json`` written
    beside an ``empreinte.json`` by ``achats run``, when there is one."""
    named = []
    for p in paths:
        clauses = p.with_name("clauses.json") if p.name == "empreinte.json" else None
        named.append(load_report(p, clauses if clauses is not None and clauses.exists() else None))
    return named


def run_reports(cfg: Config, entity: str | None = None) -> list[NamedReport]:
    """The reports ``achats run`` wrote for every year of ``cfg``: the group's (or the only
    entity's), or those of ``entity``."""
    if entity:
        scope = slug(entity)
    else:
        scope = slug(cfg.entities[0].name) if len(cfg.entities) == 1 else GROUP
    return reports_from_output(cfg.output_dir(), sorted(cfg.years), scope)


def compare_job(
    reports: Sequence[Path] = (),
    *,
    config: Path | None = None,
    entity: str | None = None,
    output: Path | None = None,
) -> Comparison:
    """``achats compare``: the named reports, else those of the configuration's run, compared
    with the configuration's trajectory and clause targets."""
    trajectory: Trajectory | None = None
    targets: dict[str, float] = {}
    cfg = load_config(config) if config is not None else None
    if cfg is not None:
        trajectory, targets = cfg.trajectory, dict(cfg.clause_targets)
    if reports:
        named = named_reports(reports)
    elif cfg is not None:
        named = run_reports(cfg, entity)
    else:
        raise CompareError("compare-nothing", Location())
    if output is not None:
        from achats_durables.writers import guard_inputs

        guard_inputs([output], [*(r.path for r in named), config])
    return compare_reports(named, trajectory=trajectory, clause_targets=targets)


__all__ = ["compare_job", "named_reports", "run_reports"]
