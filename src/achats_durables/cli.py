"""The ``achats`` command line: a thin layer over the library (parse options, call, render, exit)."""

from __future__ import annotations

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
from rich.table import Table
from typer import rich_utils
from typer.core import TyperCommand, TyperGroup

from . import __version__
from .errors import AchatsError, ExitCode

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
        from .messages import render

        stderr.print(
            f"[bold red]Erreur interne[/bold red] : {render('internal-error', _lang(lang), detail=type(exc).__name__)}"
        )
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _check_format(fmt: str | None) -> None:
    if fmt is not None and fmt not in ("table", "xlsx", "csv", "json"):
        raise typer.BadParameter(
            f"« {fmt} » : choisissez table, xlsx, csv ou json.", param_hint="--format"
        )


# --- footprint -------------------------------------------------------------------------------
@app.command(cls=FrCommand)
def footprint(
    ledgers: LedgerArgs,
    config: ConfigOpt = None,
    factors: FactorsOpt = None,
    mapping: MappingOpt = None,
    sheet: SheetOpt = None,
    year: YearOpt = None,
    entity: EntityOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    max_unmapped: Annotated[
        float | None,
        typer.Option(
            "--max-unmapped",
            help="Part maximale de dépense non affectée : 0.05 ou 5 pour 5 % (une valeur ≥ 1 est un pourcentage) ; au-delà, code de sortie 1.",
            show_default=False,
            min=0,
        ),
    ] = None,
    monte_carlo: Annotated[
        int,
        typer.Option(
            "--monte-carlo",
            help="Nombre de tirages Monte-Carlo pour un intervalle (0 : calcul analytique seul).",
            min=0,
        ),
    ] = 0,
    seed: Annotated[
        int, typer.Option("--seed", help="Graine des tirages Monte-Carlo (résultat reproductible).")
    ] = 42,
    lang: LangOpt = "fr",
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Empreinte carbone d'un grand livre des dépenses (ratios monétaires ADEME Base Carbone V23.6).

    Chaque ligne reçoit un statut (affectée, non affectée, exclue, rejetée, ignorée) ; le total,
    son incertitude et le rapprochement au centime avec le grand livre s'affichent.

    Exemples :

      achats footprint grand-livre-2025.xlsx

      achats footprint grand-livre-2025.xlsx -o empreinte-2025.xlsx

      achats footprint export.csv --year 2025 --format json > empreinte.json
    """
    _check_format(fmt)
    with boundary(debug, lang):
        from .pipeline import load_setup, run_footprint
        from .writers import format_for, guard_inputs

        kind = format_for(output, fmt)
        if output is not None:
            from .writers.csv import lines_path

            guard_inputs([output, lines_path(output)] if kind == "csv" else [output], ledgers)
        setup = load_setup(config, factors or [], mapping or [])
        report = run_footprint(
            ledgers,
            setup,
            sheet=sheet,
            year=year,
            monte_carlo=monte_carlo,
            seed=seed,
            entity=entity,
        )
        _emit_footprint(report, kind, output, _lang(lang), quiet)
        limit = max_unmapped if max_unmapped is not None else setup.config.max_unmapped
        if limit is not None:
            limit = limit / 100 if limit >= 1 else limit
            share = report.reconciliation.share("unmapped")
            if share > limit:
                from .messages import render

                stderr.print(
                    "[bold yellow]Seuil dépassé[/bold yellow] : "
                    + render(
                        "max-unmapped-exceeded",
                        _lang(lang),
                        share=f"{share * 100:.1f} %",
                        limit=f"{limit * 100:.1f} %",
                    )
                )
                raise typer.Exit(int(ExitCode.THRESHOLD))


def _emit_footprint(report: Any, kind: str, output: Path | None, lang: str, quiet: bool) -> None:
    from .writers import json_text, write_json

    if kind == "json":
        data = report.to_dict(lang)
        if output is None:
            sys.stdout.write(json_text(data))
        else:
            write_json(data, output)
    elif kind == "csv":
        from .writers.csv import summary_csv, write_csv

        if output is None:
            sys.stdout.write(summary_csv(report))
        else:
            write_csv(report, output)
    elif kind == "xlsx":
        if output is None:
            raise typer.BadParameter(
                "le format xlsx demande un fichier : ajoutez -o rapport.xlsx", param_hint="--format"
            )
        from .writers.xlsx import write_xlsx

        write_xlsx(report, output)
    else:
        from .writers.terminal import render_footprint

        render_footprint(report, Console(highlight=False))
        return
    if not quiet and output is not None:
        from .parsing import format_amount

        t = report.totals
        stderr.print(
            f"Rapport écrit : {output} — {format_amount(t.emissions_tco2e, 1)} "
            f"± {format_amount(t.uncertainty_tco2e, 1)} tCO2e"
        )


# --- validate --------------------------------------------------------------------------------
@app.command(cls=FrCommand)
def validate(
    ledgers: LedgerArgs,
    config: ConfigOpt = None,
    mapping: MappingOpt = None,
    sheet: SheetOpt = None,
    year: YearOpt = None,
    entity: EntityOpt = None,
    fmt: FormatOpt = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Vérifier la lecture d'un grand livre, sans calcul d'émissions.

    Affiche le format détecté (encodage, séparateur, feuilles), chaque colonne reconnue, les lignes
    ignorées et rejetées avec leur emplacement, et le rapprochement des montants par statut.

    Exemple :

      achats validate grand-livre-2025.xlsx
    """
    _check_format(fmt)
    with boundary(debug, lang):
        from .pipeline import load_setup, run_footprint

        setup = load_setup(config, [], mapping or [])
        report = run_footprint(ledgers, setup, sheet=sheet, year=year, entity=entity)
        if fmt == "json":
            data = {
                "inputs": [
                    {
                        **i.to_dict(),
                        "format": i.format,
                        "encoding": i.encoding,
                        "delimiter": i.delimiter,
                        "sheets": i.sheets,
                        "ignored_sheets": i.ignored_sheets,
                        "columns": i.columns,
                        "ignored_columns": i.ignored_columns,
                    }
                    for i in report.input_details
                ],
                "reconciliation": report.to_dict(_lang(lang))["reconciliation"],
                "issues": [i.to_dict(_lang(lang)) for i in report.issues],
            }
            from .writers import json_text

            sys.stdout.write(json_text(data))
            return
        from .writers.validate import render_validation

        render_validation(report, Console(highlight=False))


# --- explain ---------------------------------------------------------------------------------
@app.command(cls=FrCommand)
def explain(
    ledger: Annotated[Path, typer.Argument(help="Grand livre des dépenses.", show_default=False)],
    row: Annotated[
        int,
        typer.Option(
            "--row", "-r", help="Numéro de ligne tel que le tableur l'affiche.", show_default=False
        ),
    ],
    config: ConfigOpt = None,
    factors: FactorsOpt = None,
    mapping: MappingOpt = None,
    sheet: SheetOpt = None,
    year: YearOpt = None,
    fmt: FormatOpt = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Expliquer le calcul d'une ligne : la ligne lue, la règle retenue et les autres candidates,
    le facteur, l'année des euros, l'indice des prix et l'arithmétique.

    Exemple :

      achats explain grand-livre-2025.xlsx --row 14
    """
    _check_format(fmt)
    with boundary(debug, lang):
        from .explain import explain_row
        from .pipeline import load_setup, run_footprint

        setup = load_setup(config, factors or [], mapping or [])
        report = run_footprint([ledger], setup, sheet=sheet, year=year)
        result = explain_row(report, setup.rules, setup.factor_sets, setup.index, row, sheet=sheet)
        if fmt == "json":
            from .writers import json_text

            sys.stdout.write(json_text(result.to_dict()))
            return
        from .writers.explain import render_explanation

        render_explanation(result, Console(highlight=False))


# --- clauses ---------------------------------------------------------------------------------
@app.command(cls=FrCommand)
def clauses(
    contracts: Annotated[
        list[Path],
        typer.Argument(
            help="Registre des marchés (.xlsx, .ods, .csv) ou données essentielles DECP (.json, .csv).",
            show_default=False,
        ),
    ],
    ledger: Annotated[
        list[Path] | None,
        typer.Option(
            "--ledger",
            "-l",
            help="Grand livre à rapprocher des marchés par n° de marché (répétable).",
            show_default=False,
        ),
    ] = None,
    config: ConfigOpt = None,
    mapping: MappingOpt = None,
    buyer: Annotated[
        str | None,
        typer.Option(
            "--buyer",
            help="Ne garder que les marchés d'un acheteur (SIRET ou SIREN).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="Année de notification des marchés à retenir.",
            show_default=False,
            min=1990,
            max=2100,
        ),
    ] = None,
    entity: EntityOpt = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Marchés notifiés à partir de cette date (JJ/MM/AAAA ou AAAA-MM-JJ).",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    lang: LangOpt = "fr",
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Couverture des considérations sociales et environnementales des marchés, objectifs (PNAD,
    loi Climat et résilience, SPASER) et, avec le grand livre, où agir d'abord.

    Exemples :

      achats clauses registre-marches.xlsx

      achats clauses registre-marches.xlsx --ledger grand-livre-2025.xlsx -o clauses.xlsx

      achats clauses decp.json --buyer 21410018200012 --year 2025 --format json
    """
    _check_format(fmt)
    since_date = _parse_since(since)
    with boundary(debug, lang):
        from .pipeline import load_setup, run_clauses
        from .writers import format_for, guard_inputs

        kind = format_for(output, fmt)
        if output is not None:
            guard_inputs([output], [*contracts, *(ledger or [])])
        setup = load_setup(config, [], mapping or [])
        report = run_clauses(
            contracts,
            setup,
            ledgers=ledger or [],
            buyer=buyer,
            year=year,
            entity=entity,
            since=since_date,
        )
        _emit_clauses(report, kind, output, _lang(lang), quiet)


def _parse_since(text: str | None) -> Any:
    if text is None:
        return None
    import datetime as dt

    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise typer.BadParameter(
        f"« {text} » : indiquez une date JJ/MM/AAAA ou AAAA-MM-JJ.", param_hint="--since"
    )


def _emit_clauses(report: Any, kind: str, output: Path | None, lang: str, quiet: bool) -> None:
    from .writers import json_text, write_json

    if kind == "json":
        data = report.to_dict(lang)
        if output is None:
            sys.stdout.write(json_text(data))
        else:
            write_json(data, output)
    elif kind == "csv":
        from .writers.clauses import clauses_csv, write_clauses_csv

        if output is None:
            sys.stdout.write(clauses_csv(report))
        else:
            write_clauses_csv(report, output)
    elif kind == "xlsx":
        if output is None:
            raise typer.BadParameter(
                "le format xlsx demande un fichier : ajoutez -o rapport.xlsx", param_hint="--format"
            )
        from .writers.clauses import write_clauses_xlsx

        write_clauses_xlsx(report, output)
    else:
        from .writers.clauses import render_clauses

        render_clauses(report, Console(highlight=False))
        return
    if not quiet and output is not None:
        t = report.totals
        stderr.print(f"Rapport écrit : {output} — {t['contracts']} marchés")


# --- init, run, compare ----------------------------------------------------------------------
@app.command("init", cls=FrCommand)
def init_command(
    folder: Annotated[
        Path,
        typer.Argument(help="Dossier de travail à créer pour la collectivité.", show_default=False),
    ],
    entity: Annotated[
        str,
        typer.Option(
            "--entity",
            help="Nom de la collectivité, par exemple « Commune de Vineuil ».",
            show_default=False,
        ),
    ],
    siren: Annotated[
        str | None,
        typer.Option("--siren", help="SIREN de la collectivité (9 chiffres).", show_default=False),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="Exercice des modèles (par défaut : l'année dernière).",
            show_default=False,
            min=1990,
            max=2100,
        ),
    ] = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Créer un dossier de travail : achats.yaml commenté, modèle de grand livre (listes de comptes
    M57 et de taux de TVA, feuille « Instructions ») et modèle de registre des marchés.

    Ne remplace jamais un fichier existant.

    Exemple :

      achats init vineuil --entity "Commune de Vineuil" --siren 214102696
    """
    with boundary(debug, lang):
        from .workspace import create_workspace

        written = create_workspace(folder, entity=entity, siren=siren, year=year)
        for path in written:
            stderr.print(f"créé : {path}")
        stderr.print(
            f"Remplissez les modèles, puis lancez : achats run --config {folder / 'achats.yaml'}"
        )


@app.command("run", cls=FrCommand)
def run_command(
    config: Annotated[
        Path, typer.Option("--config", "-c", help="Fichier de configuration achats.yaml.")
    ] = Path("achats.yaml"),
    year: Annotated[
        list[int] | None,
        typer.Option("--year", help="Ne traiter que cet exercice (répétable).", show_default=False),
    ] = None,
    no_xlsx: Annotated[
        bool, typer.Option("--no-xlsx", help="N'écrire que les rapports JSON et CSV (plus rapide).")
    ] = False,
    lang: LangOpt = "fr",
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Produire tous les rapports de la configuration : chaque entité et le groupe consolidé, pour
    chaque exercice, empreinte et clauses, plus un résumé summary.json et un journal.

    Fait pour une tâche planifiée : codes de sortie stables, pas de couleur hors terminal, verrou
    contre deux exécutions simultanées, rapports écrits de façon atomique.

    Exemple :

      achats run --config achats.yaml

      crontab : 30 2 * * * cd /srv/achats && achats run --config achats.yaml --quiet
    """
    with boundary(debug, lang):
        import datetime as dt

        from .config import load_config
        from .run import LOG_NAME, run_batch

        cfg = load_config(config)
        log_path = cfg.output_dir() / LOG_NAME
        interactive = sys.stderr.isatty() and not quiet

        def log(message: str) -> None:
            log_path.parent.mkdir(parents=True, exist_ok=True)
            with log_path.open("a", encoding="utf-8") as handle:
                handle.write(f"{dt.datetime.now().replace(microsecond=0).isoformat()} {message}\n")
            if not quiet and not interactive:
                stderr.print(message, highlight=False)

        if interactive:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            with Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=stderr,
                transient=True,
            ) as progress:
                task = progress.add_task("démarrage", total=None)
                summary = run_batch(
                    config,
                    years=year,
                    xlsx=not no_xlsx,
                    on_step=lambda m: progress.update(task, description=m),
                    log=log,
                )
        else:
            summary = run_batch(config, years=year, xlsx=not no_xlsx, log=log)
        if not quiet:
            table = Table(title="Rapports produits", title_justify="left")
            for col in ("Exercice", "Périmètre", "tCO2e", "± tCO2e", "Non affecté", "Marchés env."):
                table.add_column(
                    col, justify="left" if col in ("Exercice", "Périmètre") else "right"
                )
            for f in summary.data["figures"]:
                table.add_row(
                    str(f["year"]),
                    f["label"],
                    "—"
                    if "emissions_tco2e" not in f
                    else f"{f['emissions_tco2e']:,.1f}".replace(",", " "),
                    "—"
                    if "uncertainty_tco2e" not in f
                    else f"{f['uncertainty_tco2e']:,.1f}".replace(",", " "),
                    "—" if "unmapped_share" not in f else f"{f['unmapped_share'] * 100:.1f} %",
                    "—"
                    if "share_environmental" not in f
                    else f"{f['share_environmental'] * 100:.1f} %",
                )
            Console(highlight=False).print(table)
            stderr.print(
                f"{len(summary.outputs)} fichier(s) écrit(s) dans {cfg.output_dir()} ; journal : {log_path}"
            )
        if summary.exit_code:
            raise typer.Exit(summary.exit_code)


@app.command("compare", cls=FrCommand)
def compare_command(
    reports: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Rapports empreinte.json à comparer, dans l'ordre.", show_default=False
        ),
    ] = None,
    config: ConfigOpt = None,
    entity: Annotated[
        str | None,
        typer.Option(
            "--entity", help="Avec --config : une entité au lieu du groupe.", show_default=False
        ),
    ] = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Comparer des exercices ou des entités : émissions côte à côte, variation décomposée en effet
    volume (dépense), effet facteurs et effet périmètre, trajectoire du PCAET, objectifs de clauses.

    Exemples :

      achats compare rapports/2024/groupe/empreinte.json rapports/2025/groupe/empreinte.json

      achats compare --config achats.yaml -o comparaison.xlsx
    """
    _check_format(fmt)
    with boundary(debug, lang):
        from .compare import compare_reports, load_report, reports_from_output
        from .config import load_config
        from .run import GROUP, slug
        from .writers import format_for, guard_inputs, json_text, write_json

        kind = format_for(output, fmt)
        trajectory = None
        targets: dict[str, float] = {}
        if config is not None:
            cfg = load_config(config)
            trajectory, targets = cfg.trajectory, dict(cfg.clause_targets)
        if reports:
            named = []
            for p in reports:
                clauses_path = p.with_name("clauses.json") if p.name == "empreinte.json" else None
                named.append(
                    load_report(p, clauses_path if clauses_path and clauses_path.exists() else None)
                )
        elif config is not None:
            scope = (
                slug(entity)
                if entity
                else (slug(cfg.entities[0].name) if len(cfg.entities) == 1 else GROUP)
            )
            named = reports_from_output(cfg.output_dir(), sorted(cfg.years), scope)
        else:
            raise typer.BadParameter(
                "donnez des rapports empreinte.json ou --config achats.yaml", param_hint="REPORTS"
            )
        if output is not None:
            guard_inputs([output], [r.path for r in named])
        result = compare_reports(named, trajectory=trajectory, clause_targets=targets)
        if kind == "json":
            data = result.to_dict()
            if output is None:
                sys.stdout.write(json_text(data))
            else:
                write_json(data, output)
        elif kind == "csv":
            from .writers.compare import comparison_csv, write_comparison_csv

            if output is None:
                sys.stdout.write(comparison_csv(result))
            else:
                write_comparison_csv(result, output)
        elif kind == "xlsx":
            if output is None:
                raise typer.BadParameter(
                    "le format xlsx demande un fichier : ajoutez -o comparaison.xlsx",
                    param_hint="--format",
                )
            from .writers.compare import write_comparison_xlsx

            write_comparison_xlsx(result, output)
        else:
            from .writers.compare import render_comparison

            render_comparison(result, Console(highlight=False))


# --- factors ---------------------------------------------------------------------------------
@factors_app.command("list", cls=FrCommand)
def factors_list(
    factors: FactorsOpt = None,
    year: Annotated[
        int, typer.Option("--year", help="Année des euros des ratios affichés.")
    ] = 2023,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Lister les facteurs d'émission disponibles (ratio en kgCO2e par k€ HT).

    Exemple :

      achats factors list --year 2023
    """
    with boundary(debug, lang):
        from .factors import load_factor_sets

        out = Console(highlight=False)
        for fs in load_factor_sets(factors or None):
            table = Table(title=f"{fs.name} — version {fs.version}", title_justify="left")
            for col in (
                "Identifiant",
                "Catégorie",
                "Poste",
                f"kgCO2e/k€ HT ({year})",
                "Incertitude",
            ):
                table.add_column(col)
            for f in fs.factors.values():
                value = f.values.get(year) if f.kind == "monetary" else f.value
                table.add_row(
                    f.id,
                    f.label,
                    f.beges,
                    "—" if value is None else f"{value:g}",
                    f"± {f.uncertainty:.0%}",
                )
            out.print(table)
            out.print(f"Source : {fs.source}\nLicence : {fs.licence}")


