"""English texts of the fiches acheteurs (writers/html/templates/fiche.html.j2)."""

EN_FICHES: dict[str, str] = {
    "(non précisé)": "(not given)",
    "Au prochain renouvellement": "At the next renewal",
    "Aucune catégorie n'a d'émissions dans ce bilan : pas de fiche.": (
        "No category has emissions in this footprint: no fiche."
    ),
    "Aucune dépense de cette catégorie n'est rattachée à un marché du registre.": (
        "No spend of this category is linked to a contract of the register."
    ),
    "Bilan total : {total} tCO2e. Une fiche par catégorie, à distribuer séparément : chaque fiche tient sur une page imprimée.": (
        "Total footprint: {total} tCO2e. One fiche per category, to hand out separately: each "
        "fiche fits on one printed page."
    ),
    "Dépense hors marché : {outside} ; sous une référence absente du registre : {unknown}.": (
        "Spend outside any contract: {outside}; under a reference missing from the register: "
        "{unknown}."
    ),
    "Dépense sous marché avec considération environnementale": (
        "Spend under contracts with an environmental consideration"
    ),
    "Env.": "Env.",
    "Fiches acheteurs": "Buyers' fiches",
    "Les catégories de ces fiches": "The categories of these fiches",
    "Les principales catégories d'achat par émissions, leurs marchés et ce qu'un acheteur peut faire au prochain renouvellement.": (
        "The main purchase categories by emissions, their contracts and what a buyer can do at "
        "the next renewal."
    ),
    "Les textes des conseils sont cités dans la langue du fichier de conseils.": (
        "The advice texts are quoted in the language of the advice file."
    ),
    "Marchés et renouvellements": "Contracts and renewals",
    "Part du bilan": "Share of the footprint",
    "Pas de registre des marchés pour cette année : les marchés ne sont pas connus.": (
        "No contract register for this year: the contracts are not known."
    ),
    "Pas encore de conseil pour cette catégorie : à compléter dans conseils-locaux.yaml (clé advice: de achats.yaml).": (
        "No advice for this category yet: add it in conseils-locaux.yaml (key advice: of "
        "achats.yaml)."
    ),
    "Principaux fournisseurs :": "Main suppliers:",
    "Prochaine échéance : {date}.": "Next end date: {date}.",
    "Prochaine échéance": "Next end date",
    "Social": "Social",
    "Sources des conseils": "Sources of the advice",
    "Sources pour la plupart secondaires : vérifiez le texte officiel (Légifrance) avant de citer une obligation dans un document officiel.": (
        "Mostly secondary sources: check the official text (Legifrance) before quoting an "
        "obligation in an official document."
    ),
    "proposition de l'outil, à valider": "the tool's proposal, to be validated",
    "rang {rank} sur {count}": "rank {rank} of {count}",
    "sociale : {share}": "social: {share}",
    "{shown} marchés sur {count} (les plus émetteurs).": (
        "{shown} contracts of {count} (the largest emitters)."
    ),
    "± {u} tCO2e": "± {u} tCO2e",
    "Émissions": "Emissions",
    "échu": "ended",
}
