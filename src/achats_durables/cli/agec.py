"""``achats agec``: AGEC art. 58 shares by product category, and the official declaration."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from achats_durables.core.errors import ExitCode

from ._app import (
    FORMATS,
    ConfigOpt,
    DebugOpt,
    EntityOpt,
    FormatOpt,
    FrCommand,
    LangOpt,
    OutputOpt,
    QuietOpt,
    SheetOpt,
    _check_format,
    _deliver,
    _lang,
    _needs_file,
    app,
    boundary,
    say,
)

LedgersArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Grand(s) livre(s) de l'année : .xlsx, .xls, .ods ou .csv (par défaut : ceux "
        "de l'année --year dans achats.yaml).",
        show_default=False,
        metavar="GRAND-LIVRE…",
    ),
]
AgecYearOpt = Annotated[
    int | None,
    typer.Option(
        "--year",
        help="Année civile déclarée (par défaut : celle des lignes, s'il n'y en a qu'une).",
        show_default=False,
        min=2000,
        max=2100,
        metavar="ANNÉE",
    ),
]
ContractsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--contracts",
        help="Registre des marchés portant les colonnes « Réemploi » / « Matières "
        "recyclées » (répétable ; s'ajoute aux registres d'achats.yaml).",
        show_default=False,
        metavar="FICHIER",
    ),
]
RulesOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules",
        help="Règles de catégorie locales, prioritaires sur les règles fournies (répétable).",
        show_default=False,
        metavar="FICHIER",
    ),
]
CategoriesOpt = Annotated[
    bool,
    typer.Option(
        "--categories",
        help="Lister les 17 catégories du décret et leurs cibles connues, puis quitter.",
    ),
]
CheckOpt = Annotated[
    Path | None,
    typer.Option(
        "--check",
        help="Vérifier une déclaration (CSV ou xlsx) contre le schéma officiel avant de la "
        "déposer : SIRET, catégories, montants.",
        show_default=False,
        metavar="DÉCLARATION",
    ),
]


@app.command("agec", cls=FrCommand)
def agec_command(
    ledgers: LedgersArg = None,
    config: ConfigOpt = None,
    year: AgecYearOpt = None,
    entity: EntityOpt = None,
    sheet: SheetOpt = None,
    contracts: ContractsOpt = None,
    rules: RulesOpt = None,
    categories: CategoriesOpt = False,
    check: CheckOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    lang: LangOpt = "fr",
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Économie circulaire (loi AGEC art. 58) : achats issus du réemploi ou recyclés, par catégorie.

    Pour chacune des 17 catégories de produits du décret n° 2024-134 : la dépense HT de
    l'année, la part issue du réemploi et de la réutilisation (dons compris) et la part
    intégrant des matières recyclées, face aux cibles de l'année. -o declaration.csv écrit la
    déclaration au format officiel (schéma data.gouv), vérifiée avant d'être écrite.

    Exemples :

      achats agec grand-livre-2025.xlsx --config achats.yaml

      achats agec --config achats.yaml --year 2025 -o declaration-agec-2025.csv

      achats agec --check declaration-agec-2025.csv
    """
    _check_format(fmt, lang, "agec", FORMATS)
    with boundary(debug, lang):
        if categories:
            _list_categories(config, year, _lang(lang))
            return
        if check is not None:
            _check_file(check, _lang(lang), quiet)
            return
        from achats_durables.operations.agec import agec_job
        from achats_durables.writers import format_for

        kind = format_for(output, fmt)
        _check_format(kind, lang, "agec", FORMATS)  # -o rapport.html
        _needs_file(kind, output, lang)
        report = agec_job(
            ledgers or [],
            config=config,
            year=year,
            entity=entity,
            sheet=sheet,
            contracts=contracts or [],
            rules=rules or [],
        )
        _deliver(report, kind, output, _lang(lang), "agec")
        if not quiet and output is not None:
            spend = sum(b.spend_eur for b in report.buyers)
            say("cli-agec-written", lang, path=str(output), buyers=len(report.buyers),
                year=report.year, spend=spend)  # fmt: skip


def _list_categories(config: Path | None, year: int | None, lang: str) -> None:
    from rich.console import Console

    from achats_durables.operations.agec import category_listing
    from achats_durables.writers.agec_terminal import render_categories

    render_categories(Console(highlight=False), category_listing(config), year, lang)


def _check_file(path: Path, lang: str, quiet: bool) -> None:
    from achats_durables.operations.agec import check_declaration_file

    rows, problems = check_declaration_file(path)
    for issue in problems[:20]:
        say("cli-error", lang, "bold red", message=issue.message(lang))
    if problems:
        if len(problems) > 20:
            say("agec-check-more", lang, count=len(problems) - 20)
        raise typer.Exit(int(ExitCode.INPUT))
    if not quiet:
        say("agec-check-ok", lang, path=str(path), rows=rows)
