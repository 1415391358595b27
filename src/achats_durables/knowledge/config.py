"""``achats.yaml``: the validated configuration (model in :mod:`.schemas.config`; unknown keys
and wrong types become located French errors: file, line, key path, expected, found)."""

from __future__ import annotations

import glob
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from achats_durables.core.errors import ConfigError
from achats_durables.core.validation import validate
from achats_durables.core.yamlio import YamlSource
from achats_durables.knowledge.agec import AgecSettings, agec_settings
from achats_durables.knowledge.entities import GROUP_FOLDER, entity_folder

if TYPE_CHECKING:
    from achats_durables.knowledge.schemas.config import ConfigModel, YearModel

DEFAULT_VAT_RATE = 0.20


@dataclass(frozen=True)
class Count:
    """A population or a headcount and its source."""

    value: int
    source: str
    year: int

    def to_dict(self) -> dict[str, object]:
        return {"value": self.value, "source": self.source, "year": self.year}


@dataclass(frozen=True)
class Entity:
    name: str
    siren: str = ""
    group: str = ""
    population: Count | None = None
    agents: Count | None = None
    siret: str = ""  # the buyer's SIRET (AGEC art. 58 declaration)


@dataclass(frozen=True)
class YearInputs:
    """The files of one fiscal year (globs already expanded, relative to the config)."""

    ledgers: tuple[str, ...] = ()
    contracts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trajectory:
    """PCAET trajectory: emissions of the base year reduced by a fixed share each year."""

    base_year: int
    yearly_reduction: float
    target_year: int
    base_emissions_tco2e: float | None = None

    def target_for(self, year: int, base_emissions: float) -> float:
        """Target emissions of ``year``: base × (1 − reduction)^(year − base_year)."""
        return base_emissions * (1.0 - self.yearly_reduction) ** (year - self.base_year)


@dataclass(frozen=True)
class Config:
    path: str | None = None
    default_vat_rate: float = DEFAULT_VAT_RATE
    group_sirens: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = ()
    factors: tuple[str, ...] = ()
    mappings: tuple[str, ...] = ()
    columns: Mapping[str, str] = field(default_factory=dict)
    # contract registers: register field → header as written (header_synonyms.REGISTER_SYNONYMS)
    contract_columns: Mapping[str, str] = field(default_factory=dict)
    max_unmapped: float | None = None
    clause_targets: Mapping[str, float] = field(default_factory=dict)
    output: str = "rapports"
    amortisation_years: int | None = None
    years: Mapping[int, YearInputs] = field(default_factory=dict)
    trajectory: Trajectory | None = None
    # the user's own energy prices (€ HT per kWh or litre), to estimate quantities from spend
    energy_prices: tuple[tuple[str, float], ...] = ()
    energy_prices_source: str = ""
    # mapping-rule ids confirmed by the finance team (``validated: [m57-6064-papier, …]``)
    validated_rules: tuple[str, ...] = ()
    # the supplier file (``suppliers: fournisseurs.yaml``), relative to the config
    suppliers: str | None = None
    # the activity-data files (``activities: activites.xlsx``), relative to the config
    activities: tuple[str, ...] = ()
    # the action plan (``plan: plan.yaml``), relative to the config
    plan: str | None = None
    # the fiches acheteurs' own advice (``advice: conseils-locaux.yaml``), relative to the config
    advice: str | None = None
    # the group's population and staff, for the per-inhabitant and per-agent figures
    group_population: Count | None = None
    group_agents: Count | None = None
    # achats agec: the user's category rules, reuse suppliers, targets and gifts
    agec: AgecSettings = field(default_factory=AgecSettings)

    def output_dir(self) -> Path:
        return self.resolve(self.output)

    def resolve(self, value: str) -> Path:
        """A path of the config, relative to the config file's folder."""
        p = Path(value)
        if not p.is_absolute() and self.path:
            p = Path(self.path).parent / p
        return p


