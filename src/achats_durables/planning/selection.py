"""Which footprint lines a plan selector reaches: the mapping-rule conditions (evaluated by the
rule engine, :func:`~achats_durables.knowledge.assign.assign_rules`, as for the footprint's
own rules), plus the line's factor and BEGES post."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from achats_durables.core.text import fold
from achats_durables.footprint.rule_table import condition_columns
from achats_durables.knowledge.assign import assign_rules
from achats_durables.knowledge.rules import NO_RULE, PATTERNS, STRUCTURED, Rule, RuleSet

CONDITIONS = (*STRUCTURED, *PATTERNS)


def condition_frame(lines: pd.DataFrame) -> pd.DataFrame:
    """The columns the rule conditions test, as the footprint builds them (CPV: the one used)."""
    return condition_columns(lines, lines["cpv_used"])


def select(lines: pd.DataFrame, conditions: pd.DataFrame, when: dict[str, str]) -> np.ndarray:
    """The lines ``when`` selects (every condition given must hold)."""
    mask = np.ones(len(lines), dtype=bool)
    rule_when = {k: v for k, v in when.items() if k in CONDITIONS}
    if rule_when:
        rule = Rule(
            id="plan",
            when=rule_when,
            factor=None,
            exclude=None,
            proxy=False,
            uncertainty=None,
            status="valide",
            note="",
            label="",
            beges=None,
            vat_rate=None,
            layer=0,
            order=0,
            source="plan",
            patterns={k: re.compile(fold(v)) for k, v in rule_when.items() if k in PATTERNS},
        )
        mask &= assign_rules(conditions, RuleSet(rules=(rule,), files=())) != NO_RULE
    if "factor" in when:
        mask &= (lines["factor"].astype(object) == when["factor"]).to_numpy(dtype=bool)
    if "beges" in when:
        mask &= (lines["beges_post"].astype(object) == when["beges"]).to_numpy(dtype=bool)
    return mask
