"""``achats plan``: the action plan's trajectory, targets and actions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ._app import (
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
    say,
)

if TYPE_CHECKING:
    from achats_durables.planning.report import PlanReport


@app.command("plan", cls=FrCommand)
def plan_command(
    plan: Annotated[
        Path | None,
        typer.Argument(
            help="Plan d'actions (plan.yaml). Par défaut : plan d'achats.yaml.",
            show_default=False,
            metavar="PLAN",
        ),
    ] = None,
    config: ConfigOpt = None,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft",
            help="Écrire un premier plan.yaml à partir des priorités (catégories achetées sans "
            "considération environnementale, leurs marchés et leurs échéances), effets à estimer.",
        ),
    ] = False,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="Avec --draft : l'année de référence (par défaut : le dernier exercice "
            "d'achats.yaml).",
            show_default=False,
            metavar="ANNÉE",
        ),
    ] = None,
    horizon: Annotated[
        int | None,
        typer.Option(
            "--horizon",
            help="Avec --draft : l'horizon du plan (par défaut : l'échéance du PCAET "
            "d'achats.yaml, sinon 5 ans).",
            show_default=False,
            metavar="ANNÉE",
        ),
    ] = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    lang: LangOpt = "fr",
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Trajectoire du plan d'actions : sans plan, avec le plan, objectifs, année par année.

    Part de l'empreinte de l'année de référence (grands livres d'achats.yaml), applique les
    actions du plan (effet, montée en charge, renouvellement des marchés) jusqu'à l'horizon,
    compare aux objectifs et, pour les exercices suivants déjà dans achats.yaml, au réalisé.

    Exemples :

      achats plan plan.yaml --config achats.yaml

      achats plan --config achats.yaml -o plan.xlsx

      achats plan --draft --config achats.yaml -o plan.yaml
    """
    _check_format(fmt, lang, "plan")
    with boundary(debug, lang):
        if draft:
            _write_draft(config, year, horizon, output)
            return
        from achats_durables.operations.plan import plan_job
        from achats_durables.writers import format_for

        kind = format_for(output, fmt)
        _needs_file(kind, output, lang)
        report = plan_job(plan, config=config)
        _deliver(report, kind, output, _lang(lang), "plan")
        if not quiet and output is not None:
            _say_written(report, output, _lang(lang))


def _write_draft(
    config: Path | None, year: int | None, horizon: int | None, output: Path | None
) -> None:
    """The draft on stdout, or into a new file (an existing one is never replaced)."""
    from achats_durables.core.errors import ConfigError, Location
    from achats_durables.operations.plan import draft_job
    from achats_durables.writers import write_bytes

    if output is not None and output.exists():
        raise ConfigError("plan-draft-exists", Location(str(output)))
    text = draft_job(config=config, year=year, horizon=horizon)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_bytes(output, text.encode("utf-8"))


def _say_written(report: PlanReport, output: Path, lang: str) -> None:
    """The file written and the plan's figure in the horizon year, on stderr."""
    from achats_durables.i18n.formatting import format_amount
    from achats_durables.i18n.messages import render

    last = report.point(report.horizon)
    target = (
        f"{format_amount(last.target_tco2e, 1, lang)} tCO2e"
        if last.target_tco2e is not None
        else render("cli-plan-no-target", lang)
    )
    say("cli-plan-written", lang, path=str(output), plan=last.plan_tco2e, year=report.horizon,
        target=target)  # fmt: skip
