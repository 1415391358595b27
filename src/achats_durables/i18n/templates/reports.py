"""Message templates: achats run, achats compare and achats explain: progress, notes and explanation steps."""

TEMPLATES: dict[str, tuple[str, str]] = {
    # locations
    "loc-sheet": ("feuille « {sheet} »", "sheet '{sheet}'"),
    "loc-row": ("ligne {row}", "row {row}"),
    "loc-column": ("colonne « {column} »", "column '{column}'"),
    # achats run: the progress steps and the log (operations/run.py)
    "run-log-start": (
        "début de l'exécution ({years} exercice(s), dossier {folder})",
        "run started ({years} year(s), folder {folder})",
    ),
    "run-log-year": (
        "exercice {year} calculé en {seconds} s",
        "year {year} computed in {seconds} s",
    ),
    "run-log-end": (
        "fin de l'exécution en {seconds} s, code de sortie {exit_code}",
        "run ended in {seconds} s, exit code {exit_code}",
    ),
    "run-log-threshold": (
        "seuil dépassé : {label} {year}, part non comptée {share}",
        "threshold exceeded: {label} {year}, share not counted {share}",
    ),
    "run-step-start": ("démarrage", "starting"),
    "run-step-reading": ("exercice {year} : lecture", "year {year}: reading"),
    "run-step-scope": ("exercice {year} : {label}", "year {year}: {label}"),
    "run-step-writing": ("écriture des rapports", "writing the reports"),
    "run-group-label": ("Groupe (consolidé)", "Group (consolidated)"),
    # achats compare: the notes of a comparison (tracking/compare.py)
    "compare-note-factor-sets": (
        "{start} → {end} : jeux de facteurs différents ; l'effet facteur inclut ce changement.",
        "{start} → {end}: different factor sets; the factor effect includes this change.",
    ),
    "compare-note-uncertainty": (
        "Les incertitudes de deux années ne s'annulent pas : une variation plus petite que l'incertitude (« significative : non ») ne permet pas de conclure à une baisse réelle ; l'effet volume, lui, mesure exactement ce que la dépense explique.",
        "The uncertainties of two years do not cancel out: a change smaller than the uncertainty ('significant: no') does not allow concluding to a real decrease; the volume effect, for its part, measures exactly what spend explains.",
    ),
    # achats explain: the terminal view (writers/explain.py) and the steps of the computation
    "explain-heading": ("{location} — statut : {status}", "{location} — status: {status}"),
    "explain-read-title": ("La ligne lue", "The line read"),
    "explain-winner": (
        "Règle retenue : [bold]{rule}[/bold] ({source}, couche {layer}) — {when} → {target}",
        "Rule applied: [bold]{rule}[/bold] ({source}, {layer} layer) — {when} → {target}",
    ),
    "explain-to-validate": (" — à valider", " — to be validated"),
    "explain-note": ("  Note : {note}", "  Note: {note}"),
    "explain-runner-up": (
        "  Aussi applicable, moins précise : {rule} ({when}) → {target}",
        "  Also applicable, less specific: {rule} ({when}) → {target}",
    ),
    "explain-target-factor": ("facteur {factor}", "factor {factor}"),
    "explain-target-exclude": ("exclusion : {reason}", "excluded: {reason}"),
    "explain-factor": (
        "Facteur : [bold]{factor}[/bold] — {label} ({set}, identifiant Base Carbone {ref}), poste BEGES {post}",
        "Factor: [bold]{factor}[/bold] — {label} ({set}, Base Carbone identifier {ref}), BEGES post {post}",
    ),
    "explain-proxy": (" — approximation", " — proxy"),
    "explain-layer-user": ("utilisateur", "user"),
    "explain-layer-default": ("défaut", "default"),
    "explain-field-entity": ("entité", "entity"),
    "explain-field-date": ("date", "date"),
    "explain-field-year": ("exercice", "fiscal year"),
    "explain-field-account": ("compte (nature)", "account (nature)"),
    "explain-field-function": ("fonction", "function"),
    "explain-field-cpv": ("code CPV", "CPV code"),
    "explain-field-label": ("libellé", "label"),
    "explain-field-supplier": ("fournisseur", "supplier"),
    "explain-field-supplier_siret": ("SIRET du fournisseur", "supplier SIRET"),
    "explain-field-contract_ref": ("n° de marché", "contract number"),
    "explain-field-amount_excl_vat": ("montant HT", "amount excl. VAT"),
    "explain-field-amount_incl_vat": ("montant TTC", "amount incl. VAT"),
    "explain-field-vat_rate": ("taux de TVA", "VAT rate"),
    "explain-field-vat_amount": ("montant de TVA", "VAT amount"),
    "explain-field-cpv_used": ("code CPV retenu", "CPV code used"),
    "explain-status-mapped": ("affectée", "mapped"),
    "explain-status-unmapped": ("non affectée", "unmapped"),
    "explain-status-excluded": ("exclue", "excluded"),
    "explain-status-rejected": ("rejetée", "rejected"),
    "explain-status-skipped": ("ignorée", "skipped"),
    "explain-status-unquantified": ("à quantifier", "to be quantified"),
    "explain-step-cpv-from-register": (
        "La ligne n'a pas de code CPV : elle prend celui de son marché {contract}, {cpv} (registre des marchés), pour choisir sa règle.",
        "The line has no CPV code: it takes its contract's, {contract}, {cpv} (contracts register), to choose its rule.",
    ),
    "explain-step-cpv-from-contract-lines": (
        "La ligne n'a pas de code CPV : elle prend celui de son marché {contract}, {cpv} (CPV le plus fréquent des autres lignes du même marché), pour choisir sa règle.",
        "The line has no CPV code: it takes its contract's, {contract}, {cpv} (the most frequent CPV of the contract's other lines), to choose its rule.",
    ),
    "explain-step-ht-read": (
        "Montant HT lu : {amount_eur}.",
        "Amount excluding VAT read: {amount_eur}.",
    ),
    "explain-step-ht-from-vat-amount": (
        "Montant HT = TTC {amount_incl_vat_eur} − TVA {vat_amount_eur} = {amount_eur}.",
        "Amount excl. VAT = incl. VAT {amount_incl_vat_eur} − VAT {vat_amount_eur} = {amount_eur}.",
    ),
    "explain-step-ht-from-line-rate": (
        "Montant HT = TTC {amount_incl_vat_eur} ÷ (1 + {vat_rate}) = {amount_eur} (de la ligne).",
        "Amount excl. VAT = incl. VAT {amount_incl_vat_eur} ÷ (1 + {vat_rate}) = {amount_eur} (the line's rate).",
    ),
    "explain-step-ht-from-category-rate": (
        "Montant HT = TTC {amount_incl_vat_eur} ÷ (1 + {vat_rate}) = {amount_eur} (de la catégorie).",
        "Amount excl. VAT = incl. VAT {amount_incl_vat_eur} ÷ (1 + {vat_rate}) = {amount_eur} (the category's rate).",
    ),
    "explain-step-ht-from-default-rate": (
        "Montant HT = TTC {amount_incl_vat_eur} ÷ (1 + {vat_rate}) = {amount_eur} (par défaut).",
        "Amount excl. VAT = incl. VAT {amount_incl_vat_eur} ÷ (1 + {vat_rate}) = {amount_eur} (default rate).",
    ),
    "explain-step-quantity-estimated": (
        "Quantité estimée d'après le prix (energy_prices) : {amount_eur} HT ÷ prix = {quantity} {unit} ; facteur physique {physical_factor} kgCO2e/{unit}.",
        "Quantity estimated from the price (energy_prices): {amount_eur} excl. VAT ÷ price = {quantity} {unit}; physical factor {physical_factor} kgCO2e/{unit}.",
    ),
    "explain-step-quantity-read": (
        "Quantité : {quantity} {unit} (lue : {quantity_read} {unit_read}) ; facteur physique {physical_factor} kgCO2e/{unit}.",
        "Quantity: {quantity} {unit} (read: {quantity_read} {unit_read}); physical factor {physical_factor} kgCO2e/{unit}.",
    ),
    "explain-step-physical-emissions": (
        "Émissions = {quantity} × {physical_factor} = {emissions_kgco2e} kgCO2e ({emissions_tco2e} tCO2e), incertitude ± {uncertainty}.",
        "Emissions = {quantity} × {physical_factor} = {emissions_kgco2e} kgCO2e ({emissions_tco2e} tCO2e), uncertainty ± {uncertainty}.",
    ),
    "explain-step-post-with-upstream": (
        "Poste BEGES {post} pour {direct_kgco2e} kgCO2e ; l'amont (extraction, raffinage, transport, pertes en ligne : {upstream_kgco2e} kgCO2e) va au poste {upstream_post}.",
        "BEGES post {post} for {direct_kgco2e} kgCO2e; the upstream part (extraction, refining, transport, line losses: {upstream_kgco2e} kgCO2e) goes to post {upstream_post}.",
    ),
    "explain-step-post-physical": (
        "Poste BEGES {post} (comptée par sa quantité, pas par sa dépense).",
        "BEGES post {post} (counted by its quantity, not by its spend).",
    ),
    "explain-step-unquantified": (
        "Énergie achetée sans quantité : la ligne n'est pas dans le total. Indiquez la quantité (colonnes Quantité et Unité) ou votre prix dans energy_prices (achats.yaml).",
        "Energy bought with no quantity: the line is not in the total. Give the quantity (columns Quantité and Unité) or your price in energy_prices (achats.yaml).",
    ),
    "explain-step-euro-year-converted": (
        "Les ratios existent en euros {first_year}–{last_year} : l'exercice {year} est converti en euros {euro_year} avec l'IPC INSEE ({index_euro_year} / {index_year} = {ratio}) : {amount_eur} → {converted_eur} de {euro_year}.",
        "The ratios exist in euros of {first_year}–{last_year}: fiscal year {year} is converted to euros of {euro_year} with the INSEE CPI ({index_euro_year} / {index_year} = {ratio}): {amount_eur} → {converted_eur} of {euro_year}.",
    ),
    "explain-step-supplier": (
        "Le fournisseur (SIREN {siren}) figure dans le fichier des fournisseurs : son intensité, {supplier_value} kgCO2e par k€ HT en euros {euro_year} (source : {source}), remplace le ratio sectoriel {factor} ({label}).",
        "The supplier (SIREN {siren}) is in the supplier file: its intensity, {supplier_value} kgCO2e per k€ excl. VAT in euros of {euro_year} (source: {source}), replaces the sector ratio {factor} ({label}).",
    ),
    "explain-step-euro-year-converted-supplier": (
        "Le chiffre du fournisseur est en euros {euro_year} : l'exercice {year} est converti avec l'IPC INSEE ({index_euro_year} / {index_year} = {ratio}) : {amount_eur} → {converted_eur} de {euro_year}.",
        "The supplier's figure is in euros of {euro_year}: fiscal year {year} is converted with the INSEE CPI ({index_euro_year} / {index_year} = {ratio}): {amount_eur} → {converted_eur} of {euro_year}.",
    ),
    "explain-step-euro-year-same": (
        "Exercice {year} : le ratio en euros {euro_year} s'applique directement.",
        "Fiscal year {year}: the ratio in euros of {euro_year} applies directly.",
    ),
    "explain-step-monetary-emissions": (
        "Émissions = {converted_eur} ÷ 1 000 × {monetary_factor} kgCO2e/k€ HT = {emissions_kgco2e} kgCO2e ({emissions_tco2e} tCO2e), incertitude ± {uncertainty}.",
        "Emissions = {converted_eur} ÷ 1,000 × {monetary_factor} kgCO2e/k€ excl. VAT = {emissions_kgco2e} kgCO2e ({emissions_tco2e} tCO2e), uncertainty ± {uncertainty}.",
    ),
    "explain-step-post": ("Poste BEGES {post}.", "BEGES post {post}."),
}
