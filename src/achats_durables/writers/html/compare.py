"""The comparison as a document: the years (or entities) side by side, why the emissions
changed (volume, factors, perimeter), the categories that moved most, the climate plan's
trajectory and the clause targets (``templates/compare.html.j2``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from achats_durables.i18n.catalog import tr
from achats_durables.tracking.compare import Comparison
from achats_durables.writers.compare_labels import EFFECTS

from . import charts
from .common import TOP, footer
from .plan import trajectory_chart
from .render import render_page


def compare_html(cmp: Comparison, lang: str = "fr") -> str:
    """The self-contained HTML page of ``cmp`` in ``lang``."""
    context = compare_context(cmp, lang)
    page = {"title": context["title"], "footer": context["footer"], "cp": context}
    return render_page("compare.html.j2", page, lang)


def compare_context(cmp: Comparison, lang: str) -> dict[str, Any]:
    data = cmp.to_dict(lang)
    reports = data["reports"]
    sources = sorted({r["factor_sets"] for r in reports if r.get("factor_sets")})
    return {
        "title": tr("Comparaison des exercices : empreinte carbone des achats", lang),
        "headline": headline(reports, data["changes"]),
        "reports": reports,
        "reports_chart": _reports_chart(reports, lang),
        "changes": [_change(step, lang) for step in data["changes"]],
        "categories": category_moves(data["by_factor"], reports, lang),
        "trajectory": data["trajectory"],
        "trajectory_chart": trajectory_chart(
            data["trajectory"], lang, ("target_tco2e", "actual_tco2e")
        ),
        "clause_targets": data["clause_targets"],
        "notes": data["notes"],
        "files": [{"label": r["label"], "name": Path(r["path"]).name} for r in reports],
        "footer": footer([tr("Facteurs : {sets}", lang, sets=s) for s in sources], []),
    }


def headline(reports: list[dict[str, Any]], changes: list[dict[str, Any]]) -> dict[str, Any]:
    """The first and last reports, the change between them and whether it exceeds the noise.

    The change is the sum of the steps' changes (each step is one report to the next); it is
    "significant" only if every step is.
    """
    first, last = reports[0], reports[-1]
    change = sum(float(s["change_tco2e"]) for s in changes)
    start = float(first["emissions_tco2e"])
    return {
        "first": first,
        "last": last,
        "several": len(reports) > 1,
        "change_tco2e": change,
        "change_share": change / start if start else None,
        "significant": bool(changes) and all(s["significant"] for s in changes),
        "volume_tco2e": sum(float(s["volume_effect_tco2e"]) for s in changes),
    }


def category_moves(
    by_factor: list[dict[str, Any]], reports: list[dict[str, Any]], lang: str
) -> dict[str, Any]:
    """The categories whose emissions moved most between the first and the last report
    (largest absolute change first), the rest summed under « autres »."""
    labels = [r["label"] for r in reports]
    first, last = labels[0], labels[-1]
    rows = [
        {
            "label": row["label"],
            "values": [float(row.get(label) or 0.0) for label in labels],
            "change": float(row.get(last) or 0.0) - float(row.get(first) or 0.0),
        }
        for row in by_factor
    ]
    rows.sort(key=lambda r: (-abs(r["change"]), r["label"]))
    head, rest = rows[:TOP], rows[TOP:]
    others = None
    if rest:
        others = {
            "label": tr("autres ({count} catégories)", lang, count=len(rest)),
            "values": [sum(r["values"][i] for r in rest) for i in range(len(labels))],
            "change": sum(r["change"] for r in rest),
        }
    return {"labels": labels, "rows": head, "others": others, "count": len(rows)}


def _change(step: dict[str, Any], lang: str) -> dict[str, Any]:
    effects: list[dict[str, Any]] = [
        {"key": key, "label": tr(label, lang), "tco2e": float(step[key])}
        for key, label in EFFECTS.items()
    ]
    chart = charts.horizontal_bars(
        [{"label": str(e["label"]), "tco2e": round(float(e["tco2e"]), 1)} for e in effects],
        "label",
        "tco2e",
        "tCO2e",
        lang=lang,
    )
    return {**step, "effects": effects, "chart": chart}


def _reports_chart(reports: list[dict[str, Any]], lang: str) -> str:
    rows = [{"label": r["label"], "tco2e": round(r["emissions_tco2e"], 1)} for r in reports]
    return charts.horizontal_bars(rows, "label", "tco2e", "tCO2e", lang=lang)
