"""Generate the synthetic contracts register and its DECP export.

Two files, both SYNTHETIC (every contract, amount, date, supplier and SIRET is fictitious):

* ``examples/registre-marches.xlsx``: the contracts register (« registre des marchés »)
  kept by the pooled procurement service of « Agglopolys », « Ville de Blois » and
  « CIAS du Blaisois », as of early 2026.  It holds every contract referenced in the
  example ledger (``make_example.CONTRACTS``) plus older, not yet executed and
  low-value contracts.
* ``examples/decp-2025.json``: the register's contracts notified in 2024 and 2025 for
  40 000 € HT or more, in the official DECP v2 JSON layout
  ``{"marches": {"marche": [...]}}`` (schema 2.0.3, allowed values only).

Usage::

    python examples/make_contracts.py [-o examples/registre-marches.xlsx] [--decp examples/decp-2025.json]

The output is deterministic: seeded random generator, pinned workbook dates and zip
timestamps (``make_example._pin_zip``), DECP records ordered by notification date.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import io
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_example as ledger
from make_example import (
    AGGLO,
    CIAS,
    CONTRACTS,
    ENTITIES,
    FIXED_TIMESTAMP,
    GROUP_SIRETS,
    SUPPLIER_SIRETS,
    VILLE,
    _pin_zip,
    make_siret,
)

SEED = 2026
HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "registre-marches.xlsx"
DECP_OUTPUT = HERE / "decp-2025.json"
SHEET_NAME = "Marchés"
AS_OF = dt.date(2026, 1, 15)  # date of the register extract
DECP_THRESHOLD = 40_000.0  # DECP publication threshold (€ HT)

TITLE_LINES = (
    "Registre des marchés publics — situation au 15/01/2026",
    "Service commun de la commande publique : Agglopolys – Ville de Blois – CIAS du Blaisois",
    "DONNÉES SYNTHÉTIQUES générées par examples/make_contracts.py (graine 2026) "
    "— aucun de ces marchés n'existe",
)

HEADERS = (
    "N° marché",
    "Entité",
    "SIRET acheteur",
    "Objet",
    "Code CPV",
    "Montant HT",
    "Date de notification",
    "Durée (mois)",
    "Date de fin",
    "Procédure",
    "Considérations sociales",
    "Considérations environnementales",
    "Heures d'insertion prévues",
    "Heures d'insertion réalisées",
    "Titulaire",
    "SIRET titulaire",
    "Réemploi",
    "Matières recyclées",
)

# AGEC art. 58 flags of the register (FICTITIOUS, like everything here): the share of a
# contract's spend on goods from reuse, or integrating recycled material (« oui »: all of it).
# ``achats agec`` reads them for the ledger lines of these contracts.
CIRCULAR: dict[str, tuple[str | None, str | None]] = {
    "2024-010": ("25 %", None),  # Ville de Blois, furniture: a lot of refurbished furniture
    "AGGLO-2024-003": ("non", None),  # Agglopolys, furniture: new furniture only
    "2022-025": ("15 %", None),  # Ville de Blois, IT: refurbished workstations
    "CIAS-2023-023": ("10 %", None),  # CIAS, IT: refurbished laptops
    "2025-008": (None, "40 %"),  # Ville de Blois, stationery: recycled paper and folders
    "CIAS-2023-005": (None, "oui"),  # CIAS, paper: recycled paper only
    "AGGLO-2021-013": (None, "30 %"),  # Agglopolys, street furniture: recycled plastic benches
    "2024-023": (None, "oui"),  # Ville de Blois, waste containers in recycled plastic
}

SOC_CLAUSE = "Clause sociale"
SOC_CRITERION = "Critère social"
SOC_RESERVED = "Marché réservé"
SOC_NONE = "Pas de considération sociale"
ENV_CLAUSE = "Clause environnementale"
ENV_CRITERION = "Critère environnemental"
ENV_NONE = "Pas de considération environnementale"
NOT_APPLICABLE = "Sans objet"
SEPARATOR = " | "

PROC_MAPA = "Procédure adaptée"
PROC_AOO = "Appel d'offres ouvert"
PROC_AOR = "Appel d'offres restreint"
PROC_NEGO = "Procédure avec négociation"
PROC_DIRECT = "Marché passé sans publicité ni mise en concurrence préalable"

SHARE_NOT_APPLICABLE = 0.10  # of all rows, per considerations column
N_AMOUNTS_AS_TEXT = 7

# category -> (probability of ≥1 social consideration, of ≥1 environmental consideration)
CATEGORY_PROBS: dict[str, tuple[float, float]] = {
    "travaux": (0.60, 0.25),
    "moe": (0.20, 0.55),
    "dechets": (0.55, 0.15),
    "nettoyage": (0.60, 0.65),
    "espaces_verts": (0.60, 0.60),
    "transport": (0.20, 0.15),
    "restauration": (0.25, 0.30),
    "energie": (0.05, 0.50),
    "vehicules": (0.05, 0.45),
    "numerique": (0.15, 0.50),
    "fournitures": (0.15, 0.50),
    "services": (0.12, 0.20),
    "social": (0.50, 0.10),
}
# Practices improve over time (PNAD 2022-2025, PCAET).
YEAR_FACTOR = {2021: 0.75, 2022: 0.85, 2023: 1.0, 2024: 1.1, 2025: 1.2}
LABOUR_CATEGORIES = ("travaux", "dechets", "nettoyage", "espaces_verts")
# Services whose social clause is also counted in insertion hours.
SERVICE_CATEGORIES = ("transport", "restauration", "social", "services")
ONE_OFF_CATEGORIES = ("travaux", "moe")

# Typical durations (months) and amounts (€ HT, when the ledger gives no spend).
DURATIONS: dict[str, tuple[int, ...]] = {
    "travaux": (8, 10, 12, 18, 24),
    "moe": (36, 48, 60),
    "dechets": (60, 72, 84),
    "transport": (48, 60, 72),
    "energie": (24, 36, 48),
    "default": (12, 24, 36, 48),
}
DEFAULT_AMOUNTS: dict[str, tuple[float, float]] = {
    "travaux": (150_000, 900_000),
    "moe": (60_000, 250_000),
    "default": (15_000, 90_000),
}

# Forced considerations on some ledger contracts, so that the heavy carbon categories
# (works, waste, transport, catering) keep contracts without environmental consideration.
FORCED: dict[str, tuple[tuple[str, ...] | None, tuple[str, ...] | None]] = {
    "AGGLO-2022-024": ((SOC_CLAUSE,), ()),  # collecte des déchets
    "AGGLO-2024-007": (None, ()),  # traitement des déchets
    "AGGLO-2025-012": ((SOC_CLAUSE,), ()),  # réseau de bus, notifié en 2025
    "AGGLO-2025-005": ((SOC_CLAUSE,), ()),  # travaux sur réseaux, notifié en 2025
    "AGGLO-2023-024": (None, ()),  # transport scolaire
    "2024-019": ((SOC_CLAUSE,), ()),  # restauration scolaire
    "2024-039": (None, ()),  # travaux de voirie
    "AGGLO-2022-005": ((SOC_CLAUSE,), (ENV_CLAUSE,)),  # restructuration groupe scolaire
    "CIAS-2024-005": ((SOC_RESERVED,), (ENV_CLAUSE,)),  # entreprise d'insertion
    "CIAS-2022-023": ((SOC_CLAUSE, SOC_CRITERION), ()),  # aide à domicile
}


@dataclass
class Extra:
    """A contract of the register that does not appear in the 2025 ledger."""

    key: str  # A | V | C
    year: int
    months: tuple[int, int]  # notification month range
    duration: int
    object: str
    cpv: str
    supplier: str
    amount: tuple[float, float]
    social: tuple[str, ...] | None = None
    env: tuple[str, ...] | None = None


E = Extra
_KEYS = {"A": AGGLO, "V": VILLE, "C": CIAS}

# Older contracts (ended before 2025), contracts notified at the end of 2025 and not yet
# executed, and low-value contracts (< 40 000 € HT, not published in DECP).
EXTRAS: tuple[Extra, ...] = (
    # ---- Agglopolys
    E("A", 2025, (11, 11), 20, "Construction de la déchetterie sud – lot 1 gros œuvre", "45213270-6",
      "Construction Sologne Bâtiment", (1_600_000, 2_100_000), (SOC_CLAUSE,), ()),
    E("A", 2025, (11, 11), 14, "Construction de la déchetterie sud – lot 2 voirie et réseaux divers",
      "45233000-9", "VRD Centre Terrassement", (800_000, 1_100_000), (SOC_CLAUSE,), ()),
    E("A", 2025, (10, 10), 84, "Collecte des déchets ménagers et assimilés – secteur sud",
      "90511000-2", "Collectes Urbaines du Centre", (24_000_000, 30_000_000), (SOC_CLAUSE,), ()),
    E("A", 2021, (3, 6), 36, "Collecte et valorisation des déchets verts des déchetteries",
      "90514000-3", "Recyval Environnement", (420_000, 600_000)),
    E("A", 2025, (12, 12), 48, "Transport scolaire – lot 3 circuits des regroupements pédagogiques",
      "60130000-8", "Voyages Beauce Sologne", (700_000, 950_000), None, ()),
    E("A", 2025, (12, 12), 48, "Service de transport à la demande", "60120000-5",
      "Transport à la Demande Val de Loire", (1_200_000, 1_600_000), None, ()),
    E("A", 2025, (11, 12), 36, "Fourniture d'autobus électriques à plancher bas", "34121400-5",
      "Bus Électriques Europe Distribution", (2_800_000, 3_400_000), None, (ENV_CRITERION,)),
    E("A", 2024, (3, 5), 24, "Entretien des espaces verts des parcs d'activités", "77310000-6",
      "Atelier Vert Solidaire 41", (150_000, 200_000), (SOC_RESERVED,), (ENV_CLAUSE,)),
    E("A", 2022, (2, 4), 24, "Fauchage et débroussaillage des bords de voies communautaires",
      "77312000-0", "Arbor Élagage Centre", (90_000, 130_000)),
    E("A", 2025, (9, 10), 6, "Audit énergétique du patrimoine communautaire", "71314300-5",
      "Énergie Conseil Territoires", (28_000, 38_000)),
    E("A", 2023, (1, 3), 36, "Vérifications périodiques réglementaires des installations",
      "71631000-0", "Contrôles Techniques Bâtiments Centre", (45_000, 70_000)),
    E("A", 2021, (2, 4), 24, "Assistance à maîtrise d'ouvrage pour l'élaboration du PCAET",
      "90712000-1", "Climat Conseil Territoires", (55_000, 75_000), (), (ENV_CRITERION,)),
    E("A", 2024, (4, 6), 24, "Fourniture de composteurs individuels", "34928480-6",
      "Equip'Urbain Centre", (40_000, 55_000), None, (ENV_CLAUSE, ENV_CRITERION)),
    E("A", 2021, (5, 7), 36, "Entretien et maintenance de l'éclairage public", "50232100-1",
      "Lumières de Fête Centre", (300_000, 420_000)),
    E("A", 2024, (2, 3), 24, "Prestations de dératisation et de désinsectisation", "90923000-3",
      "Nuisibles Services 41", (12_000, 20_000)),
    E("A", 2025, (9, 9), 12, "Nettoyage des vitres des bâtiments communautaires", "90911300-9",
      "Vitres Nettes Blésoises", (18_000, 30_000)),
    E("A", 2022, (9, 11), 24, "Élimination des déchets d'équipements électriques", "90510000-5",
      "Valorisation Energétique du Val", (150_000, 210_000), None, ()),
    # ---- Ville de Blois
    E("V", 2025, (12, 12), 10, "Rénovation énergétique du gymnase municipal – lot 1 isolation",
      "45321000-3", "Isolation Thermique Ligérienne", (550_000, 700_000), (SOC_CLAUSE,),
      (ENV_CLAUSE, ENV_CRITERION)),
    E("V", 2025, (12, 12), 10, "Rénovation énergétique du gymnase municipal – lot 2 chauffage "
      "ventilation", "45331000-6", "Génie Climatique Val de Loire", (380_000, 460_000), None,
      (ENV_CLAUSE,)),
    E("V", 2022, (3, 4), 24, "Entretien des espaces verts – secteur nord", "77310000-6",
      "Atelier Vert Solidaire 41", (260_000, 340_000), (SOC_CLAUSE,), None),
    E("V", 2024, (10, 12), 36, "Élagage et abattage des arbres d'alignement", "77341000-2",
      "Arbor Élagage Centre", (100_000, 140_000)),
    E("V", 2024, (5, 7), 24, "Fourniture et pose de jeux pour aires de jeux", "37535200-9",
      "Ludiparc Équipements", (70_000, 95_000)),
    E("V", 2022, (4, 6), 6, "Réfection des toitures de l'école des Grouëts", "45261000-4",
      "Couverture Delaunay", (180_000, 240_000), (SOC_CLAUSE,), ()),
    E("V", 2021, (6, 8), 12, "Travaux de mise en accessibilité des bâtiments municipaux",
      "45262700-8", "Accessibilité Bâtiment Centre", (350_000, 480_000), (SOC_CLAUSE,), None),
    E("V", 2025, (12, 12), 48, "Fourniture de vêtements de travail et d'équipements de "
      "protection", "18110000-3", "Tenues Pro Loire", (55_000, 75_000), None, (ENV_CRITERION,)),
    E("V", 2021, (9, 10), 36, "Maintenance des installations de chauffage (P2)", "50720000-8",
      "Thermique Services Centre", (210_000, 280_000)),
    E("V", 2023, (9, 10), 12, "Location et pose des illuminations de fin d'année", "31527200-8",
      "Lumières de Fête Centre", (70_000, 95_000), None, ()),
    E("V", 2025, (6, 6), 12, "Fourniture de repas – accueils de loisirs d'été", "55524000-9",
      "Restauration Collective du Val", (25_000, 38_000), None, ()),
    E("V", 2024, (2, 3), 12, "Fourniture de plantes vivantes pour le fleurissement", "03121100-6",
      "Pépinières du Val de Cisse", (18_000, 28_000)),
    E("V", 2022, (5, 7), 24, "Fourniture et installation de caméras de vidéoprotection",
      "35125300-2", "Vidéo Sûreté Loire", (190_000, 260_000)),
    E("V", 2025, (10, 11), 6, "Étude de programmation pour la halle du marché couvert",
      "71241000-9", "Programmation Urbaine Associés", (25_000, 36_000)),
    E("V", 2025, (11, 11), 48, "Nettoyage des locaux – lot 2 écoles maternelles", "90919200-4",
      "Propreté Solidaire du Blaisois", (380_000, 460_000), (SOC_CLAUSE,), (ENV_CLAUSE,)),
    E("V", 2023, (3, 4), 8, "Travaux de voirie – requalification de la rue des Écoles",
      "45233140-2", "Routes et Enrobés du Centre", (700_000, 900_000), (SOC_CLAUSE,), ()),
    E("V", 2021, (10, 12), 36, "Location-maintenance de copieurs", "30120000-6",
      "Copie Office Loire", (45_000, 60_000)),
    # ---- CIAS du Blaisois
    E("C", 2023, (5, 6), 48, "Téléassistance des personnes âgées à domicile", "79711000-1",
      "Téléassistance Val Services", (100_000, 140_000)),
    E("C", 2024, (6, 8), 36, "Blanchisserie du linge des résidences autonomie", "98310000-9",
      "Blanchisserie Solidaire du Loir", (80_000, 110_000), (SOC_RESERVED,), None),
    E("C", 2022, (1, 3), 36, "Fourniture de protections et de produits d'incontinence",
      "33141000-0", "Médical Hygiène Distribution", (45_000, 65_000)),
    E("C", 2025, (11, 11), 12, "Transport accompagné des personnes âgées", "60130000-8",
      "Mobilité Solidaire 41", (22_000, 34_000), (SOC_CRITERION,), ()),
    E("C", 2025, (9, 10), 12, "Formation des aides à domicile – gestes et postures", "80511000-9",
      "Institut Formation Territoriale Centre", (15_000, 25_000)),
    E("C", 2021, (1, 2), 24, "Maintenance des ascenseurs des résidences autonomie", "50750000-7",
      "Ascenseurs Loire Maintenance", (25_000, 35_000)),
    E("C", 2025, (4, 5), 24, "Entretien des espaces verts des résidences autonomie", "77310000-6",
      "Atelier Vert Solidaire 41", (18_000, 30_000), (SOC_RESERVED,), (ENV_CLAUSE,)),
    E("C", 2025, (12, 12), 6, "Fourniture de mobilier adapté pour les résidences autonomie",
      "39150000-8", "Mobilier Collectivités Loire", (40_000, 55_000)),
)  # fmt: skip


@dataclass
class Row:
    ref: str
    entity: str
    supplier: str
    siret: str
    cpv: str
    object: str
    account: str = ""
    category: str = ""
    notified: dt.date = dt.date(2000, 1, 1)
    duration: int = 12
    end: dt.date = dt.date(2000, 1, 1)
    amount: float = 0.0
    procedure: str = ""
    social: list[str] = field(default_factory=list)
    env: list[str] = field(default_factory=list)
    hours_planned: int | None = None
    hours_done: int | None = None
    in_ledger: bool = False


# --------------------------------------------------------------------------- helpers


def category(cpv: str, account: str = "") -> str:
    c = cpv[:8]
    if c.startswith("45"):
        return "travaux"
    if account == "2031" or c.startswith(("7122", "7124200")):
        return "moe"
    if c.startswith("9051"):
        return "dechets"
    if c.startswith("909"):
        return "nettoyage"
    if c.startswith("773"):
        return "espaces_verts"
    if c.startswith("60"):
        return "transport"
    if c.startswith(("555", "15")):
        return "restauration"
    if c.startswith(("09", "65")):
        return "energie"
    if c.startswith(("341", "501")):
        return "vehicules"
    if c.startswith(("30", "48", "72")):
        return "numerique"
    if c.startswith("85"):
        return "social"
    if c[:2] in ("64", "66", "71", "79", "80", "90", "98", "50"):
        return "services"
    return "fournitures"


def add_months(day: dt.date, months: int) -> dt.date:
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def end_date(notified: dt.date, months: int) -> dt.date:
    return add_months(notified, months) - dt.timedelta(days=1)


def random_date(rng: np.random.Generator, lo: dt.date, hi: dt.date) -> dt.date:
    """A working day between ``lo`` and ``hi`` (inclusive) when possible."""
    span = (hi - lo).days
    for _ in range(20):
        day = lo + dt.timedelta(days=int(rng.integers(0, span + 1)))
        if day.weekday() < 5:
            return day
    return lo


def ledger_usage() -> dict[str, tuple[float, dt.date, dt.date]]:
    """2025 spend (€ HT, estimated from TTC when HT is missing), first and last mandate date."""
    spend: dict[str, float] = defaultdict(float)
    first: dict[str, dt.date] = {}
    last: dict[str, dt.date] = {}
    for r in ledger.build_rows():
        ref = r["N° marché"]
        if not ref:
            continue
        assert isinstance(ref, str)
        day = r["Date mandat"]
        assert isinstance(day, dt.date)
        ht = r["Montant HT"]
        if ht is None:
            rate = r["Taux TVA"]
            vat = float(rate) if isinstance(rate, int | float) else 20.0
            ht = float(r["Montant TTC"]) / (1 + vat / 100)  # type: ignore[arg-type]
        spend[ref] += float(ht)  # type: ignore[arg-type]
        first[ref] = min(first.get(ref, day), day)
        last[ref] = max(last.get(ref, day), day)
    return {ref: (spend[ref], first[ref], last[ref]) for ref in spend}


def extra_sirets(names: list[str]) -> dict[str, str]:
    """Fictitious SIRETs (SIREN « 9… ») for suppliers that are not in the ledger."""
    rng = np.random.default_rng([SEED, 9])
    used = {s[:9] for s in SUPPLIER_SIRETS.values()}
    out: dict[str, str] = {}
    for name in names:
        while True:
            siren8 = "9" + "".join(str(d) for d in rng.integers(0, 10, size=7))
            siret = make_siret(siren8, f"{int(rng.integers(1, 9)) * 10:04d}")
            if siret[:9] not in used:
                used.add(siret[:9])
                out[name] = siret
                break
    return out


def round_amount(value: float, cat: str) -> float:
    if cat in ONE_OFF_CATEGORIES:
        return round(value, 2)  # forfait: exact amount
    step = 1000.0 if value >= 20_000 else 100.0  # accord-cadre: rounded maximum
    return float(round(value / step) * step)


def pick_procedure(rng: np.random.Generator, amount: float, cat: str, cpv: str) -> str:
    if amount < 40_000:
        return PROC_DIRECT if rng.random() < 0.7 else PROC_MAPA
    if cat == "social" or cpv.startswith("79100000") or cpv.startswith("79000000"):
        return PROC_MAPA  # services sociaux et juridiques : procédure adaptée
    if cat == "travaux":
        return PROC_MAPA if amount < 5_538_000 else PROC_AOO
    if cat == "moe":
        return PROC_MAPA if amount < 221_000 else PROC_NEGO
    if amount < 221_000:
        return PROC_MAPA
    return PROC_AOR if rng.random() < 0.1 else PROC_AOO


def draw_considerations(
    rng: np.random.Generator, cat: str, year: int
) -> tuple[list[str], list[str]]:
    p_soc, p_env = CATEGORY_PROBS[cat]
    factor = YEAR_FACTOR[year]
    social: list[str] = []
    if rng.random() < min(0.95, p_soc * factor):
        u = rng.random()
        if cat in LABOUR_CATEGORIES:
            if u < 0.7:
                social = [SOC_CLAUSE]
            elif u < 0.9:
                social = [SOC_CLAUSE, SOC_CRITERION]
            elif u < 0.95 and cat != "travaux":
                social = [SOC_RESERVED]
            else:
                social = [SOC_CRITERION]
        elif u < 0.4:
            social = [SOC_CRITERION]
        elif u < 0.8:
            social = [SOC_CLAUSE]
        else:
            social = [SOC_CLAUSE, SOC_CRITERION]
    env: list[str] = []
    if rng.random() < min(0.95, p_env * factor):
        u = rng.random()
        if u < 0.45:
            env = [ENV_CLAUSE]
        elif u < 0.75:
            env = [ENV_CRITERION]
        else:
            env = [ENV_CLAUSE, ENV_CRITERION]
    return social, env


def insertion_hours(rng: np.random.Generator, row: Row) -> tuple[int | None, int | None]:
    if SOC_CLAUSE not in row.social:
        return None, None
    if row.category in LABOUR_CATEGORIES:
        planned = min(6000.0, max(200.0, row.amount * float(rng.uniform(0.0004, 0.0009))))
    elif row.category in SERVICE_CATEGORIES:
        planned = min(1500.0, max(100.0, row.amount * float(rng.uniform(0.0002, 0.0005))))
    else:
        return None, None  # supplies: social clause without insertion hours
    planned_h = int(round(planned / 10) * 10)
    # Not reported yet: notified less than 6 months before the extract, or not sent back.
    if row.notified > add_months(AS_OF, -6) or rng.random() < 0.12:
        return planned_h, None
    total = (row.end - row.notified).days or 1
    progress = min(1.0, max(0.0, (AS_OF - row.notified).days / total))
    done = planned_h * progress * float(rng.uniform(0.7, 1.15))
    done = min(done, planned_h * 1.1)
    return planned_h, round(done)


# --------------------------------------------------------------------------- register


def build_register(seed: int = SEED) -> list[Row]:
    rng = np.random.default_rng(seed)
    usage = ledger_usage()
    rows: list[Row] = []

    for c in CONTRACTS:
        cat = category(c.cpv, c.account)
        year = int(c.ref.split("-")[-2])
        spend, first, last = usage.get(c.ref, (0.0, None, None))  # type: ignore[assignment]
        durations = DURATIONS.get(cat, DURATIONS["default"])
        if c.account == "615231":
            durations = (48,)
        if cat == "services" and c.cpv.startswith("665"):
            durations = (48, 60)  # assurances
        year_lo, year_hi = dt.date(year, 1, 2), dt.date(year, 12, 20)
        # Notified before its first 2025 mandate.
        hi = min(year_hi, first - dt.timedelta(days=3)) if first else year_hi
        assert hi >= year_lo, c.ref
        notified = random_date(rng, year_lo, hi)
        # Still running at the date of its last 2025 mandate.
        feasible = [d for d in durations if not last or end_date(notified, d) >= last]
        if feasible:
            duration = int(rng.choice(feasible))
        else:
            duration = max(durations)
            while end_date(notified, duration) < last:
                duration += 12
        if cat in ONE_OFF_CATEGORIES:
            base = spend * float(rng.uniform(1.25, 2.2)) if spend else 0.0
        else:
            base = spend * duration / 12 * float(rng.uniform(0.95, 1.35)) if spend else 0.0
        if base <= 0:
            lo_a, hi_a = DEFAULT_AMOUNTS.get(cat, DEFAULT_AMOUNTS["default"])
            base = float(rng.uniform(lo_a, hi_a))
        amount = round_amount(base, cat)
        row = Row(
            c.ref, c.entity, c.supplier, c.siret, c.cpv, c.object, c.account, cat,
            notified, duration, end_date(notified, duration), amount, in_ledger=True,
        )  # fmt: skip
        rows.append(row)

    # Extra contracts, numbered after the ledger ones of the same entity and year.
    taken: dict[tuple[str, int], set[int]] = defaultdict(set)
    for c in CONTRACTS:
        parts = c.ref.split("-")
        taken[c.entity, int(parts[-2])].add(int(parts[-1]))
    new_suppliers = list(
        dict.fromkeys(e.supplier for e in EXTRAS if e.supplier not in SUPPLIER_SIRETS)
    )
    sirets = {**SUPPLIER_SIRETS, **extra_sirets(new_suppliers)}
    for e in EXTRAS:
        entity = _KEYS[e.key]
        used = taken[entity, e.year]
        free = [n for n in range(1, max(used, default=0) + 12) if n not in used]
        number = int(free[int(rng.integers(0, len(free)))])
        used.add(number)
        ref = f"{ledger._CONTRACT_PREFIX[entity]}{e.year}-{number:03d}"
        lo = dt.date(e.year, e.months[0], 1)
        hi = dt.date(e.year, e.months[1], 20 if e.months[1] == 12 else 28)
        notified = random_date(rng, lo, hi)
        cat = category(e.cpv)
        amount = round_amount(float(rng.uniform(*e.amount)), cat)
        row = Row(
            ref, entity, e.supplier, sirets[e.supplier], e.cpv, e.object, "", cat,
            notified, e.duration, end_date(notified, e.duration), amount,
        )  # fmt: skip
        row.social = list(e.social) if e.social is not None else []
        row.env = list(e.env) if e.env is not None else []
        rows.append(row)

    # Considerations, procedure, insertion hours.
    extras_forced = {rows[len(CONTRACTS) + i].ref: (e.social, e.env) for i, e in enumerate(EXTRAS)}
    for row in rows:
        social, env = draw_considerations(rng, row.category, row.notified.year)
        forced_soc, forced_env = FORCED.get(row.ref) or extras_forced.get(row.ref, (None, None))
        row.social = list(forced_soc) if forced_soc is not None else social
        row.env = list(forced_env) if forced_env is not None else env
        row.procedure = pick_procedure(rng, row.amount, row.category, row.cpv)
        row.hours_planned, row.hours_done = insertion_hours(rng, row)

    rows.sort(key=lambda r: (ENTITIES.index(r.entity), r.notified.year, r.ref))
    return rows


def register_table(rows: list[Row], seed: int = SEED) -> list[list[object]]:
    """Rows as written in the sheet, with the register's deliberate untidiness."""
    rng = np.random.default_rng([seed, 1])
    n = len(rows)
    no_soc = [i for i, r in enumerate(rows) if not r.social]
    no_env = [i for i, r in enumerate(rows) if not r.env]
    k = round(SHARE_NOT_APPLICABLE * n)
    soc_na = set(rng.choice(no_soc, size=min(k, len(no_soc)), replace=False).tolist())
    env_na = set(rng.choice(no_env, size=min(k, len(no_env)), replace=False).tolist())
    as_text = set(rng.choice(n, size=N_AMOUNTS_AS_TEXT, replace=False).tolist())
    unknown = set(CIRCULAR) - {r.ref for r in rows}
    if unknown:
        raise ValueError(f"AGEC flags for contracts absent from the register: {sorted(unknown)}")
    table: list[list[object]] = []
    for i, r in enumerate(rows):
        social = SEPARATOR.join(r.social) or (NOT_APPLICABLE if i in soc_na else SOC_NONE)
        env = SEPARATOR.join(r.env) or (NOT_APPLICABLE if i in env_na else ENV_NONE)
        amount: object = r.amount
        if i in as_text:
            sep = "\u00a0" if len(table) % 3 == 0 else " "
            text = f"{r.amount:,.2f}".replace(",", sep).replace(".", ",")
            amount = f"{text} €"
        table.append(
            [
                r.ref,
                r.entity,
                GROUP_SIRETS[r.entity],
                r.object,
                r.cpv,
                amount,
                r.notified,
                r.duration,
                r.end,
                r.procedure,
                social,
                env,
                r.hours_planned,
                r.hours_done,
                r.supplier,
                r.siret,
                *CIRCULAR.get(r.ref, (None, None)),
            ]
        )
    return table


