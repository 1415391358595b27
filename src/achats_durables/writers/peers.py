"""The peer table on the screen: each commune beside the median of the others."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_amount


def render_peers(report: FootprintReport, console: Console, lang: str) -> None:
    peers = report.peers
    if not peers:
        return
    per_inhabitant = peers["measure"] == "kgco2e_per_inhabitant"
    unit = tr("kgCO2e/hab.", lang) if per_inhabitant else "tCO2e"
    table = Table(
        title=tr("Comparaison entre entités ({unit})", lang, unit=unit), title_justify="left"
    )
    for header in (tr("Rang", lang), tr("Entité", lang), "tCO2e", unit, tr("Médiane des autres", lang),
                   tr("Au-dessus de la médiane", lang)):  # fmt: skip
        table.add_column(header)
    for row in peers["rows"]:
        value = row["kgco2e_per_inhabitant"] if per_inhabitant else row["emissions_tco2e"]
        above = ", ".join(
            f"{a['category']} (+{format_amount(a['gap'], 1, lang)})" for a in row["above_median"]
        )
        table.add_row(
            str(row["rank"]),
            row["entity"],
            format_amount(row["emissions_tco2e"], 1, lang),
            format_amount(value, 1, lang),
            format_amount(row["peers_median"], 1, lang),
            above or "—",
        )
    console.print(table)
    if peers["without_population"]:
        missing = ", ".join(peers["without_population"])
        console.print(
            tr(
                "Sans population dans le fichier : {names} (comparaison en tCO2e).",
                lang,
                names=missing,
            )
        )
