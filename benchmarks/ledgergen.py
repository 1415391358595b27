"""Seeded, vectorised generator of large SYNTHETIC purchase ledgers (mandats) for benchmarks.

Usage::

    python benchmarks/ledgergen.py 1000000 --format csv --seed 42 -o /tmp/gl-1m.csv
    python benchmarks/ledgergen.py 100000 --format xlsx --seed 42 -o /tmp/gl-100k.xlsx

Columns are those of ``examples/grand-livre-2025.xlsx``.  No title block: the header is
the first row, the data follows and a totals row (``Total`` + sum of ``Montant HT``)
ends the table.  CSV dialect: French (``;`` separator, decimal comma, dates dd/mm/yyyy,
UTF-8 with BOM, or cp1252 with ``--encoding cp1252``).  XLSX: shared strings, as finance
software writes.  Most lines map to a category; some are excluded (accounts 63-67, transfers,
staff) and some unmapped (6257, no rule).  Everything (suppliers, SIRETs, contracts) is fictitious.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

YEAR = 2025

HEADERS = (
    "Exercice",
    "Collectivité",
    "N° mandat",
    "Date mandat",
    "Nature",
    "Fonction",
    "Libellé",
    "Fournisseur",
    "SIRET",
    "Montant HT",
    "Taux TVA",
    "Montant TTC",
    "N° marché",
    "Code CPV",
)

ENTITIES = ("Agglopolys", "Ville de Blois", "CIAS du Blaisois")
ENTITY_WEIGHTS = (0.42, 0.45, 0.13)
CONTRACT_PREFIX = ("AGGLO-", "", "CIAS-")
# Same FICTITIOUS identifiers as GROUP_SIRETS in examples/make_example.py.
GROUP_SIRETS = {
    "Agglopolys": "29994103900016",
    "Ville de Blois": "29994101300011",
    "CIAS du Blaisois": "29994102100014",
}

SHARE_TTC_ONLY = 0.10
SHARE_CREDIT_NOTES = 0.02
SHARE_CONTRACT = 0.55
SHARE_CPV_ON_CONTRACT = 0.68  # gives ~40 % of lines with a CPV code
SHARE_CPV_OFF_CONTRACT = 0.12
SUPPLIERS_PER_ACCOUNT = 12

# account, weight (share of lines), median HT, sigma, VAT %, functions, label stems, CPV codes
ACCOUNTS: tuple[
    tuple[str, float, float, float, float, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...
] = (
    ("60611", 3, 1500, 1.0, 5.5, ("020", "212", "423"), ("Consommation eau",), ("65110000-7",)),
    (
        "60612",
        5,
        7000,
        1.0,
        20,
        ("020", "212", "321"),
        ("Fourniture électricité",),
        ("09310000-5",),
    ),
    ("60621", 2, 5000, 0.9, 20, ("020", "212"), ("Fourniture gaz naturel",), ("09123000-7",)),
    (
        "60622",
        4,
        3000,
        0.8,
        20,
        ("721", "84", "020"),
        ("Carburant gazole flotte", "Cartes carburant"),
        ("09134100-8",),
    ),
    (
        "60623",
        6,
        2500,
        0.9,
        5.5,
        ("281", "423"),
        ("Denrées alimentaires restauration scolaire", "Produits laitiers bio"),
        ("15000000-8", "15500000-3"),
    ),
    (
        "60631",
        3,
        800,
        0.8,
        20,
        ("020", "212"),
        ("Produits d'entretien", "Papier hygiénique"),
        ("39830000-9", "33760000-5"),
    ),
    (
        "60632",
        4,
        650,
        1.0,
        20,
        ("020", "84"),
        ("Petit outillage", "Quincaillerie"),
        ("44510000-8",),
    ),
    (
        "6064",
        4,
        420,
        0.9,
        20,
        ("020", "212"),
        ("Fourniture ramettes papier A4 recyclé", "Cartouches toner"),
        ("30192700-8", "30125100-2"),
    ),
    (
        "6065",
        3,
        550,
        0.8,
        5.5,
        ("313",),
        ("Acquisition ouvrages médiathèque", "Abonnements périodiques"),
        ("22113000-5", "22200000-2"),
    ),
    (
        "6068",
        2,
        800,
        1.0,
        20,
        ("020", "026"),
        ("Vêtements de travail", "Plants et fleurs"),
        ("18110000-3", "03451000-6"),
    ),
    (
        "611",
        6,
        60000,
        1.2,
        10,
        ("721", "81", "281"),
        ("Collecte OM secteur nord", "Transport scolaire circuit", "Restauration collective"),
        ("90511000-2", "60130000-8", "55523100-3"),
    ),
    ("6132", 1, 4000, 0.4, 20, ("020",), ("Loyer locaux",), ()),
    ("61351", 1, 2500, 0.6, 20, ("721",), ("Location longue durée véhicules",), ("34110000-1",)),
    ("614", 0.5, 3000, 0.5, 20, ("020",), ("Charges locatives",), ()),
    (
        "615221",
        7,
        4500,
        1.1,
        20,
        ("020", "212", "321"),
        ("Réparation toiture", "Travaux de peinture", "Dépannage plomberie"),
        ("45261000-4", "45442100-8", "45330000-9"),
    ),
    (
        "615231",
        4,
        20000,
        0.9,
        20,
        ("84",),
        ("Travaux de réfection de chaussée", "Marquage au sol"),
        ("45233141-9",),
    ),
    (
        "61551",
        4,
        1800,
        1.0,
        20,
        ("721", "020"),
        ("Entretien et réparation véhicule", "Remplacement pneumatiques"),
        ("50110000-9",),
    ),
    (
        "6156",
        4,
        3800,
        0.9,
        20,
        ("020",),
        ("Maintenance logiciel", "Maintenance ascenseurs"),
        ("72267000-4", "50750000-7"),
    ),
    (
        "6161",
        0.5,
        50000,
        0.4,
        0,
        ("020",),
        ("Prime assurance dommages aux biens",),
        ("66515000-3",),
    ),
    ("617", 1, 15000, 0.8, 20, ("51",), ("Étude de faisabilité",), ("71241000-9",)),
    ("6184", 2, 1200, 0.8, 0, ("020",), ("Formation des agents",), ("80511000-9",)),
    ("62268", 1, 5000, 0.9, 20, ("020",), ("Honoraires avocat",), ("79000000-4",)),
    ("6231", 1, 1100, 0.6, 20, ("020",), ("Annonce légale",), ("79341000-6",)),
    (
        "6236",
        2,
        3500,
        0.8,
        20,
        ("023",),
        ("Impression magazine", "Impression affiches"),
        ("79810000-5",),
    ),
    ("6247", 2, 700, 0.6, 10, ("212",), ("Transport sortie scolaire",), ("60140000-1",)),
    ("6251", 1.5, 300, 0.9, 10, ("020",), ("Frais de déplacement mission",), ("63500000-4",)),
    ("6234", 1.5, 1000, 0.8, 10, ("024",), ("Réception – buffet",), ("55520000-1",)),
    ("6261", 1.5, 2000, 0.4, 0, ("020",), ("Affranchissement courrier",), ("64112000-4",)),
    (
        "6262",
        2.5,
        2800,
        0.5,
        20,
        ("020",),
        ("Téléphonie mobile flotte agents", "Téléphonie fixe et internet"),
        ("64212000-5", "64210000-1"),
    ),
    ("6283", 3, 6000, 0.5, 20, ("020", "212"), ("Nettoyage des locaux",), ("90919200-4",)),
    ("6288", 2, 2500, 1.0, 20, ("020",), ("Dératisation", "Élagage arbres"), ("77211500-7",)),
    ("63512", 0.5, 9000, 0.6, 0, ("020",), ("Taxe foncière",), ()),
    ("64131", 0.3, 200000, 0.2, 0, ("020",), ("Rémunérations agents contractuels – paie",), ()),
    ("6541", 0.2, 2000, 0.8, 0, ("01",), ("Créances admises en non-valeur",), ()),
    # no rule reaches 6257 (réceptions): these lines stay unmapped, as in real ledgers
    ("6257", 1, 400, 0.8, 10, ("024",), ("Réception personnalités", "Frais de réception"), ()),
    ("6718", 0.3, 900, 0.7, 0, ("01",), ("Titres annulés sur exercice antérieur",), ()),
    ("65748", 5, 6000, 1.1, 0, ("025", "32"), ("Subvention de fonctionnement",), ()),
    ("66111", 1.5, 60000, 0.7, 0, ("01",), ("Intérêts emprunt – échéance",), ()),
    ("62876", 0.2, 500000, 0.1, 0, ("020",), ("Remboursement services communs mutualisés",), ()),
    ("2031", 1, 30000, 0.8, 20, ("212", "84"), ("Mission de maîtrise d'œuvre",), ("71221000-3",)),
    ("2051", 0.5, 15000, 0.7, 20, ("020",), ("Acquisition licences logiciel",), ("48000000-8",)),
    ("21312", 1, 120000, 0.8, 20, ("212",), ("Rénovation énergétique école",), ("45214210-5",)),
    (
        "2152",
        2,
        90000,
        0.8,
        20,
        ("84",),
        ("Aménagement de voirie", "Éclairage public LED"),
        ("45233120-6", "34928500-3"),
    ),
    ("21828", 0.5, 60000, 0.9, 20, ("721",), ("Acquisition véhicule",), ("34144900-7",)),
    ("21838", 1, 10000, 0.7, 20, ("020",), ("Acquisition postes de travail",), ("30213300-8",)),
    ("21848", 0.8, 6000, 0.8, 20, ("020",), ("Mobilier de bureau",), ("39130000-2",)),
    (
        "2188",
        1,
        12000,
        1.0,
        20,
        ("721", "321"),
        ("Acquisition conteneurs enterrés", "Équipements aire de jeux"),
        ("44613800-8", "37535200-9"),
    ),
    (
        "2313",
        2,
        250000,
        0.7,
        20,
        ("212", "323"),
        ("Construction – situation", "Extension – situation"),
        ("45210000-2",),
    ),
    ("2315", 1, 100000, 0.8, 20, ("73", "84"), ("Travaux réseaux – situation",), ("45232410-9",)),
)
NON_PURCHASE_PREFIXES = ("63", "64", "65", "66", "67", "62876")
MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
NAME_PARTS_A = (
    "Ateliers",
    "Services",
    "Entreprise",
    "Société",
    "Établissements",
    "Groupe",
    "Comptoir",
    "Réseau",
)
NAME_PARTS_B = (
    "du Val",
    "Ligériens",
    "du Centre",
    "de Sologne",
    "Blésois",
    "de Touraine",
    "du Perche",
    "Loire Ouest",
)


def luhn_check_digits(payload: np.ndarray) -> np.ndarray:
    """Luhn check digit for each row of ``payload`` (2-D array of digits)."""
    digits = payload[:, ::-1].astype(np.int64)
    doubled = digits[:, 0::2] * 2
    doubled = np.where(doubled > 9, doubled - 9, doubled)
    total = doubled.sum(axis=1) + digits[:, 1::2].sum(axis=1)
    return (10 - total % 10) % 10


def make_sirets(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` fictitious SIRETs (SIREN « 9… »), SIREN and SIRET both Luhn-valid."""
    siren = np.empty((n, 9), dtype=np.int64)
    siren[:, 0] = 9
    siren[:, 1:8] = rng.integers(0, 10, size=(n, 7))
    siren[:, 8] = luhn_check_digits(siren[:, :8])
    body = np.concatenate([siren, np.zeros((n, 4), dtype=np.int64)], axis=1)
    body[:, 11] = rng.integers(0, 5, size=n)
    body[:, 12] = rng.integers(1, 10, size=n)
    check = luhn_check_digits(body)
    full = np.concatenate([body, check[:, None]], axis=1)
    return np.array(["".join(map(str, row)) for row in full], dtype=object)


