"""Typed validation of YAML documents (pydantic models) with located, translated errors.

A model validates the whole document; its first error becomes one :class:`AchatsError` naming
the file, the key path, its line, what is expected and what was found (``yaml-invalid``), or
the unknown key and the keys allowed there (``yaml-unknown-key``). Checks that pydantic does
not express as a type raise :func:`schema_fault` from a validator: a message code of
:mod:`~achats_durables.i18n.messages`, a sub-path under the validated value and parameters.

pydantic is imported here only when a document is validated (``achats --help`` stays fast).
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from achats_durables.core.errors import AchatsError
from achats_durables.core.yamlio import PathPart, YamlSource, value_at
from achats_durables.i18n.messages import Text

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")
FAULT = "achats"  # the pydantic error type of :func:`schema_fault`

# pydantic error type → message code of what is expected (``expect-*`` templates)
_EXPECTED = {
    "string_type": "expect-text",
    "float_type": "expect-number",
    "int_type": "expect-integer",
    "int_parsing": "expect-integer",
    "int_from_float": "expect-integer",
    "float_parsing": "expect-number",
    "bool_type": "expect-bool",
    "dict_type": "expect-table",
    "model_type": "expect-table",
    "model_attributes_type": "expect-table",
    "list_type": "expect-list",
    "missing": "expect-value",
    "literal_error": "expect-choice",
    "greater_than_equal": "expect-at-least",
    "greater_than": "expect-above",
    "less_than_equal": "expect-at-most",
    "less_than": "expect-below",
}
_LIMITS = {
    "greater_than_equal": "ge",
    "greater_than": "gt",
    "less_than_equal": "le",
    "less_than": "lt",
}


def schema_fault(code: str, at: Sequence[PathPart] = (), **params: Any) -> Exception:
    """An error for a validator to raise: template ``code`` at ``at`` under the value checked.

    A parameter ``error_code`` makes the whole error that template (``rule-regex-invalid``…)
    instead of ``yaml-invalid`` with the template as its detail.
    """
    from pydantic_core import PydanticCustomError

    return PydanticCustomError(FAULT, code, {"code": code, "at": tuple(at), **params})


def found_text(value: Any) -> Any:
    """What was found, as the message shows it: JSON-like text, « vide » for nothing."""
    if value is None:
        return Text("found-empty")
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def validate(model: type[M], source: YamlSource, error: type[AchatsError]) -> M:
    """``model`` validated from ``source``'s document, else ``error`` located at the first fault."""
    from pydantic import ValidationError

    try:
        return model.model_validate(source.doc)
    except ValidationError as exc:
        raise located(exc.errors()[0], model, source, error) from None


def located(
    err: Any, model: type[BaseModel], source: YamlSource, error: type[AchatsError]
) -> AchatsError:
    """One pydantic error (``ValidationError.errors()`` item) as a located ``error``."""
    loc = list(err["loc"])
    on_key = bool(loc) and loc[-1] == "[key]"
    if on_key:
        loc.pop()
    found = err.get("input") if not on_key else loc[-1]
    kind = err["type"]
    if kind == "extra_forbidden" or (on_key and kind == "literal_error"):
        allowed = allowed_keys(model, loc[:-1])
        return source.error(error, loc, "yaml-unknown-key", allowed=", ".join(allowed))
    if kind == FAULT:
        ctx = dict(err["ctx"])
        code = ctx.pop("code")
        loc += list(ctx.pop("at"))
        if "error_code" in ctx:
            return source.error(error, loc, ctx.pop("error_code"), **ctx)
        if not on_key:
            found = value_at(source.doc, loc) if loc else source.doc
        detail = Text(code, found=found_text(found), **ctx)
        return source.error(error, loc, "yaml-invalid", detail=detail)
    code = _EXPECTED.get(kind, "expect-valid")
    if on_key and kind in ("int_type", "int_parsing"):
        code = "expect-year-key"
    params: dict[str, Any] = {"found": found_text(found)}
    ctx = err.get("ctx") or {}
    if kind in _LIMITS:
        limit = ctx.get(_LIMITS[kind])
        params["limit"] = f"{limit:g}" if isinstance(limit, (int, float)) else limit
    if kind == "literal_error":
        params["choices"] = ", ".join(f"« {c} »" for c in _literal_choices(model, loc))
    return source.error(error, loc, "yaml-invalid", detail=Text(code, **params))


def _unwrap(annotation: Any) -> list[Any]:
    """The candidate types an annotation stands for (Optional, unions and Annotated opened)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return [t for a in typing.get_args(annotation) for t in _unwrap(a)]
    return [annotation]


def _annotation_at(model: type[BaseModel], loc: Sequence[PathPart]) -> list[Any]:
    """The candidate types of the value at ``loc`` in a document validated by ``model``."""
    from pydantic import BaseModel

    current: list[Any] = [model]
    for part in loc:
        nxt: list[Any] = []
        for t in current:
            origin = typing.get_origin(t)
            if isinstance(t, type) and issubclass(t, BaseModel):
                for name, info in t.model_fields.items():
                    if part in (name, info.alias):
                        nxt += _unwrap(info.annotation)
            elif origin in (list, tuple):
                nxt += _unwrap(typing.get_args(t)[0])
            elif origin is dict:
                nxt += _unwrap(typing.get_args(t)[1])
        current = nxt
    return current


def allowed_keys(model: type[BaseModel], loc: Sequence[PathPart]) -> list[str]:
    """The keys a table at ``loc`` may hold: its model's fields, or its Literal key type."""
    from pydantic import BaseModel

    keys: list[str] = []
    for t in _annotation_at(model, loc):
        if isinstance(t, type) and issubclass(t, BaseModel):
            keys += [info.alias or name for name, info in t.model_fields.items()]
        elif typing.get_origin(t) is dict:
            keys += [str(a) for k in _unwrap(typing.get_args(t)[0]) for a in typing.get_args(k)]
    return sorted(set(keys))


def _literal_choices(model: type[BaseModel], loc: Sequence[PathPart]) -> list[str]:
    return [
        str(a)
        for t in _annotation_at(model, loc)
        if typing.get_origin(t) is typing.Literal
        for a in typing.get_args(t)
    ]
