"""Header recognition: French column synonyms (accent-, case- and spacing-insensitive)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .parsing import fold, header_key

# Canonical field → synonyms, best first (already in header_key form: folded, no stop words).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "amount_excl_vat": (
        "montant ht",
        "mt ht",
        "ht",
        "montant hors taxes",
        "montant hors taxe",
        "montant hors tva",
        "total ht",
        "base ht",
        "montant net ht",
        "montant mandate ht",
        "montant ligne ht",
        "amount excl vat",
        "amount_excl_vat",
    ),
    "amount_incl_vat": (
        "montant ttc",
        "mt ttc",
        "ttc",
        "montant toutes taxes comprises",
        "total ttc",
        "montant mandate ttc",
        "montant",
        "montant mandate",
        "montant paye",
        "montant regle",
        "montant ligne",
        "mt",
        "amount incl vat",
        "amount_incl_vat",
        "amount",
    ),
    "vat_rate": ("taux tva", "taux tva %", "tva %", "taux", "taux taxe", "vat rate", "vat_rate"),
    "vat_amount": ("montant tva", "mt tva", "tva", "vat amount"),
    "account": (
        "nature",
        "compte",
        "compte nature",
        "nature comptable",
        "code nature",
        "article",
        "imputation",
        "imputation budgetaire",
        "compte budgetaire",
        "compte imputation",
        "n compte",
        "account",
    ),
    "cpv": ("code cpv", "cpv", "code cpv principal", "cpv code"),
    "label": (
        "libelle",
        "objet",
        "designation",
        "libelle mandat",
        "libelle ligne",
        "objet depense",
        "intitule",
        "libelle facture",
        "objet mandat",
        "libelle operation",
        "label",
    ),
    "supplier": (
        "tiers",
        "fournisseur",
        "raison sociale",
        "nom tiers",
        "beneficiaire",
        "creancier",
        "titulaire",
        "nom fournisseur",
        "libelle tiers",
        "supplier",
    ),
    "supplier_siret": (
        "siret",
        "siren",
        "n siret",
        "siret fournisseur",
        "siret tiers",
        "siren fournisseur",
        "siret titulaire",
        "supplier siret",
        "supplier_siret",
    ),
    "entity": (
        "collectivite",
        "entite",
        "budget",
        "organisme",
        "etablissement",
        "libelle budget",
        "entite acheteuse",
        "acheteur",
        "entity",
    ),
    "date": (
        "date mandat",
        "date facture",
        "date",
        "date paiement",
        "date emission",
        "date comptable",
        "date piece",
        "date liquidation",
        "date",
    ),
    "year": ("exercice", "annee", "annee budgetaire", "exercice budgetaire", "year"),
    "contract_ref": (
        "n marche",
        "marche",
        "n contrat",
        "reference marche",
        "contrat",
        "ref marche",
        "n engagement juridique",
        "contract ref",
        "contract_ref",
    ),
    "quantity": ("quantite", "qte", "quantity"),
    "unit": ("unite", "unit"),
    "function": ("fonction", "code fonction", "function"),
    "document": ("n mandat", "mandat", "n piece", "n facture", "n bordereau", "document"),
    "debit": ("debit", "montant debit", "mt debit", "debit ttc", "mouvement debit"),
    "credit": ("credit", "montant credit", "mt credit", "credit ttc", "mouvement credit"),
    "entity_id": (
        "siret collectivite",
        "siren collectivite",
        "siret budget",
        "siren entite",
        "siret entite",
        "ident",
        "siren acheteur",
        "siret acheteur",
    ),
    "direction": (
        "sens",
        "d r",
        "dep rec",
        "depense recette",
        "codrd",
        "cod rd",
        "type mouvement",
        "nature mouvement",
        "direction",
    ),
    "section": ("section", "i f", "section budgetaire"),
    "nomenclature": ("nomenclature", "instruction budgetaire", "norme", "nomen"),
}

AMOUNT_FIELDS = ("amount_excl_vat", "amount_incl_vat", "debit")
DESCRIPTIVE_FIELDS = ("account", "cpv", "label", "supplier")
FIELD_LABELS_FR = {
    "amount_excl_vat": "montant HT",
    "amount_incl_vat": "montant TTC",
    "vat_rate": "taux de TVA",
    "vat_amount": "montant de TVA",
    "account": "compte (nature)",
    "cpv": "code CPV",
    "label": "libellé",
    "supplier": "fournisseur",
    "supplier_siret": "SIRET du fournisseur",
    "entity": "entité",
    "date": "date",
    "year": "exercice",
    "contract_ref": "n° de marché",
    "quantity": "quantité",
    "unit": "unité",
    "function": "fonction",
    "document": "n° de mandat",
    "debit": "débit (TTC)",
    "credit": "crédit (TTC, soustrait)",
    "entity_id": "SIREN/SIRET de l'entité",
    "direction": "sens (dépense ou recette)",
    "section": "section (investissement ou fonctionnement)",
    "nomenclature": "nomenclature budgétaire",
}

_LOOKUP: dict[str, tuple[str, int]] = {}
for _field, _syns in SYNONYMS.items():
    for _prio, _syn in enumerate(_syns):
        _LOOKUP.setdefault(header_key(_syn), (_field, _prio))


@dataclass(frozen=True)
class HeaderMatch:
    row_index: int  # 0-based index in the rows given
    columns: dict[str, int]  # field → column index
    headers: list[str]  # the header cells as text
    ignored: list[str]  # header cells recognised as nothing
    declared: tuple[str, ...] = ()  # fields whose column the config's ``columns:`` named


def recognise(cells: Sequence[Any], profile: Mapping[str, str] | None = None) -> dict[str, int]:
    """Map canonical fields to column indexes for one candidate header row."""
    best: dict[str, tuple[int, int]] = {}
    keys = [header_key(c) if c is not None else "" for c in cells]
    forced: dict[str, int] = {}
    if profile:
        wanted = {header_key(v): f for f, v in profile.items()}
        for i, k in enumerate(keys):
            if k and k in wanted:
                forced[wanted[k]] = i
    for i, k in enumerate(keys):
        if not k or i in forced.values():
            continue
        hit = _LOOKUP.get(k)
        if hit is None:
            continue
        field, prio = hit
        if field in forced:
            continue
        if field not in best or prio < best[field][1]:
            best[field] = (i, prio)
    out = {f: i for f, (i, _) in best.items()}
    out.update(forced)
    return out


def find_header(
    rows: Sequence[Sequence[Any]], profile: Mapping[str, str] | None = None, scan: int = 50
) -> HeaderMatch | None:
    """The first row among ``rows[:scan]`` that looks most like a ledger header, or ``None``.

    A header has an amount column and at least one descriptive column (account, CPV, label or
    supplier); among candidates the row with the most recognised fields wins.
    """
    best: tuple[int, int, dict[str, int]] | None = None
    for idx, row in enumerate(rows[:scan]):
        cols = recognise(row, profile)
        if not any(f in cols for f in AMOUNT_FIELDS):
            continue
        if not any(f in cols for f in DESCRIPTIVE_FIELDS):
            continue
        score = len(cols)
        if best is None or score > best[1]:
            best = (idx, score, cols)
    if best is None:
        return None
    idx, _, cols = best
    headers = [("" if c is None else str(c)).strip() for c in rows[idx]]
    used = set(cols.values())
    ignored = [h for i, h in enumerate(headers) if h and i not in used]
    declared = tuple(
        sorted(
            f
            for f, v in (profile or {}).items()
            if f in cols and header_key(headers[cols[f]]) == header_key(v)
        )
    )
    return HeaderMatch(
        row_index=idx, columns=cols, headers=headers, ignored=ignored, declared=declared
    )


_TOTAL_RE = re.compile(
    r"^\s*(sous[\s-]?total|total|totaux|total general|nombre de lignes|nb lignes|cumul|report)\b"
)


def is_total_text(text: str) -> bool:
    return bool(_TOTAL_RE.match(fold(text)))
