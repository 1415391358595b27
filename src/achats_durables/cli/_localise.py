"""Typer's own words in the user's language: the help frame, metavars and usage errors.

Typer writes part of what a user reads: the help layout (« Usage », panel titles, « [default] »,
types such as ``<int>``) and the usage errors (``--year abc``, a missing argument, an unknown
option). This module makes all of it French, or English with ``--lang en`` / ``ACHATS_LANG=en``:

- the language is read from the command line itself (``--lang``, else ``ACHATS_LANG``) as soon as
  Click parses it, so that an error met while parsing is already in the right language;
- usage errors are rewritten from the exception (its class, parameter and the validation error
  behind it), with templates from ``messages.py``;
- the help shows French metavars (``GRAND-LIVRE…``, ``ANNÉE``, ``FICHIER``) and no type for a
  flag; with English, help texts and metavars are swapped for those of ``_help_en`` while the
  help is written, then put back.

It relies on Typer's help renderer (``typer.rich_utils``, ``typer.core``); ``tests/test_help.py``
compares the help of every command with the snapshots in ``tests/snapshots/help/``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from achats_durables.i18n.messages import render

from . import _help_en
from ._rich_hook import when_imported

LANG_OPTION = "--lang"
LANG_ENVVAR = "ACHATS_LANG"


def requested_lang(args: Sequence[str]) -> str:
    """The language asked for on the command line (``--lang en``), else by ``ACHATS_LANG``."""
    value: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == LANG_OPTION and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith(LANG_OPTION + "="):
            value = arg.partition("=")[2]
    if value is None:
        value = os.environ.get(LANG_ENVVAR, "")
    return "en" if value.strip().lower() == "en" else "fr"


class _State:
    lang = "fr"


def current_lang() -> str:
    """The language of the command being parsed or run."""
    return _State.lang


def either(items: Sequence[str], lang: str) -> str:
    """« table, xlsx, csv ou json » / "table, xlsx, csv or json"."""
    word = " or " if lang == "en" else " ou "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + word + items[-1]


# --- the help frame --------------------------------------------------------------------------
_FRAME = {  # rich_utils attribute: message code
    "ARGUMENTS_PANEL_TITLE": "cli-help-arguments",
    "OPTIONS_PANEL_TITLE": "cli-help-options",
    "COMMANDS_PANEL_TITLE": "cli-help-commands",
    "ERRORS_PANEL_TITLE": "cli-usage-error-title",
    "ABORTED_TEXT": "cli-aborted",
    "RICH_HELP": "cli-usage-try-help",
    "DEFAULT_STRING": "cli-help-default",
    "ENVVAR_STRING": "cli-help-envvar",
    "REQUIRED_LONG_STRING": "cli-help-required",
}


def _frame_text(code: str, lang: str) -> str:
    # Typer fills these in with str.format: keep its fields as they are
    return render(code, lang, value="{}", command="{command_path} {help_option}")


def _set_frame(lang: str, rich_utils: ModuleType | None = None) -> None:
    if rich_utils is None:
        from typer import rich_utils

    for attr, code in _FRAME.items():
        setattr(rich_utils, attr, _frame_text(code, lang))


def _metavar(text: str | None, lang: str) -> str | None:
    if text is None or lang != "en":
        return text
    return _help_en.METAVARS.get(text, text)


def _default_metavar(param: Any) -> str:
    """A French metavar for a parameter declared without one (never Typer's ``<int>``)."""
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    inner = getattr(annotation, "__args__", None)
    if getattr(annotation, "__origin__", None) is list and inner:
        annotation = inner[0]
    name = getattr(annotation, "__name__", "")
    return {"int": "N", "float": "NOMBRE", "str": "TEXTE"}.get(
        name, "FICHIER" if "Path" in name else "VALEUR"
    )


def _display_type(self: Any, ctx: Any) -> str | None:
    """The type column of the help: the metavar of an option; nothing for a flag or an argument."""
    if self.param_type_name == "argument" or getattr(self, "is_flag", False):
        return None
    return str(self.metavar) if self.metavar is not None else _default_metavar(self)


def _usage_name(self: Any) -> str:
    """An argument in the usage line: ``GRAND-LIVRE…``, ``[RAPPORT…]`` when optional."""
    name = str(self.metavar or self.name or "").upper()
    if self.nargs != 1 and not name.endswith("…"):
        name += "…"
    return name if self.required else f"[{name}]"


def _no_range(self: Any) -> None:
    return None  # limits are told by the error message, not as « 1990<=x<=2100 »


for _cls in (TyperOption, TyperArgument):
    _cls.display_type_rich = _display_type  # type: ignore[method-assign]
    _cls._get_number_range_help_str = _no_range  # type: ignore[method-assign]
TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign]


