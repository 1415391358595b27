"""Model of the plan file (``plan.yaml``, issue 13): base year, horizon, targets, actions."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from achats_durables.core.text import fold
from achats_durables.core.validation import schema_fault
from achats_durables.knowledge.rules import PATTERNS
from achats_durables.knowledge.schemas.common import Integer, Model, Number, Text, share
from achats_durables.knowledge.schemas.mapping import Condition, _condition

# the mapping-rule conditions, plus the factor and the BEGES post of the footprint's lines
Selector = Literal[
    "account", "cpv", "supplier_siret", "label", "supplier", "entity", "contract", "nomenclature",
    "factor", "beges",
]  # fmt: skip
Year = Annotated[Integer, Field(ge=1990, le=2100)]
Reduction = Annotated[float, BeforeValidator(lambda v: share(v, "0.30")), Field(ge=0, le=1)]
# an effect: −1 removes it all, 0 is « to estimate », positive values add
Effect = Annotated[Number, Field(ge=-1, le=10)]
CONDITIONS = set(Condition.__args__)  # type: ignore[attr-defined]


def _selector(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise schema_fault("expect-condition")
    out = {}
    for key, text in value.items():
        out[key] = _condition(key, text) if key in CONDITIONS else text.strip()
        if key in PATTERNS:
            try:
                re.compile(fold(out[key]))
            except re.error as exc:
                raise schema_fault(
                    "rule-regex-invalid",
                    (key,),
                    error_code="rule-regex-invalid",
                    rule="",
                    pattern=out[key],
                    detail=str(exc),
                ) from None
    return out


class BaselineModel(Model):
    growth: Number = 0.0  # yearly change of the spend volume without the plan


class TargetModel(Model):
    id: Text
    label: Text | None = None
    reduction: Reduction
    year: Year
    when: dict[Selector, Text] | None = None

    @field_validator("when")
    @classmethod
    def _when(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        return None if value is None else _selector(value)


class SubstituteModel(Model):
    factor: Text
    share: Annotated[Number, Field(gt=0, le=1)]


class EffectModel(Model):
    emissions: Effect | None = None
    spend: Effect | None = None
    substitute: SubstituteModel | None = None

    @model_validator(mode="after")
    def _one(self) -> EffectModel:
        if sum(v is not None for v in (self.emissions, self.spend, self.substitute)) != 1:
            raise schema_fault("expect-one-effect")
        return self


class ActionModel(Model):
    id: Text
    label: Text | None = None
    when: dict[Selector, Text]
    effect: EffectModel
    start: Year | Literal["renewal"]
    full: Year | None = None

    @field_validator("when")
    @classmethod
    def _when(cls, value: dict[str, str]) -> dict[str, str]:
        return _selector(value)

    @model_validator(mode="after")
    def _ramp(self) -> ActionModel:
        if self.full is not None and isinstance(self.start, int) and self.full < self.start:
            raise schema_fault("expect-full-after-start", ("full",), start=self.start)
        if self.full is not None and self.start == "renewal":
            raise schema_fault("expect-no-full-on-renewal", ("full",))
        return self


class PlanModel(Model):
    base_year: Year
    horizon: Year
    baseline: BaselineModel = Field(default_factory=BaselineModel)
    targets: list[TargetModel] = Field(default_factory=list)
    actions: list[ActionModel] = Field(default_factory=list)

    @model_validator(mode="after")
    def _years(self) -> PlanModel:
        if self.horizon <= self.base_year:
            raise schema_fault("expect-horizon-after-base", ("horizon",), base=self.base_year)
        for i, t in enumerate(self.targets):
            if not self.base_year < t.year <= self.horizon:
                raise schema_fault(
                    "expect-target-year", ("targets", i, "year"), base=self.base_year,
                    horizon=self.horizon,
                )  # fmt: skip
        for i, a in enumerate(self.actions):
            if isinstance(a.start, int) and not self.base_year <= a.start <= self.horizon:
                raise schema_fault(
                    "expect-action-year", ("actions", i, "start"), base=self.base_year,
                    horizon=self.horizon,
                )  # fmt: skip
        _unique([t.id for t in self.targets], "targets")
        _unique([a.id for a in self.actions], "actions")
        return self


def _unique(ids: list[str], key: str) -> None:
    seen: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if ident in seen:
            raise schema_fault("expect-duplicate-id", (key, i, "id"), found=ident)
        seen[ident] = i
