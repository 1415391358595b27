"""The plan report in the terminal (rich): where the plan leads, action by action.

A finance officer reads the headline first (base year, target, plan, the gap in plain words),
then the trajectory, the actions ranked, the targets, the contracts to renew and the alerts.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from achats_durables.i18n.catalog import tr, yes_no
from achats_durables.i18n.formatting import format_amount, format_date, format_percent
from achats_durables.planning.report import ActionResult, PlanReport, TargetResult

from .fit import add_label_column, block, label_width, print_notes, print_wrapped
from .plan_labels import (
    DETAIL_IN_REPORT,
    MET,
    SCOPE,
    action_effect,
    action_name,
    action_start,
    followup_label,
    renewals,
    total_target,
)


def _t(value: float | None, lang: str) -> str:
    return "—" if value is None else format_amount(value, 1, lang)


def _pct(value: float | None, lang: str) -> str:
    return "—" if value is None else format_percent(value, 1, lang)


def render_plan(report: PlanReport, console: Console, lang: str = "fr") -> None:
    """The headline panel, the trajectory, actions, targets, contracts to renew and alerts."""
    console.print(
        Panel(
            block(headline(report, lang), console.width - 4),
            title=tr("Plan d'actions : trajectoire des émissions des achats", lang),
            expand=False,
        )
    )
    _trajectory(report, console, lang)
    _actions(report, console, lang)
    _targets(report, console, lang)
    _contracts(report, console, lang)
    print_notes(console, report.issues, tr(DETAIL_IN_REPORT, lang), lang=lang)


def headline(report: PlanReport, lang: str) -> list[str]:
    """The panel's lines: the base year, where the plan leads, the total target and the gap."""
    rel = report.base_uncertainty_tco2e / report.base_tco2e if report.base_tco2e else 0.0
    end = report.point(report.horizon)
    lines = [
        tr(
            "[bold]Année de base {year} : {total} tCO2e[/bold] ± {unc} (± {share}, intervalle à 95 %)",
            lang,
            year=report.base_year,
            total=_t(report.base_tco2e, lang),
            unc=_t(report.base_uncertainty_tco2e, lang),
            share=_pct(rel, lang),
        ),
        tr(
            "En {horizon} : {baseline} tCO2e sans plan (volumes {growth} par an), "
            "{plan} tCO2e avec le plan (de {low} à {high}).",
            lang,
            horizon=report.horizon,
            baseline=_t(end.baseline_tco2e, lang),
            growth=_pct(report.growth, lang),
            plan=_t(end.plan_tco2e, lang),
            low=_t(end.plan_low_tco2e, lang),
            high=_t(end.plan_high_tco2e, lang),
        ),
        *_target_lines(report, total_target(report), lang),
        *_followup_lines(report, lang),
    ]
    pending = [a for a in report.actions if not a.estimated]
    if pending:
        lines.append(
            tr(
                "{count} action(s) dont l'effet reste à estimer, comptée(s) à 0 : {ids}.",
                lang,
                count=len(pending),
                ids=escape(", ".join(a.id for a in pending)),
            )
        )
    return lines


def _followup_lines(report: PlanReport, lang: str) -> list[str]:
    """The last year measured (``achats run`` of a later year) against the plan."""
    measured = [p for p in report.trajectory if p.actual_tco2e is not None and p.followup]
    if not measured:
        return []
    last = measured[-1]
    return [
        tr(
            "Réalisé {year} : {actual} tCO2e pour {plan} tCO2e prévues par le plan, "
            "[bold]{state}[/bold].",
            lang,
            year=last.year,
            actual=_t(last.actual_tco2e, lang),
            plan=_t(last.plan_tco2e, lang),
            state=followup_label(last.followup, lang),
        )
    ]


def _target_lines(report: PlanReport, target: TargetResult | None, lang: str) -> list[str]:
    """The total target, the plan in its year and the verdict in plain words."""
    if target is None:
        return [tr("Aucun objectif sur toute l'empreinte : le plan n'est comparé à rien.", lang)]
    lines = [
        tr(
            "Objectif « {label} » : {target} tCO2e en {year} ({reduction} par rapport à {base}) ; "
            "le plan y mène à {plan} tCO2e.",
            lang,
            label=escape(target.label or target.id),  # the panel's lines are markup
            target=_t(target.target_tco2e, lang),
            year=target.year,
            reduction=_pct(-target.reduction, lang),
            base=report.base_year,
            plan=_t(target.plan_tco2e, lang),
        )
    ]
    if target.met:
        lines.append(
            tr(
                "[bold]L'objectif est atteint[/bold] : le plan fait {margin} tCO2e de mieux "
                "en {year}.",
                lang,
                margin=_t(-target.gap_tco2e, lang),
                year=target.year,
            )
        )
    else:
        lines.append(
            tr(
                "[bold]Il manque {gap} tCO2e en {year}[/bold] pour atteindre l'objectif : "
                "il faut d'autres actions ou des effets plus forts.",
                lang,
                gap=_t(target.gap_tco2e, lang),
                year=target.year,
            )
        )
    return lines


