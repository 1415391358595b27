"""How much of each goods line is reuse (réemploi et réutilisation) and integrates recycled
material, and where that comes from.

Signals, strongest first; the first one a line has decides, separately for reuse and recycled:

1. ``column``: the ledger's « Réemploi » / « Matières recyclées » column: yes/no (the whole line
   or nothing: an explicit « non » overrides the weaker signals), a share of the line, or an
   amount HT (never above the line's spend);
2. ``register``: the contract's flag in the register (yes/no or a share), joined by contract
   number as ``achats clauses`` joins them;
3. ``supplier``: the supplier's SIREN is on achats.yaml's list of reuse (or recycled) suppliers:
   ressourceries, ESS reuse networks, refurbishers;
4. ``label``: a keyword of the line's label (« reconditionné », « d'occasion », « recyclé »): a
   weaker signal, shown apart, counted only when achats.yaml says so (``count_label_signals``).

Everything runs on whole columns; a value that cannot be read is a located error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from achats_durables.contracts.refs import normalize_ref
from achats_durables.core.errors import LedgerError, Location
from achats_durables.core.frames import codes_of, map_distinct
from achats_durables.core.text import fold
from achats_durables.i18n.messages import Text
from achats_durables.knowledge.agec import AgecSettings, Signals
from achats_durables.ledger.circular import AMOUNT, NO, PROBLEM_CODES, SHARE, YES, parse_circular
from achats_durables.ledger.data_table import cell_text

SOURCES = ("", "column", "register", "supplier", "label")
KINDS = ("reuse", "recycled")
# the ledger column each kind is read from, as the report names it
COLUMN_LABELS = {"reuse": "Réemploi", "recycled": "Matières recyclées"}


@dataclass(frozen=True)
class KindSignal:
    """One kind (reuse or recycled) over the lines."""

    amount: np.ndarray  # € HT of the line counted (0 where none)
    source: np.ndarray  # int8: index into SOURCES (0: none)
    label_amount: np.ndarray  # € HT of the lines whose label alone says so (shown apart)


def line_signals(
    lines: pd.DataFrame,
    spend: np.ndarray,
    goods: np.ndarray,
    contract_shares: dict[str, dict[str, float]],
    settings: AgecSettings,
    keywords: Signals,
    headers: dict[str, dict[str, str]] | None = None,
) -> dict[str, KindSignal]:
    """The reuse and recycled signals of the goods lines (``spend``: each line's € HT;
    ``headers``: each input file's field → column title, to name the column of an error)."""
    suppliers = {"reuse": settings.reuse_suppliers, "recycled": settings.recycled_suppliers}
    patterns = {"reuse": keywords.reuse, "recycled": keywords.recycled}
    codes, distinct = codes_of(lines["label"])
    labels = (codes, [fold(str(t)) for t in distinct])  # each distinct label folded once
    return {
        kind: _kind_signal(
            lines,
            kind,
            spend,
            goods,
            contract_shares.get(kind, {}),
            frozenset(suppliers[kind]),
            (patterns[kind], labels),
            settings.count_label_signals,
            headers or {},
        )
        for kind in KINDS
    }


def _kind_signal(
    lines: pd.DataFrame,
    kind: str,
    spend: np.ndarray,
    goods: np.ndarray,
    shares: dict[str, float],
    listed: frozenset[str],
    keywords: tuple[str, tuple[np.ndarray, list[str]]],
    count_labels: bool,
    headers: dict[str, dict[str, str]],
) -> KindSignal:
    """One kind's signals, strongest first (see the module doc); ``keywords``: the kind's label
    pattern, and the lines' label codes with the distinct labels folded."""
    pattern, (label_codes, folded) = keywords
    amount = np.zeros(len(lines))
    source = np.zeros(len(lines), dtype=np.int8)
    amount, source, decided = _column(lines, kind, spend, goods, (amount, source, ~goods), headers)
    if shares:
        share = map_distinct(
            lines["contract_ref"],
            lambda u: normalize_ref(u.astype(str)).map(lambda r: shares.get(r, np.nan)),
        ).astype(float)
        hit = ~decided & ~np.isnan(share)
        amount[hit] = spend[hit] * share[hit]
        source[hit] = SOURCES.index("register")
        decided = decided | hit
    if listed:
        on_list = map_distinct(
            lines["supplier_siret"], lambda u: u.map(lambda s: str(s)[:9] in listed)
        ).astype(bool)
        hit = ~decided & on_list
        amount[hit] = spend[hit]
        source[hit] = SOURCES.index("supplier")
        decided = decided | hit
    label_amount = np.zeros(len(lines))
    if pattern:
        search = re.compile(fold(pattern)).search
        said = np.fromiter((search(t) is not None for t in folded), bool, len(folded))[label_codes]
        hit = ~decided & said
        label_amount[hit] = spend[hit]
        if count_labels:
            amount[hit] = spend[hit]
            source[hit] = SOURCES.index("label")
    return KindSignal(amount, source, label_amount)


def _column(
    lines: pd.DataFrame,
    kind: str,
    spend: np.ndarray,
    goods: np.ndarray,
    state: tuple[np.ndarray, np.ndarray, np.ndarray],
    headers: dict[str, dict[str, str]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ledger column's values on the goods lines (errors located at the first bad row);
    ``state``: the amounts, sources and decided lines so far."""
    amount, source, decided = state
    if kind not in lines or not goods.any():
        return amount, source, decided
    parsed = parse_circular(lines[kind])
    bad = parsed.bad & goods
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        code = PROBLEM_CODES[int(parsed.problem[i])]
        raise LedgerError(
            code,
            _where(lines, i, kind, headers),
            value=cell_text(lines[kind].iloc[i]),
            more=_more(int(bad.sum()) - 1),
        )
    value = parsed.value
    given = goods & (parsed.kind != 0)
    over = given & (parsed.kind == AMOUNT) & (np.abs(value) > np.abs(spend) + 0.005)
    if over.any():
        i = int(np.flatnonzero(over)[0])
        raise LedgerError(
            "agec-ledger-amount-above-spend",
            _where(lines, i, kind, headers),
            field=Text(f"agec-field-{kind}"),
            amount=float(value[i]),
            spend=float(spend[i]),
            more=_more(int(over.sum()) - 1),
        )
    full = given & (parsed.kind == YES)
    part = given & (parsed.kind == SHARE)
    money = given & (parsed.kind == AMOUNT)
    amount[full] = spend[full]
    amount[part] = spend[part] * value[part]
    amount[money] = np.sign(spend[money]) * np.abs(value[money])
    source[given & (parsed.kind != NO)] = SOURCES.index("column")
    return amount, source, decided | given


def _where(lines: pd.DataFrame, i: int, kind: str, headers: dict[str, dict[str, str]]) -> Location:
    row = lines.iloc[i]
    sheet = str(row["sheet"]) if str(row.get("sheet", "")) else None
    path = str(row["source"])
    column = headers.get(path, {}).get(kind) or COLUMN_LABELS[kind]
    return Location(path, sheet, int(row["row"]), column)


def _more(count: int) -> Text | str:
    return Text("agec-more-errors", count=count) if count > 0 else ""
