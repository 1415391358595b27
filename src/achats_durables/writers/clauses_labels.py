"""The words and small formatters shared by the clause report's terminal, xlsx and csv views.

Every text is French, shown in the report's language through :func:`tr`.
"""

from __future__ import annotations

from typing import Any

from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_amount, format_eur, format_percent

TABLE_TITLES = {
    "by_year": "Par année",
    "by_entity": "Par entité",
    "by_cpv_division": "Par division CPV",
    "by_procedure": "Par procédure",
}
TABLE_KEYS = {
    "by_year": "Année",
    "by_entity": "Entité",
    "by_cpv_division": "Division CPV",
    "by_procedure": "Procédure",
}
UNKNOWN = "non renseigné"
# the engine's words for a key the files do not give, and for the consideration kinds
ENGINE_WORDS = (
    "(date inconnue)",
    "(non précisée)",
    "(sans CPV)",
    "sociale",
    "environnementale",
    "Pas de considération sociale",
    "Pas de considération environnementale",
)
JOIN_LABELS = {
    "total": "dépense d'achats lue",
    "under_contracts": "sous un marché du registre",
    "with_social": "… avec considération sociale",
    "without_social": "… sans considération sociale",
    "with_environmental": "… avec considération environnementale",
    "without_environmental": "… sans considération environnementale",
    "outside_contracts": "hors marché (pas de n° de marché)",
    "unknown_contracts": "n° de marché absent du registre",
}
CONTRACT_COLUMNS = {
    "source": "Fichier",
    "row": "Ligne",
    "contract_ref": "N° marché",
    "entity": "Entité",
    "buyer_siret": "SIRET acheteur",
    "object": "Objet",
    "cpv": "Code CPV",
    "amount_eur": "Montant HT (€)",
    "notification_date": "Notification",
    "end_date": "Échéance",
    "procedure": "Procédure",
    "social": "Considérations sociales",
    "environmental": "Considérations environnementales",
    "insertion_hours_planned": "Heures d'insertion prévues",
    "insertion_hours_done": "Heures d'insertion réalisées",
    "supplier": "Titulaire",
    "supplier_siret": "SIRET titulaire",
}
MET = {True: "oui", False: "non", None: "à vérifier"}
DETAIL_IN_REPORT = (
    "Le détail de chaque alerte est dans le rapport : -o clauses.xlsx (feuille « Alertes ») "
    "ou --format json (liste « issues »)."
)


def contract_headers(lang: str = "fr") -> list[str]:
    """The headers of the contracts' sheet and csv, in ``lang``."""
    return [tr(text, lang) for text in CONTRACT_COLUMNS.values()]


def met_label(target: dict[str, Any], lang: str = "fr") -> str:
    """« oui », « non », « à vérifier », « sans objet » (no contract concerned) or the SPASER's."""
    if target["id"] == "spaser":
        return tr("obligatoire" if target["required"] else "facultatif", lang)
    if target["id"] == "loi-climat-art-35" and not target["contracts"]:
        return tr("sans objet", lang)
    if target["year"] is None and target["id"].startswith("pnad"):
        return "—"
    return tr(MET[target["met"]], lang)


def engine_word(value: str, lang: str = "fr") -> str:
    """A key or value the engine wrote (« (non précisée) »…) in ``lang``; data unchanged."""
    return tr(value, lang) if value in ENGINE_WORDS else value


def or_unknown(value: float | None, lang: str = "fr") -> float | str:
    """A figure, or « non renseigné » when no file gives it (DECP has no insertion hours)."""
    return tr(UNKNOWN, lang) if value is None else value


def hours(value: float | None, lang: str = "fr") -> str:
    return tr(UNKNOWN, lang) if value is None else format_amount(value, 0, lang)


def pct(x: float | None, lang: str = "fr") -> str:
    return "—" if x is None else format_percent(x, 1, lang)


def eur(x: float, lang: str = "fr") -> str:
    """Whole euros: ``1 234 €`` (fr), ``€1,234`` (en)."""
    return format_eur(x, lang, 0)


def hours_line(t: dict[str, Any], lang: str = "fr") -> str:
    planned, done = t["insertion_hours_planned"], t["insertion_hours_done"]
    if planned is None and done is None:
        return tr(
            "heures d'insertion : non renseignées dans les fichiers lus (la DECP ne les donne pas)",
            lang,
        )
    line = tr(
        "heures d'insertion : {planned} prévues, {done} réalisées",
        lang,
        planned=hours(planned, lang),
        done=hours(done, lang),
    )
    if t["insertion_fte_done"] is not None:
        fte = format_amount(t["insertion_fte_done"], 1, lang)
        line += tr(" (soit {fte} ETP à 1 607 h)", lang, fte=fte)
    return line
