"""The peer table on the screen: each commune beside the median of the others."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console

from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_amount

TableFn = Callable[[Console, str, list[str], list[list[str]], str], None]
SHOWN_ABOVE = 3  # the communes of highest figure whose categories are spelt out


def render_peers(report: FootprintReport, console: Console, lang: str, table: TableFn) -> None:
    """The ranked table, then where the highest ones stand furthest above their peers."""
    peers = report.peers
    if not peers:
        return
    per_inhabitant = peers["measure"] == "kgco2e_per_inhabitant"
    unit = tr("kgCO2e/hab.", lang) if per_inhabitant else "tCO2e"
    entity = tr("Entité", lang)
    headers = [tr("Rang", lang), entity, "tCO2e", unit, tr("Médiane des autres", lang)]
    rows = []
    for row in peers["rows"]:
        value = row["kgco2e_per_inhabitant"] if per_inhabitant else row["emissions_tco2e"]
        rows.append(
            [
                str(row["rank"]),
                row["entity"],
                format_amount(row["emissions_tco2e"], 1, lang),
                format_amount(value, 1, lang),
                format_amount(row["peers_median"], 1, lang),
            ]
        )
    table(console, tr("Comparaison entre entités ({unit})", lang, unit=unit), headers, rows, entity)
    for row in peers["rows"][::-1][:SHOWN_ABOVE]:
        above = ", ".join(
            f"{a['category']} (+{format_amount(a['gap'], 1, lang)} {unit})"
            for a in row["above_median"]
        )
        if above:
            line = tr("• {entity} : au-dessus de ses pairs surtout en {categories}.", lang,
                      entity=row["entity"], categories=above)  # fmt: skip
            console.print(line, highlight=False)
    if peers["without_population"]:
        missing = ", ".join(peers["without_population"])
        console.print(
            tr(
                "Sans population dans le fichier : {names} (comparaison en tCO2e).",
                lang,
                names=missing,
            )
        )
