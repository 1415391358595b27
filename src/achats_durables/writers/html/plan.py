"""The action plan as a document: the trajectory against the targets, the actions ranked by
tCO2e avoided, the contracts to renew (``templates/plan.html.j2``)."""

from __future__ import annotations

from typing import Any

from achats_durables.i18n.catalog import tr
from achats_durables.planning.report import PlanReport

from . import charts
from .common import footer
from .render import render_page


def plan_html(report: PlanReport, lang: str = "fr") -> str:
    """The self-contained HTML page of ``report`` in ``lang``."""
    context = plan_context(report, lang)
    page = {"title": context["title"], "footer": context["footer"], "pl": context}
    return render_page("plan.html.j2", page, lang)


def plan_context(report: PlanReport, lang: str) -> dict[str, Any]:
    data = report.to_dict(lang)
    inputs = [data["plan_file"], *data["footprint_inputs"]]
    return {
        "title": tr("Plan d'actions : trajectoire des émissions des achats", lang),
        "plan": plan_summary(data),
        "trajectory": data["trajectory"],
        "trajectory_chart": trajectory_chart(data["trajectory"], lang),
        "actions": sorted((_action(a) for a in data["actions"]), key=lambda a: -a["avoided_tco2e"]),
        "targets": data["targets"],
        "warnings": [i["message"] for i in data["issues"] if i["severity"] != "info"],
        "footer": footer([], [(i["path"], i["sha256"]) for i in inputs], report.tool_version),
    }


def plan_summary(data: dict[str, Any]) -> dict[str, Any]:
    """The headline's figures: base year, horizon, the plan and the main target there."""
    last = data["trajectory"][-1] if data["trajectory"] else {}
    main = next((t for t in data["targets"] if not t["partial"]), None)
    return {
        "base_year": data["base_year"],
        "horizon": data["horizon"],
        "base_tco2e": data["base_tco2e"],
        "plan_tco2e": last.get("plan_tco2e"),
        "avoided_tco2e": data["base_tco2e"] - float(last.get("plan_tco2e") or data["base_tco2e"]),
        "target": main,
    }


PLAN_SERIES = ("baseline_tco2e", "plan_tco2e", "target_tco2e", "actual_tco2e")


def trajectory_chart(
    trajectory: list[dict[str, Any]], lang: str, keys: tuple[str, ...] = PLAN_SERIES
) -> str:
    """Lines by year, one per key present: without the plan, with the plan, the target, what
    was done."""
    names = {
        "baseline_tco2e": tr("sans le plan", lang),
        "plan_tco2e": tr("avec le plan", lang),
        "target_tco2e": tr("objectif", lang),
        "actual_tco2e": tr("réalisé", lang),
    }
    series = [(key, names[key]) for key in keys]
    rows = [
        {"year": str(p["year"]), "tco2e": round(p[key], 1), "series": name}
        for key, name in series
        for p in trajectory
        if p.get(key) is not None
    ]
    if not rows:
        return ""
    return charts.lines(rows, "year", "tco2e", "series", "tCO2e", lang=lang)


def _action(a: dict[str, Any]) -> dict[str, Any]:
    contracts = sorted(a.get("contracts") or [], key=lambda c: str(c.get("end_date") or "9999"))
    return {
        "id": a["id"],
        "label": a["label"],
        "start": a["start"],
        "full": a["full"],
        "at_renewal": bool(a.get("renewal")),
        "avoided_tco2e": a["avoided_tco2e_horizon"],
        "gap_share": a.get("gap_share"),
        "renewal": contracts[0] if contracts else None,
        "contracts": len(contracts),
    }
