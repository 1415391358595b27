"""Words of the AGEC report shared by its terminal table, workbook and CSV."""

from __future__ import annotations

from achats_durables.circular.report import AgecReport, CategoryRow
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_percent

TITLE = (
    "Déclaration AGEC art. 58 : achats {year} issus du réemploi ou intégrant des matières recyclées"
)
SCOPE = (
    "Les 17 catégories de produits du décret n° 2024-134 (schéma officiel {version}). Montant : "
    "dépense HT de l'année sur les biens de la catégorie (comptes 60, 21, 23), plus la valeur "
    "des dons reçus ; réemploi et réutilisation, dons compris ; matières recyclées. Une part "
    "se lit contre la cible de la catégorie en vigueur cette année-là."
)
TARGETS_NOTE = (
    "Cibles : {status}. « ? » ou « non renseignée » : cible absente des sources, à compléter "
    "dans achats.yaml (agec: targets: - {{category: …, year: 2024, reuse: 0.05, recycled: "
    "0.20, source: …}}), jamais inventée."
)
MISSING_TARGET = "non renseignée"
# where a buyer's SIRET was found (Buyer.siret_source; "" when it is missing)
SIRET_ORIGIN = {
    "config": "achats.yaml",
    "ledger": "grand livre",
    "register": "registre des marchés",
    "": "",
}
MET = {True: "atteinte", False: "non atteinte", None: ""}
SOURCE_LABELS = {
    "column": "colonne du grand livre",
    "register": "registre des marchés",
    "supplier": "fournisseur de réemploi (liste d'achats.yaml)",
    "label": "libellé seul",
    "gift": "dons",
}
DETAIL_IN_REPORT = (
    "Le détail (lignes, règles, sources de chaque montant) est dans le rapport xlsx : "
    "achats agec … -o agec.xlsx ; la déclaration officielle : -o declaration.csv."
)


def target_text(row: CategoryRow, kind: str, lang: str) -> str:
    """« 20,0 % » or « non renseignée »."""
    target = row.target_share(kind)
    return tr(MISSING_TARGET, lang) if target is None else format_percent(target, 1, lang)


def share_text(row: CategoryRow, kind: str, lang: str) -> str:
    share = row.share(kind)
    return "—" if share is None else format_percent(share, 1, lang)


def met_text(row: CategoryRow, kind: str, lang: str) -> str:
    value = row.met(kind)
    return tr(MET[value], lang) if value is not None else ""


def scope_text(report: AgecReport, lang: str) -> str:
    return tr(SCOPE, lang, version=report.declaration.get("version", ""))


def targets_text(report: AgecReport, lang: str) -> str:
    return tr(TARGETS_NOTE, lang, status=tr(report.targets_status, lang) or "—")
