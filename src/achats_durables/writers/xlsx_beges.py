"""The « Tableau BEGES » sheet of the xlsx report: the 22 posts of the BEGES v5 method, the
tCO2e of those this tool evaluates, « non évalué par cet outil » for the others."""

from __future__ import annotations

from openpyxl import Workbook

from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.catalog import tr

from .xlsx_sheet import _BOLD, _TITLE, EUR, T, _Sheet

HEADERS = (
    "Catégorie",
    "Poste",
    "Libellé",
    "Scope",
    "Catégorie GHG Protocol (scope 3)",
    "Dépense HT (€)",
    "Émissions (tCO2e)",
    "Incertitude ± (tCO2e)",
    "Statut",
)
NOTE = (
    "Les 22 postes de la méthode BEGES v5. Cet outil évalue les postes que ses facteurs et ses "
    "règles peuvent remplir (achats, immobilisations, déchets, leasing, énergie comptée par ses "
    "quantités) ; un poste « non évalué » n'est pas nul : il relève d'autres données du bilan "
    "(procédés, fuites de fluides frigorigènes, déplacements domicile-travail, produits vendus…)."
)


def write_beges_sheet(wb: Workbook, report: FootprintReport, lang: str) -> None:
    rows = report.beges_v5_rows(lang)
    if not rows:
        return
    headers = [tr(h, lang) for h in HEADERS]
    widths = (10, 8, 60, 10, 46, 18, 16, 16, 26)
    s = _Sheet(wb, tr("Tableau BEGES", lang), widths, lang, headers=headers)
    s.append([tr("Tableau BEGES v5", lang)], font=_TITLE)
    s.append([tr(NOTE, lang)])
    s.append([])
    s.header(headers)
    for r in rows:
        ghg = r["ghg_protocol_category"]
        ghg_text = f"{ghg} — {r['ghg_protocol_label']}" if ghg else (r["ghg_protocol_label"] or "")
        s.append(
            [
                r["category"],
                r["post"],
                r["label"],
                r["scope"],
                ghg_text,
                r["spend_excl_vat_eur"],
                r["emissions_tco2e"],
                r["uncertainty_tco2e"],
                r["status"],
            ],
            (None, None, None, None, None, EUR, T, T, None),
        )
    total = sum(r["emissions_tco2e"] or 0.0 for r in rows)
    s.append(
        [tr("Total des postes évalués", lang), "", "", "", "", "", total, "", ""],
        (None, None, None, None, None, None, T),
        font=_BOLD,
    )
