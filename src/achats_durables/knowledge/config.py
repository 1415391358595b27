"""``achats.yaml``: validated configuration (unknown keys, wrong types → located French errors)."""

from __future__ import annotations

import glob
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from achats_durables.core.errors import ConfigError, Location
from achats_durables.core.shares import parse_share
from achats_durables.core.text import CARRIERS, fold
from achats_durables.core.yamlio import parse_yaml
from achats_durables.knowledge.header_synonyms import REGISTER_PROFILE_FIELDS, SYNONYMS

DEFAULT_VAT_RATE = 0.20
GROUP_FOLDER = "groupe"  # the consolidated report's folder when there are several entities


def entity_folder(name: str) -> str:
    """The report folder of an entity: « Ville de Blois » → ``ville-de-blois``."""
    text = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
    return text or "entite"


@dataclass(frozen=True)
class Entity:
    name: str
    siren: str = ""
    group: str = ""


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
    # rule ids the finance team confirmed (``validated:``): no longer « à valider »
    validated_rules: tuple[str, ...] = ()

    def output_dir(self) -> Path:
        return self.resolve(self.output)

    def resolve(self, value: str) -> Path:
        """A path of the config, relative to the config file's folder."""
        p = Path(value)
        if not p.is_absolute() and self.path:
            p = Path(self.path).parent / p
        return p


_TOP_KEYS = {
    "default_vat_rate",
    "group_sirens",
    "entities",
    "factors",
    "mappings",
    "columns",
    "contract_columns",
    "max_unmapped",
    "targets",
    "output",
    "years",
    "amortisation_years",
    "energy_prices",
    "validated",
}
_TARGET_KEYS = {"social", "environmental", "spaser_threshold_eur", "pcaet"}
_PCAET_KEYS = {"base_year", "yearly_reduction", "target_year", "base_emissions_tco2e"}


