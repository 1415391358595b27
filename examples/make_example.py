"""Generate the synthetic example purchase ledger ``examples/grand-livre-2025.xlsx``.

The ledger mimics a mandats export (grand livre des dépenses) of three entities that
pool services: « Agglopolys », « Ville de Blois » and « CIAS du Blaisois ».  Every
amount, supplier, SIRET and contract reference is FICTITIOUS: the file must never be
read as real spending data.

Usage::

    python examples/make_example.py [-o examples/grand-livre-2025.xlsx]

The output is deterministic: the random generator is seeded with ``SEED`` and the
workbook metadata / zip timestamps are pinned, so two runs produce identical bytes.

Module-level objects reusable by other scripts (e.g. a contracts register):

* ``GROUP_SIRETS``: fictitious SIRETs of the three group entities;
* ``SUPPLIER_SIRETS``: fictitious SIRET of every supplier;
* ``CONTRACTS``: list of ``Contract(ref, entity, supplier, siret, account, cpv, object)``;
* ``build_rows`` (keyword arguments: another year, families, contracts in force, spend
  targets), ``family_spend`` and ``write_xlsx``: used by ``make_example_2024.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

SEED = 2025
YEAR = 2025
OUTPUT = Path(__file__).resolve().parent / "grand-livre-2025.xlsx"
SHEET_NAME = "Mandats 2025"
FIXED_TIMESTAMP = dt.datetime(2026, 1, 15, 9, 0, 0)

TITLE_LINES = (
    "Grand livre des dépenses — exercice 2025",
    "Agglopolys – Ville de Blois – CIAS du Blaisois",
    "DONNÉES SYNTHÉTIQUES générées par examples/make_example.py (graine 2025) "
    "— ne correspondent à aucune dépense réelle",
)

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

AGGLO = "Agglopolys"
VILLE = "Ville de Blois"
CIAS = "CIAS du Blaisois"
ENTITIES = (AGGLO, VILLE, CIAS)
_ENTITY_KEYS = {"A": AGGLO, "V": VILLE, "C": CIAS}
_CONTRACT_PREFIX = {AGGLO: "AGGLO-", VILLE: "", CIAS: "CIAS-"}

SHARE_TTC_ONLY = 0.10
SHARE_CREDIT_NOTES = 0.02
SHARE_RATE_AS_TEXT = 0.03
SHARE_RATE_MISSING = 0.03
# Calibration: ~55 % of purchase lines under a contract, ~40 % of lines with a CPV code.
CONTRACT_COVERAGE = 0.85
SHARE_CPV_ON_CONTRACT = 0.75
SHARE_CPV_OFF_CONTRACT = 0.06
SHARE_CPV_WITHOUT_CHECK_DIGIT = 0.25


# --------------------------------------------------------------------------- SIRET


def luhn_check_digit(payload: str) -> str:
    """Return the digit that makes ``payload + digit`` pass the Luhn check."""
    total = 0
    # The check digit will sit at position 0 from the right: payload digits start at 1.
    for i, char in enumerate(reversed(payload), start=1):
        d = int(char)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return number.isdigit() and luhn_check_digit(number[:-1]) == number[-1]


def make_siret(siren8: str, nic4: str = "0001") -> str:
    """Build a SIRET whose SIREN (9 digits) and full 14 digits both pass Luhn."""
    siren = siren8 + luhn_check_digit(siren8)
    body = siren + nic4
    return body + luhn_check_digit(body)


# FICTITIOUS group SIRETs: public-body style SIREN (« 2… »), well-formed (SIREN and SIRET
# both pass the Luhn check) but not the real identifiers of these entities.
GROUP_SIRETS: dict[str, str] = {
    AGGLO: make_siret("29994103"),
    VILLE: make_siret("29994101"),
    CIAS: make_siret("29994102"),
}
GROUP_SIRENS: dict[str, str] = {name: siret[:9] for name, siret in GROUP_SIRETS.items()}


# --------------------------------------------------------------------------- families


@dataclass(frozen=True)
class Family:
    """A homogeneous group of ledger lines (one account, one kind of expense)."""

    account: str
    # entity key ("A", "V", "C") -> (number of lines, median amount HT, fonction codes)
    spec: dict[str, tuple[int, float, tuple[str, ...]]]
    sigma: float
    vat: float
    labels: tuple[str, ...]
    suppliers: tuple[str, ...]
    cpvs: tuple[str, ...] = ()
    contract_share: float = 0.0
    contract_object: str = ""
    kind: str = "achat"  # achat | invest | hors_achat | interne
    monthly: bool = False
    siret: bool = True
    # paired: supplier i goes with label i and CPV i (modulo the lengths of those lists)
    paired: bool = False
    # months in which the lines fall (seasonal or one-off expenses); empty: any month
    months: tuple[int, ...] = ()


F = Family

FAMILIES: tuple[Family, ...] = (
    # ---- 60 : achats
    F(
        "60611",
        {
            "A": (24, 1900, ("020", "323", "721")),
            "V": (40, 1500, ("020", "212", "321", "026")),
            "C": (12, 900, ("423",)),
        },
        1.0,
        5.5,
        ("Consommation eau {site} – {periode}", "Abonnement et consommation eau potable – {site}"),
        ("Eaux du Val de Loire", "Régie des eaux du Blaisois"),
        ("65110000-7", "65111000-4"),
        0.35,
        "Fourniture d'eau potable des bâtiments",
    ),
    F(
        "60612",
        {
            "A": (36, 9500, ("020", "323", "721")),
            "V": (60, 7800, ("020", "212", "321", "84")),
            "C": (12, 3200, ("423",)),
        },
        1.0,
        20,
        ("Fourniture électricité {site} – {mois}", "Électricité points de livraison – {mois}"),
        ("Energies Centre Ouest", "Volta Énergie Collectivités"),
        ("09310000-5",),
        0.9,
        "Fourniture d'électricité (groupement de commandes)",
        monthly=True,
    ),
    F(
        "60621",
        {
            "A": (12, 5200, ("020", "323")),
            "V": (24, 6100, ("020", "212", "321")),
            "C": (8, 2400, ("423",)),
        },
        0.9,
        20,
        ("Fourniture gaz naturel {site} – {mois}",),
        ("Gaz Loire Services", "Energies Centre Ouest"),
        ("09123000-7",),
        0.85,
        "Fourniture de gaz naturel",
        monthly=True,
    ),
    F(
        "60622",
        {
            "A": (48, 4200, ("721", "020", "84")),
            "V": (36, 2600, ("020", "84", "026")),
            "C": (12, 650, ("423", "424")),
        },
        0.8,
        20,
        (
            "Carburant gazole flotte {service} – {mois}",
            "Cartes carburant véhicules de service – relevé {mois}",
            "Livraison gazole non routier centre technique",
        ),
        ("Pétroles de Touraine", "Carbu'Flotte Services", "Station Relais Blois Nord"),
        ("09134100-8", "09132100-4"),
        0.75,
        "Fourniture de carburants par cartes accréditives",
    ),
    F(
        "60623",
        {"V": (72, 3100, ("281",))},
        0.9,
        5.5,
        (
            "Fruits et légumes frais cuisine centrale – semaine {semaine}",
            "Produits laitiers bio cuisine centrale – {mois}",
            "Viandes et volailles Label Rouge – {mois}",
            "Denrées alimentaires restauration scolaire – lot {lot} – {mois}",
            "Pain et viennoiseries restauration scolaire – {mois}",
        ),
        (
            "Primeurs de Sologne",
            "Laiterie du Perche",
            "Boucherie Centrale Loir-et-Cher",
            "Épicerie Collective Ligérienne",
            "Boulangerie des Remparts",
        ),
        ("15300000-1", "15500000-3", "15100000-9", "15000000-8", "15811000-6"),
        0.7,
        "Fourniture de denrées alimentaires – lot {lot}",
        paired=True,
    ),
    F(
        "60623",
        {"A": (4, 600, ("33",)), "C": (36, 1700, ("423",))},
        0.9,
        5.5,
        ("Denrées alimentaires portage de repas – {mois}", "Goûters et collations {site}"),
        ("Terroirs du Blésois", "Épicerie Collective Ligérienne"),
        ("15000000-8", "15800000-6"),
        0.6,
        "Fourniture de denrées alimentaires",
        paired=True,
    ),
    F(
        "60631",
        {
            "A": (24, 850, ("020", "323", "721")),
            "V": (36, 950, ("212", "213", "020", "321")),
            "C": (12, 600, ("423",)),
        },
        0.8,
        20,
        (
            "Produits d'entretien {site} – commande {n}",
            "Papier hygiénique et essuie-mains – commande {n}",
            "Détergents écolabellisés – commande {n}",
        ),
        ("Hygiène Pro Centre", "Distri-Clean Val de Loire", "Ecoprop Fournitures"),
        ("39830000-9", "33760000-5", "39224300-1"),
        0.6,
        "Fourniture de produits d'entretien et d'hygiène",
    ),
    F(
        "60632",
        {
            "A": (36, 700, ("020", "721", "323")),
            "V": (48, 640, ("020", "212", "321", "84")),
            "C": (12, 420, ("423", "424")),
        },
        1.0,
        20,
        (
            "Petit outillage centre technique – commande {n}",
            "Petit équipement électroménager {site}",
            "Quincaillerie et visserie – commande {n}",
            "Équipements de protection individuelle – commande {n}",
        ),
        ("Quincaillerie Ligérienne", "Outils Pro Blésois", "Brico-Collectivités Centre"),
        ("44510000-8", "39700000-9", "35000000-4"),
        0.35,
        "Fourniture de petit outillage et quincaillerie",
    ),
    F(
        "6064",
        {
            "A": (36, 480, ("020",)),
            "V": (40, 420, ("020", "212", "213")),
            "C": (16, 260, ("40", "020")),
        },
        0.9,
        20,
        (
            "Fourniture ramettes papier A4 recyclé – commande {n}",
            "Cartouches toner imprimantes {service}",
            "Fournitures de bureau – commande {n}",
            "Fournitures scolaires {ecole}",
        ),
        ("Papeterie du Centre-Val", "Bureau Fournitures Loire", "Toner Express Blois"),
        ("30192700-8", "30197630-1", "30125100-2"),
        0.6,
        "Fournitures administratives et scolaires",
    ),
    F(
        "6065",
        {
            "A": (44, 620, ("313",)),
            "V": (24, 480, ("313", "212")),
        },
        0.8,
        5.5,
        (
            "Acquisition ouvrages médiathèques – office {mois}",
            "Abonnements périodiques médiathèques – {trimestre}",
            "Acquisition livres jeunesse – commande {n}",
        ),
        (
            "Librairie Le Passeur de Loire",
            "Presse Abonnements Services",
            "Librairie des Trois Ponts",
        ),
        ("22113000-5", "22200000-2", "22110000-4"),
        0.7,
        "Acquisition de livres et documents pour les médiathèques",
        paired=True,
    ),
    F(
        "6068",
        {
            "A": (20, 900, ("721", "020", "73")),
            "V": (36, 850, ("020", "84", "026", "024")),
            "C": (8, 350, ("423",)),
        },
        1.0,
        20,
        (
            "Vêtements de travail agents {service}",
            "Plants et fleurs massifs saison {saison}",
            "Panneaux de signalisation temporaire",
            "Sacs de collecte et bacs roulants",
        ),
        (
            "Tenues Pro Loire",
            "Pépinières du Val de Cisse",
            "Signalisation Centre France",
            "Equip'Urbain Centre",
        ),
        ("18110000-3", "03451000-6", "34992200-9", "34928480-6"),
        0.4,
        "Fournitures techniques diverses",
        paired=True,
    ),
    # ---- 611 : contrats de prestations de services
    F(
        "611",
        {"A": (36, 215000, ("721",))},
        0.15,
        10,
        (
            "Collecte OM secteur {secteur} – {mois}",
            "Collecte sélective emballages secteur {secteur} – {mois}",
        ),
        ("Collectes Urbaines du Centre", "Recyval Environnement", "Loir Propreté Services"),
        ("90511000-2",),
        1.0,
        "Collecte des déchets ménagers et assimilés – secteur {secteur}",
        monthly=True,
    ),
    F(
        "611",
        {"A": (12, 290000, ("721",))},
        0.12,
        10,
        ("Traitement des déchets résiduels – {mois}",),
        ("Valorisation Energétique du Val",),
        ("90513000-6",),
        1.0,
        "Traitement et valorisation énergétique des déchets résiduels",
        monthly=True,
    ),
    F(
        "611",
        {"A": (12, 520000, ("82",))},
        0.08,
        10,
        ("Contribution forfaitaire exploitation réseau de bus urbains – {mois}",),
        ("Mobilités Blésoises Exploitation",),
        ("60112000-6",),
        1.0,
        "Exploitation du réseau de transport urbain",
        monthly=True,
    ),
    F(
        "611",
        {"A": (40, 48000, ("81",))},
        0.3,
        10,
        ("Transport scolaire circuit {circuit} – {mois}",),
        ("Cars du Loir-et-Cher", "Autocars Val de Loire Voyages"),
        ("60130000-8", "60172000-4"),
        1.0,
        "Transport scolaire – lot {lot}",
    ),
    F(
        "611",
        {"V": (24, 95000, ("281",))},
        0.2,
        10,
        ("Restauration collective – repas livrés {ecole} – {mois}",),
        ("Restauration Collective du Val",),
        ("55523100-3",),
        1.0,
        "Restauration scolaire – fourniture de repas en liaison froide",
        monthly=True,
    ),
    F(
        "611",
        {"C": (12, 60000, ("423",))},
        0.2,
        10,
        ("Prestation portage de repas à domicile – {mois}",),
        ("Saveurs Partagées Traiteur",),
        ("55521100-9",),
        1.0,
        "Portage de repas à domicile",
        monthly=True,
    ),
    F(
        "611",
        {"C": (12, 55000, ("423", "425"))},
        0.25,
        0,
        ("Prestation aide à domicile – heures {mois}",),
        ("Domicile Services Val de Loire",),
        ("85312000-9",),
        1.0,
        "Prestations d'aide et d'accompagnement à domicile",
        monthly=True,
    ),
    F(
        "611",
        {"A": (16, 9500, ("721", "020")), "V": (20, 7200, ("020", "024"))},
        0.8,
        20,
        ("Prestation d'accueil et de gardiennage {site}", "Prestation de sonorisation {evenement}"),
        ("Sécurité Ligérienne", "Son & Scène Centre"),
        ("79713000-5", "79952000-2"),
        0.5,
        "Prestations de gardiennage et d'événementiel",
        paired=True,
    ),
    # ---- 613 / 614 : locations et charges
    F(
        "6132",
        {"A": (12, 6800, ("020", "61")), "V": (12, 3200, ("020",)), "C": (12, 4100, ("40",))},
        0.3,
        20,
        ("Loyer locaux {site} – {mois}",),
        ("Foncière du Val de Loire", "SCI Les Portes de Blois"),
        (),
        0.0,
        monthly=True,
    ),
    F(
        "61351",
        {"A": (12, 4300, ("721",)), "V": (8, 1900, ("84",)), "C": (12, 1100, ("424",))},
        0.5,
        20,
        ("Location longue durée véhicules {service} – {mois}", "Location benne et camion-grue"),
        ("Loc'Auto Collectivités", "Location Poids Lourds Centre"),
        ("34110000-1", "34130000-7"),
        0.8,
        "Location longue durée de véhicules",
    ),
    F(
        "61358",
        {"A": (12, 1500, ("020",)), "V": (20, 1200, ("020", "024")), "C": (4, 600, ("40",))},
        0.7,
        20,
        (
            "Location copieurs multifonctions – {trimestre}",
            "Location barnums et podiums {evenement}",
        ),
        ("Copie Office Loire", "Loc'Événements Centre"),
        ("30190000-7", "39522530-1"),
        0.6,
        "Location de copieurs et de matériel événementiel",
        paired=True,
    ),
    F(
        "614",
        {"A": (4, 3800, ("020",)), "C": (8, 1600, ("40",))},
        0.4,
        20,
        ("Charges locatives {site} – {trimestre}",),
        ("Foncière du Val de Loire", "Syndic Loire Gestion"),
    ),
    # ---- 615 : entretien et réparations
    F(
        "615221",
        {
            "A": (30, 5200, ("020", "323", "721")),
            "V": (80, 4800, ("020", "212", "213", "321")),
            "C": (10, 2600, ("423",)),
        },
        1.1,
        20,
        (
            "Réparation toiture {site}",
            "Travaux de peinture {site}",
            "Remplacement menuiseries {site}",
            "Dépannage plomberie {site}",
            "Entretien chauffage {site} – contrat {trimestre}",
        ),
        (
            "Couverture Delaunay",
            "Peinture Bâtiment Blésois",
            "Menuiserie du Cosson",
            "Plomberie Chauffage Martineau",
            "Thermique Services Centre",
        ),
        ("45261000-4", "45442100-8", "45421000-4", "45330000-9", "50720000-8"),
        0.45,
        "Entretien et petits travaux dans les bâtiments – lot {lot}",
        paired=True,
    ),
    F(
        "615231",
        {"A": (20, 24000, ("84",)), "V": (40, 21000, ("84",))},
        0.9,
        20,
        (
            "Travaux de réfection de chaussée rue {rue}",
            "Point-à-temps et enrobés – {mois}",
            "Marquage au sol {secteur}",
        ),
        ("Routes et Enrobés du Centre", "TP Sologne Voirie", "Signalisation Centre France"),
        ("45233141-9", "45233252-0"),
        0.85,
        "Entretien de la voirie – accord-cadre",
    ),
    F(
        "61551",
        {"A": (36, 2600, ("721", "020")), "V": (24, 1300, ("020", "84")), "C": (8, 650, ("424",))},
        1.0,
        20,
        (
            "Entretien et réparation véhicule {immat}",
            "Révision bennes à ordures ménagères",
            "Remplacement pneumatiques {immat}",
        ),
        ("Garage Central Blésois", "Poids Lourds Services 41", "Pneus Service Vienne"),
        ("50110000-9", "50112000-3"),
        0.5,
        "Entretien et réparation du parc de véhicules",
        paired=True,
    ),
    F(
        "6156",
        {"A": (36, 4800, ("020", "323")), "V": (36, 3200, ("020", "212")), "C": (8, 1500, ("40",))},
        0.9,
        20,
        (
            "Maintenance logiciel finances – {trimestre}",
            "Maintenance ascenseurs {site} – {trimestre}",
            "Maintenance alarmes incendie {site}",
            "Maintenance serveurs et réseau – {trimestre}",
        ),
        (
            "Logitem Secteur Public",
            "Ascenseurs Loire Maintenance",
            "Protect Incendie 41",
            "Infogérance Val de Loire",
        ),
        ("72267000-4", "50750000-7", "50413200-5", "50324100-3"),
        0.8,
        "Maintenance des équipements et logiciels",
        paired=True,
    ),
    # ---- 616 à 618
    F(
        "6161",
        {"A": (3, 68000, ("020",)), "V": (4, 54000, ("020",)), "C": (2, 9000, ("40",))},
        0.3,
        0,
        (
            "Prime assurance dommages aux biens {annee}",
            "Prime assurance responsabilité civile {annee}",
        ),
        ("Mutuelle Assurances des Territoires", "Assurances Publiques Centre"),
        ("66515000-3", "66516000-0"),
        1.0,
        "Assurances dommages aux biens et responsabilité civile",
    ),
    F(
        "6168",
        {"A": (3, 42000, ("721", "020")), "V": (2, 26000, ("020",)), "C": (2, 3800, ("40",))},
        0.3,
        0,
        ("Prime assurance flotte automobile {annee}", "Assurance protection juridique {annee}"),
        ("Mutuelle Assurances des Territoires",),
        ("66510000-8",),
        1.0,
        "Assurance flotte automobile",
    ),
    F(
        "617",
        {"A": (10, 18000, ("51", "721", "82")), "V": (6, 9000, ("51", "020"))},
        0.8,
        20,
        ("Étude de faisabilité {projet}", "Diagnostic {diagnostic}"),
        ("Cabinet Territoires & Projets", "Études Environnement Loire", "Mobilité Conseil Ouest"),
        ("71241000-9", "79311000-7", "90712000-1"),
        0.6,
        "Études et diagnostics",
    ),
    F(
        "6184",
        {"A": (16, 1400, ("020",)), "V": (20, 1100, ("020",)), "C": (8, 800, ("40",))},
        0.8,
        0,
        ("Formation {formation} – {n_agents} agents", "Inscription formation {formation}"),
        ("Institut Formation Territoriale Centre", "Sécurité Formation 41"),
        ("80511000-9", "80510000-2"),
        0.3,
        "Formation des agents",
    ),
    # ---- 62 : autres services extérieurs
    F(
        "62268",
        {"A": (8, 6500, ("020",)), "V": (10, 4200, ("020",)), "C": (2, 2500, ("40",))},
        0.9,
        20,
        ("Honoraires avocat dossier {dossier}", "Honoraires conseil juridique marchés publics"),
        ("Cabinet Lemoine Avocats", "SELARL Droit Public Loire"),
        ("79000000-4",),
        0.3,
        "Assistance juridique et représentation",
    ),
    F(
        "6231",
        {"A": (14, 1400, ("020",)), "V": (10, 900, ("020",)), "C": (2, 600, ("40",))},
        0.6,
        20,
        ("Annonce légale avis d'appel public à la concurrence", "Insertion offre d'emploi {poste}"),
        ("La Gazette Ligérienne Annonces", "Médias Centre Publicité"),
        ("79341000-6",),
        0.2,
        "Publication des annonces légales",
    ),
    F(
        "6236",
        {"A": (20, 4200, ("023",)), "V": (24, 3500, ("023", "024")), "C": (4, 900, ("40",))},
        0.8,
        20,
        (
            "Impression magazine communautaire n° {numero}",
            "Impression affiches {evenement}",
            "Impression guide du tri",
        ),
        ("Imprimerie des Coteaux", "Print Loire Offset"),
        ("79810000-5", "22458000-5"),
        0.7,
        "Impression des supports de communication",
    ),
    F(
        "6247",
        {"A": (6, 1600, ("020",)), "V": (28, 780, ("212", "33"))},
        0.6,
        10,
        ("Transport sortie scolaire {ecole}", "Transport collectif agents séminaire"),
        ("Autocars Val de Loire Voyages", "Cars du Loir-et-Cher"),
        ("60140000-1",),
        0.5,
        "Transports occasionnels en autocar",
    ),
    F(
        "6251",
        {"A": (16, 380, ("020",)), "V": (12, 290, ("020",)), "C": (4, 180, ("40",))},
        0.9,
        10,
        ("Frais de déplacement mission {ville}", "Billets de train {ville} – réunion réseau"),
        ("Agence Voyages Horizons Pro", "Rail & Route Réservations"),
        ("63500000-4",),
    ),
    F(
        "6234",
        {"A": (10, 1300, ("021", "020")), "V": (14, 1100, ("024", "021")), "C": (4, 420, ("40",))},
        0.8,
        10,
        (
            "Cérémonie des vœux – cocktail",
            "Buffet {evenement}",
            "Buffet réunion de l'assemblée délibérante",
        ),
        ("Traiteur Les Saveurs du Château", "Saveurs Partagées Traiteur"),
        ("55520000-1",),
        0.2,
        "Prestations traiteur",
    ),
    F(
        "6232",
        {"V": (12, 4500, ("024",))},
        0.9,
        20,
        ("Feu d'artifice {evenement}", "Animations {evenement}"),
        ("Pyro Spectacles Centre", "Son & Scène Centre"),
        ("79952100-3",),
        0.6,
        "Organisation des fêtes et cérémonies",
        paired=True,
    ),
    F(
        "6261",
        {"A": (12, 2600, ("020",)), "V": (12, 2100, ("020",)), "C": (12, 700, ("40",))},
        0.4,
        0,
        ("Affranchissement courrier – {mois}",),
        ("Services Postaux Nationaux",),
        ("64112000-4",),
        0.9,
        "Affranchissement et distribution du courrier",
        monthly=True,
    ),
    F(
        "6262",
        {"A": (24, 3600, ("020",)), "V": (24, 2900, ("020",)), "C": (12, 850, ("40",))},
        0.5,
        20,
        ("Téléphonie fixe et accès internet – {mois}", "Téléphonie mobile flotte agents – {mois}"),
        ("Télécom Ouest Entreprises", "Réseaux Mobiles Pro"),
        ("64210000-1", "64212000-5"),
        0.95,
        "Services de télécommunications",
        monthly=True,
        paired=True,
    ),
    F(
        "6283",
        {
            "A": (24, 7200, ("020", "323")),
            "V": (36, 6600, ("020", "212", "213")),
            "C": (12, 2400, ("423",)),
        },
        0.4,
        20,
        ("Nettoyage des locaux {site} – {mois}", "Nettoyage vitrerie {site}"),
        ("Net Services Blésois", "Propreté Atlantique Centre", "Entreprise d'insertion Clair Net"),
        ("90919200-4", "90911200-8", "90919300-5"),
        0.9,
        "Nettoyage des locaux – lot {lot}",
    ),
    F(
        "6288",
        {
            "A": (20, 3200, ("020", "721")),
            "V": (24, 2500, ("020", "026", "84")),
            "C": (8, 900, ("40", "423")),
        },
        1.0,
        20,
        (
            "Prestation de déménagement {site}",
            "Dératisation et désinsectisation {site}",
            "Élagage arbres {rue}",
            "Prestation de traduction",
        ),
        (
            "Déménagements Loire Transferts",
            "Hygiène 3D Centre",
            "Élagage Val de Loire",
            "Traductions Loire",
        ),
        ("98392000-7", "90920000-2", "77211500-7", "79530000-8"),
        0.3,
        "Prestations diverses",
        paired=True,
    ),
    # ---- hors achats : impôts, personnel, charges de gestion, intérêts
    F(
        "63512",
        {"A": (4, 14000, ("020",)), "V": (6, 9000, ("020",)), "C": (1, 3200, ("40",))},
        0.6,
        0,
        ("Taxe foncière {annee} – {site}",),
        ("Centre des finances publiques",),
        kind="hors_achat",
    ),
    F(
        "64131",
        {"A": (4, 210000, ("020",)), "V": (4, 260000, ("020",)), "C": (6, 180000, ("424",))},
        0.15,
        0,
        ("Rémunérations agents contractuels – paie {mois}",),
        ("Paie du personnel",),
        kind="hors_achat",
        siret=False,
    ),
    F(
        "6541",
        {"A": (3, 3500, ("01",)), "V": (3, 2200, ("01",)), "C": (2, 900, ("01",))},
        0.8,
        0,
        ("Créances admises en non-valeur – liste {liste}",),
        ("Redevables divers",),
        kind="hors_achat",
        siret=False,
    ),
    F(
        "65748",
        {
            "A": (30, 12000, ("025", "61", "33")),
            "V": (110, 6500, ("025", "32", "311", "33")),
            "C": (6, 4000, ("424",)),
        },
        1.1,
        0,
        (
            "Subvention de fonctionnement {annee} – {association}",
            "Subvention exceptionnelle – {association}",
        ),
        (
            "Union Sportive des Sablons",
            "Comité des fêtes de Blois-Vienne",
            "Amicale des donneurs de sang du Blaisois",
            "Club nautique Agl'eau",
            "Compagnie théâtrale Les Tréteaux de Loire",
            "Association Coup de pouce aux devoirs",
            "Maison des jeunes du Foix",
            "Association Solidarité Seniors 41",
            "Jardins partagés de la Quinière",
            "Harmonie municipale de Blois",
        ),
        kind="hors_achat",
    ),
    F(
        "6553",
        {"V": (4, 380000, ("12",))},
        0.05,
        0,
        ("Contribution au service départemental d'incendie et de secours – {trimestre}",),
        ("Service départemental d'incendie et de secours",),
        kind="hors_achat",
    ),
    F(
        "6561",
        {"A": (4, 310000, ("721",))},
        0.05,
        0,
        ("Participation syndicat mixte de traitement des déchets – {trimestre}",),
        ("Syndicat mixte de traitement des déchets du Val",),
        kind="hors_achat",
    ),
    F(
        "6558",
        {"V": (3, 85000, ("212",))},
        0.2,
        0,
        ("Forfait communal écoles privées sous contrat – {trimestre}",),
        ("OGEC École Sainte-Marie", "OGEC Notre-Dame des Aydes"),
        kind="hors_achat",
    ),
    F(
        "66111",
        {"A": (16, 78000, ("01",)), "V": (20, 64000, ("01",)), "C": (2, 9000, ("01",))},
        0.7,
        0,
        ("Intérêts emprunt n° {emprunt} – échéance {trimestre}",),
        (
            "Banque Ligérienne des Collectivités",
            "Caisse Régionale Val-de-Loire Financement",
            "Crédit Territorial Centre",
        ),
        kind="hors_achat",
    ),
    # ---- flux internes au groupe
    F(
        "657363",
        {"A": (4, 620000, ("423",))},
        0.02,
        0,
        ("Subvention de fonctionnement au CIAS – {trimestre}",),
        (CIAS,),
        kind="interne",
    ),
    F(
        "62876",
        {"V": (4, 540000, ("020",))},
        0.05,
        0,
        ("Remboursement services communs mutualisés – {trimestre}",),
        (AGGLO,),
        kind="interne",
    ),
    F(
        "62878",
        {"V": (3, 18000, ("423",))},
        0.3,
        0,
        ("Remboursement mise à disposition agents CIAS – {trimestre}",),
        (CIAS,),
        kind="interne",
    ),
    F(
        "62871",
        {"C": (4, 80000, ("40",))},
        0.1,
        0,
        ("Remboursement frais de structure et locaux – {trimestre}",),
        (AGGLO,),
        kind="interne",
    ),
    # ---- classe 2 : investissement
    F(
        "2031",
        {"A": (10, 38000, ("51", "721", "82")), "V": (10, 26000, ("212", "84"))},
        0.8,
        20,
        ("Mission de maîtrise d'œuvre {projet}", "Étude de programmation {projet}"),
        (
            "Atelier d'Architecture Loire & Ville",
            "Ingénierie Bâtiment Centre",
            "Cabinet Territoires & Projets",
        ),
        ("71221000-3", "71242000-6", "71300000-1"),
        0.9,
        "Maîtrise d'œuvre – {projet}",
        kind="invest",
    ),
    F(
        "2051",
        {"A": (6, 22000, ("020",)), "V": (4, 14000, ("020",)), "C": (2, 9000, ("40",))},
        0.7,
        20,
        ("Acquisition licences logiciel {logiciel}",),
        ("Logitem Secteur Public", "Éditions Logicielles Territoriales"),
        ("48000000-8", "48900000-7"),
        0.7,
        "Acquisition de logiciels métiers",
        kind="invest",
    ),
    F(
        "21312",
        {"V": (18, 140000, ("212", "213"))},
        0.8,
        20,
        (
            "Rénovation énergétique {ecole} – situation n° {situation}",
            "Mise en accessibilité {ecole}",
        ),
        ("Bâtiment Ligérien Construction", "Menuiserie du Cosson", "Thermique Services Centre"),
        ("45214210-5", "45453000-7", "45421000-4"),
        0.95,
        "Rénovation des groupes scolaires – lot {lot}",
        kind="invest",
    ),
    F(
        "21351",
        {"A": (10, 48000, ("020", "323")), "V": (12, 36000, ("020", "321"))},
        0.8,
        20,
        ("Aménagement des locaux {site}", "Remplacement chaudière {site}"),
        (
            "Bâtiment Ligérien Construction",
            "Plomberie Chauffage Martineau",
            "Électricité Générale Vendômoise",
        ),
        ("45453000-7", "45331000-6"),
        0.8,
        "Aménagement et gros entretien des bâtiments",
        kind="invest",
    ),
    F(
        "2152",
        {"A": (20, 110000, ("84",)), "V": (24, 95000, ("84",))},
        0.8,
        20,
        (
            "Aménagement de voirie rue {rue} – situation n° {situation}",
            "Requalification carrefour rue {rue} – situation n° {situation}",
            "Éclairage public – remplacement luminaires LED {secteur}",
        ),
        ("Routes et Enrobés du Centre", "TP Sologne Voirie", "Lumière Publique Centre"),
        ("45233120-6", "45233220-7", "34928500-3"),
        0.95,
        "Travaux de voirie et d'éclairage public – lot {lot}",
        kind="invest",
        paired=True,
    ),
    F(
        "21828",
        {"A": (6, 180000, ("721",)), "V": (4, 32000, ("020",)), "C": (2, 24000, ("424",))},
        0.8,
        20,
        ("Acquisition {vehicule}",),
        ("Véhicules Industriels du Centre", "Auto Ligérienne Flottes"),
        ("34144510-6", "34144900-7", "34110000-1"),
        0.9,
        "Acquisition de véhicules",
        kind="invest",
    ),
    F(
        "21838",
        {"A": (12, 14000, ("020",)), "V": (8, 9000, ("020",)), "C": (3, 4500, ("40",))},
        0.7,
        20,
        (
            "Acquisition postes de travail et écrans – commande {n}",
            "Acquisition ordinateurs portables – commande {n}",
            "Acquisition imprimantes laser",
        ),
        ("Informatique Collectivités Centre", "Numérique Loire Distribution"),
        ("30213300-8", "30213100-6", "30232110-8"),
        0.85,
        "Fourniture de matériel informatique",
        kind="invest",
    ),
    F(
        "21831",
        {"V": (6, 12000, ("212",))},
        0.6,
        20,
        ("Équipement numérique classes {ecole}",),
        ("Numérique Loire Distribution",),
        ("30213100-6",),
        0.8,
        "Équipement numérique des écoles",
        kind="invest",
    ),
    F(
        "21848",
        {"A": (8, 7500, ("020",)), "V": (6, 6000, ("020",)), "C": (4, 5200, ("423",))},
        0.8,
        20,
        ("Mobilier de bureau {site}", "Sièges ergonomiques – commande {n}"),
        ("Mobilier Collectivités Loire", "Bureau Fournitures Loire"),
        ("39130000-2", "39112000-0"),
        0.6,
        "Fourniture de mobilier",
        kind="invest",
    ),
    F(
        "21841",
        {"V": (6, 8500, ("212", "213"))},
        0.6,
        20,
        ("Mobilier scolaire {ecole}",),
        ("Mobilier Collectivités Loire",),
        ("39160000-1",),
        0.8,
        "Fourniture de mobilier scolaire",
        kind="invest",
    ),
    F(
        "2188",
        {"A": (14, 16000, ("721", "323")), "V": (12, 9000, ("020", "321", "84"))},
        1.0,
        20,
        (
            "Acquisition conteneurs enterrés {secteur}",
            "Équipements aire de jeux {site}",
            "Acquisition mobilier urbain",
        ),
        ("Equip'Urbain Centre", "Jeux & Loisirs Collectivités", "Signalisation Centre France"),
        ("44613800-8", "37535200-9", "34928400-2"),
        0.7,
        "Fourniture d'équipements urbains",
        kind="invest",
        paired=True,
    ),
    F(
        "2313",
        {
            "A": (22, 330000, ("323", "721", "020")),
            "V": (26, 200000, ("212", "321", "311")),
            "C": (4, 190000, ("423",)),
        },
        0.7,
        20,
        ("{projet} – lot {lot} – situation n° {situation}",),
        (
            "Bâtiment Ligérien Construction",
            "Constructions Blésoises Réunies",
            "Couverture Delaunay",
            "Électricité Générale Vendômoise",
        ),
        ("45210000-2", "45214200-2", "45261000-4", "45262500-6"),
        1.0,
        "{projet} – lot {lot}",
        kind="invest",
    ),
    F(
        "2315",
        {"A": (16, 120000, ("721", "73", "82")), "V": (8, 70000, ("84",))},
        0.8,
        20,
        (
            "Travaux réseaux d'assainissement secteur {secteur} – situation n° {situation}",
            "Travaux canalisations eaux pluviales secteur {secteur} – situation n° {situation}",
            "Installation bornes de recharge {site}",
        ),
        ("Réseaux & Canalisations Centre", "TP Sologne Voirie", "Lumière Publique Centre"),
        ("45232410-9", "45230000-8", "45316000-5"),
        0.95,
        "Travaux sur réseaux et installations techniques",
        kind="invest",
        paired=True,
    ),
)

# Placeholder vocabularies (per entity where it matters).
SITES = {
    AGGLO: (
        "siège communautaire",
        "déchetterie nord",
        "déchetterie sud",
        "centre aquatique",
        "médiathèque centrale",
        "centre technique communautaire",
        "pépinière d'entreprises",
        "aire d'accueil des gens du voyage",
    ),
    VILLE: (
        "Hôtel de ville",
        "école maternelle des Tilleuls",
        "école élémentaire du Coteau",
        "groupe scolaire des Grouëts",
        "gymnase des Sablons",
        "stade municipal",
        "centre technique municipal",
        "cuisine centrale",
        "cimetière de l'Est",
    ),
    CIAS: (
        "résidence autonomie Les Glycines",
        "siège du CIAS",
        "service d'aide à domicile",
        "résidence autonomie Le Verger",
    ),
}
SERVICES = {
    AGGLO: ("collecte des déchets", "services techniques", "administration générale", "transports"),
    VILLE: ("services techniques", "espaces verts", "administration générale", "écoles"),
    CIAS: ("aide à domicile", "portage de repas", "administration générale"),
}
SCHOOLS = (
    "école maternelle des Tilleuls",
    "école élémentaire du Coteau",
    "groupe scolaire des Grouëts",
    "école Jules Ferry",
)
STREETS = (
    "des Lices",
    "du Bourg-Neuf",
    "de la Villette",
    "Denis Papin",
    "des Métairies",
    "de Vienne",
    "du Foix",
)
SECTORS = ("nord", "sud", "est", "ouest", "centre")
EVENTS = (
    "fête de la musique",
    "14 juillet",
    "marché de Noël",
    "forum des associations",
    "journées du patrimoine",
)
PROJECTS = (
    "Restructuration groupe scolaire des Grouëts",
    "Extension du centre aquatique",
    "Construction déchetterie sud",
    "Réhabilitation résidence autonomie",
    "Pôle d'échanges multimodal",
    "Maison de santé pluriprofessionnelle",
)
DIAGNOSTICS = (
    "énergétique du patrimoine",
    "amiante bâtiments scolaires",
    "accessibilité ERP",
    "mobilités douces",
)
TRAININGS = ("CACES", "habilitation électrique", "SST", "marchés publics", "prévention des risques")
POSTS = ("agent de collecte", "gestionnaire comptable", "animateur périscolaire", "aide à domicile")
CITIES = ("Paris", "Orléans", "Tours", "Lyon", "Nantes")
SOFTWARE = ("gestion financière", "gestion des déchets", "portail citoyen", "SIG")
VEHICLES = (
    "benne à ordures ménagères 26 t",
    "véhicule utilitaire électrique",
    "véhicule léger électrique",
    "camion plateau",
)
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
SEASONS = ("printemps", "été", "automne")


# --------------------------------------------------------------------------- suppliers


def _all_suppliers() -> list[str]:
    names: dict[str, None] = {}
    for fam in FAMILIES:
        for name in fam.suppliers:
            if name not in GROUP_SIRETS:
                names[name] = None
    return list(names)


def _make_supplier_sirets() -> dict[str, str]:
    rng = np.random.default_rng([SEED, 1])
    sirets: dict[str, str] = {}
    used: set[str] = set()
    for name in _all_suppliers():
        while True:
            # Fictitious SIRENs drawn in the « 9… » range; NIC 000xx.
            siren8 = "9" + "".join(str(d) for d in rng.integers(0, 10, size=7))
            nic4 = f"{int(rng.integers(1, 9)) * 10 + int(rng.integers(0, 3)):04d}"
            siret = make_siret(siren8, nic4)
            if siret[:9] not in used:
                used.add(siret[:9])
                sirets[name] = siret
                break
    return sirets


SUPPLIER_SIRETS: dict[str, str] = _make_supplier_sirets()


def siret_of(name: str) -> str:
    return GROUP_SIRETS.get(name) or SUPPLIER_SIRETS[name]


# --------------------------------------------------------------------------- contracts


class Contract(NamedTuple):
    ref: str
    entity: str
    supplier: str
    siret: str
    account: str
    cpv: str
    object: str


def _fill(template: str, rng: np.random.Generator, entity: str, when: dt.date) -> str:
    """Fill ``template`` placeholders with plausible values."""
    year = when.year
    service_month = when.month - 1 or 12
    service_year = year if when.month > 1 else year - 1
    quarter = (when.month - 1) // 3 + 1
    values = {
        "site": rng.choice(SITES[entity]),
        "periode": f"{MONTHS_FR[(service_month - 2) % 12]}–{MONTHS_FR[service_month - 1]} {service_year}",
        "mois": f"{MONTHS_FR[service_month - 1]} {service_year}",
        "trimestre": f"{'1er' if quarter == 1 else f'{quarter}e'} trimestre {year}",
        "semaine": f"{when.isocalendar()[1]:02d}",
        "annee": str(year),
        "n": f"{year % 100}{int(rng.integers(100, 9999)):04d}",
        "lot": str(int(rng.integers(1, 5))),
        "secteur": rng.choice(SECTORS),
        "circuit": f"{rng.choice(('A', 'B', 'C', 'D'))}{int(rng.integers(1, 13))}",
        "service": rng.choice(SERVICES[entity]),
        "ecole": rng.choice(SCHOOLS),
        "rue": rng.choice(STREETS),
        "evenement": rng.choice(EVENTS),
        "projet": rng.choice(PROJECTS),
        "diagnostic": rng.choice(DIAGNOSTICS),
        "formation": rng.choice(TRAININGS),
        "n_agents": str(int(rng.integers(2, 12))),
        "dossier": f"{year}-{int(rng.integers(1, 40)):03d}",
        "poste": rng.choice(POSTS),
        "numero": str(int(rng.integers(60, 72))),
        "ville": rng.choice(CITIES),
        "logiciel": rng.choice(SOFTWARE),
        "vehicule": rng.choice(VEHICLES),
        "immat": f"{''.join(rng.choice(list('ABCDEFGHJKLMNPRSTVWXYZ'), 2))}-{int(rng.integers(100, 999))}-"
        f"{''.join(rng.choice(list('ABCDEFGHJKLMNPRSTVWXYZ'), 2))}",
        "situation": str(int(rng.integers(1, 10))),
        "liste": f"{year}-{int(rng.integers(1, 6)):02d}",
        "association": "",
        "emprunt": f"{int(rng.integers(10000, 99999))}",
        "saison": rng.choice(SEASONS),
    }
    return template.format(**values)


def _make_contracts() -> tuple[list[Contract], dict[tuple[int, str], list[Contract]]]:
    """Contracts per (family index, entity), numbered per entity and notification year."""
    rng = np.random.default_rng([SEED, 2])
    drafts: list[tuple[int, str, int, str, str, str]] = []
    for idx, fam in enumerate(FAMILIES):
        if fam.contract_share <= 0 or fam.kind not in ("achat", "invest"):
            continue
        for key in fam.spec:
            entity = _ENTITY_KEYS[key]
            n_lines = fam.spec[key][0]
            n_contracts = min(len(fam.suppliers), 1 + int(n_lines >= 48) + int(n_lines >= 72))
            chosen = rng.choice(len(fam.suppliers), size=n_contracts, replace=False)
            for lot, s in enumerate(sorted(chosen), start=1):
                year = int(rng.choice((2021, 2022, 2023, 2024, 2025), p=(0.1, 0.2, 0.3, 0.3, 0.1)))
                cpv = fam.cpvs[s % len(fam.cpvs)] if fam.cpvs else ""
                obj = fam.contract_object.format(
                    lot=lot,
                    secteur=SECTORS[lot - 1],
                    projet=PROJECTS[int(rng.integers(0, len(PROJECTS)))],
                )
                drafts.append((idx, entity, year, fam.suppliers[s], cpv, obj))
    # Number contracts per entity and year, in a shuffled but seeded order.
    order = rng.permutation(len(drafts))
    counters: dict[tuple[str, int], int] = defaultdict(int)
    contracts: list[Contract] = []
    by_family: dict[tuple[int, str], list[Contract]] = defaultdict(list)
    for i in order:
        idx, entity, year, supplier, cpv, obj = drafts[i]
        counters[entity, year] += int(rng.integers(1, 6))
        ref = f"{_CONTRACT_PREFIX[entity]}{year}-{counters[entity, year]:03d}"
        contract = Contract(
            ref, entity, supplier, siret_of(supplier), FAMILIES[idx].account, cpv, obj
        )
        contracts.append(contract)
        by_family[idx, entity].append(contract)
    contracts.sort(key=lambda c: (ENTITIES.index(c.entity), c.ref))
    return contracts, dict(by_family)


CONTRACTS, _CONTRACTS_BY_FAMILY = _make_contracts()


# --------------------------------------------------------------------------- ledger


def _cents(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _random_workday(
    rng: np.random.Generator, month: int | None = None, year: int = YEAR
) -> dt.date:
    while True:
        m = month or int(rng.integers(1, 13))
        # Payments start after the first week of January and end mid-December (closing).
        lo = 8 if m == 1 else 1
        hi = 19 if m == 12 else 28
        day = dt.date(year, m, int(rng.integers(lo, hi + 1)))
        if day.weekday() < 5:
            return day


def _exact_mask(rng: np.random.Generator, n: int, share: float) -> np.ndarray:
    """Boolean mask with exactly ``round(share * n)`` True values at random positions."""
    mask = np.zeros(n, dtype=bool)
    mask[rng.choice(n, size=round(share * n), replace=False)] = True
    return mask


ContractsByFamily = dict[tuple[int, str], list[Contract]]
# (contract, mandate date) -> may the line cite the contract at that date?
ActiveRule = Callable[[Contract, dt.date], bool]


def _draw_lines(
    rng: np.random.Generator,
    *,
    year: int = YEAR,
    families: tuple[Family, ...] = FAMILIES,
    contracts_by_family: ContractsByFamily = _CONTRACTS_BY_FAMILY,
    active: ActiveRule | None = None,
) -> list[dict[str, object]]:
    """One raw line per mandate, family by family, then the credit notes.

    ``active`` restricts the contracts a line may cite at its date.  When none of the
    family's contracts is active, a line drawn « under contract » keeps the supplier and
    CPV code of one of them but cites no reference (contract not yet notified; its
    predecessor is not in the register).
    """
    raw: list[dict[str, object]] = []
    for idx, fam in enumerate(families):
        for key, (n, median, functions) in fam.spec.items():
            entity = _ENTITY_KEYS[key]
            family_contracts = contracts_by_family.get((idx, entity), [])
            zipf = 1.0 / np.arange(1, len(fam.suppliers) + 1)
            zipf /= zipf.sum()
            for i in range(n):
                month = (i % 12) + 1 if fam.monthly else None
                if fam.months:
                    month = int(rng.choice(fam.months))
                when = _random_workday(rng, month, year)
                contracts = family_contracts
                if active is not None:
                    contracts = [c for c in family_contracts if active(c, when)] or contracts
                contract = (
                    contracts[int(rng.integers(0, len(contracts)))]
                    if contracts and rng.random() < fam.contract_share * CONTRACT_COVERAGE
                    else None
                )
                if contract is not None:
                    s_idx = fam.suppliers.index(contract.supplier)
                else:
                    s_idx = int(rng.choice(len(fam.suppliers), p=zipf))
                supplier = fam.suppliers[s_idx]
                template = (
                    fam.labels[s_idx % len(fam.labels)]
                    if fam.paired
                    else str(rng.choice(fam.labels))
                )
                label = _fill(template, rng, entity, when)
                if fam.account == "65748":
                    # Subsidies: any association, named in the label.
                    supplier = str(rng.choice(fam.suppliers))
                    label = f"{label.split(' – ')[0]} – {supplier}"
                cpv = ""
                if fam.cpvs and fam.kind in ("achat", "invest"):
                    if (
                        contract is not None
                        and contract.cpv
                        and rng.random() < SHARE_CPV_ON_CONTRACT
                    ):
                        cpv = contract.cpv
                    elif contract is None and rng.random() < SHARE_CPV_OFF_CONTRACT:
                        cpv = (
                            fam.cpvs[s_idx % len(fam.cpvs)]
                            if fam.paired
                            else str(rng.choice(fam.cpvs))
                        )
                    if cpv and rng.random() < SHARE_CPV_WITHOUT_CHECK_DIGIT:
                        cpv = cpv[:8]
                amount = median * float(np.exp(rng.normal(0.0, fam.sigma)))
                raw.append(
                    {
                        "family": idx,
                        "entity": entity,
                        "date": when,
                        "account": fam.account,
                        "function": str(rng.choice(functions)),
                        "label": label,
                        "supplier": supplier,
                        "siret": siret_of(supplier) if fam.siret else "",
                        "ht": _cents(amount),
                        "vat": fam.vat,
                        "contract": (
                            contract.ref
                            if contract is not None and (active is None or active(contract, when))
                            else ""
                        ),
                        "cpv": cpv,
                        "kind": fam.kind,
                    }
                )

    # Credit notes (purchases only).
    purchase_idx = [i for i, r in enumerate(raw) if r["kind"] in ("achat", "invest")]
    n_credit = round(SHARE_CREDIT_NOTES * len(raw))
    for i in rng.choice(purchase_idx, size=n_credit, replace=False):
        row = raw[int(i)]
        row["ht"] = -_cents(float(row["ht"]) * float(rng.uniform(0.05, 0.4)))
        row["label"] = f"Avoir – {row['label']}"
    return raw


def _group_spend(raw: list[dict[str, object]]) -> dict[tuple[int, str], float]:
    spend: dict[tuple[int, str], float] = defaultdict(float)
    for r in raw:
        spend[int(r["family"]), str(r["entity"])] += float(r["ht"])  # type: ignore[call-overload, arg-type]
    return dict(spend)


def family_spend(seed: int = SEED) -> dict[tuple[int, str], float]:
    """Net HT spend (credit notes deducted) per (index in ``FAMILIES``, entity)."""
    return _group_spend(_draw_lines(np.random.default_rng([seed, 3])))


def build_rows(
    seed: int = SEED,
    *,
    year: int = YEAR,
    families: tuple[Family, ...] = FAMILIES,
    contracts_by_family: ContractsByFamily | None = None,
    active: ActiveRule | None = None,
    targets: dict[tuple[int, str], float] | None = None,
) -> list[dict[str, object]]:
    """Return the ledger lines as dictionaries keyed by French header.

    The defaults give this year's ledger; the keyword arguments let another script
    (``make_example_2024.py``) draw another fiscal year from the same families,
    suppliers and contracts: ``active`` restricts the contracts a line may cite at its
    date, ``targets`` rescales the amounts of each (family index, entity) group so that
    its net HT spend (credit notes deducted) is the given total.
    """
    rng = np.random.default_rng([seed, 3])
    raw = _draw_lines(
        rng,
        year=year,
        families=families,
        contracts_by_family=(
            _CONTRACTS_BY_FAMILY if contracts_by_family is None else contracts_by_family
        ),
        active=active,
    )
    if targets:
        spend = _group_spend(raw)
        for r in raw:
            key = (int(r["family"]), str(r["entity"]))  # type: ignore[call-overload]
            if key in targets:
                r["ht"] = _cents(float(r["ht"]) * targets[key] / spend[key])  # type: ignore[arg-type]

    # Mandat numbers: sequential per entity in date order.
    raw.sort(key=lambda r: (ENTITIES.index(str(r["entity"])), r["date"], str(r["account"])))
    counters: dict[str, int] = defaultdict(int)
    ttc_only = _exact_mask(rng, len(raw), SHARE_TTC_ONLY)
    rate_as_text = _exact_mask(rng, len(raw), SHARE_RATE_AS_TEXT)
    rate_missing = _exact_mask(rng, len(raw), SHARE_RATE_MISSING)
    rows: list[dict[str, object]] = []
    for i, r in enumerate(raw):
        entity = str(r["entity"])
        counters[entity] += 1
        vat = float(r["vat"])  # type: ignore[arg-type]
        ht = float(r["ht"])  # type: ignore[arg-type]
        ttc = float(
            (Decimal(repr(ht)) * (1 + Decimal(repr(vat)) / 100)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
        )
        rate: object = int(vat) if vat == int(vat) else vat
        if rate_as_text[i] and vat > 0:
            rate = f"{rate} %".replace(".", ",")
        elif rate_missing[i] and not ttc_only[i] and vat > 0:
            rate = None
        rows.append(
            {
                "Exercice": year,
                "Collectivité": entity,
                "N° mandat": counters[entity],
                "Date mandat": r["date"],
                "Nature": r["account"],
                "Fonction": r["function"],
                "Libellé": r["label"],
                "Fournisseur": r["supplier"],
                "SIRET": r["siret"] or None,
                "Montant HT": None if ttc_only[i] else ht,
                "Taux TVA": rate,
                "Montant TTC": ttc,
                "N° marché": r["contract"] or None,
                "Code CPV": r["cpv"] or None,
            }
        )
    return rows


# --------------------------------------------------------------------------- xlsx


def _pin_zip(data: bytes, timestamp: dt.datetime = FIXED_TIMESTAMP) -> bytes:
    """Rewrite the xlsx zip with fixed timestamps and fixed core properties dates."""
    stamp = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                    rf"\g<1>{stamp}\g<3>",
                    text,
                )
                content = text.encode("utf-8")
            pinned = zipfile.ZipInfo(info.filename, date_time=timestamp.timetuple()[:6])
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = info.external_attr
            dst.writestr(pinned, content)
    return out.getvalue()


def titled_workbook(
    sheet_name: str,
    creator: str,
    title_lines: tuple[str, str, str],
    timestamp: dt.datetime,
    headers: tuple[str, ...],
) -> tuple[Any, Any, dict[str, int]]:
    """A workbook laid out like a finance-software export: three title rows (the third, red,
    says the data are synthetic), a blank row, bold headers in row 5; and column numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet_name
    wb.properties.creator = creator
    wb.properties.title = title_lines[0]
    wb.properties.created = timestamp
    wb.properties.modified = timestamp
    ws.append([title_lines[0]])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([title_lines[1]])
    ws.append([title_lines[2]])
    ws["A3"].font = Font(italic=True, color="C00000")
    ws.append([])
    ws.append(list(headers))
    for cell in ws[5]:
        cell.font = Font(bold=True)
    return wb, ws, {name: i + 1 for i, name in enumerate(headers)}


