"""Message templates: what a YAML value should be and what was found (details of yaml-invalid)."""

TEMPLATES: dict[str, tuple[str, str]] = {
    # what a YAML value should be (``detail`` of yaml-invalid), and what was found
    "found-empty": ("vide", "empty"),
    "close-none": ("aucune", "none"),
    "expect-text": ("un texte est attendu (lu : {found})", "a text is expected (found: {found})"),
    "expect-number": (
        "un nombre est attendu (lu : {found})",
        "a number is expected (found: {found})",
    ),
    "expect-integer": (
        "un nombre entier est attendu (lu : {found})",
        "a whole number is expected (found: {found})",
    ),
    "expect-year-key": (
        "une année (nombre entier) est attendue comme clé (lu : {found})",
        "a year (whole number) is expected as the key (found: {found})",
    ),
    "expect-bool": (
        "true ou false est attendu (lu : {found})",
        "true or false is expected (found: {found})",
    ),
    "expect-table": (
        "une table (clé: valeur) est attendue (lu : {found})",
        "a table (key: value) is expected (found: {found})",
    ),
    "expect-list": ("une liste est attendue (lu : {found})", "a list is expected (found: {found})"),
    "expect-value": ("valeur obligatoire manquante", "required value missing"),
    "expect-choice": (
        "une valeur parmi {choices} est attendue (lu : {found})",
        "one of {choices} is expected (found: {found})",
    ),
    "expect-at-least": (
        "un nombre ≥ {limit} est attendu (lu : {found})",
        "a number ≥ {limit} is expected (found: {found})",
    ),
    "expect-above": (
        "un nombre > {limit} est attendu (lu : {found})",
        "a number > {limit} is expected (found: {found})",
    ),
    "expect-at-most": (
        "un nombre ≤ {limit} est attendu (lu : {found})",
        "a number ≤ {limit} is expected (found: {found})",
    ),
    "expect-below": (
        "un nombre < {limit} est attendu (lu : {found})",
        "a number < {limit} is expected (found: {found})",
    ),
    "expect-valid": ("valeur invalide (lu : {found})", "invalid value (found: {found})"),
    "expect-digits": (
        "des chiffres sont attendus (lu : {found})",
        "digits are expected (found: {found})",
    ),
    "expect-siren-siret": (
        "un SIREN (9 chiffres) ou un SIRET (14) est attendu (lu : {found})",
        "a SIREN (9 digits) or a SIRET (14) is expected (found: {found})",
    ),
    "expect-siren": (
        "un SIREN de 9 chiffres est attendu (lu : {found})",
        "a 9-digit SIREN is expected (found: {found})",
    ),
    "expect-nomenclature": (
        "un code comme M57, M14 ou M4 est attendu (lu : {found})",
        "a code such as M57, M14 or M4 is expected (found: {found})",
    ),
    "expect-condition": (
        "au moins une condition est attendue (lu : {found})",
        "at least one condition is expected (found: {found})",
    ),
    "expect-one-action": (
        "une règle a soit « factor », soit « exclude », soit « quantify: true »",
        "a rule has either 'factor', or 'exclude', or 'quantify: true'",
    ),
    "expect-carrier": (
        "énergie attendue parmi {choices} (lu : {found})",
        "energy expected among {choices} (found: {found})",
    ),
    "expect-siren-checksum": (
        "SIREN invalide : sa clé de contrôle ne correspond pas (lu : {found})",
        "invalid SIREN: its check digit does not match (found: {found})",
    ),
    "expect-siret": (
        "un SIRET de 14 chiffres est attendu, celui de l'établissement acheteur (lu : {found})",
        "a 14-digit SIRET is expected, the buying establishment's (found: {found})",
    ),
    "expect-siret-of-siren": (
        "ce SIRET n'appartient pas au SIREN {siren} de l'entité : ses 9 premiers chiffres doivent être le SIREN (lu : {found})",
        "this SIRET does not belong to the entity's SIREN {siren}: its first 9 digits must be the SIREN (found: {found})",
    ),
    "expect-agec-action": (
        "une règle de catégorie AGEC a soit « category » (l'une des 17 catégories de la déclaration), soit « exclude » (la raison), pas les deux ni aucune",
        "an AGEC category rule has either 'category' (one of the declaration's 17 categories) or 'exclude' (the reason), not both nor neither",
    ),
    "expect-regex": (
        "expression régulière invalide ({detail}) (lu : {found})",
        "invalid regular expression ({detail}) (found: {found})",
    ),
    "expect-agec-category": (
        "catégorie inconnue de la déclaration AGEC art. 58 (lu : {found}). Écrivez le libellé exact du schéma officiel (proches : {close}). Les 17 libellés : achats agec --categories",
        "unknown category of the AGEC art. 58 declaration (found: {found}). Write the exact label of the official schema (close: {close}). The 17 labels: achats agec --categories",
    ),
    "expect-siret-checksum": (
        "SIRET invalide : sa clé de contrôle ne correspond pas (lu : {found})",
        "invalid SIRET: its check digit does not match (found: {found})",
    ),
    "expect-supplier-unit": (
        "une unité connue est attendue : kg, t, kWh, MWh, L, m3, repas, unité, km, t.km… (lu : {found})",
        "a known unit is expected: kg, t, kWh, MWh, L, m3, repas, unité, km, t.km… (found: {found})",
    ),
    "expect-one-intensity": (
        "une seule intensité est attendue : en kgCO2e par k€ HT (intensity_kgco2e_per_keur) ou en kgCO2e par unité livrée (intensity_kgco2e_per_unit avec unit), pas les deux ni aucune",
        "exactly one intensity is expected: in kgCO2e per k€ excl. VAT (intensity_kgco2e_per_keur) or in kgCO2e per unit delivered (intensity_kgco2e_per_unit with unit), not both nor neither",
    ),
    "expect-supplier-unit-missing": (
        "l'unité de l'intensité par unité manque (unit : kg, t, kWh, repas…)",
        "the unit of the per-unit intensity is missing (unit: kg, t, kWh, repas…)",
    ),
    "expect-unit-without-per-unit": (
        "une unité n'a de sens qu'avec une intensité par unité (intensity_kgco2e_per_unit) (lu : {found})",
        "a unit only goes with a per-unit intensity (intensity_kgco2e_per_unit) (found: {found})",
    ),
    "expect-duplicate-siren": (
        "SIREN {found} en double dans le fichier des fournisseurs",
        "SIREN {found} listed twice in the supplier file",
    ),
    "plan-factor-unknown": (
        "facteur « {factor} » inconnu des jeux de facteurs chargés (liste : achats factors list)",
        "factor '{factor}' is not in the factor sets loaded (list: achats factors list)",
    ),
    "plan-substitute-not-monetary": (
        "le facteur de substitution « {factor} » est exprimé en {unit} : la dépense déplacée a besoin d'un ratio par k€ HT (un de vos jeux de facteurs peut en définir un, avec sa source)",
        "substitution factor '{factor}' is given in {unit}: the spend moved needs a ratio per k€ excl. VAT (a factor set of yours may define one, with its source)",
    ),
    "expect-one-effect": (
        "un seul effet est attendu : emissions, spend ou substitute",
        "exactly one effect is expected: emissions, spend or substitute",
    ),
    "expect-full-after-start": (
        "l'année de plein effet doit suivre l'année de début ({start})",
        "the full-effect year must come after the start year ({start})",
    ),
    "expect-no-full-on-renewal": (
        "full ne s'emploie pas avec start: renewal (l'effet est plein dès l'année de renouvellement)",
        "full cannot go with start: renewal (the effect is full from the renewal year)",
    ),
    "expect-horizon-after-base": (
        "l'horizon doit suivre l'année de référence ({base})",
        "the horizon must come after the base year ({base})",
    ),
    "expect-target-year": (
        "l'année d'un objectif doit être après l'année de référence ({base}) et au plus l'horizon ({horizon})",
        "a target's year must be after the base year ({base}) and at most the horizon ({horizon})",
    ),
    "expect-action-year": (
        "l'année de début d'une action doit être entre l'année de référence ({base}) et l'horizon ({horizon})",
        "an action's start year must be between the base year ({base}) and the horizon ({horizon})",
    ),
    "expect-duplicate-id": (
        "identifiant {found} en double",
        "duplicate identifier {found}",
    ),
    "expect-advice-target": (
        "une entrée de conseil nomme au moins un facteur (factors) ou une famille (families)",
        "an advice entry names at least one factor (factors) or one family (families)",
    ),
    "advice-source-unknown": (
        "source « {source} » absente de la liste « sources » (sources connues : {known})",
        "source '{source}' is not in the « sources » list (known sources: {known})",
    ),
    "expect-duplicate-rule": (
        "identifiant de règle {found} en double (déjà dans {other})",
        "duplicate rule identifier {found} (already in {other})",
    ),
    "expect-year-values": (
        "au moins une année est attendue (lu : {found})",
        "at least one year is expected (found: {found})",
    ),
    "expect-upstream-part": (
        "une part de « value » est attendue (≤ value ; lu : {found})",
        "a part of 'value' is expected (≤ value; found: {found})",
    ),
    "expect-upstream-year": (
        "une année présente dans « values » est attendue (lu : {found})",
        "a year present in 'values' is expected (found: {found})",
    ),
    "expect-upstream-year-part": (
        "une part de la valeur de l'année est attendue (≤ valeur ; lu : {found})",
        "a part of the year's value is expected (≤ value; found: {found})",
    ),
    "expect-upstream-all-years": (
        "une valeur par année de « values » est attendue (lu : {found})",
        "one value per year of 'values' is expected (found: {found})",
    ),
    "expect-vat-rate": (
        "un taux est attendu, par exemple 0.20 ou 20 (lu : {found})",
        "a rate is expected, for example 0.20 or 20 (found: {found})",
    ),
    "expect-vat-range": (
        "un taux entre 0 et 30 % est attendu (lu : {found})",
        "a rate between 0 and 30 % is expected (found: {found})",
    ),
    "expect-name-table": (
        "une table avec au moins « name » est attendue (lu : {found})",
        "a table with at least 'name' is expected (found: {found})",
    ),
    "expect-filled-text": (
        "un texte non vide est attendu (lu : {found})",
        "a non-empty text is expected (found: {found})",
    ),
    "expect-year": (
        "une année est attendue, par exemple 2025 (lu : {found})",
        "a year is expected, for example 2025 (found: {found})",
    ),
    "expect-year-order": (
        "l'année cible doit suivre l'année de référence (lu : {found})",
        "the target year must come after the base year (found: {found})",
    ),
    "expect-positive-tonnes": (
        "des tonnes de CO2e positives sont attendues (lu : {found})",
        "positive tonnes of CO2e are expected (found: {found})",
    ),
    "expect-positive-number": (
        "un nombre positif est attendu (lu : {found})",
        "a positive number is expected (found: {found})",
    ),
    "expect-years-count": (
        "un nombre d'années entre 1 et 100 est attendu (lu : {found})",
        "a number of years between 1 and 100 is expected (found: {found})",
    ),
    "expect-energy": (
        "énergie inconnue ; attendues : {units}, et « source » (lu : {found})",
        "unknown energy; expected: {units}, and 'source' (found: {found})",
    ),
    "expect-energy-price": (
        "un prix positif en € HT par unité est attendu (lu : {found})",
        "a positive price in € excl. VAT per unit is expected (found: {found})",
    ),
    "expect-energy-source": (
        'dites d\'où viennent ces prix (ex. source: "factures 2025, prix moyen") : ils entrent dans le calcul et le rapport les cite',
        'say where these prices come from (e.g. source: "factures 2025, prix moyen"): they enter the computation and the report cites them',
    ),
    "expect-file": (
        "fichier introuvable : {found}",
        "file not found: {found}",
    ),
    "expect-glob": (
        "aucun fichier ne correspond à {found} (dossier : {folder})",
        "no file matches {found} (folder: {folder})",
    ),
    "expect-rule-id": (
        "un identifiant de règle est attendu, comme m57-6064-papier (lu : {found})",
        "a rule identifier is expected, such as m57-6064-papier (found: {found})",
    ),
    "file-not-found": (
        "fichier introuvable. Vérifiez le chemin.",
        "file not found. Check the path.",
    ),
    "factor-unknown": (
        "la règle « {rule} » renvoie au facteur « {factor} », absent des jeux de facteurs chargés ({sets}).",
        "rule '{rule}' refers to factor '{factor}', absent from the loaded factor sets ({sets}).",
    ),
    "shipped-rules-set-aside": (
        "règles fournies mises de côté, car elles renvoient à des jeux de facteurs ou à des facteurs non chargés ({missing}) : {count} règle(s) — par fichier : {files} — et {physical} calcul(s) par quantité physique. Seules vos règles (--mapping) et celles des jeux chargés s'appliquent : ajoutez des règles pour les lignes restées non affectées.",
        "shipped rules set aside, since they refer to factor sets or factors not loaded ({missing}): {count} rule(s) — by file: {files} — and {physical} computation(s) from physical quantities. Only your rules (--mapping) and those of the loaded sets apply: add rules for the lines left unmapped.",
    ),
    "factor-set-not-found": (
        "jeu de facteurs « {name} » introuvable. Jeux disponibles : {available}.",
        "factor set '{name}' not found. Available sets: {available}.",
    ),
    "factor-not-found": (
        "facteur « {name} » introuvable. Facteurs proches : {close}.",
        "factor '{name}' not found. Close factors: {close}.",
    ),
    "rule-regex-invalid": (
        "clé « {key} » (ligne {line}) : règle « {rule} », expression « {pattern} » invalide ({detail}).",
        "key '{key}' (line {line}): rule '{rule}', invalid pattern '{pattern}' ({detail}).",
    ),
    "config-share-invalid": (
        "clé « {key} » (ligne {line}) : « {value} » n'est pas une part entre 0 et {maximum:bound} %. Écrivez-la par exemple {example} ou « {example_percent:bound} % » (un nombre de 1 ou plus est un pourcentage : 100 = 100 %).",
        "key '{key}' (line {line}): '{value}' is not a share between 0 and {maximum:bound} %. Write it for example {example} or '{example_percent:bound} %' (a number of 1 or more is a percentage: 100 = 100 %).",
    ),
    "option-share-invalid": (
        "« {value} » n'est pas une part entre 0 et {maximum} %. Écrivez par exemple 0.05, 5 ou « 5 % » (un nombre de 1 ou plus est un pourcentage : 100 = 100 %).",
        "'{value}' is not a share between 0 and {maximum} %. Write for example 0.05, 5 or '5 %' (a number of 1 or more is a percentage: 100 = 100 %).",
    ),
    "output-not-writable": (
        "impossible d'écrire le rapport ({detail}). Vérifiez le dossier et les droits d'écriture.",
        "cannot write the report ({detail}). Check the folder and write permissions.",
    ),
    "output-format-unknown": (
        "format « {fmt} » inconnu pour {path}. Formats : table, xlsx, csv, json, html, pdf.",
        "unknown format '{fmt}' for {path}. Formats: table, xlsx, csv, json, html, pdf.",
    ),
    "output-pdf-unavailable": (
        "le PDF ne peut pas être produit : weasyprint ne trouve pas les bibliothèques Pango du système ({detail}). Installez-les (Debian, Ubuntu : sudo apt-get install {packages}) ou produisez le rapport en HTML (-o rapport.html).",
        "the PDF cannot be made: weasyprint cannot find the system's Pango libraries ({detail}). Install them (Debian, Ubuntu: sudo apt-get install {packages}) or make the report as HTML (-o rapport.html).",
    ),
    "output-pdf-failed": (
        "le PDF n'a pas pu être produit ({detail}). Produisez le rapport en HTML (-o rapport.html) et relancez avec --debug.",
        "the PDF could not be made ({detail}). Make the report as HTML (-o rapport.html) and rerun with --debug.",
    ),
    "output-chart-failed": (
        "un graphique du rapport n'a pas pu être dessiné ({detail}). Relancez avec --debug.",
        "a chart of the report could not be drawn ({detail}). Rerun with --debug.",
    ),
    "internal-error": (
        "erreur interne ({detail}). Relancez avec --debug et transmettez le message aux développeurs.",
        "internal error ({detail}). Rerun with --debug and send the message to the developers.",
    ),
}