def write_xlsx(table: list[list[object]], path: Path) -> None:
    wb, ws, col = ledger.titled_workbook(
        SHEET_NAME, "examples/make_contracts.py", TITLE_LINES, FIXED_TIMESTAMP, tuple(HEADERS)
    )
    for values in table:
        ws.append(values)
        r = ws.max_row
        for h in ("Date de notification", "Date de fin"):
            ws.cell(r, col[h]).number_format = "DD/MM/YYYY"
        ws.cell(r, col["Montant HT"]).number_format = "#,##0.00"
        for h in ("SIRET acheteur", "SIRET titulaire", "Code CPV", "N° marché"):
            ws.cell(r, col[h]).number_format = "@"

    widths = (15, 17, 16, 70, 12, 15, 13, 8, 12, 30, 34, 40, 10, 10, 40, 16, 10, 12)
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A6"
    ws.auto_filter.ref = f"A5:{chr(ord('A') + len(HEADERS) - 1)}{ws.max_row}"

    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(_pin_zip(buffer.getvalue()))


# --------------------------------------------------------------------------- DECP


def _ccag(row: Row) -> str:
    if row.category == "travaux":
        return "Travaux"
    if row.category == "moe":
        return "Maitrise d'œuvre"
    if row.category == "numerique" or row.cpv.startswith("642"):
        return "Techniques de l'information et de la communication"
    if row.cpv.startswith(("79", "80", "713", "7124", "907")):
        return "Prestations intellectuelles"
    if row.cpv.startswith(("66", "64112")):
        return "Pas de CCAG"
    return "Fournitures courantes et services"


