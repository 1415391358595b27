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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from achats_durables.core.text import fold

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
