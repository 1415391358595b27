"""The plan's trajectory (issue 13): the base-year footprint, year by year to the horizon, with
and without the actions, against the targets.

For year y, every counted line of the base year (emissions e, spend HT s) scales by
(1 + growth)^(y − base). Each action whose selection holds the line applies with its ramp share
r(y) — 0 before ``start``, (y − start + 1) / (full − start + 1) up to ``full``, 1 after;
``renewal``: from the year after the end date of the line's contract in the register —
``emissions: x`` multiplies e by (1 + r·x); ``spend: x`` multiplies e and s by (1 + r·x);
``substitute`` moves r·share of the spend to another ratio per k€ (its value for the base year,
euros converted as the footprint does). Actions apply in file order, multiplicatively; what each
avoids is the drop it makes at its turn, so the actions' avoided tCO2e add up to baseline − plan.
A target's path is linear from the base-year value (of its selection) to (1 − reduction) × base.
Every step is a whole-column operation; the loop runs over years and actions only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from achats_durables.core.errors import ConfigError, Issue, Location
from achats_durables.footprint.emissions import factor_values
from achats_durables.footprint.report import FootprintReport
from achats_durables.knowledge.factors import Factor, PriceIndex
from achats_durables.knowledge.plan import Plan, PlanAction
from achats_durables.planning.selection import condition_frame, select


@dataclass(frozen=True)
class BaseLines:
    """The counted lines of the base-year footprint, as arrays."""

    frame: pd.DataFrame
    emissions_kg: np.ndarray
    spend: np.ndarray
    contract: np.ndarray  # normalised contract number ("" for none)


@dataclass(frozen=True)
class Simulation:
    """Per year (base to horizon) the plan's emissions, per action what it avoided."""

    years: list[int]
    baseline_kg: np.ndarray  # per year
    plan_kg: np.ndarray  # per year
    avoided_kg: np.ndarray  # action × year
    line_kg: np.ndarray  # year × line: each line's emissions with the plan (growth included)
    masks: list[np.ndarray]  # per action: the lines it selects
    starts: list[np.ndarray]  # per action: each line's start year (renewal: its contract's)


def base_lines(report: FootprintReport) -> BaseLines:
    from achats_durables.contracts.refs import normalize_ref

    lines = report.lines
    counted = (lines["status"] == "mapped").to_numpy(dtype=bool)
    frame = lines[counted].reset_index(drop=True)
    refs = frame["contract_ref"].astype(object).where(frame["contract_ref"].notna(), "")
    return BaseLines(
        frame=frame,
        emissions_kg=frame["emissions_kgco2e"].to_numpy(dtype="float64"),
        spend=frame["amount_excl_vat_eur"].to_numpy(dtype="float64"),
        contract=normalize_ref(refs.astype(str)).to_numpy(dtype=object),
    )


def simulate(
    plan: Plan,
    base: BaseLines,
    renewals: Mapping[str, int],
    factors: Mapping[str, Factor],
    index: PriceIndex,
    issues: list[Issue],
) -> Simulation:
    """Apply the plan to the base lines, year by year (see module doc).

    ``renewals``: normalised contract number → its renewal year (the year after its end date).
    """
    years = plan.years
    conditions = condition_frame(base.frame)
    masks = [select(base.frame, conditions, a.when) for a in plan.actions]
    starts = [
        _starts(plan, a, m, base, renewals, issues)
        for a, m in zip(plan.actions, masks, strict=True)
    ]
    values = [_substitute_value(plan, a, factors, index) for a in plan.actions]
    n_years, n = len(years), len(base.emissions_kg)
    avoided = np.zeros((len(plan.actions), n_years))
    line_kg = np.zeros((n_years, n))
    baseline = np.zeros(n_years)
    for k, year in enumerate(years):
        grow = (1.0 + plan.growth) ** (year - plan.base_year)
        e, s = base.emissions_kg.copy(), base.spend.copy()
        for i, action in enumerate(plan.actions):
            before = float(e.sum())
            r = _ramp(action, year, starts[i])
            _apply(action, masks[i], r, e, s, values[i])
            avoided[i, k] = (before - float(e.sum())) * grow
        baseline[k] = float(base.emissions_kg.sum()) * grow
        line_kg[k] = e * grow
    plan_kg = line_kg.sum(axis=1)
    return Simulation(years, baseline, plan_kg, avoided, line_kg, masks, starts)


def _apply(
    action: PlanAction, mask: np.ndarray, r: np.ndarray, e: np.ndarray, s: np.ndarray, value: float
) -> None:
    """One action on the selected lines, in place (``r``: each line's ramp share this year)."""
    sel = mask & (r > 0)
    if not sel.any():
        return
    rs = r[sel]
    if action.kind == "emissions":
        e[sel] *= 1.0 + rs * action.effect
    elif action.kind == "spend":
        e[sel] *= 1.0 + rs * action.effect
        s[sel] *= 1.0 + rs * action.effect
    else:  # substitute: r·share of the spend moves to another ratio per k€
        moved = s[sel] * rs * action.effect
        e[sel] = e[sel] * (1.0 - rs * action.effect) + moved / 1000.0 * value


