"""Which rule wins for each line: the vectorised engine over a ranked :class:`RuleSet`.

Structured conditions (account, cpv, SIRET, entity, contract, nomenclature) are evaluated on the
distinct values of each column and gathered to lines by integer codes; label and supplier
patterns are matched once per distinct folded text, and only for rules that can still beat the
structured winner.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from achats_durables.core.text import fold
from achats_durables.knowledge.rules import NO_RULE, PATTERNS, STRUCTURED, Rule, RuleSet

_NONE = np.iinfo(np.int64).max  # no rule yet


def _structured_mask(rule: Rule, column: str, uniques: np.ndarray) -> np.ndarray:
    value = rule.when[column]
    if column in ("account", "cpv"):
        return np.fromiter((u.startswith(value) for u in uniques), dtype=bool, count=len(uniques))
    if column == "supplier_siret":
        if len(value) == 14:
            return np.asarray(uniques == value, dtype=bool)
        return np.fromiter((u[:9] == value for u in uniques), dtype=bool, count=len(uniques))
    if column == "nomenclature":
        return np.fromiter(
            (bool(u) and str(u).upper().startswith(value) for u in uniques),
            dtype=bool,
            count=len(uniques),
        )
    return np.asarray(uniques == value, dtype=bool)


@dataclass
class _Keys:
    """Lines grouped by their combination of structured values (one key per combination)."""

    codes: dict[str, np.ndarray]  # column → code of each line's value
    uniques: dict[str, np.ndarray]  # column → distinct values
    key_codes: np.ndarray  # line → key
    key_col_codes: dict[str, np.ndarray]  # column → code of each key's value
    n_keys: int

    def match(self, rule: Rule) -> np.ndarray:
        """Keys whose structured values meet all the structured conditions of ``rule``."""
        mask = np.ones(self.n_keys, dtype=bool)
        for col, uniques in self.uniques.items():
            if col in rule.when:
                per_unique = _structured_mask(rule, col, uniques)
                mask &= per_unique[self.key_col_codes[col]]
        return mask


def _keys(lines: pd.DataFrame, ranked: list[Rule]) -> _Keys:
    n = len(lines)
    used = [c for c in STRUCTURED if any(c in r.when for r in ranked)]
    codes: dict[str, np.ndarray] = {}
    uniques: dict[str, np.ndarray] = {}
    for col in used:
        c, u = pd.factorize(lines[col], sort=False)
        codes[col] = c
        uniques[col] = np.asarray(u, dtype=object)
    if not used:
        return _Keys(codes, uniques, np.zeros(n, dtype=np.int64), {}, 1)
    # Combine the structured columns into one key per line.
    key = np.zeros(n, dtype=np.int64)
    for col in used:
        key = key * (len(uniques[col]) + 1) + codes[col]
    key_codes, key_uniques = pd.factorize(key, sort=False)
    first = np.zeros(len(key_uniques), dtype=np.int64)
    first[key_codes[::-1]] = np.arange(n - 1, -1, -1)
    key_col_codes = {col: codes[col][first] for col in used}
    return _Keys(codes, uniques, key_codes, key_col_codes, len(key_uniques))


def assign_rules(lines: pd.DataFrame, ruleset: RuleSet) -> np.ndarray:
    """Index into ``ruleset.ranked()`` of each line's winning rule, ``NO_RULE`` (-1) if none.

    ``lines`` holds the text columns of :data:`CONDITIONS` ('' when absent).
    """
    ranked = ruleset.ranked()
    n = len(lines)
    if n == 0 or not ranked:
        return np.full(n, NO_RULE, dtype=np.int64)
    keys = _keys(lines, ranked)
    # 1. Structured-only rules: the best rank per key.
    best_key = np.full(keys.n_keys, _NONE, dtype=np.int64)
    pattern_rules: list[tuple[int, Rule, np.ndarray]] = []
    for rank, rule in enumerate(ranked):
        m = keys.match(rule)
        if any(p in rule.when for p in PATTERNS):
            if m.any():
                pattern_rules.append((rank, rule, m))
            continue
        best_key[m & (best_key > rank)] = rank
    line_best: np.ndarray = best_key[keys.key_codes]
    # 2. Rules with label/supplier patterns, only where they can beat the structured winner.
    folded: dict[str, _FoldedColumn] = {}
    for rank, rule, m in pattern_rules:
        if not (m & (best_key > rank)).any():
            continue
        candidates = m[keys.key_codes] & (line_best > rank)
        if candidates.any():
            line_best[_pattern_hits(lines, rule, candidates, folded)] = rank
    line_best[line_best == _NONE] = NO_RULE
    return line_best


class _FoldedColumn:
    """A text column's distinct values, each folded the first time a pattern has to read it:
    the texts of lines no pattern rule can reach are never folded."""

    def __init__(self, values: pd.Series) -> None:
        codes, uniques = pd.factorize(values, sort=False)
        self.codes: np.ndarray = codes
        self.uniques = np.asarray(uniques, dtype=object)
        self.folded = np.empty(len(self.uniques), dtype=object)
        self.done = np.zeros(len(self.uniques), dtype=bool)

    def texts(self, lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The distinct values of the selected lines: their indices, and their folded texts."""
        present = np.zeros(len(self.uniques), dtype=bool)
        present[self.codes[lines]] = True
        idx = np.flatnonzero(present)
        todo = idx[~self.done[idx]]
        if len(todo):
            self.folded[todo] = [fold(t) for t in self.uniques[todo]]
            self.done[todo] = True
        return idx, self.folded[idx]


def _pattern_hits(
    lines: pd.DataFrame,
    rule: Rule,
    candidates: np.ndarray,
    folded: dict[str, _FoldedColumn],
) -> np.ndarray:
    """The candidate lines whose label/supplier match the rule's patterns (``folded`` keeps
    each column's folded texts)."""
    ok: np.ndarray = candidates
    for col in PATTERNS:
        if col not in rule.when:
            continue
        if col not in folded:
            folded[col] = _FoldedColumn(lines[col])
        column = folded[col]
        # only the distinct texts of the lines still in the running are searched
        idx, texts = column.texts(ok)
        search = rule.patterns[col].search
        hit = np.zeros(len(column.uniques), dtype=bool)
        hit[idx] = [search(t) is not None for t in texts]
        ok = ok & hit[column.codes]
        if not ok.any():
            break
    return ok
