"""``achats init``, ``achats run``, ``achats compare``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from achats_durables.i18n.messages import render

from ._app import (
    FORMATS,
    ConfigOpt,
    DebugOpt,
    FormatOpt,
    FrCommand,
    LangOpt,
    OutputOpt,
    QuietOpt,
    _check_format,
    _deliver,
    _lang,
    _needs_file,
    app,
    boundary,
    err_console,
    out_console,
    say,
)

if TYPE_CHECKING:
    from rich.console import Console

    from achats_durables.operations.run import RunSummary


# --- init, run, compare ----------------------------------------------------------------------
@app.command("init", cls=FrCommand)
def init_command(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Dossier de travail à créer pour la collectivité.",
            show_default=False,
            metavar="DOSSIER",
        ),
    ],
    entity: Annotated[
        str,
        typer.Option(
            "--entity",
            help="Nom de la collectivité, par exemple « Commune de Vineuil ».",
            show_default=False,
            metavar="NOM",
        ),
    ],
    siren: Annotated[
        str | None,
        typer.Option(
            "--siren",
            help="SIREN de la collectivité (9 chiffres).",
            show_default=False,
            metavar="SIREN",
        ),
    ] = None,
    year: RunYearOpt = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Créer un dossier de travail pour une collectivité, avec des modèles à remplir.

    Un achats.yaml commenté, un modèle de grand livre (listes de comptes M57 et de taux de TVA,
    feuille « Instructions »), un modèle de registre des marchés et un modèle de données
    d'activité (tonnages de déchets, repas, kWh, litres, avec les listes des facteurs physiques
    et des unités).

    Ne remplace jamais un fichier existant.

    Exemple :

      achats init vineuil --entity "Commune de Vineuil" --siren 214102696
    """
    with boundary(debug, lang):
        from achats_durables.operations.workspace import create_workspace

        written = create_workspace(folder, entity=entity, siren=siren, year=year)
        for path in written:
            say("cli-created", lang, path=path)
        say("cli-init-next", lang, config=folder / "achats.yaml")


RunYearOpt = Annotated[
    int | None,
    typer.Option(
        "--year",
        help="Exercice des modèles (par défaut : l'année dernière).",
        show_default=False,
        min=1990,
        max=2100,
        metavar="ANNÉE",
    ),
]

NoXlsxOpt = Annotated[
    bool, typer.Option("--no-xlsx", help="N'écrire que les rapports JSON et CSV (plus rapide).")
]


@app.command("run", cls=FrCommand)
def run_command(
    config: Annotated[
        Path,
        typer.Option(
            "--config", "-c", help="Fichier de configuration achats.yaml.", metavar="FICHIER"
        ),
    ] = Path("achats.yaml"),
    year: Annotated[
        list[int] | None,
        typer.Option(
            "--year",
            help="Ne traiter que cet exercice (répétable).",
            show_default=False,
            metavar="ANNÉE",
        ),
    ] = None,
    no_xlsx: NoXlsxOpt = False,
    lang: LangOpt = "fr",
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Produire tous les rapports de la configuration (tâche planifiée).

    Chaque entité et le groupe consolidé, pour chaque exercice, empreinte et clauses, plus un
    résumé summary.json et un journal.

    Fait pour une tâche planifiée : codes de sortie stables, pas de couleur hors terminal, verrou
    contre deux exécutions simultanées, rapports écrits de façon atomique.

    Exemple :

      achats run --config achats.yaml

      crontab : 30 2 * * * cd /srv/achats && achats run --config achats.yaml --quiet
    """
    with boundary(debug, lang):
        from achats_durables.operations.run import run_batch, run_log, run_paths

        out_dir, log_path = run_paths(config)
        interactive = sys.stderr.isatty() and not quiet
        echo = None if quiet or interactive else (lambda m: err_console().print(m, highlight=False))
        log = run_log(log_path, echo)
        shown = _lang(lang)
        if interactive:
            summary = _run_with_progress(config, year, (not no_xlsx, shown), log)
        else:
            summary = run_batch(config, years=year, xlsx=not no_xlsx, log=log, lang=shown)
        if not quiet:
            _print_run_table(summary.data["figures"], out_console(), shown)
            say("cli-run-written", lang, count=len(summary.outputs), folder=out_dir, log=log_path)
        if summary.exit_code:
            raise typer.Exit(summary.exit_code)


def _run_with_progress(
    config: Path, years: list[int] | None, formats: tuple[bool, str], log: Callable[[str], None]
) -> RunSummary:
    """``achats run`` at a terminal: the current step beside a spinner, on stderr.

    ``formats``: whether to write xlsx, and the reports' language."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from achats_durables.operations.run import run_batch

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err_console(),
        transient=True,
    ) as progress:
        xlsx, lang = formats
        task = progress.add_task(render("run-step-start", lang), total=None)
        return run_batch(
            config,
            years=years,
            xlsx=xlsx,
            on_step=lambda m: progress.update(task, description=m),
            log=log,
            lang=lang,
        )


