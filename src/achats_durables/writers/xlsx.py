"""The xlsx report, French or English: one sheet per table, annotated lines, native charts.

The « Synthèse » and « Méthode » sheets are in :mod:`.xlsx_summary`, the sheet writer in
:mod:`.xlsx_sheet`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.legend import Legend

from achats_durables.footprint.report import TABLES, FootprintReport, MethodRow, row_label
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.messages import term

from . import write_only_workbook
from .labels import table_key, table_title
from .xlsx_activities import write_activities
from .xlsx_beges import write_beges_sheet
from .xlsx_detail import MAX_DETAIL_ROWS
from .xlsx_lines import write_line_sheets
from .xlsx_method import _method
from .xlsx_peers import write_peers_sheet
from .xlsx_requests import data_request_sheet
from .xlsx_sheet import (
    _BOLD,
    _TITLE,
    EUR,
    ISSUE_HEADERS,
    ISSUE_WIDTHS,
    PCT,
    T,
    _Sheet,
    issue_rows,
)
from .xlsx_summary import _summary

__all__ = ["EUR", "MAX_XLSX_LINES", "PCT", "_BOLD", "_TITLE", "T", "_Sheet", "write_xlsx"]

MAX_XLSX_LINES = MAX_DETAIL_ROWS


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
        write_line_sheets(wb, report, max_lines, lang)
        _issues(wb, report, lang)
        data_request_sheet(wb, report, lang)
        _method(wb, report, lang)


TABLE_HEADERS = (
    "Libellé",
    "Dépense HT (€)",
    "Émissions (tCO2e)",
    "Incertitude ± (tCO2e)",
    "Part des émissions",
)
# the bar charts show this many rows, the others summed in one bar « autres »
CHART_TOP = 10
CHART_LABEL = 50  # characters of a bar's label; longer ones are cut with « … »


def _table(wb: Workbook, report: FootprintReport, name: str, lang: str) -> None:
    rows = report.tables[name]
    headers = [
        table_key(name, lang),
        *(tr(h, lang) for h in TABLE_HEADERS),
        *((tr("Part de la dépense", lang),) if name == "by_method" else ()),
    ]
    labels = [[term(r.key, lang), row_label(name, r, lang)] for r in rows]
    s = _Sheet(wb, table_title(name, lang), (22, 40, 18, 18, 18, 14), lang, headers=headers,
               fit=labels)  # fmt: skip
    s.header(headers)
    total = report.totals.emissions_tco2e or 1.0
    for (key, label), row in zip(labels, rows, strict=True):
        # by_method also gives each method's share of the spend (lines not counted included)
        spend_share = [row.spend_share] if isinstance(row, MethodRow) else []
        s.append(
            [
                key,
                label,
                row.spend_excl_vat_eur,
                row.emissions_tco2e,
                row.uncertainty_tco2e,
                row.emissions_tco2e / total,
                *spend_share,
            ],
            (None, None, EUR, T, T, PCT, PCT),
        )
    if rows and name == "by_beges_post":
        _pie(s, len(rows), lang)
    elif rows and name in ("by_factor", "by_entity"):
        _bars(
            s,
            name,
            [(label, r.emissions_tco2e) for (_, label), r in zip(labels, rows, strict=True)],
            lang,
        )


def chart_rows(rows: Sequence[tuple[str, float]], lang: str) -> list[tuple[str, float]]:
    """The first :data:`CHART_TOP` rows (the report sorts them by emissions), then one row
    « autres » summing the others; labels cut to :data:`CHART_LABEL` characters."""
    top = [(_cut(label), value) for label, value in rows[:CHART_TOP]]
    rest = rows[CHART_TOP:]
    if rest:
        other = tr("Autres ({count})", lang, count=len(rest))
        top.append((other, sum(value for _, value in rest)))
    return top


def _cut(label: str) -> str:
    return label if len(label) <= CHART_LABEL else label[: CHART_LABEL - 1].rstrip() + "…"


def _pie(s: _Sheet, count: int, lang: str) -> None:
    """The BEGES posts' pie, below their table (the sheet prints one page wide)."""
    pie = PieChart()
    pie.title = tr("Émissions par poste BEGES (tCO2e)", lang)
    pie.add_data(Reference(s.ws, min_col=4, min_row=1, max_row=count + 1), titles_from_data=True)
    pie.set_categories(Reference(s.ws, min_col=2, min_row=2, max_row=count + 1))
    pie.dataLabels = DataLabelList()
    pie.dataLabels.showPercent = True
    pie.dataLabels.showVal = False
    pie.dataLabels.showCatName = False
    pie.dataLabels.showSerName = False
    pie.dataLabels.showLeaderLines = False
    pie.legend = Legend(legendPos="r")  # the posts' names beside the pie, not above it
    pie.height, pie.width = 10, 22
    s.ws.add_chart(pie, f"B{count + 3}")  # type: ignore[misc]


def _bars(s: _Sheet, name: str, rows: Sequence[tuple[str, float]], lang: str) -> None:
    """Below the table, the chart's own small table (the top rows and « autres ») and its
    horizontal bars, the largest on top, each labelled with its tCO2e."""
    shown = chart_rows(rows, lang)
    s.append([])
    caption = (
        "Graphique : les {top} premières catégories, les autres regroupées"
        if name == "by_factor"
        else "Graphique : les {top} premières entités, les autres regroupées"
    )
    s.append([tr(caption, lang, top=CHART_TOP)], font=_BOLD, wrap=False)
    what = "Catégorie" if name == "by_factor" else "Entité"
    s.header([tr("Rang", lang), tr(what, lang), tr("Émissions (tCO2e)", lang)])
    first = s.row + 1
    for rank, (label, value) in enumerate(shown, start=1):
        s.append([rank if rank <= CHART_TOP else None, label, value], (None, None, T))
    bar = BarChart()
    bar.type = "bar"
    bar.title = tr(
        "Émissions par catégorie (tCO2e)"
        if name == "by_factor"
        else "Émissions par entité (tCO2e)",
        lang,
    )
    bar.add_data(Reference(s.ws, min_col=3, min_row=first, max_row=s.row), titles_from_data=False)
    bar.set_categories(Reference(s.ws, min_col=2, min_row=first, max_row=s.row))
    bar.x_axis.scaling.orientation = "maxMin"  # the first row on top
    bar.x_axis.delete = False  # without it recent Excel versions hide the labels
    bar.y_axis.delete = False
    bar.y_axis.title = "tCO2e"
    bar.y_axis.number_format = "#,##0"
    bar.dataLabels = DataLabelList()
    bar.dataLabels.showVal = True
    for hidden in ("showCatName", "showSerName", "showLegendKey", "showPercent"):
        setattr(bar.dataLabels, hidden, False)
    bar.legend = None
    bar.height, bar.width = 12, 24
    s.ws.add_chart(bar, f"B{s.row + 2}")  # type: ignore[misc]


def _issues(wb: Workbook, report: FootprintReport, lang: str) -> None:
    headers = [tr(h, lang) for h in ISSUE_HEADERS]
    s = _Sheet(wb, tr("Alertes", lang), ISSUE_WIDTHS, lang, headers=headers)
    issue_rows(s, report.issues, lang)