def _table(
    console: Console,
    title: str,
    headers: list[str],
    rows: list[list[str]],
    label: int | None,
    left: tuple[int, ...] = (),
) -> None:
    """A table whose column ``label`` (names) takes the room left and cuts them with « … »;
    numbers right-aligned, the columns before the label and ``left`` (words) left-aligned."""
    table = Table(title=title, title_justify="left")
    others = [[h, *(r[i] for r in rows)] for i, h in enumerate(headers) if i != label]
    for i, header in enumerate(headers):
        if i == label:
            add_label_column(table, header, label_width(console.width, *others))
        else:
            words = i in left or (label is not None and i < label)
            table.add_column(header, justify="left" if words else "right", no_wrap=True)
    for row in rows:  # plain text: a label with [brackets] is not markup
        table.add_row(*(Text(c) for c in row))
    console.print(table)


def _trajectory(report: PlanReport, console: Console, lang: str) -> None:
    headers = [
        tr("Année", lang),
        tr("Sans plan", lang),
        tr("Plan", lang),
        tr("Fourchette du plan", lang),
        tr("Objectif", lang),
        tr("Réalisé", lang),
        tr("Suivi", lang),
    ]
    rows = [
        [
            str(p.year),
            _t(p.baseline_tco2e, lang),
            _t(p.plan_tco2e, lang),
            f"{_t(p.plan_low_tco2e, lang)} – {_t(p.plan_high_tco2e, lang)}",
            _t(p.target_tco2e, lang),
            _t(p.actual_tco2e, lang),
            followup_label(p.followup, lang) or "—",
        ]
        for p in report.trajectory
    ]
    _table(console, tr("Trajectoire (tCO2e)", lang), headers, rows, None, (6,))


def _actions(report: PlanReport, console: Console, lang: str) -> None:
    """The actions ranked by tCO2e avoided at the horizon, then one line of detail each."""
    if not report.actions:
        return
    horizon = report.horizon
    headers = [
        "#",
        tr("Action", lang),
        tr("Début", lang),
        tr("tCO2e sélection", lang),
        tr("Évité {year}", lang, year=horizon),
        tr("Cumulé", lang),
        tr("Part de l'écart", lang),
    ]
    rows = [
        [
            str(rank),
            f"{a.id} — {a.label}" if a.label and a.label != a.id else a.id,
            action_start(a, lang),
            _t(a.selection_tco2e, lang),
            _t(a.avoided_tco2e.get(horizon, 0.0), lang),
            _t(a.avoided_tco2e_horizon, lang),
            _pct(a.gap_share, lang),
        ]
        for rank, a in enumerate(report.actions, start=1)
    ]
    title = tr("Actions, de la plus forte à la plus faible (tCO2e évitées)", lang)
    _table(console, title, headers, rows, 1, (2,))
    for a in report.actions:
        print_wrapped(console, _action_detail(a, lang), first="• ", hanging="  ")


def _action_detail(a: ActionResult, lang: str) -> str:
    """« repas : émissions -20,0 % ; recouvre papier ; suivi 2026 en avance, 2027 en retard »."""
    parts = [action_effect(a, lang)]
    if not a.estimated:
        parts[0] = tr("{effect}, compté à 0", lang, effect=parts[0])
    if a.overlaps:
        parts.append(tr("recouvre {ids}", lang, ids=", ".join(a.overlaps)))
    if a.followup:
        measured = ", ".join(
            tr("{year} {state}", lang, year=f.year, state=followup_label(f.followup, lang))
            for f in sorted(a.followup, key=lambda f: f.year)
        )
        parts.append(tr("suivi {years}", lang, years=measured))
    return tr("{id} : {details}", lang, id=a.id, details=tr(" ; ", lang).join(parts))


def _targets(report: PlanReport, console: Console, lang: str) -> None:
    if not report.targets:
        return
    headers = [
        tr("Objectif", lang),
        tr("Périmètre", lang),
        tr("Année", lang),
        tr("Réduction", lang),
        tr("Cible", lang),
        tr("Plan", lang),
        tr("Écart", lang),
        tr("Atteint", lang),
    ]
    rows = [
        [
            t.label or t.id,
            tr(SCOPE[t.partial], lang),
            str(t.year),
            _pct(-t.reduction, lang),
            _t(t.target_tco2e, lang),
            _t(t.plan_tco2e, lang),
            _t(t.gap_tco2e, lang),
            tr(MET[t.met], lang),
        ]
        for t in report.targets
    ]
    _table(console, tr("Objectifs (tCO2e)", lang), headers, rows, 0, (1, 7))


def _contracts(report: PlanReport, console: Console, lang: str) -> None:
    pairs = renewals(report)
    if not pairs:
        return
    headers = [
        tr("Renouvellement", lang),
        tr("Marché", lang),
        tr("Entité", lang),
        tr("Fin", lang),
        tr("Action", lang),
        tr("Dépense HT (€)", lang),
        tr("Considération environnementale", lang),
    ]
    rows = [
        [
            "—" if c.renewal_year is None else str(c.renewal_year),
            c.contract_ref,
            c.entity,
            format_date(c.end_date, lang) or "—",
            action_name(a),
            format_amount(c.spend_excl_vat_eur, 0, lang),
            "—" if c.environmental is None else yes_no(c.environmental, lang),
        ]
        for c, a in pairs
    ]
    _table(console, tr("Marchés à renouveler : le moment d'agir", lang), headers, rows, 4)
