"""One document per scope of ``achats run`` (an entity, or the group): the footprint, the
clauses, the plan's trajectory and the AGEC summary, in the issue's order."""

from __future__ import annotations

from typing import Any

from achats_durables.circular.report import AgecReport
from achats_durables.clauses.coverage import ClauseReport
from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.catalog import tr
from achats_durables.planning.report import PlanReport

from .agec import agec_context
from .clauses import clauses_context
from .common import footer
from .footprint import footprint_context
from .plan import plan_context
from .render import render_page

SUBTITLE = (
    "Empreinte carbone des achats, clauses des marchés, plan d'actions et économie circulaire"
)


def combined_html(
    label: str,
    year: int,
    parts: tuple[FootprintReport | None, ClauseReport | None, PlanReport | None, AgecReport | None],
    lang: str = "fr",
) -> str:
    """The HTML page of one scope: ``parts`` = (footprint, clauses, plan, agec), any absent."""
    footprint, clauses, plan, agec = parts
    fp = footprint_context(footprint, lang) if footprint is not None else None
    cl = clauses_context(clauses, lang) if clauses is not None else None
    pl = plan_context(plan, lang) if plan is not None else None
    ag = agec_context(agec, lang) if agec is not None else None
    page: dict[str, Any] = {
        "title": tr("Achats durables {year} : {label}", lang, year=year, label=label),
        "subtitle": tr(SUBTITLE, lang),
        "combined": True,
        "fp": fp,
        "cl": cl,
        "pl": pl,
        "ag": ag,
        "footer": _footer([c["footer"] for c in (fp, cl, pl) if c is not None]),
    }
    return render_page("combined.html.j2", page, lang)


def _footer(footers: list[dict[str, Any]]) -> dict[str, Any]:
    """The parts' footers merged: each source and each file once."""
    sources = list(dict.fromkeys(s for f in footers for s in f["sources"]))
    hashes = list(dict.fromkeys((h["name"], h["sha256"]) for f in footers for h in f["hashes"]))
    merged = footer(sources, hashes, footers[0]["version"] if footers else "")
    return merged