def generate(n: int, seed: int = 42) -> pd.DataFrame:
    """Return a synthetic ledger of ``n`` lines (no totals row)."""
    rng = np.random.default_rng(seed)
    n_acc = len(ACCOUNTS)
    weights = np.array([a[1] for a in ACCOUNTS], dtype=float)
    acc = rng.choice(n_acc, size=n, p=weights / weights.sum())
    ent = rng.choice(len(ENTITIES), size=n, p=ENTITY_WEIGHTS)

    # Dates: working days of the year.
    days = pd.bdate_range(f"{YEAR}-01-06", f"{YEAR}-12-19")
    day_idx = rng.integers(0, len(days), size=n)
    # Rows sorted by entity then date; mandat numbers sequential per entity.
    order = np.lexsort((day_idx, ent))
    ent, acc, day_idx = ent[order], acc[order], day_idx[order]
    counts = np.bincount(ent, minlength=len(ENTITIES))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    mandat = np.arange(n) - starts[ent] + 1
    dates = days[day_idx]
    month = dates.month.to_numpy()

    median = np.array([a[2] for a in ACCOUNTS])[acc]
    sigma = np.array([a[3] for a in ACCOUNTS])[acc]
    vat = np.array([a[4] for a in ACCOUNTS])[acc]
    ht = np.round(median * np.exp(rng.normal(0.0, 1.0, size=n) * sigma), 2)
    purchase = ~np.array([a[0].startswith(NON_PURCHASE_PREFIXES) for a in ACCOUNTS])[acc]
    credit = purchase & (rng.random(n) < SHARE_CREDIT_NOTES / purchase.mean())
    ht = np.where(credit, -np.round(ht * 0.2, 2), ht)
    ttc = np.round(ht * (1 + vat / 100), 2)
    ht_out = np.where(rng.random(n) < SHARE_TTC_ONLY, np.nan, ht)

    # Functions and labels from small per-account pools.
    fn_pool = np.array([[a[5][i % len(a[5])] for i in range(4)] for a in ACCOUNTS], dtype=object)
    function = fn_pool[acc, rng.integers(0, 4, size=n)]
    label_pool = np.array(
        [
            [f"{a[6][k % len(a[6])]} – {MONTHS_FR[m]} {YEAR}" for k in range(3) for m in range(12)]
            for a in ACCOUNTS
        ],
        dtype=object,
    )
    label = label_pool[acc, rng.integers(0, 3, size=n) * 12 + (month - 1)]
    label = np.where(credit, "Avoir – " + label.astype(str), label)

    # Suppliers: SUPPLIERS_PER_ACCOUNT per account, Zipf-like frequencies.
    n_sup = n_acc * SUPPLIERS_PER_ACCOUNT
    sup_rng = np.random.default_rng([seed, 1])
    sup_names = np.array(
        [
            f"{NAME_PARTS_A[i % len(NAME_PARTS_A)]} {NAME_PARTS_B[(i // len(NAME_PARTS_A)) % len(NAME_PARTS_B)]} {i:03d}"
            for i in range(n_sup)
        ],
        dtype=object,
    )
    sup_sirets = make_sirets(sup_rng, n_sup)
    zipf = 1.0 / np.arange(1, SUPPLIERS_PER_ACCOUNT + 1)
    local = rng.choice(SUPPLIERS_PER_ACCOUNT, size=n, p=zipf / zipf.sum())
    sup = acc * SUPPLIERS_PER_ACCOUNT + local
    supplier = sup_names[sup]
    siret = sup_sirets[sup]
    internal = np.array([a[0] == "62876" for a in ACCOUNTS])[acc]
    supplier = np.where(internal, "Agglopolys", supplier)
    siret = np.where(internal, GROUP_SIRETS["Agglopolys"], siret)

    # Contracts: one per (entity, account, supplier rank < 3), numbered deterministically.
    top3 = zipf[:3].sum() / zipf.sum()  # share of lines going to the 3 main suppliers
    has_contract = purchase & (local < 3) & (rng.random(n) < SHARE_CONTRACT / top3)
    contract_no = (acc * 3 + np.minimum(local, 2)) % 999 + 1
    contract_year = 2021 + (acc + local) % 5
    prefix = np.array(CONTRACT_PREFIX, dtype=object)[ent]
    contract = np.where(
        has_contract,
        prefix
        + contract_year.astype(str).astype(object)
        + "-"
        + np.char.zfill(contract_no.astype(str), 3).astype(object),
        None,
    )
    cpv_pool = np.array(
        [[(a[7][k % len(a[7])] if a[7] else "") for k in range(2)] for a in ACCOUNTS], dtype=object
    )
    cpv = cpv_pool[acc, rng.integers(0, 2, size=n)]
    with_cpv = (cpv != "") & np.where(
        has_contract, rng.random(n) < SHARE_CPV_ON_CONTRACT, rng.random(n) < SHARE_CPV_OFF_CONTRACT
    )
    short = rng.random(n) < 0.25
    cpv = np.where(
        with_cpv, np.where(short, np.array([c[:8] for c in cpv], dtype=object), cpv), None
    )

    rate_text = np.where(vat == 5.5, "5,5", vat.astype(int).astype(str)).astype(object)
    rate_text = np.where((vat > 0) & (rng.random(n) < 0.03), rate_text + " %", rate_text)

    return pd.DataFrame(
        {
            "Exercice": np.full(n, YEAR),
            "Collectivité": np.array(ENTITIES, dtype=object)[ent],
            "N° mandat": mandat,
            "Date mandat": dates,
            "Nature": np.array([a[0] for a in ACCOUNTS], dtype=object)[acc],
            "Fonction": function,
            "Libellé": label,
            "Fournisseur": supplier,
            "SIRET": siret,
            "Montant HT": ht_out,
            "Taux TVA": rate_text,
            "Montant TTC": ttc,
            "N° marché": contract,
            "Code CPV": cpv,
        },
        columns=list(HEADERS),
    )