def decp_record(row: Row, rng: np.random.Generator) -> dict[str, object]:
    bons = row.category not in ONE_OFF_CATEGORIES and row.duration >= 12 and rng.random() < 0.6
    technique = ["Accord-cadre"] if bons else ["Sans objet"]
    if row.category == "moe" and row.procedure == PROC_NEGO:
        technique = ["Concours"]
    modalite = ["Bons de commande"] if bons else ["Sans objet"]
    if row.category == "travaux" and row.amount > 1_000_000 and rng.random() < 0.4:
        modalite = ["Tranches"]
    if row.category in ONE_OFF_CATEGORIES:
        forme = "Forfaitaire"
    else:
        forme = "Unitaire" if bons else str(rng.choice(["Forfaitaire", "Mixte", "Unitaire"]))
    type_prix = "Définitif révisable" if row.duration > 12 else "Définitif ferme"
    if row.procedure == PROC_DIRECT:
        offers = 1
    else:
        offers = int(rng.integers(1, 4 if row.procedure == PROC_MAPA else 9))
        offers = max(offers, 2) if row.procedure != PROC_MAPA else offers
    network_wide = row.entity == AGGLO and row.category in ("dechets", "transport")
    place = (
        {"code": "41", "typeCode": "Code département"}
        if network_wide
        else {"code": "41018", "typeCode": "Code commune"}
    )
    advance = row.category == "travaux" and row.amount >= 50_000
    published = min(row.notified + dt.timedelta(days=int(rng.integers(3, 45))), AS_OF)
    montant: float | int = row.amount
    if float(montant).is_integer():
        montant = int(montant)
    record: dict[str, object] = {
        "id": row.ref,
        "acheteur": {"id": GROUP_SIRETS[row.entity]},
        "nature": "Marché",
        "objet": row.object,
        "codeCPV": row.cpv[:8],
        "origineUE": 0,
        "origineFrance": 0,
        "procedure": row.procedure,
        "marcheInnovant": False,
        "ccag": _ccag(row),
        "offresRecues": offers,
        "attributionAvance": advance,
    }
    if advance:
        record["tauxAvance"] = 0.05
    record.update(
        {
            "typeGroupementOperateurs": "Pas de groupement",
            "lieuExecution": place,
            "dureeMois": row.duration,
            "dateNotification": row.notified.isoformat(),
            "datePublicationDonnees": published.isoformat(),
            "montant": montant,
            "formePrix": forme,
            "sousTraitanceDeclaree": row.category == "travaux" and rng.random() < 0.3,
            "titulaires": [{"titulaire": {"typeIdentifiant": "SIRET", "id": row.siret}}],
            "considerationsSociales": {"considerationSociale": row.social or [SOC_NONE]},
            "considerationsEnvironnementales": {
                "considerationEnvironnementale": row.env or [ENV_NONE]
            },
            "modalitesExecution": {"modaliteExecution": modalite},
            "techniques": {"technique": technique},
            "typesPrix": {"typePrix": [type_prix]},
        }
    )
    return record


