"""Mapping rules as loaded: the rule, its file, the ranked set, the rules set aside.

Precedence (DESIGN §4): files the user names (layer 0) beat the shipped defaults (layer 1);
within a layer the most specific rule wins, compared in this order: has ``supplier_siret``, has
``contract``, length of the ``cpv`` prefix, length of the ``account`` prefix, number of
conditions; then the first in file order. Rules are ranked once by that key. AGEC category
rules (``label_first``) put a ``label`` condition right after ``contract``: a contract's CPV
often spans several products, the line's label says which one was bought.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from achats_durables.core.text import fold

if TYPE_CHECKING:
    from _collections_abc import dict_items, dict_keys, dict_values

CONDITIONS = (
    "account",
    "cpv",
    "supplier_siret",
    "label",
    "supplier",
    "entity",
    "contract",
    "nomenclature",
)


class Patterns(dict[str, re.Pattern[str]]):
    """A rule's compiled label/supplier patterns (condition → pattern on folded text).

    Pickled as their sources: a rule set read back from the cache (:mod:`core.cache`) compiles
    each pattern when it is first read, so a run compiles only those of the rules some line
    reaches (≈ 60 in the shipped rules, ~30 ms of start otherwise).
    """

    def __init__(
        self,
        compiled: dict[str, re.Pattern[str]] | None = None,
        sources: dict[str, tuple[str, int]] | None = None,
    ) -> None:
        super().__init__(compiled or {})
        self._sources = dict(sources or {})

    def __missing__(self, key: str) -> re.Pattern[str]:
        pattern, flags = self._sources[key]
        compiled = re.compile(pattern, flags)
        self[key] = compiled
        return compiled

    def _complete(self) -> None:
        """Every pattern compiled, in the rule's order (before any view of all of them)."""
        if any(not dict.__contains__(self, k) for k in self._sources):
            ordered = {k: self[k] for k in self._sources}
            dict.clear(self)
            dict.update(self, ordered)

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in self._sources

    def __len__(self) -> int:
        self._complete()
        return dict.__len__(self)

    def __iter__(self) -> Iterator[str]:
        self._complete()
        return dict.__iter__(self)

    def keys(self) -> dict_keys[str, re.Pattern[str]]:
        self._complete()
        return dict.keys(self)

    def values(self) -> dict_values[str, re.Pattern[str]]:
        self._complete()
        return dict.values(self)

    def items(self) -> dict_items[str, re.Pattern[str]]:
        self._complete()
        return dict.items(self)

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default

    def __reduce__(self) -> tuple[Any, ...]:
        compiled = {k: (p.pattern, p.flags) for k, p in dict.items(self)}
        return (Patterns, (None, {**self._sources, **compiled}))


STRUCTURED = ("account", "cpv", "supplier_siret", "entity", "contract", "nomenclature")
PATTERNS = ("label", "supplier")
NO_RULE = -1


@dataclass(frozen=True)
class Rule:
    id: str
    when: dict[str, str]
    factor: str | None
    exclude: str | None
    proxy: bool
    uncertainty: float | None
    status: str
    note: str
    label: str
    beges: str | None
    vat_rate: float | None
    layer: int
    order: int
    source: str
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False)
    # unit → physical factor: lines with a quantity in that unit are computed from it
    physical: dict[str, str] = field(default_factory=dict)
    # counted from a quantity only (energy): without one the line is « à quantifier »
    quantify: bool = False
    # energy carrier (:data:`~achats_durables.ledger.values.CARRIERS`): spend → quantity with a price
    carrier: str = ""
    # AGEC art. 58 category rules (``factors/agec/categories.yaml``): the category a line
    # belongs to; ``label_first``: a label condition outranks CPV and account prefixes
    category: str = ""
    label_first: bool = False

    @property
    def specificity(self) -> tuple[int, ...]:
        w = self.when
        return (
            self.layer,
            -int("supplier_siret" in w),
            -int("contract" in w),
            -int(self.label_first and "label" in w),
            -len(w.get("cpv", "")),
            -len(w.get("account", "")),
            -len(w),
            self.order,
        )

    def matches(self, line: dict[str, str]) -> bool:
        """Scalar check of one line (folded label/supplier expected), for ``explain``."""
        for key, value in self.when.items():
            cell = line.get(key, "")
            if key in ("account", "cpv"):
                if not cell.startswith(value):
                    return False
            elif key == "supplier_siret":
                if not (cell == value if len(value) == 14 else cell[:9] == value):
                    return False
            elif key in PATTERNS:
                if not self.patterns[key].search(fold(cell)):
                    return False
            elif key == "nomenclature":
                if not (cell and cell.upper().startswith(value)):
                    return False
            elif cell != value:
                return False
        return True


@dataclass(frozen=True)
class RuleFile:
    id: str
    name: str
    path: str
    sha256: str
    layer: int
    rules: int
    factor_set: str = ""  # the factor set the file's rules refer to (``factor_set:``)


@dataclass(frozen=True)
class SetAside:
    """Shipped rules that step aside because their factors are not loaded (:mod:`rule_scope`)."""

    file: str  # file name
    rules: int  # rules set aside
    physical: int  # quantity references (``physical:``) dropped from the rules kept
    missing: tuple[str, ...]  # factor set ids or factor ids not loaded


@dataclass(frozen=True)
class RuleSet:
    """Rules ranked by precedence (index 0 wins over all others)."""

    rules: tuple[Rule, ...]
    files: tuple[RuleFile, ...]
    set_aside: tuple[SetAside, ...] = ()

    def ranked(self) -> list[Rule]:
        return sorted(self.rules, key=lambda r: r.specificity)


def candidate_rules(line: dict[str, str], ruleset: RuleSet) -> list[Rule]:
    """All rules that match one line, best first (``explain``)."""
    return [r for r in ruleset.ranked() if r.matches(line)]


def rule_summary(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "when": dict(rule.when),
        "factor": rule.factor,
        "exclude": rule.exclude,
        "quantify": rule.quantify,
        "physical": dict(rule.physical),
        "proxy": rule.proxy,
        "status": rule.status,
        "note": rule.note,
        "source": Path(rule.source).name,
        "layer": "utilisateur" if rule.layer == 0 else "défaut",
    }
