"""Message templates: ``achats agec`` (AGEC art. 58): the engine's errors, the report's issues,
the checks of a declaration's rows."""

TEMPLATES: dict[str, tuple[str, str]] = {
    "agec-rule-duplicate": (
        "la règle de catégorie AGEC « {rule} » est définie deux fois (aussi dans {other}). Donnez-lui un identifiant unique (id:).",
        "AGEC category rule '{rule}' is defined twice (also in {other}). Give it a unique id (id:).",
    ),
    "agec-year-ambiguous": (
        "la déclaration AGEC porte sur une année civile, et ces grands livres en couvrent plusieurs ({years}). Précisez l'année : --year 2025.",
        "the AGEC declaration covers one calendar year, and these ledgers cover several ({years}). Give the year: --year 2025.",
    ),
    "agec-gift-entity-missing": (
        "achats.yaml, agec: gifts : le don de la catégorie « {category} » ne dit pas quelle entité l'a reçu, et le grand livre en compte plusieurs. Ajoutez entity: \"Ville de Blois\" (le nom de l'entité dans le grand livre).",
        "achats.yaml, agec: gifts: the gift of category '{category}' does not say which entity received it, and the ledger has several. Add entity: \"Ville de Blois\" (the entity's name in the ledger).",
    ),
    "agec-above-total": (
        "{entity}, catégorie « {category} » : le montant {kind} ({amount:eur}) dépasse le montant total de la catégorie ({total:eur}). Un avoir réduit le total sans porter le signal : indiquez « Réemploi » ou « Matières recyclées » aussi sur l'avoir (ou retirez le signal de la facture annulée).",
        "{entity}, category '{category}': the {kind} amount ({amount:eur}) is above the category's total ({total:eur}). A credit note lowers the total without carrying the signal: flag the credit note too (or remove the signal from the cancelled invoice).",
    ),
    "agec-kind-reuse": ("réemploi et réutilisation", "reuse and re-use"),
    "agec-kind-recycled": ("matières recyclées", "recycled material"),
    "agec-siret-missing": (
        '{entity} : SIRET de l\'acheteur inconnu ; la déclaration officielle l\'exige (14 chiffres). Ajoutez-le dans achats.yaml :\n  entities:\n    - {{name: "{entity}", siren: "{siren}", siret: "…14 chiffres…"}}',
        '{entity}: the buyer\'s SIRET is unknown; the official declaration requires it (14 digits). Add it in achats.yaml:\n  entities:\n    - {{name: "{entity}", siren: "{siren}", siret: "…14 digits…"}}',
    ),
    "agec-siret-missing-csv": (
        "la déclaration officielle ne peut pas être écrite : {entities} sans SIRET d'acheteur. Ajoutez-le dans achats.yaml (entities: - {{name: …, siret: \"…14 chiffres…\"}}) ; rien n'a été écrit.",
        'the official declaration cannot be written: {entities} without a buyer SIRET. Add it in achats.yaml (entities: - {{name: …, siret: "…14 digits…"}}); nothing was written.',
    ),
    "agec-unclassified-flagged": (
        '{lines} ligne(s) signalées réemploi ou matières recyclées ({amount:eur} HT) n\'ont pas de catégorie AGEC : elles ne peuvent pas être déclarées. Ajoutez une règle de catégorie (agec: rules: dans achats.yaml), par exemple :\n  - id: local-2188-bancs\n    when: {{account: "2188", label: "banc"}}\n    category: "Mobilier urbain"',
        '{lines} line(s) flagged reuse or recycled material ({amount:eur} excl. VAT) have no AGEC category: they cannot be declared. Add a category rule (agec: rules: in achats.yaml), for example:\n  - id: local-2188-benches\n    when: {{account: "2188", label: "banc"}}\n    category: "Mobilier urbain"',
    ),
    "agec-label-signals": (
        "{lines} ligne(s) ({amount:eur} HT) disent réemploi ou recyclé dans leur libellé seulement (« reconditionné », « recyclé »…) : signal faible, montré à part et non compté. Confirmez-les par la colonne « Réemploi » / « Matières recyclées » du grand livre ou le registre des marchés, ou comptez-les (agec: count_label_signals: true).",
        "{lines} line(s) ({amount:eur} excl. VAT) say reuse or recycled in their label only ('reconditionné', 'recyclé'…): a weak signal, shown apart and not counted. Confirm them with the ledger's 'Réemploi' / 'Matières recyclées' column or the contract register, or count them (agec: count_label_signals: true).",
    ),
    "agec-label-signals-counted": (
        "{lines} ligne(s) ({amount:eur} HT) sont comptées en réemploi ou recyclé sur leur seul libellé (agec: count_label_signals: true) : gardez les pièces qui le prouvent.",
        "{lines} line(s) ({amount:eur} excl. VAT) are counted as reuse or recycled on their label alone (agec: count_label_signals: true): keep the documents that prove it.",
    ),
    "agec-targets-missing": (
        '{count} catégorie(s) achetées n\'ont pas de cible connue pour {year} : cible non renseignée, à compléter dans achats.yaml (agec: targets: - {{category: "…", year: 2024, reuse: 0.05, recycled: 0.20, source: "annexe du décret 2024-134"}}).',
        '{count} category(ies) bought have no known target for {year}: target not given, to be completed in achats.yaml (agec: targets: - {{category: "…", year: 2024, reuse: 0.05, recycled: 0.20, source: "annexe du décret 2024-134"}}).',
    ),
    "agec-rows-rejected": (
        "{count} ligne(s) du grand livre n'ont pas pu être lues (montant illisible ou manquant…) : elles ne comptent dans aucune catégorie. Le détail : achats validate GRAND-LIVRE.",
        "{count} ledger row(s) could not be read (unreadable or missing amount…): they count in no category. The detail: achats validate LEDGER.",
    ),
    "agec-negative-total": (
        "{entity}, catégorie « {category} » : solde négatif ({amount:eur} HT), des avoirs d'achats antérieurs dépassent les achats de l'année ; la déclaration porte 0 pour cette catégorie, avec un commentaire. Vérifiez l'année des avoirs.",
        "{entity}, category '{category}': negative balance ({amount:eur} excl. VAT), credit notes of earlier purchases exceed the year's purchases; the declaration gives 0 for this category, with a comment. Check the credit notes' year.",
    ),
    "agec-unclassified-goods": (
        "{lines} ligne(s) de biens ({amount:eur} HT) ne relèvent d'aucune des 17 catégories (comptes les plus lourds : {accounts}). C'est normal pour les travaux et les biens hors décret (bâtiments, voirie, énergie, alimentation, livres…) ; sinon, ajoutez une règle (agec: rules:).",
        "{lines} goods line(s) ({amount:eur} excl. VAT) fall in none of the 17 categories (heaviest accounts: {accounts}). That is expected for works and goods outside the decree (buildings, roads, energy, food, books…); otherwise add a rule (agec: rules:).",
    ),
    "agec-gift-other-entity": (
        "achats.yaml, agec: gifts : le don de la catégorie « {category} » est attribué à « {entity} », absente du grand livre : il est déclaré pour elle seule.",
        "achats.yaml, agec: gifts: the gift of category '{category}' goes to '{entity}', absent from the ledger: it is declared for it alone.",
    ),
    # checks of a declaration's rows (achats agec --check, and every file the tool writes)
    "agec-row-missing": (
        "colonne « {field} » absente ou vide : le schéma officiel l'exige.",
        "column '{field}' absent or empty: the official schema requires it.",
    ),
    "agec-row-category": (
        "« {value} » n'est pas une catégorie du schéma officiel (proches : {close}). Écrivez le libellé exact (liste : achats agec --categories).",
        "'{value}' is not a category of the official schema (close: {close}). Write the exact label (list: achats agec --categories).",
    ),
    "agec-row-siret": (
        "SIRET « {value} » : 14 chiffres sont attendus, sans espace ni point.",
        "SIRET '{value}': 14 digits are expected, without spaces or dots.",
    ),
    "agec-row-siret-checksum": (
        "SIRET « {value} » invalide : sa clé de contrôle ne correspond pas (vérifiez-le sur annuaire-entreprises.data.gouv.fr).",
        "SIRET '{value}' is invalid: its check digit does not match (check it on annuaire-entreprises.data.gouv.fr).",
    ),
    "agec-row-extra-column": (
        "colonne en trop : {value} (le schéma officiel ne la connaît pas).",
        "extra column: {value} (the official schema does not know it).",
    ),
    "agec-row-type": (
        "« {value} » : valeur du mauvais type pour la colonne « {field} » (une année, un nombre ou un texte selon le schéma).",
        "'{value}': value of the wrong type for column '{field}' (a year, a number or a text per the schema).",
    ),
    "agec-row-negative": (
        "montant négatif ({value:eur}) : un montant déclaré est positif ou nul.",
        "negative amount ({value:eur}): a declared amount is positive or zero.",
    ),
    "agec-row-above-total": (
        "montant {value:eur} supérieur au montant total de la catégorie ({total:eur}).",
        "amount {value:eur} above the category's total ({total:eur}).",
    ),
    "agec-row-gifts-above-reuse": (
        "montant des dons ({value:eur}) supérieur au montant réemploi et réutilisation ({reuse:eur}), qui les comprend.",
        "gifts amount ({value:eur}) above the reuse and re-use amount ({reuse:eur}), which includes them.",
    ),
    "agec-declaration-invalid": (
        "la déclaration AGEC produite ne respecte pas le schéma officiel ({count} problème(s) ; le premier : {first}) ; rien n'a été écrit. C'est une erreur de l'outil : signalez-la avec --debug.",
        "the AGEC declaration produced does not follow the official schema ({count} problem(s); the first: {first}); nothing was written. This is a defect of the tool: report it with --debug.",
    ),
    "agec-check-header": (
        "aucune ligne d'en-tête de déclaration AGEC trouvée (colonnes attendues : {fields}). Lu : {seen}.",
        "no AGEC declaration header row found (columns expected: {fields}). Found: {seen}.",
    ),
    "agec-no-ledger": (
        "aucun grand livre : donnez-en un (achats agec grand-livre-2025.xlsx) ou l'année d'achats.yaml qui les liste (--config achats.yaml --year 2025).",
        "no ledger: give one (achats agec grand-livre-2025.xlsx) or the year of achats.yaml that lists them (--config achats.yaml --year 2025).",
    ),
    "cli-agec-written": (
        "Rapport AGEC écrit : {path} — {year}, {buyers} acheteur(s), {spend:eur} HT dans les 17 catégories",
        "AGEC report written: {path} — {year}, {buyers} buyer(s), {spend:eur} excl. VAT in the 17 categories",
    ),
    "agec-check-ok": (
        "Déclaration conforme au schéma officiel : {path} ({rows} ligne(s)).",
        "Declaration valid against the official schema: {path} ({rows} row(s)).",
    ),
    "agec-check-more": (
        "… et {count} autre(s) problème(s).",
        "… and {count} other problem(s).",
    ),
    "agec-check-invalid": (
        "{count} problème(s) dans la déclaration ; le premier : {first}",
        "{count} problem(s) in the declaration; the first: {first}",
    ),
}
