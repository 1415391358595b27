"""The example's figures, pinned: a change that moves them must update the snapshot on purpose.

Regenerate after a deliberate change of method or data (and say why in the commit):

    ACHATS_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_example_snapshot.py

The snapshot holds figures only (no layout, no messages): totals, reconciliation, posts,
methods, categories and the Monte Carlo summary of ``examples/grand-livre-2025.xlsx``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from achats_durables.operations.pipeline import load_setup, run_footprint

from .conftest import REPO, assert_reconciled

SNAPSHOT = Path(__file__).parent / "snapshots" / "example-2025-footprint.json"
EXAMPLE = REPO / "examples" / "grand-livre-2025.xlsx"
CONFIG = REPO / "examples" / "achats.yaml"


def _rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [r["key"], r["spend_excl_vat_eur"], r["emissions_tco2e"], r["uncertainty_tco2e"]]
        for r in rows
    ]


def figures() -> dict[str, Any]:
    report = run_footprint([EXAMPLE], load_setup(CONFIG), monte_carlo=10_000, seed=42)
    data = report.to_dict()
    return {
        "totals": data["totals"],
        "reconciliation": data["reconciliation"],
        "by_beges_post": _rows(data["by_beges_post"]),
        "by_method": _rows(data["by_method"]),
        "by_factor": _rows(data["by_factor"]),
        "proxy_share": data["proxy_share"],
        "data_quality": data["data_quality"],
        "monte_carlo": data["monte_carlo"],
    }


@pytest.fixture(scope="module")
def current() -> dict[str, Any]:
    return figures()


def test_example_figures_match_the_snapshot(current: dict[str, Any]) -> None:
    if os.environ.get("ACHATS_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(
            json.dumps(current, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert _flat(json.loads(json.dumps(current))) == _flat(expected)


def _flat(value: Any, path: str = "") -> dict[str, Any]:
    """Leaves by path; numbers rounded to 6 decimals (the JSON report's own rounding)."""
    if isinstance(value, dict):
        return {
            k: v for key, item in value.items() for k, v in _flat(item, f"{path}.{key}").items()
        }
    if isinstance(value, list):
        return {
            k: v for i, item in enumerate(value) for k, v in _flat(item, f"{path}[{i}]").items()
        }
    if isinstance(value, float):
        return {path: round(value, 6)}
    return {path: value}


def test_example_monte_carlo_agrees_with_the_analytic_margin(current: dict[str, Any]) -> None:
    """u is read as 1.96 standard deviations: both methods give the same 95 % margin."""
    analytic = current["totals"]["uncertainty_tco2e"]
    mc = current["monte_carlo"]
    assert 1.96 * mc["std_tco2e"] == pytest.approx(analytic, rel=0.05)
    assert (mc["high_tco2e"] - mc["low_tco2e"]) / 2 == pytest.approx(analytic, rel=0.05)
    assert mc["mean_tco2e"] == pytest.approx(current["totals"]["emissions_tco2e"], rel=0.02)
    # the fully correlated bound is wider than the independent one, and Σ u·E at most u·E
    assert analytic < current["totals"]["uncertainty_correlated_tco2e"]


def test_example_has_waste_in_4_3_and_energy_to_quantify(current: dict[str, Any]) -> None:
    posts = {row[0] for row in current["by_beges_post"]}
    assert "4.3" in posts
    assert current["reconciliation"]["spend_unquantified_eur"] > 0
    assert_reconciled(current["reconciliation"])
