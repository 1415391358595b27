"""The « Demande de données » sheet of the xlsx report: the suppliers to ask for their figure.

A short paragraph says what to ask each supplier and where its answer goes (the supplier
file), then the table of :attr:`FootprintReport.data_requests`, the largest emitter first.
"""

from __future__ import annotations

from openpyxl import Workbook

from achats_durables.footprint.data_requests import SEPARATOR
from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.messages import term

from .xlsx_sheet import _BOLD, _TITLE, EUR, PCT, T, _Sheet

SHEET = "Demande de données"
PARAGRAPH = (
    "Ces fournisseurs sont comptés avec un ratio monétaire sectoriel ou un proxy, faute de "
    "donnée propre : les plus émetteurs d'abord.",
    "Demandez à chacun : son intensité carbone en kgCO2e par k€ HT facturé, ou par unité "
    "livrée (tonne, repas, kWh…) ; l'année du chiffre ; le périmètre retenu (scopes 1, 2 et "
    "3 amont, activité France…) ;",
    "la source (par exemple « BEGES 2023 publié sur la plateforme ADEME », une FDES ou EPD, "
    "l'empreinte carbone du produit) et son incertitude.",
    "Reportez chaque réponse dans fournisseurs.xlsx (une ligne par SIREN, déclaré par "
    "suppliers: dans achats.yaml ou --suppliers) : elle remplace le ratio au calcul suivant.",
)
HEADERS = (
    "SIREN",
    "Fournisseur",
    "Dépense HT (€)",
    "Émissions (tCO2e)",
    "Part des émissions",
    "Lignes",
    "Principales catégories",
)


def data_request_sheet(wb: Workbook, report: FootprintReport, lang: str) -> None:
    """The sheet: the paragraph, then one row per supplier to ask."""
    headers = [tr(h, lang) for h in HEADERS]
    s = _Sheet(wb, tr(SHEET, lang), (12, 40, 16, 16, 12, 8, 70), lang, headers=headers)
    s.append([tr("Fournisseurs à solliciter pour leurs données carbone", lang)], font=_TITLE)
    for sentence in PARAGRAPH:
        s.append([tr(sentence, lang)])
    s.append([])
    if not report.data_requests:
        s.append([tr("Aucun fournisseur à solliciter : aucune ligne comptée par ratio.", lang)])
        return
    s.header(headers)
    for r in report.data_requests:
        s.append(
            [
                r["siren"] or None,
                r["name"],
                r["spend_excl_vat_eur"],
                r["emissions_tco2e"],
                r["share_of_total"],
                r["lines"],
                SEPARATOR.join(term(c, lang) for c in r["categories"]),
            ],
            (None, None, EUR, T, PCT, None, None),
        )
    s.append([])
    s.append(
        [tr("{count} fournisseur(s) listé(s).", lang, count=len(report.data_requests))], font=_BOLD
    )