def _totals_row(df: pd.DataFrame) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(HEADERS)
    row["Exercice"] = "Total"
    row["Montant HT"] = round(float(df["Montant HT"].sum()), 2)
    return row


def write_csv(df: pd.DataFrame, path: Path, encoding: str = "utf-8-sig") -> None:
    """French CSV dialect: ``;``, decimal comma, dd/mm/yyyy; UTF-8 with BOM by default, or
    ``encoding="cp1252"`` as most French finance software exports."""
    out = df.copy()
    out["Date mandat"] = out["Date mandat"].dt.strftime("%d/%m/%Y")
    out.to_csv(path, sep=";", decimal=",", float_format="%.2f", index=False, encoding=encoding)
    totals = _totals_row(df)
    cells = [
        f"{v:.2f}".replace(".", ",") if isinstance(v, float) else "" if v is None else str(v)
        for v in (totals[h] for h in HEADERS)
    ]
    text_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    with path.open("a", encoding=text_encoding, newline="") as fh:
        fh.write(";".join(cells) + "\n")


def write_xlsx(df: pd.DataFrame, path: Path) -> None:
    """One sheet, header on row 1, strings in the shared-strings table (as finance software and
    Excel write them), dates as serial numbers with a date format; see :mod:`xlsxshared`."""
    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    from xlsxshared import write_shared_strings_xlsx

    totals = _totals_row(df)
    write_shared_strings_xlsx(
        df,
        path,
        sheet="Mandats",
        date_columns=("Date mandat",),
        footer=[totals[h] for h in HEADERS],
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Generate a synthetic purchase ledger for benchmarks."
    )
    parser.add_argument("n", type=int, help="number of ledger lines")
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--encoding", default="utf-8-sig", help="CSV only: utf-8-sig or cp1252")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    df = generate(args.n, args.seed)
    generated = time.perf_counter()
    if args.format == "csv":
        write_csv(df, args.output, args.encoding)
    else:
        write_xlsx(df, args.output)
    done = time.perf_counter()
    print(
        f"{args.output}: {len(df)} lignes ({args.format}), "
        f"génération {generated - start:.1f} s, écriture {done - generated:.1f} s"
    )


if __name__ == "__main__":
    main()
