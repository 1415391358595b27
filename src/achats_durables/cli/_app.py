"""The Typer application, shared options, the error boundary and the entry point."""

from __future__ import annotations

import io
import os
import shutil
import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer

from achats_durables.core.errors import AchatsError, ExitCode
from achats_durables.core.version import __version__
from achats_durables.i18n.messages import render

try:  # Typer's coercion without pydantic (see there); Typer's own if its internals moved
    from . import _fast_params  # noqa: F401
except ImportError:  # pragma: no cover - a Typer release that moved its private modules
    pass
from ._localise import FrCommand, FrGroup, current_lang, either
from ._rich_hook import when_imported

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["FrCommand", "FrGroup"]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
app = typer.Typer(
    name="achats",
    help="Achats durables : empreinte carbone des achats publics (ratios monétaires ADEME) "
    "et suivi des clauses sociales et environnementales.\n\n"
    "Commencez par : achats footprint grand-livre.xlsx",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    cls=FrGroup,
    context_settings=CONTEXT,
    rich_markup_mode="rich",
)
factors_app = typer.Typer(
    help="Jeux de facteurs d'émission et règles d'affectation : lister, afficher, vérifier.",
    no_args_is_help=True,
    cls=FrGroup,
    context_settings=CONTEXT,
)
app.add_typer(factors_app, name="factors")


