"""The activity-data template of a new working folder (``activites.xlsx``).

A « Données d'activité » sheet under the headers that
:mod:`achats_durables.ledger.activities` reads, with drop-downs of the shipped physical factors
(a « Facteurs » sheet lists their id, label, unit, BEGES post and Base Carbone id) and of the
units; an « Instructions » sheet says what each column holds and where a collectivité finds each
quantity.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook

from achats_durables.core.text import PHYSICAL_UNITS
from achats_durables.knowledge.factors import Factor, load_factor_sets, merge_factors
from achats_durables.operations.workspace_sheets import (
    INT,
    MONEY,
    TEXT,
    Columns,
    _instructions,
    _lists_sheet,
    _table_sheet,
    _validation,
    _validations,
)

ACTIVITY_NAME = "activites.xlsx"
# the units offered in the drop-down: the canonical ones and the usual spellings of invoices
UNIT_CHOICES = (*PHYSICAL_UNITS, "MWh", "MWh PCS", "MWh PCI", "hl")
ACTIVITY_COLUMNS: Columns = (
    (
        "Exercice",
        10,
        INT,
        "Année de la consommation (ex. 2025), celle du grand livre qu'elle complète.",
    ),
    ("Entité", 24, TEXT, "Collectivité ou budget qui paie la dépense couverte (liste déroulante)."),
    (
        "Facteur",
        44,
        TEXT,
        "Identifiant du facteur physique (liste déroulante ; libellés, unités et postes BEGES "
        "dans la feuille « Facteurs »), ex. dechets-omr-incineration, alimentation-repas-moyen.",
    ),
    (
        "Quantité",
        14,
        "#,##0.###",
        "Quantité de l'exercice, positive, dans l'unité de la colonne suivante.",
    ),
    (
        "Unité",
        11,
        TEXT,
        "Unité de la quantité (liste) : celle du facteur, ou une unité convertible "
        "(kg↔t, L↔m3, kWh↔MWh).",
    ),
    ("Source", 40, TEXT, "D'où vient le chiffre : rapport, factures, relevé, avec son année."),
    (
        "Marché",
        16,
        TEXT,
        "N° du marché dont la dépense est remplacée par cette quantité (comme dans le grand "
        "livre). Marché, compte et fournisseur : au moins un, tous ceux donnés doivent "
        "correspondre.",
    ),
    ("Compte", 10, TEXT, "Compte (ou début de compte) de la dépense remplacée, ex. 60612."),
    (
        "Fournisseur",
        28,
        TEXT,
        "SIREN ou SIRET du fournisseur de la dépense remplacée, ou son nom exact tel que "
        "dans le grand livre.",
    ),
    (
        "Montant HT couvert",
        16,
        MONEY,
        "Facultatif : la dépense HT que la quantité couvre ; le rapport signale un écart "
        "avec la dépense trouvée.",
    ),
    ("Commentaire", 30, TEXT, "Facultatif."),
)
ACTIVITY_TEXT: tuple[tuple[str, str], ...] = (
    (
        "À quoi sert ce fichier",
        "Une dépense ne dit pas ce qu'elle a acheté : à prix égal, un repas végétarien ou une "
        "tonne de déchets recyclée ne change rien à un bilan calculé en euros. Une quantité "
        "(tonnes, repas, kWh, litres) est comptée avec son facteur physique de la Base Carbone "
        "et remplace le ratio monétaire de la dépense qu'elle couvre : le bilan bouge alors "
        "avec les actions du plan climat.",
    ),
    (
        "Pas de double compte",
        "Chaque ligne nomme la dépense qu'elle remplace (marché, compte, fournisseur). Cette "
        "dépense reste comptée en euros dans le rapprochement, mais ses émissions viennent de la "
        "quantité (« remplacé par une donnée d'activité »). Plusieurs lignes peuvent couvrir le "
        "même marché avec des facteurs différents (repas standard et végétariens) ; deux lignes "
        "de même facteur sur le même marché, ou deux sélecteurs qui se recouvrent, sont refusés.",
    ),
    (
        "Déchets",
        "Tonnages par filière (ordures ménagères résiduelles incinérées ou enfouies, collecte "
        "sélective recyclée, biodéchets compostés, déchèteries) : rapport annuel sur le prix et "
        "la qualité du service public de gestion des déchets (RPQS), service déchets ou "
        "syndicat de traitement, pesées des prestataires. Sélecteur : le marché de collecte ou "
        "de traitement.",
    ),
    (
        "Restauration",
        "Repas servis par type (standard, végétarien, à dominante animale ou végétale) : "
        "rapport annuel du délégataire ou du titulaire du marché de restauration collective, "
        "bilan EGalim, états mensuels de facturation. Sélecteur : le marché ou le prestataire.",
    ),
    (
        "Énergie",
        "kWh d'électricité, kWh PCS de gaz par point de livraison (PDL, PCE) : factures, "
        "espace client du fournisseur, relevés du gestionnaire de réseau, outil de suivi des "
        "fluides. Sélecteur : le compte (60612 électricité, 60621 combustibles) ou le marché "
        "d'énergie.",
    ),
    (
        "Carburants",
        "Litres de gazole, d'essence ou de GNR : relevés des cartes carburant, livraisons de la "
        "cuve du centre technique. Sélecteur : le compte 60622 ou le marché de carburant.",
    ),
    (
        "Autres achats",
        "Unités de matériel informatique livrées (bons de livraison, inventaire), tonnes de "
        "papier ou de matériaux (états des fournisseurs), véhicules achetés : un facteur "
        "physique par type (feuille « Facteurs »).",
    ),
    (
        "Déclarer le fichier",
        "Dans achats.yaml : activities: activites.xlsx (déjà écrit par achats init), ou en "
        "ligne de commande : achats footprint grand-livre.xlsx --activities activites.xlsx.",
    ),
)


def physical_factors() -> list[Factor]:
    """The shipped physical factors, by id."""
    factors = merge_factors(load_factor_sets(None))
    return sorted((f for f in factors.values() if f.kind == "physical"), key=lambda f: f.id)


def activity_workbook(entity: str, year: int) -> Workbook:
    """The activity-data template for ``entity`` (see module doc)."""
    factors = physical_factors()
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "Données d'activité"
    _table_sheet(ws, ACTIVITY_COLUMNS)
    lists: dict[str, Sequence[str | float]] = {"Entité": [entity], "Unité": UNIT_CHOICES}
    _validations(ws, ACTIVITY_COLUMNS, lists)
    _validation(ws, ACTIVITY_COLUMNS, "Facteur", f"Facteurs!$A$2:$A${len(factors) + 1}")
    title = f"Données d'activité {year} — {entity}"
    _instructions(wb, title, ACTIVITY_COLUMNS, ACTIVITY_TEXT)
    sheet = wb.create_sheet("Facteurs")
    _table_sheet(
        sheet,
        (
            ("Identifiant", 44, TEXT, ""),
            ("Libellé", 70, TEXT, ""),
            ("Unité", 18, TEXT, ""),
            ("Poste BEGES", 10, TEXT, ""),
            ("Base Carbone", 12, TEXT, ""),
        ),
    )
    for f in factors:
        sheet.append([f.id, f.label, f.unit, f.beges, _base_carbone_id(f)])
    _lists_sheet(wb, lists)
    return wb


def _base_carbone_id(f: Factor) -> str:
    return str(f.refs.get(0, "")) if f.refs else ""
