"""What ``achats factors check`` verifies in the mapping rules, beyond their structure.

The rule files of ``factors/mappings/`` are the source of truth: they are edited by hand, and
these checks keep them honest against the M57 nomenclature shipped with the package
(``factors/nomenclatures/m57-2025-comptes-classes-2-6.csv``, the leaf accounts of classes 2
and 6 of the M57 2025 chart):

- every leaf account is reached by a rule (on itself or on a parent prefix), for a line of
  nomenclature M57 with no other information, whatever the layer that reaches it (only a
  warning when shipped rules stepped aside for the user's own factor sets);
- a shipped rule on an account alone (``when: {account: …}``) that is a leaf carries the
  nomenclature's label;
- a shipped rule's status is ``proposition`` or ``valide``, and an approximation (proxy) says
  why in its note.

Structure, unique ids and factor references are checked when the files are loaded
(:func:`~achats_durables.knowledge.mapping.load_mapping_rules`,
:func:`~achats_durables.knowledge.mapping.check_factors`). The cross-checks against the full
M57, M14 and CPV nomenclatures, which the package does not ship, are tests.
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from achats_durables.core.errors import FactorError, Issue, Location
from achats_durables.knowledge.factors import factors_dir
from achats_durables.knowledge.mapping import CONDITIONS, NO_RULE, RuleSet, assign_rules
from achats_durables.knowledge.validation import FILE_STATUSES, status_counts, validated_issues

M57_LEAVES = Path("nomenclatures") / "m57-2025-comptes-classes-2-6.csv"
SHOWN_ACCOUNTS = 20  # unreached accounts named in the message


def m57_leaf_accounts(path: Path | str | None = None) -> list[tuple[str, str, str]]:
    """(code, libellé, classe) of the M57 2025 leaf accounts of classes 2 and 6."""
    path = Path(path) if path is not None else factors_dir() / M57_LEAVES
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [(r["code"], r["libelle"], r["classe"]) for r in csv.DictReader(fh)]
    except (OSError, KeyError, UnicodeDecodeError) as exc:
        raise FactorError("nomenclature-unreadable", Location(str(path)), detail=str(exc)) from exc
    if not rows:
        raise FactorError("nomenclature-unreadable", Location(str(path)), detail="fichier vide")
    return rows


@dataclass(frozen=True)
class RulesCheck:
    """The outcome of :func:`check_rules`: ``problems`` make ``achats factors check`` fail."""

    nomenclature: str  # path of the leaf accounts
    leaves: int  # leaf accounts checked
    unreached: tuple[str, ...]  # leaf accounts no rule reaches
    labels_checked: int  # shipped account rules whose label was compared
    statuses: dict[str, int]  # rules by effective status (validation.status_counts)
    problems: tuple[Issue, ...]  # errors: the rules need fixing
    warnings: tuple[
        Issue, ...
    ]  # ids of ``validated:`` naming no rule; gaps left by set-aside rules

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "nomenclature": Path(self.nomenclature).name,
            "leaves": self.leaves,
            "unreached": list(self.unreached),
            "labels_checked": self.labels_checked,
            "statuses": dict(self.statuses),
            "problems": [i.to_dict(lang) for i in self.problems],
            "warnings": [i.to_dict(lang) for i in self.warnings],
        }


def check_rules(
    ruleset: RuleSet,
    validated: Collection[str] = (),
    *,
    nomenclature: Path | str | None = None,
    config_path: str | None = None,
) -> RulesCheck:
    """Check ``ruleset`` against the shipped M57 nomenclature (see the module doc)."""
    path = Path(nomenclature) if nomenclature is not None else factors_dir() / M57_LEAVES
    accounts = m57_leaf_accounts(path)
    unreached = _unreached(ruleset, [code for code, _, _ in accounts])
    problems: list[Issue] = []
    warnings = validated_issues(ruleset, validated, config_path)
    if unreached:
        # with the user's own factor sets, shipped rules step aside (rule_scope): their gaps
        # are the user's to fill, a warning; with the shipped rules complete, an error
        (warnings if ruleset.set_aside else problems).append(
            Issue(
                "rules-leaf-unreached",
                {
                    "count": len(unreached),
                    "accounts": ", ".join(unreached[:SHOWN_ACCOUNTS])
                    + (" …" if len(unreached) > SHOWN_ACCOUNTS else ""),
                },
                location=Location(str(path)),
                severity="warning" if ruleset.set_aside else "error",
            )
        )
    labels = {code: label for code, label, _ in accounts}
    checked = _check_shipped(ruleset, labels, problems)
    return RulesCheck(
        nomenclature=str(path),
        leaves=len(accounts),
        unreached=tuple(unreached),
        labels_checked=checked,
        statuses=status_counts(ruleset, validated),
        problems=tuple(problems),
        warnings=tuple(warnings),
    )


def _unreached(ruleset: RuleSet, codes: list[str]) -> list[str]:
    """Accounts for which no rule wins on a line of nomenclature M57 with nothing else known."""
    lines = pd.DataFrame({col: [""] * len(codes) for col in CONDITIONS})
    lines["account"] = codes
    lines["nomenclature"] = "M57"
    winners = assign_rules(lines, ruleset)
    return [code for code, w in zip(codes, winners, strict=True) if w == NO_RULE]


def _check_shipped(ruleset: RuleSet, labels: dict[str, str], problems: list[Issue]) -> int:
    """Labels, statuses and proxy notes of the shipped rules; returns the labels compared."""
    checked = 0
    for rule in ruleset.rules:
        if rule.layer == 0:
            continue  # a local rule file is the user's: only its coverage counts
        where = Location(rule.source)
        account = rule.when.get("account")
        if set(rule.when) == {"account"} and account in labels:
            checked += 1
            if rule.label != labels[account]:
                problems.append(
                    Issue(
                        "rules-label-mismatch",
                        {
                            "rule": rule.id,
                            "account": account,
                            "label": rule.label,
                            "expected": labels[account],
                        },
                        location=where,
                        severity="error",
                    )
                )
        if rule.status not in FILE_STATUSES:
            problems.append(
                Issue(
                    "rules-status-unknown",
                    {"rule": rule.id, "status": rule.status, "allowed": ", ".join(FILE_STATUSES)},
                    location=where,
                    severity="error",
                )
            )
        if rule.proxy and not rule.note.strip():
            problems.append(
                Issue(
                    "rules-proxy-undocumented", {"rule": rule.id}, location=where, severity="error"
                )
            )
    return checked
