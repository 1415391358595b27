"""Method defects of issue 8: energy to quantify, prices, upstream, waste tonnages, uncertainty.

Every expected figure is computed here from the factor values written by the test.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

import achats_durables.footprint.compute as footprint_module
from achats_durables.core.errors import ConfigError, ReconciliationError
from achats_durables.footprint.compute import compute_footprint
from achats_durables.footprint.report import FootprintOptions, FootprintReport
from achats_durables.knowledge.factors import load_factor_set, load_factor_sets, load_price_index
from achats_durables.knowledge.mapping import load_mapping_rules
from achats_durables.ledger.read import read_ledger

from .conftest import REPO, LedgerFactory
from .test_cli import invoke

HEADER = ["Exercice", "Nature", "Libellé", "Montant HT", "Quantité", "Unité"]
# A physical set of the test's own (values of Base Carbone V23.6 ids 37133, 37132, 34650, 34654)
PHYSICAL = {
    "id": "test-physique",
    "factors": [
        {
            "id": "gaz-pcs",
            "kind": "physical",
            "unit": "kgCO2e/kWh PCS",
            "value": 0.215,
            "upstream": 0.0344,
            "upstream_beges": "4.1",
            "beges": "1.1",
            "uncertainty": 0.05,
        },
        {
            "id": "gaz-pci",
            "kind": "physical",
            "unit": "kgCO2e/kWh PCI",
            "value": 0.239,
            "upstream": 0.0382,
            "upstream_beges": "4.1",
            "beges": "1.1",
            "uncertainty": 0.05,
        },
        {
            "id": "omr-incineration",
            "kind": "physical",
            "unit": "kgCO2e/t",
            "value": 374,
            "beges": "4.3",
            "uncertainty": 0.20,
        },
        {
            "id": "omr-moyenne",
            "kind": "physical",
            "unit": "kgCO2e/t",
            "value": 386,
            "beges": "4.3",
            "uncertainty": 0.50,
        },
    ],
}
RULES = {
    "id": "test",
    "rules": [
        {
            "id": "gaz",
            "when": {"account": "60621"},
            "quantify": True,
            "carrier": "gaz",
            "physical": {"kWh": "gaz-pcs", "kWh PCI": "gaz-pci"},
        },
        {"id": "energie", "when": {"account": "6061"}, "quantify": True},
        {
            "id": "dechets",
            "when": {"account": "611", "label": "dechet|ordure"},
            "factor": "naf-H49",
            "proxy": True,
            "beges": "4.3",
            "physical": {"t": "omr-moyenne"},
        },
        {
            "id": "dechets-incineration",
            "when": {"account": "611", "label": "incinera"},
            "factor": "naf-H49",
            "proxy": True,
            "beges": "4.3",
            "physical": {"t": "omr-incineration"},
        },
        {"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"},
        {"id": "info", "when": {"account": "2183"}, "factor": "naf-C26"},
    ],
}
MONETARY = yaml.safe_load(
    (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
)
RATIO = {f["id"]: f["values"] for f in MONETARY["factors"]}


@pytest.fixture
def setup_files(tmp_path: Path) -> tuple[Path, Path]:
    factors = tmp_path / "physique.yaml"
    factors.write_text(yaml.safe_dump(PHYSICAL, allow_unicode=True), encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text(yaml.safe_dump(RULES, allow_unicode=True), encoding="utf-8")
    return factors, rules


def footprint(path: Path, files: tuple[Path, Path], **options: Any) -> FootprintReport:
    sets = [*load_factor_sets([REPO / "factors" / "ademe-base-carbone-v23.6.yaml"])]
    sets.append(load_factor_set(files[0]))
    rules = load_mapping_rules([files[1]], defaults=False)
    return compute_footprint(
        read_ledger(path), sets, rules, load_price_index(), FootprintOptions(**options)
    )


def status_of(report: FootprintReport) -> list[str]:
    return [str(s) for s in report.lines["status"]]


def test_energy_without_quantity_is_unquantified_not_counted(
    make_ledger: LedgerFactory, setup_files: tuple[Path, Path]
) -> None:
    path = make_ledger(
        [
            [2023, "60621", "Gaz janvier", 9000, None, None],
            [2023, "6061", "Énergie divers", 1000, None, None],
            [2023, "6064", "Ramettes", 2000, None, None],
        ],
        header=HEADER,
    )
    r = footprint(path, setup_files)
    assert status_of(r) == ["unquantified", "unquantified", "mapped"]
    rec = r.reconciliation
    assert (rec.rows_unquantified, rec.spend_unquantified_eur) == (2, 10000.0)
    assert rec.spend_read_eur == 12000.0
    assert rec.spend_mapped_eur == 2000.0
    assert rec.balanced
    assert rec.share_uncounted() == pytest.approx(10000 / 12000)
    # only the paper counts: 2 k€ × ratio 2023
    assert r.totals.emissions_tco2e == pytest.approx(2 * RATIO["naf-C17"][2023] / 1000)
    issue = next(i for i in r.issues if i.code == "energy-unquantified")
    text = issue.message("fr")
    assert "10 000,00 €" in text.replace("\u202f", " ").replace("\xa0", " ")
    assert "energy_prices" in text
    assert "PAS dans le total" in text
    # never described as counted
    assert "comptés en scopes" not in " ".join(str(x) for x in r.lines["reason"])


def test_gas_quantities_by_heating_value_and_upstream_post(
    make_ledger: LedgerFactory, setup_files: tuple[Path, Path]
) -> None:
    path = make_ledger(
        [
            [2023, "60621", "Gaz", 9000, 50, "MWh PCS"],  # 50 000 kWh PCS
            [2023, "60621", "Gaz", 1000, 2000, "kWh PCI"],
            [2023, "60621", "Gaz", 1000, 1000, "kWh"],  # invoiced kWh: the rule's PCS factor
        ],
        header=HEADER,
    )
    r = footprint(path, setup_files)
    e = r.lines["emissions_kgco2e"].to_list()
    assert e == pytest.approx([50_000 * 0.215, 2000 * 0.239, 1000 * 0.215])
    up = 50_000 * 0.0344 + 2000 * 0.0382 + 1000 * 0.0344
    total = 50_000 * 0.215 + 2000 * 0.239 + 1000 * 0.215
    posts = {row.key: row for row in r.tables["by_beges_post"]}
    assert posts["4.1"].emissions_tco2e == pytest.approx(up / 1000)
    assert posts["1.1"].emissions_tco2e == pytest.approx((total - up) / 1000)
    assert posts["4.1"].spend_excl_vat_eur == 0.0  # the spend is counted once, in 1.1
    assert posts["1.1"].spend_excl_vat_eur == 11000.0
    assert r.totals.emissions_tco2e == pytest.approx(total / 1000)
    # one factor per line, its error shared by both parts: U(1.1) + U(4.1) = U(factor)
    u_pcs = 0.05 * (51_000 * 0.215) / 1000
    u_pci = 0.05 * (2000 * 0.239) / 1000
    assert r.totals.uncertainty_tco2e == pytest.approx(math.hypot(u_pcs, u_pci))
    assert {str(m) for m in r.lines["method"]} == {"quantity"}


def test_energy_prices_estimate_the_quantity(
    make_ledger: LedgerFactory, setup_files: tuple[Path, Path]
) -> None:
    path = make_ledger([[2023, "60621", "Gaz", 9000, None, None]], header=HEADER)
    r = footprint(
        path, setup_files, energy_prices=(("gaz", 0.09),), energy_prices_source="factures 2025"
    )
    kwh = 9000 / 0.09
    assert status_of(r) == ["mapped"]
    assert r.lines["quantity_used"].iloc[0] == pytest.approx(kwh)
    assert bool(r.lines["quantity_estimated"].iloc[0])
    assert r.totals.emissions_tco2e == pytest.approx(kwh * 0.215 / 1000)
    assert [row.key for row in r.tables["by_method"]] == ["quantity_estimated"]
    issue = next(i for i in r.issues if i.code == "quantity-estimated-from-price")
    assert "gaz 0,09 € HT par kWh ou litre ; source : factures 2025" in issue.message("fr")


def test_energy_prices_in_config_need_a_source(tmp_path: Path) -> None:
    from achats_durables.knowledge.config import load_config

    cfg = tmp_path / "achats.yaml"
    cfg.write_text("energy_prices: {gaz: 0.09}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    assert "energy_prices.source" in err.value.render()
    cfg.write_text("energy_prices: {gas: 0.09, source: factures}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    assert "energy_prices.gas" in err.value.render()
    cfg.write_text(
        "energy_prices: {gaz: 0.09, electricite: 0.21, source: factures 2025}\n", encoding="utf-8"
    )
    loaded = load_config(cfg)
    assert loaded.energy_prices == (("electricite", 0.21), ("gaz", 0.09))
    assert loaded.energy_prices_source == "factures 2025"


def test_waste_tonnage_uses_end_of_life_factor_else_flagged_estimate(
    make_ledger: LedgerFactory, setup_files: tuple[Path, Path]
) -> None:
    path = make_ledger(
        [
            [2023, "611", "Incinération OM", 50000, 400, "t"],
            [2023, "611", "Collecte déchets", 30000, 120000, "kg"],  # 120 t, average end of life
            [2023, "611", "Collecte ordures ménagères", 20000, None, None],  # no tonnage
            [2023, "6064", "Ramettes", 10000, None, None],
        ],
        header=HEADER,
    )
    r = footprint(path, setup_files)
    e = r.lines["emissions_kgco2e"].to_list()
    monetary = 20 * RATIO["naf-H49"][2023]
    paper = 10 * RATIO["naf-C17"][2023]
    assert e == pytest.approx([400 * 374, 120 * 386, monetary, paper])
    posts = {row.key: row.emissions_tco2e for row in r.tables["by_beges_post"]}
    assert posts["4.3"] == pytest.approx((400 * 374 + 120 * 386 + monetary) / 1000)
    issue = next(i for i in r.issues if i.code == "waste-monetary-estimate")
    total = sum(e) / 1000
    share = f"{monetary / 1000 / total * 100:.1f} %".replace(".", ",")
    assert share in issue.message("fr")
    assert "faute de tonnage" in issue.message("fr")
    assert [str(m) for m in r.lines["method"]] == ["quantity", "quantity", "proxy", "ratio"]
    # a line computed from its tonnage is not a proxy
    assert r.proxy_share == pytest.approx(monetary / 1000 / total)


def test_monte_carlo_agrees_with_analytic_uncertainty(
    make_ledger: LedgerFactory, setup_files: tuple[Path, Path]
) -> None:
    # Ten factors of similar weight: the total is near-normal, the two must agree within 5 %.
    accounts = ["6064", "2183"]
    rows = [[2023, a, "x", 10000 + 1000 * i, None, None] for i, a in enumerate(accounts * 3)]
    path = make_ledger(rows, header=HEADER)
    r = footprint(path, setup_files, monte_carlo=40000, seed=3)
    mc = r.monte_carlo
    assert mc is not None
    e_c17 = sum(row[3] for row in rows if row[1] == "6064") / 1000 * RATIO["naf-C17"][2023]
    e_c26 = sum(row[3] for row in rows if row[1] == "2183") / 1000 * RATIO["naf-C26"][2023]
    analytic = math.hypot(0.8 * e_c17, 0.8 * e_c26) / 1000
    assert r.totals.uncertainty_tco2e == pytest.approx(analytic)
    assert 1.96 * mc.std_tco2e == pytest.approx(analytic, rel=0.05)
    # fully correlated bound: Σ u·E
    assert r.totals.uncertainty_correlated_tco2e == pytest.approx(
        (0.8 * e_c17 + 0.8 * e_c26) / 1000
    )


def test_amortisation_total_is_labelled_partial(
    make_ledger: LedgerFactory, setup_files: tuple[Path, Path]
) -> None:
    path = make_ledger([[2023, "2183", "Portables", 5000, None, None]], header=HEADER)
    whole = footprint(path, setup_files)
    part = footprint(path, setup_files, amortisation_years=5)
    assert whole.totals.partial == ""
    assert part.totals.partial == "amortisation-annuity-only"
    assert part.totals.emissions_tco2e == pytest.approx(5 * RATIO["naf-C26"][2023] / 1000 / 5)
    issue = next(i for i in part.issues if i.code == "capital-amortised")
    assert issue.severity == "warning"
    assert issue.message("fr").startswith("total partiel : annuité de l'exercice seule")
    assert part.to_dict()["totals"]["partial"] == "amortisation-annuity-only"
    from achats_durables.writers.csv import summary_csv

    assert "total partiel : annuité de l'exercice seule" in summary_csv(part)
    assert "total partiel" not in summary_csv(whole)


def test_reconciliation_invariant_can_fail(
    make_ledger: LedgerFactory, setup_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A status lost between the statuses and the report is an internal error, not a report."""
    path = make_ledger(
        [[2023, "6064", "Ramettes", 1000, None, None], [2023, "6064", "Stylos", 250, None, None]],
        header=HEADER,
    )
    real = footprint_module.build_report

    def losing_a_line(lines: Any, *args: Any, **kwargs: Any) -> Any:
        codes = np.asarray(lines["status"].array.codes).copy()
        codes[1] = 3  # the second line silently turned "rejected"
        lines = lines.assign(
            status=lines["status"].cat.categories[codes].astype(lines["status"].dtype)
        )
        return real(lines, *args, **kwargs)

    monkeypatch.setattr(footprint_module, "build_report", losing_a_line)
    with pytest.raises(ReconciliationError):
        footprint(path, setup_files)
    result = invoke("footprint", str(path), "--factors", str(REPO / "factors"), "--format", "json")
    assert result.exit_code == 4  # type: ignore[attr-defined]
    assert "erreur interne" in result.stderr  # type: ignore[attr-defined]


def test_max_unmapped_counts_energy_to_quantify(
    make_ledger: LedgerFactory, setup_files: tuple[Path, Path], tmp_path: Path
) -> None:
    path = make_ledger(
        [[2023, "60621", "Gaz", 3000, None, None], [2023, "6064", "Ramettes", 7000, None, None]],
        header=HEADER,
    )
    factors, rules = setup_files
    args = ["footprint", str(path), "--mapping", str(rules), "--format", "json"]
    args += ["--factors", str(REPO / "factors")]
    args += ["--factors", str(factors)]
    ok = invoke(*args, "--max-unmapped", "31")
    assert ok.exit_code == 0, ok.stderr  # type: ignore[attr-defined]
    data = json.loads(ok.stdout)  # type: ignore[attr-defined]
    assert data["reconciliation"]["spend_unquantified_eur"] == 3000.0
    over = invoke(*args, "--max-unmapped", "29")
    assert over.exit_code == 1  # type: ignore[attr-defined]
    assert "énergie à quantifier" in " ".join(over.stderr.split())  # type: ignore[attr-defined]
