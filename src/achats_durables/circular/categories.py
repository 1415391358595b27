"""Which AGEC category each line belongs to: the category rules over the goods lines.

Only goods count: purchases (accounts 60…) and fixed assets (21…, 23…), or lines without an
account (a CPV or a label says what they are). Services (61…, 62…), staff, grants and the rest
are no acquisition of goods. Lines left out of the footprint's perimeter (rejected, skipped,
excluded — intra-group flows among them) are left out here too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from achats_durables.footprint.rule_table import condition_columns
from achats_durables.knowledge.assign import assign_rules
from achats_durables.knowledge.rules import NO_RULE, RuleSet

GOODS_ACCOUNTS = ("60", "21", "23")
IN_SCOPE = ("mapped", "unmapped", "unquantified")


@dataclass(frozen=True)
class LineCategories:
    goods: np.ndarray  # bool: a goods line of the perimeter
    category: np.ndarray  # object: the category, "" if none
    rule: np.ndarray  # object: the winning rule's id, "" if none
    excluded: np.ndarray  # object: the reason of an ``exclude`` rule, ""


def goods_lines(lines: pd.DataFrame) -> np.ndarray:
    """The goods lines of the footprint's perimeter (see the module doc)."""
    status = lines["status"].astype(str).to_numpy()
    account = lines["account"].astype(str)
    goods = account.str.startswith(GOODS_ACCOUNTS).to_numpy() | (account == "").to_numpy()
    activity = lines["activity_line"].to_numpy(dtype=bool) if "activity_line" in lines else False
    return np.isin(status, IN_SCOPE) & goods & ~activity


def line_categories(lines: pd.DataFrame, ruleset: RuleSet) -> LineCategories:
    """Each goods line's category and rule (vectorised: :func:`assign_rules`)."""
    goods = goods_lines(lines)
    n = len(lines)
    category = np.full(n, "", dtype=object)
    rule = np.full(n, "", dtype=object)
    excluded = np.full(n, "", dtype=object)
    if not goods.any():
        return LineCategories(goods, category, rule, excluded)
    ranked = ruleset.ranked()
    sub = lines.loc[goods]
    winner = assign_rules(condition_columns(sub, sub["cpv_used"]), ruleset)
    table_cat = np.array([r.category for r in ranked] + [""], dtype=object)
    table_id = np.array([r.id for r in ranked] + [""], dtype=object)
    table_ex = np.array([r.exclude or "" for r in ranked] + [""], dtype=object)
    w = np.where(winner == NO_RULE, len(ranked), winner)
    category[goods] = table_cat[w]
    rule[goods] = table_id[w]
    excluded[goods] = table_ex[w]
    return LineCategories(goods, category, rule, excluded)
