"""Message templates: public-finance XML readers (TOTEM, PES V2) and contracts (registers, DECP)."""

TEMPLATES: dict[str, tuple[str, str]] = {
    # public-finance XML readers (TOTEM, PES V2)
    "ledger-xml-no-lines": (
        "aucun élément « {element} » dans ce fichier {kind} : il ne contient aucune ligne à lire. Vérifiez que c'est le bon fichier (compte administratif, flux de mandats…).",
        "no '{element}' element in this {kind} file: it holds no line to read. Check that it is the right file (compte administratif, mandate flow…).",
    ),
    "ledger-xml-unexpected": (
        "fichier XML de type « {root} » : un fichier {kind} (élément racine « {expected} ») était attendu.",
        "XML file of type '{root}': a {kind} file (root element '{expected}') was expected.",
    ),
    # contracts (registers and DECP)
    "contract-not-found": (
        "fichier de marchés introuvable. Vérifiez le chemin (dossier courant : {cwd}).",
        "contract file not found. Check the path (current folder: {cwd}).",
    ),
    "contract-is-directory": (
        "c'est un dossier, pas un fichier. Indiquez le registre des marchés ou le fichier DECP.",
        "this is a folder, not a file. Give the contract register or the DECP file.",
    ),
    "contract-empty": (
        "le fichier de marchés est vide.",
        "the contract file is empty.",
    ),
    "contract-unsupported-format": (
        "format « {suffix} » non pris en charge pour les marchés : registre en .xlsx, .xls, .ods ou .csv, données DECP en .json ou .csv.",
        "format '{suffix}' is not supported for contracts: register as .xlsx, .xls, .ods or .csv, DECP data as .json or .csv.",
    ),
    "contract-too-large": (
        "fichier de marchés trop volumineux ({size} Mo, limite {limit} Mo). Découpez-le ou filtrez-le par acheteur.",
        "contract file too large ({size} MB, limit {limit} MB). Split it or filter it by buyer.",
    ),
    "contract-corrupt": (
        "fichier de marchés illisible ou endommagé ({detail}). Ouvrez-le dans un tableur et enregistrez-le à nouveau, ou exportez-le en CSV.",
        "the contract file is unreadable or damaged ({detail}). Open it in a spreadsheet and save it again, or export it as CSV.",
    ),
    "contract-json-invalid": (
        "ce n'est pas un fichier JSON valide ({detail}). Téléchargez à nouveau les données DECP.",
        "this is not a valid JSON file ({detail}). Download the DECP data again.",
    ),
    "contract-json-unrecognised": (
        'fichier JSON non reconnu comme des données DECP v2 (contenu : {detail}). Sont lus {{"marches": {{"marche": [...], "contrat-concession": [...]}}}}, {{"marches": [...]}} et une liste d\'enregistrements.',
        'JSON file not recognised as DECP v2 data (content: {detail}). Read layouts: {{"marches": {{"marche": [...], "contrat-concession": [...]}}}}, {{"marches": [...]}} and a list of records.',
    ),
    "contract-no-header": (
        "aucun en-tête de registre des marchés reconnu dans les {scanned} premières lignes : il manque {missing}. Colonnes vues (ligne {row}) : {seen}. {advice}",
        "no contract register header recognised in the first {scanned} rows: {missing} is missing. Columns seen (row {row}): {seen}. {advice}",
    ),
    "contract-no-header-empty": (
        "aucun en-tête de registre des marchés reconnu dans les {scanned} premières lignes. Il faut une colonne « N° marché » ou « Objet » et au moins deux autres colonnes connues (« Montant HT », « Date de notification », « Considérations sociales »…). Cellules vues : {seen}.",
        "no contract register header recognised in the first {scanned} rows. A 'N° marché' or 'Objet' column and at least two other known columns ('Montant HT', 'Date de notification', 'Considérations sociales'…) are needed. Cells seen: {seen}.",
    ),
    "register-duplicate-rows": (
        "{rows} ligne(s) répètent le n° d'un marché déjà lu (une ligne par cotraitant ou titulaire) : {contracts} marché(s) comptés une fois, montant retenu une fois, titulaires listés ensemble (ex. {examples}).",
        "{rows} row(s) repeat the number of a contract already read (one row per co-contractor): {contracts} contract(s) counted once, amount kept once, contractors listed together (e.g. {examples}).",
    ),
    "register-duplicate-conflict": (
        "{count} marché(s) répétés sur plusieurs lignes avec des montants ou dates de notification différents (ex. {examples}) : seul le montant de la première ligne est retenu. Vérifiez le registre : un n° de marché par lot, ou le même montant sur chaque ligne.",
        "{count} contract(s) repeated over several rows with different amounts or notification dates (e.g. {examples}): only the first row's amount is kept. Check the register: one contract number per lot, or the same amount on every row.",
    ),
    "hint-register-snippet": (
        "Si « {column} » est bien le n° de marché, ajoutez dans achats.yaml : {snippet}, puis relancez avec --config achats.yaml.",
        "If '{column}' is the contract number, add to achats.yaml: {snippet}, then run again with --config achats.yaml.",
    ),
    "hint-register-no-guess": (
        'Renommez la colonne du n° de marché « N° marché » (ou celle de l\'objet « Objet »), ou nommez-la dans achats.yaml : contract_columns: {{contract_ref: "en-tête de la colonne"}}.',
        "Rename the contract number column 'N° marché' (or the object column 'Objet'), or name it in achats.yaml: contract_columns: {{contract_ref: \"column header\"}}.",
    ),
    "missing-contract_ref": (
        "le n° de marché (ou l'objet)",
        "the contract number (or object)",
    ),
    "missing-register-columns": (
        "au moins deux colonnes connues en plus du n° de marché (« Montant HT », « Date de notification », « Procédure », « Considérations sociales »…)",
        "at least two known columns besides the contract number ('Montant HT', 'Date de notification', 'Procédure', 'Considérations sociales'…)",
    ),
    "contract-filter-buyer-invalid": (
        "acheteur « {value} » : indiquez un SIRET (14 chiffres) ou un SIREN (9 chiffres).",
        "buyer '{value}': give a SIRET (14 digits) or a SIREN (9 digits).",
    ),
    "contract-consideration-unknown": (
        "marché {record} : valeur « {value} » non reconnue comme considération {kind} ; elle n'est pas comptée. Valeurs attendues : voir le schéma DECP (ex. « Clause sociale », « Critère environnemental », « Sans objet »).",
        "contract {record}: value '{value}' not recognised as a {kind} consideration; it is not counted. Expected values: see the DECP schema (e.g. 'Clause sociale', 'Critère environnemental', 'Sans objet').",
    ),
    "contract-considerations-missing": (
        "{social} marché(s) sans information sur les considérations sociales et {environmental} sans information sur les considérations environnementales : comptés « sans considération ».",
        "{social} contract(s) with no information on social considerations and {environmental} with none on environmental considerations: counted as 'no consideration'.",
    ),
}