def _ramp(action: PlanAction, year: int, starts: np.ndarray) -> np.ndarray:
    """Each line's share of the action's full effect in ``year``."""
    if action.start is not None:
        return np.full(len(starts), action.ramp(year, action.start))
    return (starts <= year).astype(float)  # renewal: full from the renewal year


def _starts(
    plan: Plan,
    action: PlanAction,
    mask: np.ndarray,
    base: BaseLines,
    renewals: Mapping[str, int],
    issues: list[Issue],
) -> np.ndarray:
    """Each line's start year: the action's, or for ``renewal`` its contract's renewal year (a
    line outside any contract: the year after the base year, said in a warning)."""
    n = len(mask)
    if action.start is not None:
        return np.full(n, action.start, dtype=np.int64)
    refs = base.contract
    off_contract = mask & (refs == "")
    codes, uniques = pd.factorize(refs)
    year = np.array([renewals.get(u, -1) for u in uniques], dtype=np.int64)[codes]
    missing = mask & ~off_contract & (year < 0)
    if missing.any():
        first = str(base.frame.loc[np.flatnonzero(missing)[0], "contract_ref"])
        raise ConfigError(
            "plan-renewal-no-end-date",
            Location(plan.path),
            action=action.id,
            contract=first,
            count=len(pd.unique(refs[missing])),
        )
    earliest = plan.base_year + 1
    if off_contract.any():
        params = {
            "action": action.id,
            "lines": int(off_contract.sum()),
            "spend": float(base.spend[off_contract].sum()),
            "year": earliest,
        }
        issues.append(Issue("plan-renewal-off-contract", params, Location(plan.path)))
    return np.where(off_contract | (year < earliest), earliest, year)


def _substitute_value(
    plan: Plan, action: PlanAction, factors: Mapping[str, Factor], index: PriceIndex
) -> float:
    """kgCO2e per k€ HT of the base year's euros for the substitution factor (0 otherwise)."""
    if action.kind != "substitute" or action.substitute_factor is None:
        return 0.0
    fid = action.substitute_factor
    scratch: list[Issue] = []
    value, _euro_year, ratio, _ = factor_values(
        np.zeros(1, dtype=np.int64), np.array([float(plan.base_year)]), [fid], dict(factors),
        index, scratch,
    )  # fmt: skip
    return float(value[0] * ratio[0])


def renewal_years(ends: Mapping[str, tuple[str | None, str, bool | None]]) -> dict[str, int]:
    """Normalised contract number → the year after its end date (from :func:`end_dates`)."""
    return {ref: int(end[:4]) + 1 for ref, (end, _entity, _env) in ends.items() if end}


def end_dates(contracts: pd.DataFrame | None) -> dict[str, tuple[str | None, str, bool | None]]:
    """Normalised contract number → (ISO end date or None, entity, environmental consideration
    or None when the register does not say). A number on several rows (lots, amendments) keeps
    its latest end date: the one its renewal waits for."""
    if contracts is None or contracts.empty:
        return {}
    from achats_durables.contracts.refs import normalize_ref

    ends = pd.to_datetime(contracts["end_date"], errors="coerce")
    refs = normalize_ref(contracts["contract_ref"].astype(object).fillna("").astype(str))
    entity = contracts["entity"].astype(object).fillna("").astype(str)
    env = (
        contracts["has_environmental"].astype(object)
        if "has_environmental" in contracts
        else pd.Series([None] * len(contracts), dtype=object)
    )
    out: dict[str, tuple[str | None, str, bool | None]] = {}
    for ref, end, ent, has_env in zip(refs, ends, entity, env, strict=True):
        day = None if pd.isna(end) else dt.date.isoformat(end.date())
        known = None if has_env is None or pd.isna(has_env) else bool(has_env)
        before = out.get(str(ref))
        if ref and (before is None or (day is not None and (before[0] is None or day > before[0]))):
            out[str(ref)] = (day, str(ent), known)
    return out


def target_path(
    base: float, points: Sequence[tuple[int, float]], base_year: int, year: int
) -> float:
    """The value in ``year`` of a path linear from (base_year, base) through ``points`` (year,
    value), flat after the last one."""
    previous_year, previous = base_year, base
    for target_year, value in sorted(points):
        if year <= target_year:
            if target_year == previous_year:
                return value
            t = (year - previous_year) / (target_year - previous_year)
            return previous + t * (value - previous)
        previous_year, previous = target_year, value
    return previous
