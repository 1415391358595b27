"""The footprint report as a document: headline, where emissions come from, how reliable it
is, method and limits (``templates/footprint.html.j2``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from achats_durables.footprint.report import FootprintReport, MethodRow, row_label
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.messages import has, render

from . import charts
from .common import footer, top_with_others
from .render import render_page

SECTIONS = ("headline", "sources", "reliability", "method")


def footprint_html(report: FootprintReport, lang: str = "fr") -> str:
    """The self-contained HTML page of ``report`` in ``lang``."""
    context = footprint_context(report, lang)
    page = {"title": context["title"], "footer": context["footer"], "fp": context}
    return render_page("footprint.html.j2", page, lang)


def footprint_context(report: FootprintReport, lang: str) -> dict[str, Any]:
    """Everything the footprint template shows, numbers unformatted (the template formats)."""
    return {
        "title": tr("Empreinte carbone des achats", lang),
        "files": [Path(i["path"]).name for i in report.inputs],
        "headline": _headline(report, lang),
        "posts": _posts(report, lang),
        "categories": _ranked(report, "by_factor", lang),
        "suppliers": _ranked(report, "by_supplier", lang, top=5, others=False),
        "categories_chart": _categories_chart(report, lang),
        "methods": _methods(report, lang),
        "methods_chart": _methods_chart(report, lang),
        "reliability": _reliability(report),
        "warnings": [i.message(lang) for i in report.issues if i.severity != "info"],
        "provenance": _provenance(report),
        "footer": footer(
            _sources(report, lang),
            [(i["path"], i["sha256"]) for i in report.inputs],
            report.tool_version,
        ),
    }


def _headline(report: FootprintReport, lang: str) -> dict[str, Any]:
    t = report.totals
    mc = report.monte_carlo
    pc = report.per_capita or {}
    return {
        "tco2e": round(t.emissions_tco2e, 6),  # as in the JSON report (data-total-tco2e)
        "uncertainty_tco2e": t.uncertainty_tco2e,
        "low_tco2e": max(t.emissions_tco2e - t.uncertainty_tco2e, 0.0),
        "high_tco2e": t.emissions_tco2e + t.uncertainty_tco2e,
        "relative": t.uncertainty_tco2e / t.emissions_tco2e if t.emissions_tco2e else 0.0,
        "spend_eur": t.spend_excl_vat_eur,
        "intensity": t.intensity_kgco2e_per_keur,
        "years": list(t.years),
        "multi_year": t.multi_year,
        "by_year": [
            {"year": r.key, "tco2e": r.emissions_tco2e, "uncertainty_tco2e": r.uncertainty_tco2e}
            for r in sorted(report.tables.get("by_year", []), key=lambda r: r.key)
        ],
        "partial": bool(t.partial),
        "monte_carlo": None
        if mc is None
        else {"draws": mc.draws, "low": mc.low_tco2e, "high": mc.high_tco2e},
        "per_inhabitant": pc.get("kgco2e_per_inhabitant") if pc.get("population") else None,
        "population": pc.get("population") or None,
        "per_agent": pc.get("kgco2e_per_agent") if pc.get("agents") else None,
        "agents": pc.get("agents") or None,
        "top_post": _top_post(report, lang),
    }


def _top_post(report: FootprintReport, lang: str) -> dict[str, Any] | None:
    rows = sorted(report.tables.get("by_beges_post", []), key=lambda r: -r.emissions_tco2e)
    if not rows or not report.totals.emissions_tco2e:
        return None
    r = rows[0]
    return {
        "label": row_label("by_beges_post", r, lang),
        "key": r.key,
        "share": r.emissions_tco2e / report.totals.emissions_tco2e,
    }


def _posts(report: FootprintReport, lang: str) -> list[dict[str, Any]]:
    """The BEGES v5 posts the tool evaluates and that hold emissions (the others: a note)."""
    return [
        {
            "post": r["post"],
            "label": r["label"],
            "tco2e": r["emissions_tco2e"],
            "uncertainty_tco2e": r["uncertainty_tco2e"],
            "spend_eur": r["spend_excl_vat_eur"],
        }
        for r in report.beges_v5_rows(lang)
        if r["evaluated"] and (r["emissions_tco2e"] or r["spend_excl_vat_eur"])
    ]


def _ranked(
    report: FootprintReport, table: str, lang: str, *, top: int = 10, others: bool = True
) -> list[dict[str, Any]]:
    total = report.totals.emissions_tco2e
    rows: list[dict[str, Any]] = [
        {
            "label": row_label(table, r, lang),
            "tco2e": r.emissions_tco2e,
            "spend_eur": r.spend_excl_vat_eur,
            "share": r.emissions_tco2e / total if total else 0.0,
            "others": False,
            "count": 1,
        }
        for r in report.tables.get(table, [])
    ]
    if not others:
        return sorted(rows, key=lambda r: -float(r["tco2e"]))[:top]
    return top_with_others(rows, "tco2e", tr("Autres catégories", lang), top)


def _categories_chart(report: FootprintReport, lang: str) -> str:
    rows = _ranked(report, "by_factor", lang)
    if not rows:
        return ""
    data = [{"label": _short(r["label"]), "tco2e": round(r["tco2e"], 1)} for r in rows]
    return charts.horizontal_bars(data, "label", "tco2e", "tCO2e", lang=lang)


def _short(label: str, width: int = 48) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def _methods(report: FootprintReport, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "label": render(f"method-short-{r.key}", lang)
            if has(f"method-short-{r.key}")
            else r.key,
            "tco2e": r.emissions_tco2e,
            "spend_eur": r.spend_excl_vat_eur,
            "emissions_share": r.emissions_share if isinstance(r, MethodRow) else 0.0,
            "spend_share": r.spend_share if isinstance(r, MethodRow) else 0.0,
        }
        for r in report.tables.get("by_method", [])
    ]


def _methods_chart(report: FootprintReport, lang: str) -> str:
    rows = [m for m in _methods(report, lang) if m["tco2e"] > 0]
    if not rows:
        return ""
    data = [
        {"label": m["label"], "tco2e": round(m["tco2e"], 1), "rank": i} for i, m in enumerate(rows)
    ]
    return charts.share_bar(data, "label", "tco2e", tr("Part des émissions", lang), lang)


def _reliability(report: FootprintReport) -> dict[str, Any]:
    r = report.reconciliation
    proposition = next(
        (
            float(i.params.get("share", 0.0))
            for i in report.issues
            if i.code == "proposition-rules-used"
        ),
        0.0,
    )
    dq = report.data_quality
    return {
        "proxy_share": report.proxy_share,
        "proposition_share": proposition,
        "measured_share": dq.score if dq is not None else None,
        "unmapped_eur": r.spend_unmapped_eur,
        "unmapped_rows": r.rows_unmapped,
        "unquantified_eur": r.spend_unquantified_eur,
        "unquantified_rows": r.rows_unquantified,
        "excluded_eur": r.spend_excluded_eur,
        "read_eur": r.spend_read_eur,
        "rows_read": r.rows_read,
        "rejected_rows": r.rows_rejected,
    }


def _provenance(report: FootprintReport) -> dict[str, Any]:
    return {
        "factor_sets": [{"id": f["id"], "version": f["version"]} for f in report.factor_sets],
        "price_index": report.price_index.get("id", ""),
        "rule_files": [
            {"name": Path(f["path"]).name, "layer": f["layer"], "rules": f["rules"]}
            for f in report.rule_files
        ],
        "inputs": [
            {"name": Path(i.path).name, "rows": i.rows_read, "sha256": i.sha256}
            for i in report.input_details
        ],
    }


def _sources(report: FootprintReport, lang: str) -> list[str]:
    sets = ", ".join(f"{f['id']} ({f['version']})" for f in report.factor_sets)
    return [
        tr("Facteurs d'émission : {sets}", lang, sets=sets),
        tr("Indice des prix : {index}", lang, index=report.price_index.get("id", "")),
    ]
