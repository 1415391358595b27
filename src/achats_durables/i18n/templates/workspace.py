"""Message templates: achats init: the workspace and its templates."""

TEMPLATES: dict[str, tuple[str, str]] = {
    # workspace (create_workspace)
    "workspace-exists": (
        "le dossier contient déjà {files} : rien n'a été écrit. Choisissez un autre dossier ou supprimez ces fichiers.",
        "the folder already holds {files}: nothing was written. Choose another folder or delete these files.",
    ),
    "workspace-bad-siren": (
        "SIREN « {value} » invalide : 9 chiffres sont attendus (ex. 214100182).",
        "invalid SIREN '{value}': 9 digits are expected (e.g. 214100182).",
    ),
    "workspace-bad-year": (
        "exercice « {value} » invalide : une année entre 2000 et 2100 est attendue.",
        "invalid year '{value}': a year between 2000 and 2100 is expected.",
    ),
    "workspace-bad-entity": (
        "le nom de l'entité est vide. Indiquez le nom de la collectivité (ex. « Ville de Blois »).",
        "the entity name is empty. Give the name of the public body (e.g. 'Ville de Blois').",
    ),
    "workspace-not-a-folder": (
        "c'est un fichier, pas un dossier. Indiquez le dossier de travail à créer.",
        "this is a file, not a folder. Give the working folder to create.",
    ),
    "nomenclature-unreadable": (
        "liste des comptes M57 illisible ({detail}). Réinstallez l'outil ou relancez scripts/build_nomenclature.py.",
        "the M57 account list is unreadable ({detail}). Reinstall the tool or run scripts/build_nomenclature.py again.",
    ),
    "ledger-sheet-too-large": (
        "feuille trop grande : elle s'étend de A1 à la cellule {cell} ({rows} lignes × {columns} colonnes, soit {grid} cellules ; limite {limit}). Si une cellule isolée loin du tableau l'agrandit, supprimez-la (Ctrl+Fin dans le tableur montre la dernière cellule) ; sinon découpez la feuille ou exportez-la en CSV.",
        "sheet too large: it spans A1 to cell {cell} ({rows} rows × {columns} columns, {grid} cells; limit {limit}). If a stray cell far from the table enlarges it, delete it (Ctrl+End in the spreadsheet shows the last cell); otherwise split the sheet or export it as CSV.",
    ),
    "ledger-sheet-sparse": (
        "feuille presque vide mais étendue jusqu'à la cellule {cell} ({rows} lignes × {columns} colonnes) : seules {filled} cellules sont remplies. Une cellule isolée loin du tableau l'agrandit : supprimez les lignes et colonnes au-delà du tableau (Ctrl+Fin dans le tableur montre la dernière cellule), enregistrez, ou exportez la feuille en CSV.",
        "sheet almost empty but spanning to cell {cell} ({rows} rows × {columns} columns): only {filled} cells are filled. A stray cell far from the table enlarges it: delete the rows and columns beyond the table (Ctrl+End in the spreadsheet shows the last cell), save, or export the sheet as CSV.",
    ),
    "ledger-xml-encoding": (
        'encodage déclaré « {encoding} » inconnu dans l\'en-tête XML du fichier. Exportez à nouveau le fichier depuis le logiciel financier (en UTF-8 ou ISO-8859-1), ou corrigez la première ligne (<?xml … encoding="UTF-8"?>).',
        "declared encoding '{encoding}' unknown in the file's XML header. Export the file again from the finance software (UTF-8 or ISO-8859-1), or fix the first line (<?xml … encoding=\"UTF-8\"?>).",
    ),
    "config-entity-folder-clash": (
        "clé « {key} » (ligne {line}) : l'entité « {name} » aurait le même dossier de rapports « {folder} » que « {other} », et l'un écraserait l'autre. Supprimez le doublon ou donnez-lui un nom qui s'écrit autrement (les accents, majuscules et signes ne comptent pas).",
        "key '{key}' (line {line}): entity '{name}' would get the same report folder '{folder}' as '{other}', and one would overwrite the other. Remove the duplicate or give it a name spelt differently (accents, capitals and signs do not count).",
    ),
    "contract-json-too-deep": (
        "fichier JSON refusé : imbrication trop profonde (bien plus de {limit} niveaux), ce ne sont pas des données DECP. Téléchargez à nouveau les données DECP.",
        "JSON file refused: nesting far too deep (well over {limit} levels), this is not DECP data. Download the DECP data again.",
    ),
    "decp-field-type": (
        "enregistrement {record} refusé : le champ « {field} » n'a pas le type prévu par le schéma DECP 2.0.3 (attendu : {expected}, trouvé : {found} {value}). Corrigez l'enregistrement à la source ou téléchargez à nouveau les données.",
        "record {record} refused: field '{field}' does not have the type of the DECP 2.0.3 schema (expected: {expected}, found: {found} {value}). Fix the record at its source or download the data again.",
    ),
    "decp-record-too-deep": (
        "enregistrement {record} refusé : plus de {limit} niveaux d'imbrication, ce ne sont pas des données DECP. Téléchargez à nouveau les données.",
        "record {record} refused: more than {limit} nesting levels, this is not DECP data. Download the data again.",
    ),
}