class _Located:
    """Key path → line number, from the YAML node tree."""

    def __init__(self, text: str) -> None:
        self.lines: dict[str, int] = {}
        try:
            node = yaml.compose(text)
        except yaml.YAMLError:
            node = None
        if node is not None:
            self._walk(node, "")

    def _walk(self, node: yaml.Node, prefix: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = f"{prefix}.{k.value}" if prefix else str(k.value)
                self.lines[key] = k.start_mark.line + 1
                self._walk(v, key)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                key = f"{prefix}[{i}]"
                self.lines[key] = v.start_mark.line + 1
                self._walk(v, key)

    def line(self, key: str) -> int | str:
        return self.lines.get(key, "?")


def _check_entity_folders(entities: list[Entity], errors: _Errors) -> None:
    """Refuse entities whose report folders would collide (with each other, or with the
    consolidated report's folder when there are several entities)."""
    taken: dict[str, str] = {GROUP_FOLDER: "Groupe (consolidé)"} if len(entities) > 1 else {}
    for i, entity in enumerate(entities):
        folder = entity_folder(entity.name)
        if folder in taken:
            key = f"entities[{i}].name"
            raise ConfigError(
                "config-entity-folder-clash",
                errors.loc,
                key=key,
                line=errors.where.line(key),
                name=entity.name,
                other=taken[folder],
                folder=folder,
            )
        taken[folder] = entity.name


class _Errors:
    """Configuration errors located by key path and YAML line."""

    def __init__(self, loc: Location, text: str) -> None:
        self.loc = loc
        self.where = _Located(text)

    def bad(self, key: str, detail: str) -> ConfigError:
        return ConfigError(
            "config-bad-type", self.loc, key=key, line=self.where.line(key), detail=detail
        )

    def share(
        self,
        value: Any,
        key: str,
        example: str,
        *,
        maximum: float = 1.0,
        one_is_whole: bool = False,
    ) -> float:
        """A share read by :func:`~achats_durables.core.shares.parse_share`, or a located error."""
        try:
            return parse_share(value, maximum=maximum, one_is_whole=one_is_whole)
        except ValueError:
            raise ConfigError(
                "config-share-invalid",
                self.loc,
                key=key,
                line=self.where.line(key),
                value=value,
                maximum=maximum,
                example=example,
                example_percent=float(example),
            ) from None

    def only_keys(self, table: Mapping[Any, Any], allowed: Iterable[str], prefix: str) -> None:
        """Refuse the first key of ``table`` that is not ``allowed``, naming its path and line."""
        allowed = set(allowed)
        for k in table:
            if k not in allowed:
                key = f"{prefix}.{k}" if prefix else str(k)
                raise ConfigError(
                    "config-unknown-key",
                    self.loc,
                    key=key,
                    line=self.where.line(key),
                    allowed=", ".join(sorted(allowed)),
                )


def load_config(path: Path | str) -> Config:
    path = Path(path)
    loc = Location(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError("file-not-found", loc) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError("yaml-unreadable", loc, detail=str(exc)) from exc
    doc = parse_yaml(text, path, ConfigError)
    doc = doc or {}
    errors = _Errors(loc, text)
    bad = errors.bad
    if not isinstance(doc, dict):
        raise bad("(document)", "une table (clé: valeur) est attendue")
    errors.only_keys(doc, _TOP_KEYS, "")
    try:
        vat = parse_share(doc.get("default_vat_rate", DEFAULT_VAT_RATE))
    except ValueError:
        raise bad("default_vat_rate", "un taux est attendu, par exemple 0.20 ou 20") from None
    if vat > 0.3:
        raise bad("default_vat_rate", "un taux entre 0 et 30 % est attendu")
    sirens: list[str] = []
    for i, s in enumerate(_list(doc.get("group_sirens", []), "group_sirens", bad)):
        digits = "".join(ch for ch in str(s) if ch.isdigit())
        if len(digits) not in (9, 14):
            raise bad(f"group_sirens[{i}]", f"un SIREN de 9 chiffres est attendu (lu : {s!r})")
        sirens.append(digits[:9])
    entities: list[Entity] = []
    for i, e in enumerate(_list(doc.get("entities", []), "entities", bad)):
        key = f"entities[{i}]"
        if not isinstance(e, dict) or "name" not in e:
            raise bad(key, "une table avec au moins « name » est attendue")
        errors.only_keys(e, {"name", "siren", "group"}, key)
        siren = "".join(ch for ch in str(e.get("siren", "")) if ch.isdigit())
        if siren and len(siren) != 9:
            raise bad(f"{key}.siren", "un SIREN de 9 chiffres est attendu")
        entities.append(Entity(str(e["name"]), siren, str(e.get("group", ""))))
        if siren and siren not in sirens:
            sirens.append(siren)
    _check_entity_folders(entities, errors)
    columns_raw = doc.get("columns", {}) or {}
    if not isinstance(columns_raw, dict):
        raise bad("columns", "une table « champ: en-tête » est attendue")
    errors.only_keys(columns_raw, SYNONYMS, "columns")
    columns = {str(k): str(v) for k, v in columns_raw.items()}
    contract_raw = doc.get("contract_columns", {}) or {}
    if not isinstance(contract_raw, dict):
        raise bad("contract_columns", "une table « champ: en-tête » est attendue")
    errors.only_keys(contract_raw, REGISTER_PROFILE_FIELDS, "contract_columns")
    contract_columns = {str(k): str(v) for k, v in contract_raw.items()}
    max_unmapped = doc.get("max_unmapped")
    if max_unmapped is not None:
        max_unmapped = errors.share(max_unmapped, "max_unmapped", "0.05")
    targets_raw = doc.get("targets", {}) or {}
    if not isinstance(targets_raw, dict):
        raise bad("targets", "une table est attendue (social, environmental, spaser_threshold_eur)")
    errors.only_keys(targets_raw, _TARGET_KEYS, "targets")
    clause_targets: dict[str, float] = {}
    trajectory = None
    for k, v in targets_raw.items():
        if k == "pcaet":
            trajectory = _trajectory(v, errors)
            continue
        if k in ("social", "environmental"):
            # a target of 1 is 100 % (1 % would make no sense): « environmental: 1.0 »
            clause_targets[str(k)] = errors.share(v, f"targets.{k}", "0.30", one_is_whole=True)
            continue
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
            raise bad(f"targets.{k}", "un nombre positif est attendu")
        clause_targets[str(k)] = float(v)
    config = Config(
        path=str(path),
        default_vat_rate=vat,
        group_sirens=tuple(sirens),
        entities=tuple(entities),
        factors=tuple(str(x) for x in _list(doc.get("factors", []), "factors", bad)),
        mappings=tuple(str(x) for x in _list(doc.get("mappings", []), "mappings", bad)),
        columns=columns,
        contract_columns=contract_columns,
        max_unmapped=max_unmapped,
        clause_targets=clause_targets,
        output=_text(doc.get("output", "rapports"), "output", bad),
        amortisation_years=_years_count(doc.get("amortisation_years"), bad),
        trajectory=trajectory,
        validated_rules=tuple(
            _text(x, f"validated[{i}]", bad).strip()
            for i, x in enumerate(_list(doc.get("validated", []), "validated", bad))
        ),
    )
    prices, prices_source = _energy_prices(doc.get("energy_prices"), bad)
    config = replace(config, energy_prices=prices, energy_prices_source=prices_source)
    years = _years(doc.get("years"), config, errors)
    config = replace(config, years=years)
    for key, values in (("factors", config.factors), ("mappings", config.mappings)):
        for i, v in enumerate(values):
            if not config.resolve(v).exists():
                raise bad(f"{key}[{i}]", f"fichier introuvable : {v}")
    return config


def _list(value: Any, key: str, bad: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, int)):
        return [value]
    if not isinstance(value, list):
        raise bad(key, "une liste est attendue")
    return value


def _text(value: Any, key: str, bad: Any) -> str:
    if (
        isinstance(value, bool)
        or not isinstance(value, (str, int, float))
        or not str(value).strip()
    ):
        raise bad(key, "un texte est attendu")
    return str(value)


def _energy_prices(value: Any, bad: Any) -> tuple[tuple[tuple[str, float], ...], str]:
    """``energy_prices: {electricite: 0.21, gaz: 0.09, gazole: 1.45, source: "…"}``.

    € HT per kWh (electricity, gas in kWh PCS as invoiced, heat, wood) or per litre (fuels).
    """
    if value is None:
        return (), ""
    if not isinstance(value, dict):
        raise bad("energy_prices", "une table « énergie: prix » est attendue")
    units = ", ".join(f"{c} (€ HT/{u})" for c, u in CARRIERS.items())
    prices: list[tuple[str, float]] = []
    source = ""
    for k, v in value.items():
        key = f"energy_prices.{k}"
        if k == "source":
            source = _text(v, key, bad)
            continue
        if k not in CARRIERS:
            raise bad(key, f"énergie inconnue ; attendues : {units}, et « source »")
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 < v < 1000:
            raise bad(key, f"un prix positif en € HT par unité est attendu (lu : {v!r})")
        prices.append((str(k), float(v)))
    if prices and not source:
        raise bad(
            "energy_prices.source",
            'dites d\'où viennent ces prix (ex. source: "factures 2025, prix moyen") : '
            "ils entrent dans le calcul et le rapport les cite",
        )
    return tuple(sorted(prices)), source


def _trajectory(value: Any, errors: _Errors) -> Trajectory:
    bad = errors.bad
    if not isinstance(value, dict):
        raise bad(
            "targets.pcaet", "une table est attendue (base_year, yearly_reduction, target_year)"
        )
    errors.only_keys(value, _PCAET_KEYS, "targets.pcaet")
    for k in ("base_year", "yearly_reduction", "target_year"):
        if k not in value:
            raise bad(f"targets.pcaet.{k}", "valeur obligatoire manquante")
    base_year, target_year = value["base_year"], value["target_year"]
    for k, year in (("base_year", base_year), ("target_year", target_year)):
        if isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2100:
            raise bad(f"targets.pcaet.{k}", "une année est attendue, par exemple 2025")
    if target_year <= base_year:
        raise bad("targets.pcaet.target_year", "l'année cible doit suivre l'année de référence")
    rate = errors.share(value["yearly_reduction"], "targets.pcaet.yearly_reduction", "0.04")
    base = value.get("base_emissions_tco2e")
    if base is not None and (
        isinstance(base, bool) or not isinstance(base, (int, float)) or base <= 0
    ):
        raise bad(
            "targets.pcaet.base_emissions_tco2e", "des tonnes de CO2e positives sont attendues"
        )
    return Trajectory(base_year, rate, target_year, None if base is None else float(base))


def _years(value: Any, config: Config, errors: _Errors) -> dict[int, YearInputs]:
    bad = errors.bad
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise bad("years", "une table « année: {ledgers: [...], contracts: [...]} » est attendue")
    years: dict[int, YearInputs] = {}
    for year, spec in value.items():
        key = f"years.{year}"
        if isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2100:
            raise bad(key, "une année est attendue comme clé, par exemple 2025")
        if not isinstance(spec, dict):
            raise bad(key, "une table {ledgers: [...], contracts: [...]} est attendue")
        errors.only_keys(spec, {"ledgers", "contracts"}, key)
        found: dict[str, tuple[str, ...]] = {}
        for k in ("ledgers", "contracts"):
            paths: list[str] = []
            for i, pattern in enumerate(_list(spec.get(k, []), f"{key}.{k}", bad)):
                text = str(pattern)
                full = config.resolve(text)
                matches = (
                    sorted(glob.glob(str(full)))
                    if glob.has_magic(text)
                    else ([str(full)] if full.exists() else [])
                )
                if not matches:
                    raise bad(
                        f"{key}.{k}[{i}]",
                        f"aucun fichier ne correspond à « {text} » (dossier : {full.parent})",
                    )
                paths.extend(matches)
            found[k] = tuple(paths)
        years[year] = YearInputs(ledgers=found["ledgers"], contracts=found["contracts"])
    return years


def _years_count(value: Any, bad: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise bad("amortisation_years", "un nombre d'années entre 1 et 100 est attendu")
    return value
