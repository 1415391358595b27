"""Column titles of contract registers as buyers name them, per field of the contract frame.

Compared like the ledger's (:mod:`~achats_durables.knowledge.header_synonyms`): through
:func:`~achats_durables.core.text.header_key`.
"""

from __future__ import annotations

# Contract registers: field → titles, best first; ``yn:`` = a yes/no column standing for the
# schema value after the colon.
REGISTER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "contract_ref": tuple(
        "N° marché|Numéro du marché|Numéro de marché|Référence|Référence du marché|N° de contrat|N° contrat|Numéro|Marché|Identifiant|Id".split(
            "|"
        )
    ),
    "object": tuple(
        "Objet|Objet du marché|Intitulé|Intitulé du marché|Libellé|Désignation".split("|")
    ),
    "entity": tuple(
        "Acheteur|Entité|Collectivité|Pouvoir adjudicateur|Entité acheteuse|Nom de l'acheteur|Service|Organisme".split(
            "|"
        )
    ),
    "buyer_siret": tuple(
        "SIRET acheteur|SIRET de l'acheteur|SIREN acheteur|SIRET entité|SIRET collectivité|SIRET pouvoir adjudicateur".split(
            "|"
        )
    ),
    "cpv": tuple("Code CPV|CPV principal|CPV|Code CPV principal".split("|")),
    "amount": tuple(
        "Montant HT|Montant notifié HT|Montant estimé HT|Montant du marché HT|Montant maximum HT|Montant|Montant €HT".split(
            "|"
        )
    ),
    "notification_date": tuple(
        "Date de notification|Date notification|Notifié le|Date d'attribution".split("|")
    ),
    "procedure": tuple(
        "Procédure|Type de procédure|Procédure de passation|Mode de passation".split("|")
    ),
    "nature": tuple("Nature|Nature du marché|Type de marché|Catégorie".split("|")),
    "ccag": ("CCAG", "CCAG applicable"),
    "duration": tuple(
        "Durée (mois)|Durée en mois|Durée|Durée du marché (mois)|Durée du marché".split("|")
    ),
    "end_date": tuple("Date de fin|Date d'échéance|Échéance|Date de fin du marché|Fin".split("|")),
    "supplier": tuple(
        "Titulaire|Attributaire|Titulaire du marché|Fournisseur|Raison sociale du titulaire".split(
            "|"
        )
    ),
    "supplier_siret": tuple(
        "SIRET titulaire|SIRET attributaire|SIRET du titulaire|SIRET fournisseur|SIRET".split("|")
    ),
    "social": tuple(
        "Considérations sociales|Considération sociale|Dimension sociale|Clauses sociales".split(
            "|"
        )
    ),
    "environmental": tuple(
        "Considérations environnementales|Considération environnementale|Dimension environnementale|Clauses environnementales".split(
            "|"
        )
    ),
    "yn:Clause sociale": tuple(
        "Clause sociale|Clause d'insertion|Clause sociale (oui/non)".split("|")
    ),
    "yn:Critère social": tuple(
        "Critère social|Critère social (oui/non)|Critères sociaux".split("|")
    ),
    "yn:Marché réservé": tuple("Marché réservé|Marché réservé (oui/non)|Réservé".split("|")),
    "yn:Clause environnementale": tuple(
        "Clause environnementale|Clause environnementale (oui/non)".split("|")
    ),
    "yn:Critère environnemental": tuple(
        "Critère environnemental|Critère environnemental (oui/non)|Critères environnementaux".split(
            "|"
        )
    ),
    "hours_planned": tuple(
        "Heures d'insertion prévues|Nombre d'heures d'insertion prévues|Heures prévues|Heures d'insertion".split(
            "|"
        )
    ),
    "hours_done": tuple(
        "Heures d'insertion réalisées|Nombre d'heures d'insertion réalisées|Heures réalisées".split(
            "|"
        )
    ),
    # AGEC art. 58 (the tool's proposal, as for the ledger: header_synonyms): oui/non or a share
    "reuse": tuple(
        "Réemploi|Réemploi / réutilisation|Réemploi et réutilisation|Part réemploi|Part de réemploi|Biens issus du réemploi|Issu du réemploi|Réutilisation".split(
            "|"
        )
    ),
    "recycled": tuple(
        "Matières recyclées|Part de matières recyclées|Part matières recyclées|Intègre des matières recyclées|Matière recyclée|Part recyclée|Recyclé".split(
            "|"
        )
    ),
}

# ``contract_columns:`` of achats.yaml: the yes/no columns under plain names.
REGISTER_PROFILE_ALIASES = {
    "social_clause": "yn:Clause sociale",
    "social_criterion": "yn:Critère social",
    "reserved_contract": "yn:Marché réservé",
    "environmental_clause": "yn:Clause environnementale",
    "environmental_criterion": "yn:Critère environnemental",
}
REGISTER_PROFILE_FIELDS = tuple(
    [f for f in REGISTER_SYNONYMS if not f.startswith("yn:")] + list(REGISTER_PROFILE_ALIASES)
)
