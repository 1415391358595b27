"""kgCO2e per inhabitant and per agent in the summaries (terminal lines, xlsx rows)."""

from __future__ import annotations

from typing import Any

from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_amount

PER_INHABITANT = "soit {kg} kgCO2e par habitant ({count} habitants : {source}, {year})"
PER_AGENT = "soit {kg} kgCO2e par agent ({count} agents : {source}, {year}{summed})"
SUMMED = " ; somme des entités"
MEANING = (
    "Le total rapporté à la population ou aux effectifs déclarés dans achats.yaml, avec leur "
    "source : pour comparer des collectivités de tailles différentes, pas pour comparer des "
    "compétences différentes (une agglomération achète ce qu'une commune n'achète pas)."
)


def per_capita_lines(report: FootprintReport, lang: str) -> list[str]:
    """The headline's lines: per inhabitant, per agent (none without a count)."""
    pc = report.per_capita
    if not pc:
        return []
    lines = []
    if pc["population"]:
        lines.append(_text(PER_INHABITANT, pc["kgco2e_per_inhabitant"], pc["population"], lang))
    if pc["agents"]:
        summed = tr(SUMMED, lang) if pc["agents_summed"] else ""
        lines.append(_text(PER_AGENT, pc["kgco2e_per_agent"], pc["agents"], lang, summed))
    return lines


def _text(template: str, kg: float, count: dict[str, Any], lang: str, summed: str = "") -> str:
    return tr(
        template,
        lang,
        kg=format_amount(kg, 1, lang),
        count=format_amount(count["value"], 0, lang),
        source=count["source"],
        year=count["year"],
        summed=summed,
    )


def per_capita_rows(report: FootprintReport, lang: str) -> list[tuple[list[Any], tuple[Any, ...]]]:
    """The xlsx summary's rows (indicator, value, uncertainty, unit, meaning)."""
    pc = report.per_capita
    if not pc:
        return []
    rows: list[tuple[list[Any], tuple[Any, ...]]] = []
    for key, unit, label in (
        ("population", "kgCO2e/hab.", "Émissions par habitant"),
        ("agents", "kgCO2e/agent", "Émissions par agent"),
    ):
        count = pc[key]
        if not count:
            continue
        value = pc["kgco2e_per_inhabitant" if key == "population" else "kgco2e_per_agent"]
        where = f"{count['value']} — {count['source']}, {count['year']}"
        rows.append(
            (
                [tr(label, lang), value, None, unit, f"{tr(MEANING, lang)} ({where})"],
                (None, "#,##0.0"),
            )
        )
    return rows
