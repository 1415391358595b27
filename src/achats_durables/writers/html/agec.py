"""The AGEC summary of a combined report: the categories with spend, their reuse and recycled
shares against the year's targets (``templates/agec_body.html.j2``)."""

from __future__ import annotations

from typing import Any

from achats_durables.circular.report import AgecReport, CategoryRow
from achats_durables.i18n.catalog import tr
from achats_durables.writers.agec_labels import MET, TITLE, targets_text

CATEGORIES_SHOWN = 8


def agec_context(report: AgecReport, lang: str) -> dict[str, Any]:
    """The categories of the scope (the group's sum, or the one buyer's), largest spend first."""
    rows: list[CategoryRow] = (
        report.group
        if report.group is not None
        else [c for b in report.buyers for c in b.categories]
    )
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
