"""Message templates: the supplier file (yaml, xlsx, csv), per-unit figures, the data requests."""

TEMPLATES: dict[str, tuple[str, str]] = {
    # supplier file as a table (ledger/supplier_table.py)
    "supplier-table-invalid": ("{detail}.", "{detail}."),
    "supplier-table-no-header": (
        "aucune ligne d'en-tête trouvée : la première ligne doit nommer les colonnes {expected}.",
        "no header row found: the first row must name the columns {expected}.",
    ),
    "supplier-table-missing-columns": (
        "colonne(s) manquante(s) : {missing}. Colonnes attendues : {expected}.",
        "missing column(s): {missing}. Expected columns: {expected}.",
    ),
    "supplier-table-unreadable": (
        "fichier des fournisseurs illisible ({detail}). Enregistrez-le en .xlsx ou en .csv.",
        "unreadable supplier file ({detail}). Save it as .xlsx or .csv.",
    ),
    # explain: a line computed from its supplier's figure per unit delivered
    "explain-step-supplier-unit": (
        "Le fournisseur (SIREN {siren}) figure dans le fichier des fournisseurs avec une intensité par unité livrée (source : {source}) : émissions = {quantity} {unit} × {physical_factor} kgCO2e/{unit} = {emissions_kgco2e} kgCO2e ({emissions_tco2e} tCO2e), incertitude ± {uncertainty} ; elle remplace le facteur {factor} ({label}).",
        "The supplier (SIREN {siren}) is in the supplier file with an intensity per unit delivered (source: {source}): emissions = {quantity} {unit} × {physical_factor} kgCO2e/{unit} = {emissions_kgco2e} kgCO2e ({emissions_tco2e} tCO2e), uncertainty ± {uncertainty}; it replaces the factor {factor} ({label}).",
    ),
    # per-unit figures that some lines could not use (footprint/supplier_units.py)
    "supplier-unit-fallback": (
        "{count} ligne(s) ({spend:eur} HT) de fournisseurs dont le fichier des fournisseurs donne une intensité par unité livrée n'ont pas pu l'utiliser : elles gardent leur ratio ou leur facteur physique ({detail:list:supplier-unit-fallback-part:; }).",
        "{count} line(s) ({spend:eur} excl. VAT) of suppliers whose supplier file entry gives an intensity per unit delivered could not use it: they keep their ratio or physical factor ({detail:list:supplier-unit-fallback-part:; }).",
    ),
    "supplier-unit-fallback-part": (
        "{name} (SIREN {siren}, kgCO2e par {unit}) : {count} ligne(s), {spend:eur}, {hint}",
        "{name} (SIREN {siren}, kgCO2e per {unit}): {count} line(s), {spend:eur}, {hint}",
    ),
    "supplier-unit-hint-quantity": (
        "sans quantité : ajoutez au grand livre les colonnes « Quantité » et « Unité » (en {unit} ou une unité convertible), ou donnez dans le fichier des fournisseurs son intensité par k€ HT à la place : « siren: {siren}, intensity_kgco2e_per_keur: <valeur> » (colonne « Intensité (kgCO2e/k€ HT) »)",
        "no quantity: add the 'Quantité' and 'Unité' columns to the ledger (in {unit} or a unit that converts), or give its intensity per k€ excl. VAT in the supplier file instead: 'siren: {siren}, intensity_kgco2e_per_keur: <value>' (column 'Intensité (kgCO2e/k€ HT)')",
    ),
    "supplier-unit-hint-unit": (
        "quantité en « {units} », non convertible en {unit} : donnez dans le fichier des fournisseurs l'intensité dans cette unité : « siren: {siren}, intensity_kgco2e_per_unit: <valeur>, unit: {first} »",
        "quantity in '{units}', which does not convert to {unit}: give the intensity in that unit in the supplier file: 'siren: {siren}, intensity_kgco2e_per_unit: <value>, unit: {first}'",
    ),
}