def build_decp(rows: list[Row], seed: int = SEED) -> dict[str, object]:
    rng = np.random.default_rng([seed, 2])
    selected = [r for r in rows if r.notified.year in (2024, 2025) and r.amount >= DECP_THRESHOLD]
    selected.sort(key=lambda r: (r.notified, r.ref))
    return {"marches": {"marche": [decp_record(r, rng) for r in selected]}}


def write_decp(decp: dict[str, object], path: Path) -> None:
    text = json.dumps(decp, ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- main


def _int(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def summary(rows: list[Row], decp: dict[str, object]) -> list[str]:
    n = len(rows)
    total = sum(r.amount for r in rows)
    soc = [r for r in rows if r.social]
    env = [r for r in rows if r.env]
    lines = [
        f"{n} marchés, {_int(total)} € HT",
        f"  ≥1 considération sociale : {len(soc)} ({_pct(len(soc), n)} en nombre, "
        f"{_pct(sum(r.amount for r in soc), total)} en montant)",
        f"  ≥1 considération environnementale : {len(env)} ({_pct(len(env), n)} en nombre, "
        f"{_pct(sum(r.amount for r in env), total)} en montant)",
    ]
    for year in sorted({r.notified.year for r in rows}):
        yr = [r for r in rows if r.notified.year == year]
        lines.append(
            f"  notifiés en {year} : {len(yr)} — sociale {_pct(sum(bool(r.social) for r in yr), len(yr))}, "
            f"environnementale {_pct(sum(bool(r.env) for r in yr), len(yr))}"
        )
    planned = sum(r.hours_planned or 0 for r in rows)
    done = sum(r.hours_done or 0 for r in rows)
    with_clause = sum(r.hours_planned is not None for r in rows)
    reported = sum(r.hours_done is not None for r in rows)
    lines.append(
        f"  heures d'insertion : {_int(planned)} prévues sur {with_clause} marchés, "
        f"{_int(done)} réalisées ({reported} marchés renseignés)"
    )
    per_entity = Counter(r.entity for r in rows)
    lines.append("  marchés par entité : " + ", ".join(f"{e} {per_entity[e]}" for e in ENTITIES))
    refs = {r.ref for r in rows}
    covered = sum(c.ref in refs for c in CONTRACTS)
    lines.append(f"  marchés du grand livre couverts : {covered}/{len(CONTRACTS)}")
    marches = decp["marches"]["marche"]  # type: ignore[index]
    lines.append(f"  DECP 2024-2025 (≥ 40 000 € HT) : {len(marches)} marchés")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    parser.add_argument("--decp", type=Path, default=DECP_OUTPUT)
    args = parser.parse_args(argv)
    rows = build_register()
    refs = [r.ref for r in rows]
    assert len(refs) == len(set(refs)), "duplicate contract reference"
    write_xlsx(register_table(rows), args.output)
    decp = build_decp(rows)
    write_decp(decp, args.decp)
    print(f"{args.output} ; {args.decp}")
    for line in summary(rows, decp):
        print(line)


if __name__ == "__main__":
    main()
