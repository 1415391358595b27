"""Typer's coercion of command-line values, without pydantic for the values it would accept.

Typer 0.29 coerces every parameter through a pydantic ``TypeAdapter``: importing pydantic and
building the adapters costs ≈ 0.1 s on every command. The options of ``achats`` are plain
``str``, ``int``/``float`` (with bounds), ``Path``, ``Literal`` choices, lists of them, or have a
parser: for a value of those kinds that Typer would accept, the result is computed here the same
way. Anything else — another type, or a value that any step here does not accept — goes to
Typer's own adapter, so every refusal (and its message) is Typer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from typer import _coercion, core
from typer._param_types import coerce_cli_choice, coerce_cli_path

_INT = re.compile(r"-?[0-9]{1,18}")
_FLOAT = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?")
_TYPER_BUILD = _coercion.build_runtime_param


class _Refused(Exception):
    """The fast path does not take this value: Typer's adapter decides."""


def _number(annotation: Any, info: Any, value: Any) -> Any:
    pattern = _INT if annotation is int else _FLOAT
    if info.clamp:
        raise _Refused
    if type(value) is annotation:  # a default: kept as it is
        number = value
    elif isinstance(value, str) and pattern.fullmatch(value):
        number = annotation(value)
    else:
        raise _Refused
    if (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
        raise _Refused
    return number


def _leaf(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    """The value as Typer's adapter of ``annotation`` would give it, else :class:`_Refused`."""
    if info.parser is not None:
        return info.parser(value)
    if get_origin(annotation) is Literal:
        return coerce_cli_choice(
            value, choices=get_args(annotation), case_sensitive=info.case_sensitive, ctx=ctx
        )
    if annotation in (int, float):
        return _number(annotation, info, value)
    if annotation is str and isinstance(value, str):
        return value
    if annotation is Path and isinstance(value, (str, Path)) and value and info.path_type is None:
        return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
    raise _Refused


@dataclass(frozen=True)
class _FastRuntimeParam(_coercion.RuntimeParam):
    descriptor: Any = None
    _typer: list[Any] = field(default_factory=list, compare=False)

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            annotation: Any = self.annotation
            if get_origin(annotation) is list:
                if not isinstance(value, (list, tuple)):
                    raise _Refused
                (item,) = get_args(annotation)
                return [_leaf(item, self.parameter_info, v, param, ctx) for v in value]
            return _leaf(annotation, self.parameter_info, value, param, ctx)
        except Exception:  # refused here: Typer's own coercion, with its own errors
            if not self._typer:
                self._typer.append(_TYPER_BUILD(self.descriptor))
            return self._typer[0]._coerce_value(value, param, ctx)


def build_runtime_param(descriptor: Any) -> Any:
    """Typer's ``build_runtime_param``, the fast path first for the values it knows."""
    if descriptor.file_annotation is not None:
        return _TYPER_BUILD(descriptor)
    return _FastRuntimeParam(
        parameter_info=descriptor.parameter_info,
        annotation=descriptor.annotation,
        descriptor=descriptor,
    )


# only over the function this module was written against (Typer is pinned to 0.29 in
# pyproject.toml; tests/test_fast_params.py compares both paths on every parameter)
if getattr(core, "build_runtime_param", None) is _TYPER_BUILD and hasattr(
    _coercion.RuntimeParam, "_coerce_value"
):
    setattr(core, "build_runtime_param", build_runtime_param)  # noqa: B010  (not exported)
