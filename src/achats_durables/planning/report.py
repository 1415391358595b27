"""The plan report: data only (trajectory, actions, targets, issues); writers render it.

JSON field names follow issue 13 (``schema: "achats.plan/1"``). Figures are raw numbers; the
writers format them for the language asked.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from achats_durables.core.errors import Issue

SCHEMA = "achats.plan/1"
# how a year's actual footprint stands against the plan (follow-up), in display order
FOLLOWUP = ("ahead", "on_track", "behind")
ON_TRACK_TOLERANCE = 0.01  # within 1 % of the plan: « dans la trajectoire »


@dataclass(frozen=True)
class YearPoint:
    """One year of the trajectory (tCO2e)."""

    year: int
    baseline_tco2e: float  # without the plan: the base year grown by ``baseline.growth``
    plan_tco2e: float  # with every action of the plan
    plan_low_tco2e: float  # the plan with the base footprint's relative uncertainty carried
    plan_high_tco2e: float
    target_tco2e: float | None  # the path of the total target (None without one)
    actual_tco2e: float | None  # the footprint of that year, when the config gives its ledgers
    followup: str | None = None  # one of FOLLOWUP when ``actual_tco2e`` is known (not the base)


@dataclass(frozen=True)
class ContractRef:
    """A contract an action names or reaches, with its renewal."""

    contract_ref: str
    entity: str
    end_date: str | None  # ISO date from the register, None when not known
    renewal_year: int | None  # the year after the end date
    spend_excl_vat_eur: float  # base-year spend of the action's selection under this contract
    # the register gives it an environmental consideration (clause, criterion); None: unknown
    environmental: bool | None = None


@dataclass(frozen=True)
class ActionFollowup:
    """What is measurable of an action in a later year: its selection's actual tCO2e."""

    year: int
    selection_actual_tco2e: float
    selection_plan_tco2e: float
    followup: str  # one of FOLLOWUP


@dataclass(frozen=True)
class ActionResult:
    """One action of the plan and what it avoids."""

    id: str
    label: str
    kind: str  # "emissions", "spend" or "substitute"
    effect: float  # x of ``emissions: x`` / ``spend: x``, the share of ``substitute``
    substitute_factor: str | None
    start: int | None  # first year with an effect (None: « renewal », per contract)
    full: int | None  # full effect from this year
    renewal: bool  # ``start: renewal``: each contract's year after its end date
    estimated: bool  # False for an action whose effect is still to estimate (0)
    selection_lines: int
    selection_spend_eur: float
    selection_tco2e: float
    avoided_tco2e: dict[int, float]  # per year, base to horizon
    avoided_tco2e_horizon: float  # cumulated from the base year to the horizon
    gap_share: float | None  # share of the total target's gap (plan-less) it closes, None if none
    overlaps: list[str] = field(default_factory=list)  # ids of actions sharing lines with it
    contracts: list[ContractRef] = field(default_factory=list)
    followup: list[ActionFollowup] = field(default_factory=list)


@dataclass(frozen=True)
class TargetResult:
    """One target: its path and whether the plan meets it in its year."""

    id: str
    label: str
    year: int
    reduction: float  # against the base year, 0-1
    partial: bool  # the target is on part of the footprint (``when``)
    base_tco2e: float
    target_tco2e: float  # (1 − reduction) × base
    plan_tco2e: float  # the plan in the target's year, on the target's selection
    met: bool
    gap_tco2e: float  # plan − target in the target's year (> 0: short of the target)
    path: dict[int, float] = field(default_factory=dict)  # linear, base year to target year


@dataclass(frozen=True)
class PlanReport:
    base_year: int
    horizon: int
    growth: float
    plan_file: dict[str, Any]  # path, sha256
    footprint_inputs: list[dict[str, Any]]  # the base year's ledgers (path, sha256, rows)
    base_tco2e: float
    base_uncertainty_tco2e: float
    trajectory: list[YearPoint]
    actions: list[ActionResult]  # ranked by tCO2e avoided at the horizon, largest first
    targets: list[TargetResult]
    issues: list[Issue]
    tool_version: str = ""

    def point(self, year: int) -> YearPoint:
        return next(p for p in self.trajectory if p.year == year)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The JSON report (issue 13 field names), deterministic for identical inputs."""
        return {
            "schema": SCHEMA,
            "tool_version": self.tool_version,
            "plan_file": self.plan_file,
            "footprint_inputs": self.footprint_inputs,
            "base_year": self.base_year,
            "horizon": self.horizon,
            "growth": self.growth,
            "base_tco2e": round(self.base_tco2e, 6),
            "base_uncertainty_tco2e": round(self.base_uncertainty_tco2e, 6),
            "trajectory": [_rounded(asdict(p)) for p in self.trajectory],
            "actions": [_action_dict(a) for a in self.actions],
            "targets": [_rounded(asdict(t)) for t in self.targets],
            "issues": [i.to_dict(lang) for i in self.issues],
        }


def _action_dict(a: ActionResult) -> dict[str, Any]:
    out: dict[str, Any] = _rounded(asdict(a))
    out["avoided_tco2e"] = {str(y): round(v, 6) for y, v in a.avoided_tco2e.items()}
    return out


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {(str(k) if isinstance(k, int) else k): _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value
