"""``achats footprint``, ``achats validate``, ``achats explain``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from achats_durables.core.errors import ExitCode
from achats_durables.i18n.messages import render

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
    out_console,
    say,
)

if TYPE_CHECKING:
    from achats_durables.footprint.report import FootprintReport


AmortisationOpt = Annotated[
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
]

MaxUnmappedOpt = Annotated[
    float | None,
    typer.Option(
        "--max-unmapped",
        help="Part maximale de dépense non comptée (non affectée + énergie à quantifier) : 0.05, 5 ou « 5 % » pour 5 % (une valeur ≥ 1 est un pourcentage, 100 = 100 %) ; au-delà, code de sortie 1. Remplace max_unmapped d'achats.yaml.",
        show_default=False,
        parser=_share_option,
        metavar="PART",
    ),
]

SuppliersOpt = Annotated[
    Path | None,
    typer.Option(
        "--suppliers",
        help="Fichier des intensités propres aux fournisseurs (fournisseurs.yaml, .xlsx ou .csv : "
        "SIREN, kgCO2e par k€ HT ou par unité livrée, année, périmètre, source, incertitude), "
        "prioritaire sur les ratios sectoriels. Remplace suppliers d'achats.yaml.",
        show_default=False,
        metavar="FICHIER",
    ),
]

ActivitiesOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--activities",
        help="Fichier de données d'activité (activites.xlsx ou .csv : exercice, entité, facteur "
        "physique, quantité, unité, source, marché/compte/fournisseur couvert) : chaque quantité "
        "est comptée avec son facteur physique et remplace la dépense qu'elle couvre. "
        "Répétable. Remplace activities d'achats.yaml.",
        show_default=False,
        metavar="FICHIER",
    ),
]

PopulationOpt = Annotated[
    Path | None,
    typer.Option(
        "--population",
        help="Fichier des populations (communes.csv : SIREN ou nom de la commune, population) : "
        "pour un grand livre ou une balance de plusieurs communes, chacune est comparée à la "
        "médiane des autres, par habitant.",
        show_default=False,
        metavar="FICHIER",
    ),
]

MonteCarloOpt = Annotated[
    int,
    typer.Option(
        "--monte-carlo",
        help="Nombre de tirages Monte-Carlo pour un intervalle (0 : calcul analytique seul).",
        min=0,
        metavar="N",
    ),
]

SeedOpt = Annotated[
    int,
    typer.Option(
        "--seed", help="Graine des tirages Monte-Carlo (résultat reproductible).", metavar="N"
    ),
]


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
    amortisation: AmortisationOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
    max_unmapped: MaxUnmappedOpt = None,
    suppliers: SuppliersOpt = None,
    activities: ActivitiesOpt = None,
    population: PopulationOpt = None,
    monte_carlo: MonteCarloOpt = 0,
    seed: SeedOpt = 42,
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
        from achats_durables.operations.commands import footprint_job
        from achats_durables.writers import format_for

        kind = format_for(output, fmt)
        _needs_file(kind, output, lang)
        result = footprint_job(
            ledgers,
            config=config,
            factors=factors or [],
            mappings=mapping or [],
            sheet=sheet,
            year=year,
            entity=entity,
            amortisation_years=amortisation,
            monte_carlo=monte_carlo,
            seed=seed,
            max_unmapped=max_unmapped,
            output=output,
            fmt=kind,
            suppliers=suppliers,
            activities=activities or [],
            populations=population,
        )
        _deliver(result.report, kind, output, _lang(lang), "footprint")
        if not quiet and output is not None:
            _say_written(result.report, output, lang)
        if result.threshold_exceeded:
            _say_threshold(result.uncounted_share, result.limit or 0.0, lang)
            raise typer.Exit(int(ExitCode.THRESHOLD))
        if strict and _strict_failed(result.report.issues, _lang(lang)):
            raise typer.Exit(int(ExitCode.THRESHOLD))


def _say_threshold(share: float, limit: float, lang: str) -> None:
    """The uncounted share over the limit, on stderr (the report is written: exit 1)."""
    detail = render(
        "max-unmapped-exceeded",
        _lang(lang),
        share=f"{share * 100:.1f} %",
        limit=f"{limit * 100:.1f} %",
    )
    say("cli-threshold-exceeded", lang, "bold yellow", message=detail)


def _say_written(report: FootprintReport, output: Path, lang: str) -> None:
    """« Rapport écrit » on stderr, with the total and its scope (years, partial total)."""
    t = report.totals
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
        from achats_durables.operations.commands import validate_job

        result = validate_job(
            ledgers, config=config, mappings=mapping or [], sheet=sheet, year=year, entity=entity
        )
        if fmt == "json":
            from achats_durables.writers import json_text

            sys.stdout.write(json_text(result.to_dict(_lang(lang))))
            return
        from achats_durables.writers.validate import render_validation

        render_validation(result.footprint, out_console(), lang=_lang(lang))


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
    suppliers: SuppliersOpt = None,
    activities: ActivitiesOpt = None,
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
        from achats_durables.operations.commands import explain_job

        result = explain_job(
            ledger,
            row,
            config=config,
            factors=factors or [],
            mappings=mapping or [],
            sheet=sheet,
            year=year,
            suppliers=suppliers,
            activities=activities or [],
        )
        if fmt == "json":
            from achats_durables.writers import json_text

            sys.stdout.write(json_text(result.to_dict()))
            return
        from achats_durables.writers.explain import render_explanation

        render_explanation(result, out_console(), _lang(lang))
