"""DECP v2 records checked against the official JSON Schema shipped in the package.

``schemas/schema_decp_v2.0.3.json`` (source, version and licence in ``schemas/README.md``) is
read once; each record is validated with ``jsonschema`` against its definition (marché or
contrat de concession). A value of the wrong JSON type (a container where a scalar is due or the
reverse, a boolean where a number is due), or nesting deeper than any DECP record, refuses the
record with the schema's reason; the lighter checks of :mod:`.decp` report the rest as warnings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft7Validator

SCHEMA_FILE = "schema_decp_v2.0.3.json"
SCHEMA_VERSION = "2.0.3"
MAX_DEPTH = 32  # the schema nests 5 levels; deeper is not DECP data
# shapes of these fields are reported by decp._considerations (values read anyway)
_SHAPE_CHECKED = ("considerationsSociales", "considerationsEnvironnementales")


def schema() -> dict[str, Any]:
    """The official schema, as shipped."""
    text = (
        resources.files("achats_durables.contracts")
        .joinpath("schemas", SCHEMA_FILE)
        .read_text("utf-8")
    )
    loaded: dict[str, Any] = json.loads(text)
    return loaded


# the keywords that decide a value's JSON type, and where values nest
_TYPE_KEYWORDS = ("type", "properties", "items")


def types_only(node: Any, root: dict[str, Any]) -> Any:
    """A schema node reduced to its type structure (``type``, ``properties``, ``items``), its
    ``$ref`` inlined from ``root``: the types are the official schema's, checked several times
    faster than with every keyword (enums, patterns and required fields are reported by
    :mod:`.decp` as warnings). The DECP schema has no recursive reference."""
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    if "$ref" in node:  # draft-07: a reference stands for the whole node
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return types_only(target, root)
    for key in _TYPE_KEYWORDS:
        if key == "properties" and key in node:
            out[key] = {n: types_only(v, root) for n, v in node[key].items()}
        elif key in node:
            out[key] = types_only(node[key], root)
    return out


@cache
def validator(kind: str) -> Draft7Validator:
    """A type validator of one record of ``kind`` (``marche`` or ``contrat-concession``)."""
    from jsonschema import Draft7Validator

    return Draft7Validator(types_only_schema(kind))


@cache
def types_only_schema(kind: str) -> dict[str, Any]:
    official = schema()
    reduced: dict[str, Any] = types_only(official["definitions"][kind], official)
    return reduced


def _fits(value: Any, node: dict[str, Any], *, top: bool = False) -> bool:
    """Whether ``value`` has the (lenient) types of a reduced schema node: the fast path of
    :func:`type_fault`, which asks ``jsonschema`` for the reason only when this says no."""
    expected = node.get("type")
    if isinstance(expected, str) and not type_fits(value, expected):
        return False
    if isinstance(value, dict) and "properties" in node:
        props = node["properties"]
        return all(
            _fits(v, props[k])
            for k, v in value.items()
            if k in props and not (top and k in _SHAPE_CHECKED)
        )
    if isinstance(value, list) and "items" in node:
        return all(_fits(v, node["items"]) for v in value)
    return True


# one sample of each type a JSON parser returns
_SAMPLES: dict[type, Any] = {
    type(None): None,
    bool: True,
    int: 1,
    float: 1.5,
    str: "x",
    list: [],
    dict: {},
}
_SCALARS = frozenset(t for t in _SAMPLES if t not in (dict, list))
Check = Callable[[Any, int], bool]


@cache
def _allowed(expected: str) -> frozenset[type]:
    """The Python types :func:`type_fits` accepts for ``expected``."""
    return frozenset(t for t, sample in _SAMPLES.items() if type_fits(sample, expected))


@cache
def compiled_fits(kind: str) -> Check:
    """:func:`_fits` of the record schema of ``kind`` and the :data:`MAX_DEPTH` bound, as one
    compiled walk: ``check(record, 1)`` is True when neither finds anything (then
    :func:`type_fault` has nothing to say); False sends the record to the exact, slower path."""
    return _compile(types_only_schema(kind), top=True)


def _within(value: Any, level: int) -> bool:
    """Whether ``value``, at nesting ``level``, stays within :data:`MAX_DEPTH`."""
    return type(value) not in (dict, list) or depth(value) + level - 1 <= MAX_DEPTH


def _compile(node: dict[str, Any], *, top: bool = False) -> Check:
    expected = node.get("type")
    allowed = _allowed(expected) if isinstance(expected, str) else None
    props = node.get("properties")
    items = node.get("items")
    # per property: the types a scalar may have (None: any) and the check of a container
    table = {k: _entry(v) for k, v in props.items()} if props is not None else {}
    if top:
        for k in _SHAPE_CHECKED:
            table.pop(k, None)
    item = _entry(items) if items is not None else None

    def fits(value: Any, level: int, entry: tuple[frozenset[type] | None, Check] | None) -> bool:
        kind = type(value)
        if kind in _SCALARS:  # inline: most values are scalars
            return entry is None or entry[0] is None or kind in entry[0]
        return _within(value, level) if entry is None else entry[1](value, level)

    def check(value: Any, level: int) -> bool:
        kind = type(value)
        if allowed is not None and kind not in allowed:
            return False
        if kind is dict:
            if level > MAX_DEPTH:
                return False
            if props is None:
                return _within(value, level)
            below = level + 1
            for k, v in value.items():
                entry = table.get(k)
                t = type(v)
                # fits()'s scalar test repeated inline on purpose: most fields are scalars, and
                # the call per field costs 5 % of `achats clauses` on 100k records (measured)
                if t in _SCALARS:
                    if entry is not None and entry[0] is not None and t not in entry[0]:
                        return False
                elif not fits(v, below, entry):
                    return False
            return True
        if kind is list:
            if level > MAX_DEPTH:
                return False
            if item is None:
                return _within(value, level)
            below = level + 1
            for v in value:
                if not fits(v, below, item):
                    return False
            return True
        return kind in _SCALARS  # another container type: the exact path decides

    return check


def _entry(node: dict[str, Any]) -> tuple[frozenset[type] | None, Check]:
    expected = node.get("type")
    return (_allowed(expected) if isinstance(expected, str) else None), _compile(node)


@cache
def property_order(kind: str) -> dict[str, int]:
    return {name: i for i, name in enumerate(schema()["definitions"][kind]["properties"])}


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
    """Whether ``value`` may stand for ``expected``. Scalars stay lenient (a CPV code or an
    identifier written as a number, an amount written as text, are read and checked by the
    later rules); a container where a scalar is due, a scalar where a container is due, or a
    boolean where a number is due, is not."""
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


def field_path(parts: Sequence[str | int]) -> str:
    """``titulaires[0].titulaire.id`` for the parts of a JSON path."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def type_fault(obj: dict[str, Any], kind: str) -> dict[str, str] | None:
    """Parameters of the first type fault of a record against the official schema, or None.

    Faults are taken in the schema's property order, the shallowest first.
    """
    if compiled_fits(kind)(obj, 1):
        return None  # the compiled walk of the same checks found nothing to refuse
    if depth(obj) > MAX_DEPTH:
        return {"field": "", "expected": f"≤ {MAX_DEPTH}", "found": "imbrication", "value": ""}
    if _fits(obj, types_only_schema(kind), top=True):
        return None  # the fast walk of the same type structure found nothing to refuse
    order = property_order(kind)
    faults: list[tuple[int, int, str, str, Any]] = []
    for error in validator(kind).iter_errors(obj):
        path = list(error.absolute_path)
        if error.validator != "type" or (path and path[0] in _SHAPE_CHECKED):
            continue
        types = error.validator_value
        expected = types if isinstance(types, str) else str(types[0])
        if type_fits(error.instance, expected):
            continue
        first = order.get(str(path[0]), len(order)) if path else -1
        faults.append((first, len(path), field_path(path), expected, error.instance))
    if not faults:
        return None
    _, _, name, expected, value = min(faults, key=lambda f: (f[0], f[1]))
    shown = json.dumps(value, ensure_ascii=False)[:60] if depth(value) <= 3 else "…"
    return {"field": name, "expected": expected, "found": json_type(value), "value": shown}
