"""``achats.yaml``: validated configuration (unknown keys, wrong types → located French errors)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, Location
from .headers import SYNONYMS

DEFAULT_VAT_RATE = 0.20


@dataclass(frozen=True)
class Entity:
    name: str
    siren: str = ""
    group: str = ""


@dataclass(frozen=True)
class Config:
    path: str | None = None
    default_vat_rate: float = DEFAULT_VAT_RATE
    group_sirens: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = ()
    factors: tuple[str, ...] = ()
    mappings: tuple[str, ...] = ()
    columns: Mapping[str, str] = field(default_factory=dict)
    max_unmapped: float | None = None
    clause_targets: Mapping[str, float] = field(default_factory=dict)

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
    "max_unmapped",
    "targets",
}
_TARGET_KEYS = {"social", "environmental", "spaser_threshold_eur"}


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


def load_config(path: Path | str) -> Config:
    path = Path(path)
    loc = Location(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError("file-not-found", loc) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError("yaml-unreadable", loc, detail=str(exc)) from exc
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(
            "yaml-unreadable",
            Location(str(path), row=mark.line + 1 if mark else None),
            detail=getattr(exc, "problem", None) or "syntaxe",
        ) from exc
    doc = doc or {}
    where = _Located(text)

    def bad(key: str, detail: str) -> ConfigError:
        return ConfigError("config-bad-type", loc, key=key, line=where.line(key), detail=detail)

    if not isinstance(doc, dict):
        raise bad("(document)", "une table (clé: valeur) est attendue")
    for key in doc:
        if key not in _TOP_KEYS:
            raise ConfigError(
                "config-unknown-key",
                loc,
                key=key,
                line=where.line(str(key)),
                allowed=", ".join(sorted(_TOP_KEYS)),
            )
    vat = doc.get("default_vat_rate", DEFAULT_VAT_RATE)
    if isinstance(vat, bool) or not isinstance(vat, (int, float)):
        raise bad("default_vat_rate", "un taux est attendu, par exemple 0.20 ou 20")
    vat = float(vat) / 100 if vat >= 1 else float(vat)
    if not 0 <= vat <= 0.3:
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
        for k in e:
            if k not in {"name", "siren", "group"}:
                raise ConfigError(
                    "config-unknown-key",
                    loc,
                    key=f"{key}.{k}",
                    line=where.line(f"{key}.{k}"),
                    allowed="name, siren, group",
                )
        siren = "".join(ch for ch in str(e.get("siren", "")) if ch.isdigit())
        if siren and len(siren) != 9:
            raise bad(f"{key}.siren", "un SIREN de 9 chiffres est attendu")
        entities.append(Entity(str(e["name"]), siren, str(e.get("group", ""))))
        if siren and siren not in sirens:
            sirens.append(siren)
    columns_raw = doc.get("columns", {}) or {}
    if not isinstance(columns_raw, dict):
        raise bad("columns", "une table « champ: en-tête » est attendue")
    columns: dict[str, str] = {}
    for k, v in columns_raw.items():
        if k not in SYNONYMS:
            raise ConfigError(
                "config-unknown-key",
                loc,
                key=f"columns.{k}",
                line=where.line(f"columns.{k}"),
                allowed=", ".join(sorted(SYNONYMS)),
            )
        columns[str(k)] = str(v)
    max_unmapped = doc.get("max_unmapped")
    if max_unmapped is not None:
        if isinstance(max_unmapped, bool) or not isinstance(max_unmapped, (int, float)):
            raise bad("max_unmapped", "une part est attendue, par exemple 0.05 ou 5")
        max_unmapped = float(max_unmapped) / 100 if max_unmapped >= 1 else float(max_unmapped)
    targets_raw = doc.get("targets", {}) or {}
    if not isinstance(targets_raw, dict):
        raise bad("targets", "une table est attendue (social, environmental, spaser_threshold_eur)")
    clause_targets: dict[str, float] = {}
    for k, v in targets_raw.items():
        if k not in _TARGET_KEYS:
            raise ConfigError(
                "config-unknown-key",
                loc,
                key=f"targets.{k}",
                line=where.line(f"targets.{k}"),
                allowed=", ".join(sorted(_TARGET_KEYS)),
            )
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
            raise bad(f"targets.{k}", "un nombre positif est attendu")
        value = float(v)
        if k in ("social", "environmental"):
            value = value / 100 if value > 1 else value
        clause_targets[str(k)] = value
    config = Config(
        path=str(path),
        default_vat_rate=vat,
        group_sirens=tuple(sirens),
        entities=tuple(entities),
        factors=tuple(str(x) for x in _list(doc.get("factors", []), "factors", bad)),
        mappings=tuple(str(x) for x in _list(doc.get("mappings", []), "mappings", bad)),
        columns=columns,
        max_unmapped=max_unmapped,
        clause_targets=clause_targets,
    )
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
