"""The AGEC art. 58 report as data (JSON schema ``achats.agec/1``); writers only format it.

One :class:`Buyer` per entity of the ledger, each with the declaration's 17 categories (zero where
nothing was bought), and the group's sum when there are several buyers. Amounts are € HT of the
year; shares are 0–1 against the category's total (spend plus the gifts' value), ``None`` when
the total is not positive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from achats_durables.core.errors import Issue
from achats_durables.knowledge.agec import Target

SCHEMA = "achats.agec/1"
SOURCE_KEYS = ("column", "register", "supplier", "label", "gift")


@dataclass
class CategoryRow:
    category: str
    spend_eur: float = 0.0  # the ledger's goods lines of the category
    gifts_eur: float = 0.0  # gifts received, valued with the arrêté's grid (achats.yaml)
    reuse_eur: float = 0.0  # reuse and re-use, gifts included
    recycled_eur: float = 0.0
    lines: int = 0
    # € HT by signal (column, register, supplier, label, gift), per kind
    reuse_by_source: dict[str, float] = field(default_factory=dict)
    recycled_by_source: dict[str, float] = field(default_factory=dict)
    # lines whose label alone says reuse / recycled (shown apart; counted only if configured)
    label_reuse_eur: float = 0.0
    label_recycled_eur: float = 0.0
    target: Target | None = None  # the target in force in the year (None: none found)

    @property
    def total_eur(self) -> float:
        """The declaration's ``montant_total``: spend plus the gifts' value."""
        return self.spend_eur + self.gifts_eur

    def share(self, kind: str) -> float | None:
        total = self.total_eur
        if total <= 0:
            return None
        return (self.reuse_eur if kind == "reuse" else self.recycled_eur) / total

    def target_share(self, kind: str) -> float | None:
        if self.target is None:
            return None
        return self.target.reuse if kind == "reuse" else self.target.recycled

    def met(self, kind: str) -> bool | None:
        """Whether the share reaches the target (None: no target, or nothing bought)."""
        share, target = self.share(kind), self.target_share(kind)
        if share is None or target is None:
            return None
        return share + 1e-9 >= target

    def add(self, other: CategoryRow) -> None:
        self.spend_eur += other.spend_eur
        self.gifts_eur += other.gifts_eur
        self.reuse_eur += other.reuse_eur
        self.recycled_eur += other.recycled_eur
        self.lines += other.lines
        self.label_reuse_eur += other.label_reuse_eur
        self.label_recycled_eur += other.label_recycled_eur
        for mine, theirs in (
            (self.reuse_by_source, other.reuse_by_source),
            (self.recycled_by_source, other.recycled_by_source),
        ):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0.0) + v

    def to_dict(self) -> dict[str, Any]:
        t = self.target
        return {
            "category": self.category,
            "spend_eur": round(self.spend_eur, 2),
            "gifts_eur": round(self.gifts_eur, 2),
            "total_eur": round(self.total_eur, 2),
            "reuse_eur": round(self.reuse_eur, 2),
            "recycled_eur": round(self.recycled_eur, 2),
            "reuse_share": _rounded(self.share("reuse")),
            "recycled_share": _rounded(self.share("recycled")),
            "lines": self.lines,
            "reuse_by_source": {k: round(v, 2) for k, v in self.reuse_by_source.items() if v},
            "recycled_by_source": {k: round(v, 2) for k, v in self.recycled_by_source.items() if v},
            "label_signals": {
                "reuse_eur": round(self.label_reuse_eur, 2),
                "recycled_eur": round(self.label_recycled_eur, 2),
            },
            "target": None
            if t is None
            else {
                "year": t.year,
                "reuse_share": t.reuse,
                "recycled_share": t.recycled,
                "source": t.source,
                "from_config": t.from_config,
            },
            "reuse_target_met": self.met("reuse"),
            "recycled_target_met": self.met("recycled"),
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


@dataclass
class Buyer:
    entity: str
    siren: str
    siret: str
    siret_source: str  # config, ledger, register, or "" (missing)
    categories: list[CategoryRow]

    @property
    def spend_eur(self) -> float:
        return sum(c.spend_eur for c in self.categories)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "siren": self.siren,
            "siret": self.siret,
            "siret_source": self.siret_source,
            "spend_eur": round(self.spend_eur, 2),
            "categories": [c.to_dict() for c in self.categories],
        }


@dataclass
class AgecReport:
    year: int
    inputs: list[dict[str, Any]]
    rule_files: list[dict[str, Any]]
    declaration: dict[str, Any]  # the official schema's name, version, source
    targets_status: str
    buyers: list[Buyer]
    group: list[CategoryRow] | None  # the buyers' sum, when there are several
    # goods lines of no category, and the reuse/recycled spend among them
    unclassified: dict[str, Any]
    count_label_signals: bool
    issues: list[Issue]
    lines: pd.DataFrame = field(repr=False)  # the goods lines, with category and signals
    tool_version: str = ""
    options: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "tool_version": self.tool_version,
            "year": self.year,
            "inputs": self.inputs,
            "rule_files": self.rule_files,
            "declaration_schema": self.declaration,
            "targets_status": self.targets_status,
            "count_label_signals": self.count_label_signals,
            "buyers": [b.to_dict() for b in self.buyers],
            "group": None if self.group is None else [c.to_dict() for c in self.group],
            "unclassified": self.unclassified,
            "issues": [i.to_dict(lang) for i in self.issues],
        }