def _command_key(ctx: Any) -> str:
    """``factors list`` for ``achats factors list`` (whatever the program is called)."""
    return " ".join(str(ctx.command_path).split()[1:])


def _commands_of(command: Any, key: str) -> Iterator[tuple[Any, str]]:
    yield command, key
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands_of(sub, f"{key} {name}".strip())


@contextmanager
def localised(ctx: Any, lang: str) -> Iterator[None]:
    """Typer's frame, and with English the help texts and metavars, while the help is written."""
    saved: list[tuple[Any, str, Any]] = []

    def swap(obj: Any, attr: str, value: Any) -> None:
        saved.append((obj, attr, getattr(obj, attr)))
        setattr(obj, attr, value)

    _set_frame(lang)
    if lang == "en" and ctx is not None:
        for command, key in _commands_of(ctx.command, _command_key(ctx)):
            english = _help_en.command_help(key)
            if english is not None:
                swap(command, "help", english)
            if isinstance(command, TyperGroup):
                swap(command, "subcommand_metavar", _metavar(command.subcommand_metavar, lang))
            for param in command.params:
                english = _help_en.param_help(key, param.name or "")
                if english is not None:
                    swap(param, "help", english)
                swap(param, "metavar", _metavar(param.metavar, lang))
    try:
        yield
    finally:
        for obj, attr, value in reversed(saved):
            setattr(obj, attr, value)
        _set_frame("fr")


# --- usage errors ----------------------------------------------------------------------------
def _is(exc: BaseException, name: str) -> bool:
    return any(cls.__name__ == name for cls in type(exc).__mro__)


def param_name(param: Any, lang: str) -> str:
    """How a message names a parameter: ``--year``, or an argument's metavar (``GRAND-LIVRE``)."""
    if param.param_type_name == "argument":
        return (_metavar(param.metavar, lang) or str(param.name).upper()).rstrip("…")
    opts = sorted(param.opts, key=lambda o: not o.startswith("--"))
    return str(opts[0]) if opts else str(param.name)


def _choices(param: Any) -> list[str] | None:
    desc = getattr(param, "type_descriptor", None)
    choices = getattr(desc, "choices", None) if desc is not None else None
    return [str(getattr(c, "value", c)) for c in choices] if choices else None


def _invalid_detail(exc: Any, lang: str) -> str:
    """Why a value was refused, from the validation error Typer raised it from."""
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if not callable(errors) or not errors():
        return str(exc.message)  # raised by achats itself: already in the user's language
    error = errors()[0]
    value, kind, limits = error.get("input"), str(error.get("type", "")), error.get("ctx") or {}
    choices = _choices(exc.param)
    if choices:
        return render("cli-usage-not-a-choice", lang, value=value, choices=either(choices, lang))
    if kind.startswith("int_"):
        return render("cli-usage-not-integer", lang, value=value)
    if kind.startswith("float_"):
        return render("cli-usage-not-number", lang, value=value)
    if kind in ("greater_than_equal", "greater_than"):
        limit = limits.get("ge", limits.get("gt"))
        return render("cli-usage-too-small", lang, value=value, limit=limit)
    if kind in ("less_than_equal", "less_than"):
        limit = limits.get("le", limits.get("lt"))
        return render("cli-usage-too-large", lang, value=value, limit=limit)
    return render("cli-usage-bad-value", lang, value=value)