@cache
def err_console() -> Console:
    """rich's console on stderr, made at the first message: a run that prints none (a JSON
    report on stdout) never imports rich."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def out_console() -> Console:
    """A rich console on stdout for a terminal report (rich imported then)."""
    from rich.console import Console

    return Console(highlight=False)


# --- shared options --------------------------------------------------------------------------
LedgerArgs = Annotated[
    list[Path],
    typer.Argument(
        help="Grand(s) livre(s) des dépenses : .xlsx, .xls, .ods ou .csv.",
        show_default=False,
        metavar="GRAND-LIVRE…",
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="Fichier de configuration achats.yaml (entités, TVA par défaut, règles locales).",
        show_default=False,
        metavar="FICHIER",
    ),
]
FactorsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--factors",
        help="Jeu de facteurs YAML à utiliser à la place des facteurs fournis (répétable).",
        show_default=False,
        metavar="FICHIER",
    ),
]
MappingOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--mapping",
        "-m",
        help="Fichier de règles d'affectation locales, prioritaire sur les règles fournies (répétable).",
        show_default=False,
        metavar="FICHIER",
    ),
]
SheetOpt = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        help="Ne lire que cette feuille du classeur.",
        show_default=False,
        metavar="FEUILLE",
    ),
]
EntityOpt = Annotated[
    str | None,
    typer.Option(
        "--entity",
        help="Ne retenir qu'une entité, par son nom ou son SIREN (les autres lignes sont ignorées et comptées).",
        show_default=False,
        metavar="ENTITÉ",
    ),
]
YearOpt = Annotated[
    int | None,
    typer.Option(
        "--year",
        help="Exercice à retenir (les lignes d'un autre exercice sont ignorées et comptées).",
        show_default=False,
        min=1990,
        max=2100,
        metavar="ANNÉE",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Fichier du rapport (.xlsx, .csv, .json, .html ou .pdf) ; sans lui, le rapport s'affiche.",
        show_default=False,
        metavar="FICHIER",
    ),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table, xlsx, csv, json, html ou pdf (par défaut : d'après l'extension de -o, sinon table).",
        show_default=False,
        metavar="FORMAT",
    ),
]
ScreenFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table ou json (par défaut : table).",
        show_default=False,
        metavar="FORMAT",
    ),
]
LangOpt = Annotated[
    Literal["fr", "en"],
    typer.Option(
        "--lang",
        help="Langue des messages : fr ou en.",
        envvar="ACHATS_LANG",
        metavar="fr|en",
        case_sensitive=False,
    ),
]
StrictOpt = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Code de sortie 1 si le rapport contient des alertes (lignes rejetées, dépense non affectée…).",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="N'afficher que les erreurs.")]
DebugOpt = Annotated[
    bool, typer.Option("--debug", help="Afficher la trace complète en cas d'erreur interne.")
]

FORMATS = ("table", "xlsx", "csv", "json", "html", "pdf")
SCREEN_FORMATS = ("table", "json")


def _lang(lang: str) -> str:
    return "en" if lang.lower().startswith("en") else "fr"


def say(code: str, lang: str, style: str = "", **params: Any) -> None:
    """Print the message ``code`` on stderr, ``style`` on its text before ``{message}`` (last)."""
    message = str(params.pop("message", ""))
    from rich.text import Text

    text = Text(render(code, _lang(lang), message="", **params), style=style)
    text.append(message)
    err_console().print(text, soft_wrap=True)  # the terminal wraps: paths and commands stay whole


@contextmanager
def boundary(debug: bool, lang: str) -> Iterator[None]:
    """The one place where exceptions become messages and exit codes."""
    try:
        yield
    except (typer.Exit, typer.BadParameter):
        raise  # an exit code already chosen, or a usage error for Typer to print (exit 2)
    except AchatsError as exc:
        say("cli-error", lang, "bold red", message=exc.render(_lang(lang)))
        if debug:
            err_console().print(traceback.format_exc())
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        say("cli-interrupted", lang)
        raise typer.Exit(130) from None
    except Exception as exc:
        if debug:
            err_console().print(traceback.format_exc())
        detail = render("internal-error", _lang(lang), detail=type(exc).__name__)
        say("cli-error", lang, "bold red", message=detail)
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _share_option(value: str) -> float:
    """``--max-unmapped``: the same reading of a share as in achats.yaml (shares.parse_share)."""
    from achats_durables.core.shares import parse_share

    try:
        return parse_share(value)
    except ValueError:
        message = render("option-share-invalid", current_lang(), value=value, maximum=100)
        raise typer.BadParameter(message) from None


def _check_format(
    fmt: str | None, lang: str, command: str, accepted: Sequence[str] = FORMATS
) -> None:
    """Refuse a ``--format`` the command cannot write, saying which formats it writes."""
    if fmt is None or fmt in accepted:
        return
    lang, choices = _lang(lang), either(list(accepted), _lang(lang))
    if fmt in FORMATS:
        message = render(
            "cli-usage-format-not-written", lang, command=command, value=fmt, choices=choices
        )
    else:
        message = render("cli-usage-not-a-choice", lang, value=fmt, choices=choices)
    raise typer.BadParameter(message, param_hint="--format")


def _deliver(report: Any, kind: str, output: Path | None, lang: str, what: str) -> None:
    from achats_durables.writers.emit import emit

    emit(report, kind, output, lang, what)


def _strict_failed(issues: list[Any], lang: str) -> bool:
    """``--strict``: report written, but exit 1 if any issue is a warning or an error."""
    serious = [i for i in issues if i.severity in ("warning", "error")]
    if serious:
        say("cli-strict-failed", lang, count=len(serious), message=serious[0].message(lang))
    return bool(serious)


def _needs_file(kind: str, output: Path | None, lang: str) -> None:
    if kind in ("xlsx", "pdf") and output is None:
        message = render(f"cli-usage-{kind}-needs-file", _lang(lang))
        raise typer.BadParameter(message, param_hint="--format")


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[
        bool, typer.Option("--version", help="Afficher la version et quitter.")
    ] = False,
) -> None:
    if version:
        typer.echo(f"achats {__version__}")
        raise typer.Exit(0)


def main() -> NoReturn:
    asked = os.environ.get("TERMINAL_WIDTH")  # what typer.rich_utils reads at its import
    width = int(asked) if asked else min(shutil.get_terminal_size((100, 24)).columns, 100)

    def help_width(rich_utils: Any) -> None:  # help and errors at most 100 columns wide
        rich_utils.MAX_WIDTH = width

    when_imported(help_width)
    os.environ.setdefault("TERMINAL_WIDTH", os.environ.get("COLUMNS", "") or "100")
    for stream in (sys.stdout, sys.stderr):  # PYTHONIOENCODING=ascii, a C locale: « é » → « ? »
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    code = 0
    try:
        app()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    sys.exit(code)
