"""Targets of the clause report and the PNAD check per notification year (DESIGN §8).

- **PNAD 2022-2025**: share of the contracts *notified during the year* with at least one
  environmental / social consideration, one check per notification year (never pooled).
- The loi Climat et résilience check is in :mod:`clauses_climat`, the SPASER one in
  :mod:`clauses_spaser`.

Checks are :class:`Row` objects: numbers and codes, with their texts rendered from
:mod:`messages` in the language asked for (``Row.to_dict(lang)``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.i18n.messages import render

PNAD_TARGET_YEAR = 2025  # the PNAD 2022-2025 targets are for 2025; no yearly milestone published
# Source: ../shared/reference/spaser_et_pnad.md § 3 and reference_figures.md § 1 (100 % / 30 %).


@dataclass(frozen=True)
class ClauseTargets:
    """Targets: PNAD 2022-2025, loi Climat et résilience art. 35, SPASER threshold (D. 2111-3)."""

    environmental: float = 1.0
    social: float = 0.30
    climat_date: dt.date = dt.date(2026, 8, 21)
    spaser_threshold_eur: float = 50_000_000.0
    buyer_kind: str = "local"  # "local": collectivités and their établissements; "central": État


# --- rows with texts rendered per language ----------------------------------------------------

Text = tuple[tuple[str, Mapping[str, Any]], ...]


@dataclass(frozen=True)
class Row:
    """A check or a listed contract: ``data`` (numbers, codes) and texts keyed by field name.

    ``data`` holds a ``None`` placeholder for each text field, so the JSON keeps its key order.
    """

    data: Mapping[str, Any]
    texts: Mapping[str, Text] = field(default_factory=dict)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        out = dict(self.data)
        for key, parts in self.texts.items():
            out[key] = " ".join(render(code, lang, **p) for code, p in parts)
        return out


def has_value(column: pd.Series, value: str) -> np.ndarray:
    """Which cells of a ``|``-joined considerations column hold ``value``."""
    cells = "|" + column.astype(object).fillna("").astype(str) + "|"
    return np.asarray(cells.str.contains(f"|{value}|", regex=False), dtype=bool)


# --- PNAD per notification year ---------------------------------------------------------------


def pnad_checks(frame: pd.DataFrame, targets: ClauseTargets) -> list[Row]:
    """One check per notification year seen and per kind, on that year's contracts only."""
    years = frame["year"].to_numpy(dtype="float64")
    seen: list[int | None] = [int(y) for y in np.unique(years[~np.isnan(years)])]
    if np.isnan(years).any():
        seen.append(None)
    rows: list[Row] = []
    for kind, flag_col, target in (
        ("environmental", "has_environmental", targets.environmental),
        ("social", "has_social", targets.social),
    ):
        flags = frame[flag_col].to_numpy(dtype=bool)
        for year in seen:
            sel = np.isnan(years) if year is None else years == year
            n = int(sel.sum())
            k = int((flags & sel).sum())
            rows.append(_pnad_row(kind, year, target, n, k))
    return rows


def _pnad_row(kind: str, year: int | None, target: float, n: int, k: int) -> Row:
    """The PNAD check of one kind and notification year: ``k`` of the ``n`` contracts with it."""
    share = round(k / n, 6) if n else 0.0
    gap = max(0, math.ceil(target * n - 1e-9) - k)
    met = None if year is None else bool(share >= target - 1e-9)
    detail: list[tuple[str, Mapping[str, Any]]] = [
        (
            "clauses-pnad-detail" if gap else "clauses-pnad-detail-met",
            {
                "year": year,
                "with_count": k,
                "contracts": n,
                "gap": gap,
                "target_pct": target,
            },
        )
    ]
    if year is None:
        detail = [("clauses-pnad-unknown-year", {"contracts": n})]
    elif year < PNAD_TARGET_YEAR:
        detail.append(("clauses-pnad-before-target-year", {"target_year": PNAD_TARGET_YEAR}))
    elif year > PNAD_TARGET_YEAR:
        detail.append(("clauses-pnad-after-target-year", {"target_year": PNAD_TARGET_YEAR}))
    return Row(
        {
            "id": "pnad-environnement" if kind == "environmental" else "pnad-social",
            "year": year,
            "label": None,
            "target": target,
            "target_year": PNAD_TARGET_YEAR,
            "actual": share,
            "met": met,
            "contracts": n,
            "contracts_with": k,
            "gap_contracts": gap,
            "detail": None,
        },
        {
            "label": ((f"clauses-pnad-{kind}-label", {"year": year}),),
            "detail": tuple(detail),
        },
    )


__all__ = ["PNAD_TARGET_YEAR", "ClauseTargets", "Row", "Text", "has_value", "pnad_checks"]
