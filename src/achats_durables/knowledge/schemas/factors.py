"""Models of factor-set files (``factors/*.yaml``) and of the price index (``factors/indices/``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from achats_durables.core.validation import schema_fault
from achats_durables.knowledge.schemas.common import Integer, Model, NonNegative, Number, Text

Year = Integer


class FactorModel(Model):
    id: Text
    label: Text | None = None
    naf: Text | None = None
    kind: Literal["monetary", "physical"] = "monetary"
    type: Text | None = None
    unit: Text | None = None
    values: dict[Year, NonNegative] | None = None
    value: NonNegative | None = None
    beges: Text
    refs: dict[int, Text] | None = None
    ref: Text | None = None
    uncertainty: NonNegative | None = None
    note: Text | None = None
    upstream: NonNegative | None = None
    upstream_values: dict[Any, NonNegative] | None = None
    upstream_beges: Text | None = None

    @model_validator(mode="after")
    def _amounts(self) -> FactorModel:
        dated = self.kind == "monetary" or self.values is not None
        if dated and self.values is None:
            raise schema_fault("expect-table", ("values",))
        if dated and not self.values:
            raise schema_fault("expect-year-values", ("values",))
        if not dated and self.value is None:
            raise schema_fault("expect-number", ("value",))
        self._check_upstream()
        return self

    def _check_upstream(self) -> None:
        """``upstream`` (one value) or ``upstream_values`` (the years of ``values``), each a part
        of the total, and the post it goes to."""
        if self.upstream is not None and (self.value is None or self.upstream > self.value):
            raise schema_fault("expect-upstream-part", ("upstream",))
        if self.upstream_values is not None:
            values = self.values or {}
            for year, part in self.upstream_values.items():
                if not isinstance(year, int) or year not in values:
                    raise schema_fault("expect-upstream-year", ("upstream_values", year))
                if part > values[year]:
                    raise schema_fault("expect-upstream-year-part", ("upstream_values", year))
            if set(self.upstream_values) != set(values):
                raise schema_fault("expect-upstream-all-years", ("upstream_values",))
        has_upstream = self.upstream is not None or bool(self.upstream_values)
        if has_upstream and self.upstream_beges is None:
            raise schema_fault("expect-text", ("upstream_beges",))


class FactorSetModel(Model):
    id: Text
    name: Text | None = None
    version: Text | None = None
    licence: Text | None = None
    source: Text | None = None
    year: Integer | None = None
    unit: Text | None = None
    uncertainty: NonNegative = 0.8
    factors: list[FactorModel]

    @model_validator(mode="after")
    def _unique_ids(self) -> FactorSetModel:
        seen: set[str] = set()
        for i, factor in enumerate(self.factors):
            if factor.id in seen:
                raise schema_fault("expect-duplicate-id", ("factors", i, "id"))
            seen.add(factor.id)
        return self


class PriceIndexModel(Model):
    id: Text
    name: Text | None = None
    source: Text | None = None
    licence: Text | None = None
    base_year: Number = 2015
    values: dict[Year, Annotated[float, Field(ge=0.0001, strict=True)]]
    derived: dict[int, Text] | None = None
