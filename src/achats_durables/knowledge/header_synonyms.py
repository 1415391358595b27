"""Column titles of purchase ledgers and contract registers, as French software writes them.

Titles are written as the software writes them; they are compared after
:func:`parsing.header_key` (accents, case, punctuation, « de/du/la… », « (en €) » dropped), so
« Date de mandatement », « DATE MANDATEMENT » and « date_mandatement » are one title. Within a
field the titles are listed best first: when a file has two columns for one field, the earlier
title is read and the other is reported as recognised but unused.

Where the titles come from (documented exports, not one file):

* DGFiP PES V2 dépense aller, XSD v4.7.1 (``../shared/reference/pes``): element names and their
  documentation: ``Nature`` « Compte par nature », ``Fonction`` « Compte fonction », ``LibVir1``
  « Libellé du virement », ``MtHT`` « Montant HT », ``MtTVA`` « Montant TVA », ``MtFactHT``
  « Montant HT de la facture », ``Facture`` « N° de facture », ``IdMarche`` « Numéro de marché »,
  ``Exer``, ``IdBord``/``DteBordEm`` (n° and date d'émission du bordereau), ``IdPce``, ``Obj``,
  ``IdTiers``/``Nom`` of the Tiers block. Flat extracts of Hélios flows keep these names.
* SCDL « Budget » schema 0.8.3 (datagouv/schema.data.gouv.fr ``site/scdl/budget``): ``BGT_NATURE``,
  ``BGT_FONCTION``, ``BGT_CONTNAT_LABEL``, ``BGT_SECTION``, ``BGT_CODRD``, ``BGT_MTREAL``…
* Open-data exports of executed budgets and mandates from Astre GF, Coriolis and Grand Angle
  sites, data dictionaries read on the portals: Toulouse Métropole (``entite_financiere``,
  ``nomenclature_comptable``, ``nature_comptable``, ``code_article``, ``fonction``,
  ``type_de_mouvements``, ``mt_depenses``, ``montant_realise``, ``depenses_recettes``,
  ``investissement_fonctionnement``), CA de La Rochelle (« Code nature », « Code fonction »,
  « Sens », « Type mouvement », « Budget »), Ville d'Angers (« Numéro article », « Numéro
  fonction », « Entité financière »).
* DGFiP balances comptables (``exer``, ``compte``, ``obnetdeb``: read by their own reader).
* Ciril GF / Civil Net Finances, Berger-Levrault e.magnus and BL.GF, Sedit Marianne, Coriolis,
  Astre GF « états » (liste des mandats, état des mandats émis/payés, grand livre): their column
  lists are configured per site and not published (``../shared/reference/ledgers/README.md``);
  the usual titles of their mandate lists (« Date de mandatement », « Date de paiement »,
  « Montant mandaté TTC », « Montant liquidé », « Libellé mandat », « Imputation », « Tiers »,
  « Code fonction »…) are included and marked *usual* below: they are not verified against a
  published file.
* ``reuse`` and ``recycled`` (AGEC art. 58, décret 2024-134: spend on goods from reuse or
  re-use, and on goods integrating recycled material) are **the tool's proposal**: no export
  software writes these columns. A collectivité adds one to its extract (« Réemploi »,
  « Matières recyclées »), holding oui/non, a share (30 % or 0,3) or an amount HT in euros per
  line (:mod:`achats_durables.ledger.circular`). The titles below are the ones a buyer would
  write; other titles whose words say réemploi / réutilisation or recyclé(e)s are read too
  (:data:`REUSE_WORDS`, :data:`RECYCLED_WORDS`).
"""

from __future__ import annotations

