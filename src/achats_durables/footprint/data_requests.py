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

from achats_durables.core.frames import map_distinct

TOP = 20
CATEGORIES = 3  # factor labels shown per supplier
SEPARATOR = " ; "


def data_requests(lines: pd.DataFrame) -> list[dict[str, Any]]:
    """The suppliers to ask for data (see module doc); ``categories`` as a list of labels.

    SIRENs and names are cleaned once per distinct value; the lines on a ratio or a proxy are
    summed by an integer supplier key (its SIREN, else its name), and only the top suppliers'
    lines are grouped by category."""
    mapped = (lines["status"] == "mapped").to_numpy(dtype=bool)
    total_kg = float(lines["emissions_kgco2e"].to_numpy(dtype="float64")[mapped].sum())
    sel = mapped & lines["method"].isin(["ratio", "proxy"]).to_numpy(dtype=bool)
    siren = map_distinct(lines["supplier_siret"], _siren)[sel]
    name = map_distinct(lines["supplier"], _name)[sel]
    named = (siren != "") | (name != "")
    if not named.any():
        return []
    siren, name = siren[named], name[named]
    key_text = np.where(siren != "", siren, "\x00" + name.astype(object))
    key, uniques = pd.factorize(key_text)
    spend = lines["amount_excl_vat_eur"].to_numpy(dtype="float64")[sel][named]
    kg = lines["emissions_kgco2e"].to_numpy(dtype="float64")[sel][named]
    n = len(uniques)
    first = np.full(n, -1, dtype=np.int64)
    first[key[::-1]] = np.arange(len(key))[::-1]  # each key's first line
    sums = pd.DataFrame(
        {
            "siren": siren[first],
            "name": name[first],
            "spend": np.bincount(key, weights=spend, minlength=n),
            "kg": np.bincount(key, weights=kg, minlength=n),
            "lines": np.bincount(key, minlength=n),
        },
        index=pd.Index(uniques, dtype=object),
    )
    sums["t"] = (sums["kg"] / 1000).round(6)
    sums = sums.sort_values(["t", "siren", "name"], ascending=[False, True, True]).head(TOP)
    top = np.isin(key, pd.Index(uniques).get_indexer(sums.index))
    label = map_distinct(lines["factor_label"], _as_text)[sel][named]
    labels = _top_labels(pd.DataFrame({"key": key_text[top], "label": label[top], "kg": kg[top]}))
    return [
        {
            "siren": str(s_),
            "name": str(supplier),
            "spend_excl_vat_eur": round(float(total), 2),
            "emissions_tco2e": float(t),
            "share_of_total": round(float(k) / total_kg, 6) if total_kg else 0.0,
            "lines": int(count),
            "categories": labels.get(str(k_), []),
        }
        for k_, s_, supplier, total, k, count, t in sums.itertuples()
    ]


def _as_text(values: pd.Series) -> pd.Series:
    return values.where(values.notna(), "").astype(str)


def _name(values: pd.Series) -> pd.Series:
    return _as_text(values).str.strip()


def _siren(values: pd.Series) -> pd.Series:
    """The SIREN of a SIRET (its first 9 digits), "" when it has none."""
    siren = _name(values).str.slice(0, 9)
    return siren.where(siren.str.fullmatch(r"\d{9}"), "")


def _top_labels(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Per supplier key: its :data:`CATEGORIES` factor labels of most tCO2e."""
    by_label = frame.groupby(["key", "label"], sort=False)["kg"].sum().reset_index()
    by_label = by_label.sort_values(["key", "kg", "label"], ascending=[True, False, True])
    top = by_label.groupby("key", sort=False).head(CATEGORIES)
    return {str(k): [str(v) for v in g["label"]] for k, g in top.groupby("key", sort=False)}
