"""Comparison report: terminal, xlsx (charts: emissions and trajectory, effects), csv.

Every text is French, shown in the report's language through :func:`tr`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from rich.console import Console
from rich.table import Table

from achats_durables.i18n.catalog import tr, yes_no
from achats_durables.i18n.formatting import format_amount, format_percent
from achats_durables.tracking.compare import Comparison

from . import write_bytes, write_only_workbook
from .compare_labels import EFFECTS
from .csv import csv_text
from .xlsx import _TITLE, EUR, PCT, _Sheet

T = "#,##0.0"
TRAJECTORY_HEADERS = ("Année", "Objectif tCO2e", "Réalisé tCO2e", "Écart", "Sur la trajectoire")


def _t(x: float | None, lang: str) -> str:
    return "—" if x is None else format_amount(x, 1, lang)


def _pct(x: float, lang: str) -> str:
    return format_percent(x, 1, lang)


def _table(title: str, columns: tuple[str, ...], lang: str, left: tuple[str, ...]) -> Table:
    """A table titled and headed in ``lang``, its columns right-aligned except ``left``."""
    table = Table(title=tr(title, lang), title_justify="left")
    for col in columns:
        text = col if col.startswith(("tCO2e", "± ", "kgCO2e")) else tr(col, lang)
        table.add_column(text, justify="left" if col in left else "right")
    return table


def render_comparison(cmp: Comparison, console: Console, *, lang: str = "fr") -> None:
    columns = ("Rapport", "tCO2e", "± tCO2e", "Dépense HT (€)", "kgCO2e/k€", "Non affecté")
    table = _table("Empreinte par rapport", columns, lang, ("Rapport",))
    for r in cmp.rows:
        table.add_row(
            r["label"],
            _t(r["emissions_tco2e"], lang),
            _t(r["uncertainty_tco2e"], lang),
            format_amount(r["spend_excl_vat_eur"], 0, lang),
            format_amount(r["intensity_kgco2e_per_keur"], 0, lang),
            _pct(r["unmapped_share"], lang),
        )
    console.print(table)
    for s in cmp.steps:
        _render_step(s, console, lang)
    if cmp.trajectory:
        _render_trajectory(cmp.trajectory, console, lang)
    if cmp.clause_targets:
        columns = ("Rapport", "Marchés", "Sociale", "Cible", "Environnementale", "Cible")
        table = _table("Objectifs de clauses (PNAD)", columns, lang, ("Rapport",))
        for c in cmp.clause_targets:
            table.add_row(
                c["label"],
                str(c["contracts"]),
                _pct(c["share_social"], lang),
                _pct(c["target_social"], lang),
                _pct(c["share_environmental"], lang),
                _pct(c["target_environmental"], lang),
            )
        console.print(table)
    for note in cmp.notes_in(lang):
        console.print(f"• {note}", highlight=False)


def _render_step(s: dict[str, Any], console: Console, lang: str) -> None:
    title = tr(
        "De {start} à {end} : pourquoi les émissions ont changé", lang, start=s["from"], end=s["to"]
    )
    table = Table(title=title, title_justify="left")
    table.add_column(tr("Composante", lang))
    table.add_column("tCO2e", justify="right")
    for key, label in EFFECTS.items():
        table.add_row(tr(label, lang), _t(s[key], lang))
    table.add_row(tr("[bold]variation totale[/bold]", lang), _t(s["change_tco2e"], lang))
    console.print(table)
    console.print(
        tr("Variation significative au regard de l'incertitude : ", lang)
        + yes_no(s["significant"], lang),
        highlight=False,
    )


def _render_trajectory(trajectory: list[dict[str, Any]], console: Console, lang: str) -> None:
    table = _table("Trajectoire du plan climat (PCAET)", TRAJECTORY_HEADERS, lang, ())
    for t in trajectory:
        on = "—" if t.get("on_track") is None else yes_no(t["on_track"], lang)
        table.add_row(
            str(t["year"]),
            _t(t.get("target_tco2e"), lang),
            _t(t.get("actual_tco2e"), lang),
            _t(t.get("gap_tco2e"), lang),
            on,
        )
    console.print(table)


def write_comparison_xlsx(cmp: Comparison, path: Path, *, lang: str = "fr") -> None:
    with write_only_workbook(path) as wb:
        _reports_sheet(wb, cmp, lang)
        _effects_sheet(wb, cmp, lang)
        if cmp.trajectory:
            _trajectory_sheet(wb, cmp, lang)
        headers = [tr("Facteur", lang), tr("Catégorie", lang), *[r["label"] for r in cmp.rows]]
        widths = (16, 55, *([14] * len(cmp.rows)))
        c = _Sheet(wb, tr("Par catégorie", lang), widths, headers=headers)
        c.header(headers)
        for row in cmp.categories:
            c.append(
                [row["factor"], row["label"], *[row[r["label"]] for r in cmp.rows]],
                (None, None, *([T] * len(cmp.rows))),
            )
        notes = _Sheet(wb, "Notes", (120,))
        for note in cmp.notes_in(lang):
            notes.append([note])


def _reports_sheet(wb: Workbook, cmp: Comparison, lang: str) -> None:
    spend, intensity = tr("Dépense HT (€)", lang), tr("kgCO2e/k€ HT", lang)
    headers = [tr("Rapport", lang), "tCO2e", "± tCO2e", spend, intensity, tr("Non affecté", lang)]
    labels = [[r["label"]] for r in cmp.rows]
    s = _Sheet(wb, tr("Comparaison", lang), (26, 14, 14, 18, 14, 12), headers=headers, fit=labels)
    s.append([tr("Empreinte carbone des achats : comparaison", lang)], font=_TITLE)
    s.header(headers)
    for r in cmp.rows:
        s.append(
            [
                r["label"],
                r["emissions_tco2e"],
                r["uncertainty_tco2e"],
                r["spend_excl_vat_eur"],
                r["intensity_kgco2e_per_keur"],
                r["unmapped_share"],
            ],
            (None, T, T, EUR, "#,##0", PCT),
        )
    n = len(cmp.rows)
    if n:
        bar = BarChart()
        bar.title = tr("Émissions par rapport (tCO2e)", lang)
        bar.add_data(Reference(s.ws, min_col=2, min_row=2, max_row=n + 2), titles_from_data=True)
        bar.set_categories(Reference(s.ws, min_col=1, min_row=3, max_row=n + 2))
        bar.height, bar.width = 9, 16
        s.ws.add_chart(bar, "H2")  # type: ignore[misc]


def _effects_sheet(wb: Workbook, cmp: Comparison, lang: str) -> None:
    headers = [
        tr(h, lang)
        for h in (
            "De",
            "À",
            "Effet volume",
            "Effet facteurs",
            "Effet périmètre",
            "Variation totale",
        )
    ]
    e = _Sheet(wb, tr("Décomposition", lang), (20, 20, 20, 20, 22, 20), headers=headers)
    e.header(headers)
    for st in cmp.steps:
        e.append(
            [
                st["from"],
                st["to"],
                st["volume_effect_tco2e"],
                st["factor_effect_tco2e"],
                st["perimeter_effect_tco2e"],
                st["change_tco2e"],
            ],
            (None, None, T, T, T, T),
        )
    if cmp.steps:
        n = len(cmp.steps)
        bar = BarChart()
        bar.title = tr("Ce qui explique la variation (tCO2e)", lang)
        bar.add_data(
            Reference(e.ws, min_col=3, max_col=6, min_row=1, max_row=n + 1), titles_from_data=True
        )
        bar.set_categories(Reference(e.ws, min_col=2, min_row=2, max_row=n + 1))
        bar.height, bar.width = 9, 18
        e.ws.add_chart(bar, "H2")  # type: ignore[misc]


def _trajectory_sheet(wb: Workbook, cmp: Comparison, lang: str) -> None:
    headers = [tr(h, lang) for h in TRAJECTORY_HEADERS]
    t = _Sheet(wb, tr("Trajectoire PCAET", lang), (10, 18, 18, 14, 16), headers=headers)
    t.header(headers)
    for row in cmp.trajectory:
        on = None if row.get("on_track") is None else yes_no(row["on_track"], lang)
        t.append(
            [
                row["year"],
                row.get("target_tco2e"),
                row.get("actual_tco2e"),
                row.get("gap_tco2e"),
                on,
            ],
            (None, T, T, T),
        )
    n = len(cmp.trajectory)
    line = LineChart()
    line.title = tr("Trajectoire du plan climat", lang)
    line.add_data(
        Reference(t.ws, min_col=2, max_col=3, min_row=1, max_row=n + 1), titles_from_data=True
    )
    line.set_categories(Reference(t.ws, min_col=1, min_row=2, max_row=n + 1))
    line.height, line.width = 9, 18
    t.ws.add_chart(line, "G2")  # type: ignore[misc]


def comparison_csv(cmp: Comparison, *, lang: str = "fr") -> str:
    report, steps = tr("Rapport", lang), tr("Décomposition", lang)
    rows: list[list[Any]] = []
    for r in cmp.rows:
        rows.append(
            [
                report,
                r["label"],
                r["emissions_tco2e"],
                r["uncertainty_tco2e"],
                r["spend_excl_vat_eur"],
            ]
        )
    for st in cmp.steps:
        key = f"{st['from']} → {st['to']}"
        for field, label in EFFECTS.items():
            rows.append([steps, key, tr(label, lang), st[field], ""])
        rows.append([steps, key, tr("variation totale", lang), st["change_tco2e"], ""])
    for t in cmp.trajectory:
        rows.append(
            [
                tr("Trajectoire", lang),
                t["year"],
                t.get("target_tco2e"),
                t.get("actual_tco2e"),
                t.get("gap_tco2e"),
            ]
        )
    header = [tr(h, lang) for h in ("Tableau", "Clé", "Valeur 1", "Valeur 2", "Valeur 3")]
    return csv_text(header, rows, lang)


def write_comparison_csv(cmp: Comparison, path: Path, *, lang: str = "fr") -> None:
    write_bytes(path, comparison_csv(cmp, lang=lang).encode("utf-8-sig"))
