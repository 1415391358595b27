"""Labels shared by the writers, written in French and shown in the report's language."""

from __future__ import annotations

from achats_durables.i18n.catalog import tr

STATUS_LABELS = {
    "mapped": "affectée",
    "unmapped": "non affectée",
    "excluded": "exclue",
    "rejected": "rejetée",
    "skipped": "ignorée",
    "unquantified": "à quantifier",
}

TABLE_TITLES = {
    "by_beges_post": "Par poste BEGES",
    "by_factor": "Par catégorie",
    "by_entity": "Par entité",
    "by_account": "Par compte",
    "by_supplier": "Par fournisseur",
    "by_year": "Par exercice",
    "by_method": "Par méthode",
}

TABLE_KEYS = {
    "by_beges_post": "Poste",
    "by_factor": "Facteur",
    "by_entity": "Entité",
    "by_account": "Compte",
    "by_supplier": "SIRET ou nom",
    "by_year": "Exercice",
    "by_method": "Méthode",
}

# Annotated line columns, in output order, with their French headers.
LINE_HEADERS = {
    "source": "Fichier",
    "sheet": "Feuille",
    "row": "Ligne",
    "status": "Statut",
    "reason": "Motif",
    "entity": "Entité",
    "date": "Date",
    "year": "Exercice",
    "account": "Compte",
    "function": "Fonction",
    "cpv": "Code CPV",
    "cpv_used": "Code CPV retenu",
    "cpv_source": "Origine du CPV",
    "label": "Libellé",
    "supplier": "Fournisseur",
    "supplier_siret": "SIRET",
    "contract_ref": "N° marché",
    "quantity": "Quantité lue",
    "unit": "Unité lue",
    "amount_excl_vat": "Montant HT lu",
    "amount_incl_vat": "Montant TTC lu",
    "vat_rate": "Taux TVA lu",
    "vat_basis": "Base HT",
    "vat_rate_applied": "Taux appliqué",
    "amount_read_eur": "Montant lu (€)",
    "amount_excl_vat_eur": "Montant HT retenu (€)",
    "rule": "Règle",
    "factor": "Facteur",
    "factor_label": "Catégorie",
    "beges_post": "Poste BEGES",
    "method": "Méthode",
    "activity_ref": "Donnée d'activité",
    "proxy": "Approximation",
    "proposition": "Règle à valider",
    "euro_year": "Année des euros",
    "price_index_ratio": "Coefficient IPC",
    "factor_kgco2e_per_keur": "Ratio (kgCO2e/k€ HT)",
    "quantity_used": "Quantité retenue (unité du facteur)",
    "quantity_estimated": "Quantité estimée d'après le prix",
    "physical_factor_value": "Facteur physique (kgCO2e par unité)",
    "uncertainty_rel": "Incertitude relative",
    "emissions_kgco2e": "Émissions (kgCO2e)",
    "upstream_kgco2e": "dont amont de l'énergie (kgCO2e)",
    "upstream_post": "Poste de l'amont",
}


def status_label(status: str, lang: str = "fr") -> str:
    return tr(STATUS_LABELS[status], lang) if status in STATUS_LABELS else status


def table_title(name: str, lang: str = "fr") -> str:
    return tr(TABLE_TITLES[name], lang)


def table_key(name: str, lang: str = "fr") -> str:
    return tr(TABLE_KEYS[name], lang)


def line_headers(lang: str = "fr") -> list[str]:
    """The headers of the annotated lines' columns, in :data:`LINE_HEADERS` order."""
    return [tr(h, lang) for h in LINE_HEADERS.values()]
