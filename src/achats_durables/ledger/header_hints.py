"""What to tell the user when no header is recognised: the real header row, the missing field,
and the ``achats.yaml`` snippet built from the likeliest column.

The header row is the row of the first lines that looks most like one: most recognised titles,
then most text cells that are not numbers or dates (a data row has amounts and dates, a title
block has one cell). The likeliest column of a missing field is chosen by its title (close to a
known title: :mod:`difflib`) and by its values (amounts that parse, account codes).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.text import header_key
from achats_durables.i18n.messages import Text
from achats_durables.knowledge.header_synonyms import AMOUNT_WORDS, SYNONYMS
from achats_durables.knowledge.register_synonyms import REGISTER_SYNONYMS
from achats_durables.ledger.headers import (
    AMOUNT_FIELDS,
    DESCRIPTIVE_FIELDS,
    match_header,
    search_header,
)
from achats_durables.ledger.values import parse_amounts

SAMPLE_ROWS = 50
MAX_SHOWN = 20
_NOT_TEXT = re.compile(r"^[\s\d.,;:/\-+()€%*]*$")
_ACCOUNT = re.compile(r"^[26]\d{1,7}$")

Recogniser = Callable[[Sequence[Any]], Mapping[str, int]]


@dataclass(frozen=True)
class HeaderGuess:
    """The row taken for the header, what it lacks and the config lines that would read it."""

    row_index: int  # 0-based in the rows given
    cells: list[str]
    recognised: dict[str, int]
    missing: list[str] = field(default_factory=list)  # "amount", "descriptive", "contract_ref"…
    guesses: dict[str, str] = field(default_factory=dict)  # field → header of the likeliest column

    def seen(self) -> str:
        shown = [f"« {c} »" for c in self.cells if c][:MAX_SHOWN]
        more = len([c for c in self.cells if c]) - len(shown)
        return ", ".join(shown) + (f" (+{more})" if more > 0 else "") if shown else "aucune"

    def snippet(self, key: str) -> str:
        """``columns: {amount_incl_vat: "Mt facturé"}``: YAML to paste into achats.yaml."""
        pairs = ", ".join(
            f"{f}: {json.dumps(h, ensure_ascii=False)}" for f, h in self.guesses.items()
        )
        return f"{key}: {{{pairs}}}"


def _cell_text(cell: Any) -> str:
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return ""
    return str(cell).strip()


def _is_text(cell: Any) -> bool:
    return isinstance(cell, str) and bool(cell.strip()) and not _NOT_TEXT.match(cell)


def header_row(rows: Sequence[Sequence[Any]], recognise: Recogniser, scan: int) -> int | None:
    """Index of the row most like a header among ``rows[:scan]`` (None: no row of 2+ cells)."""

    def rank(row: Sequence[Any]) -> tuple[int, int] | None:
        if sum(1 for c in row if _cell_text(c)) < 2:
            return None
        return (len(recognise(row)), sum(1 for c in row if _is_text(c)))

    return search_header(rows, rank, scan)


def _column(rows: Sequence[Sequence[Any]], start: int, i: int) -> list[Any]:
    out = []
    for row in rows[start : start + SAMPLE_ROWS]:
        cell = row[i] if i < len(row) else None
        if _cell_text(cell):
            out.append(cell)
    return out


def _amount_evidence(cells: list[Any]) -> float:
    """Share of the cells that read as amounts, less when they look like years or codes."""
    if not cells:
        return 0.0
    values, bad = parse_amounts(pd.Series(cells, dtype=object))
    ok = ~np.isnan(values) & ~bad
    if not ok.any():
        return 0.0
    read = values[ok]
    whole = np.isclose(read, np.round(read))
    if whole.all() and (((read >= 1900) & (read <= 2100)).all() or (np.abs(read) >= 1e8).all()):
        return 0.1  # years, SIRET numbers
    if whole.all() and all(_ACCOUNT.match(str(c).split(".")[0].strip()) for c in cells):
        return 0.1  # account codes
    return float(ok.mean()) * (1.0 if not whole.all() else 0.7)


def _name_score(title: str, known: Sequence[str]) -> float:
    key = header_key(title)
    if not key:
        return 0.0
    ratio = max(SequenceMatcher(None, key, header_key(k)).ratio() for k in known)
    words = set(key.split())
    bonus = 0.5 if words & AMOUNT_WORDS or words & {"ht", "ttc", "paye", "facture"} else 0.0
    return ratio + bonus


def _likeliest_amount(
    rows: Sequence[Sequence[Any]], idx: int, free: list[int], cells: list[str]
) -> str | None:
    known = [*SYNONYMS["amount_incl_vat"], *SYNONYMS["amount_excl_vat"]]
    best: tuple[float, int] | None = None
    for i in free:
        evidence = _amount_evidence(_column(rows, idx + 1, i))
        name = _name_score(cells[i], known)
        if evidence < 0.5 and name < 1.0:
            continue
        score = evidence + name
        if best is None or score > best[0]:
            best = (score, i)
    return cells[best[1]] if best is not None else None


def _likeliest_descriptive(
    rows: Sequence[Sequence[Any]], idx: int, free: list[int], cells: list[str]
) -> tuple[str, str] | None:
    """(field, header): a column of account codes, else the most varied text column."""
    best_text: tuple[float, int] | None = None
    for i in free:
        values = _column(rows, idx + 1, i)
        if not values:
            continue
        texts = [str(v).split(".")[0] if isinstance(v, float) else str(v).strip() for v in values]
        if sum(1 for t in texts if _ACCOUNT.match(t)) >= 0.8 * len(texts):
            return "account", cells[i]
        if sum(1 for v in values if _is_text(v)) >= 0.8 * len(values):
            mean_length = sum(len(t) for t in texts) / len(texts)
            score = len(set(texts)) / len(texts) + min(mean_length, 40.0) / 40
            if best_text is None or score > best_text[0]:
                best_text = (score, i)
    return ("label", cells[best_text[1]]) if best_text is not None else None


def guess_ledger_header(
    rows: Sequence[Sequence[Any]], profile: Mapping[str, str] | None, scan: int
) -> HeaderGuess | None:
    """The header row of a ledger whose header was not recognised, and what would read it."""

    def recognise(row: Sequence[Any]) -> Mapping[str, int]:
        return match_header(row, profile)[0]

    idx = header_row(rows, recognise, scan)
    if idx is None:
        return None
    cells = [_cell_text(c) for c in rows[idx]]
    cols = dict(recognise(rows[idx]))
    used = set(cols.values())
    free = [i for i, c in enumerate(cells) if c and i not in used]
    guess = HeaderGuess(idx, cells, cols)
    if not any(f in cols for f in AMOUNT_FIELDS):
        guess.missing.append("amount")
        title = _likeliest_amount(rows, idx, free, cells)
        if title is not None:
            says_ht = {"ht", "hors"} & set(header_key(title).split())
            guess.guesses["amount_excl_vat" if says_ht else "amount_incl_vat"] = title
            free = [i for i in free if cells[i] != title]
    if not any(f in cols for f in DESCRIPTIVE_FIELDS):
        guess.missing.append("descriptive")
        found = _likeliest_descriptive(rows, idx, free, cells)
        if found is not None:
            guess.guesses[found[0]] = found[1]
    return guess


def ledger_advice(guess: HeaderGuess) -> Text:
    """The advice of a ledger-no-header message: the snippet, or how to name the columns."""
    if not guess.guesses:
        return Text("hint-ledger-no-guess")
    parts = [
        Text("hint-guess", column=h, what=Text(f"field-{f}")) for f, h in guess.guesses.items()
    ]
    what = (
        parts[0] if len(parts) == 1 else Text("hint-two-guesses", first=parts[0], second=parts[1])
    )
    return Text("hint-snippet", guesses=what, snippet=guess.snippet("columns"))


def missing_text(missing: list[str]) -> Text:
    return Text("missing-" + "-".join(missing)) if missing else Text("missing-amount")


def guess_register_header(
    rows: Sequence[Sequence[Any]], recognise: Recogniser, scan: int
) -> HeaderGuess | None:
    """The header row of a contract register whose header was not recognised."""
    idx = header_row(rows, recognise, scan)
    if idx is None:
        return None
    cells = [_cell_text(c) for c in rows[idx]]
    cols = dict(recognise(rows[idx]))
    guess = HeaderGuess(idx, cells, cols)
    if not {"contract_ref", "object"} & cols.keys():
        guess.missing.append("contract_ref")
        used = set(cols.values())
        best: tuple[float, int] | None = None
        for i, c in enumerate(cells):
            if not c or i in used:
                continue
            values = [str(v).strip() for v in _column(rows, idx + 1, i)]
            if not values:
                continue
            distinct = len(set(values)) / len(values)
            coded = sum(1 for v in values if re.search(r"\d", v) and len(v) <= 30) / len(values)
            score = distinct + coded + _name_score(c, REGISTER_SYNONYMS["contract_ref"])
            if coded >= 0.8 and (best is None or score > best[0]):
                best = (score, i)
        if best is not None:
            guess.guesses["contract_ref"] = cells[best[1]]
    else:
        guess.missing.append("register-columns")
    return guess
