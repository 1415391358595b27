"""The words and small readings shared by the plan report's writers (terminal, xlsx, csv).

Every text is French, shown in the report's language through :func:`tr`; the English is in
:mod:`achats_durables.i18n.catalog_en_plan`.
"""

from __future__ import annotations

from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_percent
from achats_durables.planning.report import ActionResult, ContractRef, PlanReport, TargetResult

FOLLOWUP_LABELS = {
    "ahead": "en avance",
    "on_track": "dans la trajectoire",
    "behind": "en retard",
}
MET = {True: "atteint", False: "non atteint"}
SCOPE = {False: "total", True: "partiel"}  # the target is on the whole footprint, or part of it
KINDS = {"emissions": "émissions", "spend": "dépense", "substitute": "substitution"}
TO_ESTIMATE = "effet à estimer"
AT_RENEWAL = "au renouvellement"
DETAIL_IN_REPORT = (
    "Le détail de chaque alerte est dans le rapport : -o plan.xlsx (feuille « Alertes ») "
    "ou --format json (liste « issues »)."
)


def followup_label(code: str | None, lang: str) -> str:
    """« en avance », « dans la trajectoire », « en retard »; empty without a follow-up."""
    if code is None:
        return ""
    return tr(FOLLOWUP_LABELS[code], lang) if code in FOLLOWUP_LABELS else code


def total_target(report: PlanReport) -> TargetResult | None:
    """The target on the whole footprint (the first one, in plan order), if any."""
    return next((t for t in report.targets if not t.partial), None)


def action_name(a: ActionResult) -> str:
    return a.label or a.id


def action_start(a: ActionResult, lang: str) -> str:
    """« 2026 », « 2026 → 2028 » (ramp to full effect) or « au renouvellement »."""
    if a.renewal or a.start is None:
        return tr(AT_RENEWAL, lang)
    if a.full is not None and a.full != a.start:
        return f"{a.start} → {a.full}"
    return str(a.start)


def action_effect(a: ActionResult, lang: str) -> str:
    """« émissions -20,0 % », « dépense -30,0 % », « substitution 50,0 % (reemploi) », or
    « effet à estimer » for an action whose effect is still unknown."""
    if not a.estimated:
        return tr(TO_ESTIMATE, lang)
    kind = tr(KINDS[a.kind], lang) if a.kind in KINDS else a.kind
    text = f"{kind} {format_percent(a.effect, 1, lang)}"
    return f"{text} ({a.substitute_factor})" if a.substitute_factor else text


def action_followup(a: ActionResult, lang: str) -> str:
    """Each measured year of the action: « 2026 : en avance ; 2027 : en retard »."""
    return tr(" ; ", lang).join(
        tr("{year} : {state}", lang, year=f.year, state=followup_label(f.followup, lang))
        for f in sorted(a.followup, key=lambda f: f.year)
    )


def renewals(report: PlanReport) -> list[tuple[ContractRef, ActionResult]]:
    """Each contract of each action, by renewal year (unknown last), contract, then action."""
    pairs = [(c, a) for a in report.actions for c in a.contracts]
    return sorted(
        pairs,
        key=lambda p: (
            p[0].renewal_year is None,
            p[0].renewal_year or 0,
            p[0].contract_ref,
            p[0].entity,
            p[1].id,
        ),
    )


def waterfall_steps(report: PlanReport, lang: str) -> list[tuple[str, float, float]]:
    """The waterfall of the horizon year: (label, invisible base, visible bar) per step.

    From the baseline (sans plan) down to the plan, one step per action (its tCO2e avoided in
    the horizon year); when the actions overlap, what they avoid together is not the sum of
    what each avoids, and a step « recouvrements » closes the waterfall on the plan's value.
    """
    point = report.point(report.horizon)
    steps = [(tr("Sans plan", lang), 0.0, point.baseline_tco2e)]
    level = point.baseline_tco2e
    deltas = [(action_name(a), -a.avoided_tco2e.get(report.horizon, 0.0)) for a in report.actions]
    rest = point.plan_tco2e - level - sum(d for _, d in deltas)
    if abs(rest) > 1e-6 * max(abs(level), 1.0):
        deltas.append((tr("Recouvrements entre actions", lang), rest))
    for label, delta in deltas:
        new = level + delta
        steps.append((label, min(level, new), abs(delta)))
        level = new
    steps.append((tr("Avec le plan", lang), 0.0, point.plan_tco2e))
    return steps
