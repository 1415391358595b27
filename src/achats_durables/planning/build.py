"""From a plan and the base-year footprint to the plan report: trajectory, targets, actions,
follow-up against the later years' footprints (:mod:`.trajectory` does the arithmetic)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue, Location
from achats_durables.core.version import __version__
from achats_durables.footprint.report import FootprintReport
from achats_durables.knowledge.factors import Factor, PriceIndex
from achats_durables.knowledge.plan import Plan, PlanTarget
from achats_durables.planning.report import (
    ON_TRACK_TOLERANCE,
    ActionFollowup,
    ActionResult,
    ContractRef,
    PlanReport,
    TargetResult,
    YearPoint,
)
from achats_durables.planning.selection import condition_frame, select
from achats_durables.planning.trajectory import (
    BaseLines,
    Simulation,
    base_lines,
    end_dates,
    renewal_years,
    simulate,
    target_path,
)


def compute_plan(
    plan: Plan,
    base: FootprintReport,
    factors: Mapping[str, Factor],
    index: PriceIndex,
    *,
    contracts: pd.DataFrame | None = None,
    actuals: Mapping[int, FootprintReport] | None = None,
) -> PlanReport:
    """The plan report of ``plan`` over the ``base`` footprint (its base year), with the
    contracts' end dates (register or DECP frame) and the footprints of later years."""
    issues: list[Issue] = []
    lines = base_lines(base)
    ends = end_dates(contracts)  # the register read once: renewals, contracts' cards
    sim = simulate(plan, lines, renewal_years(ends), factors, index, issues)
    actual = {y: r for y, r in (actuals or {}).items() if plan.base_year < y <= plan.horizon}
    targets = [_target(plan, t, lines, sim) for t in plan.targets]
    total = [t for t in targets if not t.partial]
    trajectory = _trajectory(plan, base, sim, total, actual)
    actions = _actions(plan, lines, sim, total, ends, actual, issues)
    _overlap_issue(plan, actions, issues)
    return PlanReport(
        base_year=plan.base_year,
        horizon=plan.horizon,
        growth=plan.growth,
        plan_file={"path": plan.path, "sha256": plan.sha256},
        footprint_inputs=list(base.inputs),
        base_tco2e=base.totals.emissions_tco2e,
        base_uncertainty_tco2e=base.totals.uncertainty_tco2e,
        trajectory=trajectory,
        actions=sorted(actions, key=lambda a: (-a.avoided_tco2e[plan.horizon], a.id)),
        targets=targets,
        issues=issues,
        tool_version=__version__,
    )


def _target(plan: Plan, t: PlanTarget, lines: BaseLines, sim: Simulation) -> TargetResult:
    """A target: the base value of its selection, its linear path, the plan in its year."""
    if t.when is None:
        mask = np.ones(len(lines.emissions_kg), dtype=bool)
    else:
        mask = select(lines.frame, condition_frame(lines.frame), t.when)
    base_t = float(lines.emissions_kg[mask].sum()) / 1000
    goal = (1.0 - t.reduction) * base_t
    k = sim.years.index(t.year)
    plan_t = float(sim.line_kg[k][mask].sum()) / 1000
    path = {y: target_path(base_t, [(t.year, goal)], plan.base_year, y) for y in sim.years}
    return TargetResult(
        id=t.id,
        label=t.label,
        year=t.year,
        reduction=t.reduction,
        partial=t.when is not None,
        base_tco2e=base_t,
        target_tco2e=goal,
        plan_tco2e=plan_t,
        met=plan_t <= goal + 1e-9,
        gap_tco2e=plan_t - goal,
        path={y: v for y, v in path.items() if y <= t.year},
    )


def _trajectory(
    plan: Plan,
    base: FootprintReport,
    sim: Simulation,
    total: list[TargetResult],
    actual: Mapping[int, FootprintReport],
) -> list[YearPoint]:
    """The years: baseline, plan (with the base footprint's relative uncertainty), the total
    targets' path (linear through each), the actual footprint and how it stands."""
    rel = (
        base.totals.uncertainty_tco2e / base.totals.emissions_tco2e
        if base.totals.emissions_tco2e
        else 0.0
    )
    points = [(t.year, t.target_tco2e) for t in total]
    base_t = float(sim.baseline_kg[0]) / 1000
    out = []
    for k, year in enumerate(sim.years):
        plan_t = float(sim.plan_kg[k]) / 1000
        real = actual[year].totals.emissions_tco2e if year in actual else None
        out.append(
            YearPoint(
                year=year,
                baseline_tco2e=float(sim.baseline_kg[k]) / 1000,
                plan_tco2e=plan_t,
                plan_low_tco2e=plan_t * (1 - rel),
                plan_high_tco2e=plan_t * (1 + rel),
                target_tco2e=target_path(base_t, points, plan.base_year, year) if points else None,
                actual_tco2e=real,
                followup=None if real is None else followup(real, plan_t),
            )
        )
    return out


