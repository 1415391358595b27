"""The library calls behind ``achats factors rules`` and ``achats factors check``: what the
CLI renders (``writers/factors.py``), as data."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from achats_durables.knowledge.factor_listing import FactorsCheck, RulesListing
from achats_durables.knowledge.factors import load_price_index, merge_factors
from achats_durables.knowledge.mapping import check_factors
from achats_durables.knowledge.rule_checks import check_rules
from achats_durables.knowledge.rule_scope import set_aside_issues
from achats_durables.knowledge.validation import rule_rows, validated_issues
from achats_durables.operations.pipeline import load_setup


def rules_job(
    config: Path | None,
    mappings: Sequence[Path],
    *,
    propositions: bool = False,
    proxies: bool = False,
    exclusions: bool = False,
    agec: bool = False,
) -> RulesListing:
    """The rules in the order they apply, filtered, with their effective status (``agec``: the
    AGEC art. 58 category rules, the config's own files first)."""
    setup = load_setup(config, [], [] if agec else list(mappings))
    validated = setup.config.validated_rules
    ruleset = setup.rules
    if agec:
        from achats_durables.knowledge.agec import load_agec_rules, load_declaration

        user = [*mappings, *(setup.config.resolve(r) for r in setup.config.agec.rules)]
        ruleset = load_agec_rules(load_declaration(), user).ruleset
    rows = rule_rows(
        ruleset,
        frozenset(validated),
        propositions=propositions,
        proxies=proxies,
        exclusions=exclusions,
        factor_labels={f.id: f.label for f in merge_factors(setup.factor_sets).values()},
    )
    issues = [] if agec else validated_issues(setup.rules, validated, setup.config.path)
    return RulesListing(rows, issues, agec=agec)


def check_job(
    config: Path | None, factors: Sequence[Path], mappings: Sequence[Path]
) -> FactorsCheck:
    """Load and cross-check everything; a structural fault raises (exit 3), chart faults are
    returned as problems."""
    setup = load_setup(config, list(factors), list(mappings))
    sets, rules = setup.factor_sets, setup.rules
    index = load_price_index()
    check_factors(rules, merge_factors(sets), [s.id for s in sets])
    checked = check_rules(
        rules, frozenset(setup.config.validated_rules), config_path=setup.config.path
    )
    return FactorsCheck(list(sets), index, rules, set_aside_issues(rules), checked)
