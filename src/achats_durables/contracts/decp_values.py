"""Required fields, optional fields and allowed values of DECP v2 records, read from the
official schema shipped in the package (:mod:`.decp_schema`), not copied by hand."""

from __future__ import annotations

from typing import Any

from achats_durables.contracts.decp_schema import schema

KINDS = ("marche", "contrat-concession")
CONSIDERATION_FIELDS = {
    "social": ("considerationsSociales", "considerationSociale"),
    "environmental": ("considerationsEnvironnementales", "considerationEnvironnementale"),
}
CONCESSION_NATURE = "Contrat de concession"


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _enum(node: dict[str, Any], root: dict[str, Any]) -> tuple[str, ...] | None:
    """The allowed values of a field (of its items for a list), None if free."""
    node = _resolve(node, root)
    if "enum" in node:
        return tuple(node["enum"])
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        return _enum(node["items"], root)
    return None


def allowed_values(kind: str) -> dict[str, tuple[str, ...]]:
    """``field`` or ``field.inner`` → allowed values, for the top-level fields of a record and
    the fields of its top-level objects (``techniques.technique``…)."""
    root = schema()
    out: dict[str, tuple[str, ...]] = {}
    for name, prop in root["definitions"][kind]["properties"].items():
        values = _enum(prop, root)
        if values:
            out[name] = values
            continue
        prop = _resolve(prop, root)
        if prop.get("type") != "object":
            continue
        for inner, sub in prop.get("properties", {}).items():
            values = _enum(sub, root)
            if values:
                out[f"{name}.{inner}"] = values
    return out


def required_fields(kind: str) -> tuple[str, ...]:
    return tuple(schema()["definitions"][kind]["required"])


def optional_fields(kind: str) -> tuple[str, ...]:
    definition = schema()["definitions"][kind]
    return tuple(k for k in definition["properties"] if k not in definition["required"])


ENUMS: dict[str, dict[str, tuple[str, ...]]] = {kind: allowed_values(kind) for kind in KINDS}
MARCHE_REQUIRED = required_fields("marche")
MARCHE_OPTIONAL = optional_fields("marche")
CONCESSION_REQUIRED = required_fields("contrat-concession")
CONCESSION_OPTIONAL = optional_fields("contrat-concession")
