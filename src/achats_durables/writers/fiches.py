"""The fiches acheteurs (issue 15) as one self-contained HTML file, and the same as PDF.

One section per major category (``planning.fiches``), one A4 page each in print
(``break-after: page``), rendered by the HTML framework (:mod:`.html.render`, template
``fiche.html.j2``); the advice sources cited by the fiches are listed at the end.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from achats_durables.core.version import __version__
from achats_durables.planning.fiches import Fiche, FicheReport
from achats_durables.writers import write_bytes

HTML_NAME = "fiches-acheteurs.html"
PDF_NAME = "fiches-acheteurs.pdf"
TEMPLATE = "fiche.html.j2"


def fiche_context(report: FicheReport, scope_label: str) -> dict[str, Any]:
    """The template's context: the fiches, their advice entries and the sources they cite."""
    fiches = [_fiche(report, f) for f in report.fiches]
    cited = sorted(
        {
            s
            for f in fiches
            if f["advice"]
            for s in [
                f["advice"]["summary_source"],
                *(lv["source"] for lv in f["advice"]["levers"]),
            ]
            if s
        }
    )
    sources = [asdict(report.advice.sources[s]) for s in cited if s in report.advice.sources]
    return {
        "scope": scope_label,
        "year": report.year,
        "count": len(fiches),
        "total": report.total_tco2e,
        "fiches": fiches,
        "sources": sources,
        "footer": {
            "sources": [Path(p).name for p in report.advice.files],
            "version": __version__,
            "generated": None,  # no time stamp: rerunning on the same inputs gives the same file
            "hashes": [],
        },
    }


def _fiche(report: FicheReport, fiche: Fiche) -> dict[str, Any]:
    data = asdict(fiche)
    entry = report.entry(fiche)
    data["advice"] = None
    if entry is not None:
        data["advice"] = {
            "id": entry.id,
            "title": entry.title,
            "summary": entry.summary,
            "summary_source": entry.summary_source,
            "levers": [asdict(lv) for lv in entry.levers],
        }
    return data


def render_fiches(report: FicheReport, scope_label: str, lang: str = "fr") -> str:
    """The HTML text of the fiches of ``report``."""
    from achats_durables.writers.html.render import render_page

    return render_page(TEMPLATE, fiche_context(report, scope_label), lang)


def write_fiches(
    report: FicheReport, folder: Path, scope_label: str, lang: str = "fr", pdf: bool = True
) -> list[Path]:
    """Write ``fiches-acheteurs.html`` (and ``.pdf``) in ``folder``, atomically each."""
    html = render_fiches(report, scope_label, lang)
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / HTML_NAME]
    write_bytes(written[0], html.encode("utf-8"))
    if pdf:
        from achats_durables.writers.html.pdf import html_to_pdf

        written.append(folder / PDF_NAME)
        write_bytes(written[1], html_to_pdf(html))
    return written
