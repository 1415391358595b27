#!/usr/bin/env python3
"""Build the default mapping rules factors/mappings/{m57,m14,m4,cpv}.yaml.

The rules themselves are curated below, as data (one call per rule). The script only
adds the French labels read from the reference nomenclatures, marks the rules taken from
the unsourced proposal files with `status: proposition`, drops mirrored rules that reach
no account of the chart, and writes the YAML in a stable, readable layout. PyYAML is used
to check that the written text loads back to the intended data.

m14.yaml and m4.yaml only hold the accounts whose meaning differs from the M57 account
with the same number (condition `nomenclature`); every other M14/M4 account is reached by
the M57 rules, which carry no nomenclature condition.

Inputs (read-only, in the shared reference folder):
  - m57_plan_de_comptes_2025_nature.csv (labels, existence of accounts)
  - m14_plan_de_comptes_nature.csv (M14 labels; no M4 chart is shipped: M4 labels are
    written in the rules, from the M49_D 2018 chart of bleucitron/plans-de-compte)
  - m57_vers_ratios_base_carbone_PROPOSITION_non_sourcee.csv (which rules are proposals)
  - cpv_2008_fr_en.csv (labels of CPV divisions, groups, classes)
  - cpv_vers_ratios_base_carbone_PROPOSITION_non_sourcee.csv (proposals and comments)

Usage:
  python scripts/build_mappings.py [--shared DIR] [--out DIR]

--shared defaults to $ACHATS_SHARED_DIR, else <repo>/../shared/reference.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]

M57_CHART_CSV = "m57_plan_de_comptes_2025_nature.csv"
M14_CHART_CSV = "m14_plan_de_comptes_nature.csv"
M57_PROPOSAL_CSV = "m57_vers_ratios_base_carbone_PROPOSITION_non_sourcee.csv"
CPV_CSV = "cpv_2008_fr_en.csv"
CPV_PROPOSAL_CSV = "cpv_vers_ratios_base_carbone_PROPOSITION_non_sourcee.csv"

FACTOR_SET = "ademe-base-carbone-v23.6-ratios-monetaires"
PROXY_UNCERTAINTY = 1.0
PLAIN_RE = re.compile(r"^[A-Za-z][A-Za-z0-9._-]*$")
YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}

# --------------------------------------------------------------------------- reasons

PERSONNEL = "Charges de personnel : hors achats"
PERSONNEL_LINKED = (
    "Personnel mis à disposition par une entité liée (remboursement de rémunérations) : "
    "charges de personnel, hors achats"
)
ELECTED = "Indemnités et cotisations des élus : rémunérations, hors achats"
TAXES = "Impôts, taxes et versements assimilés : hors achats"
INCOME_TAX = "Impôts sur les bénéfices : hors achats"
FINANCIAL = "Charges financières (intérêts, pertes de change) : hors achats"
SPECIFIC = (
    "Charges spécifiques (titres annulés, valeurs comptables des immobilisations cédées, "
    "neutralisations) : hors achats"
)
DEPRECIATION = (
    "Dotations aux amortissements, dépréciations et provisions : écritures d'ordre, hors "
    "achats (les immobilisations sont comptées à l'acquisition, poste 4.2)"
)
SUBSIDIES = (
    "Subventions versées : transferts, hors achats de la collectivité (à inclure, si "
    "souhaité, par un fichier de règles local)"
)
EQUIPMENT_SUBSIDIES = (
    "Subventions d'équipement versées : transferts, hors achats de la collectivité (à "
    "inclure, si souhaité, par un fichier de règles local)"
)
CONTRIBUTIONS = (
    "Contributions et participations versées à d'autres organismes : transferts, hors "
    "achats de la collectivité"
)
PERSON_AID = "Aides à la personne (allocations, bourses, secours) : transferts, hors achats"
SOCIAL_STAY = (
    "Frais de scolarité, de séjour et d'hébergement pris en charge pour des bénéficiaires : "
    "aide sociale ou participation versée à un autre organisme, hors achats par défaut"
)
BAD_DEBTS = "Pertes sur créances irrécouvrables : hors achats"
PENALTIES = "Pénalités, amendes et intérêts moratoires : hors achats"
ANNEX_BUDGETS = "Déficit ou excédent de budgets annexes : flux interne entre budgets, hors achats"
OTHER_MANAGEMENT = "Charges diverses de gestion courante sans achat identifié : hors achats"
INTRA_GROUP_COSTS = (
    "Remboursement de frais à une entité liée : flux interne, les achats sont comptés chez "
    "l'entité qui les a payés"
)
ACCOUNTANT = "Indemnités au comptable et aux régisseurs : rémunérations, hors achats"
STOCK_CHANGE = (
    "Variation de stocks : écriture d'inventaire, pas un flux d'achat (les achats sont "
    "comptés aux comptes 601 à 607)"
)
LAND = (
    "Acquisition de terrains ou de droits fonciers : pas de ratio d'émission (transfert "
    "d'un actif existant)"
)
EXISTING_BUILDING = (
    "Acquisition d'un bâtiment existant : pas d'émission de fabrication (transfert d'un actif "
    "déjà construit, comme un terrain) ; les travaux qui suivent restent comptés"
)
HERITAGE_ENTRY = (
    "Bien historique ou culturel sous-jacent : valeur d'entrée passée par écriture d'ordre, "
    "pas une dépense d'achat"
)
LOANS = "Remboursement d'emprunts et de dettes : opération financière, hors achats"
FINANCIAL_ASSETS = "Immobilisations financières (titres, prêts, dépôts, créances) : hors achats"
MADE_AVAILABLE = (
    "Immobilisations affectées, concédées ou mises à disposition : écritures patrimoniales "
    "sans achat"
)
AFFECTOR_RIGHTS = "Droits de l'affectant : écriture patrimoniale sans achat"
AMORTISATION = "Amortissements des immobilisations : écritures d'ordre, hors achats"
IMPAIRMENT = "Dépréciations des immobilisations : écritures d'ordre, hors achats"
REBATE = (
    "Rabais, remises et ristournes obtenus : montants en réduction, ils diminuent "
    "l'empreinte de la famille d'achat correspondante (DESIGN §5, avoirs) ; même "
    "catégorie que l'achat le plus courant de la famille."
)
EPLE_ADVANCES = (
    "Avances versées aux EPLE sur immobilisations : transfert à un autre organisme, hors achats"
)

CARRIED_RESULT = (
    "Résultat ou solde d'exécution reporté de l'exercice précédent : écriture budgétaire, "
    "pas une dépense de l'année"
)
ENDOWMENT_REFUNDS = (
    "Reversements de dotations, fonds divers et réserves (taxe d'aménagement, FCTVA) : "
    "transferts, hors achats"
)
GRANT_REFUNDS = "Remboursement de subventions d'investissement reçues : transfert, hors achats"
THIRD_PARTY = (
    "Opérations pour compte de tiers (travaux d'office, opérations sous mandat) : "
    "dépenses refacturées, comptées chez le tiers ou le mandant (à inclure, si souhaité, "
    "par un fichier de règles local)"
)
REVENUE_REDUCTIONS = (
    "Atténuations de produits (reversements, restitutions, dégrèvements) : recettes "
    "reversées, hors achats"
)
EXCEPTIONAL = (
    "Charges exceptionnelles (titres annulés, charges sur exercices antérieurs, valeurs "
    "comptables des immobilisations cédées) : hors achats"
)
GIFTS = "Dons, libéralités, secours, bourses et prix : transferts, hors achats"
WATER_AGENCY = (
    "Redevances versées aux agences de l'eau (prélèvements, pollution) : taxes "
    "environnementales, hors achats"
)

# Exclusions of flows that never bear VAT: the engine converts excluded TTC lines with
# this rate too (0 : montant HT = montant TTC).
NON_VAT_REASONS = {
    PERSONNEL,
    PERSONNEL_LINKED,
    ELECTED,
    TAXES,
    INCOME_TAX,
    FINANCIAL,
    SPECIFIC,
    DEPRECIATION,
    SUBSIDIES,
    EQUIPMENT_SUBSIDIES,
    CONTRIBUTIONS,
    PERSON_AID,
    SOCIAL_STAY,
    BAD_DEBTS,
    PENALTIES,
    ANNEX_BUDGETS,
    OTHER_MANAGEMENT,
    INTRA_GROUP_COSTS,
    ACCOUNTANT,
    LOANS,
    FINANCIAL_ASSETS,
    AMORTISATION,
    IMPAIRMENT,
    EPLE_ADVANCES,
    EXISTING_BUILDING,
    CARRIED_RESULT,
    ENDOWMENT_REFUNDS,
    GRANT_REFUNDS,
    REVENUE_REDUCTIONS,
    EXCEPTIONAL,
    GIFTS,
    WATER_AGENCY,
}

# --------------------------------------------------------------------------- proxies

PROXIES: dict[str, tuple[str, str]] = {
    "vehicle": (
        "naf-C30",
        "Véhicules automobiles : le secteur C29 n'a pas de ratio V23.6 ; approché par C30 "
        "« Autres matériels de transport », le secteur voisin (proxy déjà retenu par la "
        "proposition CPV) ; incertitude portée à 100 %. Si la masse du véhicule est connue, "
        "préférer le facteur physique 20905 (fabrication de véhicules, par tonne).",
    ),
    "vehicle_repair": (
        "naf-C33",
        "Entretien et réparation de véhicules : le secteur G45 n'a pas de ratio V23.6 ; "
        "approché par C33 « Réparation et installation de machines et d'équipements » "
        "(choix des deux propositions M57 et CPV) ; incertitude portée à 100 %.",
    ),
    "vehicle_rental": (
        "naf-C30",
        "Location ou crédit-bail de véhicules : le secteur N77 (location) n'a pas de ratio "
        "V23.6 ; approché par le ratio du bien loué (C30, lui-même proxy des véhicules, C29 "
        "étant absent) ; incertitude portée à 100 %.",
    ),
    "equipment_rental": (
        "naf-C28",
        "Location ou crédit-bail de matériel : le secteur N77 (location) n'a pas de ratio "
        "V23.6 ; approché par le ratio du bien loué le plus courant (C28 « Machines et "
        "équipements ») ; incertitude portée à 100 %.",
    ),
    "water": (
        "naf-O84",
        "Eau et assainissement : les secteurs E36-E37 n'ont pas de ratio V23.6 ; approché "
        "par O84 « Services d'administration publique » (service public en réseau, souvent "
        "en régie) ; incertitude portée à 100 %. Si les m3 sont connus, préférer les facteurs "
        "physiques 24283 (eau de réseau, 0,132 kgCO2e/m3) et 24284 (eaux usées, "
        "0,262 kgCO2e/m3).",
    ),
    "waste": (
        "naf-H49",
        "Collecte et traitement des déchets : le secteur E38 n'a pas de ratio V23.6 ; "
        "approché par H49 « Transports terrestres » (la collecte est surtout du transport "
        "routier) ; incertitude portée à 100 %. Le traitement (incinération, stockage) est "
        "sous-estimé : préférer les tonnages par filière et les facteurs physiques "
        "« Impacts » (ex. 34650 ordures ménagères résiduelles, par tonne).",
    ),
    "security": (
        "naf-M74",
        "Gardiennage et sécurité : le secteur N80 n'a pas de ratio V23.6 ; approché par M74 "
        "« Autres services spécialisés » (service à forte part de main-d'oeuvre, proxy de "
        "la proposition CPV) ; incertitude portée à 100 %.",
    ),
    "cleaning": (
        "naf-S96",
        "Nettoyage et propreté : le secteur N81 n'a pas de ratio V23.6 ; approché par S96 "
        "« Autres services personnels », qui comprend la blanchisserie (proxy de la "
        "proposition CPV) ; incertitude portée à 100 %.",
    ),
    "green_spaces": (
        "naf-A02",
        "Espaces verts, élagage : le secteur N81.3 n'a pas de ratio V23.6 ; approché par A02 "
        "« Produits sylvicoles et services annexes » (A01 services, dominé par les émissions "
        "agricoles, surestimerait fortement ; proxy de la proposition CPV) ; incertitude "
        "portée à 100 %.",
    ),
    "social": (
        "naf-Q86",
        "Action sociale : les secteurs Q87-Q88 n'ont pas de ratio V23.6 ; approché par Q86 "
        "« Services de santé humaine », le secteur voisin (proxy de la proposition CPV) ; "
        "incertitude portée à 100 %.",
    ),
    "electrical": (
        "naf-C28",
        "Équipements électriques : le secteur C27 n'a pas de ratio V23.6 ; approché par C28 "
        "« Machines et équipements » (proxy de la proposition CPV) ; incertitude portée à "
        "100 %.",
    ),
    "office_support": (
        "naf-M74",
        "Services administratifs et de soutien (secrétariat, événements, congrès) : le "
        "secteur N82 n'a pas de ratio V23.6 ; approché par M74 « Autres services "
        "spécialisés » ; incertitude portée à 100 %.",
    ),
    "generic_service": (
        "naf-M74",
        "Prestations de nature non précisée : ratio d'un service spécialisé générique (M74 "
        "« Autres services spécialisés ») en attendant une ventilation marché par marché "
        "(règle locale par fournisseur, marché ou libellé) ; incertitude portée à 100 %.",
    ),
    "mining": (
        "naf-C23",
        "Produits des mines et carrières (sable, graviers, sel) : la section B n'a pas de "
        "ratio V23.6 ; approché par C23 « Autres produits minéraux non métalliques », "
        "probablement très surestimé ; préférer la masse et le facteur physique 20805 "
        "(pierres de carrière, par tonne) ; incertitude portée à 100 %.",
    ),
    "lubricants": (
        "naf-C20",
        "Lubrifiants, huiles et cires (non brûlés) : le secteur C19 n'a pas de ratio V23.6 ; "
        "approché par C20 « Produits chimiques » ; incertitude portée à 100 %.",
    ),
    "oil_gas_services": (
        "naf-M71",
        "Services liés au pétrole et au gaz : la section B n'a pas de ratio V23.6 ; approché "
        "par M71 « Services d'ingénierie » ; incertitude portée à 100 %.",
    ),
    "nursery": (
        "naf-A02",
        "Plants de pépinière (arbres, arbustes, plantes, bulbes) et plantations : la CPA 01.30 "
        "les range en A01, dont le ratio (1 208 kgCO2e/k€) est dominé par l'élevage et les "
        "engrais des grandes cultures ; approché par A02 « Produits sylvicoles et services "
        "annexes » (205 kgCO2e/k€), plus proche d'une production de plants, comme pour les "
        "espaces verts ; incertitude portée à 100 %.",
    ),
    "meter_reading": (
        "naf-M74",
        "Relevé de compteurs : les secteurs D35-E36 n'ont pas de ratio V23.6 ; approché par "
        "M74 « Autres services spécialisés » ; incertitude portée à 100 %.",
    ),
}


# --------------------------------------------------------------------------- energy

ENERGY = (
    "Énergie : comptée à partir de la quantité (kWh, litres, m3) et du facteur physique de la "
    "Base Carbone (postes 1.1, 1.2, 2.1, 2.2 ; la part amont au poste 4.1) ; pas de ratio "
    "monétaire. Sans quantité, ni prix unitaire de l'utilisateur (energy_prices dans "
    "achats.yaml), la ligne est « à quantifier » : ni comptée, ni exclue."
)
ENERGY_UNKNOWN = (
    ENERGY + " Énergie non précisée par le compte ou le code : toujours « à quantifier » "
    "(une sous-règle de libellé reconnaît l'électricité, le gaz, le chauffage urbain)."
)
GAS = {
    "kWh": "gaz-naturel-kwh-pcs",
    "kWh PCS": "gaz-naturel-kwh-pcs",
    "kWh PCI": "gaz-naturel-kwh-pci",
    "m3": "gaz-naturel-m3",
}
ELECTRICITY = {"kWh": "electricite-mix-moyen"}
HEAT = {"kWh": "reseau-chaleur-moyen"}
HEATING_OIL = {"L": "fioul-domestique-litre"}
DIESEL = {"L": "gazole-routier-b7-litre"}


@dataclass(frozen=True)
class Carrier:
    """An energy recognised by a label sub-rule: its carrier (CARRIERS), units and factors."""

    label_re: str
    carrier: str
    physical: dict[str, str]
    what: str


CARRIER_RULES: dict[str, Carrier] = {
    # Order matters between rules of the same key (the first in the file wins): E85 before
    # petrol, GNR before diesel, propane before gas.
    "e85": Carrier(
        r"\be85\b|superethanol|bioethanol",
        "essence",
        {"L": "essence-e85-litre"},
        "superéthanol E85 (facteur 25766, 1,11 kgCO2e/L : bien moins que l'essence SP95)",
    ),
    "essence": Carrier(
        r"essence|sans plomb|\bsp ?9[58]|\be10\b|supercarburant|\bsuper\b",
        "essence",
        {"L": "essence-sp95-e10-litre"},
        "essence sans plomb SP95, SP95-E10, SP98 (facteur 25763)",
    ),
    "gnr": Carrier(
        r"\bgnr\b|non routier",
        "gnr",
        {"L": "gazole-non-routier-litre"},
        "gazole non routier (engins, facteur 14015)",
    ),
    "gpl": Carrier(
        r"\bgpl\b|\blpg\b",
        "gpl",
        {"L": "gpl-carburant-litre"},
        "GPL carburant (facteur 14031)",
    ),
    "gazole": Carrier(
        r"gazole|gasoil|gas-oil|diesel|\bb7\b|\bb10\b",
        "gazole",
        DIESEL,
        "gazole routier B7 (facteur 25775)",
    ),
    "propane": Carrier(
        r"propane|butane",
        "gpl",
        {"L": "propane-litre"},
        "propane de chauffage (facteur 13560)",
    ),
    "plaquettes": Carrier(
        r"plaquette",
        "bois",
        {"kWh": "plaquettes-forestieres-kwh", "kWh PCI": "plaquettes-forestieres-kwh"},
        "plaquettes forestières sèches (facteur 34937, combustion biogénique hors total)",
    ),
    "bois": Carrier(
        r"\bbois\b|granule|pellet",
        "bois",
        {"kWh": "granules-bois-kwh", "kWh PCI": "granules-bois-kwh"},
        "granulés de bois (facteur 34942, combustion biogénique hors total)",
    ),
    "fioul": Carrier(
        r"fioul|\bfuel\b|\bfod\b|mazout",
        "fioul",
        HEATING_OIL,
        "fioul domestique (facteur 14087)",
    ),
    "gaz": Carrier(
        r"\bgaz\b|\bgrdf\b",
        "gaz",
        GAS,
        "gaz naturel : kWh PCS des factures (facteur 37133), kWh PCI (37132) ou m3 (37138)",
    ),
    "electricite": Carrier(
        r"electri|\bedf\b|enedis",
        "electricite",
        ELECTRICITY,
        "électricité, mix moyen de l'année de consommation",
    ),
    "chaleur": Carrier(
        r"chauffage urbain|reseaux? de chaleur|\bchaleur\b",
        "chaleur",
        HEAT,
        "réseau de chaleur, moyenne des autres réseaux (facteur 37089)",
    ),
}
FUELS = ["e85", "essence", "gnr", "gpl", "gazole"]
COMBUSTIBLES = ["propane", "plaquettes", "bois", "fioul", "gaz"]
# Bought with the fuel (same card, same litres), but not burnt: never counted as fuel.
NOT_FUEL_RE = r"adblue|ad ?blue|\buree\b|huiles?\b|lubrifiant|lave-?glace|antigel|liquide de"
NOT_FUEL = (
    "AdBlue, huiles, lubrifiants, lave-glace, antigel achetés avec le carburant : pas de "
    "l'énergie (jamais comptés comme des litres de carburant) ; produits chimiques (C20), le "
    "secteur C19 n'ayant pas de ratio V23.6 ; incertitude portée à 100 %."
)


def energy(key: str, carrier: str | None, *subs: str, **kw: Any) -> list[Rule]:
    """An energy rule on ``key`` (``carrier`` None: energy not known, always « à quantifier »)
    and its label sub-rules, one per other carrier in ``subs``."""
    if carrier is None:
        rules = [qty(key, ENERGY_UNKNOWN, **kw)]
    else:
        spec = CARRIER_RULES[carrier]
        physical = kw.pop("physical", spec.physical)
        what = kw.pop("what", spec.what)
        rules = [
            qty(
                key,
                f"{ENERGY} Par défaut : {what}.",
                carrier=spec.carrier,
                physical=physical,
                **kw,
            )
        ]
    for slug in subs:
        spec = CARRIER_RULES[slug]
        rules.append(
            qty(
                key,
                f"{ENERGY} Libellé : {spec.what}.",
                carrier=spec.carrier,
                physical=spec.physical,
                label_re=spec.label_re,
                slug=slug,
                nomenclature=kw.get("nomenclature"),
            )
        )
    if any(slug in FUELS for slug in subs):
        rules.append(
            p(
                key,
                "lubricants",
                NOT_FUEL,
                label_re=NOT_FUEL_RE,
                slug="hors-carburant",
                nomenclature=kw.get("nomenclature"),
            )
        )
    return rules


# --------------------------------------------------------------------------- waste

WASTE_BEGES = "4.3"
WASTE_PROXY = (
    "Sans tonnage : estimation monétaire faute de tonnage, approchée par H49 « Transports "
    "terrestres » (le secteur E38 n'a pas de ratio V23.6 ; la collecte est surtout du transport "
    "routier), incertitude portée à 100 % ; elle sous-estime fortement le traitement : fournir "
    "les tonnages (colonnes Quantité et Unité en t ou kg)."
)
VAT_WASTE_REDUCED = (
    "TVA 5,5 % : collecte séparée, collecte en déchèterie, tri et valorisation matière des "
    "déchets ménagers et assimilés (CGI art. 278-0 bis M, depuis le 1er janvier 2021 ; "
    "BOI-TVA-LIQ-30-20-70)."
)
VAT_WASTE = (
    "TVA 10 % : collecte et traitement des déchets ménagers et assimilés hors collecte séparée "
    "et valorisation matière (CGI art. 279 h ; BOI-TVA-LIQ-30-20-70)."
)
VAT_WASTE_NORMAL = (
    "TVA 20 % (taux normal) : déchets médicaux ou industriels, hors service public des déchets "
    "ménagers (BOI-TVA-LIQ-30-20-70)."
)
# Words that say a label is about waste; stream words that are not waste-specific by
# themselves (verre, bois, papier, textile…) are only recognised next to one of them.
WASTE_CONTEXT = (
    r"dechet|ordure|collecte|recyclage|enlevement|evacuation|benne|rebut|elimination"
    r"|valorisation|\bomr?\b"
)


def in_waste(words: str) -> str:
    """A regex matching ``words`` in a label that also speaks of waste."""
    return rf"^(?=.*(?:{WASTE_CONTEXT}))(?=.*(?:{words}))"


@dataclass(frozen=True)
class Waste:
    """A waste stream or treatment recognised by a label sub-rule."""

    label_re: str
    factor: str  # end-of-life factor per tonne (factors/ademe-base-carbone-v23.6-dechets.yaml)
    vat: float | None  # None: standard rate
    what: str  # French, for the rule label « Déchets : … »
    why: str = ""  # French, the choice of factor when it needs a reason


WASTE_STREAMS: dict[str, Waste] = {
    # The first matching sub-rule of the file wins: specific streams first, then treatments.
    "deee": Waste(
        r"\bdeee\b|\bd3e\b|"
        + in_waste(r"electromenager|electriques? et electroniques|ecrans?\b|informatique"),
        "dechets-deee-moyen",
        0.055,
        "équipements électriques et électroniques (DEEE)",
    ),
    "medicaux": Waste(
        r"\bdasri?\b|" + in_waste(r"soins|medica|hospitalier|infectieu|seringue|piquant"),
        "dechets-das-incineration",
        None,
        "déchets d'activités de soins (DASRI), incinération",
    ),
    "dangereux": Waste(
        r"\bdds\b|\bdis\b|\bddm\b|dechets? (?:dangereux|diffus|toxiques?)|"
        + in_waste(r"dangereux|toxique|huiles? usagees?|solvant|phytosanitaire"),
        "dechets-dis-incineration",
        0.10,
        "déchets dangereux, incinération",
        "déchets dangereux des ménages (DDS) : incinération (34712) au taux des déchets "
        "ménagers ; ceux des activités propres de la collectivité (ateliers) relèvent du taux "
        "normal : préciser le taux sur la ligne.",
    ),
    "piles": Waste(
        in_waste(r"\bpiles?\b|batterie|accumulateur"),
        "dechets-piles",
        0.055,
        "piles et batteries",
    ),
    "textiles": Waste(
        in_waste(r"textile|vetement|\btlc\b|chaussure"),
        "dechets-textiles-fin-de-vie-moyenne",
        0.055,
        "textiles, vêtements et chaussures",
    ),
    "dea": Waste(
        r"\bdea\b|" + in_waste(r"mobilier|ameublement|literie|matelas"),
        "dechets-dea-moyen",
        0.055,
        "éléments d'ameublement (DEA)",
    ),
    "encombrants": Waste(
        r"encombrant",
        "dechets-dea-moyen",
        0.10,
        "encombrants",
        "la Base Carbone n'a pas de facteur « encombrants » : DEA moyen (34622), comme le "
        "propose le fichier de référence (choix à valider).",
    ),
    "gravats": Waste(
        r"gravat|dechets? inertes?|" + in_waste(r"\binertes?\b|deblai|\bbtp\b"),
        "dechets-gravats-fin-de-vie-moyenne",
        0.055,
        "gravats et déchets inertes",
        "les gravats de chantiers de la collectivité ne sont pas des déchets ménagers : taux "
        "normal, à préciser sur la ligne.",
    ),
    "platre": Waste(
        in_waste(r"platre"),
        "dechets-platre-fin-de-vie-moyenne",
        0.055,
        "plâtre",
    ),
    "dib": Waste(
        r"\bdib\b|\bdae\b|tout[ -]venant|dechets? industriels? banals?|"
        r"dechets? non dangereux en melange",
        "dechets-dib-fin-de-vie-moyenne",
        0.10,
        "déchets non dangereux en mélange (DIB, tout-venant)",
    ),
    "verre": Waste(
        in_waste(r"\bverre"),
        "dechets-verre-recyclage",
        0.055,
        "verre (collecte séparée, recyclage)",
    ),
    "papier-carton": Waste(
        in_waste(r"papier|carton|\bjrm\b|journaux|archives"),
        "dechets-carton-recyclage",
        0.055,
        "papiers et cartons (collecte séparée, recyclage)",
        "pas de facteur valide pour le papier graphique en fin de vie dans la V23.6 : carton "
        "d'emballage recyclé (34480), approximation proposée par le fichier de référence.",
    ),
    "bois": Waste(
        in_waste(r"\bbois\b|palette"),
        "dechets-bois-fin-de-vie-moyenne",
        0.055,
        "bois",
        "bois de classe B des déchets du bâtiment (34678), flux des bennes de déchèterie.",
    ),
    "metaux": Waste(
        in_waste(r"metaux|metal|ferraille|ferreux|\bacier|alumin"),
        "dechets-metaux-ferreux-fin-de-vie-moyenne",
        0.055,
        "métaux et ferrailles",
        "métaux ferreux des déchets du bâtiment (34666) : la Base Carbone n'a pas de recyclage "
        "de l'acier d'emballage.",
    ),
    "plastiques": Waste(
        in_waste(r"plastique|\bpvc\b|polystyrene"),
        "dechets-plastiques-pe-rigide-recyclage",
        0.055,
        "plastiques (collecte séparée, recyclage)",
        "recyclage du PE rigide (34524), la résine la plus courante des emballages rigides.",
    ),
    "verts": Waste(
        r"dechets? verts?|dechets? vegetaux|" + in_waste(r"vegetaux|branchage|\btontes\b"),
        "dechets-biodechets-compostage",
        0.055,
        "déchets verts, compostage",
    ),
    "methanisation": Waste(
        r"methanis",
        "dechets-biodechets-methanisation",
        0.055,
        "biodéchets, méthanisation",
    ),
    "biodechets": Waste(
        r"biodechet|compost|fermentescible|dechets? (?:alimentaires?|organiques?)|"
        + in_waste(r"restes? de repas|epluchure"),
        "dechets-biodechets-compostage",
        0.055,
        "biodéchets, compostage",
    ),
}
WASTE_TREATMENTS: dict[str, Waste] = {
    "incineration": Waste(
        r"incinera|\buve\b|\buiom\b|valorisation energ|\bcsr\b",
        "dechets-omr-incineration",
        0.10,
        "ordures ménagères résiduelles, incinération",
    ),
    "enfouissement": Waste(
        r"\bisdnd\b|\bisdi\b|decharge|"
        r"^(?=.*(?:dechet|ordure|\bomr?\b|residuel))(?=.*(?:enfouiss|stockage))",
        "dechets-omr-stockage",
        0.10,
        "ordures ménagères résiduelles, stockage (enfouissement, ISDND)",
    ),
    "recyclage": Waste(
        r"tri selectif|centres? de tri|collectes? selectives?|collectes? separees?|recyclage"
        r"|valorisation matiere|multimateriau|bacs? jaunes?|tri des (?:dechets|emballages)|"
        + in_waste(r"emballage"),
        "dechets-carton-recyclage",
        0.055,
        "collecte sélective, tri et recyclage des emballages et papiers",
        "la Base Carbone n'a pas de facteur pour un flux d'emballages en mélange : carton "
        "d'emballage recyclé (34480), les papiers et cartons étant la plus grande part en masse "
        "(choix documenté, à valider).",
    ),
    "decheterie": Waste(
        r"decheterie|dechetterie",
        "dechets-dib-fin-de-vie-moyenne",
        0.055,
        "exploitation de déchèterie (flux en mélange)",
        "flux mélangés : déchets non dangereux en mélange (34682) retenus (choix documenté).",
    ),
}
WASTE_GENERIC = Waste(
    r"dechet|ordure|\bomr?\b|depots? sauvages",
    "dechets-omr-fin-de-vie-moyenne",
    0.10,
    "ordures ménagères et déchets non précisés",
    "sans traitement connu : fin de vie moyenne des ordures ménagères résiduelles (34654).",
)


def waste_rule(key: str, spec: Waste, slug: str, label_re: str | None, lead: str = "") -> Rule:
    """A waste rule: counted per tonne with the end-of-life factor, else by the H49 proxy."""
    vat = {0.055: VAT_WASTE_REDUCED, 0.10: VAT_WASTE, None: VAT_WASTE_NORMAL}[spec.vat]
    why = f" {spec.why[0].upper()}{spec.why[1:]}" if spec.why else ""
    note = (
        f"Déchets : {lead}{spec.what} (poste BEGES {WASTE_BEGES}, GHG Protocol catégorie 5). "
        f"Avec un tonnage, la ligne est comptée avec le facteur de fin de vie « {spec.factor} » "
        f"(Base Carbone, impacts ; émissions évitées non déduites).{why} {WASTE_PROXY} {vat}"
    )
    return Rule(
        key,
        factor=PROXIES["waste"][0],
        proxy="waste",
        label_re=label_re,
        slug=slug,
        note=note,
        vat=spec.vat,
        label=f"Déchets : {spec.what}",
        beges=WASTE_BEGES,
        physical={"t": spec.factor},
    )


def waste(
    key: str,
    main: Waste = WASTE_GENERIC,
    *,
    slug: str = "dechets",
    by_label: bool = False,
    treatments: bool = True,
) -> list[Rule]:
    """Waste rules on ``key``: the streams (then the treatments) recognised by label, then the
    main rule, on the key alone or (``by_label``, for an account of mixed services) on the
    main regex. The first matching label sub-rule of the file wins."""
    subs = dict(WASTE_STREAMS, **(WASTE_TREATMENTS if treatments else {}))
    rules = [waste_rule(key, spec, f"dechets-{name}", spec.label_re) for name, spec in subs.items()]
    rules.append(waste_rule(key, main, slug, main.label_re if by_label else None))
    return rules


# --------------------------------------------------------------------------- rules


@dataclass
class Rule:
    key: str  # account or CPV prefix
    factor: str | None = None
    exclude: str | None = None
    label_re: str | None = None
    slug: str | None = None
    proxy: str | None = None  # key of PROXIES
    note: str | None = None
    vat: float | None = None
    label: str | None = None
    section: str | None = None  # comment written before the rule
    mirrored: bool = False
    nomenclature: str | None = None  # "M14", "M4", "M49"…: only lines of that instruction
    extra: dict[str, Any] = field(default_factory=dict)
    physical: dict[str, str] | None = None  # unit → physical factor, for lines with a quantity
    quantify: bool = False  # counted from a quantity only: without one, « à quantifier »
    carrier: str | None = None  # energy carrier, for the user's prices (achats.yaml)
    beges: str | None = None  # BEGES post of the rule, over the factor's own


def f(key: str, factor: str, note: str | None = None, **kw: Any) -> Rule:
    return Rule(key, factor=factor, note=note, **kw)


def x(key: str, reason: str, **kw: Any) -> Rule:
    if reason in NON_VAT_REASONS:
        kw.setdefault("vat", 0.0)
    return Rule(key, exclude=reason, **kw)


def p(key: str, proxy: str, note: str | None = None, **kw: Any) -> Rule:
    return Rule(key, factor=PROXIES[proxy][0], proxy=proxy, note=note, **kw)


def qty(key: str, note: str, **kw: Any) -> Rule:
    """A rule counted from a physical quantity only (energy): « à quantifier » without one."""
    return Rule(key, quantify=True, note=note, **kw)


# Tangible fixed assets: the same sub-tree appears under 21 (owned), 217 (received as
# "mise à disposition") and 22 (received "en affectation"). Keys are suffixes.
TANGIBLE_TREE: list[Rule] = [
    x("1", LAND),
    p("21", "nursery"),
    f("28", "naf-F", "Agencements et aménagements de terrains : travaux."),
    f(
        "3",
        "naf-F",
        "Constructions : travaux de construction (une acquisition de bâtiment "
        "existant n'a pas d'émission de fabrication : à exclure par une règle locale).",
    ),
    f("311", "naf-F"),
    f("312", "naf-F"),
    f("318", "naf-F"),
    f("35", "naf-F"),
    f("38", "naf-F"),
    f("4", "naf-F", "Constructions sur sol d'autrui : travaux de construction."),
    x("43", LAND),
    f("5", "naf-F", "Réseaux, voirie et installations techniques : travaux (section F)."),
    f("51", "naf-F"),
    f("52", "naf-F"),
    f("53", "naf-F"),
    f("56", "naf-C28", "Matériel d'incendie et de défense civile : machines et équipements."),
    p("561", "vehicle"),
    f("57", "naf-C28", "Matériel et outillage technique : machines et équipements."),
    f("571", "naf-C30", "Matériel ferroviaire : C30 « Autres matériels de transport »."),
    p("5731", "vehicle"),
    f("58", "naf-C28"),
    f("6", "naf-F", "Biens historiques et culturels : travaux de restauration."),
    x("611", HERITAGE_ENTRY),
    f(
        "62",
        "naf-R90_91_92",
        "Biens historiques et culturels mobiliers : restauration d'oeuvres (NAF 90.03).",
    ),
    x("621", HERITAGE_ENTRY),
    f("8", "naf-C32", "Autres immobilisations corporelles : contenu hétérogène."),
    f("81", "naf-F", "Installations générales, agencements divers : travaux."),
    p("82", "vehicle"),
    f("821", "naf-C30", "Matériel de transport ferroviaire : C30."),
    f("83", "naf-C26"),
    f("84", "naf-C31"),
    f("85", "naf-C26"),
    f("86", "naf-A01", "Cheptel : animaux vivants (produits de l'élevage, A01)."),
    f("88", "naf-C32"),
]


def tangible(base: str, section: str, intro: Rule | None) -> list[Rule]:
    rules: list[Rule] = []
    if intro is not None:
        intro.section = section
        rules.append(intro)
    for template in TANGIBLE_TREE:
        rule = Rule(
            base + template.key,
            factor=template.factor,
            exclude=template.exclude,
            proxy=template.proxy,
            note=template.note,
            mirrored=True,
        )
        if intro is None and not rules:
            rule.section = section
        rules.append(rule)
    return rules


BOOKS_VAT = (
    "Livres : TVA 5,5 % (CGI art. 278-0 bis A). Les disques, CD, DVD et jeux vidéo sont au "
    "taux normal : sous-règle de libellé."
)


def family(
    key: str, factor: str, note: str, *subs: tuple[str, str, str, str], **kw: Any
) -> list[Rule]:
    """A rule on ``key`` and its label sub-rules, each (slug, factor, label regex, note)."""
    rules = [f(key, factor, note, **kw)]
    for slug, sub_factor, label_re, sub_note in subs:
        rules.append(f(key, sub_factor, sub_note, label_re=label_re, slug=slug))
    return rules


# Libraries' purchases (M57 60225, 6065): books at 5.5 %, discs and films at 20 %.
MEDIA = (
    "naf-J58",
    f"Livres et documents : édition (J58). {BOOKS_VAT}",
    (
        "disques",
        "naf-J59_60",
        r"disque|\bcd\b|\bdvd\b|blu-?ray|vinyle|cassette|jeux? video|\bvod\b",
        "Disques, CD, DVD, Blu-ray, vinyles, cassettes, jeux vidéo : enregistrements sonores "
        "et vidéo (J59_60). TVA 20 % (taux normal) : le taux réduit de 5,5 % (CGI art. "
        "278-0 bis A) ne vaut que pour les livres.",
    ),
)
# M57 6023 and 60633 « Fournitures de voirie »: mineral products, signs, road paint.
ROAD_SUPPLIES = (
    "naf-C23",
    "Fournitures de voirie : surtout produits minéraux (enrobés, bordures, granulats, "
    "ciment : C23, 844 kgCO2e/k€) ; la signalisation (C25) et la peinture de marquage "
    "(C20) sont reconnues par le libellé. Choix gardé après revue : les produits "
    "minéraux dominent ces achats ; avec la masse, préférer les facteurs physiques "
    "(20705 enrobés, 20805 pierres de carrière).",
    (
        "signalisation",
        "naf-C25",
        r"panneau|signali|signaux|potelet|barriere|\bbornes?\b|balise|plaques? de rue",
        "Signalisation, panneaux, potelets, barrières, bornes : produits métalliques (C25).",
    ),
    (
        "marquage",
        "naf-C20",
        r"peinture|marquage|resine",
        "Peinture routière et produits de marquage : produits chimiques (C20).",
    ),
)
# M57 60631 « Fournitures d'entretien »: small supplies by default, chemicals by label.
CLEANING_SUPPLIES = (
    "naf-C32",
    "Fournitures d'entretien : surtout du petit matériel et des consommables mêlés "
    "(balais, seaux, gants, essuie-mains, sacs) ; C32 « Autres produits manufacturés » "
    "(231 kgCO2e/k€) au lieu de C20 (produits chimiques, 603 kgCO2e/k€), réservé aux "
    "produits d'entretien reconnus par le libellé ; papier (C17) et sacs (C22) aussi.",
    (
        "produits",
        "naf-C20",
        r"produits? d.entretien|detergent|desinfect|nettoyant|lessive|savon|javel"
        r"|degraiss|detartr|decapant|\bcire\b|shampo|lave-?vaisselle|produits? chimique",
        "Produits d'entretien (détergents, désinfectants, lessives) : produits chimiques (C20).",
    ),
    (
        "papier",
        "naf-C17",
        r"essuie|papier|toilette|hygieni|ouate|bobine",
        "Papier d'hygiène (essuie-mains, papier toilette) : papier et carton (C17).",
    ),
    (
        "sacs",
        "naf-C22",
        r"\bsacs?\b|poubelle",
        "Sacs poubelle et sacs plastique : produits en plastique (C22).",
    ),
)


EXISTING_BUILDING_RE = (
    r"acquisition (?:d.une? |de l.|de la |de |du |des |d.)?(?:immeubles?|batiments?|maisons?|locaux"
    r"|local|appartements?|propriete|pavillon|hangar|bien immobilier|ensemble immobilier)"
    r"|\bpreemption|acte de vente|\bacq\.? (?:immeuble|batiment|maison|bien)"
)


def existing_buildings(keys: tuple[str, ...]) -> list[Rule]:
    """Label sub-rules excluding the purchase of an existing building on the 213 accounts."""
    return [
        x(key, EXISTING_BUILDING, label_re=EXISTING_BUILDING_RE, slug="acquisition") for key in keys
    ]


LEASED = (
    "Poste BEGES 4.4 « actifs en leasing amont » (GHG Protocol catégorie 8) : bien loué et "
    "utilisé par la collectivité ; son énergie est comptée par ailleurs (carburant, "
    "électricité), le ratio estime la fabrication du bien et le service du loueur. Une location "
    "ponctuelle avec prestation (matériel de fête monté, engin avec chauffeur) relève plutôt "
    "d'un service (4.5) : règle locale."
)
LEASING = (
    "Crédit-bail : bien financé par le crédit-bailleur et utilisé par la collectivité, poste "
    "BEGES 4.4 « actifs en leasing amont » (GHG Protocol catégorie 8)."
)
RENT = (
    "Locations immobilières (loyers) : bâtiment loué et occupé par la collectivité, poste BEGES "
    "4.4 « actifs en leasing amont » (GHG Protocol catégorie 8, bâtiments loués dont les "
    "émissions ne sont pas en scopes 1-2) ; ratio L « Services immobiliers ». TVA 0 : locations "
    "de locaux nus exonérées (CGI art. 261 D 2°), sauf option du bailleur (art. 260 2°) ou "
    "local aménagé : préciser le taux sur la ligne."
)
RENTAL_CHARGES = (
    "Charges locatives et de copropriété : coûts d'exploitation du bâtiment loué (chauffage, "
    "électricité des parties communes, nettoyage, ascenseur, entretien), poste BEGES 4.4 "
    "« actifs en leasing amont » (GHG Protocol catégorie 8 : exploitation d'actifs loués hors "
    "scopes 1-2). Proxy de service générique M74 au lieu de L (21 kgCO2e/k€), qui décrit les "
    "loyers et non ces dépenses d'exploitation ; l'énergie comprise dans les charges reste "
    "sous-estimée. Incertitude portée à 100 %. TVA 0 : accessoires du loyer, même régime que "
    "lui (CGI art. 261 D 2°) ; charges de copropriété versées au syndicat, hors champ."
)


def m57_rules() -> list[Rule]:
    rules: list[Rule] = [
        # ----------------------------------------------------------------- class 1
        x(
            "001",
            CARRIED_RESULT,
            section="Classes 0 et 1 : résultats reportés, reversements, emprunts (hors achats)",
        ),
        x("002", CARRIED_RESULT),
        x("10", ENDOWMENT_REFUNDS),
        x("13", GRANT_REFUNDS),
        x("16", LOANS),
        # ----------------------------------------------------------------- class 2
        f(
            "202",
            "naf-M71",
            "Études des documents d'urbanisme : ingénierie et études.",
            section="Classe 2 : immobilisations (poste BEGES 4.2, attribué par le moteur)",
        ),
        f("2031", "naf-M71", "Frais d'études : ingénierie et architecture (M71)."),
        f("2032", "naf-M72", "Recherche et développement (M72)."),
        f("2033", "naf-M73", "Frais d'insertion (annonces des marchés) : publicité (M73)."),
        x("204", EQUIPMENT_SUBSIDIES),
        f("205", "naf-J62_63", "Concessions, licences, logiciels : services informatiques."),
        f(
            "2051",
            "naf-J62_63",
            "Concessions et droits similaires : surtout logiciels et licences.",
        ),
        x("2053", LAND),
        f(
            "2087",
            "naf-J62_63",
            "Dépenses sur immobilisations incorporelles reçues en mise à "
            "disposition : surtout logiciels.",
        ),
        f(
            "2088",
            "naf-J62_63",
            "Autres immobilisations incorporelles : surtout logiciels ; contenu à vérifier.",
        ),
    ]
    rules += tangible("21", "21 Immobilisations corporelles", None)
    rules += existing_buildings(("213", "21311", "21312", "21318", "2138"))
    rules += tangible(
        "217",
        "217 Dépenses sur immobilisations reçues au titre d'une mise à disposition "
        "(chapitre réel 21 : mêmes correspondances que 21)",
        f(
            "217",
            "naf-F",
            "Travaux et acquisitions sur des biens reçus en mise à disposition "
            "(transfert de compétence) : dépenses réelles, mêmes catégories que le compte 21 "
            "correspondant.",
        ),
    )
    rules += tangible(
        "22",
        "22 Dépenses sur immobilisations reçues en affectation (chapitre réel 22 : mêmes "
        "correspondances que 21)",
        f(
            "22",
            "naf-F",
            "Travaux et acquisitions sur des biens reçus en affectation : "
            "dépenses réelles (chapitre 22), mêmes catégories que le compte 21 correspondant.",
        ),
    )
    rules += [
        x("229", AFFECTOR_RIGHTS),
        f(
            "23",
            "naf-F",
            "Immobilisations en cours : surtout des marchés de travaux.",
            section="23 Immobilisations en cours",
        ),
        f("2312", "naf-F"),
        f("2313", "naf-F"),
        f("2314", "naf-F"),
        f("2315", "naf-F"),
        f("2316", "naf-F", "Restauration de biens historiques : travaux."),
        f("2317", "naf-F", "Travaux en cours sur des biens reçus en mise à disposition."),
        f(
            "2318",
            "naf-F",
            "Autres immobilisations corporelles en cours : surtout des travaux ; "
            "C32 pour des équipements.",
        ),
        x("2324", EQUIPMENT_SUBSIDIES),
        f("2328", "naf-M71", "Immobilisations incorporelles en cours : surtout des études."),
        f("235", "naf-F", "Part investissement des marchés de partenariat : construction."),
        x("236", EPLE_ADVANCES),
        f(
            "237",
            "naf-M71",
            "Avances sur commandes d'immobilisations incorporelles (études, "
            "logiciels) : comptées au versement ; l'intégration ultérieure (opération d'ordre, "
            "chapitre 041) ne doit pas être recomptée.",
        ),
        f(
            "238",
            "naf-F",
            "Avances sur commandes d'immobilisations corporelles : surtout des "
            "marchés de travaux ; comptées au versement ; l'intégration ultérieure (opération "
            "d'ordre, chapitre 041) ne doit pas être recomptée.",
        ),
        x("24", MADE_AVAILABLE, section="24 à 29 : écritures patrimoniales et financières"),
        x("26", FINANCIAL_ASSETS),
        x("27", FINANCIAL_ASSETS),
        x("28", AMORTISATION),
        x("29", IMPAIRMENT),
        # ----------------------------------------------------------------- 60
        f(
            "6011",
            "naf-C32",
            "Matières premières et fournitures : contenu hétérogène.",
            section="60 Achats (poste BEGES 4.1)",
        ),
        x("6015", LAND),
        f("6021", "naf-C32", "Matières consommables : contenu hétérogène."),
        *energy("60221", "gazole", *FUELS[:-1], "fioul", "propane", "plaquettes", "bois"),
        f("60222", "naf-C20"),
        f("60223", "naf-C32"),
        f("60224", "naf-C17"),
        *family("60225", *MEDIA, vat=0.055),
        f("60226", "naf-C13_14_15"),
        f("60227", "naf-C17", "Fournitures scolaires : surtout papier ; C32 possible."),
        f("60228", "naf-C32"),
        *family("6023", *ROAD_SUPPLIES),
        f(
            "6026",
            "naf-C21",
            "Produits pharmaceutiques (TVA réduite 2,1 % ou 10 % selon le "
            "produit : préciser le taux sur la ligne).",
        ),
        f("6027", "naf-C10_11_12", vat=0.055),
        f("6028", "naf-C32", "Autres achats stockés : contenu hétérogène."),
        x("603", STOCK_CHANGE),
        f("6041", "naf-M71", "Achats d'études : ingénierie et études."),
        p("6042", "generic_service"),
        f(
            "6042",
            "naf-I",
            "Prestations de restauration (repas livrés, cantine) : I.",
            label_re="repas|restauration|cantine|traiteur",
            slug="restauration",
            vat=0.10,
        ),
        f("6045", "naf-M71", "Études et prestations pour terrains à aménager : ingénierie."),
        f("605", "naf-F", "Matériel, équipements et travaux incorporés aux ouvrages : travaux."),
        *energy("6061", None, "chaleur", "gaz", "electricite"),
        p(
            "6061",
            "water",
            label_re=r"\beau\b|assainissement",
            slug="eau",
            vat=0.055,
            physical={"m3": "eau-reseau-m3"},
        ),
        p("60611", "water", vat=0.055, physical={"m3": "eau-reseau-m3"}),
        *energy("60612", "electricite", "gaz"),
        *energy("60613", "chaleur"),
        f(
            "60618",
            "naf-C32",
            "Autres fournitures non stockables (ni eau, ni électricité, ni chauffage urbain) : "
            "pas de l'énergie par défaut, contenu hétérogène (C32) ; le gaz de réseau imputé "
            "ici est reconnu par le libellé et compté comme énergie.",
        ),
        *energy("60618", None, "gaz")[1:],
        *energy(
            "60621",
            "gaz",
            *COMBUSTIBLES[:-1],
            physical=dict(GAS, L="fioul-domestique-litre"),
            what=CARRIER_RULES["gaz"].what + " ; en litres, fioul domestique (14087)",
        ),
        *energy("60622", "gazole", *FUELS[:-1]),
        f("60623", "naf-C10_11_12", vat=0.055),
        f("60624", "naf-C20"),
        f("60628", "naf-C32"),
        f(
            "6063",
            "naf-C32",
            "Fournitures d'entretien et de petit équipement (compte non subdivisé, M4 ou "
            "saisie au niveau 6063) : contenu hétérogène.",
        ),
        *family("60631", *CLEANING_SUPPLIES),
        f("60632", "naf-C25"),
        *family("60633", *ROAD_SUPPLIES),
        f("60636", "naf-C13_14_15", "Habillement et vêtements de travail."),
        f("6064", "naf-C17"),
        f(
            "6064",
            "naf-C26",
            "Cartouches et toners : consommables d'impression informatiques.",
            label_re="toner|cartouche",
            slug="toner",
        ),
        *family("6065", *MEDIA, vat=0.055),
        f(
            "6066",
            "naf-C21",
            "Produits pharmaceutiques (TVA réduite 2,1 % ou 10 % selon le "
            "produit : préciser le taux sur la ligne).",
        ),
        f("6067", "naf-C17"),
        f("6068", "naf-C32"),
        f("6071", "naf-C26", "Compteurs : instruments de mesure (NAF 26.51)."),
        f("6078", "naf-C32", "Autres marchandises : contenu hétérogène."),
        f("608", "naf-M69_70", "Frais accessoires sur terrains (notaire, géomètre, conseil)."),
        f("6091", "naf-C32", REBATE),
        f("6092", "naf-C32", REBATE),
        f("6094", "naf-M74", REBATE),
        f("6095", "naf-F", REBATE),
        f("6096", "naf-C32", REBATE),
        f("6097", "naf-C32", REBATE),
        f("6098", "naf-M69_70", REBATE),
        # ----------------------------------------------------------------- 61
        p(
            "611",
            "generic_service",
            "Contrats de prestations de services : à ventiler marché par marché ; sans "
            "indication, ratio d'un service spécialisé générique (M74) ; incertitude portée à "
            "100 %.",
            section="61 Services extérieurs (poste BEGES 4.5)",
        ),
        *waste("611", by_label=True),
        p(
            "611",
            "cleaning",
            label_re="nettoyage|proprete|menage|entretien des locaux",
            slug="nettoyage",
        ),
        p(
            "611",
            "green_spaces",
            label_re="espaces? verts?|tonte|elagage|fauchage|paysag",
            slug="espaces-verts",
        ),
        f(
            "611",
            "naf-I",
            "Restauration collective, repas, portage : I.",
            label_re="restauration|repas|cantine|traiteur",
            slug="restauration",
            vat=0.10,
        ),
        f(
            "611",
            "naf-H49",
            "Transport (scolaire, de personnes) : H49.",
            label_re="transport|ramassage scolaire",
            slug="transport",
            vat=0.10,
        ),
        p("6122", "equipment_rental", f"{PROXIES['equipment_rental'][1]} {LEASING}", beges="4.4"),
        p("61221", "vehicle_rental", f"{PROXIES['vehicle_rental'][1]} {LEASING}", beges="4.4"),
        p("61228", "equipment_rental", f"{PROXIES['equipment_rental'][1]} {LEASING}", beges="4.4"),
        f(
            "6125",
            "naf-L",
            f"Crédit-bail immobilier : services immobiliers (L). {LEASING}",
            beges="4.4",
        ),
        f("6132", "naf-L", RENT, vat=0.0, beges="4.4"),
        p("6135", "equipment_rental", f"{PROXIES['equipment_rental'][1]} {LEASED}", beges="4.4"),
        p("61351", "vehicle_rental", f"{PROXIES['vehicle_rental'][1]} {LEASED}", beges="4.4"),
        p("61358", "equipment_rental", f"{PROXIES['equipment_rental'][1]} {LEASED}", beges="4.4"),
        p("614", "generic_service", RENTAL_CHARGES, vat=0.0, beges="4.4"),
        p("61521", "green_spaces"),
        f("615221", "naf-F"),
        f("615228", "naf-F", "Entretien des autres bâtiments : travaux."),
        f("615231", "naf-F"),
        f("615232", "naf-F"),
        f("61524", "naf-A02", "Entretien des bois et forêts : services sylvicoles (A02)."),
        p("61551", "vehicle_repair"),
        f("61558", "naf-C33"),
        f("6156", "naf-C33"),
        f(
            "6156",
            "naf-J62_63",
            "Maintenance de logiciels et d'informatique : J62_63.",
            label_re="logiciel|progiciel|informatique|licence",
            slug="logiciel",
        ),
        f(
            "616",
            "naf-K65",
            "Primes d'assurances : opérations d'assurance exonérées de TVA (CGI art. 261 C 2°) ; "
            "TVA 0. La taxe spéciale sur les conventions d'assurance (TSCA, CGI art. 991) n'est "
            "pas de la TVA : une prime « TTC » (taxe comprise) n'est pas divisée par 1,2 ; la "
            "TSCA, de taux variable selon le contrat, reste dans le montant.",
            vat=0.0,
        ),
        f("617", "naf-M71"),
        p(
            "618",
            "generic_service",
            "Frais divers (compte non subdivisé, M4 ou saisie au niveau 618) : "
            "documentation, formation, colloques ; ratio de service générique (M74) ; "
            "incertitude portée à 100 %.",
        ),
        f(
            "6182",
            "naf-J58",
            "Documentation : édition (livres à TVA réduite 5,5 %).",
            vat=0.055,
        ),
        f(
            "6182",
            "naf-J58",
            "Abonnements de presse (journaux, revues, magazines) : TVA presse 2,1 %.",
            label_re=r"abonnement|journa|presse|magazine|revue|quotidien|hebdo",
            slug="presse",
            vat=0.021,
        ),
        f("6183", "naf-P85", "Frais de formation : services d'enseignement."),
        f(
            "6184",
            "naf-P85",
            "Versements à des organismes de formation : formation professionnelle continue "
            "par un organisme déclaré, exonérée de TVA (CGI art. 261-4-4° a).",
            vat=0.0,
        ),
        p(
            "6185",
            "office_support",
            "Colloques et séminaires : organisation de congrès (N82) "
            "sans ratio V23.6 ; approché par M74 ; incertitude portée à 100 %.",
        ),
        p("6188", "generic_service"),
        f(
            "619",
            "naf-M74",
            "Rabais, remises et ristournes obtenus sur services extérieurs : "
            "montants en réduction ; catégorie générique des services (M74).",
        ),
        # ----------------------------------------------------------------- 62
        f(
            "621",
            "naf-N78",
            "Personnel extérieur (intérim) : services liés à l'emploi.",
            section="62 Autres services extérieurs (poste BEGES 4.5)",
        ),
        x("6211", PERSONNEL_LINKED),
        x("6212", PERSONNEL_LINKED),
        x("6213", PERSONNEL_LINKED),
        x("6214", PERSONNEL_LINKED),
        x("6215", PERSONNEL_LINKED),
        x("6216", PERSONNEL_LINKED),
        x("6217", PERSONNEL_LINKED),
        f("6218", "naf-N78", "Autre personnel extérieur (intérim) : services liés à l'emploi."),
        x("6225", ACCOUNTANT),
        f("6226", "naf-M69_70"),
        f("62261", "naf-Q86", "Honoraires médicaux et paramédicaux : santé humaine.", vat=0.0),
        f("62268", "naf-M69_70", "Honoraires, conseils : juridique, comptable, conseil."),
        f("6227", "naf-M69_70"),
        f("6228", "naf-M69_70", "Rémunérations d'intermédiaires diverses : conseil."),
        f("6231", "naf-M73"),
        f(
            "6232",
            "naf-R90_91_92",
            "Fêtes et cérémonies : spectacles et animations par défaut ; traiteur : I.",
        ),
        f(
            "6232",
            "naf-I",
            "Fêtes et cérémonies, part traiteur : restauration.",
            label_re="traiteur|repas|buffet|cocktail|restauration",
            slug="traiteur",
            vat=0.10,
        ),
        f("6233", "naf-M73"),
        f("6234", "naf-I", "Réceptions : restauration, traiteur.", vat=0.10),
        f("6236", "naf-C18"),
        f("6237", "naf-C18"),
        f("6238", "naf-M73", "Publicité et relations publiques diverses."),
        f(
            "624",
            "naf-H49",
            "Transports de biens et de personnes : transports terrestres ; "
            "le fret en t.km (facteurs physiques) est préférable quand il est connu.",
        ),
        f("6241", "naf-H49"),
        f(
            "6245",
            "naf-H49",
            "Transports de personnes extérieures (ex. transport scolaire).",
            vat=0.10,
        ),
        f("6247", "naf-H49", "Transports collectifs du personnel.", vat=0.10),
        f("6248", "naf-H49"),
        f(
            "6251",
            "naf-H49",
            "Voyages et missions (poste BEGES 3.5) : par défaut H49 (train, car, taxi), mode le "
            "plus courant pour les agents ; N79 (agences de voyage) ne couvrirait que la marge "
            "de l'agence, pas le trajet. Avion et hébergement : règles par libellé.",
            vat=0.10,
        ),
        f(
            "6251",
            "naf-H49",
            "Train : transports terrestres.",
            label_re=r"\btrain|sncf|tgv|\bter\b|ouigo|billet de train",
            slug="train",
            vat=0.10,
        ),
        f(
            "6251",
            "naf-H51",
            "Avion : transports aériens.",
            label_re=r"avion|aerien|\bvol\b|air france|aeroport",
            slug="avion",
            vat=0.10,
        ),
        f(
            "6251",
            "naf-I",
            "Hébergement et repas de mission : hébergement et restauration.",
            label_re=r"hotel|hebergement|nuitee|repas|restaurant",
            slug="hebergement",
            vat=0.10,
        ),
        f("6255", "naf-H49", "Déménagement : transport routier (NAF 49.42)."),
        f(
            "6261",
            "naf-H53",
            "Affranchissement : service postal universel exonéré de TVA.",
            vat=0.0,
        ),
        f("6262", "naf-J61"),
        f("627", "naf-K64", "Services bancaires (largement exonérés de TVA).", vat=0.0),
        f(
            "6281",
            "naf-S94",
            "Cotisations à des associations et organismes (associations d'élus, réseaux, "
            "fédérations) : services des organisations associatives (S94), poste 4.5 ; choix "
            "gardé après revue. TVA 0 : cotisation sans contrepartie individualisée, hors champ "
            "(CGI art. 256), ou service d'un organisme sans but lucratif à ses membres, exonéré "
            "(art. 261, 7-1° a).",
            vat=0.0,
        ),
        p("6282", "security"),
        p("6283", "cleaning"),
        f(
            "6284",
            "naf-O84",
            "Redevances pour services rendus (le plus souvent par un "
            "organisme public) : administration publique.",
        ),
        x("6287", INTRA_GROUP_COSTS),
        p(
            "62878",
            "generic_service",
            "Remboursement de frais à des tiers : nature des frais "
            "inconnue ; ratio de service générique (M74) ; incertitude portée à 100 %.",
        ),
        p("6288", "generic_service"),
        f(
            "629",
            "naf-M74",
            "Rabais, remises et ristournes obtenus sur autres services "
            "extérieurs : montants en réduction ; catégorie générique des services (M74).",
        ),
        # ----------------------------------------------------------------- 63 to 69
        x("63", TAXES, section="63 à 69 : hors achats par défaut (DESIGN §5), sauf exceptions"),
        x("64", PERSONNEL),
        x("651", PERSON_AID),
        x(
            "652",
            SOCIAL_STAY,
            note="Frais de scolarité (6521), accueil familial (6522), hospitalisation (6523), "
            "prévention spécialisée (6526) : participations et aides, hors achats par défaut. "
            "Les placements (6524) et les inhumations (6525) sont des services achetés : "
            "règles propres.",
        ),
        p(
            "6524",
            "social",
            "Frais de séjour en établissements sociaux et médico-sociaux (aide sociale à "
            "l'enfance, adultes handicapés, personnes âgées) : service d'hébergement acheté pour "
            "un bénéficiaire, poste 4.5 ; Q87-Q88 sans ratio V23.6, approché par Q86 « Services "
            "de santé humaine » ; incertitude portée à 100 %. TVA 0 : établissements publics "
            "(hors champ, CGI art. 256 B) ou associatifs (exonérés, art. 261, 7-1° b).",
            vat=0.0,
        ),
        f(
            "6525",
            "naf-S96",
            "Frais d'inhumation (obsèques des personnes dépourvues de ressources suffisantes, "
            "CGCT art. L. 2223-27) : services funéraires achetés (NAF 96.03, dans S96), poste "
            "4.5 ; TVA au taux normal par défaut (une prestation à taux réduit se précise sur la "
            "ligne).",
        ),
        x("653", ELECTED),
        f(
            "65312",
            "naf-H49",
            "Frais de mission et de déplacement des élus : déplacements (mêmes règles que 6251).",
            vat=0.10,
        ),
        f("65315", "naf-P85", "Formation des élus : services d'enseignement."),
        f("65322", "naf-H49", "Frais de mission et de déplacement : déplacements.", vat=0.10),
        f("65325", "naf-P85", "Frais de formation : services d'enseignement."),
        f("65332", "naf-H49", "Frais de mission et de déplacement : déplacements.", vat=0.10),
        f("65335", "naf-P85", "Frais de formation : services d'enseignement."),
        x("654", BAD_DEBTS),
        x("655", CONTRIBUTIONS),
        x("656", CONTRIBUTIONS),
        x("657", SUBSIDIES),
        x("658", OTHER_MANAGEMENT),
        f("6581", "naf-J62_63", "Redevances pour licences et logiciels : services informatiques."),
        f("65811", "naf-J62_63", "Informatique en nuage (SaaS) : services d'information."),
        f(
            "65818",
            "naf-J62_63",
            "Autres redevances (licences, logiciels) : services informatiques.",
        ),
        x("6582", ANNEX_BUDGETS),
        x("6583", PENALTIES),
        x("6584", PENALTIES),
        x("6585", PENALTIES),
        x("65861", PERSONNEL),
        f(
            "65862",
            "naf-C32",
            "Matériel, équipement et fournitures des groupes d'élus : contenu hétérogène.",
        ),
        x("65869", OTHER_MANAGEMENT),
        f(
            "65881",
            "naf-I",
            "Hébergement et restauration scolaires : participation aux services d'hébergement et "
            "de restauration des EPLE (collèges, lycées), restauration (I) ; choix gardé après "
            "revue. TVA 0 : versements à un établissement public pour une activité hors champ "
            "(CGI art. 256 B).",
            vat=0.0,
        ),
        x("66", FINANCIAL),
        x("67", SPECIFIC),
        x("68", DEPRECIATION),
        x("69", INCOME_TAX, label="Impôts sur les bénéfices et assimilés"),
        # ----------------------------------------------------------------- 4, 7
        x(
            "45",
            THIRD_PARTY,
            section="Comptes de tiers et de produits servis en dépense (hors achats)",
        ),
        x("70", REVENUE_REDUCTIONS),
        x("73", REVENUE_REDUCTIONS),
    ]
    return rules


def m14_rules() -> list[Rule]:
    """M14 accounts whose meaning differs from the M57 rule that would reach them.

    Labels come from the M14 chart. Every other M14 account keeps the M57 rule of the same
    prefix (same label and meaning, e.g. 611, 6042, 6135, 2313, 2315, 204, 6451, 6574).
    """
    art = (
        "naf-R90_91_92",
        "Collections et oeuvres d'art (M14) : achat et restauration d'oeuvres, arts et "
        "spectacles (NAF 90.03) ; en M57, les comptes 216, 2176 et 226 désignent les biens "
        "historiques et culturels (travaux, F).",
    )
    cattle = (
        "naf-A01",
        "Cheptel (M14, M4 : compte 2185) : animaux vivants, produits de l'élevage (A01) ; "
        "en M57, 2185 est le matériel de téléphonie (C26).",
    )
    rules: list[Rule] = [
        f("216", *art, section="Classe 2 : immobilisations"),
        f("2176", *art),
        f("226", *art),
        f(
            "2316",
            "naf-R90_91_92",
            "Restauration des collections et oeuvres d'art en cours (M14) : restauration "
            "d'oeuvres (NAF 90.03) ; en M57, 2316 est la restauration de biens historiques "
            "(travaux, F).",
        ),
        f("2185", *cattle),
        f("21785", *cattle),
        f("2285", *cattle),
        p(
            "21571",
            "vehicle",
            "Matériel roulant de voirie (M14) : véhicules ; en M57, 21571 est le matériel "
            "ferroviaire. " + PROXIES["vehicle"][1],
        ),
        f(
            "232",
            "naf-M71",
            "Immobilisations incorporelles en cours (compte non subdivisé en M14) : surtout "
            "des études (M71), comme 2328 en M57.",
        ),
        f(
            "6023",
            "naf-C10_11_12",
            "Alimentation (M14, achats stockés) : produits alimentaires, TVA 5,5 % ; en "
            "M57, 6023 désigne les fournitures de voirie (C23).",
            vat=0.055,
            section="Classe 6 : charges",
        ),
        f(
            "6256",
            "naf-H49",
            "Missions (M14) : déplacements, mêmes règles que 6251 ; transport de personnes "
            "et hébergement à TVA 10 %.",
            vat=0.10,
        ),
        f(
            "6257",
            "naf-I",
            "Réceptions (M14) : restauration, traiteur (TVA 10 %), comme 6234 en M57.",
            vat=0.10,
        ),
        f(
            "651",
            "naf-J62_63",
            "Redevances pour concessions, brevets, licences, logiciels (M14) : services "
            "informatiques ; en M57, 651 désigne les aides à la personne (exclues).",
        ),
        f(
            "6512",
            "naf-J62_63",
            "Informatique en nuage (M14 6512, M57 65811) : services d'information.",
        ),
        x(
            "652",
            ANNEX_BUDGETS,
            note="M14 652 : déficit ou excédent des budgets annexes ; en M57, 652 désigne "
            "les frais de séjour et d'hébergement.",
        ),
        f(
            "6532",
            "naf-H49",
            "Frais de mission des élus (M14 6532, M57 65312) : déplacements, TVA 10 %.",
            vat=0.10,
        ),
        f(
            "6535",
            "naf-P85",
            "Formation des élus (M14 6535, M57 65315) : services d'enseignement.",
        ),
        x(
            "6561",
            PERSONNEL,
            note="Frais de personnel des groupes d'élus (M14 6561) ; en M57, 656 désigne les "
            "participations.",
        ),
        f(
            "6562",
            "naf-C32",
            "Matériel, équipement et fournitures des groupes d'élus (M14 6562, M57 65862) : "
            "contenu hétérogène.",
        ),
        x("65882", GIFTS, note="Secours d'urgence et aides (M14 65882x)."),
        x(
            "67",
            EXCEPTIONAL,
            note="M14 67 : charges exceptionnelles (en M57 : charges spécifiques).",
        ),
        x("6711", PENALTIES),
        x("6712", PENALTIES),
        x("6713", GIFTS),
        x("6714", GIFTS),
        x("674", SUBSIDIES),
    ]
    for rule in rules:
        rule.nomenclature = "M14"
    return rules


M4_LABELS: dict[str, str] = {
    # Plan de comptes M49 développé 2018 (bleucitron/plans-de-compte@13fccbd :
    # 2018/M4/M49_D.xml), commun pour ces comptes aux budgets M4, M41 et M43.
    "2154": "Matériel industriel",
    "2155": "Outillage industriel",
    "21561": "Service de distribution d'eau",
    "217561": "Service de distribution d'eau",
    "2185": "Cheptel",
    "2186": "Emballages récupérables",
    "604": "Achats d'études, prestations de services, équipements et travaux",
    "605": "Achats d'eau",
    "60224": "Fournitures de magasin",
    "60225": "Fournitures de bureau",
    "60227": "Pièces de rechange",
    "6026": "Emballages",
    "6062": "Produits de traitement",
    "6066": "Carburants",
    "611": "Sous-traitance générale",
    "6136": "Mali sur emballages",
    "6137": "Redevances, droits de passage et servitudes diverses",
    "6152": "Entretien et réparations sur biens immobiliers",
    "61521": "Bâtiments publics",
    "6211": "Personnel intérimaire",
    "6221": "Commissions et courtages sur achats",
    "6222": "Commissions pour recouvrement de la redevance d'assainissement",
    "6232": "Echantillons",
    "6256": "Missions",
    "6257": "Réceptions",
    "6371": "Redevance versée aux agences de l'eau au titre des prélèvements d'eau",
    "651": "Redevances pour concessions, brevets, licences, procédés, droits et valeurs similaires",
    "6532": "Frais de mission",
    "6535": "Formation",
    "67": "Charges exceptionnelles",
    "6711": "Intérêts moratoires et pénalités sur marchés",
    "6712": "Pénalités, amendes fiscales et pénales",
    "6713": "Dons, libéralités",
    "6717": "Rappel d'impôts (autres qu'impôts sur les bénéfices)",
    "674": "Subventions de fonctionnement exceptionnelles",
}


def m4_rules() -> list[Rule]:
    """M4x accounts (M4, M41, M43, M49) whose meaning differs from the M57 rule.

    `nomenclature: "M4"` reaches M4, M41, M43 and M49 lines (prefix); "M49" and "M43"
    rules are specific to water/sanitation and transport budgets.
    """
    m4: list[Rule] = [
        f(
            "2154",
            "naf-C28",
            "Matériel industriel (M4) : machines et équipements ; en M57, 2154 désigne les "
            "voies navigables (travaux).",
            section="Classe 2 : immobilisations (M4, M41, M43, M49)",
        ),
        f("2155", "naf-C28", "Outillage industriel (M4) : machines et outillage."),
        f(
            "2185",
            "naf-A01",
            "Cheptel (M4) : produits de l'élevage ; en M57, 2185 est la téléphonie.",
        ),
        f(
            "2186",
            "naf-C22",
            "Emballages récupérables (M4) : surtout plastiques (C22) ; en M57, 2186 est le "
            "cheptel.",
        ),
        p(
            "604",
            "generic_service",
            "Achats d'études, prestations de services, équipements et travaux (M4, compte "
            "non subdivisé) : nature mêlée ; ratio de service générique (M74) en attendant "
            "une ventilation par marché ; incertitude portée à 100 %.",
            section="Classe 6 : charges (M4, M41, M43, M49)",
        ),
        f(
            "60224",
            "naf-C32",
            "Fournitures de magasin (M4) : contenu hétérogène ; en M57, 60224 désigne les "
            "fournitures administratives.",
        ),
        f(
            "60225",
            "naf-C17",
            "Fournitures de bureau (M4) : papier ; en M57, 60225 désigne les livres (TVA 5,5 %).",
        ),
        f(
            "60227",
            "naf-C28",
            "Pièces de rechange (M4) : pièces de machines et d'équipements ; en M57, 60227 "
            "désigne les fournitures scolaires.",
        ),
        f(
            "6026",
            "naf-C22",
            "Emballages (M4) : surtout plastiques (C22) ; en M57, 6026 désigne les produits "
            "pharmaceutiques.",
        ),
        f(
            "6062",
            "naf-C20",
            "Produits de traitement (M4, ex. réactifs d'épuration) : produits chimiques.",
        ),
        *energy(
            "6066",
            "gazole",
            *FUELS[:-1],
            what=CARRIER_RULES["gazole"].what
            + " ; carburants (M4) : en M57, 6066 désigne les produits pharmaceutiques",
        ),
        f(
            "6136",
            "naf-C22",
            "Mali sur emballages (M4) : emballages non rendus, surtout plastiques.",
        ),
        f(
            "6137",
            "naf-L",
            "Redevances, droits de passage et servitudes (M4) : droits d'usage de terrains, "
            "comme les locations immobilières (6132, L).",
        ),
        f(
            "6152",
            "naf-F",
            "Entretien et réparations sur biens immobiliers (M4 : bâtiments, réseaux, "
            "autres) : travaux.",
        ),
        f(
            "61521",
            "naf-F",
            "Entretien des bâtiments publics (M4) : travaux ; en M57, 61521 désigne les "
            "terrains (espaces verts).",
        ),
        f(
            "6211",
            "naf-N78",
            "Personnel intérimaire (M4) : services liés à l'emploi ; en M57, 6211 est du "
            "personnel affecté par une entité liée (exclu).",
        ),
        f(
            "6221",
            "naf-M69_70",
            "Commissions et courtages sur achats (M4) : intermédiaires, conseil.",
        ),
        f(
            "6232",
            "naf-C32",
            "Échantillons (M4) : biens divers ; en M57, 6232 désigne les fêtes et cérémonies.",
        ),
        f(
            "6256",
            "naf-H49",
            "Missions (M4) : déplacements, mêmes règles que 6251 (TVA 10 %).",
            vat=0.10,
        ),
        f("6257", "naf-I", "Réceptions (M4) : restauration, traiteur (TVA 10 %).", vat=0.10),
        x("6371", WATER_AGENCY),
        f(
            "651",
            "naf-J62_63",
            "Redevances pour licences et logiciels (M4) : services informatiques ; en M57, "
            "651 désigne les aides à la personne (exclues).",
        ),
        f("6532", "naf-H49", "Frais de mission des élus : déplacements (TVA 10 %).", vat=0.10),
        f("6535", "naf-P85", "Formation des élus : services d'enseignement."),
        x(
            "67",
            EXCEPTIONAL,
            note="M4 67 : charges exceptionnelles (en M57 : charges spécifiques).",
        ),
        x("6711", PENALTIES),
        x("6712", PENALTIES),
        x("6713", GIFTS),
        x("6717", TAXES),
        x("674", SUBSIDIES),
    ]
    for rule in m4:
        rule.nomenclature = "M4"
    m49: list[Rule] = [
        f(
            "21561",
            "naf-C28",
            "Matériel spécifique d'exploitation du service d'eau (M49) : machines et "
            "équipements ; en M57, 21561 est le matériel roulant d'incendie (véhicules).",
            section="Budgets d'eau et d'assainissement (M49)",
        ),
        f(
            "217561",
            "naf-C28",
            "Matériel spécifique d'exploitation du service d'eau reçu en mise à disposition "
            "(M49) : machines et équipements.",
        ),
        p(
            "605",
            "water",
            "Achats d'eau (M49) : eau en gros achetée à un autre service ; en M57, 605 "
            "désigne le matériel et les travaux. " + PROXIES["water"][1],
            vat=0.055,
        ),
        p(
            "611",
            "water",
            "Sous-traitance générale d'un budget d'eau ou d'assainissement (M49) : surtout "
            "l'exploitation des réseaux et stations par un prestataire. Cette règle passe "
            "avant les sous-règles de libellé du compte 611 M57. " + PROXIES["water"][1],
        ),
        p(
            "6222",
            "office_support",
            "Commissions pour recouvrement de la redevance d'assainissement (M49) : "
            "facturation et recouvrement (N82.91) sans ratio V23.6 ; approché par M74 ; "
            "incertitude portée à 100 %.",
        ),
    ]
    for rule in m49:
        rule.nomenclature = "M49"
        rule.slug = "m49"
    m43 = [
        f(
            "611",
            "naf-H49",
            "Sous-traitance générale d'un budget de transport (M43) : surtout l'exploitation "
            "de lignes (transport de voyageurs, TVA 10 %). Cette règle passe avant les "
            "sous-règles de libellé du compte 611 M57.",
            vat=0.10,
            section="Budgets de transport (M43)",
        ),
    ]
    for rule in m43:
        rule.nomenclature = "M43"
        rule.slug = "m43"
        rule.label = M4_LABELS[rule.key]
    for rule in m4 + m49:
        rule.label = M4_LABELS[rule.key]
    return m4 + m49 + m43


def cpv_overrides() -> list[Rule]:
    """Rules replacing or completing the proposal rows (by CPV prefix), and label sub-rules."""
    return [
        *energy("09", None),
        *energy("091", None),
        *energy("091114", "bois", "plaquettes"),
        *energy("0912", "gaz", "propane"),
        *energy("09122", "propane"),
        *energy("0913", "gazole", *FUELS[:-1], "fioul"),
        *energy("09131", None),
        *energy("09132", "essence", "e85", "gnr", "gpl", "gazole"),
        *energy("09133", "gpl"),
        *energy("09134", "gazole", *FUELS[:-1]),
        *energy("09135", "fioul"),
        p("0345", "nursery"),
        p("092", "lubricants"),
        *energy("0923", None),
        *energy("0924", None),
        *energy("093", None),
        *energy("0931", "electricite"),
        *energy("0932", "chaleur"),
        p("14", "mining"),
        f("15", "naf-C10_11_12", vat=0.055),
        f("221", "naf-J58", vat=0.055),
        f("222", "naf-J58", vat=0.021),
        f(
            "301976",
            "naf-C17",
            "Papier et carton traités (papier à écrire, d'impression, pour photocopie et "
            "xérographie, 30197620 à 30197645) : papier (CPA 17.12, C17), pas les fournitures de "
            "bureau diverses (C32) de la classe 3019.",
        ),
        p("34", "vehicle"),
        p("341", "vehicle"),
        p("342", "vehicle"),
        p(
            "343",
            "vehicle",
            "Pièces et accessoires pour véhicules : C29 absent ; approché par "
            "C30 ; pneumatiques plutôt C22 ; incertitude portée à 100 %.",
        ),
        p("41", "water", vat=0.055),
        f("55", "naf-I", vat=0.10),
        *energy("65", None),
        p("651", "water", vat=0.055),
        *energy("652", "gaz"),
        *energy("653", "electricite"),
        f(
            "6532",
            "naf-C33",
            "Exploitation d'installations électriques : service d'exploitation et de "
            "maintenance, pas une fourniture d'énergie ; réparation et installation (C33).",
        ),
        *energy("654", None),
        p("655", "meter_reading"),
        f("66", "naf-K64", vat=0.0),
        f("661", "naf-K64", vat=0.0),
        f("665", "naf-K65", vat=0.0),
        f("667", "naf-K65", vat=0.0),
        p("76", "oil_gas_services"),
        p(
            "77",
            "green_spaces",
            "Division 77 : surtout entretien des espaces verts et élagage "
            "pour une collectivité (773, N81.3) ; " + PROXIES["green_spaces"][1],
        ),
        p("773", "green_spaces"),
        p("797", "security"),
        waste_rule(
            "90", WASTE_GENERIC, "dechets", None, "division 90 (eaux usées, déchets, propreté), "
        ),
        p("904", "water", vat=0.10),
        *waste("905"),
        waste_rule("905133", WASTE_TREATMENTS["incineration"], "dechets-incineration", None),
        *waste("90514", WASTE_TREATMENTS["recyclage"], slug="dechets-recyclage", treatments=False),
        waste_rule(
            "9052",
            Waste(
                "",
                "dechets-dis-incineration",
                None,
                "déchets radioactifs, toxiques, médicaux et dangereux, incinération",
                "déchets dangereux industriels (DIS) : incinération (34712).",
            ),
            "dechets-dangereux",
            None,
        ),
        waste_rule("90524", WASTE_STREAMS["medicaux"], "dechets-medicaux", None),
        waste_rule("9053", WASTE_TREATMENTS["enfouissement"], "dechets-enfouissement", None),
        p("906", "cleaning"),
        p("909", "cleaning"),
    ]


def naf_id(naf: str, kind: str) -> str:
    if naf in ("A01", "A03") and kind == "service":
        return f"naf-{naf}-services"
    return f"naf-{naf}"


def cpv_rules(proposal: list[dict[str, str]]) -> list[Rule]:
    extra = cpv_overrides()
    overrides = {r.key: r for r in extra if r.label_re is None}
    subrules = [r for r in extra if r.label_re is not None]
    if len(overrides) + len(subrules) != len(extra):
        raise SystemExit("two CPV overrides on the same prefix")
    rules: list[Rule] = []
    seen: set[str] = set()
    for row in proposal:
        key = row["cpv_prefixe"].strip()
        seen.add(key)
        comment = row["commentaire"].strip()
        if key in overrides:
            rule = overrides[key]
            if rule.proxy is None and rule.exclude is None and rule.note is None:
                rule.note = comment
        elif not row["naf_rev2_propose"].strip():
            raise SystemExit(f"CPV {key}: no proposal and no override")
        else:
            factor = naf_id(row["naf_rev2_propose"].strip(), row["type_achat_ratio"].strip())
            rule = Rule(key, factor=factor, note=comment)
            if row["secteur_cpa_absent_des_ratios"].strip() == "oui":
                rule.proxy = "custom"
                rule.note = (
                    f"{comment} Secteur sans ratio V23.6 : proxy, incertitude portée à 100 %."
                )
        rules.append(rule)
    for key, rule in overrides.items():
        if key not in seen:
            rules.append(rule)
    # A prefix's label sub-rules follow its main rule, in the order written (stable sort).
    rules += subrules
    rules.sort(key=lambda r: (r.key[:2], r.key, r.label_re is not None))
    return rules


# --------------------------------------------------------------------------- output


def q(text: str) -> str:
    """Return `text` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def rule_dict(rule: Rule, prefix: str, kind: str, proposals: set[str]) -> dict[str, Any]:
    rid = f"{prefix}-{rule.key}" + (f"-{rule.slug}" if rule.slug else "")
    when: dict[str, str] = {kind: rule.key}
    if rule.nomenclature:
        when["nomenclature"] = rule.nomenclature
    if rule.label_re:
        when["label"] = rule.label_re
    out: dict[str, Any] = {"id": rid, "when": when}
    if rule.exclude is not None:
        out["exclude"] = rule.exclude
    elif rule.quantify:
        out["quantify"] = True
    else:
        assert rule.factor is not None
        out["factor"] = rule.factor
    if rule.carrier:
        out["carrier"] = rule.carrier
    out["label"] = rule.label
    if rule.key in proposals and not rule.label_re:
        out["status"] = "proposition"
    if rule.proxy is not None:
        out["proxy"] = True
        out["uncertainty"] = PROXY_UNCERTAINTY
    if rule.vat is not None:
        out["vat_rate"] = rule.vat
    if rule.beges:
        out["beges"] = rule.beges
    if rule.physical:
        out["physical"] = rule.physical
    note = rule.note
    if note is None and rule.proxy not in (None, "custom"):
        note = PROXIES[rule.proxy][1]
    if note:
        out["note"] = note
    return out


