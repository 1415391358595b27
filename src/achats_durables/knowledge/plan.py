"""The plan file (``plan.yaml``, issue 13): targets and actions over the base-year footprint.

Validated by the model of :mod:`.schemas.plan` (a wrong key or value is a located French
error, exit 3), then checked against the factor sets loaded: a factor a selector or a
substitution names must exist, and a substitution's factor must be a ratio per k€ HT (the spend
moves to it, counted with the footprint's euro-year rules).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from achats_durables.core.errors import ConfigError
from achats_durables.core.validation import validate
from achats_durables.core.yamlio import YamlSource
from achats_durables.knowledge.factors import Factor


@dataclass(frozen=True)
class PlanTarget:
    id: str
    label: str
    reduction: float
    year: int
    when: dict[str, str] | None  # None: the whole footprint


@dataclass(frozen=True)
class PlanAction:
    id: str
    label: str
    when: dict[str, str]
    kind: str  # "emissions", "spend" or "substitute"
    effect: float  # x of emissions/spend, the share moved by substitute
    substitute_factor: str | None
    start: int | None  # None: « renewal »
    full: int | None

    @property
    def renewal(self) -> bool:
        return self.start is None

    def ramp(self, year: int, start: int) -> float:
        """The share of the full effect in ``year`` for an effect starting in ``start``: 0
        before, (y − start + 1) / (full − start + 1) up to ``full``, 1 after."""
        if year < start:
            return 0.0
        full = self.full if self.full is not None else start
        if year >= full:
            return 1.0
        return (year - start + 1) / (full - start + 1)


@dataclass(frozen=True)
class Plan:
    path: str
    sha256: str
    base_year: int
    horizon: int
    growth: float
    targets: tuple[PlanTarget, ...]
    actions: tuple[PlanAction, ...]

    @property
    def years(self) -> list[int]:
        return list(range(self.base_year, self.horizon + 1))


def load_plan(path: Path | str, factors: dict[str, Factor]) -> Plan:
    """The plan of ``path``, validated and checked against ``factors`` (see module doc)."""
    from achats_durables.knowledge.schemas.plan import PlanModel

    path = Path(path)
    source = YamlSource.read(path, ConfigError)
    if source.doc is None:
        source.doc = {}
    model = validate(PlanModel, source, ConfigError)
    _check_factors(model, source, factors)
    return Plan(
        path=str(path),
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        base_year=model.base_year,
        horizon=model.horizon,
        growth=float(model.baseline.growth),
        targets=tuple(
            PlanTarget(t.id, t.label or t.id, float(t.reduction), t.year, _plain(t.when))
            for t in model.targets
        ),
        actions=tuple(_action(a) for a in model.actions),
    )


def _plain(when: Any) -> dict[str, str] | None:
    return {str(k): str(v) for k, v in when.items()} if when else None


def _action(a: Any) -> PlanAction:
    e = a.effect
    if e.substitute is not None:
        kind, value, factor = "substitute", float(e.substitute.share), e.substitute.factor
    elif e.spend is not None:
        kind, value, factor = "spend", float(e.spend), None
    else:
        kind, value, factor = "emissions", float(e.emissions), None
    start = None if a.start == "renewal" else int(a.start)
    return PlanAction(
        a.id, a.label or a.id, _plain(a.when) or {}, kind, value, factor, start, a.full
    )


def _check_factors(model: Any, source: YamlSource, factors: dict[str, Factor]) -> None:
    """Every factor named must be loaded; a substitution's must be a ratio per k€ HT."""
    from achats_durables.i18n.messages import Text

    def bad(parts: tuple[str | int, ...], code: str, **params: object) -> ConfigError:
        error = source.error(ConfigError, parts, "yaml-invalid", detail=Text(code, **params))
        assert isinstance(error, ConfigError)
        return error

    for key, items in (("targets", model.targets), ("actions", model.actions)):
        for i, item in enumerate(items):
            factor = (item.when or {}).get("factor")
            # « activity:… » keys a footprint group of activity rows of several factors
            if factor is not None and factor not in factors and not factor.startswith("activity:"):
                raise bad((key, i, "when", "factor"), "plan-factor-unknown", factor=factor)
    for i, a in enumerate(model.actions):
        if a.effect.substitute is None:
            continue
        fid = a.effect.substitute.factor
        parts = ("actions", i, "effect", "substitute", "factor")
        if fid not in factors:
            raise bad(parts, "plan-factor-unknown", factor=fid)
        if factors[fid].kind != "monetary":
            raise bad(parts, "plan-substitute-not-monetary", factor=fid, unit=factors[fid].unit)
