"""Comparison report: terminal, xlsx (charts: emissions and trajectory, effects), csv."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl.chart import BarChart, LineChart, Reference
from rich.console import Console
from rich.table import Table

from achats_durables.i18n.formatting import format_amount, format_percent
from achats_durables.tracking.compare import Comparison

from . import write_bytes, write_only_workbook
from .csv import csv_text
from .xlsx import _TITLE, EUR, PCT, _Sheet

T = "#,##0.0"
EFFECTS = {
    "volume_effect_tco2e": "effet volume (dépense)",
    "factor_effect_tco2e": "effet facteurs (année des euros, version)",
    "perimeter_effect_tco2e": "effet périmètre et affectation",
}


def _t(x: float | None) -> str:
    return "—" if x is None else format_amount(x, 1)


def render_comparison(cmp: Comparison, console: Console, *, lang: str = "fr") -> None:
    table = Table(title="Empreinte par rapport", title_justify="left")
    for col in ("Rapport", "tCO2e", "± tCO2e", "Dépense HT (€)", "kgCO2e/k€", "Non affecté"):
        table.add_column(col, justify="left" if col == "Rapport" else "right")
    for r in cmp.rows:
        table.add_row(
            r["label"],
            _t(r["emissions_tco2e"]),
            _t(r["uncertainty_tco2e"]),
            format_amount(r["spend_excl_vat_eur"], 0),
            format_amount(r["intensity_kgco2e_per_keur"], 0),
            _pct(r["unmapped_share"]),
        )
    console.print(table)
    for s in cmp.steps:
        table = Table(
            title=f"De {s['from']} à {s['to']} : pourquoi les émissions ont changé",
            title_justify="left",
        )
        table.add_column("Composante")
        table.add_column("tCO2e", justify="right")
        for key, label in EFFECTS.items():
            table.add_row(label, _t(s[key]))
        table.add_row("[bold]variation totale[/bold]", _t(s["change_tco2e"]))
        console.print(table)
        console.print(
            "Variation significative au regard de l'incertitude : "
            + ("oui" if s["significant"] else "non"),
            highlight=False,
        )
    if cmp.trajectory:
        table = Table(title="Trajectoire du plan climat (PCAET)", title_justify="left")
        for col in ("Année", "Objectif tCO2e", "Réalisé tCO2e", "Écart", "Sur la trajectoire"):
            table.add_column(col, justify="right")
        for t in cmp.trajectory:
            on = {True: "oui", False: "non", None: "—"}[t.get("on_track")]
            table.add_row(
                str(t["year"]),
                _t(t.get("target_tco2e")),
                _t(t.get("actual_tco2e")),
                _t(t.get("gap_tco2e")),
                on,
            )
        console.print(table)
    if cmp.clause_targets:
        table = Table(title="Objectifs de clauses (PNAD)", title_justify="left")
        for col in ("Rapport", "Marchés", "Sociale", "Cible", "Environnementale", "Cible"):
            table.add_column(col, justify="right" if col != "Rapport" else "left")
        for c in cmp.clause_targets:
            table.add_row(
                c["label"],
                str(c["contracts"]),
                _pct(c["share_social"]),
                _pct(c["target_social"]),
                _pct(c["share_environmental"]),
                _pct(c["target_environmental"]),
            )
        console.print(table)
    for note in cmp.notes:
        console.print(f"• {note}", highlight=False)


def _pct(x: float) -> str:
    return format_percent(x)


def write_comparison_xlsx(cmp: Comparison, path: Path, *, lang: str = "fr") -> None:
    with write_only_workbook(path) as wb:
        s = _Sheet(wb, "Comparaison", (26, 14, 14, 18, 14, 12))
        s.append(["Empreinte carbone des achats : comparaison"], font=_TITLE)
        s.header(["Rapport", "tCO2e", "± tCO2e", "Dépense HT (€)", "kgCO2e/k€ HT", "Non affecté"])
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
            bar.title = "Émissions par rapport (tCO2e)"
            bar.add_data(
                Reference(s.ws, min_col=2, min_row=2, max_row=n + 2), titles_from_data=True
            )
            bar.set_categories(Reference(s.ws, min_col=1, min_row=3, max_row=n + 2))
            bar.height, bar.width = 9, 16
            s.ws.add_chart(bar, "H2")  # type: ignore[misc]
        e = _Sheet(wb, "Décomposition", (20, 20, 20, 20, 22, 20))
        e.header(
            ["De", "À", "Effet volume", "Effet facteurs", "Effet périmètre", "Variation totale"]
        )
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
            bar = BarChart()
            bar.title = "Ce qui explique la variation (tCO2e)"
            bar.add_data(
                Reference(e.ws, min_col=3, max_col=6, min_row=1, max_row=len(cmp.steps) + 1),
                titles_from_data=True,
            )
            bar.set_categories(Reference(e.ws, min_col=2, min_row=2, max_row=len(cmp.steps) + 1))
            bar.height, bar.width = 9, 18
            e.ws.add_chart(bar, "H2")  # type: ignore[misc]
        if cmp.trajectory:
            t = _Sheet(wb, "Trajectoire PCAET", (10, 18, 18, 14, 16))
            t.header(["Année", "Objectif tCO2e", "Réalisé tCO2e", "Écart", "Sur la trajectoire"])
            for row in cmp.trajectory:
                on = {True: "oui", False: "non", None: None}[row.get("on_track")]
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
            line = LineChart()
            line.title = "Trajectoire du plan climat"
            line.add_data(
                Reference(t.ws, min_col=2, max_col=3, min_row=1, max_row=len(cmp.trajectory) + 1),
                titles_from_data=True,
            )
            line.set_categories(
                Reference(t.ws, min_col=1, min_row=2, max_row=len(cmp.trajectory) + 1)
            )
            line.height, line.width = 9, 18
            t.ws.add_chart(line, "G2")  # type: ignore[misc]
        c = _Sheet(wb, "Par catégorie", (16, 55, *([14] * len(cmp.rows))))
        c.header(["Facteur", "Catégorie", *[r["label"] for r in cmp.rows]])
        for row in cmp.categories:
            c.append(
                [row["factor"], row["label"], *[row[r["label"]] for r in cmp.rows]],
                (None, None, *([T] * len(cmp.rows))),
            )
        notes = _Sheet(wb, "Notes", (120,))
        for note in cmp.notes:
            notes.append([note])


def comparison_csv(cmp: Comparison, *, lang: str = "fr") -> str:
    rows: list[list[Any]] = []
    for r in cmp.rows:
        rows.append(
            [
                "Rapport",
                r["label"],
                r["emissions_tco2e"],
                r["uncertainty_tco2e"],
                r["spend_excl_vat_eur"],
            ]
        )
    for st in cmp.steps:
        for key, label in EFFECTS.items():
            rows.append(["Décomposition", f"{st['from']} → {st['to']}", label, st[key], ""])
        rows.append(
            [
                "Décomposition",
                f"{st['from']} → {st['to']}",
                "variation totale",
                st["change_tco2e"],
                "",
            ]
        )
    for t in cmp.trajectory:
        rows.append(
            [
                "Trajectoire",
                t["year"],
                t.get("target_tco2e"),
                t.get("actual_tco2e"),
                t.get("gap_tco2e"),
            ]
        )
    return csv_text(["Tableau", "Clé", "Valeur 1", "Valeur 2", "Valeur 3"], rows)


def write_comparison_csv(cmp: Comparison, path: Path, *, lang: str = "fr") -> None:
    write_bytes(path, comparison_csv(cmp, lang=lang).encode("utf-8-sig"))