def followup(actual: float, planned: float) -> str:
    """« ahead » below the plan by more than the tolerance, « behind » above it, else on track."""
    if actual < planned * (1 - ON_TRACK_TOLERANCE):
        return "ahead"
    if actual > planned * (1 + ON_TRACK_TOLERANCE):
        return "behind"
    return "on_track"


def _actions(
    plan: Plan,
    lines: BaseLines,
    sim: Simulation,
    total: list[TargetResult],
    ends: Mapping[str, tuple[str | None, str, bool | None]],
    actual: Mapping[int, FootprintReport],
    issues: list[Issue],
) -> list[ActionResult]:
    """Each action: its selection, what it avoids per year and in all, the gap it closes, the
    actions it shares lines with, its contracts and renewals, its follow-up."""
    first = min(total, key=lambda t: t.year) if total else None
    gap = None
    if first is not None:
        k = sim.years.index(first.year)
        gap = float(sim.baseline_kg[k]) / 1000 - first.target_tco2e
    out = []
    for i, a in enumerate(plan.actions):
        mask = sim.masks[i]
        if not mask.any():
            issues.append(Issue("plan-selection-empty", {"action": a.id}, Location(plan.path)))
        if a.effect == 0:
            issues.append(Issue("plan-effect-to-estimate", {"action": a.id}, Location(plan.path)))
        avoided = {y: float(sim.avoided_kg[i, k]) / 1000 for k, y in enumerate(sim.years)}
        closes = None
        if first is not None and gap and gap > 0:
            closes = avoided[first.year] / gap
        out.append(
            ActionResult(
                id=a.id,
                label=a.label,
                kind=a.kind,
                effect=a.effect,
                substitute_factor=a.substitute_factor,
                start=a.start,
                full=a.full,
                renewal=a.renewal,
                estimated=a.effect != 0,
                selection_lines=int(mask.sum()),
                selection_spend_eur=round(float(lines.spend[mask].sum()), 2),
                selection_tco2e=float(lines.emissions_kg[mask].sum()) / 1000,
                avoided_tco2e=avoided,
                avoided_tco2e_horizon=sum(avoided.values()),
                gap_share=closes,
                overlaps=[
                    b.id
                    for j, b in enumerate(plan.actions)
                    if j != i and (mask & sim.masks[j]).any()
                ],
                contracts=_contracts(mask, lines, sim.starts[i] if a.renewal else None, ends),
                followup=_followup(a.when, sim, mask, i, actual),
            )
        )
    return out


def _contracts(
    mask: np.ndarray,
    lines: BaseLines,
    starts: np.ndarray | None,
    ends: Mapping[str, tuple[str | None, str, bool | None]],
) -> list[ContractRef]:
    """The contracts of the selection, by base-year spend: end date, renewal year, and whether
    the register gives them an environmental consideration (what the follow-up can measure)."""
    sel = mask & (lines.contract != "")
    if not sel.any():
        return []
    frame = pd.DataFrame(
        {
            "ref": lines.contract[sel],
            "shown": lines.frame["contract_ref"].astype(object).to_numpy()[sel],
            "entity": lines.frame["entity"].astype(object).to_numpy()[sel],
            "spend": lines.spend[sel],
        }
    )
    grouped = frame.groupby("ref", sort=False).agg(
        shown=("shown", "first"), entity=("entity", "first"), spend=("spend", "sum")
    )
    out = []
    for ref, row in grouped.sort_values("spend", ascending=False).iterrows():
        end, entity, env = ends.get(str(ref), (None, str(row["entity"]), None))
        renewal = int(end[:4]) + 1 if end else None
        out.append(
            ContractRef(str(row["shown"]), entity or str(row["entity"]), end, renewal,
                        round(float(row["spend"]), 2), env)
        )  # fmt: skip
    return out


def _followup(
    when: dict[str, str],
    sim: Simulation,
    mask: np.ndarray,
    i: int,
    actual: Mapping[int, FootprintReport],
) -> list[ActionFollowup]:
    """Per later year with a footprint: the selection's actual tCO2e against its planned one."""
    out = []
    for year, report in sorted(actual.items()):
        later = base_lines(report)
        chosen = select(later.frame, condition_frame(later.frame), when)
        real = float(later.emissions_kg[chosen].sum()) / 1000
        k = sim.years.index(year)
        planned = float(sim.line_kg[k][mask].sum()) / 1000
        out.append(ActionFollowup(year, real, planned, followup(real, planned)))
    return out


def _overlap_issue(plan: Plan, actions: list[ActionResult], issues: list[Issue]) -> None:
    """One info issue naming the pairs of actions that share lines (their effects multiply)."""
    pairs = sorted({tuple(sorted((a.id, b))) for a in actions for b in a.overlaps})
    if pairs:
        shown = [{"first": p[0], "second": p[1]} for p in pairs]
        issues.append(Issue("plan-overlaps", {"pairs": shown}, Location(plan.path), "info"))