@factors_app.command("show", cls=FrCommand)
def factors_show(
    name: Annotated[
        str,
        typer.Argument(
            help="Identifiant d'un facteur (ex. naf-C17) ou d'une règle (ex. m57-6064).",
            show_default=False,
        ),
    ],
    factors: FactorsOpt = None,
    mapping: MappingOpt = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Afficher un facteur (valeurs par année, identifiants Base Carbone, source) ou une règle.

    Exemple :

      achats factors show naf-C17
    """
    with boundary(debug, lang):
        from .factors import find_factor, load_factor_sets
        from .mapping import load_mapping_rules

        out = Console(highlight=False)
        sets = load_factor_sets(factors or None)
        rules = load_mapping_rules(mapping or [])
        rule = next((r for r in rules.rules if r.id == name), None)
        if rule is not None:
            out.print(f"[bold]Règle {rule.id}[/bold] ({Path(rule.source).name})")
            out.print(f"Conditions : {', '.join(f'{k} = {v}' for k, v in rule.when.items())}")
            out.print(f"Facteur : {rule.factor}" if rule.factor else f"Exclusion : {rule.exclude}")
            out.print(f"Statut : {rule.status}" + (" (approximation)" if rule.proxy else ""))
            if rule.note:
                out.print(f"Note : {rule.note}")
            return
        f = find_factor(sets, name)
        out.print(
            f"[bold]{f.id}[/bold] — {f.label} (poste BEGES {f.beges}, incertitude ± {f.uncertainty:.0%})"
        )
        table = Table()
        table.add_column("Année des euros")
        table.add_column("kgCO2e par k€ HT", justify="right")
        table.add_column("Identifiant Base Carbone")
        for y in f.years:
            table.add_row(str(y), f"{f.values[y]:g}", str(f.refs.get(y, "")))
        out.print(table)
        fs = next(s for s in sets if s.id == f.set_id)
        out.print(
            f"Jeu : {fs.name} (version {fs.version})\nSource : {fs.source}\nLicence : {fs.licence}"
        )


@factors_app.command("rules", cls=FrCommand)
def factors_rules(
    mapping: MappingOpt = None,
    propositions: Annotated[
        bool,
        typer.Option(
            "--propositions", help="Seulement les règles « à valider » (statut proposition)."
        ),
    ] = False,
    proxies: Annotated[
        bool, typer.Option("--proxies", help="Seulement les approximations (secteurs sans ratio).")
    ] = False,
    exclusions: Annotated[
        bool, typer.Option("--exclusions", help="Seulement les exclusions du périmètre.")
    ] = False,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Lister les règles d'affectation (compte, CPV, libellé → facteur ou exclusion).

    Exemple :

      achats factors rules --propositions
    """
    with boundary(debug, lang):
        from .mapping import load_mapping_rules

        rules = load_mapping_rules(mapping or [])
        table = Table(
            title="Règles d'affectation (la première qui s'applique gagne)", title_justify="left"
        )
        for col in ("Règle", "Conditions", "Résultat", "Statut", "Fichier"):
            table.add_column(col)
        shown = 0
        for r in rules.ranked():
            if propositions and r.status != "proposition":
                continue
            if proxies and not r.proxy:
                continue
            if exclusions and r.exclude is None:
                continue
            result = (
                f"{r.factor}{' (proxy)' if r.proxy else ''}"
                if r.factor
                else f"exclue : {r.exclude}"
            )
            table.add_row(
                r.id,
                ", ".join(f"{k}={v}" for k, v in r.when.items()),
                result,
                r.status,
                Path(r.source).name,
            )
            shown += 1
        Console(highlight=False).print(table)
        stderr.print(f"{shown} règle(s).")


@factors_app.command("check", cls=FrCommand)
def factors_check(
    factors: FactorsOpt = None,
    mapping: MappingOpt = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Vérifier les jeux de facteurs, l'indice des prix et les règles (structure, renvois, doublons).

    Code de sortie 0 si tout est cohérent, 3 sinon, avec le fichier et la clé en cause.

    Exemple :

      achats factors check --mapping regles-locales.yaml
    """
    with boundary(debug, lang):
        from .factors import load_factor_sets, load_price_index, merge_factors
        from .mapping import check_factors, load_mapping_rules

        sets = load_factor_sets(factors or None)
        index = load_price_index()
        rules = load_mapping_rules(mapping or [])
        check_factors(rules, merge_factors(sets), [s.id for s in sets])
        out = Console(highlight=False)
        for s in sets:
            out.print(
                f"✓ {Path(s.path).name} : {len(s.factors)} facteurs (version {s.version}, sha256 {s.sha256[:12]}…)"
            )
        out.print(f"✓ {Path(index.path).name} : indice {min(index.values)}–{max(index.values)}")
        for f in rules.files:
            out.print(
                f"✓ {Path(f.path).name} : {f.rules} règles ({'utilisateur' if f.layer == 0 else 'défaut'})"
            )
        props = sum(1 for r in rules.rules if r.status == "proposition")
        out.print(
            f"{props} règle(s) au statut « proposition » à faire valider (achats factors rules --propositions)."
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
    code = 0
    try:
        app()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    sys.exit(code)
