"""Message templates: the clause report: regulatory checks, SPASER, loi Climat, priorities."""

TEMPLATES: dict[str, tuple[str, str]] = {
    # clause report: regulatory checks (clauses/targets.py)
    "clauses-year-unknown": ("date inconnue", "unknown date"),
    "clauses-buyer-unknown": ("acheteur non précisé", "buyer not given"),
    "clauses-pnad-environmental-label": (
        "PNAD 2022-2025 : marchés notifiés en {year:or:clauses-year-unknown} avec au moins une considération environnementale",
        "PNAD 2022-2025: contracts notified in {year:or:clauses-year-unknown} with at least one environmental consideration",
    ),
    "clauses-pnad-social-label": (
        "PNAD 2022-2025 : marchés notifiés en {year:or:clauses-year-unknown} avec au moins une considération sociale",
        "PNAD 2022-2025: contracts notified in {year:or:clauses-year-unknown} with at least one social consideration",
    ),
    "clauses-pnad-detail": (
        "{year:or:clauses-year-unknown} : {with_count} marché(s) sur {contracts} ; {gap} de plus auraient dû en comporter une pour atteindre l'objectif de {target_pct:pcts}.",
        "{year:or:clauses-year-unknown}: {with_count} contract(s) out of {contracts}; {gap} more should have had one to reach the {target_pct:pcts} target.",
    ),
    "clauses-pnad-detail-met": (
        "{year:or:clauses-year-unknown} : {with_count} marché(s) sur {contracts} : objectif de {target_pct:pcts} atteint.",
        "{year:or:clauses-year-unknown}: {with_count} contract(s) out of {contracts}: {target_pct:pcts} target reached.",
    ),
    "clauses-pnad-before-target-year": (
        "L'objectif est fixé pour {target_year}, sans jalon annuel publié : comparaison indicative.",
        "The target is set for {target_year}, with no published yearly milestone: an indicative comparison.",
    ),
    "clauses-pnad-after-target-year": (
        "Aucun plan national postérieur au PNAD 2022-2025 n'a été trouvé : l'objectif {target_year} est reconduit.",
        "No national plan after the PNAD 2022-2025 was found: the {target_year} target is carried over.",
    ),
    "clauses-pnad-unknown-year": (
        "{contracts} marché(s) sans date de notification lisible : rattachés à aucune année, donc à aucun objectif annuel. Complétez la date de notification.",
        "{contracts} contract(s) without a readable notification date: tied to no year, hence to no yearly target. Fill in the notification date.",
    ),
    "clauses-climat-label": (
        "Loi Climat et résilience, art. 35 (procédures lancées à partir du {climat_date:date}) : condition d'exécution et critère d'attribution environnementaux, et condition d'exécution sociale à partir des seuils européens (art. L. 2112-2-1)",
        "Climate and Resilience Law (loi Climat), art. 35 (procedures launched from {climat_date:date}): environmental execution condition and award criterion, and social execution condition from the EU thresholds (art. L. 2112-2-1)",
    ),
    "clauses-climat-detail": (
        "{contracts} marché(s) notifié(s) depuis le {climat_date:date} : {compliant} conforme(s), {failing} non conforme(s), {to_verify} à vérifier. Les données (DECP ou registre) ne donnent pas la date de lancement de la procédure, qui seule fixe l'obligation ; les exceptions de l'art. L. 2112-2-1 ne sont pas appliquées.",
        "{contracts} contract(s) notified since {climat_date:date}: {compliant} compliant, {failing} non-compliant, {to_verify} to check. The data (DECP or register) do not give the launch date of the procedure, which alone sets the obligation; the exceptions of art. L. 2112-2-1 are not applied.",
    ),
    "clauses-climat-none": (
        "Aucun marché notifié depuis le {climat_date:date} : pas encore de marché concerné.",
        "No contract notified since {climat_date:date}: no contract concerned yet.",
    ),
    "clauses-climat-environmental-condition-missing": (
        "pas de condition d'exécution environnementale (« Clause environnementale »)",
        "no environmental execution condition ('Clause environnementale')",
    ),
    "clauses-climat-environmental-criterion-missing": (
        "pas de critère d'attribution environnemental (« Critère environnemental »)",
        "no environmental award criterion ('Critère environnemental')",
    ),
    "clauses-climat-social-condition-missing": (
        "pas de condition d'exécution sociale (« Clause sociale ») alors que le montant atteint le seuil européen de {threshold_eur:amt} € HT (art. L. 2112-2-1)",
        "no social execution condition ('Clause sociale') although the amount reaches the EU threshold of €{threshold_eur:amt} excl. VAT (art. L. 2112-2-1)",
    ),
    "clauses-climat-environmental-undistinguished": (
        "à vérifier : le registre ne distingue pas condition d'exécution et critère d'attribution",
        "to check: the register does not tell an execution condition from an award criterion",
    ),
    "clauses-climat-social-undistinguished": (
        "à vérifier : le registre ne dit pas si la considération sociale est une condition d'exécution (« Clause sociale »), exigée à partir du seuil européen de {threshold_eur:amt} € HT",
        "to check: the register does not say whether the social consideration is an execution condition ('Clause sociale'), required from the EU threshold of €{threshold_eur:amt} excl. VAT",
    ),
    "clauses-climat-amount-unknown": (
        "à vérifier : montant inconnu, impossible de le comparer au seuil européen de {threshold_eur:amt} € HT (condition sociale, art. L. 2112-2-1)",
        "to check: unknown amount, it cannot be compared with the EU threshold of €{threshold_eur:amt} excl. VAT (social condition, art. L. 2112-2-1)",
    ),
    "clauses-status-non-compliant": ("non conforme", "non-compliant"),
    "clauses-status-to-verify": ("à vérifier", "to check"),
    "clauses-spaser-label": (
        "SPASER de « {entity:or:clauses-buyer-unknown} » ({year:or:clauses-year-unknown}) : obligatoire si ses achats annuels sur marchés sont supérieurs à {threshold_eur:amt} € HT (art. L. 2111-3 et D. 2111-3)",
        "SPASER of '{entity:or:clauses-buyer-unknown}' ({year:or:clauses-year-unknown}): compulsory if its yearly purchases under contracts are greater than €{threshold_eur:amt} excl. VAT (art. L. 2111-3 and D. 2111-3)",
    ),
    "clauses-spaser-label-estimate": (
        "SPASER de « {entity:or:clauses-buyer-unknown} » (estimation annuelle) : obligatoire si ses achats annuels sur marchés sont supérieurs à {threshold_eur:amt} € HT (art. L. 2111-3 et D. 2111-3)",
        "SPASER of '{entity:or:clauses-buyer-unknown}' (yearly estimate): compulsory if its yearly purchases under contracts are greater than €{threshold_eur:amt} excl. VAT (art. L. 2111-3 and D. 2111-3)",
    ),
    "clauses-spaser-required": (
        "{amount_eur:amt} € HT, supérieur au seuil de {threshold_eur:amt} € HT : un SPASER est obligatoire pour cet acheteur.",
        "€{amount_eur:amt} excl. VAT, greater than the €{threshold_eur:amt} threshold: a SPASER is compulsory for this buyer.",
    ),
    "clauses-spaser-optional": (
        "{amount_eur:amt} € HT, pas supérieur au seuil de {threshold_eur:amt} € HT : le SPASER reste facultatif pour cet acheteur.",
        "€{amount_eur:amt} excl. VAT, not greater than the €{threshold_eur:amt} threshold: a SPASER remains optional for this buyer.",
    ),
    "clauses-spaser-basis-ledger": (
        "Base : dépense HT de l'année civile sur les lignes du grand livre portant un n° de marché, flux internes au groupe exclus, acheteur par acheteur (jamais le total du groupe) ; les marchés du livre V ne sont pas repérés.",
        "Basis: spend excl. VAT of the calendar year on the ledger lines carrying a contract number, flows within the group left out, buyer by buyer (never the group's total); book V contracts are not identified.",
    ),
    "clauses-spaser-basis-contracts": (
        "Base : montants des marchés ramenés à l'année, acheteur par acheteur (jamais le total du groupe) : approximation faute de grand livre (--ledger), l'article D. 2111-3 comptant les dépenses de l'année civile.",
        "Basis: contract amounts brought to one year, buyer by buyer (never the group's total): an approximation without a ledger (--ledger), art. D. 2111-3 counting the spend of the calendar year.",
    ),
    "clauses-spaser-basis-no-refs": (
        "Base : montants des marchés ramenés à l'année, acheteur par acheteur (jamais le total du groupe) : approximation, car aucune ligne du grand livre ne porte de n° de marché.",
        "Basis: contract amounts brought to one year, buyer by buyer (never the group's total): an approximation, as no ledger line carries a contract number.",
    ),
    "contract-no-consideration-columns": (
        "le fichier n'a pas de colonne de considérations sociales ni environnementales : ses {count} marché(s) sont comptés « sans considération ».",
        "the file has no social or environmental considerations column: its {count} contract(s) are counted as 'no consideration'.",
    ),
    "contract-amount-unreadable": (
        "marché {record} : {field} illisible « {value} » ; le marché est gardé sans montant.",
        "contract {record}: unreadable {field} '{value}'; the contract is kept without an amount.",
    ),
    "contract-value-unreadable": (
        "marché {record} : {field} illisible « {value} » ; laissée vide.",
        "contract {record}: unreadable {field} '{value}'; left empty.",
    ),
    "contract-rows-skipped": (
        "{count} ligne(s) sans n° de marché ni objet ignorée(s) : ce ne sont pas des marchés.",
        "{count} row(s) with neither contract number nor object skipped: they are not contracts.",
    ),
    "contract-issues-truncated": (
        "{count} autre(s) signalement(s) « {issue_code} » non détaillé(s).",
        "{count} more '{issue_code}' issue(s) not listed.",
    ),
    "decp-record-refused": (
        "enregistrement {record} refusé : {reason}.",
        "record {record} refused: {reason}.",
    ),
    "decp-extra-property": (
        "marché {record} : propriété « {property} » non prévue par le schéma DECP 2.0.3 (ignorée).",
        "contract {record}: property '{property}' not allowed by the DECP 2.0.3 schema (ignored).",
    ),
    "decp-required-missing": (
        "marché {record} : champ(s) obligatoire(s) absent(s) ou vide(s) : {fields}.",
        "contract {record}: required field(s) missing or empty: {fields}.",
    ),
    "decp-value-not-allowed": (
        "marché {record} : « {field} » vaut « {value} », valeur hors de la liste du schéma DECP 2.0.3.",
        "contract {record}: '{field}' is '{value}', a value outside the DECP 2.0.3 schema list.",
    ),
    "decp-id-invalid": (
        "marché {record} : « {field} » = « {value} » n'est pas un identifiant valide (texte de 1 à 16 caractères).",
        "contract {record}: '{field}' = '{value}' is not a valid identifier (text of 1 to 16 characters).",
    ),
    "decp-cpv-invalid": (
        "marché {record} : code CPV « {value} » mal formé (8 chiffres attendus).",
        "contract {record}: malformed CPV code '{value}' (8 digits expected).",
    ),
    "decp-siret-spaces": (
        "marché {record} : SIRET « {value} » ({field}) écrit avec des espaces, lu {normalised}.",
        "contract {record}: SIRET '{value}' ({field}) written with spaces, read as {normalised}.",
    ),
    "decp-siret-invalid": (
        "marché {record} : SIRET de l'acheteur « {value} » ({field}) invalide (14 chiffres attendus).",
        "contract {record}: invalid buyer SIRET '{value}' ({field}) (14 digits expected).",
    ),
    "decp-field-shape": (
        "marché {record} : « {field} » n'a pas la forme du schéma ({expected}) ; valeurs lues quand même.",
        "contract {record}: '{field}' does not have the schema shape ({expected}); values read anyway.",
    ),
    "decp-duplicate-conflict": (
        "{count} clé(s) {key} portées par des lignes aux montants ou dates différents (identifiants réutilisés ?) : seule la première ligne est retenue. Exemples : {examples}.",
        "{count} {key} key(s) carried by rows with different amounts or dates (reused identifiers?): only the first row is kept. Examples: {examples}.",
    ),
}
