"""The BEGES v5 table (issue 14): every post 1.1 to 6.1 with its tCO2e where the tool computes
it, « non évalué par cet outil » elsewhere, and the GHG Protocol scope 3 category of each.

A post is « évalué » when the factor sets or the rules loaded can put emissions in it (the
posts of their factors, of their upstream parts, of the rules, and 4.2 for capital goods): its
figure is then the footprint's, 0 when no line falls in it. Figures come from the report's
« par poste BEGES » table, so the evaluated posts add up to the footprint's total.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from achats_durables.footprint.report import TableRow
from achats_durables.knowledge.beges import v5_posts
from achats_durables.knowledge.factors import FactorSet
from achats_durables.knowledge.mapping import RuleSet


def evaluated_posts(factor_sets: Sequence[FactorSet], rules: RuleSet) -> set[str]:
    """The posts the loaded factor sets and rules can put emissions in."""
    posts = {"4.2"}  # capital goods (class 2) go to 4.2 whatever their factor
    for fs in factor_sets:
        for f in fs.factors.values():
            posts.update(p for p in (f.beges, f.upstream_beges) if p)
    posts.update(r.beges for r in rules.rules if r.beges)
    return posts


def beges_v5_table(
    by_post: Sequence[TableRow], factor_sets: Sequence[FactorSet], rules: RuleSet
) -> list[dict[str, Any]]:
    """One record per post, in the order of the method (raw figures; labels added by
    :meth:`FootprintReport.to_dict` in the report's language)."""
    rows = {r.key: r for r in by_post}
    evaluated = evaluated_posts(factor_sets, rules) | set(rows)
    out = []
    for p in v5_posts():
        row = rows.get(p.post)
        known = p.post in evaluated
        out.append(
            {
                "post": p.post,
                "category": p.category,
                "scope": p.scope,
                "ghg_protocol_category": p.ghg_category or None,
                "evaluated": known,
                "emissions_tco2e": (row.emissions_tco2e if row else 0.0) if known else None,
                "uncertainty_tco2e": (row.uncertainty_tco2e if row else 0.0) if known else None,
                "spend_excl_vat_eur": (row.spend_excl_vat_eur if row else 0.0) if known else None,
            }
        )
    return out