# Ledger: canonical field → titles, best first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "amount_excl_vat": (
        "Montant HT",
        "Mt HT",
        "HT",
        "Montant hors taxes",
        "Montant hors taxe",
        "Montant hors TVA",
        "Total HT",
        "Base HT",
        "Montant net HT",
        "Montant mandaté HT",  # usual
        "Montant HT mandaté",  # usual
        "Montant liquidé HT",  # usual
        "Montant payé HT",  # usual
        "Montant réglé HT",  # usual
        "Montant exécuté HT",  # usual
        "Montant réalisé HT",  # usual
        "Montant facturé HT",  # usual
        "Montant HT de la facture",  # PES MtFactHT
        "Montant ligne HT",
        "MtHT",  # PES
        "Total hors taxes",
        "amount excl vat",
        "amount_excl_vat",
    ),
    "amount_incl_vat": (
        "Montant TTC",
        "Mt TTC",
        "TTC",
        "Montant toutes taxes comprises",
        "Total TTC",
        "Montant mandaté TTC",  # usual
        "Montant TTC mandaté",  # usual
        "Montant liquidé TTC",  # usual
        "Montant payé TTC",  # usual
        "Montant réglé TTC",  # usual
        "Montant exécuté TTC",  # usual
        "Montant réalisé TTC",  # usual
        "Montant facturé TTC",  # usual
        "Net à payer",
        "Montant net à payer",
        "MtTTC",
        # amounts that do not say HT or TTC (read TTC, or HT on M4x budgets: vat_basis)
        "Montant",
        "Montant mandaté",  # usual
        "Mt mandaté",  # usual
        "Montant du mandat",  # usual
        "Montant mandat",  # usual
        "Montant liquidé",  # usual
        "Mt liquidé",  # usual
        "Montant payé",
        "Mt payé",
        "Montant réglé",
        "Montant exécuté",  # usual
        "Mt exécuté",  # usual
        "Montant réalisé",  # Toulouse Métropole montant_realise
        "Mt réalisé",
        "Réalisé",
        "Réalisations",
        "MtReal",  # TOTEM
        "BGT_MTREAL",  # SCDL
        "Mt dépenses",  # Toulouse Métropole mt_depenses
        "Montant dépenses",
        "Montant dépense",
        "Dépenses",
        "Montant ligne",
        "Montant net",
        "Mt",
        "amount incl vat",
        "amount_incl_vat",
        "amount",
    ),
    "vat_rate": (
        "Taux TVA",
        "Taux de TVA",
        "Taux TVA %",
        "TVA %",
        "% TVA",
        "Tx TVA",
        "Taux",
        "Taux taxe",
        "vat rate",
        "vat_rate",
    ),
    "vat_amount": (
        "Montant TVA",
        "Mt TVA",
        "TVA",
        "MtTVA",  # PES
        "Montant de la taxe",
        "Montant taxe",
        "Total TVA",
        "Montant TVA mandaté",  # usual
        "TVA mandatée",  # usual
        "TVA déductible",
        "TVA récupérable",
        "Montant TVA déductible",
        "Montant TVA récupérable",
        "TVA facturée",
        "vat amount",
        "vat_amount",
    ),
    "account": (
        "Nature",
        "Compte",
        "Compte nature",
        "Compte par nature",  # PES Nature
        "Nature comptable",  # Toulouse Métropole
        "Code nature",  # La Rochelle
        "N° nature",
        "Article",
        "Code article",  # Toulouse Métropole
        "Numéro article",  # Angers
        "Imputation",
        "Imputation budgétaire",
        "Imputation comptable",
        "Compte budgétaire",
        "Compte imputation",
        "Compte d'imputation",
        "N° compte",
        "Compte comptable",
        "Compte général",
        "Cpte",
        "BGT_NATURE",  # SCDL (TOTEM « Nature », through totem2csv)
        "account",
    ),
    "cpv": ("Code CPV", "CPV", "Code CPV principal", "CPV principal", "cpv code"),
    "label": (
        "Libellé",
        "Objet",
        "Désignation",
        "Libellé mandat",  # usual
        "Libellé du mandat",  # usual
        "Libellé ligne",
        "Libellé de la ligne",
        "Objet dépense",
        "Objet de la dépense",
        "Intitulé",
        "Libellé facture",
        "Objet mandat",
        "Objet du mandat",
        "Objet de la pièce",
        "Libellé pièce",
        "Libellé engagement",  # usual
        "Objet engagement",  # usual
        "Libellé écriture",
        "Libellé opération",
        "Libellé du virement",  # PES LibVir1
        "Libellé virement",
        "LibVir1",
        "Description",
        "BGT_NATURE_LABEL",  # SCDL
        "label",
    ),
    "supplier": (
        "Tiers",
        "Fournisseur",
        "Raison sociale",
        "Nom tiers",
        "Nom du tiers",
        "Bénéficiaire",
        "Nom bénéficiaire",
        "Créancier",
        "Nom créancier",
        "Titulaire",
        "Nom fournisseur",
        "Libellé tiers",
        "Raison sociale tiers",
        "Raison sociale fournisseur",
        "Dénomination",
        "Dénomination tiers",
        "Prestataire",
        "supplier",
    ),
    "supplier_siret": (
        "SIRET",
        "SIREN",
        "N° SIRET",
        "Code SIRET",
        "SIRET fournisseur",
        "SIRET tiers",
        "SIREN fournisseur",
        "SIREN tiers",
        "SIRET titulaire",
        "SIRET bénéficiaire",
        "SIRET créancier",
        "IdTiers",  # PES, with NatIdTiers 01/02
        "supplier siret",
        "supplier_siret",
    ),
    "entity": (
        "Collectivité",
        "Entité",
        "Budget",
        "Organisme",
        "Établissement",
        "Libellé budget",
        "Nom budget",
        "Entité acheteuse",
        "Entité financière",  # Toulouse Métropole, Angers
        "Acheteur",
        "LibelleColBud",  # PES EnTetePES
        "BGT_NOM",  # SCDL
        "entity",
    ),
    # Payment and mandate dates first: they decide the exercice; the invoice date comes after.
    "date": (
        "Date de paiement",
        "Date paiement",
        "Date de règlement",
        "Date règlement",
        "Date de mandatement",  # usual
        "Date mandatement",
        "Date mandat",
        "Date du mandat",
        "Date d'émission du mandat",
        "Date émission mandat",
        "Date d'émission",
        "Date émission",
        "Date d'émission du bordereau",  # PES DteBordEm
        "Date bordereau",
        "Date du bordereau",
        "DteBordEm",
        "Date de prise en charge",
        "Date prise en charge",
        "Date PEC",
        "Date comptable",
        "Date écriture",
        "Date",
        "Date liquidation",
        "Date de liquidation",
        "Date facture",
        "Date de la facture",
        "Date pièce",
        "Date service fait",
        "Date réception facture",
    ),
    "year": (
        "Exercice",
        "Année",
        "Année budgétaire",
        "Exercice budgétaire",
        "Exercice comptable",
        "Année exercice",
        "Exer",  # PES, balances
        "Millésime",
        "BGT_ANNEE",
        "year",
    ),
    "contract_ref": (
        "N° marché",
        "Marché",
        "N° contrat",
        "Référence marché",
        "Contrat",
        "Ref marché",
        "Code marché",
        "IdMarche",  # PES LiensIdent
        "N° engagement juridique",
        "Référence contrat",
        "N° accord-cadre",
        "contract ref",
        "contract_ref",
    ),
    "quantity": ("Quantité", "Qté", "Quantité facturée", "Qté facturée", "quantity"),
    "unit": ("Unité", "Unité de mesure", "unit"),
    "function": (
        "Fonction",
        "Code fonction",
        "Compte fonction",  # PES Fonction
        "N° fonction",
        "Numéro fonction",  # Angers
        "Fonction comptable",
        "Sous-fonction",
        "Code fonctionnel",
        "Rubrique fonctionnelle",
        "Ventilation fonctionnelle",
        "Fonct",
        "BGT_FONCTION",
        "function",
    ),
    "document": (
        "N° mandat",
        "Mandat",
        "N° pièce",
        "N° facture",
        "N° bordereau",
        "IdPce",  # PES
        "Référence facture",
        "N° liquidation",
        "document",
    ),
    "debit": ("Débit", "Montant débit", "Mt débit", "Débit TTC", "Mouvement débit"),
    "credit": ("Crédit", "Montant crédit", "Mt crédit", "Crédit TTC", "Mouvement crédit"),
    "entity_id": (
        "SIRET collectivité",
        "SIREN collectivité",
        "SIRET budget",
        "SIREN entité",
        "SIRET entité",
        "ident",
        "SIREN acheteur",
        "SIRET acheteur",
        "IdColl",  # PES EnTetePES
        "BGT_SIRET",
    ),
    "direction": (
        "Sens",
        "D/R",
        "Dép/Rec",
        "Dépense/Recette",
        "Dépenses recettes",  # Toulouse Métropole depenses_recettes
        "CodRD",
        "Cod RD",
        "BGT_CODRD",
        "Nature mouvement",
        "direction",
    ),
    # réel / ordre (TOTEM OpBudg): opérations d'ordre are accounting entries, not purchases.
    # « Type mouvement » holds réel / ordre in Toulouse Métropole's and La Rochelle's exports
    # (their expense / receipt column is « depenses_recettes » / « Sens »).
    "operation_kind": (
        "Type mouvement",
        "Type de mouvements",
        "Mouvements",
        "Mouvement",
        "Réel/Ordre",
        "OpBudg",
        "BGT_OPBUDG",
    ),
    "section": (
        "Section",
        "I/F",
        "Section budgétaire",
        "Investissement fonctionnement",  # Toulouse Métropole
        "BGT_SECTION",
    ),
    "nomenclature": (
        "Nomenclature",
        "Instruction budgétaire",
        "Norme",
        "Nomen",
        "Nomenclature comptable",  # Toulouse Métropole
        "Instruction comptable",
    ),
    # AGEC art. 58: the tool's proposal (module doc), not titles of an export software.
    "reuse": (
        "Réemploi",
        "Réemploi / réutilisation",
        "Réemploi et réutilisation",
        "Réemploi ou réutilisation",
        "Issu du réemploi",
        "Issu du réemploi ou de la réutilisation",
        "Bien issu du réemploi",
        "Biens issus du réemploi",
        "Part réemploi",
        "Part de réemploi",
        "Part réemploi (%)",
        "Part issue du réemploi",
        "Montant réemploi",
        "Montant réemploi HT",
        "Montant issu du réemploi",
        "Réutilisation",
        "Seconde main",
        "Achat d'occasion",
        "Occasion",
        "reuse",
    ),
    "recycled": (
        "Matières recyclées",
        "Matières recyclées (part)",
        "Part de matières recyclées",
        "Part matières recyclées",
        "Part recyclée",
        "Part recyclée (%)",
        "Taux de matières recyclées",
        "Intègre des matières recyclées",
        "Intégrant des matières recyclées",
        "Contient des matières recyclées",
        "Matière recyclée",
        "Recyclé",
        "Contenu recyclé",
        "Montant recyclé",
        "Montant recyclé HT",
        "Montant matières recyclées",
        "recycled",
    ),
}

# Words of a title that say reuse or recycled material (AGEC art. 58): such a title is read as
# that field whatever its other words (« Montant TTC réemploi » is not the line's amount).
REUSE_WORDS = frozenset({"reemploi", "reemploye", "reemployes", "reutilisation", "reutilise"})
RECYCLED_WORDS = frozenset({"recycle", "recyclee", "recycles", "recyclees"})

# Words of a column title that mark an amount of spending (for the title patterns below).
AMOUNT_WORDS = frozenset({"montant", "mt", "mnt", "total", "base", "net", "cout", "somme"})
# Words that make an amount something else than spending read: forecasts, commitments, balances,
# unit prices, rates, counts.
NOT_SPENT_WORDS = frozenset(
    {
        "prevu",
        "prevus",
        "prevision",
        "previsionnel",
        "budget",
        "budgete",
        "vote",
        "credits",
        "credit",
        "ouverts",
        "engage",
        "engagement",
        "reste",
        "rar",
        "disponible",
        "solde",
        "cumul",
        "cumule",
        "unitaire",
        "pu",
        "taux",
        "tx",
        "%",
        "nombre",
        "nb",
        "quantite",
    }
)
