"""Which shipped rules apply with the factor sets loaded.

The shipped rule files (layer 1) name the shipped factor sets (``factor_set:`` at the top of each
file, physical factors in ``physical:``). When the user replaces the factor sets (``--factors``,
``factors:`` in ``achats.yaml``) with their own — another Base Carbone version, a regional set —
the shipped rules that refer to sets or factors no longer loaded step aside, while the shipped
scope exclusions (personnel, taxes, financial charges…: rules with ``exclude:``, which name no
factor) stay:

- a shipped file whose ``factor_set`` is not loaded: all its rules that name a factor;
- a shipped rule whose ``factor`` is absent from the loaded sets: that rule;
- a ``physical:`` reference of a shipped rule to an absent physical factor: that reference only
  (the rule keeps its factor or its exclusion; the line is then computed from its spend).

The report says so once (issue ``shipped-rules-set-aside``). The user's own rules (layer 0) are
never set aside: one that names an absent factor stays an error (:func:`mapping.check_factors`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from achats_durables.core.errors import Issue
from achats_durables.core.text import quantity_ratio
from achats_durables.knowledge.factors import FactorSet, merge_factors
from achats_durables.knowledge.mapping import Rule, RuleSet, SetAside

SHIPPED = 1


def restrict_rules(ruleset: RuleSet, factor_sets: Sequence[FactorSet]) -> RuleSet:
    """``ruleset`` without the shipped rules whose factor sets or factors are not loaded."""
    loaded = {fs.id for fs in factor_sets}
    factors = merge_factors(factor_sets)
    orphan_files = {
        f.path
        for f in ruleset.files
        if f.layer == SHIPPED and f.factor_set and f.factor_set not in loaded
    }
    by_file: dict[str, tuple[int, int, set[str]]] = {}

    def note(source: str, rules: int, physical: int, *missing: str) -> None:
        n_rules, n_physical, names = by_file.get(source, (0, 0, set()))
        by_file[source] = (n_rules + rules, n_physical + physical, names | set(missing))

    set_of = {f.path: f.factor_set for f in ruleset.files}
    kept: list[Rule] = []
    for rule in ruleset.rules:
        if rule.layer != SHIPPED:
            kept.append(rule)
        elif rule.factor is not None and rule.source in orphan_files:
            note(rule.source, 1, 0, set_of[rule.source])
        elif rule.factor is not None and rule.factor not in factors:
            note(rule.source, 1, 0, rule.factor)
        else:
            absent = {
                unit: fid
                for unit, fid in rule.physical.items()
                if fid not in factors
                or factors[fid].kind != "physical"
                or quantity_ratio(unit, factors[fid].physical_unit) is None
            }
            if absent:
                note(rule.source, 0, len(absent), *absent.values())
                physical = {u: f for u, f in rule.physical.items() if u not in absent}
                rule = replace(rule, physical=physical)
            kept.append(rule)
    if not by_file:
        return ruleset
    remaining = {f.path: sum(1 for r in kept if r.source == f.path) for f in ruleset.files}
    files = tuple(replace(f, rules=remaining[f.path]) for f in ruleset.files if remaining[f.path])
    aside = tuple(
        SetAside(Path(src).name, n_rules, n_physical, tuple(sorted(names)))
        for src, (n_rules, n_physical, names) in by_file.items()
    )
    return RuleSet(rules=tuple(kept), files=files, set_aside=ruleset.set_aside + aside)


def set_aside_issues(ruleset: RuleSet) -> list[Issue]:
    """One info issue naming the shipped files set aside and their rule counts (or none)."""
    aside = ruleset.set_aside
    if not aside:
        return []
    missing = sorted({m for a in aside for m in a.missing})
    shown = ", ".join(missing[:8]) + (f" … (+{len(missing) - 8})" if len(missing) > 8 else "")
    return [
        Issue(
            "shipped-rules-set-aside",
            {
                "count": sum(a.rules for a in aside),
                "files": ", ".join(f"{a.file} ({a.rules})" for a in aside if a.rules) or "—",
                "physical": sum(a.physical for a in aside),
                "missing": shown,
            },
            severity="info",
        )
    ]
