"""Method shares and data quality (issue 12 item 5): tCO2e and spend per method, measured share.

Every line carries its method (``footprint.compute.METHODS``). The ``by_method`` table sums the
counted lines by method, in the order of the hierarchy, and adds the spend HT of the lines in
scope that the total leaves out (unmapped, to quantify) as « not_counted », with 0 tCO2e. The
totals and the reconciliation are not touched: they stay on the counted lines.

The data-quality score is the share of the total emissions resting on measured data: a
supplier's own figure, a physical quantity read, an activity-data row. A quantity estimated from
the spend (spend ÷ a price) moves with euros only, so it is not measured.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from achats_durables.footprint.report import DataQuality, MethodRow, TableRow
from achats_durables.footprint.tables import group_table

# the rows of by_method, in this order (a method with no line is left out)
METHOD_ORDER = (
    "supplier",
    "quantity",
    "activity",
    "quantity_estimated",
    "ratio",
    "proxy",
    "not_counted",
)
# the methods whose emissions follow what is bought, not only what is spent
MEASURED_METHODS = ("supplier", "quantity", "activity")
NOT_COUNTED = "not_counted"


def method_table(
    lines: pd.DataFrame, mapped: pd.DataFrame, e_kg: np.ndarray, ue: np.ndarray
) -> list[MethodRow]:
    """``by_method``: the counted lines by method, then the spend HT not counted, with shares.

    ``lines``: every annotated line (the lines not counted are those of method « not_counted »);
    ``mapped``: the counted lines, ``e_kg`` their emissions and ``ue`` their uncertainty × emissions.
    """
    spend = mapped["amount_excl_vat_eur"].to_numpy(dtype="float64")
    counted = group_table(mapped["method"], mapped["error_group"], spend, e_kg, ue)
    by_key: dict[str, TableRow] = {r.key: r for r in counted}
    left_out = lines["method"].to_numpy(dtype=object) == NOT_COUNTED
    if left_out.any():
        ht = lines["amount_excl_vat_eur"].to_numpy(dtype="float64")[left_out]
        by_key[NOT_COUNTED] = TableRow(
            NOT_COUNTED, NOT_COUNTED, round(float(ht.sum()), 2), 0.0, 0.0
        )
    rows = [by_key[k] for k in METHOD_ORDER if k in by_key]
    # a method the order does not know (none today) keeps its row, after the known ones
    rows += [r for r in counted if r.key not in METHOD_ORDER]
    total_t = float(sum((r.emissions_tco2e for r in rows), 0.0))
    total_eur = float(sum((r.spend_excl_vat_eur for r in rows), 0.0))
    return [
        MethodRow(
            key=r.key,
            label=r.label,
            spend_excl_vat_eur=r.spend_excl_vat_eur,
            emissions_tco2e=r.emissions_tco2e,
            uncertainty_tco2e=r.uncertainty_tco2e,
            emissions_share=round(r.emissions_tco2e / total_t, 6) if total_t else 0.0,
            spend_share=round(r.spend_excl_vat_eur / total_eur, 6) if total_eur else 0.0,
        )
        for r in rows
    ]


def data_quality(rows: list[MethodRow]) -> DataQuality:
    """The measured share of the emissions and its parts, from the ``by_method`` rows."""

    def tco2e(*keys: str) -> float:
        return float(sum((r.emissions_tco2e for r in rows if r.key in keys), 0.0))

    def spend(*keys: str) -> float:
        return float(sum((r.spend_excl_vat_eur for r in rows if r.key in keys), 0.0))

    total = tco2e(*(r.key for r in rows))
    measured = tco2e(*MEASURED_METHODS)
    return DataQuality(
        score=round(measured / total, 6) if total else 0.0,
        emissions_measured_tco2e=round(measured, 6),
        spend_measured_eur=round(spend(*MEASURED_METHODS), 2),
        emissions_ratio_tco2e=round(tco2e("ratio"), 6),
        emissions_proxy_tco2e=round(tco2e("proxy"), 6),
        spend_not_counted_eur=round(spend(NOT_COUNTED), 2),
    )
