"""AGEC art. 58 signals of a cell: « Réemploi », « Matières recyclées » columns of a ledger or a
contract register, parsed into a kind and a value (on the distinct values only).

A cell says the whole line is (``yes``) or is not (``no``) a purchase from reuse or integrating
recycled material, or gives the part of it that is: a share of the line (``30 %``, ``0,3``) or
an amount in euros HT (``1 200 €``, ``1200``). Rules, on the trimmed cell without accents or case:

* empty → ``empty``; « oui o yes x vrai true 1 » → ``yes``; « non n no faux false 0 - » → ``no``;
* a number followed by « % » → a share, 0 to 100 % (out of range: a problem);
* a number with « € », « EUR », « euros » or « HT » → an amount HT (negative: a problem; « TTC »:
  unreadable, the declaration counts amounts HT);
* a plain number: 0 → ``no``, 1 → ``yes``, strictly between 0 and 1 → a share, above 1 → an
  amount HT, negative → a problem. Numbers typed as numbers in a spreadsheet (0.3, 1.0, 1200.0)
  read the same way; numbers are read as the ledger's amounts are (:func:`.values.parse_amounts`:
  French and English decimal and thousand separators);
* any other text → unreadable.

The parser locates nothing: the caller knows the lines' file, sheet, row and column, and words
the problem with :data:`PROBLEM_CODES` (templates of ``i18n/templates/agec.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.frames import codes_of
from achats_durables.core.text import fold
from achats_durables.ledger.data_table import cell_text
from achats_durables.ledger.values import MAX_AMOUNT_EUR, parse_amounts

# kinds
EMPTY, NO, YES, SHARE, AMOUNT = 0, 1, 2, 3, 4
KIND_NAMES = ("empty", "no", "yes", "share", "amount")
# problems (0: none)
UNREADABLE, SHARE_OUT_OF_RANGE, NEGATIVE = 1, 2, 3
PROBLEM_CODES = {
    UNREADABLE: "agec-ledger-value-invalid",
    SHARE_OUT_OF_RANGE: "agec-ledger-share-invalid",
    NEGATIVE: "agec-ledger-amount-negative",
}

YES_TEXTS = frozenset({"oui", "o", "yes", "x", "vrai", "true", "1"})
NO_TEXTS = frozenset({"non", "n", "no", "faux", "false", "0", "-", "\u2013", "\u2014"})
_PERCENT = re.compile(r"^(.*?)\s*%$")
_CURRENCY = re.compile(r"€|\beur\b|\beuros?\b|\bht\b")
_TTC = re.compile(r"\bttc\b|toutes taxes")


@dataclass(frozen=True)
class CircularValues:
    """Per cell: its kind (:data:`KIND_NAMES` by code), its value (share 0–1 or amount € HT; NaN
    otherwise), whether it is bad and why (:data:`PROBLEM_CODES`), and the bad cells' distinct
    texts in the order they first come."""

    kind: np.ndarray  # int8
    value: np.ndarray  # float64
    bad: np.ndarray  # bool
    problem: np.ndarray  # int8, 0 where readable
    bad_texts: tuple[str, ...]


def parse_circular(values: pd.Series | pd.Categorical | np.ndarray) -> CircularValues:
    """Parse a column of « Réemploi » / « Matières recyclées » cells (see the module doc).

    A bad cell has kind ``empty`` and value NaN, so that sums over kinds never count it.
    """
    codes, distinct = codes_of(values)
    kind, value, problem = _parse_distinct(pd.Series(distinct, dtype=object))
    order = np.unique(codes, return_index=True)
    first_seen = dict(zip(order[0].tolist(), order[1].tolist(), strict=True))
    bad_codes = sorted(
        (int(c) for c in np.flatnonzero(problem != 0) if int(c) in first_seen),
        key=first_seen.__getitem__,
    )
    return CircularValues(
        kind=kind[codes],
        value=value[codes],
        bad=problem[codes] != 0,
        problem=problem[codes],
        bad_texts=tuple(cell_text(distinct[c]) for c in bad_codes),
    )


def _parse_distinct(cells: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(kind, value, problem) of each distinct cell."""
    n = len(cells)
    kind = np.zeros(n, dtype=np.int8)
    value = np.full(n, np.nan)
    problem = np.zeros(n, dtype=np.int8)
    is_bool = cells.map(lambda c: isinstance(c, (bool, np.bool_))).to_numpy(dtype=bool)
    is_number = cells.map(_is_number).to_numpy(dtype=bool)
    is_text = cells.map(lambda c: isinstance(c, str)).to_numpy(dtype=bool)
    truth = np.asarray([bool(c) if b else False for c, b in zip(cells, is_bool, strict=True)])
    kind[is_bool] = np.where(truth[is_bool], YES, NO)
    numbers = np.full(n, np.nan)  # plain numbers, classified together below
    plain = is_number.copy()
    numbers[is_number] = cells[is_number].astype("float64").to_numpy()
    blank = cells.isna().to_numpy(dtype=bool) & ~is_bool & ~is_text
    plain &= ~blank  # NaN cells of a numeric column are blank
    if is_text.any():
        _parse_texts(cells[is_text], np.flatnonzero(is_text), kind, value, problem, numbers, plain)
    other = ~(is_bool | is_number | is_text | blank)
    problem[other] = UNREADABLE  # dates, times, anything else
    _classify_numbers(numbers, plain, kind, value, problem)
    kind[problem != 0] = EMPTY
    value[problem != 0] = np.nan
    return kind, value, problem


