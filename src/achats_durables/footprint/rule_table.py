"""The rules as small tables: one entry per ranked rule, and a last one for « no rule ».

Each line's winning rule is an index into these tables, so a per-line value (factor, exclusion,
VAT rate, uncertainty…) is one gather, ``table.field[w]``, never a loop over lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from achats_durables.knowledge.assign import assign_rules
from achats_durables.knowledge.rules import NO_RULE, Rule, RuleSet
from achats_durables.knowledge.validation import is_pending


@dataclass(frozen=True)
class RuleTable:
    """Per-rule values, in the order of ``RuleSet.ranked()``; the last entry is « no rule »."""

    ranked: list[Rule]
    factor_ids: list[str]  # the monetary factors the rules name, sorted
    ids: np.ndarray  # rule id ("" for no rule)
    factor: np.ndarray  # index into ``factor_ids``, −1 if none
    exclude: np.ndarray  # exclusion reason ("" if the rule does not exclude)
    proxy: np.ndarray
    uncertainty: np.ndarray  # NaN: the factor's
    vat_rate: np.ndarray  # the category's VAT rate, NaN if none
    beges: np.ndarray  # "" : the factor's post
    proposition: np.ndarray  # the rule is still a proposition to validate
    quantify: np.ndarray  # energy: to be quantified, never counted from its spend

    @classmethod
    def of(cls, ranked: list[Rule], validated: frozenset[str] = frozenset()) -> RuleTable:
        """The tables of ``ranked`` rules."""
        none: list[object] = [None]
        factor_ids = sorted({r.factor for r in ranked if r.factor})
        factor_pos = {f: i for i, f in enumerate(factor_ids)}
        return cls(
            ranked=ranked,
            factor_ids=factor_ids,
            ids=np.array([r.id for r in ranked] + [""], dtype=object),
            factor=np.array([factor_pos.get(r.factor or "", -1) for r in ranked] + [-1]),
            exclude=np.array([r.exclude or "" for r in ranked] + [""], dtype=object),
            proxy=np.array([r.proxy for r in ranked] + [False], dtype=bool),
            uncertainty=np.array(
                [np.nan if r.uncertainty is None else r.uncertainty for r in ranked] + none,
                dtype=float,
            ),
            vat_rate=np.array(
                [np.nan if r.vat_rate is None else r.vat_rate for r in ranked] + none, dtype=float
            ),
            beges=np.array([r.beges or "" for r in ranked] + [""], dtype=object),
            # « à valider »: status proposition, not confirmed in achats.yaml (knowledge.validation)
            proposition=np.array([is_pending(r, validated) for r in ranked] + [False], dtype=bool),
            quantify=np.array([r.quantify for r in ranked] + [False], dtype=bool),
        )


def condition_columns(lines: pd.DataFrame, cpv: pd.Categorical | pd.Series) -> pd.DataFrame:
    """The columns the rule conditions test (``cpv``: the one used, maybe the contract's)."""
    return pd.DataFrame(
        {
            "account": lines["account"],
            "cpv": cpv,
            "supplier_siret": lines["supplier_siret"],
            "label": lines["label"],
            "supplier": lines["supplier"],
            "entity": lines["entity"],
            "contract": lines["contract_ref"],
            "nomenclature": lines["nomenclature"],
        }
    )


def winning_rules(
    lines: pd.DataFrame, cpv_used: pd.Categorical, rules: RuleSet, ok: np.ndarray, no_rule: int
) -> np.ndarray:
    """Per line, the index of its winning rule; ``no_rule`` (the last entry) if none or not ``ok``."""
    winner = assign_rules(condition_columns(lines, cpv_used), rules)
    winner[~ok] = NO_RULE
    return np.where(winner == NO_RULE, no_rule, winner)
