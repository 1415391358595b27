"""What ``achats factors check`` verifies in the mapping rules, beyond their structure.

The rule files of ``factors/mappings/`` are the source of truth: they are edited by hand, and
these checks keep them honest against the nomenclatures shipped with the package
(``factors/nomenclatures/``: the leaf accounts of classes 2 and 6 of the M57 2025 chart and of
the M14 2022 chart):

- every leaf account of each chart is reached by a rule (on itself or on a parent prefix), for
  a line of that nomenclature with no other information, whatever the layer that reaches it
  (only a warning when shipped rules stepped aside for the user's own factor sets);
- a shipped rule on an account alone (``when: {account: …}``, M57 label) or on an account and
  a nomenclature (``nomenclature: M14``, M14 label) that is a leaf carries the chart's label;
- a shipped rule's status is ``proposition`` or ``valide``, and an approximation (proxy) says
  why in its note.

Structure, unique ids and factor references are checked when the files are loaded
(:func:`~achats_durables.knowledge.mapping.load_mapping_rules`,
:func:`~achats_durables.knowledge.mapping.check_factors`). The cross-checks against the full
charts, the CPV 2008 and real ledgers, which the package does not ship, are tests.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from achats_durables.core.errors import FactorError, Issue, Location
from achats_durables.knowledge.assign import assign_rules
from achats_durables.knowledge.factors import factors_dir
from achats_durables.knowledge.rules import CONDITIONS, NO_RULE, RuleSet
from achats_durables.knowledge.validation import FILE_STATUSES, status_counts, validated_issues

# nomenclature → its leaf accounts of classes 2 and 6, under factors/
CHARTS = {
    "M57": Path("nomenclatures") / "m57-2025-comptes-classes-2-6.csv",
    "M14": Path("nomenclatures") / "m14-2022-comptes-classes-2-6.csv",
}
M57_LEAVES = CHARTS["M57"]
SHOWN_ACCOUNTS = 20  # unreached accounts named in the message


def leaf_accounts(path: Path | str | None = None) -> list[tuple[str, str, str]]:
    """(code, libellé, classe) of the leaf accounts of classes 2 and 6 (M57 by default)."""
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
class ChartCheck:
    """One chart's coverage: its leaf accounts, and those no rule reaches."""

    nomenclature: str  # "M57", "M14"
    path: str
    leaves: int
    unreached: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "nomenclature": self.nomenclature,
            "file": Path(self.path).name,
            "leaves": self.leaves,
            "unreached": list(self.unreached),
        }


@dataclass(frozen=True)
class RulesCheck:
    """The outcome of :func:`check_rules`: ``problems`` make ``achats factors check`` fail."""

    charts: tuple[ChartCheck, ...]
    labels_checked: int  # shipped account rules whose label was compared
    statuses: dict[str, int]  # rules by effective status (validation.status_counts)
    problems: tuple[Issue, ...]  # errors: the rules need fixing
    warnings: tuple[Issue, ...]  # ids of ``validated:`` naming no rule; gaps of set-aside rules

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "charts": [c.to_dict() for c in self.charts],
            "labels_checked": self.labels_checked,
            "statuses": dict(self.statuses),
            "problems": [i.to_dict(lang) for i in self.problems],
            "warnings": [i.to_dict(lang) for i in self.warnings],
        }


def check_rules(
    ruleset: RuleSet,
    validated: Collection[str] = (),
    *,
    charts: Mapping[str, Path | str] | None = None,
    config_path: str | None = None,
) -> RulesCheck:
    """Check ``ruleset`` against the shipped nomenclatures (see the module doc).

    ``charts``: nomenclature → leaf-account CSV (default: :data:`CHARTS` under ``factors/``).
    """
    paths = {k: Path(v) for k, v in (charts or {}).items()} or {
        k: factors_dir() / v for k, v in CHARTS.items()
    }
    problems: list[Issue] = []
    warnings = validated_issues(ruleset, validated, config_path)
    results: list[ChartCheck] = []
    labels: dict[str, dict[str, str]] = {}
    for nomenclature, path in paths.items():
        accounts = leaf_accounts(path)
        labels[nomenclature] = {code: label for code, label, _ in accounts}
        unreached = _unreached(ruleset, [code for code, _, _ in accounts], nomenclature)
        results.append(ChartCheck(nomenclature, str(path), len(accounts), tuple(unreached)))
        if unreached:
            # with the user's own factor sets, shipped rules step aside (rule_scope): their
            # gaps are the user's to fill, a warning; with the shipped rules complete, an error
            (warnings if ruleset.set_aside else problems).append(
                _unreached_issue(nomenclature, path, unreached, bool(ruleset.set_aside))
            )
    checked = _check_shipped(ruleset, labels, problems)
    return RulesCheck(
        charts=tuple(results),
        labels_checked=checked,
        statuses=status_counts(ruleset, validated),
        problems=tuple(problems),
        warnings=tuple(warnings),
    )


def _unreached(ruleset: RuleSet, codes: list[str], nomenclature: str) -> list[str]:
    """Accounts for which no rule wins on a line of ``nomenclature`` with nothing else known."""
    lines = pd.DataFrame({col: [""] * len(codes) for col in CONDITIONS})
    lines["account"] = codes
    lines["nomenclature"] = nomenclature
    winners = assign_rules(lines, ruleset)
    return [code for code, w in zip(codes, winners, strict=True) if w == NO_RULE]


def _unreached_issue(nomenclature: str, path: Path, unreached: list[str], aside: bool) -> Issue:
    shown = ", ".join(unreached[:SHOWN_ACCOUNTS])
    return Issue(
        "rules-leaf-unreached",
        {
            "count": len(unreached),
            "nomenclature": nomenclature,
            "accounts": shown + (" …" if len(unreached) > SHOWN_ACCOUNTS else ""),
        },
        location=Location(str(path)),
        severity="warning" if aside else "error",
    )


def _check_shipped(
    ruleset: RuleSet, labels: Mapping[str, Mapping[str, str]], problems: list[Issue]
) -> int:
    """Labels, statuses and proxy notes of the shipped rules; returns the labels compared."""
    checked = 0
    for rule in ruleset.rules:
        if rule.layer == 0:
            continue  # a local rule file is the user's: only its coverage counts
        where = Location(rule.source)
        account = rule.when.get("account", "")
        chart = labels.get(rule.when.get("nomenclature", "M57"), {})
        if set(rule.when) <= {"account", "nomenclature"} and account in chart:
            checked += 1
            if rule.label != chart[account]:
                nomenclature = rule.when.get("nomenclature", "M57")
                params = {"rule": rule.id, "account": account, "label": rule.label}
                problems.append(
                    Issue(
                        "rules-label-mismatch",
                        {**params, "expected": chart[account], "nomenclature": nomenclature},
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
