"""The clause report as a document: coverage against the targets year by year, insertion
hours, where to act first (``templates/clauses.html.j2``)."""

from __future__ import annotations

from typing import Any

from achats_durables.clauses.coverage import ClauseReport
from achats_durables.i18n.catalog import tr

from . import charts
from .common import footer
from .render import render_page

PRIORITIES_SHOWN = 8
CONTRACTS_SHOWN = 3


def clauses_html(report: ClauseReport, lang: str = "fr") -> str:
    """The self-contained HTML page of ``report`` in ``lang``."""
    context = clauses_context(report, lang)
    page = {"title": context["title"], "footer": context["footer"], "cl": context}
    return render_page("clauses.html.j2", page, lang)


def clauses_context(report: ClauseReport, lang: str) -> dict[str, Any]:
    data = report.to_dict(lang)
    targets = data["targets"]
    years = _years(data["by_year"], targets)
    return {
        "title": tr("Clauses sociales et environnementales des marchés", lang),
        "totals": data["totals"],
        "years": years,
        "years_chart": _years_chart(years, lang),
        "checks": [t for t in targets if not str(t["id"]).startswith("pnad-")],
        "join": data["ledger_join"],
        "priorities": [_priority(p) for p in data["priorities"][:PRIORITIES_SHOWN]],
        "priorities_count": len(data["priorities"]),
        "warnings": [i["message"] for i in data["issues"] if i["severity"] != "info"],
        "footer": footer(
            [
                tr(
                    "Objectifs : PNAD 2022-2025, loi Climat et résilience, code de la commande publique",
                    lang,
                )
            ],
            [(i["path"], i["sha256"]) for i in data["inputs"]],
            report.tool_version,
        ),
    }


def _years(by_year: list[dict[str, Any]], targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each year's coverage beside its PNAD targets (social, environmental)."""
    pnad = {(t["id"], str(t["year"])): t for t in targets if str(t["id"]).startswith("pnad-")}
    out = []
    for row in sorted(by_year, key=lambda r: str(r["key"])):
        social = pnad.get(("pnad-social", str(row["key"])))
        env = pnad.get(("pnad-environnement", str(row["key"])))
        out.append(
            {
                **row,
                "target_social": social["target"] if social else None,
                "met_social": social["met"] if social else None,
                "target_environmental": env["target"] if env else None,
                "met_environmental": env["met"] if env else None,
            }
        )
    return out


def _years_chart(years: list[dict[str, Any]], lang: str) -> str:
    if len(years) < 2:
        return ""
    social, env = tr("considération sociale", lang), tr("considération environnementale", lang)
    rows = [
        {"year": str(y["key"]), "share": round(y[key] * 100, 1), "series": name}
        for y in years
        for key, name in (("share_social", social), ("share_environmental", env))
    ]
    return charts.lines(rows, "year", "share", "series", tr("% des marchés", lang), lang=lang)


def _priority(p: dict[str, Any]) -> dict[str, Any]:
    contracts = sorted(p["contracts_detail"], key=lambda c: str(c.get("end_date") or "9999"))
    return {
        "rank": p["rank"],
        "label": p["label"],
        "tco2e": p["emissions_tco2e"],
        "spend_eur": p["spend_excl_vat_eur"],
        "contracts": contracts[:CONTRACTS_SHOWN],
        "more_contracts": max(len(contracts) - CONTRACTS_SHOWN, 0),
        "action": p["action"],
    }
