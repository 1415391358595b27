"""Message parts: the records of list parameters, the tool's data terms, BEGES titles, methods.

Merged into :data:`achats_durables.i18n.messages.TEMPLATES`; same shape, ``code: (fr, en)``.
"""

from __future__ import annotations

PARTS: dict[str, tuple[str, str]] = {
    # notes of the contracts read
    "contract-filter-dropped": (
        "{count} marché(s) écarté(s) par le filtre {filter}",
        "{count} contract(s) left out by the filter {filter}",
    ),
    "contract-filter-option": ("{option} {value}", "{option} {value}"),
    "contract-filter-entity": ("--entity « {value} »", "--entity '{value}'"),
    # the suggested action of a clause priority
    "clauses-action-renew": (
        "ajouter une clause environnementale et un critère carbone au renouvellement du marché {contract_ref}{when}",
        "add an environmental clause and a carbon criterion when contract {contract_ref} is renewed{when}",
    ),
    "clauses-action-due": (" (échéance {end_date:date})", " (ends {end_date:date})"),
    "clauses-action-expired": (
        " (échu le {end_date:date} : agir sur le marché qui lui succède)",
        " (ended {end_date:date}: act on the contract that follows it)",
    ),
    "clauses-action-others": (
        "puis aux {count} autre(s) marché(s) de la catégorie",
        "then to the {count} other contract(s) of the category",
    ),
    "clauses-action-outside": (
        "regrouper les achats hors marché ({emissions:n1} tCO2e) dans un marché comportant un critère environnemental",
        "group the purchases outside contracts ({emissions:n1} tCO2e) into a contract with an environmental criterion",
    ),
    "clauses-action-examine": (
        "examiner les achats de la catégorie « {label} »",
        "review the purchases of the category '{label}'",
    ),
    "clauses-action-separator": (" ; ", "; "),
    # parts of issue messages: one record of a list parameter ({items:list:CODE})
    "account-amount": (
        "{account:or:no-account} ({amount:eur})",
        "{account:or:no-account} ({amount:eur})",
    ),
    "no-account": ("(sans compte)", "(no account)"),
    "source-unknown": ("non précisée", "not given"),
    "energy-price": ("{carrier} {price:g} €", "{carrier} €{price:g}"),
    "physical-part": (
        "{factor} : {quantity:n2} {unit}, {emissions:n1} tCO2e",
        "{factor}: {quantity:n2} {unit}, {emissions:n1} tCO2e",
    ),
    "euro-year-ratio": ("{year} × {ratio:n4}", "{year} × {ratio:n4}"),
    "vat-part": (
        "{basis:term}{vat_rate:opt:vat-rate:rate} : {lines} ligne(s), {amount_incl_vat_eur:eur} TTC → {amount_excl_vat_eur:eur} HT",
        "{basis:term}{vat_rate:opt:vat-rate:rate}: {lines} line(s), {amount_incl_vat_eur:eur} incl. VAT → {amount_excl_vat_eur:eur} excl. VAT",
    ),
    "vat-rate": (", taux {rate:pct}", ", rate {rate:pct}"),
    # data terms of the tool shown in reports (term:VALUE), translated for English
    "term:HT": ("HT", "excl. VAT"),
    "term:TTC − montant de TVA": ("TTC − montant de TVA", "incl. VAT − VAT amount"),
    "term:TTC ÷ (1 + taux de la ligne)": (
        "TTC ÷ (1 + taux de la ligne)",
        "incl. VAT ÷ (1 + the line's rate)",
    ),
    "term:TTC ÷ (1 + taux de la catégorie)": (
        "TTC ÷ (1 + taux de la catégorie)",
        "incl. VAT ÷ (1 + the category's rate)",
    ),
    "term:TTC ÷ (1 + taux par défaut)": (
        "TTC ÷ (1 + taux par défaut)",
        "incl. VAT ÷ (1 + the default rate)",
    ),
    "term:(non précisée)": ("(non précisée)", "(not given)"),
    "term:(non précisé)": ("(non précisé)", "(not given)"),
    "term:(sans compte)": ("(sans compte)", "(no account)"),
    "term:(inconnu)": ("(inconnu)", "(unknown)"),
    "term:(sans CPV)": ("(sans CPV)", "(no CPV)"),
    "term:utilisateur": ("utilisateur", "user"),
    "term:défaut": ("défaut", "default"),
    "term:ligne": ("ligne", "line"),
    "term:registre": ("registre", "register"),
    "term:marché (majorité des lignes)": (
        "marché (majorité des lignes)",
        "contract (most of its lines)",
    ),
    "term:ligne vide": ("ligne vide", "blank row"),
    "term:ligne de total ou de sous-total": (
        "ligne de total ou de sous-total",
        "total or subtotal row",
    ),
    "term:ligne sans montant ni donnée d'achat": (
        "ligne sans montant ni donnée d'achat",
        "row with no amount and no purchase data",
    ),
    "term:recette : ce n'est pas une dépense": (
        "recette : ce n'est pas une dépense",
        "receipt: not an expense",
    ),
    "term:énergie achetée sans quantité : à quantifier (kWh, litres) ou prix dans energy_prices": (
        "énergie achetée sans quantité : à quantifier (kWh, litres) ou prix dans energy_prices",
        "energy bought without a quantity: to quantify (kWh, litres) or prices in energy_prices",
    ),
    "term:Flux interne au groupe (entité listée dans group_sirens) : hors achats": (
        "Flux interne au groupe (entité listée dans group_sirens) : hors achats",
        "Flow inside the group (entity listed in group_sirens): not a purchase",
    ),
    # BEGES v5 post titles (the same French titles as knowledge.beges.POSTS)
    "beges-post-1.1": (
        "Émissions directes des sources fixes de combustion",
        "Direct emissions from stationary combustion sources",
    ),
    "beges-post-1.2": (
        "Émissions directes des sources mobiles de combustion",
        "Direct emissions from mobile combustion sources",
    ),
    "beges-post-2.1": (
        "Émissions indirectes liées à la consommation d'électricité",
        "Indirect emissions from electricity consumption",
    ),
    "beges-post-2.2": (
        "Émissions indirectes liées à la consommation d'énergie autre que l'électricité",
        "Indirect emissions from the consumption of energy other than electricity",
    ),
    "beges-post-3.1": ("Transport de marchandise amont", "Upstream freight transport"),
    "beges-post-3.5": ("Déplacements professionnels", "Business travel"),
    "beges-post-4.1": ("Achats de biens", "Purchased goods"),
    "beges-post-4.2": ("Immobilisations de biens", "Capital goods"),
    "beges-post-4.3": ("Gestion des déchets", "Waste management"),
    "beges-post-4.4": ("Actifs en leasing amont", "Upstream leased assets"),
    "beges-post-4.5": ("Achats de services", "Purchased services"),
    "beges-post-1.3": (
        "Émissions directes des procédés hors énergie",
        "Direct emissions from non-energy processes",
    ),
    "beges-post-1.4": ("Émissions directes fugitives", "Direct fugitive emissions"),
    "beges-post-1.5": (
        "Émissions issues de la biomasse (sols et forêts)",
        "Emissions from biomass (soils and forests)",
    ),
    "beges-post-3.2": ("Transport de marchandise aval", "Downstream freight transport"),
    "beges-post-3.3": ("Déplacements domicile-travail", "Commuting"),
    "beges-post-3.4": (
        "Déplacements des visiteurs et des clients",
        "Travel of visitors and customers",
    ),
    "beges-post-5.1": ("Utilisation des produits vendus", "Use of sold products"),
    "beges-post-5.2": ("Actifs en leasing aval", "Downstream leased assets"),
    "beges-post-5.3": ("Fin de vie des produits vendus", "End of life of sold products"),
    "beges-post-5.4": ("Investissements", "Investments"),
    "beges-post-6.1": ("Autres émissions indirectes", "Other indirect emissions"),
    "beges-not-evaluated": ("non évalué par cet outil", "not evaluated by this tool"),
    "beges-post-other": ("Poste {post}", "Post {post}"),
    # how a counted line's emissions were obtained (the by_method table)
    "method-quantity": (
        "Quantité physique × facteur physique",
        "Physical quantity × physical factor",
    ),
    "method-quantity_estimated": (
        "Quantité estimée d'après le prix (energy_prices) × facteur physique",
        "Quantity estimated from the price (energy_prices) × physical factor",
    ),
    "method-ratio": ("Dépense × ratio monétaire", "Spend × monetary ratio"),
    "method-supplier": ("Donnée du fournisseur", "Supplier data"),
    "method-proxy": (
        "Dépense × ratio d'un secteur voisin (approximation)",
        "Spend × ratio of a neighbouring sector (approximation)",
    ),
    "method-activity": (
        "Donnée d'activité (quantité × facteur physique, remplace la dépense couverte)",
        "Activity data (quantity × physical factor, replaces the spend it covers)",
    ),
    "method-not_counted": (
        "Non compté (sans règle ou énergie à quantifier, hors du total)",
        "Not counted (no rule, or energy to quantify; not in the total)",
    ),
}
