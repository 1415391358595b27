"""The plan report as a workbook: synthesis, trajectory (line chart), actions (waterfall),
targets, contracts to renew, alerts; every sheet set to print landscape, one page wide."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference

from achats_durables.i18n.catalog import tr, yes_no
from achats_durables.planning.report import PlanReport

from . import write_only_workbook
from .plan_labels import (
    MET,
    SCOPE,
    action_effect,
    action_followup,
    action_start,
    followup_label,
    renewals,
    waterfall_steps,
)
from .plan_xlsx_synthesis import issues_sheet, synthesis_sheet
from .xlsx_sheet import _BOLD, EUR, PCT, T, _Sheet

TRAJECTORY_HEADERS = (
    "Année",
    "Sans plan (tCO2e)",
    "Plan (tCO2e)",
    "Plan, borne basse (tCO2e)",
    "Plan, borne haute (tCO2e)",
    "Objectif (tCO2e)",
    "Réalisé (tCO2e)",
    "Suivi",
)
ACTION_HEADERS = (
    "Rang",
    "Action",
    "Libellé",
    "Effet",
    "Début",
    "Lignes",
    "Dépense HT (€)",
    "Sélection (tCO2e)",
    "Évité à l'horizon (tCO2e)",
    "Évité cumulé (tCO2e)",
    "Part de l'écart",
    "Recouvre",
    "Suivi",
)
WATERFALL_HEADERS = ("Étape", "Base (invisible)", "Barre (tCO2e)")
TARGET_HEADERS = (
    "Objectif",
    "Libellé",
    "Périmètre",
    "Année",
    "Réduction",
    "Base (tCO2e)",
    "Cible (tCO2e)",
    "Plan (tCO2e)",
    "Écart (tCO2e)",
    "Atteint",
)
CONTRACT_HEADERS = (
    "Renouvellement",
    "Marché",
    "Entité",
    "Fin du marché",
    "Action",
    "Dépense HT (€)",
    "Considération environnementale",
)


def write_plan_xlsx(report: PlanReport, path: Path, lang: str = "fr") -> None:
    with write_only_workbook(path) as wb:
        wb.properties.creator = f"achats {report.tool_version}"
        wb.properties.title = tr("Plan d'actions : trajectoire des émissions des achats", lang)
        synthesis_sheet(wb, report, lang)
        _trajectory_sheet(wb, report, lang)
        _actions_sheet(wb, report, lang)
        _targets_sheet(wb, report, lang)
        _contracts_sheet(wb, report, lang)
        issues_sheet(wb, report, lang)


def _trajectory_sheet(wb: Workbook, report: PlanReport, lang: str) -> None:
    headers = [tr(h, lang) for h in TRAJECTORY_HEADERS]
    s = _Sheet(wb, tr("Trajectoire", lang), (8, 16, 16, 16, 16, 16, 16, 20), lang, headers=headers)
    s.header(headers)
    for p in report.trajectory:
        s.append(
            [
                p.year,
                p.baseline_tco2e,
                p.plan_tco2e,
                p.plan_low_tco2e,
                p.plan_high_tco2e,
                p.target_tco2e,
                p.actual_tco2e,
                followup_label(p.followup, lang) or None,
            ],
            (None, T, T, T, T, T, T),
        )
    n = len(report.trajectory)
    line = LineChart()
    line.title = tr("Trajectoire : sans plan, plan, objectif et réalisé (tCO2e)", lang)
    line.y_axis.title = "tCO2e"
    # baseline, plan, then the target and the actuals when the report has any
    columns = [2, 3]
    if any(p.target_tco2e is not None for p in report.trajectory):
        columns.append(6)
    if any(p.actual_tco2e is not None for p in report.trajectory):
        columns.append(7)
    for col in columns:
        line.add_data(Reference(s.ws, min_col=col, min_row=1, max_row=n + 1), titles_from_data=True)
    line.set_categories(Reference(s.ws, min_col=1, min_row=2, max_row=n + 1))
    _show_axes(line)
    if len(columns) == 4:  # actuals: markers only, they are a few points beside the lines
        actual = line.series[3]
        actual.marker.symbol = "circle"
        actual.graphicalProperties.line.noFill = True
    line.height, line.width = 10, 20
    s.ws.add_chart(line, "J2")  # type: ignore[misc]


def _actions_sheet(wb: Workbook, report: PlanReport, lang: str) -> None:
    years = sorted({y for a in report.actions for y in a.avoided_tco2e})
    widths = (6, 22, 48, 24, 18, 8, 16, 14, 16, 16, 12, 22, 30, *([12] * len(years)))
    year_headers = [tr("Évité {year} (tCO2e)", lang, year=y) for y in years]
    headers = [*(tr(h, lang) for h in ACTION_HEADERS), *year_headers]
    s = _Sheet(wb, tr("Actions", lang), widths, lang, headers=headers)
    s.header(headers)
    fmts = (None, None, None, None, None, None, EUR, T, T, T, PCT, None, None, *([T] * len(years)))
    for rank, a in enumerate(report.actions, start=1):
        s.append(
            [
                rank,
                a.id,
                a.label,
                action_effect(a, lang),
                action_start(a, lang),
                a.selection_lines,
                a.selection_spend_eur,
                a.selection_tco2e,
                a.avoided_tco2e.get(report.horizon, 0.0),
                a.avoided_tco2e_horizon,
                a.gap_share,
                ", ".join(a.overlaps) or None,
                action_followup(a, lang) or None,
                *(a.avoided_tco2e.get(y) for y in years),
            ],
            fmts,
        )
    _waterfall(s, report, lang)


def _waterfall(s: _Sheet, report: PlanReport, lang: str) -> None:
    """The steps below the actions table, and a stacked bar chart whose first series (the
    base each bar stands on) is drawn without fill: the classic waterfall."""
    steps = waterfall_steps(report, lang)
    s.append([])
    s.append(
        [tr("Des émissions sans plan au plan, en {year} (tCO2e)", lang, year=report.horizon)],
        font=_BOLD,
    )
    s.header([tr(h, lang) for h in WATERFALL_HEADERS])
    header_row = s.row
    for label, base, value in steps:
        s.append([label, base, value], (None, T, T))
    last = header_row + len(steps)
    bar = BarChart()
    bar.type = "col"
    bar.grouping = "stacked"
    bar.overlap = 100
    bar.title = tr("Ce que chaque action évite en {year} (tCO2e)", lang, year=report.horizon)
    bar.y_axis.title = "tCO2e"
    data = Reference(s.ws, min_col=2, max_col=3, min_row=header_row, max_row=last)
    bar.add_data(data, titles_from_data=True)
    bar.set_categories(Reference(s.ws, min_col=1, min_row=header_row + 1, max_row=last))
    _show_axes(bar)
    base = bar.series[0]
    base.graphicalProperties.noFill = True
    base.graphicalProperties.line.noFill = True
    bar.legend = None
    bar.height, bar.width = 10, 22
    s.ws.add_chart(bar, f"E{header_row}")  # type: ignore[misc]


def _show_axes(chart: BarChart | LineChart) -> None:
    """Both axes drawn: without ``delete="0"`` recent Excel versions hide them."""
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _targets_sheet(wb: Workbook, report: PlanReport, lang: str) -> None:
    headers = [tr(h, lang) for h in TARGET_HEADERS]
    widths = (20, 40, 18, 8, 10, 14, 14, 14, 14, 12)
    s = _Sheet(wb, tr("Objectifs", lang), widths, lang, headers=headers)
    s.header(headers)
    for t in report.targets:
        s.append(
            [
                t.id,
                t.label,
                tr(SCOPE[t.partial], lang),
                t.year,
                -t.reduction,
                t.base_tco2e,
                t.target_tco2e,
                t.plan_tco2e,
                t.gap_tco2e,
                tr(MET[t.met], lang),
            ],
            (None, None, None, None, PCT, T, T, T, T),
        )


def _contracts_sheet(wb: Workbook, report: PlanReport, lang: str) -> None:
    headers = [tr(h, lang) for h in CONTRACT_HEADERS]
    widths = (16, 22, 22, 14, 40, 16, 18)
    s = _Sheet(wb, tr("Contrats à renouveler", lang), widths, lang, headers=headers)
    s.header(headers)
    for c, a in renewals(report):
        end = c.end_date[:10] if c.end_date else None
        s.append(
            [
                c.renewal_year,
                c.contract_ref,
                c.entity,
                _as_date(end),
                a.label or a.id,
                c.spend_excl_vat_eur,
                None if c.environmental is None else yes_no(c.environmental, lang),
            ],
            (None, None, None, "yyyy-mm-dd" if lang == "en" else "dd/mm/yyyy", None, EUR),
        )


def _as_date(iso: str | None) -> object:
    if iso is None:
        return None
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:  # not an ISO date: shown as it was given
        return iso
