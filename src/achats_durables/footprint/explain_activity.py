"""``achats explain`` for a ledger line whose ratio an activity-data row replaced: which rows,
what they count, and the share of it the line carries (its spend over the spend covered).

The steps are (message code, raw values) pairs, that :mod:`.explain` makes its steps of."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

StepData = tuple[str, dict[str, Any]]


def activity_steps(line: pd.Series, activities: list[dict[str, Any]]) -> list[StepData]:
    """The steps of a covered line: the rows that replaced its spend, then its share."""
    refs = [r.strip() for r in str(line["activity_ref"]).split(", ") if r.strip()]
    rows = [a for a in activities if a["ref"] in refs]
    group_t = sum(a["emissions_tco2e"] for a in rows)
    group_spend = rows[0]["spend_replaced_eur"] if rows else 0.0
    described = [
        {
            "file": Path(a["path"]).name,
            "sheet": a["sheet"],
            "row": a["row"],
            "quantity": a["quantity"],
            "unit": a["unit"],
            "label": a["factor_label"],
            "factor_value": a["factor_value"],
            "factor_unit": a["factor_unit"],
            "tco2e": a["emissions_tco2e"],
        }
        for a in rows
    ]
    steps: list[StepData] = [
        (
            "explain-step-activity",
            {"rows": described, "group_tco2e": group_t, "group_spend": group_spend},
        )
    ]
    spend = float(line["amount_excl_vat_eur"])
    if group_spend > 0:
        steps.append(
            (
                "explain-step-activity-share",
                {
                    "line_spend": spend,
                    "group_spend": group_spend,
                    "share": spend / group_spend,
                    "line_kg": float(line["emissions_kgco2e"]),
                    "line_uncertainty": float(line["uncertainty_rel"]),
                    "post": str(line["beges_post"]),
                },
            )
        )
    else:  # nothing positive to spread over: the rows count on lines of their own
        steps.append(("explain-step-activity-alone", {"group_spend": group_spend}))
    return steps
