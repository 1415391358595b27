"""Header recognition: French column synonyms (accent-, case- and spacing-insensitive)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from achats_durables.core.text import fold, header_key
from achats_durables.knowledge.header_synonyms import (
    AMOUNT_WORDS,
    NOT_SPENT_WORDS,
    RECYCLED_WORDS,
    REUSE_WORDS,
    SYNONYMS,
)
from achats_durables.knowledge.register_synonyms import REGISTER_PROFILE_ALIASES, REGISTER_SYNONYMS

HEADER_SCAN = 50  # rows searched for a header: title blocks above it are that short
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
    "operation_kind": "opération réelle ou d'ordre",
    "reuse": "réemploi ou réutilisation",
    "recycled": "matières recyclées",
}

_LOOKUP: dict[str, tuple[str, int]] = {}
for _field, _syns in SYNONYMS.items():
    for _prio, _syn in enumerate(_syns):
        _LOOKUP.setdefault(header_key(_syn), (_field, _prio))

# Titles matched by their words when no synonym is equal: ranked after every synonym.
PATTERN_RANK = 1000
_VAT_NOT_AMOUNT = frozenset(
    {"taux", "tx", "%", "code", "regime", "type", "intra", "intracom", "intracommunautaire"}
    | {"assujetti", "assujettissement", "exoneration", "exonere", "hors", "ht", "ttc", "n"}
    | {"compte", "cpte", "libelle", "nature", "base", "o", "oui", "non", "soumis", "applicable"}
)
_PAYMENT_DATE = frozenset(
    {"paiement", "reglement", "mandatement", "mandat", "emission", "bordereau", "pec", "visa"}
)
_INVOICE_DATE = frozenset({"facture", "piece", "liquidation", "service", "reception"})


def _pattern_hit(key: str) -> tuple[str, int] | None:
    """(field, rank) of a title by its words: kin of the synonyms (« Montant TVA récupérable »,
    « Mnt TTC mandaté », « Date de mandatement du titre », « Achats issus du réemploi »…)."""
    words = set(key.split())
    if not words:
        return None
    circular = words & (REUSE_WORDS | RECYCLED_WORDS)
    if circular:  # AGEC amounts are HT: a TTC one is neither the field nor the line's amount
        if "ttc" in words or "toutes taxes" in key:
            return None
        return ("reuse" if words & REUSE_WORDS else "recycled"), PATTERN_RANK
    if "tva" in words and not words & _VAT_NOT_AMOUNT:
        return "vat_amount", PATTERN_RANK
    spending = bool(words & AMOUNT_WORDS) and not words & NOT_SPENT_WORDS
    if spending and ("ht" in words or "hors taxe" in key or "hors taxes" in key):
        return "amount_excl_vat", PATTERN_RANK
    if spending and ("ttc" in words or "toutes taxes" in key) and "tva" not in words:
        return "amount_incl_vat", PATTERN_RANK
    if "date" in words:
        if words & _PAYMENT_DATE:
            return "date", PATTERN_RANK
        if words & _INVOICE_DATE:
            return "date", PATTERN_RANK + 1
    if "fonction" in words and not words & {"libelle", "lib", "intitule"}:
        return "function", PATTERN_RANK
    return None


def header_hit(cell: Any) -> tuple[str, int] | None:
    """(field, rank) a ledger column title stands for (lower rank = better), or None."""
    if cell is None:
        return None
    key = header_key(cell)
    if not key:
        return None
    return _LOOKUP.get(key) or _pattern_hit(key)


@dataclass(frozen=True)
class HeaderMatch:
    row_index: int  # 0-based index in the rows given
    columns: dict[str, int]  # field → column index
    headers: list[str]  # the header cells as text
    ignored: list[str]  # header cells not read (recognised as nothing, or unused)
    declared: tuple[str, ...] = ()  # fields whose column the config's ``columns:`` named
    # (field, column index) of the columns recognised as a field that another column gives
    unused: tuple[tuple[str, int], ...] = ()


def match_header(
    cells: Sequence[Any], profile: Mapping[str, str] | None = None
) -> tuple[dict[str, int], list[tuple[str, int]]]:
    """(field → column index, [(field, column index) recognised but unused]) of one row.

    A column named in ``profile`` (the ``columns:`` of achats.yaml) is read for its field; among
    the other columns of a field the best-ranked title is read, the others are unused.
    """
    forced: dict[str, int] = {}
    if profile:
        wanted = {header_key(v): f for f, v in profile.items()}
        for i, c in enumerate(cells):
            k = header_key(c) if c is not None else ""
            if k and k in wanted and wanted[k] not in forced:
                forced[wanted[k]] = i
    candidates: dict[str, list[tuple[int, int]]] = {}
    taken = set(forced.values())
    for i, c in enumerate(cells):
        if i in taken:
            continue
        hit = header_hit(c)
        if hit is not None:
            candidates.setdefault(hit[0], []).append((hit[1], i))
    columns = dict(forced)
    unused: list[tuple[str, int]] = []
    for fname, hits in candidates.items():
        ranked = sorted(hits)
        if fname not in columns:
            columns[fname] = ranked[0][1]
            ranked = ranked[1:]
        unused.extend((fname, i) for _rank, i in ranked)
    return columns, sorted(unused, key=lambda u: u[1])


def recognise(cells: Sequence[Any], profile: Mapping[str, str] | None = None) -> dict[str, int]:
    """Map canonical fields to column indexes for one candidate header row."""
    return match_header(cells, profile)[0]


Rank = TypeVar("Rank", int, tuple[int, int])


def search_header(
    rows: Sequence[Sequence[Any]],
    rank: Callable[[Sequence[Any]], Rank | None],
    scan: int = HEADER_SCAN,
) -> int | None:
    """The header search of every tabular reader (ledgers, registers, the hints of both).

    Index of the row of ``rows[:scan]`` with the highest ``rank`` (the first one on a tie);
    rows ranked ``None`` are not candidates. ``None`` when no row is.
    """
    best: tuple[Rank, int] | None = None
    for idx, row in enumerate(rows[:scan]):
        score = rank(row)
        if score is not None and (best is None or score > best[0]):
            best = (score, idx)
    return None if best is None else best[1]


def find_header(
    rows: Sequence[Sequence[Any]],
    profile: Mapping[str, str] | None = None,
    scan: int = HEADER_SCAN,
) -> HeaderMatch | None:
    """The first row among ``rows[:scan]`` that looks most like a ledger header, or ``None``.

    A header has an amount column and at least one descriptive column (account, CPV, label or
    supplier); among candidates the row with the most recognised fields wins.
    """

    def rank(row: Sequence[Any]) -> int | None:
        cols = match_header(row, profile)[0]
        if not any(f in cols for f in AMOUNT_FIELDS):
            return None
        if not any(f in cols for f in DESCRIPTIVE_FIELDS):
            return None
        return len(cols)

    idx = search_header(rows, rank, scan)
    if idx is None:
        return None
    cols, unused = match_header(rows[idx], profile)
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
        row_index=idx,
        columns=cols,
        headers=headers,
        ignored=ignored,
        declared=declared,
        unused=tuple(unused),
    )


_REGISTER_LOOKUP: dict[str, tuple[str, int]] = {}
for _field, _syns in REGISTER_SYNONYMS.items():
    for _prio, _syn in enumerate(_syns):
        _REGISTER_LOOKUP.setdefault(header_key(_syn), (_field, _prio))


def recognise_register(
    cells: Sequence[Any], profile: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Register field → column index for one candidate header row.

    ``profile`` is the ``contract_columns:`` of achats.yaml (field → header as written; the
    yes/no columns under their plain names, :data:`REGISTER_PROFILE_ALIASES`).
    """
    best: dict[str, tuple[int, int]] = {}
    wanted = {header_key(v): REGISTER_PROFILE_ALIASES.get(f, f) for f, v in (profile or {}).items()}
    for i, cell in enumerate(cells):
        if cell is None or not str(cell).strip():
            continue
        key = header_key(cell)
        hit = (wanted[key], -1) if key in wanted else _REGISTER_LOOKUP.get(key)
        if hit is None:
            hit = _REGISTER_LOOKUP.get(header_key(re.sub(r"\(.*?\)", " ", str(cell))))
        if hit is not None and (hit[0] not in best or hit[1] < best[hit[0]][1]):
            best[hit[0]] = (i, hit[1])
    return {f: i for f, (i, _) in best.items()}


_TOTAL_RE = re.compile(
    r"^\s*(sous[\s-]?total|total|totaux|total general|nombre de lignes|nb lignes|cumul|report)\b"
)


def is_total_text(text: str) -> bool:
    return bool(_TOTAL_RE.match(fold(text)))
