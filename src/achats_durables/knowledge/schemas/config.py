"""Model of ``achats.yaml`` (the workspace configuration)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from achats_durables.core.shares import parse_share
from achats_durables.core.text import CARRIERS
from achats_durables.core.validation import schema_fault
from achats_durables.knowledge.entities import GROUP_FOLDER, entity_folder
from achats_durables.knowledge.header_synonyms import SYNONYMS
from achats_durables.knowledge.register_synonyms import REGISTER_PROFILE_FIELDS
from achats_durables.knowledge.schemas.agec import AgecConfigModel
from achats_durables.knowledge.schemas.common import (
    Filled,
    Integer,
    Model,
    NonNegative,
    Text,
    TextList,
    Year,
    as_list,
    share,
)

DEFAULT_VAT_RATE = 0.20
if TYPE_CHECKING:
    ColumnField = str
    RegisterField = str
else:  # the keys allowed, listed in the message of an unknown one
    ColumnField = Literal[tuple(SYNONYMS)]
    RegisterField = Literal[tuple(REGISTER_PROFILE_FIELDS)]
RULE_ID = re.compile(r"[\w.:/-]+")


def _siren(value: Any) -> str:
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    if len(digits) not in (9, 14):
        raise schema_fault("expect-siren")
    return digits[:9]


Siren = Annotated[str, BeforeValidator(_siren)]


class CountModel(Model):
    """A population or a headcount, with where it comes from (« never an invented figure »)."""

    value: Annotated[Integer, Field(gt=0)]
    source: Filled
    year: Year


def _siret(value: Any) -> str:
    """A SIRET: 14 digits (spaces allowed) whose check digit is right (python-stdnum)."""
    from stdnum.fr import siret

    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise schema_fault("expect-siret")
    digits = str(value).replace(" ", "").replace("\u00a0", "")
    if len(digits) != 14 or not digits.isdigit():
        raise schema_fault("expect-siret")
    if not siret.is_valid(digits):
        raise schema_fault("expect-siret-checksum")
    return digits


class EntityModel(Model):
    name: Text
    siren: Text = ""
    # the buyer's SIRET (the AGEC art. 58 declaration names each buyer by it)
    siret: Annotated[Text, BeforeValidator(_siret)] = ""
    group: Text = ""
    population: CountModel | None = None  # inhabitants (INSEE population municipale…)
    agents: CountModel | None = None  # staff (bilan social, rapport social unique…)

    @field_validator("siren", mode="before")
    @classmethod
    def _siren(cls, value: Any) -> str:
        siren = "".join(ch for ch in str(value if value is not None else "") if ch.isdigit())
        if siren and len(siren) != 9:
            raise schema_fault("expect-siren")
        return siren

    @model_validator(mode="after")
    def _siret_of_siren(self) -> EntityModel:
        if self.siret and self.siren and self.siret[:9] != self.siren:
            raise schema_fault("expect-siret-of-siren", ("siret",), siren=self.siren)
        return self


class TrajectoryModel(Model):
    base_year: Year
    yearly_reduction: Annotated[float, BeforeValidator(lambda v: share(v, "0.04"))]
    target_year: Year
    base_emissions_tco2e: Annotated[float, Field(gt=0, strict=True)] | None = None

    @model_validator(mode="after")
    def _order(self) -> TrajectoryModel:
        if self.target_year <= self.base_year:
            raise schema_fault("expect-year-order", ("target_year",))
        return self


def _target_share(value: Any) -> float:
    # a target of 1 is 100 % (1 % would make no sense): « environmental: 1.0 »
    return share(value, "0.30", one_is_whole=True)


class TargetsModel(Model):
    social: Annotated[float, BeforeValidator(_target_share)] | None = None
    environmental: Annotated[float, BeforeValidator(_target_share)] | None = None
    spaser_threshold_eur: NonNegative | None = None
    pcaet: TrajectoryModel | None = None


class YearModel(Model):
    ledgers: TextList = Field(default_factory=list)
    contracts: TextList = Field(default_factory=list)


def _vat_rate(value: Any) -> float:
    try:
        rate = parse_share(value)
    except ValueError:
        raise schema_fault("expect-vat-rate") from None
    if rate > 0.3:
        raise schema_fault("expect-vat-range")
    return rate


def _energy_prices(value: Any) -> Any:
    """``{electricite: 0.21, gaz: 0.09, gazole: 1.45, source: "…"}``: € HT per kWh (electricity,
    gas in kWh PCS as invoiced, heat, wood) or per litre (fuels), and where they come from."""
    if not isinstance(value, dict):
        return value
    units = ", ".join(f"{c} (€ HT/{u})" for c, u in CARRIERS.items())
    for k, v in value.items():
        if k == "source":
            if isinstance(v, bool) or not isinstance(v, (str, int, float)):
                raise schema_fault("expect-text", (k,))
            continue
        if k not in CARRIERS:
            raise schema_fault("expect-energy", (k,), units=units)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 < v < 1000:
            raise schema_fault("expect-energy-price", (k,))
    if len(value) > ("source" in value) and not value.get("source"):
        raise schema_fault("expect-energy-source", ("source",))
    return value


class ConfigModel(Model):
    default_vat_rate: Annotated[float, BeforeValidator(_vat_rate)] = DEFAULT_VAT_RATE
    group_sirens: Annotated[list[Siren], BeforeValidator(as_list)] = Field(default_factory=list)
    entities: list[EntityModel] | None = None
    factors: TextList = Field(default_factory=list)
    mappings: TextList = Field(default_factory=list)
    columns: dict[ColumnField, Text] | None = None
    contract_columns: dict[RegisterField, Text] | None = None
    max_unmapped: Annotated[float, BeforeValidator(lambda v: share(v, "0.05"))] | None = None
    targets: TargetsModel | None = None
    output: Filled = "rapports"
    years: dict[Year, YearModel] | None = None
    amortisation_years: Annotated[Integer, Field(ge=1, le=100)] | None = None
    energy_prices: Annotated[dict[str, Any], BeforeValidator(_energy_prices)] | None = None
    validated: TextList = Field(default_factory=list)
    suppliers: Filled | None = None  # fournisseurs.yaml
    activities: TextList = Field(default_factory=list)  # activites.xlsx|csv
    plan: Filled | None = None  # plan.yaml (achats plan)
    # the collectivité's own advice for the fiches acheteurs (entries replace the shipped ones)
    advice: Filled | None = None
    # the group's territory and staff: inhabitants are never summed over entities that overlap
    group_population: CountModel | None = None
    group_agents: CountModel | None = None
    agec: AgecConfigModel | None = None  # achats agec: AGEC art. 58 rules, targets, gifts

    @field_validator("validated")
    @classmethod
    def _rule_ids(cls, value: list[str]) -> list[str]:
        ids = [rule.strip() for rule in value]  # « - ' cpv-30 ' » is the rule cpv-30
        for i, rule in enumerate(ids):
            if not RULE_ID.fullmatch(rule):
                raise schema_fault("expect-rule-id", (i,))
        return ids

    @model_validator(mode="after")
    def _entity_folders(self) -> ConfigModel:
        """Refuse entities whose report folders would collide (with each other, or with the
        consolidated report's folder when there are several entities)."""
        entities = self.entities or []
        taken: dict[str, str] = {GROUP_FOLDER: "Groupe (consolidé)"} if len(entities) > 1 else {}
        for i, entity in enumerate(entities):
            folder = entity_folder(entity.name)
            if folder in taken:
                raise schema_fault(
                    "config-entity-folder-clash",
                    ("entities", i, "name"),
                    error_code="config-entity-folder-clash",
                    name=entity.name,
                    other=taken[folder],
                    folder=folder,
                )
            taken[folder] = entity.name
        return self
