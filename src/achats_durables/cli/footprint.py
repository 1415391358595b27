"""``achats footprint``, ``achats validate``, ``achats explain``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from achats_durables.core.errors import ExitCode

from ._app import (
    SCREEN_FORMATS,
    ConfigOpt,
    DebugOpt,
    EntityOpt,
    FactorsOpt,
    FormatOpt,
    FrCommand,
    LangOpt,
    LedgerArgs,
    MappingOpt,
    OutputOpt,
    QuietOpt,
    ScreenFormatOpt,
    SheetOpt,
    StrictOpt,
    YearOpt,
    _check_format,
    _deliver,
    _lang,
    _needs_file,
    _share_option,
    _strict_failed,
    app,
    boundary,
    say,
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
    amortisation: Annotated[
        int | None,
        typer.Option(
            "--amortisation",
            help="Répartir les émissions des immobilisations (classe 2) sur ce nombre d'années "
            "(option du BEGES) au lieu de tout compter l'année d'acquisition.",
            show_default=False,
            min=1,
            max=100,
            metavar="ANNÉES",
        ),
    ] = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
    max_unmapped: Annotated[
        float | None,
        typer.Option(
            "--max-unmapped",
            help="Part maximale de dépense non comptée (non affectée + énergie à quantifier) : 0.05, 5 ou « 5 % » pour 5 % (une valeur ≥ 1 est un pourcentage, 100 = 100 %) ; au-delà, code de sortie 1. Remplace max_unmapped d'achats.yaml.",
            show_default=False,
            parser=_share_option,
            metavar="PART",
        ),
    ] = None,
    monte_carlo: Annotated[
        int,
        typer.Option(
            "--monte-carlo",
            help="Nombre de tirages Monte-Carlo pour un intervalle (0 : calcul analytique seul).",
            min=0,
            metavar="N",
        ),
    ] = 0,
    seed: Annotated[
        int,
        typer.Option(
            "--seed", help="Graine des tirages Monte-Carlo (résultat reproductible).", metavar="N"
        ),
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
    _check_format(fmt, lang, "footprint")
    with boundary(debug, lang):
        from achats_durables.operations.pipeline import load_setup, run_footprint
        from achats_durables.writers import format_for, guard_inputs, report_files

        kind = format_for(output, fmt)
        _needs_file(kind, output, lang)
        if output is not None:
            guard_inputs(
                report_files(output, kind, "footprint"),
                [*ledgers, config, *(factors or []), *(mapping or [])],
            )
        setup = load_setup(config, factors or [], mapping or [])
        report = run_footprint(
            ledgers,
            setup,
            sheet=sheet,
            year=year,
            monte_carlo=monte_carlo,
            seed=seed,
            entity=entity,
            amortisation_years=amortisation,
        )
        _deliver(report, kind, output, _lang(lang), "footprint")
        if not quiet and output is not None:
            t = report.totals
            from achats_durables.i18n.messages import render

            scope = ""
            if t.multi_year:
                scope += render("cli-scope-years", _lang(lang), years=", ".join(map(str, t.years)))
            if t.partial:
                scope += render("cli-scope-partial", _lang(lang))
            say(
                "cli-report-written",
                lang,
                path=output,
                emissions=t.emissions_tco2e,
                uncertainty=t.uncertainty_tco2e,
                scope=scope,
            )
        # both already read as fractions by shares.parse_share: never divided again here
        limit = max_unmapped if max_unmapped is not None else setup.config.max_unmapped
        if limit is not None:
            share = report.reconciliation.share_uncounted()
            if share > limit:
                from achats_durables.i18n.messages import render

                detail = render(
                    "max-unmapped-exceeded",
                    _lang(lang),
                    share=f"{share * 100:.1f} %",
                    limit=f"{limit * 100:.1f} %",
                )
                say("cli-threshold-exceeded", lang, "bold yellow", message=detail)
                raise typer.Exit(int(ExitCode.THRESHOLD))
        if strict and _strict_failed(report.issues, _lang(lang)):
            raise typer.Exit(int(ExitCode.THRESHOLD))


# --- validate --------------------------------------------------------------------------------
@app.command(cls=FrCommand)
def validate(
    ledgers: LedgerArgs,
    config: ConfigOpt = None,
    mapping: MappingOpt = None,
    sheet: SheetOpt = None,
    year: YearOpt = None,
    entity: EntityOpt = None,
    fmt: ScreenFormatOpt = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Vérifier la lecture d'un grand livre, sans calcul d'émissions.

    Affiche le format détecté (encodage, séparateur, feuilles), chaque colonne reconnue, les lignes
    ignorées et rejetées avec leur emplacement, et le rapprochement des montants par statut.

    Exemple :

      achats validate grand-livre-2025.xlsx
    """
    _check_format(fmt, lang, "validate", SCREEN_FORMATS)
    with boundary(debug, lang):
        from achats_durables.operations.pipeline import load_setup, run_footprint

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
            from achats_durables.writers import json_text

            sys.stdout.write(json_text(data))
            return
        from achats_durables.writers.validate import render_validation

        render_validation(report, Console(highlight=False), lang=_lang(lang))


# --- explain ---------------------------------------------------------------------------------
@app.command(cls=FrCommand)
def explain(
    ledger: Annotated[
        Path,
        typer.Argument(help="Grand livre des dépenses.", show_default=False, metavar="GRAND-LIVRE"),
    ],
    row: Annotated[
        int,
        typer.Option(
            "--row",
            "-r",
            help="Numéro de ligne tel que le tableur l'affiche.",
            show_default=False,
            metavar="LIGNE",
        ),
    ],
    config: ConfigOpt = None,
    factors: FactorsOpt = None,
    mapping: MappingOpt = None,
    sheet: SheetOpt = None,
    year: YearOpt = None,
    fmt: ScreenFormatOpt = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Expliquer le calcul d'une ligne du grand livre.

    La ligne lue, la règle retenue et les autres candidates, le facteur, l'année des euros,
    l'indice des prix et l'arithmétique.

    Exemple :

      achats explain grand-livre-2025.xlsx --row 14
    """
    _check_format(fmt, lang, "explain", SCREEN_FORMATS)
    with boundary(debug, lang):
        from achats_durables.footprint.explain import explain_row
        from achats_durables.operations.pipeline import load_setup, run_footprint

        setup = load_setup(config, factors or [], mapping or [])
        report = run_footprint([ledger], setup, sheet=sheet, year=year)
        result = explain_row(report, setup.rules, setup.factor_sets, setup.index, row, sheet=sheet)
        if fmt == "json":
            from achats_durables.writers import json_text

            sys.stdout.write(json_text(result.to_dict()))
            return
        from achats_durables.writers.explain import render_explanation

        render_explanation(result, Console(highlight=False))