def load_config(path: Path | str) -> Config:
    """Read and validate ``achats.yaml``; the files it names must exist (globs must match)."""
    from achats_durables.knowledge.schemas.config import ConfigModel

    path = Path(path)
    source = YamlSource.read(path, ConfigError)
    if source.doc is None:
        source.doc = {}
    model = validate(ConfigModel, source, ConfigError)
    config = replace(_config(model, str(path)), agec=agec_settings(source, model.agec))
    named = (("factors", config.factors), ("mappings", config.mappings))
    for key, values in (*named, ("activities", config.activities)):
        for i, v in enumerate(values):
            if not config.resolve(v).exists():
                raise _bad(source, (key, i), "expect-file", found=v)
    for i, v in enumerate(config.agec.rules):
        if not config.resolve(v).is_file():
            raise _bad(source, ("agec", "rules", i), "expect-file", found=v)
    for key, value in (
        ("suppliers", config.suppliers),
        ("plan", config.plan),
        ("advice", config.advice),
    ):
        if value is not None and not config.resolve(value).exists():
            raise _bad(source, (key,), "expect-file", found=value)
    years = {
        year: _year_inputs(spec, year, config, source) for year, spec in (model.years or {}).items()
    }
    return replace(config, years=years)


def _config(model: ConfigModel, path: str) -> Config:
    entities = tuple(
        Entity(e.name, e.siren, e.group, _count(e.population), _count(e.agents), e.siret)
        for e in model.entities or []
    )
    sirens = list(model.group_sirens)
    sirens += [e.siren for e in entities if e.siren and e.siren not in sirens]
    targets = model.targets
    clause_targets: dict[str, float] = {}
    trajectory = None
    if targets is not None:
        for name in ("social", "environmental", "spaser_threshold_eur"):
            value = getattr(targets, name)
            if value is not None:
                clause_targets[name] = float(value)
        if targets.pcaet is not None:
            t = targets.pcaet
            trajectory = Trajectory(
                t.base_year, t.yearly_reduction, t.target_year, t.base_emissions_tco2e
            )
    prices = dict(model.energy_prices or {})
    source = str(prices.pop("source", "") or "")
    return Config(
        path=path,
        default_vat_rate=model.default_vat_rate,
        group_sirens=tuple(sirens),
        entities=entities,
        factors=tuple(model.factors),
        mappings=tuple(model.mappings),
        columns=dict(model.columns or {}),
        contract_columns=dict(model.contract_columns or {}),
        max_unmapped=model.max_unmapped,
        clause_targets=clause_targets,
        output=model.output,
        amortisation_years=model.amortisation_years,
        trajectory=trajectory,
        energy_prices=tuple(sorted((str(k), float(v)) for k, v in prices.items())),
        energy_prices_source=source,
        validated_rules=tuple(dict.fromkeys(model.validated)),
        suppliers=model.suppliers,
        activities=tuple(model.activities),
        plan=model.plan,
        advice=model.advice,
        group_population=_count(model.group_population),
        group_agents=_count(model.group_agents),
    )


def _count(model: Any) -> Count | None:
    return None if model is None else Count(int(model.value), str(model.source), int(model.year))


def _bad(
    source: YamlSource, parts: tuple[str | int, ...], code: str, **params: object
) -> ConfigError:
    from achats_durables.i18n.messages import Text

    error = source.error(ConfigError, parts, "yaml-invalid", detail=Text(code, **params))
    assert isinstance(error, ConfigError)
    return error


def _year_inputs(spec: YearModel, year: int, config: Config, source: YamlSource) -> YearInputs:
    """The files of one year: each pattern, relative to the config, must match a file."""
    found: dict[str, tuple[str, ...]] = {}
    for kind, patterns in (("ledgers", spec.ledgers), ("contracts", spec.contracts)):
        paths: list[str] = []
        for i, text in enumerate(patterns):
            full = config.resolve(text)
            matches = (
                sorted(glob.glob(str(full)))
                if glob.has_magic(text)
                else ([str(full)] if full.exists() else [])
            )
            if not matches:
                raise _bad(
                    source,
                    ("years", year, kind, i),
                    "expect-glob",
                    found=f"« {text} »",
                    folder=str(full.parent),
                )
            paths.extend(matches)
        found[kind] = tuple(paths)
    return YearInputs(ledgers=found["ledgers"], contracts=found["contracts"])


__all__ = [
    "DEFAULT_VAT_RATE",
    "GROUP_FOLDER",
    "Config",
    "Entity",
    "Trajectory",
    "YearInputs",
    "entity_folder",
    "load_config",
]
