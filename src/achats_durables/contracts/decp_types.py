"""JSON types of DECP v2 fields, from the official schema (``schema_decp_v2.0.3.json``).

A record whose field holds a container where a scalar is due (or the reverse), a boolean
where a number is due, or nesting deeper than any DECP record, is refused with the schema's
reason before any other rule reads it.
"""

from __future__ import annotations

import json
from typing import Any

# JSON types of the fields read, from schema_decp_v2.0.3.json (top-level properties; the
# identifiers and CPV code are strings through their $ref). Checked before any other rule.
FIELD_TYPES: dict[str, dict[str, str]] = {
    "marche": {
        "id": "string",
        "acheteur": "object",
        "nature": "string",
        "objet": "string",
        "codeCPV": "string",
        "techniques": "object",
        "modalitesExecution": "object",
        "idAccordCadre": "string",
        "marcheInnovant": "boolean",
        "ccag": "string",
        "offresRecues": "integer",
        "attributionAvance": "boolean",
        "tauxAvance": "number",
        "typeGroupementOperateurs": "string",
        "sousTraitanceDeclaree": "boolean",
        "actesSousTraitance": "array",
        "procedure": "string",
        "lieuExecution": "object",
        "dureeMois": "integer",
        "dateNotification": "string",
        "datePublicationDonnees": "string",
        "montant": "number",
        "typesPrix": "object",
        "formePrix": "string",
        "origineUE": "number",
        "origineFrance": "number",
        "titulaires": "array",
        "considerationsSociales": "object",
        "considerationsEnvironnementales": "object",
        "modificationsActesSousTraitance": "array",
        "modifications": "array",
    },
    "contrat-concession": {
        "id": "string",
        "autoriteConcedante": "object",
        "nature": "string",
        "objet": "string",
        "procedure": "string",
        "dureeMois": "integer",
        "dateSignature": "string",
        "datePublicationDonnees": "string",
        "dateDebutExecution": "string",
        "valeurGlobale": "number",
        "montantSubventionPublique": "number",
        "donneesExecution": "array",
        "concessionnaires": "array",
        "considerationsSociales": "object",
        "considerationsEnvironnementales": "object",
        "modifications": "array",
    },
}
MAX_DEPTH = 32  # the schema nests 5 levels; deeper is not DECP data


def json_type(value: Any) -> str:
    """The JSON Schema type name of a parsed JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def type_fits(value: Any, expected: str) -> bool:
    """Whether ``value`` may stand for ``expected``. Scalars stay lenient as before (a CPV
    code or an identifier written as a number, an amount written as text, are read and
    checked by the later rules); a container where a scalar is due, a scalar where a
    container is due, or a boolean where a number is due, is not."""
    found = json_type(value)
    if found == "null" or found == expected:
        return True
    if expected in ("object", "array") or found in ("object", "array"):
        return False
    if expected in ("number", "integer"):
        return found in ("number", "integer", "string")
    return expected == "string" or found != "boolean"


def depth(value: Any) -> int:
    """Nesting depth of a parsed JSON value (iterative: no recursion on hostile input)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                return level
            stack.extend(
                (v, level + 1) for v in (item.values() if isinstance(item, dict) else item)
            )
    return deepest


def type_fault(obj: dict[str, Any], kind: str) -> dict[str, str] | None:
    """Parameters of the first schema type fault of a record (top level, then the identifiers
    of the buyer and of the holders), or ``None``."""
    if depth(obj) > MAX_DEPTH:
        return {"field": "", "expected": f"≤ {MAX_DEPTH}", "found": "imbrication", "value": ""}
    concession = kind == "contrat-concession"
    checks = [
        (name, obj.get(name), expected)
        for name, expected in FIELD_TYPES[kind].items()
        if not name.startswith("considerations")  # shapes handled by _considerations
    ]
    buyer_field = "autoriteConcedante" if concession else "acheteur"
    buyer = obj.get(buyer_field)
    if isinstance(buyer, dict):
        checks.append((f"{buyer_field}.id", buyer.get("id"), "string"))
    holders_field = "concessionnaires" if concession else "titulaires"
    holders = obj.get(holders_field)
    for i, item in enumerate(holders if isinstance(holders, list) else []):
        holder = item
        if isinstance(item, dict):
            holder = item.get("titulaire") or item.get("concessionnaire") or item
        if isinstance(holder, dict):
            checks.append((f"{holders_field}[{i}].id", holder.get("id"), "string"))
        else:
            checks.append((f"{holders_field}[{i}]", holder, "object"))
    for name, value, expected in checks:
        if not type_fits(value, expected):
            shown = json.dumps(value, ensure_ascii=False)[:60] if depth(value) <= 3 else "…"
            return {"field": name, "expected": expected, "found": json_type(value), "value": shown}
    return None
