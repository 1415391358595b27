"""BEGES v5 posts (titles), for report labels.

Titles from the BEGES v5 post list (ADEME/ministère, 2022), as gathered in the project's
reference notes (``shared/reference/beges_v5_postes_et_correspondance_ghg_protocol.csv``:
sources github.com/ChadouMohamedAli/BaseCarbone classifyDb.py and Greenly help pages).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from achats_durables.core.errors import FactorError, Location

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


@dataclass(frozen=True)
class BegesPost:
    """One post of the BEGES v5 method (``factors/nomenclatures/beges-v5-postes.csv``)."""

    post: str
    category: str
    category_label: str
    label: str
    scope: str  # "Scope 1", "Scope 2" or "Scope 3"
    ghg_category: str  # GHG Protocol scope 3 category number, "" for none
    ghg_label_fr: str
    ghg_label_en: str


@lru_cache(maxsize=1)
def v5_posts() -> tuple[BegesPost, ...]:
    """The 22 posts 1.1 to 6.1, in their order."""
    from achats_durables.knowledge.factors import factors_dir

    path = factors_dir() / "nomenclatures" / "beges-v5-postes.csv"
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        return tuple(
            BegesPost(
                r["poste"],
                r["categorie"],
                r["libelle_categorie"],
                r["libelle_poste"],
                r["scope"],
                r["ghg_categorie"],
                r["ghg_libelle_fr"],
                r["ghg_libelle_en"],
            )
            for r in rows
        )
    except (OSError, KeyError) as exc:
        raise FactorError("nomenclature-unreadable", Location(str(path)), detail=str(exc)) from exc
