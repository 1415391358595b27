"""Which rules are still « à valider »: the rule files' status, and the finance team's layer.

A shipped rule carries ``status: proposition`` (on the rule, or as its file's default) until
the project validates it in the rule file (``status: valide``). A finance team confirms rules
in its own layer, without editing the shipped files: ``validated: [m57-6064-papier, …]`` in
``achats.yaml`` (:attr:`~achats_durables.knowledge.config.Config.validated_rules`). A rule is
*pending* when its status is ``proposition`` and the configuration does not confirm it; only
pending rules count in the footprint's share « reposant sur des règles à valider ».
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from achats_durables.core.errors import Issue, Location
from achats_durables.knowledge.mapping import Rule, RuleSet

PROPOSITION = "proposition"  # a rule to be confirmed by the finance team
VALID = "valide"  # a rule validated by the project, in the rule file
# A rule's status as reported: its file's status, or confirmed in achats.yaml (``validated:``).
VALIDATED_IN_CONFIG = "validated-config"
FILE_STATUSES = (PROPOSITION, VALID)


def is_pending(rule: Rule, validated: Collection[str]) -> bool:
    """True for a rule « à valider »: status ``proposition`` and not confirmed in achats.yaml."""
    return rule.status == PROPOSITION and rule.id not in validated


def effective_status(rule: Rule, validated: Collection[str]) -> str:
    """``validated-config`` for a rule confirmed in achats.yaml, else the rule file's status."""
    return VALIDATED_IN_CONFIG if rule.id in validated else rule.status


def unknown_validated(ruleset: RuleSet, validated: Iterable[str]) -> list[str]:
    """Ids listed under ``validated:`` that name no loaded rule, in the order written."""
    known = {r.id for r in ruleset.rules}
    return [rid for rid in dict.fromkeys(validated) if rid not in known]


def validated_issues(
    ruleset: RuleSet, validated: Iterable[str], config_path: str | None = None
) -> list[Issue]:
    """A warning naming the ids of ``validated:`` that match no rule (a typo validates nothing)."""
    unknown = unknown_validated(ruleset, validated)
    if not unknown:
        return []
    return [
        Issue(
            "validated-rule-unknown",
            {"count": len(unknown), "ids": ", ".join(unknown)},
            location=Location(config_path),
        )
    ]


@dataclass(frozen=True)
class RuleRow:
    """One rule as ``achats factors rules`` lists it: what to read before confirming it."""

    id: str
    when: dict[str, str]
    label: str
    factor: str | None
    factor_label: str  # the factor's category, when the factor sets are given
    exclude: str | None
    quantify: bool
    proxy: bool
    reason: str  # why this factor or this exclusion: the exclusion's reason, else the note
    status: str  # effective_status()
    file: str
    layer: int
    category: str = ""  # an AGEC category rule's category

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "when": dict(self.when),
            "label": self.label,
            "factor": self.factor,
            "factor_label": self.factor_label,
            "exclude": self.exclude,
            "quantify": self.quantify,
            "proxy": self.proxy,
            "reason": self.reason,
            "status": self.status,
            "file": self.file,
            "layer": self.layer,
        }


def rule_rows(
    ruleset: RuleSet,
    validated: Collection[str] = (),
    *,
    propositions: bool = False,
    proxies: bool = False,
    exclusions: bool = False,
    factor_labels: Mapping[str, str] | None = None,
) -> list[RuleRow]:
    """The rules in precedence order, filtered: ``propositions`` keeps the pending ones only.

    ``factor_labels``: factor id → category label, shown beside each rule's factor.
    """
    labels = factor_labels or {}
    rows: list[RuleRow] = []
    for r in ruleset.ranked():
        if propositions and not is_pending(r, validated):
            continue
        if proxies and not r.proxy:
            continue
        if exclusions and r.exclude is None:
            continue
        rows.append(
            RuleRow(
                id=r.id,
                when=dict(r.when),
                label=r.label,
                factor=r.factor,
                factor_label=labels.get(r.factor, "") if r.factor else "",
                exclude=r.exclude,
                quantify=r.quantify,
                proxy=r.proxy,
                reason=r.exclude if r.exclude is not None else r.note,
                status=effective_status(r, validated),
                file=Path(r.source).name,
                layer=r.layer,
                category=r.category,
            )
        )
    return rows


def status_counts(ruleset: RuleSet, validated: Collection[str]) -> dict[str, int]:
    """Rules by effective status (``proposition`` = still to confirm)."""
    counts: dict[str, int] = {}
    for r in ruleset.rules:
        status = effective_status(r, validated)
        counts[status] = counts.get(status, 0) + 1
    return counts