def write_xlsx(
    rows: list[dict[str, object]],
    path: Path,
    *,
    title_lines: tuple[str, str, str] = TITLE_LINES,
    sheet_name: str = SHEET_NAME,
    creator: str = "examples/make_example.py",
    timestamp: dt.datetime = FIXED_TIMESTAMP,
) -> None:
    from openpyxl.styles import Font

    wb, ws, col = titled_workbook(sheet_name, creator, title_lines, timestamp, HEADERS)
    for row in rows:
        ws.append([row[h] for h in HEADERS])
        r = ws.max_row
        ws.cell(r, col["Date mandat"]).number_format = "DD/MM/YYYY"
        for h in ("Montant HT", "Montant TTC"):
            ws.cell(r, col[h]).number_format = "#,##0.00"

    total_ht = _cents(sum(float(r["Montant HT"]) for r in rows if r["Montant HT"] is not None))  # type: ignore[arg-type]
    total_ttc = _cents(sum(float(r["Montant TTC"]) for r in rows))  # type: ignore[arg-type]
    ws.append([])
    total_row = [None] * len(HEADERS)
    total_row[0] = "Total"
    total_row[col["Montant HT"] - 1] = total_ht
    total_row[col["Montant TTC"] - 1] = total_ttc
    ws.append(total_row)
    r = ws.max_row
    for h in ("Montant HT", "Montant TTC"):
        ws.cell(r, col[h]).number_format = "#,##0.00"
    for cell in ws[r]:
        cell.font = Font(bold=True)

    widths = {
        "A": 9,
        "B": 18,
        "C": 10,
        "D": 12,
        "E": 9,
        "F": 9,
        "G": 62,
        "H": 42,
        "I": 16,
        "J": 14,
        "K": 9,
        "L": 14,
        "M": 15,
        "N": 12,
    }
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A6"

    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(_pin_zip(buffer.getvalue(), timestamp))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    rows = build_rows()
    write_xlsx(rows, args.output)
    print(
        f"{args.output}: {len(rows)} lignes, {len(CONTRACTS)} marchés, {len(SUPPLIER_SIRETS)} fournisseurs"
    )


if __name__ == "__main__":
    main()
