"""Message templates: ledger reading: errors, header recognition, input shapes, unused columns, readers' notes."""

TEMPLATES: dict[str, tuple[str, str]] = {
    # ledger errors
    "ledger-not-found": (
        "fichier introuvable. Vérifiez le chemin (dossier courant : {cwd}).",
        "file not found. Check the path (current folder: {cwd}).",
    ),
    "ledger-is-directory": (
        "c'est un dossier, pas un fichier. Indiquez le fichier du grand livre.",
        "this is a folder, not a file. Give the ledger file.",
    ),
    "ledger-unsupported-format": (
        "format « {suffix} » non pris en charge. Enregistrez le fichier en .xlsx, .xls, .ods ou .csv.",
        "format '{suffix}' is not supported. Save the file as .xlsx, .xls, .ods or .csv.",
    ),
    "ledger-empty": (
        "le fichier est vide. Exportez à nouveau le grand livre depuis le logiciel financier.",
        "the file is empty. Export the ledger again from the finance software.",
    ),
    "ledger-corrupt": (
        "fichier illisible ou endommagé ({detail}). Ouvrez-le dans un tableur et enregistrez-le à nouveau, ou exportez-le en CSV.",
        "the file is unreadable or damaged ({detail}). Open it in a spreadsheet and save it again, or export it as CSV.",
    ),
    "ledger-hostile": (
        "fichier refusé par mesure de sécurité : {detail}. Enregistrez-le à nouveau depuis un tableur ou exportez-le en CSV.",
        "file refused for safety: {detail}. Save it again from a spreadsheet or export it as CSV.",
    ),
    "ledger-too-large": (
        "fichier trop volumineux une fois décompressé ({size} Mo, limite {limit} Mo). Exportez-le en CSV ou découpez-le.",
        "file too large once decompressed ({size} MB, limit {limit} MB). Export it as CSV or split it.",
    ),
    "ledger-sheet-not-found": (
        "feuille « {sheet} » introuvable. Feuilles disponibles : {available}.",
        "sheet '{sheet}' not found. Available sheets: {available}.",
    ),
    "ledger-no-header": (
        "aucune ligne d'en-tête de grand livre reconnue dans les {scanned} premières lignes : il manque {missing}. Colonnes vues (ligne {row}) : {seen}. {advice}{sheets}",
        "no ledger header row recognised in the first {scanned} rows: {missing} is missing. Columns seen (row {row}): {seen}. {advice}{sheets}",
    ),
    "ledger-no-header-empty": (
        "aucune ligne d'en-tête reconnue dans les {scanned} premières lignes, ni aucune ligne d'au moins deux cellules. Il faut une colonne de montant (« Montant HT » ou « Montant TTC ») et une colonne « Nature », « Compte », « Code CPV » ou « Libellé ». Cellules vues : {seen}.",
        "no header row recognised in the first {scanned} rows, and no row of two cells or more. An amount column ('Montant HT' or 'Montant TTC') and a 'Nature', 'Compte', 'Code CPV' or 'Libellé' column are needed. Cells seen: {seen}.",
    ),
    "ledger-no-sheet-with-lines": (
        "aucune feuille ne contient de lignes de dépenses reconnaissables. Feuilles lues : {available}. Il faut une ligne d'en-tête avec une colonne de montant (« Montant HT » ou « Montant TTC »).",
        "no sheet holds recognisable expense lines. Sheets read: {available}. A header row with an amount column ('Montant HT' or 'Montant TTC') is needed.",
    ),
    "ledger-column-missing": (
        "colonne « {column} » introuvable dans l'en-tête. Colonnes disponibles : {available}.{hint}",
        "column '{column}' not found in the header. Available columns: {available}.{hint}",
    ),
    "ledger-duplicate-column": (
        "deux colonnes correspondent à « {field} » : {columns}. Gardez-en une, ou nommez celle à lire dans la section « columns » de achats.yaml.",
        "two columns match '{field}': {columns}. Keep one, or name the one to read in the 'columns' section of achats.yaml.",
    ),
    # unknown headers: what is missing and the achats.yaml snippet (header_hints)
    "missing-amount": ("le montant (HT ou TTC)", "the amount (excl. or incl. VAT)"),
    "missing-descriptive": (
        "une colonne qui décrit la dépense (compte « Nature », « Code CPV », « Libellé » ou « Fournisseur »)",
        "a column describing the spend (account 'Nature', 'Code CPV', 'Libellé' or 'Fournisseur')",
    ),
    "missing-amount-descriptive": (
        "le montant (HT ou TTC) et une colonne qui décrit la dépense (compte « Nature », « Code CPV », « Libellé » ou « Fournisseur »)",
        "the amount (excl. or incl. VAT) and a column describing the spend (account 'Nature', 'Code CPV', 'Libellé' or 'Fournisseur')",
    ),
    "hint-guess": ("« {column} » est bien {what}", "'{column}' is {what}"),
    "hint-two-guesses": ("{first} et {second}", "{first} and {second}"),
    "hint-snippet": (
        "Si {guesses}, ajoutez dans achats.yaml : {snippet}, puis relancez avec --config achats.yaml (amount_excl_vat pour un montant HT, amount_incl_vat pour un montant TTC).",
        "If {guesses}, add to achats.yaml: {snippet}, then run again with --config achats.yaml (amount_excl_vat for an amount excl. VAT, amount_incl_vat incl. VAT).",
    ),
    "hint-ledger-no-guess": (
        'Renommez les colonnes « Montant TTC » (ou « Montant HT ») et « Nature », ou nommez-les dans achats.yaml : columns: {{amount_incl_vat: "en-tête du montant", account: "en-tête du compte"}}.',
        "Rename the columns 'Montant TTC' (or 'Montant HT') and 'Nature', or name them in achats.yaml: columns: {{amount_incl_vat: \"amount header\", account: \"account header\"}}.",
    ),
    "hint-other-sheets": (
        " Autres feuilles lues, sans en-tête reconnu non plus : {sheets}.",
        " Other sheets read, with no recognised header either: {sheets}.",
    ),
    "field-amount_excl_vat": ("le montant HT", "the amount excl. VAT"),
    "field-amount_incl_vat": ("le montant TTC", "the amount incl. VAT"),
    "field-vat_rate": ("le taux de TVA", "the VAT rate"),
    "field-vat_amount": ("le montant de TVA", "the VAT amount"),
    "field-account": ("le compte (nature)", "the account (nature)"),
    "field-cpv": ("le code CPV", "the CPV code"),
    "field-label": ("le libellé", "the label"),
    "field-supplier": ("le fournisseur", "the supplier"),
    "field-supplier_siret": ("le SIRET du fournisseur", "the supplier's SIRET"),
    "field-entity": ("l'entité", "the entity"),
    "field-date": ("la date", "the date"),
    "field-year": ("l'exercice", "the fiscal year"),
    "field-contract_ref": ("le n° de marché", "the contract number"),
    "field-quantity": ("la quantité", "the quantity"),
    "field-unit": ("l'unité", "the unit"),
    "field-function": ("la fonction", "the function"),
    "field-document": ("le n° de mandat", "the mandate number"),
    "field-debit": ("le débit (TTC)", "the debit (incl. VAT)"),
    "field-credit": ("le crédit (TTC, soustrait)", "the credit (incl. VAT, subtracted)"),
    "field-entity_id": ("le SIREN/SIRET de l'entité", "the entity's SIREN/SIRET"),
    "field-direction": ("le sens (dépense ou recette)", "the direction (expense or receipt)"),
    "field-section": (
        "la section (investissement ou fonctionnement)",
        "the section (investment or operating)",
    ),
    "field-nomenclature": ("la nomenclature budgétaire", "the budget nomenclature"),
    "field-operation_kind": ("l'opération réelle ou d'ordre", "the real or accounting operation"),
    "field-reuse": ("le réemploi ou la réutilisation", "reuse or re-use"),
    "field-recycled": ("les matières recyclées", "recycled material"),
    "field-other": ("le champ « {name} »", "the field '{name}'"),
    # files that are not ledgers (input_shape)
    "ledger-looks-like-contracts": (
        "ce fichier ressemble à {kind} : utilisez `{command}`. Ses colonnes ({columns}) décrivent des marchés, sans aucune colonne de paiement (date de mandat ou de paiement, n° de mandat, débit, TVA) : ce n'est pas un grand livre de dépenses et son empreinte n'aurait pas de sens. Pour l'empreinte carbone, donnez le grand livre des mandats de l'exercice.",
        "this file looks like {kind}: use `{command}`. Its columns ({columns}) describe contracts, with no payment column (mandate or payment date, mandate number, debit, VAT): it is not an expense ledger and its footprint would mean nothing. For the carbon footprint, give the year's ledger of mandates.",
    ),
    "kind-register": ("un registre des marchés", "a contract register"),
    "kind-clause-register": (
        "un registre des clauses (considérations sociales et environnementales des marchés)",
        "a clause register (social and environmental considerations of contracts)",
    ),
    "kind-decp": (
        "des données essentielles de la commande publique (DECP)",
        "public procurement essential data (DECP)",
    ),
    "ledger-budget-no-spending": (
        "ce fichier est un {document} sans dépenses réalisées : {evidence}. L'empreinte se calcule sur les dépenses payées : donnez le compte administratif (ou le compte financier unique) de l'exercice, ou le grand livre des mandats.",
        "this file is a {document} with no realised spending: {evidence}. The footprint is computed on the spending paid: give the year's compte administratif (or compte financier unique), or the ledger of mandates.",
    ),
    "document-budget": ("budget (prévisions)", "budget (forecasts)"),
    "evidence-forecast-columns": (
        "il a des colonnes de prévision ({columns}) mais aucune colonne de montant réalisé ou mandaté",
        "it has forecast columns ({columns}) but no column of realised or mandated amounts",
    ),
    "evidence-no-mtreal": (
        "aucune de ses {lines} lignes budgétaires n'est une dépense avec un montant réalisé (MtReal)",
        "none of its {lines} budget lines is an expense with a realised amount (MtReal)",
    ),
    # recognised but unused columns (ledger_checks)
    "column-unused": (
        "colonne « {column} » reconnue ({what}) mais non lue : c'est la colonne « {used} » qui est lue pour ce champ. Si c'est la mauvaise, indiquez la bonne dans achats.yaml : columns: {{{field}: \"{column}\"}}.",
        "column '{column}' recognised ({what}) but not read: column '{used}' is read for this field. If that is the wrong one, name the right one in achats.yaml: columns: {{{field}: \"{column}\"}}.",
    ),
    "column-debit-unused": (
        "colonne(s) {columns} non lue(s) : le montant est lu dans « {used} ». Vérifiez que les deux donnent la même dépense ; sinon retirez « {used} » du fichier pour que le débit moins le crédit soit lu.",
        "column(s) {columns} not read: the amount is read from '{used}'. Check that both give the same spending; otherwise remove '{used}' from the file so that debit minus credit is read.",
    ),
    "column-credit-alone": (
        "colonne « {column} » non lue : un crédit n'est soustrait que d'une colonne de débit, et le fichier n'en a pas. Ajoutez la colonne « Débit » ou retirez les crédits (avoirs) du montant.",
        "column '{column}' not read: a credit is only subtracted from a debit column, and the file has none. Add the 'Débit' column or take the credits (credit notes) out of the amount.",
    ),
    "column-quantity-without-unit": (
        "colonne « {column} » lue sans colonne d'unité : ses {count} quantité(s) ne peuvent pas servir au calcul (kWh, litres, m3, t…), l'empreinte de ces lignes repose sur leur montant. Ajoutez une colonne « Unité », ou nommez-la dans achats.yaml : columns: {{unit: \"en-tête de l'unité\"}}.",
        "column '{column}' read with no unit column: its {count} quantity(ies) cannot be used (kWh, litres, m3, t…), these lines' footprint rests on their amount. Add a 'Unité' column, or name it in achats.yaml: columns: {{unit: \"unit header\"}}.",
    ),
    "vat-amount-rate-mismatch": (
        "{count} ligne(s) dont le montant de TVA (« {vat_column} ») ne correspond pas au taux (« {rate_column} ») (première : ligne {row}) : le HT est calculé avec le montant de TVA (TTC − TVA), le taux n'est pas utilisé. Vérifiez ces lignes.",
        "{count} line(s) whose VAT amount ('{vat_column}') does not match the rate ('{rate_column}') (first: row {row}): HT is computed from the VAT amount (TTC − VAT), the rate is not used. Check these lines.",
    ),
    "vat-amount-blank": (
        "{count} ligne(s) sans montant dans la colonne « {column} » ni taux de TVA (première : ligne {row}) : leur HT est déduit du taux de leur catégorie, à défaut du taux par défaut (default_vat_rate de achats.yaml, 20 % sinon). Si la TVA de ces lignes est nulle, écrivez 0.",
        "{count} line(s) with no amount in column '{column}' and no VAT rate (first: row {row}): their HT is derived from their category's rate, else the default rate (default_vat_rate of achats.yaml, else 20 %). If these lines carry no VAT, write 0.",
    ),
    "ledger-encoding": (
        "encodage du texte non reconnu. Enregistrez le fichier en CSV UTF-8.",
        "text encoding not recognised. Save the file as UTF-8 CSV.",
    ),
    "ledger-no-year": (
        "l'exercice des dépenses est inconnu (ni colonne « Exercice », ni dates). Indiquez-le avec --year, par exemple --year 2025.",
        "the fiscal year is unknown (no 'Exercice' column, no dates). Give it with --year, e.g. --year 2025.",
    ),
    "ledger-year-absent": (
        "aucune ligne de l'exercice {year} dans le fichier. Exercices présents : {available}.",
        "no line of fiscal year {year} in the file. Years present: {available}.",
    ),
    "ledger-entity-absent": (
        "aucune ligne de l'entité « {entity} ». Entités présentes : {available}. Indiquez un nom exact ou un SIREN.",
        "no line of entity '{entity}'. Entities present: {available}. Give an exact name or a SIREN.",
    ),
    "other-entity-skipped": (
        "{count} ligne(s) d'autres entités que « {entity} » ignorée(s) (statut « ignorée »).",
        "{count} line(s) of entities other than '{entity}' skipped.",
    ),
    "input-note": ("{note}", "{note}"),
    # notes of the readers on how a file was read (ledger and contract readers)
    "note-encoding": ("encodage {encoding}", "encoding {encoding}"),
    "note-encoding-contradicted": (
        "encodage {encoding} démenti plus loin dans le fichier : relu en {encoding}, les caractères hors {encoding} lus en {fallback}",
        "{encoding} encoding contradicted further down the file: read again as {encoding}, the characters outside {encoding} read as {fallback}",
    ),
    "note-hidden-rows": (
        "feuille « {sheet} » : {count} ligne(s) masquée(s) dans le tableur ont été lues comme les autres (lignes {rows}) ; supprimez-les du fichier si elles ne doivent pas compter.",
        "sheet '{sheet}': {count} row(s) hidden in the spreadsheet were read like the others (rows {rows}); delete them from the file if they must not count.",
    ),
    "note-hidden-columns": (
        "feuille « {sheet} » : {count} colonne(s) masquée(s) ont été lues comme les autres.",
        "sheet '{sheet}': {count} hidden column(s) were read like the others.",
    ),
    "note-budget-excl-vat": (
        "budget {nomenclature} : montants réalisés considérés hors taxes (service assujetti à la TVA)",
        "budget {nomenclature}: amounts spent read as excluding VAT (service liable to VAT)",
    ),
    "note-pes-credit": (
        "{count} ligne(s) d'annulation ou de réduction de mandat (bordereau de type 02, pièce de nature 06 ou 10) : montants comptés en négatif",
        "{count} line(s) cancelling or reducing a payment order (bordereau type 02, pièce nature 06 or 10): amounts counted as negative",
    ),
    "note-register-sheet-ignored": (
        "feuille « {sheet} » ignorée : aucun en-tête de registre des marchés",
        "sheet '{sheet}' ignored: no contract register header",
    ),
    "note-decp-csv": (
        "DECP CSV : {rows} ligne(s), {records} marché(s) distincts ({key})",
        "DECP CSV: {rows} row(s), {records} distinct contract(s) ({key})",
    ),
    "note-decp-csv-duplicates": (
        "{count} ligne(s) en double (une ligne par titulaire) : dédoublonnées sur {key}, la première ligne de chaque marché est retenue",
        "{count} duplicate row(s) (one row per holder): deduplicated on {key}, the first row of each contract is kept",
    ),
    "note-decp-json": (
        "DECP v2 JSON, disposition {layout} : {count} enregistrement(s)",
        "DECP v2 JSON, layout {layout}: {count} record(s)",
    ),
    "note-decp-concessions": (
        "{count} contrat(s) de concession inclus (nature « {nature} »)",
        "{count} concession contract(s) included (nature '{nature}')",
    ),
    "capital-amortised": (
        "total partiel : annuité de l'exercice seule. {count} ligne(s) d'immobilisations (classe 2) amorties sur {years} ans comptent pour leur annuité ({annuity:n1} tCO2e au lieu de {full:n1} tCO2e l'année d'acquisition) ; les annuités des acquisitions des années précédentes ne sont pas dans ce grand livre, donc le total n'est ni un bilan BEGES ni un inventaire GHG Protocol. Pour un total complet, retirez --amortisation (acquisitions comptées l'année d'achat).",
        "partial total: this year's annuity only. {count} capital line(s) (class 2) amortised over {years} years count for their annuity ({annuity:n1} tCO2e instead of {full:n1} tCO2e in the year of acquisition); annuities of earlier years' acquisitions are not in this ledger, so the total is neither a BEGES nor a GHG Protocol inventory. For a complete total, drop --amortisation (acquisitions counted in the year of purchase).",
    ),
    "energy-unquantified": (
        "énergie à quantifier : {amount:eur} d'énergie et de carburants ({count} ligne(s)) achetés sans quantité ne sont PAS dans le total (aucune émission n'est comptée pour eux). Ajoutez les quantités des factures (colonnes « Quantité » et « Unité » : kWh, MWh PCS, litres, m3) ou, à défaut, vos prix moyens dans achats.yaml, par exemple « energy_prices: {{electricite: 0.21, gaz: 0.09, gazole: 1.45, source: \"factures 2025\"}} » (€ HT par kWh ou par litre). Comptes : {accounts:list:account-amount}.",
        'energy to quantify: {amount:eur} of energy and fuels ({count} line(s)) bought without a quantity are NOT in the total (no emission is counted for them). Add the invoices\' quantities (columns « Quantité » and « Unité »: kWh, MWh PCS, litres, m3) or, failing that, your average prices in achats.yaml, e.g. « energy_prices: {{electricite: 0.21, gaz: 0.09, gazole: 1.45, source: "2025 invoices"}} » (€ excl. VAT per kWh or litre). Accounts: {accounts:list:account-amount}.',
    ),
    "quantity-estimated-from-price": (
        "quantité estimée d'après le prix : {count} ligne(s) d'énergie ({amount:eur} HT) sans quantité ont été converties en kWh ou litres avec vos prix (energy_prices : {prices:list:energy-price} HT par kWh ou litre ; source : {source:or:source-unknown}), soit {emissions:n1} tCO2e. Ces chiffres sont aussi fiables que ces prix : remplacez-les par les quantités des factures dès que possible.",
        "quantity estimated from the price: {count} energy line(s) ({amount:eur} excl. VAT) without a quantity were turned into kWh or litres with your prices (energy_prices: {prices:list:energy-price} excl. VAT per kWh or litre; source: {source:or:source-unknown}), giving {emissions:n1} tCO2e. These figures are as reliable as those prices: replace them with the invoices' quantities when you can.",
    ),
    "waste-monetary-estimate": (
        "déchets : estimation monétaire faute de tonnage. {count} ligne(s) de collecte et traitement des déchets ({amount:eur} HT) sont estimées d'après la dépense, soit {emissions:n1} tCO2e ({share:pct} du total, poste 4.3). Demandez au service déchets les tonnages par flux et par traitement (incinération, enfouissement, compostage, recyclage…) et indiquez-les (colonnes « Quantité » et « Unité » en t) : le calcul utilisera alors les facteurs de fin de vie de la Base Carbone.",
        "waste: monetary estimate for lack of tonnage. {count} waste collection and treatment line(s) ({amount:eur} excl. VAT) are estimated from spend, giving {emissions:n1} tCO2e ({share:pct} of the total, post 4.3). Ask the waste service for tonnages by stream and treatment (incineration, landfill, composting, recycling…) and supply them (columns « Quantité » and « Unité » in t): the Base Carbone end-of-life factors will then be used.",
    ),
    "physical-quantities-used": (
        "{count} ligne(s) calculées à partir de leur quantité (énergie, eau, déchets, matières, repas…), avec les facteurs physiques de la Base Carbone ({detail:list:physical-part:; }).",
        "{count} line(s) computed from their quantity (energy, water, waste, materials, meals…) with Base Carbone physical factors ({detail:list:physical-part:; }).",
    ),
    "quantity-unit-not-convertible": (
        "quantité non utilisée : {count} ligne(s) portent une quantité en « {units} », une unité que les facteurs physiques de leur règle ({expected}) ne convertissent pas (t ↔ kg, m3 ↔ L, MWh ↔ kWh) : elles sont traitées comme des lignes sans quantité. Corrigez la colonne « Unité » ou donnez la quantité dans l'unité du facteur.",
        "quantity not used: {count} line(s) carry a quantity in '{units}', a unit their rule's physical factors ({expected}) do not convert from (t ↔ kg, m3 ↔ L, MWh ↔ kWh): they are treated as lines without a quantity. Fix the 'Unité' column or give the quantity in the factor's unit.",
    ),
    "ledger-no-lines": (
        "aucune ligne de dépense dans le fichier ({rows} ligne(s) lue(s), toutes ignorées ou rejetées) : le grand livre est-il rempli ?",
        "no expense line in the file ({rows} row(s) read, all skipped or rejected): is the ledger filled in?",
    ),
    "compare-not-a-report": (
        "ce n'est pas un rapport {schema} ({detail}). Donnez les fichiers empreinte.json écrits par achats footprint ou achats run.",
        "this is not a {schema} report ({detail}). Give the empreinte.json files written by achats footprint or achats run.",
    ),
    "compare-nothing": (
        "rien à comparer : donnez au moins un rapport JSON, ou --config achats.yaml après achats run.",
        "nothing to compare: give at least one JSON report, or --config achats.yaml after achats run.",
    ),
    "compare-run-missing": (
        "pas de rapport pour l'exercice {year} : lancez d'abord achats run --config achats.yaml.",
        "no report for year {year}: run achats run --config achats.yaml first.",
    ),
    "run-locked": (
        "une autre exécution d'achats run travaille déjà dans ce dossier (processus {pid}). Attendez qu'elle se termine : rien n'a été écrit.",
        "another achats run is already working in this folder (process {pid}). Wait for it to finish: nothing was written.",
    ),
    "run-no-years": (
        "la configuration ne liste aucun exercice. Ajoutez une section « years: » (par exemple 2025: {{ledgers: [grand-livre-2025.xlsx]}}).",
        "the configuration lists no fiscal year. Add a 'years:' section (e.g. 2025: {{ledgers: [grand-livre-2025.xlsx]}}).",
    ),
    "run-year-absent": (
        "exercice(s) {years} absent(s) de la configuration. Exercices configurés : {available}.",
        "year(s) {years} not in the configuration. Configured years: {available}.",
    ),
    "run-entity-without-lines": (
        "{entity} n'a aucune ligne dans le grand livre {year} : pas de rapport d'empreinte pour cette entité.",
        "{entity} has no line in the {year} ledger: no footprint report for this entity.",
    ),
    "ledger-xml-unknown": (
        "fichier XML non reconnu : sont lus les documents budgétaires DGFiP (DocumentBudgetaire, « TOTEM ») et les flux PES V2 de dépenses (PES_DepenseAller). Exportez sinon le grand livre en xlsx ou csv.",
        "unrecognised XML file: DGFiP budget documents (DocumentBudgetaire, 'TOTEM') and PES V2 expense files (PES_DepenseAller) are read. Otherwise export the ledger as xlsx or csv.",
    ),
    "ledger-row-not-found": (
        "la ligne {row} n'est pas une ligne du fichier lu (lignes de données : {first} à {last}).",
        "row {row} is not a row of the file (data rows: {first} to {last}).",
    ),
    "input-would-be-overwritten": (
        "le rapport écraserait un fichier d'entrée ({path}). Choisissez un autre nom avec -o.",
        "the report would overwrite an input file ({path}). Choose another name with -o.",
    ),
}