def _is_number(cell: Any) -> bool:
    return isinstance(cell, (int, float, np.integer, np.floating)) and not isinstance(
        cell, (bool, np.bool_)
    )


def _parse_texts(
    cells: pd.Series,
    where: np.ndarray,
    kind: np.ndarray,
    value: np.ndarray,
    problem: np.ndarray,
    numbers: np.ndarray,
    plain: np.ndarray,
) -> None:
    """Text cells: yes/no words, percentages, amounts with a currency, plain numbers."""
    text = cells.str.strip()
    folded = text.map(fold)
    empty = (text == "").to_numpy(dtype=bool)
    yes = folded.isin(YES_TEXTS).to_numpy(dtype=bool)
    no = folded.isin(NO_TEXTS).to_numpy(dtype=bool)
    kind[where[yes]] = YES
    kind[where[no]] = NO
    rest = ~(empty | yes | no)
    percent = folded.str.match(_PERCENT).to_numpy(dtype=bool) & rest
    ttc = folded.str.contains(_TTC).to_numpy(dtype=bool) & rest & ~percent
    currency = folded.str.contains(_CURRENCY).to_numpy(dtype=bool) & rest & ~percent & ~ttc
    problem[where[ttc]] = UNREADABLE
    if percent.any():
        number = text[percent].str.replace(r"\s*%$", "", regex=True)
        read, unreadable = parse_amounts(number.reset_index(drop=True))
        unreadable |= np.isnan(read)
        idx = where[percent]
        problem[idx[unreadable]] = UNREADABLE
        out = ~unreadable & ((read < 0) | (read > 100))
        problem[idx[out]] = SHARE_OUT_OF_RANGE
        ok = ~unreadable & ~out
        kind[idx[ok]] = SHARE
        value[idx[ok]] = read[ok] / 100
    if currency.any():
        read, unreadable = parse_amounts(text[currency].reset_index(drop=True))
        unreadable |= np.isnan(read)
        idx = where[currency]
        problem[idx[unreadable]] = UNREADABLE
        problem[idx[~unreadable & (read < 0)]] = NEGATIVE
        ok = ~unreadable & (read >= 0)
        kind[idx[ok]] = AMOUNT
        value[idx[ok]] = read[ok]
    number_like = rest & ~percent & ~ttc & ~currency
    if number_like.any():
        read, unreadable = parse_amounts(text[number_like].reset_index(drop=True))
        unreadable |= np.isnan(read)
        idx = where[number_like]
        problem[idx[unreadable]] = UNREADABLE
        numbers[idx[~unreadable]] = read[~unreadable]
        plain[idx[~unreadable]] = True


def _classify_numbers(
    numbers: np.ndarray, plain: np.ndarray, kind: np.ndarray, value: np.ndarray, problem: np.ndarray
) -> None:
    """Plain numbers: 0 no, 1 yes, between them a share, above 1 an amount HT."""
    with np.errstate(invalid="ignore"):
        huge = plain & ~(np.abs(numbers) < MAX_AMOUNT_EUR)  # NaN, infinite, absurd
        negative = plain & ~huge & (numbers < 0)
        ok = plain & ~huge & ~negative
        problem[huge] = UNREADABLE
        problem[negative] = NEGATIVE
        kind[ok & (numbers == 0)] = NO
        kind[ok & (numbers == 1)] = YES
        share = ok & (numbers > 0) & (numbers < 1)
        amount = ok & (numbers > 1)
    kind[share] = SHARE
    value[share] = numbers[share]
    kind[amount] = AMOUNT
    value[amount] = numbers[amount]


__all__ = [
    "AMOUNT",
    "EMPTY",
    "KIND_NAMES",
    "NEGATIVE",
    "NO",
    "PROBLEM_CODES",
    "SHARE",
    "SHARE_OUT_OF_RANGE",
    "UNREADABLE",
    "YES",
    "YES_TEXTS",
    "CircularValues",
    "parse_circular",
]