def dump_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {q(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str) and key_is_plain(value):
        return value
    return q(value)


def key_is_plain(value: str) -> bool:
    """Identifiers (ids, factor ids) are written unquoted; everything else is quoted."""
    return bool(PLAIN_RE.match(value)) and value.lower() not in YAML_WORDS


def render(header: list[str], meta: dict[str, str], rules: list[tuple[str | None, dict]]) -> str:
    lines = [f"# {h}" if h else "#" for h in header]
    lines.append("")
    for key, value in meta.items():
        lines.append(f"{key}: {dump_value(value) if key != 'source' else q(value)}")
    lines.append("rules:")
    for section, rule in rules:
        if section:
            lines.append("")
            lines.append(f"  # --- {section}")
        first = True
        for key, value in rule.items():
            lead = "  - " if first else "    "
            first = False
            lines.append(f"{lead}{key}: {dump_value(value)}")
    return "\n".join(lines) + "\n"


def build(
    rules: list[Rule],
    prefix: str,
    kind: str,
    labels: dict[str, str],
    existing: list[str] | None,
    proposals: set[str],
) -> list[tuple[str | None, dict]]:
    out: list[tuple[str | None, dict]] = []
    pending_section: str | None = None
    for rule in rules:
        if rule.section:
            pending_section = rule.section
        if (
            rule.mirrored
            and existing is not None
            and not any(code.startswith(rule.key) for code in existing)
        ):
            continue
        if rule.label is None:
            rule.label = labels.get(rule.key)
            if rule.label is None:
                raise SystemExit(f"{prefix} {rule.key}: no label in the reference")
        if kind == "cpv" and len(rule.key) == 2 and not rule.section:
            pending_section = f"Division {rule.key} : {rule.label}"
        out.append((pending_section, rule_dict(rule, prefix, kind, proposals)))
        pending_section = None
    ids = [r["id"] for _, r in out]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise SystemExit(f"duplicate rule ids: {sorted(dupes)}")
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def shared_dir(arg: str | None) -> Path:
    if arg:
        base = Path(arg)
    elif os.environ.get("ACHATS_SHARED_DIR"):
        base = Path(os.environ["ACHATS_SHARED_DIR"])
    else:
        base = REPO_ROOT.parent / "shared" / "reference"
    if not (base / M57_CHART_CSV).is_file() and (base / "reference" / M57_CHART_CSV).is_file():
        base = base / "reference"
    return base


M57_HEADER = [
    "Generated by scripts/build_mappings.py: edit the rules there, then rerun the script.",
    "Plan de comptes M57 (nature) -> ratios monétaires ADEME Base Carbone V23.6.",
    "Every leaf account of classes 2 and 6 of the M57 2025 chart is reached by a rule",
    "(on itself or on a parent prefix), mapped to a factor or excluded with a reason.",
    "All rules are proposals to be validated by the local finance team.",
]
M14_HEADER = [
    "Generated by scripts/build_mappings.py: edit the rules there, then rerun the script.",
    "Plan de comptes M14 (nature) : comptes dont le sens diffère du compte M57 de même numéro.",
    "Condition nomenclature M14 : ces règles passent avant la règle M57 de même préfixe ;",
    "les autres comptes M14 sont atteints par les règles de m57.yaml (sans condition).",
    "All rules are proposals to be validated by the local finance team.",
]
M4_HEADER = [
    "Generated by scripts/build_mappings.py: edit the rules there, then rerun the script.",
    "Plans de comptes M4, M41, M43, M49 (nature) : comptes dont le sens diffère du compte M57",
    "de même numéro (condition nomenclature M4, ou M49/M43 pour un budget particulier) ;",
    "les autres comptes sont atteints par les règles de m57.yaml (sans condition).",
    "All rules are proposals to be validated by the local finance team.",
]
CPV_HEADER = [
    "Generated by scripts/build_mappings.py: edit the rules there, then rerun the script.",
    "CPV 2008 (objet principal du marché) -> ratios monétaires ADEME Base Carbone V23.6.",
    "The 45 divisions are all mapped or excluded; finer groups/classes where useful.",
    "All rules are proposals to be validated by the local finance team.",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="shared reference folder")
    parser.add_argument("--out", default=str(REPO_ROOT / "factors" / "mappings"))
    args = parser.parse_args(argv)
    ref = shared_dir(args.shared)
    out_dir = Path(args.out)

    chart = read_csv(ref / M57_CHART_CSV)
    chart_labels = {row["code"]: row["libelle"] for row in chart}
    m57_prop = {row["compte_m57"].strip() for row in read_csv(ref / M57_PROPOSAL_CSV)}
    cpv = read_csv(ref / CPV_CSV)
    # Prefix = code without its padding zeros (divisions keep their two digits).
    cpv_labels = {row["code_8"].rstrip("0").ljust(2, "0"): row["label_fr"] for row in cpv}
    cpv_prop_rows = read_csv(ref / CPV_PROPOSAL_CSV)
    cpv_prop = {row["cpv_prefixe"].strip() for row in cpv_prop_rows}

    m57 = build(m57_rules(), "m57", "account", chart_labels, list(chart_labels), m57_prop)
    m14_labels = {row["code"]: row["libelle"] for row in read_csv(ref / M14_CHART_CSV)}
    m14 = build(m14_rules(), "m14", "account", m14_labels, None, set())
    m4 = build(m4_rules(), "m4", "account", {}, None, set())
    cpv_built = build(cpv_rules(cpv_prop_rows), "cpv", "cpv", cpv_labels, None, cpv_prop)

    m57_meta = {
        "id": "m57",
        "name": "Plan de comptes M57 (nature) → ratios monétaires Base Carbone V23.6",
        "factor_set": FACTOR_SET,
        "source": (
            "Comptes et libellés : plan de comptes M57 développé 2025 "
            "(dtc-innovation/plans-de-compte@a55eb2797f0939259f366eeca69bf2ec0e50d5ce : "
            "2025/M57/M57_D/planDeCompte.xml, recopié dans "
            "shared/reference/m57_plan_de_comptes_2025_nature.csv). Catégories : ratios "
            "monétaires ADEME Base Carbone V23.6 (SDES/INSEE, Licence Ouverte ; copie "
            "ChadouMohamedAli/BaseCarbone@577efaf). Correspondances : "
            "shared/reference/m57_vers_ratios_base_carbone_PROPOSITION_non_sourcee.csv "
            "(proposition non sourcée, règles marquées status: proposition), complétée pour "
            "toutes les feuilles des classes 2 et 6 selon DESIGN §4-§5 ; aucune "
            "correspondance publique M57 → ratios n'a été trouvée."
        ),
        "status": "proposition",
    }
    m14_meta = {
        "id": "m14",
        "name": "Plan de comptes M14 (nature) : écarts avec la M57 → ratios monétaires "
        "Base Carbone V23.6",
        "factor_set": FACTOR_SET,
        "source": (
            "Comptes et libellés : plan de comptes M14 des communes de plus de 3 500 "
            "habitants, exercice 2022 (bleucitron/plans-de-compte@"
            "224b56c8620bf40b7987a61b0fa15af7599d5a65 : 2022/M14/M14_COM_SUP3500.xml, "
            "recopié dans shared/reference/m14_plan_de_comptes_nature.csv), comparés un à "
            "un aux libellés M57 2025. Catégories : ratios monétaires ADEME Base Carbone "
            "V23.6 (SDES/INSEE, Licence Ouverte). Aucune correspondance publique M14 → "
            "ratios n'a été trouvée : propositions à valider."
        ),
        "status": "proposition",
    }
    m4_meta = {
        "id": "m4",
        "name": "Plans de comptes M4, M41, M43, M49 (nature) : écarts avec la M57 → ratios "
        "monétaires Base Carbone V23.6",
        "factor_set": FACTOR_SET,
        "source": (
            "Comptes et libellés : plan de comptes M49 développé 2018 (bleucitron/"
            "plans-de-compte@13fccbdc15f90c47b37c3dae6ba146895f4e1a7c : 2018/M4/M49_D.xml) ; "
            "comptes retenus d'après les natures réellement mandatées du budget "
            "assainissement 2019 de Montpellier Méditerranée Métropole (shared/reference/"
            "ledgers). Catégories : ratios monétaires ADEME Base Carbone V23.6 (SDES/INSEE, "
            "Licence Ouverte). Aucune correspondance publique M4 → ratios n'a été trouvée : "
            "propositions à valider."
        ),
        "status": "proposition",
    }
    cpv_meta = {
        "id": "cpv",
        "name": "CPV 2008 (divisions, groupes, classes) → ratios monétaires Base Carbone V23.6",
        "factor_set": FACTOR_SET,
        "source": (
            "Codes et libellés : CPV 2008, règlement (CE) 213/2008 (libellés FR "
            "RonanB400/decp_ml@a9518b5 : docs/cpv_2008_ver_2013_FR.csv, recopiés dans "
            "shared/reference/cpv_2008_fr_en.csv). Catégories : ratios monétaires ADEME Base "
            "Carbone V23.6 (SDES/INSEE, Licence Ouverte ; copie "
            "ChadouMohamedAli/BaseCarbone@577efaf). Correspondances : "
            "shared/reference/cpv_vers_ratios_base_carbone_PROPOSITION_non_sourcee.csv "
            "(proposition non sourcée, règles marquées status: proposition) ; seule "
            "correspondance officielle connue : CPV 45 → NACE F (directive 2004/18/CE, "
            "annexe I)."
        ),
        "status": "proposition",
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, header, meta, built in (
        ("m57.yaml", M57_HEADER, m57_meta, m57),
        ("m14.yaml", M14_HEADER, m14_meta, m14),
        ("m4.yaml", M4_HEADER, m4_meta, m4),
        ("cpv.yaml", CPV_HEADER, cpv_meta, cpv_built),
    ):
        text = render(header, meta, built)
        loaded = yaml.safe_load(text)
        expected = dict(meta, rules=[r for _, r in built])
        if loaded != expected:
            raise SystemExit(f"{name}: written YAML does not load back to the intended data")
        (out_dir / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"{name}: {len(built)} rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
