"""End to end on the real public-finance files of ../shared/reference (skipped without them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from achats_durables.operations.pipeline import load_setup, run_footprint

from .conftest import shared_reference, skip_without_shared

CHECK_FIGURES = {
    # ledgers/README.md: sum of MtReal for CodRD = D and OpBudg = 0
    "ledgers/montreuil_ville_ca_2022_totem.xml": 272_420_548.03,
    "ledgers/montpellier_metropole_ca_2019_budget_assainissement_totem.xml": 51_479_290.03,
}


@pytest.fixture(scope="module")
def reference() -> Path:
    ref = shared_reference()
    if ref is None:
        skip_without_shared()
    return ref


@pytest.mark.parametrize(("name", "figure"), sorted(CHECK_FIGURES.items()))
def test_budget_documents_reconcile_and_are_covered(
    reference: Path, name: str, figure: float
) -> None:
    report = run_footprint([reference / name], load_setup())
    r = report.reconciliation
    assert round(r.spend_read_eur * 100) == round(figure * 100)
    assert r.balanced
    covered = (r.spend_mapped_eur + r.spend_excluded_eur) / r.spend_read_eur
    assert covered >= 0.95, [i.message() for i in report.issues if i.code == "unmapped-spend"]
    assert report.totals.emissions_tco2e > 0


def test_balance_gives_one_result_per_entity(reference: Path) -> None:
    path = reference / "ledgers" / "dgfip_balance_comptable_2024_extrait_4_communes.csv"
    report = run_footprint([path], load_setup())
    assert report.reconciliation.rows_read == 21
    assert report.reconciliation.balanced
    entities = {row.key for row in report.tables["by_entity"]}
    assert len(entities) >= 2
    one = sorted(entities)[0]
    only = run_footprint([path], load_setup(), entity=one)
    assert {row.key for row in only.tables["by_entity"]} <= {one}


def test_pes_sample_reads_every_line(reference: Path) -> None:
    path = reference / "pes" / "samples" / "SYNTHETIQUE_PES_DepenseAller_exemple.xml"
    report = run_footprint([path], load_setup())
    r = report.reconciliation
    assert r.rows_read == 24
    assert r.balanced
    assert r.rows_rejected == 0
