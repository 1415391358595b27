#!/usr/bin/env python3
"""Write a SYNTHETIC DGFiP balance of 43 communes and their populations (issue 14 item 4).

Agglopolys groups 43 communes; this example gives 43 fictitious ones (« Commune synthétique
01 » to « 43 », fictitious SIRETs) with made-up populations and purchases, in the format of the
DGFiP « balances comptables » open data (``exer;ident;…;compte;…;obnetdeb;…``), so that

    achats footprint examples/balance-communes-2024.csv --population examples/communes-population.csv

shows the peer table: each commune per inhabitant beside the median of the others. Nothing in
these two files describes a real commune. Seeded: two runs write the same bytes.

Usage: python examples/make_communes.py [--out-dir examples]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

SEED = 2026
COMMUNES = 43
HEADER = (
    "exer;ident;ndept;lbudg;insee;cbudg;ctype;cstyp;nomen;siren;cregi;cacti;secteur;finess;"
    "codbud1;categ;bal;compte;bedeb;becre;obnetdeb;obnetcre;onbdeb;onbcre;oobdeb;oobcre;sd;sc"
).split(";")
# purchase accounts of a commune (M57) and euros per inhabitant a year around which they vary
ACCOUNTS = {
    "60611": 9.0,  # eau
    "60612": 38.0,  # électricité (sans quantité : « à quantifier »)
    "6042": 22.0,  # prestations (restauration scolaire)
    "6064": 4.0,  # fournitures administratives
    "60632": 6.0,  # petit équipement
    "611": 35.0,  # contrats de prestations de services
    "615221": 18.0,  # entretien des bâtiments
    "615231": 30.0,  # entretien de voirie
    "6156": 5.0,  # maintenance
    "6236": 2.0,  # catalogues et imprimés
    "2313": 120.0,  # constructions (investissement)
    "6411": 260.0,  # personnel titulaire : hors achats
}


def _siret(i: int) -> str:
    """A fictitious SIRET (« 219 » then the commune's number), its check digit computed."""
    body = f"21999{i:04d}0001"
    digits = [int(d) for d in body]
    total = sum(
        d * 2 - 9 * (d * 2 > 9) if k % 2 == len(digits) % 2 else d for k, d in enumerate(digits)
    )
    return body + str((10 - total % 10) % 10)


def build(out_dir: Path) -> tuple[Path, Path]:
    rng = np.random.default_rng(SEED)
    populations = np.round(np.exp(rng.normal(np.log(1500), 1.0, COMMUNES))).astype(int)
    populations = np.clip(populations, 180, 30000)
    populations[0] = 45000  # the central town
    balance = out_dir / "balance-communes-2024.csv"
    people = out_dir / "communes-population.csv"
    with balance.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\n")
        w.writerow(HEADER)
        for i in range(COMMUNES):
            siret = _siret(i + 1)
            name = f"COMMUNE SYNTHETIQUE {i + 1:02d}"
            style = rng.lognormal(0.0, 0.35, len(ACCOUNTS))  # each commune spends its own way
            for (account, per_head), k in zip(ACCOUNTS.items(), style, strict=True):
                if account == "2313" and rng.random() < 0.4:
                    continue  # no construction this year
                amount = round(float(populations[i] * per_head * k), 2)
                row = dict.fromkeys(HEADER, "0.0")
                row.update(exer="2024", ident=siret, ndept="041", lbudg=name, insee=f"{900 + i}",
                           cbudg="1", ctype="101", cstyp="00", nomen="M57", siren=siret[:9],
                           cregi="024", cacti="40", secteur="", finess="", codbud1="",
                           categ="Commune", bal="DEF", compte=account, obnetdeb=f"{amount}",
                           sd=f"{amount}")  # fmt: skip
                w.writerow([row[h] for h in HEADER])
    with people.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\n")
        w.writerow(["SIREN", "Commune", "Population", "Source", "Année"])
        for i in range(COMMUNES):
            w.writerow([_siret(i + 1)[:9], f"COMMUNE SYNTHETIQUE {i + 1:02d}", int(populations[i]),
                        "population FICTIVE de l'exemple", 2024])  # fmt: skip
    return balance, people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default=str(Path(__file__).resolve().parent))
    args = parser.parse_args()
    for path in build(Path(args.out_dir)):
        print(f"écrit : {path}")


if __name__ == "__main__":
    main()
