"""BEGES v5 posts (titles), for report labels.

Titles from the BEGES v5 post list (ADEME/ministère, 2022), as gathered in the project's
reference notes (``shared/reference/beges_v5_postes_et_correspondance_ghg_protocol.csv``:
sources github.com/ChadouMohamedAli/BaseCarbone classifyDb.py and Greenly help pages).
"""

from __future__ import annotations

POSTS: dict[str, str] = {
    "1.1": "Émissions directes des sources fixes de combustion",
    "1.2": "Émissions directes des sources mobiles de combustion",
    "2.1": "Émissions indirectes liées à la consommation d'électricité",
    "2.2": "Émissions indirectes liées à la consommation d'énergie autre que l'électricité",
    "3.1": "Transport de marchandise amont",
    "3.5": "Déplacements professionnels",
    "4.1": "Achats de biens",
    "4.2": "Immobilisations de biens",
    "4.3": "Gestion des déchets",
    "4.4": "Actifs en leasing amont",
    "4.5": "Achats de services",
}


def post_label(post: str) -> str:
    return POSTS.get(post, f"Poste {post}")
