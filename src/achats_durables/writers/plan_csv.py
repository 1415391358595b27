"""The plan report as one CSV for Excel: trajectory, action and target rows, told apart by the
« Tableau » column like the footprint's summary CSV (same separators, decimals and BOM)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from achats_durables.i18n.catalog import tr
from achats_durables.planning.report import PlanReport

from . import write_bytes
from .csv import csv_text
from .plan_labels import MET, TO_ESTIMATE, action_start, followup_label

COLUMNS = {  # key: French header
    "table": "Tableau",
    "key": "Clé",
    "label": "Libellé",
    "year": "Année",
    "selection": "Sélection (tCO2e)",
    "baseline": "Sans plan (tCO2e)",
    "plan": "Plan (tCO2e)",
    "plan_low": "Plan, borne basse (tCO2e)",
    "plan_high": "Plan, borne haute (tCO2e)",
    "target": "Objectif (tCO2e)",
    "actual": "Réalisé (tCO2e)",
    "gap": "Écart (tCO2e)",
    "avoided": "Évité (tCO2e)",
    "avoided_cumulated": "Évité cumulé (tCO2e)",
    "gap_share": "Part de l'écart",
    "status": "Statut",
}
HEADER = tuple(COLUMNS.values())


def _row(**values: Any) -> list[Any]:
    """A row in the order of :data:`COLUMNS`, empty where a table has no value."""
    return [values.get(key) for key in COLUMNS]


def plan_rows(report: PlanReport, lang: str = "fr") -> list[list[Any]]:
    """One row per year of the trajectory, per action (horizon year) and per target."""
    rows: list[list[Any]] = []
    for p in report.trajectory:
        rows.append(
            _row(
                table=tr("Trajectoire", lang),
                key=p.year,
                year=p.year,
                baseline=p.baseline_tco2e,
                plan=p.plan_tco2e,
                plan_low=p.plan_low_tco2e,
                plan_high=p.plan_high_tco2e,
                target=p.target_tco2e,
                actual=p.actual_tco2e,
                gap=None if p.target_tco2e is None else p.plan_tco2e - p.target_tco2e,
                status=followup_label(p.followup, lang),
            )
        )
    for a in report.actions:
        rows.append(
            _row(
                table=tr("Actions", lang),
                key=a.id,
                label=a.label,
                year=report.horizon,
                selection=a.selection_tco2e,
                avoided=a.avoided_tco2e.get(report.horizon, 0.0),
                avoided_cumulated=a.avoided_tco2e_horizon,
                gap_share=a.gap_share,
                status=action_start(a, lang) if a.estimated else tr(TO_ESTIMATE, lang),
            )
        )
    for t in report.targets:
        rows.append(
            _row(
                table=tr("Objectifs", lang),
                key=t.id,
                label=t.label,
                year=t.year,
                plan=t.plan_tco2e,
                target=t.target_tco2e,
                gap=t.gap_tco2e,
                status=tr(MET[t.met], lang),
            )
        )
    return rows


def plan_csv(report: PlanReport, lang: str = "fr") -> str:
    return csv_text([tr(h, lang) for h in HEADER], plan_rows(report, lang), lang)


def write_plan_csv(report: PlanReport, path: Path, lang: str = "fr") -> list[Path]:
    write_bytes(path, plan_csv(report, lang=lang).encode("utf-8-sig"))
    return [path]
