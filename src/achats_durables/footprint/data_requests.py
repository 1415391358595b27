"""The data-request list: suppliers to ask for their own carbon figure, the largest first.

The counted lines computed with a sector ratio or a proxy (no supplier figure, no quantity)
are summed by supplier: its SIREN (the first 9 digits of the SIRET), else its name (SIREN
``""``); lines with neither are left out. The top :data:`TOP` by tCO2e (then SIREN, then name)
come with their spend, share of the total, lines and main categories (the factor labels that
weigh most). Always computed: without a supplier file it is where to start.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

TOP = 20
CATEGORIES = 3  # factor labels shown per supplier
SEPARATOR = " ; "


def data_requests(lines: pd.DataFrame) -> list[dict[str, Any]]:
    """The suppliers to ask for data (see module doc); ``categories`` as a list of labels."""
    mapped = (lines["status"] == "mapped").to_numpy(dtype=bool)
    total_kg = float(lines["emissions_kgco2e"].to_numpy(dtype="float64")[mapped].sum())
    method = lines["method"].astype(object).to_numpy()
    sel = mapped & np.isin(method, ["ratio", "proxy"])
    siret = lines["supplier_siret"].astype(object).where(lines["supplier_siret"].notna(), "")
    name = lines["supplier"].astype(object).where(lines["supplier"].notna(), "")
    siren = siret.astype(str).str.strip().str.slice(0, 9)
    siren = siren.where(siren.str.fullmatch(r"\d{9}"), "")
    name = name.astype(str).str.strip()
    frame = pd.DataFrame(
        {
            "siren": siren.to_numpy(dtype=object),
            "name": name.to_numpy(dtype=object),
            "spend": lines["amount_excl_vat_eur"].to_numpy(dtype="float64"),
            "kg": lines["emissions_kgco2e"].to_numpy(dtype="float64"),
            "label": lines["factor_label"].astype(object).to_numpy(),
        }
    )[sel]
    frame = frame[(frame["siren"] != "") | (frame["name"] != "")]
    if frame.empty:
        return []
    frame["key"] = np.where(frame["siren"] != "", frame["siren"], "\x00" + frame["name"])
    groups = frame.groupby("key", sort=False)
    sums = groups.agg(
        siren=("siren", "first"),
        name=("name", "first"),
        spend=("spend", "sum"),
        kg=("kg", "sum"),
        lines=("kg", "size"),
    )
    sums["t"] = (sums["kg"] / 1000).round(6)
    sums = sums.sort_values(["t", "siren", "name"], ascending=[False, True, True]).head(TOP)
    labels = _top_labels(frame[frame["key"].isin(sums.index)])
    return [
        {
            "siren": str(siren),
            "name": str(supplier),
            "spend_excl_vat_eur": round(float(spend), 2),
            "emissions_tco2e": float(t),
            "share_of_total": round(float(kg) / total_kg, 6) if total_kg else 0.0,
            "lines": int(count),
            "categories": labels.get(str(key), []),
        }
        for key, siren, supplier, spend, kg, count, t in sums.itertuples()
    ]


def _top_labels(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Per supplier key: its :data:`CATEGORIES` factor labels of most tCO2e."""
    by_label = frame.groupby(["key", "label"], sort=False)["kg"].sum().reset_index()
    by_label = by_label.sort_values(["key", "kg", "label"], ascending=[True, False, True])
    top = by_label.groupby("key", sort=False).head(CATEGORIES)
    return {str(k): [str(v) for v in g["label"]] for k, g in top.groupby("key", sort=False)}
