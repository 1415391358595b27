"""Models of the AGEC art. 58 files: the category rules (``factors/agec/categories.yaml``, the
user's ``agec: rules:``), the declaration's fields and categories (``declaration.yaml``), the
targets (``cibles-decret-2024-134.yaml``) and the ``agec:`` section of ``achats.yaml``.

Category labels are checked against the declaration's 17 labels by the loaders
(:mod:`achats_durables.knowledge.agec`), which know the file read.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PrivateAttr, field_validator, model_validator

from achats_durables.core.text import fold
from achats_durables.core.validation import schema_fault
from achats_durables.knowledge.schemas.common import (
    Filled,
    Model,
    Text,
    TextList,
    Year,
    as_list,
    share,
)
from achats_durables.knowledge.schemas.mapping import (
    Condition,
    checked_when,
    compiled_patterns,
)
from achats_durables.knowledge.schemas.suppliers import _siren


def _share(value: Any) -> float | None:
    """A share of 0–1 (« 0.2 », « 20 % », 20), or ``None`` (a target the user leaves empty)."""
    return None if value is None else share(value, "0.20", one_is_whole=True)


Share = Annotated[float | None, BeforeValidator(_share)]
Siren = Annotated[str, BeforeValidator(_siren)]


class AgecRuleModel(Model):
    id: Text | None = None
    when: dict[Condition, Text]
    category: Filled | None = None
    exclude: Filled | None = None
    note: Text | None = None
    label: Text | None = None
    status: Text | None = None
    _patterns: dict[str, re.Pattern[str]] = PrivateAttr(default_factory=dict)

    @field_validator("when")
    @classmethod
    def _when(cls, value: dict[str, str]) -> dict[str, str]:
        return checked_when(value)

    @model_validator(mode="after")
    def _action(self) -> AgecRuleModel:
        if (self.category is None) == (self.exclude is None):
            raise schema_fault("expect-agec-action")
        self._patterns.update(compiled_patterns(self.when, self.id))
        return self

    @property
    def patterns(self) -> dict[str, re.Pattern[str]]:
        return self._patterns


def _regex(value: Any) -> Any:
    if isinstance(value, str):
        try:
            re.compile(fold(value))
        except re.error as exc:
            raise schema_fault("expect-regex", detail=str(exc)) from None
    return value


Regex = Annotated[Text, BeforeValidator(_regex)]


class SignalsModel(Model):
    """Label keywords of reuse and recycled goods (folded regular expressions)."""

    reuse: Regex | None = None
    recycled: Regex | None = None


class AgecRuleFileModel(Model):
    id: Text | None = None
    name: Text | None = None
    source: Text | None = None
    status: Text = "proposition"
    licence: Text | None = None
    version: Text | None = None
    signals: SignalsModel | None = None
    rules: list[AgecRuleModel] = Field(default_factory=list)


class DeclarationFieldModel(Model):
    name: Text
    type: Literal["year", "string", "number"]
    required: bool
    pattern: Text | None = None
    description: Text = ""


class DeclarationModel(Model):
    source: Text
    name: Text
    version: Text
    fields: list[DeclarationFieldModel]
    categories: Annotated[list[Text], Field(min_length=1)]


class TargetRowModel(Model):
    category: Text
    year: Year
    reuse_pct: Annotated[float, Field(ge=0, le=100)] | None = None
    recycled_pct: Annotated[float, Field(ge=0, le=100)] | None = None
    products: Text = ""
    source: Text = ""
    remark: Text = ""


class TargetFileModel(Model):
    status: Text = ""
    targets: list[TargetRowModel]


class AgecTargetModel(Model):
    """A target of achats.yaml: sets or replaces the shipped one (``null``: no target)."""

    category: Filled
    year: Year
    reuse: Share = None
    recycled: Share = None
    source: Filled


class AgecGiftModel(Model):
    """Goods received as gifts, valued with the arrêté du 29 février 2024's flat-rate grid."""

    year: Year
    category: Filled
    amount: Annotated[float, Field(gt=0, strict=True)]
    source: Filled
    entity: Filled | None = None


class AgecConfigModel(Model):
    rules: TextList = Field(default_factory=list)  # the user's category rules (layer 0)
    reuse_suppliers: Annotated[list[Siren], BeforeValidator(as_list)] = Field(default_factory=list)
    recycled_suppliers: Annotated[list[Siren], BeforeValidator(as_list)] = Field(
        default_factory=list
    )
    # label keywords (« reconditionné », « recyclé »): shown apart; counted only when true
    count_label_signals: bool = False
    targets: list[AgecTargetModel] = Field(default_factory=list)
    gifts: list[AgecGiftModel] = Field(default_factory=list)

    @field_validator("count_label_signals", mode="before")
    @classmethod
    def _strict_bool(cls, value: object) -> object:
        if not isinstance(value, bool):
            raise schema_fault("expect-bool")
        return value


__all__ = [
    "AgecConfigModel",
    "AgecGiftModel",
    "AgecRuleFileModel",
    "AgecRuleModel",
    "AgecTargetModel",
    "DeclarationModel",
    "TargetFileModel",
]