# Errors that Click words itself, without an attribute to build a message from.
_PLAIN = (
    (
        r"No such command '(?P<name>.*)'\.(?: Did you mean (?P<choices>.*)\?)?",
        "cli-usage-no-such-command",
    ),
    (r"Got unexpected extra arguments? \((?P<args>.*)\)", "cli-usage-extra-arguments"),
    (r"Option '(?P<option>.*)' requires .*", "cli-usage-option-needs-value"),
    (r"Option '(?P<option>.*)' does not take a value\.?", "cli-usage-option-takes-no-value"),
    (r"Missing command\.?", "cli-usage-missing-command"),
)


def usage_message(exc: Any, lang: str) -> str:
    """The text of a usage error, in ``lang``."""
    if _is(exc, "NoSuchOption"):
        text = render("cli-usage-no-such-option", lang, option=exc.option_name)
        if exc.possibilities:
            near = either(sorted(exc.possibilities), lang)
            text += " " + render("cli-usage-did-you-mean", lang, choices=near)
        return text
    if _is(exc, "MissingParameter") and exc.param is not None:
        kind = "argument" if exc.param.param_type_name == "argument" else "option"
        return render(f"cli-usage-missing-{kind}", lang, name=param_name(exc.param, lang))
    if _is(exc, "BadParameter"):
        if exc.param_hint is not None:
            hint = str(exc.param_hint)
        elif exc.param is not None:
            hint = param_name(exc.param, lang)
        else:
            return _invalid_detail(exc, lang)
        return render("cli-usage-invalid", lang, param=hint, detail=_invalid_detail(exc, lang))
    message = str(getattr(exc, "message", exc))
    for pattern, code in _PLAIN:
        match = re.fullmatch(pattern, message)
        if match:
            fields = {k: v or "" for k, v in match.groupdict().items()}
            text = render(code, lang, **{k: v for k, v in fields.items() if k != "choices"})
            if fields.get("choices"):  # Typer quotes the names: 'footprint'
                near = fields["choices"].replace("'", "")
                text += " " + render("cli-usage-did-you-mean", lang, choices=near)
            return text
    return message


def _localise_renderer(rich_utils: Any) -> None:
    """The French frame, and usage errors rewritten in the user's language."""
    typer_format_error = rich_utils.rich_format_error

    def format_error(exc: Any) -> None:
        lang = current_lang()
        text = usage_message(exc, lang)
        exc.format_message = lambda: text
        with localised(getattr(exc, "ctx", None), lang):
            typer_format_error(exc)

    rich_utils.rich_format_error = format_error
    _set_frame("fr", rich_utils)


when_imported(_localise_renderer)


# --- the command classes ---------------------------------------------------------------------
class _Localised:
    """Shared by commands and groups: read the language first, write help and usage in it."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _State.lang = requested_lang(args)
        try:
            result: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except Exception as exc:
            if _is(exc, "UsageError") and getattr(exc, "ctx", None) is None:
                exc.ctx, exc.cmd = ctx, self  # type: ignore[attr-defined]  # usage line and hint
            raise
        return result

    def get_help_option(self, ctx: Any) -> Any:
        opt = super().get_help_option(ctx)  # type: ignore[misc]
        if opt is not None:
            opt.help = render("cli-help-help", current_lang())
        return opt

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        prefix = render("cli-usage-prefix", current_lang()) + " "
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with localised(ctx, current_lang()):
            super().format_help(ctx, formatter)  # type: ignore[misc]


class FrCommand(_Localised, TyperCommand):
    pass


class FrGroup(_Localised, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = "COMMANDE [ARGUMENTS]…"
