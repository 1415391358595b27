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
    """
    _check_format(fmt, lang, "plan")
    with boundary(debug, lang):
        from achats_durables.operations.plan import plan_job
        from achats_durables.writers import format_for

        kind = format_for(output, fmt)
        _needs_file(kind, output, lang)
        report = plan_job(plan, config=config)
        _deliver(report, kind, output, _lang(lang), "plan")
        if not quiet and output is not None:
            _say_written(report, output, _lang(lang))


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
