"""``achats clauses``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from achats_durables.core.errors import ExitCode
from achats_durables.i18n.messages import render

from ._app import (
    ConfigOpt,
    DebugOpt,
    FormatOpt,
    FrCommand,
    LangOpt,
    MappingOpt,
    OutputOpt,
    QuietOpt,
    StrictOpt,
    _check_format,
    _deliver,
    _lang,
    _needs_file,
    _strict_failed,
    app,
    boundary,
    say,
)

ContractArgs = Annotated[
    list[Path],
    typer.Argument(
        help="Registre des marchés (.xlsx, .ods, .csv) ou données essentielles DECP (.json, .csv).",
        show_default=False,
        metavar="MARCHÉS…",
    ),
]

JoinLedgerOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--ledger",
        "-l",
        help="Grand livre à rapprocher des marchés par n° de marché (répétable).",
        show_default=False,
        metavar="GRAND-LIVRE",
    ),
]

BuyerOpt = Annotated[
    str | None,
    typer.Option(
        "--buyer",
        help="Ne garder que les marchés d'un acheteur (SIRET ou SIREN).",
        show_default=False,
        metavar="SIRET",
    ),
]

NotifiedYearOpt = Annotated[
    int | None,
    typer.Option(
        "--year",
        help="Année de notification des marchés à retenir.",
        show_default=False,
        min=1990,
        max=2100,
        metavar="ANNÉE",
    ),
]

BuyerEntityOpt = Annotated[
    str | None,
    typer.Option(
        "--entity",
        help=(
            "Ne garder que les marchés d'un acheteur, par son nom (sans tenir compte des "
            "majuscules ni des accents) ou par son SIREN (9 chiffres) ou SIRET (14 chiffres) : "
            "« acheteur.id » des DECP, colonne SIRET acheteur du registre. Le grand livre "
            "(--ledger) est filtré de même."
        ),
        show_default=False,
        metavar="ENTITÉ",
    ),
]

SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Marchés notifiés à partir de cette date (JJ/MM/AAAA ou AAAA-MM-JJ).",
        show_default=False,
        metavar="DATE",
    ),
]


# --- clauses ---------------------------------------------------------------------------------
@app.command(cls=FrCommand)
def clauses(
    contracts: ContractArgs,
    ledger: JoinLedgerOpt = None,
    config: ConfigOpt = None,
    mapping: MappingOpt = None,
    buyer: BuyerOpt = None,
    year: NotifiedYearOpt = None,
    entity: BuyerEntityOpt = None,
    since: SinceOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
    lang: LangOpt = "fr",
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Couverture des clauses sociales et environnementales des marchés, et où agir d'abord.

    Objectifs PNAD, loi Climat et résilience et SPASER ; avec le grand livre (--ledger), la
    dépense et les émissions sous des marchés avec ou sans clause, et les priorités.

    Exemples :

      achats clauses registre-marches.xlsx

      achats clauses registre-marches.xlsx --ledger grand-livre-2025.xlsx -o clauses.xlsx

      achats clauses decp.json --buyer 21410018200012 --year 2025 --format json

      achats clauses decp.json --entity 214100182 --ledger grand-livre-2025.xlsx
    """
    _check_format(fmt, lang, "clauses")
    since_date = _parse_since(since, lang)
    with boundary(debug, lang):
        from achats_durables.operations.commands import clauses_job
        from achats_durables.writers import format_for

        kind = format_for(output, fmt)
        _needs_file(kind, output, lang)
        report = clauses_job(
            contracts,
            ledgers=ledger or [],
            config=config,
            mappings=mapping or [],
            buyer=buyer,
            year=year,
            entity=entity,
            since=since_date,
            output=output,
            fmt=kind,
        )
        _deliver(report, kind, output, _lang(lang), "clauses")
        if not quiet and output is not None:
            say("cli-clauses-written", lang, path=output, contracts=report.totals["contracts"])
        if strict and _strict_failed(report.issues, _lang(lang)):
            raise typer.Exit(int(ExitCode.THRESHOLD))


def _parse_since(text: str | None, lang: str) -> Any:
    if text is None:
        return None
    import datetime as dt

    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    message = render("cli-usage-not-a-date", _lang(lang), value=text)
    raise typer.BadParameter(message, param_hint="--since")
