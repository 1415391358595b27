"""The « Données d'activité » sheet of the xlsx report: each activity-data row counted, its
quantity and factor, its tCO2e, the ledger spend it replaced and what that spend counted on its
ratio."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.messages import render

from .xlsx_sheet import _TITLE, EUR, PCT, T, _Sheet

HEADERS = (
    "Ligne du fichier",
    "Exercice",
    "Entité",
    "Facteur",
    "Catégorie",
    "Quantité",
    "Unité",
    "Quantité retenue (unité du facteur)",
    "Unité du facteur",
    "Facteur physique (kgCO2e par unité)",
    "Émissions (tCO2e)",
    "Incertitude relative",
    "Poste BEGES",
    "Source",
    "Marché",
    "Compte",
    "Fournisseur",
    "Lignes remplacées",
    "Dépense HT remplacée (€)",
    "Au ratio, cette dépense comptait (tCO2e)",
)
NOTE = (
    "Chaque quantité est comptée avec son facteur physique ; la dépense du grand livre qu'elle "
    "couvre reste comptée en euros mais ses émissions viennent de la quantité (« remplacé par "
    "une donnée d'activité »). Les lignes d'un même sélecteur (marché, compte, fournisseur) "
    "couvrent ensemble la même dépense : lignes et dépense remplacées sont celles du groupe."
)


def write_activities(wb: Workbook, report: FootprintReport, lang: str) -> None:
    """The sheet, when the report was computed with an activity file."""
    if report.activities is None:
        return
    widths = (28, 9, 20, 34, 40, 12, 9, 14, 10, 12, 12, 10, 8, 36, 16, 10, 26, 10, 16, 16)
    headers = [tr(h, lang) for h in HEADERS]
    s = _Sheet(wb, tr("Données d'activité", lang), widths, lang, headers=headers)
    s.append([tr("Données d'activité", lang)], font=_TITLE)
    s.append([tr(NOTE, lang)])
    s.append([])
    s.header(headers)
    qty = "#,##0.###"
    blank: list[str | None] = [None]
    fmts = blank * 5 + [qty, None, qty, None, "0.0000", T, PCT] + blank * 6 + [EUR, T]
    for a in report.activities:
        s.append(_row(a, lang), fmts)


def _row(a: dict[str, Any], lang: str) -> list[Any]:
    sel = a["selector"]
    where = {"file": Path(a["path"]).name, "sheet": a["sheet"], "row": a["row"]}
    return [
        render("activity-row", lang, **where),
        a["year"],
        a["entity"],
        a["factor"],
        a["factor_label"],
        a["quantity"],
        a["unit"],
        a["quantity_used"],
        a["factor_unit"],
        a["factor_value"],
        a["emissions_tco2e"],
        a["uncertainty_rel"],
        a["beges_post"],
        a["source"],
        sel["contract"],
        sel["account"],
        sel["supplier_siren"] or sel["supplier_name"],
        a["lines_replaced"],
        a["spend_replaced_eur"],
        a["ratio_emissions_replaced_tco2e"],
    ]
