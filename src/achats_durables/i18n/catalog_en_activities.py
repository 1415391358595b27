"""English of the activity-data texts of the report writers (« Données d'activité » sheet)."""

EN_ACTIVITIES: dict[str, str] = {
    "Données d'activité": "Activity data",
    # per inhabitant, per agent (writers/per_capita.py)
    "soit {kg} kgCO2e par habitant ({count} habitants : {source}, {year})": (
        "that is {kg} kgCO2e per inhabitant ({count} inhabitants: {source}, {year})"
    ),
    "soit {kg} kgCO2e par agent ({count} agents : {source}, {year}{summed})": (
        "that is {kg} kgCO2e per agent ({count} agents: {source}, {year}{summed})"
    ),
    " ; somme des entités": "; sum of the entities",
    "Émissions par habitant": "Emissions per inhabitant",
    "Émissions par agent": "Emissions per agent",
    (
        "Le total rapporté à la population ou aux effectifs déclarés dans achats.yaml, avec leur "
        "source : pour comparer des collectivités de tailles différentes, pas pour comparer des "
        "compétences différentes (une agglomération achète ce qu'une commune n'achète pas)."
    ): (
        "The total divided by the population or the staff declared in achats.yaml, with their "
        "source: to compare local authorities of different sizes, not different remits (an "
        "agglomeration buys what a town does not)."
    ),
    # the peer table (writers/peers.py)
    "kgCO2e/hab.": "kgCO2e/inh.",
    "Comparaison entre entités ({unit})": "Comparison between entities ({unit})",
    "Rang": "Rank",
    "Comparaison": "Comparison",
    "Population": "Population",
    "Catégorie {k}": "Category {k}",
    "Écart {k}": "Gap {k}",
    (
        "Chaque entité face à la médiane des autres ; rang 1 = la plus basse. Les catégories sont "
        "les trois où elle dépasse le plus la médiane de ses pairs, dans la même unité. Une entité "
        "de taille très différente, ou qui porte une compétence que les autres n'ont pas, se "
        "compare mal : le tableau le montre, il ne le corrige pas."
    ): (
        "Each entity against the median of the others; rank 1 = the lowest. The categories are "
        "the three where it most exceeds its peers' median, in the same unit. An entity of a very "
        "different size, or with a remit the others lack, compares badly: the table shows it, it "
        "does not correct it."
    ),
    "Médiane des autres": "Median of the others",
    "• {entity} : au-dessus de ses pairs surtout en {categories}.": (
        "• {entity}: above its peers mostly in {categories}."
    ),
    "Sans population dans le fichier : {names} (comparaison en tCO2e).": (
        "Without a population in the file: {names} (comparison in tCO2e)."
    ),
    # the BEGES v5 table (writers/xlsx_beges.py, writers/csv.py)
    "Tableau BEGES": "BEGES table",
    "Tableau BEGES v5": "BEGES v5 table",
    "Catégorie GHG Protocol (scope 3)": "GHG Protocol category (scope 3)",
    "Scope": "Scope",
    "Total des postes évalués": "Total of the posts evaluated",
    (
        "Les 22 postes de la méthode BEGES v5. Cet outil évalue les postes que ses facteurs et ses "
        "règles peuvent remplir (achats, immobilisations, déchets, leasing, énergie comptée par ses "
        "quantités) ; un poste « non évalué » n'est pas nul : il relève d'autres données du bilan "
        "(procédés, fuites de fluides frigorigènes, déplacements domicile-travail, produits vendus…)."
    ): (
        "The 22 posts of the BEGES v5 method. This tool evaluates the posts its factors and rules "
        "can fill (purchases, capital goods, waste, leasing, energy counted from its quantities); a "
        "post 'not evaluated' is not zero: it comes from other data of the inventory (processes, "
        "refrigerant leaks, commuting, products sold…)."
    ),
    "Ligne du fichier": "File row",
    (
        "{tco2e} tCO2e ({share} du total) viennent de {count} donnée(s) d'activité "
        "(quantités), à la place du ratio de {spend} € HT de dépense."
    ): (
        "{tco2e} tCO2e ({share} of the total) come from {count} activity-data row(s) "
        "(quantities), instead of the ratio of {spend} € of spend."
    ),
    "Quantité": "Quantity",
    "Source": "Source",
    "Unité du facteur": "Factor's unit",
    "Lignes remplacées": "Lines replaced",
    "Dépense HT remplacée (€)": "Spend excl. VAT replaced (€)",
    "Au ratio, cette dépense comptait (tCO2e)": "On its ratio, this spend counted (tCO2e)",
    (
        "Chaque quantité est comptée avec son facteur physique ; la dépense du grand livre qu'elle "
        "couvre reste comptée en euros mais ses émissions viennent de la quantité (« remplacé par "
        "une donnée d'activité »). Les lignes d'un même sélecteur (marché, compte, fournisseur) "
        "couvrent ensemble la même dépense : lignes et dépense remplacées sont celles du groupe."
    ): (
        "Each quantity is counted with its physical factor; the ledger spend it covers is still "
        "counted in euros but its emissions come from the quantity ('replaced by activity "
        "data'). Rows of one selector (contract, account, supplier) cover the same spend "
        "together: the lines and spend replaced are the group's."
    ),
}
