"""Message templates: the activity-data file and the supplier-data files read beside the ledger."""

TEMPLATES: dict[str, tuple[str, str]] = {
    # small data files (activity data)
    "data-file-missing": (
        "fichier introuvable. Vérifiez le chemin donné à --activities ou dans achats.yaml.",
        "file not found. Check the path given to --activities or in achats.yaml.",
    ),
    "data-file-format": (
        "format « {suffix} » non pris en charge. Enregistrez le fichier en .xlsx, .ods ou .csv.",
        "format '{suffix}' is not supported. Save the file as .xlsx, .ods or .csv.",
    ),
    "data-file-unreadable": (
        "fichier illisible ({detail}). Ouvrez-le dans un tableur et enregistrez-le à nouveau en .xlsx ou .csv.",
        "unreadable file ({detail}). Open it in a spreadsheet and save it again as .xlsx or .csv.",
    ),
    # population file (achats footprint --population)
    "population-no-header": (
        "aucune ligne d'en-tête reconnue : il faut une colonne « Population » et une colonne « SIREN » ou « Commune ». Cellules vues : {seen}.",
        "no header row recognised: a 'Population' column and a 'SIREN' or 'Commune' column are needed. Cells seen: {seen}.",
    ),
    "population-siren-invalid": (
        "SIREN « {value} » invalide : 9 chiffres (ou un SIRET de 14 chiffres).",
        "SIREN '{value}' is invalid: 9 digits (or a 14-digit SIRET).",
    ),
    "population-no-commune": (
        "ni SIREN ni nom de commune : indiquez l'un des deux.",
        "neither SIREN nor commune name: give one of them.",
    ),
    "population-invalid": (
        "population « {value} » : un nombre entier d'habitants, positif, est attendu.",
        "population '{value}': a positive whole number of inhabitants is expected.",
    ),
    # activity file: errors (exit 3, nothing written)
    "activity-no-header": (
        "aucune ligne d'en-tête de données d'activité reconnue : il faut au moins les colonnes « Exercice », « Facteur », « Quantité » et « Unité » (le modèle d'achats init les contient). Cellules vues : {seen}.",
        "no activity-data header row recognised: the columns 'Exercice' (year), 'Facteur' (factor), 'Quantité' (quantity) and 'Unité' (unit) are needed (the achats init template has them). Cells seen: {seen}.",
    ),
    "activity-year-invalid": (
        "exercice « {value} » illisible : indiquez l'année sur 4 chiffres (2025).{more}",
        "year '{value}' is unreadable: give the year in 4 digits (2025).{more}",
    ),
    "activity-factor-unknown": (
        "facteur « {value} » inconnu. Indiquez l'identifiant d'un facteur physique (liste : achats factors list --kind physical). Proches : {close}.{more}",
        "unknown factor '{value}'. Give the id of a physical factor (list: achats factors list --kind physical). Close: {close}.{more}",
    ),
    "activity-factor-monetary": (
        "« {value} » est un ratio monétaire (kgCO2e par k€) : une donnée d'activité a besoin d'un facteur physique, par quantité (achats factors list --kind physical).{more}",
        "'{value}' is a monetary ratio (kgCO2e per k€): activity data needs a physical factor, per quantity (achats factors list --kind physical).{more}",
    ),
    "activity-quantity-missing": (
        "quantité manquante : indiquez la quantité (tonnes, repas, kWh…) ou supprimez la ligne.{more}",
        "quantity missing: give the quantity (tonnes, meals, kWh…) or delete the row.{more}",
    ),
    "activity-quantity-invalid": (
        "quantité « {value} » illisible : indiquez un nombre (1 234,5).{more}",
        "quantity '{value}' is unreadable: give a number (1234.5).{more}",
    ),
    "activity-amount-invalid": (
        "montant couvert « {value} » illisible : indiquez un montant HT en euros (12 500,00) ou laissez la cellule vide.{more}",
        "covered amount '{value}' is unreadable: give an amount excl. VAT in euros (12500.00) or leave the cell empty.{more}",
    ),
    "activity-quantity-negative": (
        "quantité négative ({value}) : une donnée d'activité est une quantité consommée, positive. Corrigez la ligne (une régularisation se porte en moins sur la ligne de l'exercice).{more}",
        "negative quantity ({value}): activity data is a quantity consumed, positive. Correct the row (an adjustment is subtracted from the year's row).{more}",
    ),
    "activity-unit-unknown": (
        "unité « {unit} » inconnue. Unités reconnues : {known} (et leurs variantes : tonne, MWh, litre, hl, couvert…).{more}",
        "unknown unit '{unit}'. Known units: {known} (and their variants: tonne, MWh, litre, hl, couvert…).{more}",
    ),
    "activity-unit-mismatch": (
        "l'unité « {unit} » ne correspond pas au facteur {factor}, exprimé par {factor_unit} : indiquez la quantité en {factor_unit} (ou une unité convertible : kg↔t, L↔m3, kWh↔MWh), ou choisissez le facteur de cette unité.{more}",
        "unit '{unit}' does not match factor {factor}, given per {factor_unit}: give the quantity in {factor_unit} (or a unit that converts: kg↔t, L↔m3, kWh↔MWh), or choose the factor of that unit.{more}",
    ),
    "activity-siren-invalid": (
        "SIREN/SIRET « {value} » invalide (9 ou 14 chiffres, clé de contrôle) : corrigez-le, ou écrivez le nom exact du fournisseur tel qu'il figure dans le grand livre.{more}",
        "SIREN/SIRET '{value}' is invalid (9 or 14 digits, check digit): correct it, or write the supplier's exact name as in the ledger.{more}",
    ),
    "activity-more-errors": (
        " ({count} autre(s) ligne(s) du fichier en erreur aussi)",
        " ({count} other row(s) of the file in error too)",
    ),
    "activity-duplicate": (
        "cette ligne répète {other} (même exercice {year}, même entité, même marché/compte/fournisseur, même facteur {factor}) : la quantité serait comptée deux fois. Additionnez les deux quantités sur une seule ligne.",
        "this row repeats {other} (same year {year}, entity, contract/account/supplier and factor {factor}): the quantity would be counted twice. Add both quantities up on one row.",
    ),
    "activity-entity-unknown": (
        "entité « {value} » absente du grand livre (entités lues : {known}) : la quantité serait comptée à côté de la dépense. Écrivez le nom de l'entité comme dans le grand livre, ou laissez la cellule vide.",
        "entity '{value}' is not in the ledger (entities read: {known}): the quantity would be counted beside the spend. Write the entity's name as in the ledger, or leave the cell empty.",
    ),
    "activity-overlap": (
        "la dépense de cette ligne est déjà couverte par {other} : {count} ligne(s) du grand livre (la première : {line}) seraient remplacées deux fois. Précisez les sélecteurs (marché, compte, fournisseur) pour qu'ils ne se recouvrent pas, ou regroupez les lignes sous le même sélecteur.",
        "the spend of this row is already covered by {other}: {count} ledger line(s) (the first: {line}) would be replaced twice. Narrow the selectors (contract, account, supplier) so they do not overlap, or group the rows under one selector.",
    ),
    "activity-line-ref": ("{file}, ligne {row}", "{file}, row {row}"),
    "activity-row": (
        "{file}{sheet:opt:activity-sheet:sheet} ligne {row}",
        "{file}{sheet:opt:activity-sheet:sheet} row {row}",
    ),
    # achats explain on a line an activity row covers (footprint.explain_activity)
    "explain-step-activity": (
        "Dépense remplacée par une donnée d'activité : {rows:list:explain-activity-row:, puis }. En tout {group_tco2e:n3} tCO2e pour {group_spend:eur} HT de dépense couverte (lignes de même exercice, entité et sélecteur).",
        "Spend replaced by activity data: {rows:list:explain-activity-row:, then }. In all {group_tco2e:n3} tCO2e for {group_spend:eur} excl. VAT of spend covered (lines of the same year, entity and selector).",
    ),
    "explain-activity-row": (
        "{file} ligne {row}, {quantity:amt} {unit} de « {label} » à {factor_value:g} kgCO2e par {factor_unit} = {tco2e:n3} tCO2e",
        "{file} row {row}, {quantity:amt} {unit} of '{label}' at {factor_value:g} kgCO2e per {factor_unit} = {tco2e:n3} tCO2e",
    ),
    "explain-step-activity-share": (
        "Cette ligne en porte la part de sa dépense : {line_spend:eur} ÷ {group_spend:eur} = {share:pct2}, soit {line_kg:n1} kgCO2e, incertitude ± {line_uncertainty:pct0}, poste BEGES {post}.",
        "This line carries the share of its spend: {line_spend:eur} ÷ {group_spend:eur} = {share:pct2}, i.e. {line_kg:n1} kgCO2e, uncertainty ± {line_uncertainty:pct0}, BEGES post {post}.",
    ),
    "explain-step-activity-alone": (
        "La dépense couverte ({group_spend:eur} HT) n'est pas positive : les émissions sont comptées sur les lignes des données d'activité elles-mêmes, et cette ligne compte 0.",
        "The spend covered ({group_spend:eur} excl. VAT) is not positive: the emissions are counted on the activity-data rows' own lines, and this line counts 0.",
    ),
    # the reason of a ledger line whose ratio an activity row replaced (footprint.activity)
    "term:remplacé par une donnée d'activité": (
        "remplacé par une donnée d'activité",
        "replaced by activity data",
    ),
    "activity-sheet": (" (feuille « {sheet} »)", " (sheet '{sheet}')"),
    # activity file: what the report says
    "activity-used": (
        "{count} donnée(s) d'activité comptée(s) : {emissions:n1} tCO2e, à partir des quantités ; elles remplacent le ratio de {lines} ligne(s) du grand livre ({spend:eur} HT, « remplacé par une donnée d'activité » : dépense toujours comptée, émissions venues des quantités). Au ratio monétaire, cette dépense comptait {ratio_emissions:n1} tCO2e (0 pour l'énergie à quantifier).",
        "{count} activity-data row(s) counted: {emissions:n1} tCO2e, from quantities; they replace the ratio of {lines} ledger line(s) ({spend:eur} excl. VAT, 'replaced by activity data': spend still counted, emissions from the quantities). On the monetary ratio, that spend counted {ratio_emissions:n1} tCO2e (0 for energy to quantify).",
    ),
    "activity-no-spend": (
        "{rows:list:activity-row} : le sélecteur (marché, compte, fournisseur) ne trouve aucune dépense de cet exercice et de cette entité dans le grand livre. La quantité est comptée en plus : vérifiez que cette dépense n'est pas dans le grand livre sous un autre compte ou marché (elle serait comptée deux fois).",
        "{rows:list:activity-row}: the selector (contract, account, supplier) finds no spend of this year and entity in the ledger. The quantity is counted in addition: check this spend is not in the ledger under another account or contract (it would be counted twice).",
    ),
    "activity-no-selector": (
        "{rows:list:activity-row} : aucun marché, compte ni fournisseur indiqué, la donnée ne remplace aucune dépense et s'ajoute au bilan. Indiquez la dépense qu'elle couvre pour éviter un double compte.",
        "{rows:list:activity-row}: no contract, account or supplier given, the row replaces no spend and adds to the footprint. Give the spend it covers to avoid double counting.",
    ),
    "activity-lines-left-out": (
        "{rows:list:activity-row} : le sélecteur atteint aussi {count} ligne(s) exclue(s) du bilan ({spend:eur}) : elles restent exclues (la donnée d'activité ne les remplace pas).",
        "{rows:list:activity-row}: the selector also reaches {count} line(s) left out of the footprint ({spend:eur}): they stay out (the activity data does not replace them).",
    ),
    "activity-covered-differs": (
        "{rows:list:activity-row} : la ligne déclare couvrir {declared:eur} HT, le sélecteur trouve {found:eur} HT dans le grand livre, tout remplacé par la donnée d'activité. Si la quantité ne couvre qu'une partie de cette dépense, précisez le sélecteur (marché, compte et fournisseur ensemble).",
        "{rows:list:activity-row}: the row says it covers {declared:eur} excl. VAT, the selector finds {found:eur} excl. VAT in the ledger, all replaced by the activity data. If the quantity covers only part of that spend, narrow the selector (contract, account and supplier together).",
    ),
    "activity-supplier-replaced": (
        "{rows:list:activity-row} : {count} ligne(s) couverte(s) avaient le chiffre du fournisseur (fichier des fournisseurs) ; la quantité déclarée le remplace sur ces lignes.",
        "{rows:list:activity-row}: {count} covered line(s) had the supplier's own figure (supplier file); the quantity given replaces it on those lines.",
    ),
    "activity-outside-perimeter": (
        "Données d'activité hors du périmètre, non comptées : {other_year} ligne(s) d'un autre exercice que {years:years}, {other_entity} ligne(s) d'une autre entité.",
        "Activity data outside the scope, not counted: {other_year} row(s) of a year other than {years:years}, {other_entity} row(s) of another entity.",
    ),
}
