"""``achats plan``: the plan's trajectory over the base-year footprint of ``achats.yaml``, with the
later years' footprints beside it (follow-up), or a first plan drafted from the priorities."""

from __future__ import annotations

from pathlib import Path

from achats_durables.core.errors import ConfigError, Location
from achats_durables.footprint.report import FootprintReport
from achats_durables.knowledge.factors import merge_factors
from achats_durables.knowledge.plan import load_plan
from achats_durables.operations.pipeline import (
    Setup,
    load_setup,
    read_contract_files,
    run_footprint,
)
from achats_durables.planning.build import compute_plan
from achats_durables.planning.report import PlanReport


def plan_path(plan: Path | None, setup: Setup) -> Path:
    """The plan file: the one given, else the config's ``plan:``."""
    if plan is not None:
        return plan
    if setup.config.plan is None:
        raise ConfigError("plan-file-missing", Location(setup.config.path))
    return setup.config.resolve(setup.config.plan)


def plan_job(plan: Path | None, *, config: Path | None) -> PlanReport:
    """``achats plan [PLAN] --config achats.yaml``: the plan report (see module doc)."""
    setup = load_setup(config)
    return compute_setup_plan(setup, plan_path(plan, setup))


def compute_setup_plan(
    setup: Setup, path: Path, footprints: dict[int, FootprintReport] | None = None
) -> PlanReport:
    """The plan of ``path`` on the config's years (``footprints``: those already computed, by
    year, as ``achats run`` has them)."""
    factors = merge_factors(setup.factor_sets)
    plan = load_plan(path, factors)
    years = setup.config.years
    if plan.base_year not in years or not years[plan.base_year].ledgers:
        raise ConfigError(
            "plan-base-year-missing", Location(setup.config.path), year=plan.base_year
        )
    done = dict(footprints or {})
    for year in sorted(years):
        if plan.base_year <= year <= plan.horizon and year not in done and years[year].ledgers:
            # the years' files are already resolved against the config's folder
            done[year] = run_footprint(list(years[year].ledgers), setup, year=year)
    paths = dict.fromkeys(p for y in sorted(years) for p in years[y].contracts)
    contracts = read_contract_files(list(paths), setup).frame if paths else None
    actuals = {y: r for y, r in done.items() if y != plan.base_year}
    return compute_plan(
        plan, done[plan.base_year], factors, setup.index, contracts=contracts, actuals=actuals
    )


def draft_job(*, config: Path | None, year: int | None, horizon: int | None) -> str:
    """``achats plan --draft``: the text of a first plan.yaml from the priorities of the year's
    ledgers and contracts (``year``: the base year, by default the config's last)."""
    from achats_durables.operations.pipeline import run_clauses
    from achats_durables.planning.draft import draft_plan_from_clauses

    setup = load_setup(config)
    years = setup.config.years
    base = year if year is not None else (max(years) if years else None)
    if base is None or base not in years or not years[base].ledgers:
        raise ConfigError("plan-base-year-missing", Location(setup.config.path), year=base or "?")
    spec = years[base]
    report = run_clauses(list(spec.contracts), setup, ledgers=list(spec.ledgers))
    trajectory = setup.config.trajectory
    end = horizon or (
        trajectory.target_year if trajectory and trajectory.target_year > base else base + 5
    )
    if end <= base:
        raise ConfigError("plan-draft-horizon", Location(setup.config.path), base=base, horizon=end)
    return draft_plan_from_clauses(
        report,
        base_year=base,
        horizon=end,
        trajectory=trajectory,
        entity_names=[e.name for e in setup.config.entities],
    )