def _print_run_table(figures: list[dict[str, Any]], out: Console, lang: str = "fr") -> None:
    """One row per report written: numbers never wrapped, long scope names cut with « … »."""
    from achats_durables.i18n.catalog import tr
    from achats_durables.operations.run import GROUP
    from achats_durables.writers.fit import add_label_column, label_width

    rows = [
        [
            str(f["year"]),
            render("run-group-label", lang) if f.get("scope") == GROUP else f["label"],
            _number(f.get("emissions_tco2e"), 1, lang),
            _number(f.get("uncertainty_tco2e"), 1, lang),
            _percent(f.get("uncounted_share"), lang),
            _percent(f.get("share_environmental"), lang),
        ]
        for f in figures
    ]
    words = ("Exercice", "Périmètre", "tCO2e", "± tCO2e", "Non compté", "Marchés env.")
    headers = [w if "tCO2e" in w else tr(w, lang) for w in words]
    others = [[h, *(r[i] for r in rows)] for i, h in enumerate(headers) if i != 1]
    from rich.table import Table

    table = Table(title=tr("Rapports produits", lang), title_justify="left")
    table.add_column(headers[0], no_wrap=True)
    add_label_column(table, headers[1], label_width(out.width, *others))
    for header in headers[2:]:
        table.add_column(header, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    out.print(table)


def _number(value: float | None, decimals: int, lang: str) -> str:
    from achats_durables.i18n.formatting import format_amount

    return "—" if value is None else format_amount(value, decimals, lang)


def _percent(value: float | None, lang: str) -> str:
    from achats_durables.i18n.formatting import format_percent

    return "—" if value is None else format_percent(value, 1, lang)


@app.command("compare", cls=FrCommand)
def compare_command(
    reports: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Rapports empreinte.json à comparer, dans l'ordre.",
            show_default=False,
            metavar="RAPPORT…",
        ),
    ] = None,
    config: ConfigOpt = None,
    entity: Annotated[
        str | None,
        typer.Option(
            "--entity",
            help="Avec --config : une entité au lieu du groupe.",
            show_default=False,
            metavar="ENTITÉ",
        ),
    ] = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Comparer des exercices ou des entités et expliquer la variation des émissions.

    Émissions côte à côte, variation décomposée en effet volume (dépense), effet facteurs et
    effet périmètre, trajectoire du PCAET, objectifs de clauses.

    Exemples :

      achats compare rapports/2024/groupe/empreinte.json rapports/2025/groupe/empreinte.json

      achats compare --config achats.yaml -o comparaison.xlsx
    """
    _check_format(fmt, lang, "compare", FORMATS)
    with boundary(debug, lang):
        from achats_durables.operations.compare import compare_job
        from achats_durables.writers import format_for

        kind = format_for(output, fmt)
        _check_format(kind, lang, "compare", FORMATS)  # -o rapport.html
        _needs_file(kind, output, lang)
        if not reports and config is None:
            message = render("cli-usage-compare-nothing", _lang(lang))
            hint = "REPORT" if _lang(lang) == "en" else "RAPPORT"
            raise typer.BadParameter(message, param_hint=hint)
        result = compare_job(reports or [], config=config, entity=entity, output=output)
        _deliver(result, kind, output, _lang(lang), "compare")
