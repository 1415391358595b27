"""Result issues of the aggregated report."""

from __future__ import annotations

import yaml

from achats_durables.footprint.compute import compute_footprint
from achats_durables.knowledge.factors import load_factor_sets, load_price_index
from achats_durables.knowledge.mapping import load_mapping_rules
from achats_durables.ledger.read import read_ledger

from .conftest import REPO, LedgerFactory


def test_euro_year_alert_names_the_monetary_ratio_years_only(make_ledger: LedgerFactory) -> None:
    # The shipped physical set has 2024 values (electricity); the monetary ratios stop earlier.
    monetary = yaml.safe_load(
        (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
    )
    years = sorted({int(y) for f in monetary["factors"] for y in f.get("values", {})})
    physical = yaml.safe_load(
        (REPO / "factors" / "ademe-base-carbone-v23.6-physiques.yaml").read_text(encoding="utf-8")
    )
    physical_years = {int(y) for f in physical["factors"] for y in f.get("values", {})}
    assert max(physical_years) > years[-1]  # otherwise this test could not fail
    ledger = make_ledger(
        [[2025, "Ville", "15/03/2025", "6064", "Ramettes", "A", "", 1000, None, None, "", ""]]
    )
    report = compute_footprint(
        read_ledger(ledger), load_factor_sets(), load_mapping_rules(), load_price_index()
    )
    issue = next(i for i in report.issues if i.code == "euro-year-converted")
    assert issue.params["available"] == [years[0], years[-1]]
    assert issue.params["target"] == years[-1]
    assert f"n'existent que pour {years[0]}–{years[-1]}." in issue.message("fr")
