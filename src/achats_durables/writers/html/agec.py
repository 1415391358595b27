"""The AGEC art. 58 report as a document, and its summary in a combined report: the categories
with spend, their reuse and recycled shares against the year's targets, the buyers and their
SIRET (``templates/agec.html.j2``, ``templates/agec_body.html.j2``)."""

from __future__ import annotations

from typing import Any

from achats_durables.circular.report import AgecReport, CategoryRow
from achats_durables.i18n.catalog import tr
from achats_durables.writers.agec_labels import MET, SCOPE, SIRET_ORIGIN, TITLE, targets_text

from .common import footer
from .render import render_page

CATEGORIES_SHOWN = 8


def agec_html(report: AgecReport, lang: str = "fr") -> str:
    """The self-contained HTML page of ``report`` in ``lang``: headline, categories, buyers."""
    ag = agec_context(report, lang)
    ag["headline"] = agec_headline(_scope_rows(report))
    ag["scope"] = tr(SCOPE, lang, version=report.declaration.get("version", ""))
    ag["buyers"] = [
        {
            "entity": b.entity,
            "siret": b.siret,
            "origin": tr(SIRET_ORIGIN[b.siret_source], lang),
            "total_eur": sum(c.total_eur for c in b.categories),
        }
        for b in report.buyers
    ]
    ag["messages"] = [i.message(lang) for i in report.issues]
    inputs = [(i["path"], i["sha256"]) for i in report.inputs if i.get("sha256")]
    source = report.declaration.get("source") or ""
    page = {
        "title": ag["title"],
        "ag": ag,
        "footer": footer([str(source)] if source else [], inputs, report.tool_version),
    }
    return render_page("agec.html.j2", page, lang)


def agec_headline(rows: list[CategoryRow]) -> dict[str, Any]:
    """The year's totals over the decree's categories and how many targets are met."""
    total = sum(r.total_eur for r in rows)
    reuse = sum(r.reuse_eur for r in rows)
    recycled = sum(r.recycled_eur for r in rows)
    judged = [r.met(kind) for r in rows if r.total_eur > 0 for kind in ("reuse", "recycled")]
    return {
        "total_eur": total,
        "reuse_eur": reuse,
        "recycled_eur": recycled,
        "reuse_share": reuse / total if total else None,
        "recycled_share": recycled / total if total else None,
        "categories": sum(1 for r in rows if r.total_eur > 0),
        "targets_met": sum(1 for m in judged if m is True),
        "targets_judged": sum(1 for m in judged if m is not None),
    }


def _scope_rows(report: AgecReport) -> list[CategoryRow]:
    if report.group is not None:
        return report.group
    return [c for b in report.buyers for c in b.categories]


def agec_context(report: AgecReport, lang: str) -> dict[str, Any]:
    """The categories of the scope (the group's sum, or the one buyer's), largest spend first."""
    rows = _scope_rows(report)
    shown = sorted((r for r in rows if r.total_eur > 0), key=lambda r: -r.total_eur)
    return {
        "title": tr(TITLE, lang, year=report.year),
        "categories": [_row(r, lang) for r in shown[:CATEGORIES_SHOWN]],
        "more": max(len(shown) - CATEGORIES_SHOWN, 0),
        "targets_note": targets_text(report, lang),
    }


def _row(row: CategoryRow, lang: str) -> dict[str, Any]:
    return {
        "category": row.category,
        "total_eur": row.total_eur,
        **{
            f"{kind}_{part}": value
            for kind in ("reuse", "recycled")
            for part, value in (
                ("share", row.share(kind)),
                ("target", row.target_share(kind)),
                ("met", tr(MET[row.met(kind)], lang) if row.met(kind) is not None else ""),
            )
        },
    }
