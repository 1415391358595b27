"""Model of mapping-rule files (``factors/mappings/*.yaml``, the user's ``--mapping`` files)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import PrivateAttr, field_validator, model_validator

from achats_durables.core.text import CARRIERS, PHYSICAL_UNITS, fold
from achats_durables.core.validation import schema_fault
from achats_durables.knowledge.rules import PATTERNS
from achats_durables.knowledge.schemas.common import Model, NonNegative, Text

Condition = Literal[
    "account", "cpv", "supplier_siret", "label", "supplier", "entity", "contract", "nomenclature"
]
if TYPE_CHECKING:
    PhysicalUnit = str
else:  # the units allowed, listed in the message of an unknown one
    PhysicalUnit = Literal[PHYSICAL_UNITS]
_DIGITS = ("account", "cpv", "supplier_siret")
_SEPARATORS = re.compile(r"[\s.\-]")
_NOMENCLATURE = re.compile(r"M\d+")


def _condition(cond: str, raw: str) -> str:
    """A condition's value as compared: digits only for codes, upper case for a nomenclature."""
    text = raw.strip()
    if cond in _DIGITS:
        text = _SEPARATORS.sub("", text)
        if not text.isdigit():
            raise schema_fault("expect-digits", (cond,))
        if cond == "supplier_siret" and len(text) not in (9, 14):
            raise schema_fault("expect-siren-siret", (cond,))
    elif cond == "nomenclature":
        text = text.upper()
        if not _NOMENCLATURE.fullmatch(text):
            raise schema_fault("expect-nomenclature", (cond,))
    return text


def checked_when(value: dict[str, str]) -> dict[str, str]:
    """A rule's conditions as compared (at least one; codes as digits, nomenclature upper case)."""
    if not value:
        raise schema_fault("expect-condition")
    return {cond: _condition(cond, text) for cond, text in value.items()}


def compiled_patterns(when: Mapping[Any, str], rule_id: str | None) -> dict[str, re.Pattern[str]]:
    """The label/supplier conditions of a rule compiled on folded text (a located error if one
    is not a valid regular expression)."""
    out: dict[str, re.Pattern[str]] = {}
    for cond in PATTERNS:
        if cond in when:
            try:
                out[cond] = re.compile(fold(when[cond]))
            except re.error as exc:
                raise schema_fault(
                    "rule-regex-invalid",
                    ("when", cond),
                    error_code="rule-regex-invalid",
                    rule=rule_id or "",
                    pattern=when[cond],
                    detail=str(exc),
                ) from None
    return out


class RuleModel(Model):
    id: Text | None = None
    when: dict[Condition, Text]
    factor: Text | None = None
    exclude: Text | None = None
    proxy: bool = False
    uncertainty: NonNegative | None = None
    status: Text | None = None
    note: Text | None = None
    label: Text | None = None
    beges: Text | None = None
    vat_rate: NonNegative | None = None
    physical: dict[PhysicalUnit, Text] | None = None
    quantify: bool = False
    carrier: Text | None = None
    _patterns: dict[str, re.Pattern[str]] = PrivateAttr(default_factory=dict)

    @field_validator("when")
    @classmethod
    def _when(cls, value: dict[str, str]) -> dict[str, str]:
        return checked_when(value)

    @field_validator("quantify", mode="before")
    @classmethod
    def _strict_bool(cls, value: object) -> object:
        if not isinstance(value, bool):
            raise schema_fault("expect-bool")
        return value

    @model_validator(mode="after")
    def _action(self) -> RuleModel:
        actions = (self.factor is not None) + (self.exclude is not None) + self.quantify
        if actions != 1:
            raise schema_fault("expect-one-action")
        if self.carrier and self.carrier not in CARRIERS:
            raise schema_fault("expect-carrier", ("carrier",), choices=", ".join(CARRIERS))
        self._patterns.update(compiled_patterns(self.when, self.id))
        return self

    @property
    def patterns(self) -> dict[str, re.Pattern[str]]:
        return self._patterns


class RuleFileModel(Model):
    id: Text | None = None
    name: Text | None = None
    factor_set: Text | None = None
    source: Text | None = None
    status: Text = "valide"
    rules: list[RuleModel]
    licence: Text | None = None
    version: Text | None = None
