"""Seeded generator of SYNTHETIC DECP v2 files (official JSON layout, schema 2.0.3).

    python benchmarks/decpgen.py 100000 --seed 42 -o /tmp/decp.json

``{"marches": {"marche": [...], "contrat-concession": []}}``, every record shaped like the
public files (same fields as data.gouv.fr's consolidated DECP): buyers and holders are
fictitious SIRETs, a quarter of the records carry a social consideration, a third an
environmental one; a few have modifications. Everything is fictitious.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

BUYERS = ("21410018500015", "20004189600010", "21410123900017", "24410028900013")
CPVS = ("45233140", "30192700", "90511000", "55523100", "09134100", "45214210", "79810000")
CCAG = ("Travaux", "Fournitures courantes et services", "Prestations intellectuelles")
PROCEDURES = (
    "Procédure adaptée",
    "Appel d'offres ouvert",
    "Marché passé sans publicité ni mise en concurrence préalable",
)
OBJECTS = (
    "Travaux de voirie",
    "Fourniture de papier",
    "Collecte des déchets",
    "Restauration scolaire",
    "Carburants",
    "Rénovation énergétique d'une école",
    "Impression du magazine",
)
SOCIAL = (
    ["Pas de considération sociale"],
    ["Clause sociale"],
    ["Critère social"],
    ["Clause sociale", "Critère social"],
)
ENVIRONMENTAL = (
    ["Pas de considération environnementale"],
    ["Clause environnementale"],
    ["Critère environnemental"],
)


def _siret(rng: random.Random) -> str:
    return "9" + "".join(str(rng.randrange(10)) for _ in range(13))


def record(index: int, rng: random.Random) -> dict[str, Any]:
    year = rng.choice((2023, 2024, 2025))
    month, day = rng.randrange(1, 13), rng.randrange(1, 29)
    social = SOCIAL[0] if rng.random() > 0.25 else rng.choice(SOCIAL[1:])
    env = ENVIRONMENTAL[0] if rng.random() > 0.33 else rng.choice(ENVIRONMENTAL[1:])
    item: dict[str, Any] = {
        "id": f"{year}M{index:07d}",
        "acheteur": {"id": rng.choice(BUYERS)},
        "nature": "Marché",
        "objet": f"{rng.choice(OBJECTS)} – lot {rng.randrange(1, 9)}",
        "codeCPV": rng.choice(CPVS),
        "techniques": {"technique": [rng.choice(("Sans objet", "Accord-cadre"))]},
        "modalitesExecution": {
            "modaliteExecution": [rng.choice(("Sans objet", "Bons de commande"))]
        },
        "marcheInnovant": False,
        "ccag": rng.choice(CCAG),
        "offresRecues": rng.randrange(1, 12),
        "attributionAvance": rng.random() < 0.3,
        "typeGroupementOperateurs": "Pas de groupement",
        "procedure": rng.choice(PROCEDURES),
        "lieuExecution": {"code": "41018", "typeCode": "Code commune"},
        "dureeMois": rng.choice((6, 12, 24, 36, 48)),
        "dateNotification": f"{year}-{month:02d}-{day:02d}",
        "datePublicationDonnees": f"{year}-{month:02d}-{min(day + 5, 28):02d}",
        "montant": round(rng.lognormvariate(11, 1.3), 2),
        "typesPrix": {"typePrix": ["Définitif ferme"]},
        "formePrix": rng.choice(("Forfaitaire", "Unitaire", "Mixte")),
        "sousTraitanceDeclaree": False,
        "titulaires": [{"titulaire": {"typeIdentifiant": "SIRET", "id": _siret(rng)}}],
        "considerationsSociales": {"considerationSociale": social},
        "considerationsEnvironnementales": {"considerationEnvironnementale": env},
    }
    if rng.random() < 0.05:
        item["modifications"] = [
            {
                "modification": {
                    "id": 1,
                    "dateNotificationModification": f"{year}-{month:02d}-28",
                    "datePublicationDonneesModification": f"{year}-{month:02d}-28",
                    "montant": round(item["montant"] * 1.1, 2),
                }
            }
        ]
    return item


def write_decp(n: int, path: Path, seed: int = 42) -> Path:
    rng = random.Random(seed)
    data = {"marches": {"marche": [record(i, rng) for i in range(n)], "contrat-concession": []}}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate a synthetic DECP v2 JSON file.")
    parser.add_argument("n", type=int, help="number of records")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    print(write_decp(args.n, args.output, args.seed))


if __name__ == "__main__":
    main()
