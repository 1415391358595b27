"""The xlsx report, French or English: one sheet per table, annotated lines, native charts.

The « Synthèse » and « Méthode » sheets are in :mod:`.xlsx_summary`, the sheet writer in
:mod:`.xlsx_sheet`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList

from achats_durables.footprint.report import TABLES, FootprintReport, MethodRow, row_label
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.messages import term

from . import write_only_workbook
from .labels import LINE_HEADERS, line_headers, status_label, table_key, table_title
from .xlsx_activities import write_activities
from .xlsx_beges import write_beges_sheet
from .xlsx_peers import write_peers_sheet
from .xlsx_requests import data_request_sheet
from .xlsx_sheet import _BOLD, _TITLE, EUR, ISSUE_WIDTHS, KG, PCT, T, _Sheet, issue_rows
from .xlsx_summary import _method, _summary

__all__ = ["EUR", "MAX_XLSX_LINES", "PCT", "_BOLD", "_TITLE", "T", "_Sheet", "write_xlsx"]

MAX_XLSX_LINES = 100_000


def write_xlsx(
    report: FootprintReport, path: Path, *, max_lines: int = MAX_XLSX_LINES, lang: str = "fr"
) -> None:
    with write_only_workbook(path) as wb:
        wb.properties.creator = f"achats {report.tool_version}"
        wb.properties.title = tr("Empreinte carbone des achats", lang)
        _summary(wb, report, lang)
        for name in TABLES:
            _table(wb, report, name, lang)
        write_beges_sheet(wb, report, lang)
        write_peers_sheet(wb, report, lang)
        write_activities(wb, report, lang)
        status = report.lines["status"]
        for title, selected, what in (
            ("Lignes", report.lines, "toutes les lignes lues"),
            ("Non affectées", report.lines[status == "unmapped"], "lignes sans catégorie"),
            (
                "À quantifier",
                report.lines[status == "unquantified"],
                "énergie achetée sans quantité",
            ),
            ("Exclues", report.lines[status == "excluded"], "lignes hors périmètre"),
            (
                "Rejetées et ignorées",
                report.lines[status.isin(["rejected", "skipped"])],
                "lignes rejetées ou ignorées",
            ),
        ):
            _lines(wb, tr(title, lang), selected, max_lines, tr(what, lang), lang)
        _issues(wb, report, lang)
        data_request_sheet(wb, report, lang)
        _method(wb, report, lang)


def _table(wb: Workbook, report: FootprintReport, name: str, lang: str) -> None:
    rows = report.tables[name]
    s = _Sheet(wb, table_title(name, lang), (22, 55, 18, 18, 18, 14), lang)
    s.header(
        [table_key(name, lang)]
        + [
            tr(h, lang)
            for h in (
                "Libellé",
                "Dépense HT (€)",
                "Émissions (tCO2e)",
                "Incertitude ± (tCO2e)",
                "Part des émissions",
                *(("Part de la dépense",) if name == "by_method" else ()),
            )
        ]
    )
    total = report.totals.emissions_tco2e or 1.0
    for row in rows:
        # by_method also gives each method's share of the spend (lines not counted included)
        spend_share = [row.spend_share] if isinstance(row, MethodRow) else []
        s.append(
            [
                term(row.key, lang),
                row_label(name, row, lang),
                row.spend_excl_vat_eur,
                row.emissions_tco2e,
                row.uncertainty_tco2e,
                row.emissions_tco2e / total,
                *spend_share,
            ],
            (None, None, EUR, T, T, PCT, PCT),
        )
    if rows:
        _chart(s, name, len(rows), lang)


def _chart(s: _Sheet, name: str, count: int, lang: str) -> None:
    """A pie of the BEGES posts, a bar chart of the top categories or entities."""
    if name == "by_beges_post":
        pie = PieChart()
        pie.title = tr("Émissions par poste BEGES (tCO2e)", lang)
        data = Reference(s.ws, min_col=4, min_row=1, max_row=count + 1)
        labels = Reference(s.ws, min_col=2, min_row=2, max_row=count + 1)
        pie.add_data(data, titles_from_data=True)
        pie.set_categories(labels)
        pie.dataLabels = DataLabelList()
        pie.dataLabels.showPercent = True
        pie.dataLabels.showVal = False
        pie.dataLabels.showCatName = False
        pie.dataLabels.showSerName = False
        pie.dataLabels.showLeaderLines = False
        pie.height, pie.width = 9, 14
        s.ws.add_chart(pie, "H2")  # type: ignore[misc]
    elif name in ("by_factor", "by_entity"):
        top = min(count, 15)
        bar = BarChart()
        bar.type = "bar"
        bar.title = tr(
            "Émissions par catégorie (tCO2e)"
            if name == "by_factor"
            else "Émissions par entité (tCO2e)",
            lang,
        )
        bar.y_axis.title = "tCO2e"
        data = Reference(s.ws, min_col=4, min_row=1, max_row=top + 1)
        cats = Reference(s.ws, min_col=2, min_row=2, max_row=top + 1)
        bar.add_data(data, titles_from_data=True)
        bar.set_categories(cats)
        bar.legend = None
        bar.height, bar.width = 12, 22
        s.ws.add_chart(bar, "H2")  # type: ignore[misc]


def _line_formats(cols: Sequence[str], lang: str) -> list[str | None]:
    fmts: list[str | None] = []
    for c in cols:
        if c in ("amount_excl_vat", "amount_incl_vat", "amount_read_eur", "amount_excl_vat_eur"):
            fmts.append(EUR)
        elif c in ("vat_rate", "vat_rate_applied", "uncertainty_rel"):
            fmts.append(PCT)
        elif c == "date":
            fmts.append("yyyy-mm-dd" if lang == "en" else "dd/mm/yyyy")
        elif c in ("emissions_kgco2e",):
            fmts.append(KG)
        elif c == "price_index_ratio":
            fmts.append("0.0000")
        else:
            fmts.append(None)
    return fmts


def _lines(
    wb: Workbook, title: str, lines: pd.DataFrame, max_lines: int, what: str, lang: str
) -> None:
    cols = list(LINE_HEADERS)
    s = _Sheet(
        wb,
        title,
        [10, 12, 7, 12, 30, 18, 11, 8, 9, 8, 10, 10, 16, 40, 28, 16, 14] + [14] * 17,
        lang,
    )
    shown = lines.head(max_lines)
    if len(lines) > max_lines:
        s.append(
            [
                tr(
                    "{count} {what} : seules les {max_lines} premières sont ici ; "
                    "toutes sont dans le rapport CSV (--format csv).",
                    lang,
                    count=len(lines),
                    what=what,
                    max_lines=max_lines,
                )
            ],
            font=_BOLD,
        )
    s.header(line_headers(lang))
    fmts = _line_formats(cols, lang)
    frame = shown[cols].copy()
    frame["status"] = frame["status"].map(lambda v: status_label(str(v), lang))
    if lang == "en":
        for c in ("vat_basis", "cpv_source", "reason"):
            frame[c] = (
                frame[c]
                .astype(object)
                .map(lambda v: term(str(v), lang) if isinstance(v, str) else v)
            )
    frame["year"] = frame["year"].map(lambda y: None if pd.isna(y) else int(y))
    frame["euro_year"] = frame["euro_year"].map(lambda y: None if pd.isna(y) else int(y))
    for values in frame.itertuples(index=False, name=None):
        s.append(values, fmts)


def _issues(wb: Workbook, report: FootprintReport, lang: str) -> None:
    issue_rows(_Sheet(wb, tr("Alertes", lang), ISSUE_WIDTHS, lang), report.issues, lang)
