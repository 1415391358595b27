"""Message templates: row rejections, issues about results, confirmed rules, factor / mapping / config errors."""

TEMPLATES: dict[str, tuple[str, str]] = {
    # row-level rejections (issues)
    "row-amount-implausible": (
        "montant invraisemblable « {value} » (10 milliards d'euros ou plus, ou infini) : sans doute un SIRET, une date ou un autre nombre collé dans la colonne du montant. Corrigez la cellule. Ligne écartée (statut « rejetée »).",
        "implausible amount '{value}' (ten billion euros or more, or infinite): probably a SIRET, a date or another number pasted in the amount column. Fix the cell. Line set aside (status 'rejected').",
    ),
    "row-amount-unreadable": (
        "montant illisible « {value} ». Indiquez un nombre (ex. 1 234,56). Ligne écartée (statut « rejetée »).",
        "unreadable amount '{value}'. Give a number (e.g. 1 234,56). Line set aside (status 'rejected').",
    ),
    "row-amount-missing": (
        "aucun montant sur une ligne qui porte des données. Ligne écartée (statut « rejetée »).",
        "no amount on a line that holds data. Line set aside (status 'rejected').",
    ),
    "row-vat-unreadable": (
        "taux de TVA illisible « {value} » : taux par défaut utilisé. Indiquez 20, 20 % ou 0,2.",
        "unreadable VAT rate '{value}': default rate used. Give 20, 20 % or 0.2.",
    ),
    "row-vat-out-of-range": (
        "taux de TVA « {value} » hors de la plage 0–30 % : ligne écartée (statut « rejetée »).",
        "VAT rate '{value}' outside 0–30 %: line set aside (status 'rejected').",
    ),
    "row-amounts-inconsistent": (
        "montant HT {ht} et montant TTC {ttc} incohérents avec le taux {rate} : le montant HT est retenu.",
        "amount excl. VAT {ht} and incl. VAT {ttc} inconsistent with rate {rate}: the amount excl. VAT is kept.",
    ),
    "row-date-unreadable": (
        "date illisible « {value} » : l'exercice du fichier est utilisé.",
        "unreadable date '{value}': the file's fiscal year is used.",
    ),
    "rows-rejected-summary": (
        "{count} ligne(s) rejetée(s) pour un montant illisible ou absent ; elles ne sont pas comptées. Détail dans la feuille « Lignes rejetées ».",
        "{count} line(s) rejected for an unreadable or missing amount; they are not counted. See the 'Rejected lines' sheet.",
    ),
    # issues about results
    "year-defaulted": (
        "{count} ligne(s) sans exercice ni date : exercice {year} retenu.",
        "{count} line(s) with no fiscal year nor date: year {year} assumed.",
    ),
    "multiple-years": (
        "le fichier couvre plusieurs exercices ({years}). Chaque ligne est calculée avec les euros de son année ; utilisez --year pour n'en retenir qu'un.",
        "the file covers several fiscal years ({years}). Each line uses the euros of its year; use --year to keep only one.",
    ),
    "other-year-skipped": (
        "{count} ligne(s) d'un autre exercice que {year} ignorée(s) (statut « ignorée »), pour {amount:eur}.",
        "{count} line(s) of another fiscal year than {year} skipped, for {amount:eur}.",
    ),
    "euro-year-converted": (
        "{count} ligne(s) des exercices {years:years} : euros convertis en euros {target} avec l'indice des prix INSEE ({ratio:list:euro-year-ratio:; }), car les ratios monétaires n'existent que pour {available:span}.",
        "{count} line(s) of years {years:years}: euros converted to {target} euros with the INSEE price index ({ratio:list:euro-year-ratio:; }), since monetary ratios exist only for {available:span}.",
    ),
    "index-year-missing": (
        "l'indice des prix n'a pas de valeur pour {years:years} : l'année la plus proche ({used:list:plain}) est utilisée, ce qui ajoute une incertitude.",
        "the price index has no value for {years:years}: the nearest year ({used:list:plain}) is used, which adds uncertainty.",
    ),
    "unmapped-spend": (
        "{share:pct} de la dépense ({amount:eur}, {count} ligne(s)) n'a pas de catégorie : elle n'est pas dans le total. Ajoutez des règles (--mapping) pour ces comptes : {accounts:list:account-amount}.",
        "{share:pct} of spend ({amount:eur}, {count} line(s)) has no category: it is not in the total. Add rules (--mapping) for these accounts: {accounts:list:account-amount}.",
    ),
    "max-unmapped-exceeded": (
        "part non comptée {share} (dépense non affectée + énergie à quantifier) supérieure au seuil --max-unmapped {limit}.",
        "uncounted share {share} (unmapped spend + energy to quantify) above the --max-unmapped threshold {limit}.",
    ),
    "proposition-rules-used": (
        "{share:pct} des émissions reposent sur des règles « à valider » (statut proposition) : faites-les valider par le service financier (achats factors rules --propositions), puis listez celles qu'il confirme sous « validated: » dans achats.yaml.",
        "{share:pct} of emissions rest on rules 'to validate' (status proposition): have them validated by the finance team (achats factors rules --propositions), then list the ones it confirms under 'validated:' in achats.yaml.",
    ),
    # --- rules confirmed in achats.yaml and `achats factors check` (knowledge.validation, rule_checks)
    "validated-rule-unknown": (
        "validated : {count} identifiant(s) ne désignent aucune règle chargée et ne valident rien : {ids}. Vérifiez l'orthographe (achats factors rules).",
        "validated: {count} id(s) name no loaded rule and validate nothing: {ids}. Check the spelling (achats factors rules).",
    ),
    "rules-leaf-unreached": (
        "{count} compte(s) feuille(s) des classes 2 et 6 de la {nomenclature} sans règle : {accounts}. Ajoutez une règle sur le compte ou sur un préfixe parent.",
        "{count} {nomenclature} leaf account(s) of classes 2 and 6 without a rule: {accounts}. Add a rule on the account or on a parent prefix.",
    ),
    "rules-label-mismatch": (
        "règle « {rule} » : libellé « {label} », alors que la nomenclature {nomenclature} nomme le compte {account} « {expected} ».",
        "rule '{rule}': label '{label}', while the {nomenclature} nomenclature names account {account} '{expected}'.",
    ),
    "rules-status-unknown": (
        "règle « {rule} » : statut « {status} » inconnu (attendu : {allowed}).",
        "rule '{rule}': unknown status '{status}' (expected: {allowed}).",
    ),
    "rules-proxy-undocumented": (
        "règle « {rule} » : approximation (proxy: true) sans note qui dise pourquoi.",
        "rule '{rule}': approximation (proxy: true) without a note saying why.",
    ),
    "vat-converted": (
        "{amount:eur} TTC de {count} ligne(s) converti(s) en HT ({detail:list:vat-part:; }).",
        "{amount:eur} incl. VAT on {count} line(s) converted to excl. VAT ({detail:list:vat-part:; }).",
    ),
    "intra-group-excluded": (
        "{count} ligne(s) vers des entités du groupe ({amount:eur}) exclues : flux internes.",
        "{count} line(s) to group entities ({amount:eur}) excluded: internal flows.",
    ),
    "m4x-amount-excl-vat": (
        '{count} ligne(s) de budget {nomenclatures} (service assujetti à la TVA) : la colonne « {column} » ne dit pas TTC, ses montants sont lus hors taxes, comme dans les fichiers TOTEM et les balances. S\'ils sont TTC, nommez la colonne « {column} TTC » ou déclarez-la dans achats.yaml : columns: {{{field}: "{column}"}}.',
        "{count} line(s) of {nomenclatures} budgets (subject to VAT): column '{column}' does not say TTC, its amounts are read excluding VAT, as in TOTEM files and balances. If they include VAT, name the column '{column} TTC' or declare it in achats.yaml: columns: {{{field}: \"{column}\"}}.",
    ),
    "contract-cpv-inherited": (
        "{count} ligne(s) sans code CPV ont pris celui de leur marché pour le choix de la catégorie ({register} d'après le registre des marchés, {majority} d'après la majorité des lignes du même marché), pour {amount:eur} : voir la colonne « Origine du CPV » et achats explain.",
        "{count} line(s) without a CPV code took their contract's for the category ({register} from the contracts register, {majority} from the majority of the contract's lines), for {amount:eur}: see the 'Origine du CPV' column and achats explain.",
    ),
    "totals-rows-skipped": (
        "{count} ligne(s) de total ou de sous-total ignorée(s), non additionnées.",
        "{count} total or subtotal row(s) skipped, not summed.",
    ),
    # factor / mapping / config errors
    "yaml-unreadable": (
        "YAML illisible ({detail}). Vérifiez l'indentation et les guillemets.",
        "unreadable YAML ({detail}). Check indentation and quotes.",
    ),
    "yaml-invalid": (
        "clé « {key} » (ligne {line}) : {detail}.",
        "key '{key}' (line {line}): {detail}.",
    ),
    "yaml-unknown-key": (
        "clé inconnue « {key} » (ligne {line}). Clés possibles : {allowed}.",
        "unknown key '{key}' (line {line}). Allowed keys: {allowed}.",
    ),
}
