"""User-facing message templates, French first, English on request (``--lang en``).

Templates use ``str.format`` named fields. Every error code and issue code of the library has
an entry here; ``tests/test_messages.py`` checks it.

Parameters are data (raw numbers, codes, ISO dates, lists of records); a field's format spec says
how the language shows it (:func:`achats_durables.i18n.formatting.format_value`): ``{amount:eur}``,
``{share:pct}``, ``{emissions:n1}``, ``{price:g}``, ``{day:date}``, ``{years:years}``, and
``{items:list:CODE}`` (each record rendered with the template ``CODE``, joined by ``, `` or by
the text after a second colon: ``{items:list:CODE:; }``), ``{account:or:CODE}`` (the value, or
the template ``CODE`` when it is empty), ``{rate:opt:CODE:name}`` (nothing when the value is
``None``, else the template ``CODE`` with the value as ``name``), ``{basis:term}`` (a data term of the tool, e.g. a VAT
basis, translated by the template ``term:VALUE`` when there is one).
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from achats_durables.i18n.formatting import format_value
from achats_durables.i18n.message_parts import PARTS

# code: (fr, en)
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
    "explain-step-euro-year-same": (
        "Exercice {year} : le ratio en euros {euro_year} s'applique directement.",
        "Fiscal year {year}: the ratio in euros of {euro_year} applies directly.",
    ),
    "explain-step-monetary-emissions": (
        "Émissions = {converted_eur} ÷ 1 000 × {monetary_factor} kgCO2e/k€ HT = {emissions_kgco2e} kgCO2e ({emissions_tco2e} tCO2e), incertitude ± {uncertainty}.",
        "Emissions = {converted_eur} ÷ 1,000 × {monetary_factor} kgCO2e/k€ excl. VAT = {emissions_kgco2e} kgCO2e ({emissions_tco2e} tCO2e), uncertainty ± {uncertainty}.",
    ),
    "explain-step-post": ("Poste BEGES {post}.", "BEGES post {post}."),
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
    "expect-duplicate-id": (
        "identifiant {found} en double",
        "duplicate identifier {found}",
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
        "format « {fmt} » inconnu pour {path}. Formats : table, xlsx, csv, json.",
        "unknown format '{fmt}' for {path}. Formats: table, xlsx, csv, json.",
    ),
    "internal-error": (
        "erreur interne ({detail}). Relancez avec --debug et transmettez le message aux développeurs.",
        "internal error ({detail}). Rerun with --debug and send the message to the developers.",
    ),
    # the command line: Typer's help frame and usage errors (cli/_localise.py), CLI lines on stderr
    "cli-usage-prefix": ("Utilisation :", "Usage:"),
    "cli-usage-error-title": ("Erreur d'utilisation", "Usage error"),
    "cli-usage-try-help": ("Essayez « {command} » pour l'aide.", "Try '{command}' for help."),
    "cli-aborted": ("Interrompu.", "Aborted."),
    "cli-help-arguments": ("Arguments", "Arguments"),
    "cli-help-options": ("Options", "Options"),
    "cli-help-commands": ("Commandes", "Commands"),
    "cli-help-default": ("[défaut : {value}]", "[default: {value}]"),
    "cli-help-envvar": ("[variable : {value}]", "[env var: {value}]"),
    "cli-help-required": ("[obligatoire]", "[required]"),
    "cli-help-help": ("Afficher cette aide et quitter.", "Show this help and exit."),
    "cli-usage-no-such-option": ("option inconnue : {option}.", "no such option: {option}."),
    "cli-usage-did-you-mean": ("Vouliez-vous dire {choices} ?", "Did you mean {choices}?"),
    "cli-usage-missing-argument": ("argument manquant : {name}.", "missing argument: {name}."),
    "cli-usage-missing-option": (
        "option obligatoire manquante : {name}.",
        "missing required option: {name}.",
    ),
    "cli-usage-invalid": (
        "valeur invalide pour {param} : {detail}",
        "invalid value for {param}: {detail}",
    ),
    "cli-usage-not-a-choice": (
        "« {value} » : choisissez {choices}.",
        "'{value}': choose {choices}.",
    ),
    "cli-usage-not-integer": (
        "« {value} » n'est pas un nombre entier.",
        "'{value}' is not a whole number.",
    ),
    "cli-usage-not-number": ("« {value} » n'est pas un nombre.", "'{value}' is not a number."),
    "cli-usage-too-small": (
        "« {value} » est trop petit : {limit} au minimum.",
        "'{value}' is too small: {limit} at least.",
    ),
    "cli-usage-too-large": (
        "« {value} » est trop grand : {limit} au maximum.",
        "'{value}' is too large: {limit} at most.",
    ),
    "cli-usage-bad-value": ("« {value} » n'est pas accepté.", "'{value}' is not accepted."),
    "cli-usage-no-such-command": ("commande inconnue : {name}.", "no such command: {name}."),
    "cli-usage-extra-arguments": (
        "argument(s) en trop : {args}.",
        "unexpected extra argument(s): {args}.",
    ),
    "cli-usage-option-needs-value": (
        "l'option {option} attend une valeur.",
        "option {option} needs a value.",
    ),
    "cli-usage-option-takes-no-value": (
        "l'option {option} ne prend pas de valeur.",
        "option {option} takes no value.",
    ),
    "cli-usage-missing-command": ("commande manquante.", "missing command."),
    "cli-usage-format-not-written": (
        "achats {command} n'écrit pas de rapport {value} : choisissez {choices}.",
        "achats {command} does not write {value} reports: choose {choices}.",
    ),
    "cli-usage-xlsx-needs-file": (
        "le format xlsx demande un fichier : ajoutez -o rapport.xlsx.",
        "the xlsx format needs a file: add -o rapport.xlsx.",
    ),
    "cli-usage-not-a-date": (
        "« {value} » : indiquez une date JJ/MM/AAAA ou AAAA-MM-JJ.",
        "'{value}': give a date as DD/MM/YYYY or YYYY-MM-DD.",
    ),
    "cli-usage-compare-nothing": (
        "donnez des rapports empreinte.json ou --config achats.yaml.",
        "give empreinte.json reports or --config achats.yaml.",
    ),
    "cli-error": ("Erreur : {message}", "Error: {message}"),
    "cli-interrupted": (
        "Interrompu : aucun rapport n'a été écrit.",
        "Interrupted: no report was written.",
    ),
    "cli-report-written": (
        "Rapport écrit : {path} — {emissions:n1} ± {uncertainty:n1} tCO2e{scope}",
        "Report written: {path} — {emissions:n1} ± {uncertainty:n1} tCO2e{scope}",
    ),
    "cli-scope-years": (
        " (somme des exercices {years})",
        " (sum of fiscal years {years})",
    ),
    "cli-scope-partial": (
        " — total partiel : annuité de l'exercice seule",
        " — partial total: this year's annuity only",
    ),
    "cli-clauses-written": (
        "Rapport écrit : {path} — {contracts} marchés",
        "Report written: {path} — {contracts} contracts",
    ),
    "cli-threshold-exceeded": ("Seuil dépassé : {message}", "Threshold exceeded: {message}"),
    "cli-strict-failed": (
        "--strict : {count} alerte(s), par exemple : {message}",
        "--strict: {count} warning(s), for example: {message}",
    ),
    "cli-created": ("créé : {path}", "created: {path}"),
    "cli-init-next": (
        "Remplissez les modèles, puis lancez : achats run --config {config}",
        "Fill in the templates, then run: achats run --config {config}",
    ),
    "cli-run-written": (
        "{count} fichier(s) écrit(s) dans {folder} ; journal : {log}",
        "{count} file(s) written in {folder}; log: {log}",
    ),
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
        "{count} autre(s) signalement(s) « {code} » non détaillé(s).",
        "{count} more '{code}' issue(s) not listed.",
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
TEMPLATES.update(PARTS)


@dataclass(frozen=True, init=False)
class Text:
    """A message part rendered in the language of the message that holds it (a field name, a
    piece of advice): give it as a parameter of an error or issue."""

    code: str
    params: dict[str, object]

    def __init__(self, code: str, **params: object) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", params)

    def render(self, lang: str = "fr") -> str:
        return render(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.render("fr")


def render(code: str, lang: str = "fr", **params: object) -> str:
    """Render the template ``code`` in ``lang`` with ``params``; unknown codes show the code.

    A :class:`Text` parameter is rendered first, in the same language.
    """
    params = {k: v.render(lang) if isinstance(v, Text) else v for k, v in params.items()}
    pair = TEMPLATES.get(code)
    if pair is None:
        detail = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{code} ({detail})" if detail else code
    template = pair[1] if lang == "en" else pair[0]
    try:
        return _Formatter(lang).vformat(template, (), params)
    except (KeyError, IndexError, ValueError, TypeError):
        return template


def beges_post_title(post: str, lang: str = "fr") -> str:
    """The title of a BEGES v5 post (« 4.1 » → « Achats de biens » / "Purchased goods")."""
    code = f"beges-post-{post}"
    return render(code if code in TEMPLATES else "beges-post-other", lang, post=post)


def term(value: str, lang: str = "fr") -> str:
    """A data term of the tool (a VAT basis, a status label) in ``lang``: the template
    ``term:VALUE`` when there is one, else the value itself."""
    return render(f"term:{value}", lang) if f"term:{value}" in TEMPLATES else value


class _Formatter(string.Formatter):
    """``str.format`` with the format specs of the module docstring, in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        kind, _, rest = format_spec.partition(":")
        if kind == "list" and rest:
            sub, _, sep = rest.partition(":")
            items = value if isinstance(value, Sequence) and not isinstance(value, str) else []
            return (sep or ", ").join(
                render(sub, self.lang, **item) if isinstance(item, Mapping) else str(item)
                for item in items
            )
        if kind == "opt" and rest:  # {value:opt:CODE:name}: CODE with name=value, or nothing
            sub, _, name = rest.partition(":")
            return "" if value is None else render(sub, self.lang, **{name or "value": value})
        if kind == "or" and rest:
            return str(value) if value not in (None, "") else render(rest, self.lang)
        if kind == "term":
            return term(str(value), self.lang)
        formatted = format_value(value, format_spec, self.lang) if format_spec else None
        if formatted is not None:
            return formatted
        return str(super().format_field(value, format_spec))


def has(code: str) -> bool:
    return code in TEMPLATES
