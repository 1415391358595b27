"""The « Comparaison » sheet of the xlsx report: each entity beside the median of the others
(``achats footprint … --population communes.csv``)."""

from __future__ import annotations

from openpyxl import Workbook

from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.catalog import tr

from .xlsx_sheet import _TITLE, T, _Sheet

NOTE = (
    "Chaque entité face à la médiane des autres ; rang 1 = la plus basse. Les catégories sont "
    "les trois où elle dépasse le plus la médiane de ses pairs, dans la même unité. Une entité "
    "de taille très différente, ou qui porte une compétence que les autres n'ont pas, se "
    "compare mal : le tableau le montre, il ne le corrige pas."
)


def write_peers_sheet(wb: Workbook, report: FootprintReport, lang: str) -> None:
    peers = report.peers
    if not peers:
        return
    per_inhabitant = peers["measure"] == "kgco2e_per_inhabitant"
    unit = tr("kgCO2e/hab.", lang) if per_inhabitant else "tCO2e"
    headers = [tr("Rang", lang), tr("Entité", lang), tr("Population", lang), "tCO2e", unit,
               tr("Médiane des autres", lang)]  # fmt: skip
    for k in range(1, 4):
        headers += [tr("Catégorie {k}", lang, k=k), tr("Écart {k}", lang, k=k)]
    widths = (7, 30, 12, 12, 14, 14, 48, 12, 48, 12, 48, 12)
    s = _Sheet(wb, tr("Comparaison", lang), widths, lang, headers=headers)
    s.append([tr("Comparaison entre entités ({unit})", lang, unit=unit)], font=_TITLE)
    s.append([tr(NOTE, lang)])
    s.append([])
    s.header(headers)
    for row in peers["rows"]:
        value = row["kgco2e_per_inhabitant"] if per_inhabitant else row["emissions_tco2e"]
        cells = [
            row["rank"],
            row["entity"],
            row["population"]["value"] if row["population"] else None,
            row["emissions_tco2e"],
            value,
            row["peers_median"],
        ]
        for above in row["above_median"]:
            cells += [above["category"], above["gap"]]
        s.append(cells, (None, None, "#,##0", T, T, T, None, T, None, T, None, T))
