"""The peer table (issue 14 item 4): each entity of a multi-entity ledger (the communes of a
DGFiP balance) beside its peers, per inhabitant when a population file is given.

For each entity: its tCO2e, kgCO2e per inhabitant, its rank (1 = the lowest) and the median of
the OTHER entities on the same measure, and the three categories (factor labels) where it stands
furthest above that median (per inhabitant: emissions of the category ÷ population). Built from
the counted lines, grouped once by entity and category.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.text import fold
from achats_durables.ledger.populations import Population

TOP_CATEGORIES = 3


def peer_table(lines: pd.DataFrame, populations: Sequence[Population]) -> dict[str, Any] | None:
    """The ``peers`` block of the JSON (None without a population file or with one entity)."""
    if not populations:
        return None
    frame = _counted(lines)
    entities = frame.groupby("entity", sort=True).agg(kg=("kg", "sum"), siren=("siren", "first"))
    if len(entities) < 2:
        return None
    names = [str(n) for n in entities.index]
    pops = [
        _population(n, str(s), populations) for n, s in zip(names, entities["siren"], strict=True)
    ]
    per_inhabitant = all(p is not None for p in pops)
    # per inhabitant when every entity has its population, else in tCO2e
    scale = (
        np.array([p.value if p else 1 for p in pops], dtype=float)
        if per_inhabitant
        else np.full(len(pops), 1000.0)
    )
    kg = entities["kg"].to_numpy(dtype="float64")
    measure = kg / scale
    by_cat = frame.pivot_table(
        index="entity", columns="category", values="kg", aggfunc="sum", fill_value=0.0
    ).reindex(entities.index, fill_value=0.0)
    cat_measure = by_cat.to_numpy(dtype="float64") / scale[:, None]
    rank = np.empty(len(measure), dtype=int)
    rank[measure.argsort(kind="stable")] = np.arange(1, len(measure) + 1)
    categories = [str(c) for c in by_cat.columns]
    rows = [
        _row(i, names[i], str(entities["siren"].iloc[i]), kg[i], pops[i], measure, cat_measure,
             categories, int(rank[i]))
        for i in range(len(names))
    ]  # fmt: skip
    return {
        "measure": "kgco2e_per_inhabitant" if per_inhabitant else "tco2e",
        "entities": len(rows),
        "without_population": [n for n, p in zip(names, pops, strict=True) if p is None],
        "rows": sorted(rows, key=lambda r: r["rank"]),
    }


def _counted(lines: pd.DataFrame) -> pd.DataFrame:
    counted = lines[(lines["status"] == "mapped").to_numpy(dtype=bool)]
    return pd.DataFrame(
        {
            "entity": counted["entity"].astype(object).fillna("").astype(str).to_numpy(),
            "siren": counted["entity_id"].astype(object).fillna("").astype(str).str[:9].to_numpy(),
            "category": counted["factor_label"].astype(object).fillna("").astype(str).to_numpy(),
            "kg": counted["emissions_kgco2e"].to_numpy(dtype="float64"),
        }
    )


def _row(
    i: int,
    name: str,
    siren: str,
    kg: float,
    pop: Population | None,
    measure: np.ndarray,
    cat_measure: np.ndarray,
    categories: list[str],
    rank: int,
) -> dict[str, Any]:
    """One entity against the median of the others, and where it stands furthest above it."""
    others = np.delete(np.arange(len(measure)), i)
    gaps = cat_measure[i] - np.median(cat_measure[others], axis=0)
    top = [int(j) for j in np.argsort(-gaps, kind="stable")[:TOP_CATEGORIES] if gaps[j] > 0]
    return {
        "entity": name,
        "siren": siren,
        "population": None
        if pop is None
        else {"value": pop.value, "source": pop.source, "year": pop.year},
        "emissions_tco2e": round(float(kg) / 1000, 6),
        "kgco2e_per_inhabitant": round(float(kg) / pop.value, 3) if pop else None,
        "rank": rank,
        "peers_median": round(float(np.median(measure[others])), 6),
        "above_median": [
            {
                "category": categories[j],
                "value": round(float(cat_measure[i, j]), 6),
                "peers_median": round(float(cat_measure[i, j] - gaps[j]), 6),
                "gap": round(float(gaps[j]), 6),
            }
            for j in top
        ],
    }


def _population(name: str, siren: str, populations: Sequence[Population]) -> Population | None:
    """The population row of an entity: by its SIREN, else by its exact name."""
    for p in populations:
        if p.siren and p.siren == siren:
            return p
    key = fold(name).strip()
    return next((p for p in populations if p.name and fold(p.name).strip() == key), None)
