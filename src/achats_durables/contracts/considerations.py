"""Social and environmental considerations: register cells and DECP values → schema values.

Considerations are normalised to the schema values ("Clause sociale|Critère social|Marché
réservé", "Clause environnementale|Critère environnemental"); "Sans objet", "Pas de
considération …", "non" mean none; a bare "oui" tells a consideration exists, not which.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np

from achats_durables.core.text import fold

SOCIAL_VALUES = ("Clause sociale", "Critère social", "Marché réservé")
ENVIRONMENTAL_VALUES = ("Clause environnementale", "Critère environnemental")
# A register saying only "environnemental : oui" (or "oui" in a considerations column) tells a
# consideration exists, not whether it is an execution condition or an award criterion.
UNSPECIFIED_VALUES = {
    "social": "Considération sociale non précisée",
    "environmental": "Considération environnementale non précisée",
}


_PATTERNS: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "social": (
        (re.compile(r"^clauses? (sociales?|d insertion|insertion)\b"), "Clause sociale"),
        (re.compile(r"^criteres? (social|sociale|sociaux)\b"), "Critère social"),
        (re.compile(r"^(marches?|concessions?) reserve"), "Marché réservé"),
        (
            re.compile(r"^(considerations? |dimension |volet )?(social|sociale|sociales|sociaux)$"),
            UNSPECIFIED_VALUES["social"],
        ),
    ),
    "environmental": (
        (re.compile(r"^clauses? environnementales?\b"), "Clause environnementale"),
        (re.compile(r"^criteres? environnementa(l|le|ux)\b"), "Critère environnemental"),
        (
            re.compile(
                r"^(considerations? |dimension |volet )?(environnement|environnementa(l|le|les|ux))$"
            ),
            UNSPECIFIED_VALUES["environmental"],
        ),
    ),
}
_NONE = re.compile(r"^(pas de considerations?\b|sans objet$|aucune?\b|neant$|non$|sans$|none$)")
_YES = {"oui", "o", "x", "1", "vrai", "yes", "y", "true", "ok"}
_NO = {"non", "n", "0", "faux", "no", "false"}
_SPLIT = re.compile(r"\s*(?:[|;,+\n]|\s(?:et|and)\s)\s*", re.IGNORECASE)
_LABELLED = re.compile(r"^(.*?)\s*[:=]\s*(\w+)$")


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9]+", " ", fold(text))).strip()


@lru_cache(maxsize=65536)  # pure; the same few tokens recur over 100k records
def match_consideration(token: str, kind: str) -> str | None:
    """The schema value a token stands for; ``""`` for "none" ("Sans objet"…); None if unknown."""
    key = _key(token)
    labelled = _LABELLED.match(fold(token).strip())
    if labelled and labelled.group(2) in _YES | _NO:
        inner = match_consideration(labelled.group(1), kind)
        return None if inner is None else (inner if labelled.group(2) in _YES else "")
    if _NONE.match(key):
        return ""
    if key in _YES:  # "oui" in a considerations column: which kind of consideration is unknown
        return UNSPECIFIED_VALUES[kind]
    for pattern, value in _PATTERNS[kind]:
        if pattern.match(key):
            return value
    return None


def flat_cells(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in flat_cells(v)]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return [text] if text else []


def normalise_considerations(
    parts: Iterable[tuple[Any, str | None]], kind: str
) -> tuple[list[str], list[str], bool, list[str]]:
    """(values in stable order, unknown tokens, informed, raw values) for one record.

    ``parts`` are ``(cell, label)``: ``label`` None for a list/text cell ("Clause sociale|Critère
    social"), else the value a yes/no column stands for ("Clause sociale" column holding "oui").
    """
    found: set[str] = set()
    unknown: list[str] = []
    raw: list[str] = []
    for cell, label in parts:
        for text in flat_cells(cell):
            raw.append(text if label is None else f"{label} : {text}")
            if label is not None and fold(text) in _YES | _NO:
                if fold(text) in _YES:
                    found.add(label)
                continue
            for token in (t for t in _SPLIT.split(text) if t.strip()):
                value = match_consideration(token, kind)
                if value is None:
                    unknown.append(token.strip())
                elif value:
                    found.add(value)
    order = (
        *(SOCIAL_VALUES if kind == "social" else ENVIRONMENTAL_VALUES),
        UNSPECIFIED_VALUES[kind],
    )
    return [v for v in order if v in found], unknown, bool(raw), raw
