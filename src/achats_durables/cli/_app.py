"""The Typer application, shared options, the error boundary and the entry point."""

from __future__ import annotations

import io
import os
import re
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from typer import rich_utils
from typer.core import TyperCommand, TyperGroup

from achats_durables import __version__
from achats_durables.errors import AchatsError, ExitCode

# --- French for the parts of the help and errors that Typer writes itself ------------------
rich_utils.ARGUMENTS_PANEL_TITLE = "Arguments"
rich_utils.OPTIONS_PANEL_TITLE = "Options"
rich_utils.COMMANDS_PANEL_TITLE = "Commandes"
rich_utils.ERRORS_PANEL_TITLE = "Erreur d'utilisation"
rich_utils.ABORTED_TEXT = "Interrompu."
rich_utils.RICH_HELP = "Essayez [blue]'{command_path} {help_option}'[/] pour l'aide."
rich_utils.DEFAULT_STRING = "[défaut : {}]"
rich_utils.ENVVAR_STRING = "[variable : {}]"
rich_utils.REQUIRED_LONG_STRING = "[obligatoire]"

_USAGE_FR = (
    (r"^No such option: (.*?)(?: Did you mean (.*)\?)?$", r"option inconnue : \1"),
    (r"^Missing argument '(.*)'\.?$", r"argument manquant : \1"),
    (r"^Missing parameter: (.*)$", r"paramètre manquant : \1"),
    (r"^Missing option '(.*)'\.?$", r"option obligatoire manquante : \1"),
    (r"^Invalid value for (.*?): (.*)$", r"valeur invalide pour \1 : \2"),
    (r"^Got unexpected extra arguments? \((.*)\)$", r"argument(s) en trop : \1"),
    (r"^No such command '(.*)'\.?$", r"commande inconnue : \1"),
    (r"^Option '(.*)' requires an argument\.?$", r"l'option \1 attend une valeur"),
    (r"^Missing command\.?$", "commande manquante"),
)


def _french_usage(message: str) -> str:
    for pattern, repl in _USAGE_FR:
        if re.match(pattern, message):
            return re.sub(pattern, repl, message)
    return message


_format_error = rich_utils.rich_format_error


def _french_format_error(exc: Any) -> None:
    original = exc.format_message
    exc.format_message = lambda: _french_usage(original())
    _format_error(exc)


rich_utils.rich_format_error = _french_format_error  # type: ignore[assignment]


class _FrenchHelp:
    def get_help_option(self, ctx: Any) -> Any:
        opt = super().get_help_option(ctx)  # type: ignore[misc]
        if opt is not None:
            opt.help = "Afficher cette aide et quitter."
        return opt


class FrCommand(_FrenchHelp, TyperCommand):
    pass


class FrGroup(_FrenchHelp, TyperGroup):
    pass


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

stderr = Console(stderr=True, highlight=False)

# --- shared options --------------------------------------------------------------------------
LedgerArgs = Annotated[
    list[Path],
    typer.Argument(
        help="Grand(s) livre(s) des dépenses : .xlsx, .xls, .ods ou .csv.", show_default=False
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="Fichier de configuration achats.yaml (entités, TVA par défaut, règles locales).",
        show_default=False,
    ),
]
FactorsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--factors",
        help="Jeu de facteurs YAML à utiliser à la place des facteurs fournis (répétable).",
        show_default=False,
    ),
]
MappingOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--mapping",
        "-m",
        help="Fichier de règles d'affectation locales, prioritaire sur les règles fournies (répétable).",
        show_default=False,
    ),
]
SheetOpt = Annotated[
    str | None,
    typer.Option("--sheet", help="Ne lire que cette feuille du classeur.", show_default=False),
]
EntityOpt = Annotated[
    str | None,
    typer.Option(
        "--entity",
        help="Ne retenir qu'une entité, par son nom ou son SIREN (les autres lignes sont ignorées et comptées).",
        show_default=False,
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
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Fichier du rapport (.xlsx, .csv ou .json) ; sans lui, le rapport s'affiche.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table, xlsx, csv ou json (par défaut : d'après l'extension de -o, sinon table).",
        show_default=False,
    ),
]
LangOpt = Annotated[
    str,
    typer.Option("--lang", help="Langue des messages : fr ou en.", envvar="ACHATS_LANG"),
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


def _lang(lang: str) -> str:
    return "en" if lang.lower().startswith("en") else "fr"


@contextmanager
def boundary(debug: bool, lang: str) -> Iterator[None]:
    """The one place where exceptions become messages and exit codes."""
    try:
        yield
    except typer.Exit:
        raise
    except AchatsError as exc:
        stderr.print(f"[bold red]Erreur[/bold red] : {exc.render(_lang(lang))}")
        if debug:
            stderr.print(traceback.format_exc())
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        stderr.print("Interrompu : aucun rapport n'a été écrit.")
        raise typer.Exit(130) from None
    except Exception as exc:
        if debug:
            stderr.print(traceback.format_exc())
        from achats_durables.messages import render

        stderr.print(
            f"[bold red]Erreur interne[/bold red] : {render('internal-error', _lang(lang), detail=type(exc).__name__)}"
        )
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _share_option(value: str) -> float:
    """``--max-unmapped``: the same reading of a share as in achats.yaml (shares.parse_share)."""
    from achats_durables.messages import render
    from achats_durables.shares import parse_share

    try:
        return parse_share(value)
    except ValueError:
        raise typer.BadParameter(
            render("option-share-invalid", "fr", value=value, maximum=100)
        ) from None


def _check_format(fmt: str | None) -> None:
    if fmt is not None and fmt not in ("table", "xlsx", "csv", "json"):
        raise typer.BadParameter(
            f"« {fmt} » : choisissez table, xlsx, csv ou json.", param_hint="--format"
        )


def _deliver(report: Any, kind: str, output: Path | None, lang: str, what: str) -> None:
    from achats_durables.writers.emit import emit

    emit(report, kind, output, lang, what)


def _strict_failed(issues: list[Any], lang: str) -> bool:
    """``--strict``: report written, but exit 1 if any issue is a warning or an error."""
    serious = [i for i in issues if i.severity in ("warning", "error")]
    if serious:
        stderr.print(
            f"[bold yellow]--strict[/bold yellow] : {len(serious)} alerte(s), par exemple : "
            f"{serious[0].message(lang)}"
        )
    return bool(serious)


def _needs_file(kind: str, output: Path | None) -> None:
    if kind == "xlsx" and output is None:
        raise typer.BadParameter(
            "le format xlsx demande un fichier : ajoutez -o rapport.xlsx", param_hint="--format"
        )


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
