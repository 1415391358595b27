"""Message templates: the method hierarchy of ``achats explain`` and the data-quality score."""

TEMPLATES: dict[str, tuple[str, str]] = {
    # a method's short name (the terminal's method table; the long ones are « method-<code> »)
    "method-short-supplier": ("Donnée du fournisseur", "Supplier data"),
    "method-short-quantity": ("Quantité physique", "Physical quantity"),
    "method-short-activity": ("Donnée d'activité", "Activity data"),
    "method-short-quantity_estimated": ("Quantité estimée (prix)", "Quantity estimated (price)"),
    "method-short-ratio": ("Ratio monétaire", "Monetary ratio"),
    "method-short-proxy": ("Ratio voisin (proxy)", "Neighbouring ratio (proxy)"),
    "method-short-not_counted": ("Non compté", "Not counted"),
    # achats explain: which data won, level by level (footprint/hierarchy.py)
    "explain-hierarchy-title": (
        "Quelle donnée l'emporte (fournisseur > quantité > donnée d'activité > ratio > approximation) :",
        "Which data wins (supplier > quantity > activity data > ratio > proxy):",
    ),
    "explain-level-line": ("{name} ({state}) : {reason}", "{name} ({state}): {reason}"),
    "explain-level-applied": ("s'applique", "applies"),
    "explain-level-not-applied": ("ne s'applique pas", "does not apply"),
    "explain-level-name-supplier": ("Donnée du fournisseur", "Supplier data"),
    "explain-level-name-quantity": ("Quantité physique", "Physical quantity"),
    "explain-level-name-activity": ("Donnée d'activité", "Activity data"),
    "explain-level-name-ratio": ("Ratio monétaire du secteur", "Sector monetary ratio"),
    "explain-level-name-proxy": ("Ratio d'un secteur voisin", "Neighbouring sector's ratio"),
    "explain-level-supplier-no-file": (
        "aucun fichier des fournisseurs n'est donné (suppliers: dans achats.yaml).",
        "no supplier file is given (suppliers: in achats.yaml).",
    ),
    "explain-level-supplier-no-siret": (
        "la ligne n'a pas de SIRET du fournisseur.",
        "the line has no supplier SIRET.",
    ),
    "explain-level-supplier-not-listed": (
        "le SIREN {siren} ne figure pas dans le fichier des fournisseurs.",
        "SIREN {siren} is not in the supplier file.",
    ),
    "explain-level-supplier-used-unit": (
        "le SIREN {siren} ({name}) figure dans le fichier des fournisseurs : {supplier_value:g} kgCO2e par {unit}, appliqué à la quantité de la ligne, source : {source}.",
        "SIREN {siren} ({name}) is in the supplier file: {supplier_value:g} kgCO2e per {unit}, applied to the line's quantity, source: {source}.",
    ),
    "explain-level-supplier-used": (
        "le SIREN {siren} ({name}) figure dans le fichier des fournisseurs : {supplier_value:g} kgCO2e par k€ HT en euros {euro_year}, source : {source}.",
        "SIREN {siren} ({name}) is in the supplier file: {supplier_value:g} kgCO2e per k€ excl. VAT in euros of {euro_year}, source: {source}.",
    ),
    "explain-level-supplier-listed-quantity": (
        "le SIREN {siren} ({name}) figure dans le fichier, mais son intensité est par k€ : la ligne est calculée sur sa quantité.",
        "SIREN {siren} ({name}) is in the file, but its intensity is per k€: the line is computed from its quantity.",
    ),
    "explain-level-supplier-listed-activity": (
        "le SIREN {siren} ({name}) figure dans le fichier, mais la dépense de la ligne est remplacée par une donnée d'activité.",
        "SIREN {siren} ({name}) is in the file, but the line's spend is replaced by activity data.",
    ),
    "explain-level-supplier-listed-not-counted": (
        "le SIREN {siren} ({name}) figure dans le fichier, mais la ligne n'est pas comptée : l'intensité du fournisseur remplace le ratio d'une catégorie, et la ligne n'en a pas.",
        "SIREN {siren} ({name}) is in the file, but the line is not counted: the supplier's intensity replaces a category's ratio, and the line has none.",
    ),
    "explain-level-quantity-used": (
        "{quantity_read:g} {unit_read} lus, soit {quantity:n2} {unit} × le facteur physique.",
        "{quantity_read:g} {unit_read} read, i.e. {quantity:n2} {unit} × the physical factor.",
    ),
    "explain-level-quantity-estimated": (
        "pas de quantité lue : {quantity:n2} {unit} estimés d'après la dépense ({amount_eur:eur}) et votre prix (energy_prices) ; cette quantité suit les euros, ce n'est pas une donnée mesurée.",
        "no quantity read: {quantity:n2} {unit} estimated from the spend ({amount_eur:eur}) and your price (energy_prices); this quantity follows the euros, it is not measured data.",
    ),
    "explain-level-quantity-none": (
        "la ligne n'a pas de quantité (colonnes Quantité et Unité).",
        "the line has no quantity (columns Quantité and Unité).",
    ),
    "explain-level-quantity-no-rule": (
        "{quantity_read:g} {unit_read} lus, mais aucune règle ne donne de catégorie à la ligne.",
        "{quantity_read:g} {unit_read} read, but no rule gives the line a category.",
    ),
    "explain-level-quantity-no-physical-factor": (
        "{quantity_read:g} {unit_read} lus, mais la règle {rule} n'a pas de facteur physique : la quantité n'est pas utilisée.",
        "{quantity_read:g} {unit_read} read, but rule {rule} has no physical factor: the quantity is not used.",
    ),
    "explain-level-quantity-unit-not-convertible": (
        "{quantity_read:g} {unit_read} lus, mais cette unité ne se convertit pas dans celles des facteurs physiques de la règle ({expected}).",
        "{quantity_read:g} {unit_read} read, but this unit does not convert to those of the rule's physical factors ({expected}).",
    ),
    "explain-level-activity-none": (
        "aucune ligne du fichier d'activités ne couvre cette ligne.",
        "no row of the activity file covers this line.",
    ),
    "explain-level-activity-used": (
        "la dépense est remplacée par une donnée d'activité ({ref}), comptée avec son facteur physique.",
        "the spend is replaced by activity data ({ref}), counted with its physical factor.",
    ),
    "explain-level-ratio-used": (
        "{factor} ({label}) : {monetary_factor:n0} kgCO2e par k€ HT en euros {euro_year}.",
        "{factor} ({label}): {monetary_factor:n0} kgCO2e per k€ excl. VAT in euros of {euro_year}.",
    ),
    "explain-level-ratio-superseded": (
        "inutile, la ligne est calculée avec une donnée plus précise : {method}.",
        "not needed, the line is computed with more precise data: {method}.",
    ),
    "explain-level-ratio-proxy": (
        "la catégorie {factor} n'a pas de ratio propre à son secteur : un ratio voisin l'approche.",
        "category {factor} has no ratio of its own sector: a neighbouring ratio approximates it.",
    ),
    "explain-level-ratio-no-rule": (
        "aucune règle ne donne de catégorie à la ligne : elle n'est pas dans le total. Ajoutez une règle (regles-locales.yaml).",
        "no rule gives the line a category: it is not in the total. Add a rule (regles-locales.yaml).",
    ),
    "explain-level-ratio-unquantified": (
        "l'énergie n'est pas comptée sur ses euros : la ligne est à quantifier et n'est pas dans le total.",
        "energy is not counted from its euros: the line is to be quantified and is not in the total.",
    ),
    "explain-level-proxy-used": (
        "{factor} ({label}) : {monetary_factor:n0} kgCO2e par k€ HT en euros {euro_year}, ratio d'un secteur voisin.",
        "{factor} ({label}): {monetary_factor:n0} kgCO2e per k€ excl. VAT in euros of {euro_year}, a neighbouring sector's ratio.",
    ),
    "explain-level-proxy-not-needed": (
        "inutile, le secteur a son propre ratio.",
        "not needed, the sector has its own ratio.",
    ),
    "explain-level-proxy-superseded": (
        "inutile, la ligne est calculée avec une donnée plus précise : {method}.",
        "not needed, the line is computed with more precise data: {method}.",
    ),
    "explain-level-proxy-no-rule": (
        "sans catégorie, pas de ratio voisin non plus.",
        "without a category, no neighbouring ratio either.",
    ),
    "explain-level-proxy-unquantified": (
        "l'énergie à quantifier n'est pas approchée par un ratio.",
        "energy to quantify is not approximated by a ratio.",
    ),
}
