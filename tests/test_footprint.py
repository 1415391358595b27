from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from achats_durables.core.errors import LedgerError
from achats_durables.footprint.compute import compute_footprint
from achats_durables.footprint.report import FootprintOptions
from achats_durables.knowledge.factors import load_factor_sets, load_price_index
from achats_durables.knowledge.mapping import load_mapping_rules
from achats_durables.ledger.canonical import canonical_lines
from achats_durables.ledger.headers import find_header
from achats_durables.ledger.read import Ledger, read_ledger
from achats_durables.ledger.tabular import RawTable
from achats_durables.operations.pipeline import load_setup, run_footprint

from .conftest import REPO, LedgerFactory

FACTORS = yaml.safe_load(
    (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
)
VALUES = {f["id"]: f["values"] for f in FACTORS["factors"]}
IPC = yaml.safe_load(
    (REPO / "factors" / "indices" / "insee-ipc-base2015.yaml").read_text(encoding="utf-8")
)["values"]

RULES = {
    "id": "test",
    "rules": [
        {"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"},
        {"id": "info", "when": {"account": "2183"}, "factor": "naf-C26"},
        {
            "id": "repas",
            "when": {"account": "611", "label": "repas"},
            "factor": "naf-I",
            "proxy": True,
            "uncertainty": 1.0,
            "note": "test",
        },
        {"id": "personnel", "when": {"account": "64"}, "exclude": "Charges de personnel"},
    ],
}
HEADER = [
    "Exercice",
    "Nature",
    "Libellé",
    "Fournisseur",
    "SIRET",
    "Montant HT",
    "Montant TTC",
    "Taux TVA",
]


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(RULES, allow_unicode=True), encoding="utf-8")
    return path


def compute(path: Path, rules_file: Path, **options: object) -> object:
    ledger = read_ledger(path)
    rules = load_mapping_rules([rules_file], defaults=False)
    return compute_footprint(
        ledger, load_factor_sets(), rules, load_price_index(), FootprintOptions(**options)
    )  # type: ignore[arg-type]


def test_small_ledger_by_hand(make_ledger: LedgerFactory, rules_file: Path) -> None:
    rows = [
        [2023, "6064", "Ramettes", "A", "", 1000, None, None],  # row 2
        [2025, "6064", "Ramettes", "A", "", None, 1200, 20],  # row 3: TTC → 1000 HT
        [2025, "2183", "Portables", "B", "", 5000, None, None],  # row 4: class 2 → 4.2
        [2021, "6064", "Avoir ramettes", "A", "", -200, None, None],  # row 5: credit note
        [2025, "611", "Portage de repas", "C", "", 3000, None, None],  # row 6: proxy, u = 100 %
        [2025, "6411", "Salaires", "", "", 10000, None, None],  # row 7: excluded
        [2025, "9999", "Inconnu", "D", "", 50, None, None],  # row 8: unmapped
        [2025, "6064", "Illisible", "A", "", "douze", None, None],  # row 9: rejected
        ["Total", None, None, None, None, 18850, None, None],  # row 10: skipped
    ]
    report = compute(make_ledger(rows, header=HEADER), rules_file)
    c17, c26, food = VALUES["naf-C17"], VALUES["naf-C26"], VALUES["naf-I"]
    to_2023 = IPC[2023] / IPC[2025]
    e_c17 = 1000 / 1000 * c17[2023] + 1000 * to_2023 / 1000 * c17[2023] - 200 / 1000 * c17[2021]
    e_c26 = 5000 * to_2023 / 1000 * c26[2023]
    e_food = 3000 * to_2023 / 1000 * food[2023]
    expected = (e_c17 + e_c26 + e_food) / 1000
    expected_u = math.sqrt((0.8 * e_c17) ** 2 + (0.8 * e_c26) ** 2 + (1.0 * e_food) ** 2) / 1000
    t = report.totals  # type: ignore[attr-defined]
    assert t.emissions_tco2e == pytest.approx(expected, rel=1e-12)
    assert t.uncertainty_tco2e == pytest.approx(expected_u, rel=1e-12)
    assert t.spend_excl_vat_eur == pytest.approx(9800.00)
    r = report.reconciliation  # type: ignore[attr-defined]
    assert (
        r.rows_read,
        r.rows_mapped,
        r.rows_unmapped,
        r.rows_excluded,
        r.rows_rejected,
        r.rows_skipped,
    ) == (10, 5, 1, 1, 1, 2)
    # reconciled on the amounts as the ledger states them (row 3 is read as 1 200 € TTC)
    assert (r.spend_read_eur, r.spend_mapped_eur, r.spend_unmapped_eur, r.spend_excluded_eur) == (
        20050.0,
        10000.0,
        50.0,
        10000.0,
    )
    assert r.balanced
    posts = {row.key: row.emissions_tco2e for row in report.tables["by_beges_post"]}  # type: ignore[attr-defined]
    assert posts["4.2"] == pytest.approx(e_c26 / 1000, rel=1e-6)
    assert posts["4.1"] == pytest.approx(e_c17 / 1000, rel=1e-6)
    assert posts["4.5"] == pytest.approx(e_food / 1000, rel=1e-6)
    assert report.proxy_share == pytest.approx(e_food / 1000 / expected)  # type: ignore[attr-defined]
    lines = report.lines.set_index("row")  # type: ignore[attr-defined]
    assert lines.loc[3, "amount_excl_vat_eur"] == 1000.0
    assert lines.loc[3, "vat_basis"] == "TTC ÷ (1 + taux de la ligne)"
    assert lines.loc[5, "emissions_kgco2e"] < 0
    assert lines.loc[7, "reason"] == "Charges de personnel"
    codes = {i.code for i in report.issues}  # type: ignore[attr-defined]
    assert {
        "unmapped-spend",
        "vat-converted",
        "euro-year-converted",
        "multiple-years",
        "row-amount-unreadable",
        "totals-rows-skipped",
    } <= codes


def test_default_vat_rate_and_intra_group(make_ledger: LedgerFactory, rules_file: Path) -> None:
    rows = [
        [2023, "6064", "Ramettes", "A", "", None, 1100, None],
        [2023, "6064", "Refacturation", "Ville", "299 941 013 00011", 500, None, None],
    ]
    report = compute(
        make_ledger(rows, header=HEADER),
        rules_file,
        default_vat_rate=0.10,
        group_sirens=("299941013",),
    )
    lines = report.lines.set_index("row")  # type: ignore[attr-defined]
    assert lines.loc[2, "amount_excl_vat_eur"] == 1000.0
    assert lines.loc[2, "vat_basis"] == "TTC ÷ (1 + taux par défaut)"
    assert lines.loc[3, "status"] == "excluded"
    assert lines.loc[3, "rule"] == "flux-interne-groupe"
    assert report.reconciliation.spend_excluded_eur == 500.0  # type: ignore[attr-defined]


def test_year_option_filters_and_fills(make_ledger: LedgerFactory, rules_file: Path) -> None:
    rows = [
        [2024, "6064", "a", "A", "", 100, None, None],
        [2025, "6064", "b", "A", "", 100, None, None],
        [None, "6064", "c", "A", "", 100, None, None],
    ]
    report = compute(make_ledger(rows, header=HEADER), rules_file, year=2025)
    lines = report.lines.set_index("row")  # type: ignore[attr-defined]
    assert lines.loc[2, "status"] == "skipped"
    assert lines.loc[4, "year"] == 2025
    assert report.reconciliation.spend_read_eur == 200.0  # type: ignore[attr-defined]
    assert report.reconciliation.balanced  # type: ignore[attr-defined]


def test_monte_carlo_is_seeded_and_matches_lognormal_quantiles(
    make_ledger: LedgerFactory, rules_file: Path
) -> None:
    path = make_ledger([[2023, "6064", "a", "A", "", 10000, None, None]], header=HEADER)
    a = compute(path, rules_file, monte_carlo=20000, seed=7).monte_carlo  # type: ignore[attr-defined]
    b = compute(path, rules_file, monte_carlo=20000, seed=7).monte_carlo  # type: ignore[attr-defined]
    assert a == b
    e = 10 * VALUES["naf-C17"][2023] / 1000
    # u = 80 % is 1.96 standard deviations: the multiplier has mean 1 and sd 0.8 / 1.96, so
    # σ² = ln(1 + (0.8/1.96)²) and μ = −σ²/2 (not σ = ln(1.8)/1.96, which set the 97.5th
    # percentile at 1.8 and made the simulated interval narrower than the analytic one).
    sigma = math.sqrt(math.log(1 + (0.8 / 1.959964) ** 2))
    mu = -(sigma**2) / 2
    assert a.high_tco2e == pytest.approx(e * math.exp(mu + 1.959964 * sigma), rel=0.03)
    assert a.low_tco2e == pytest.approx(e * math.exp(mu - 1.959964 * sigma), rel=0.03)
    assert a.mean_tco2e == pytest.approx(e, rel=0.02)
    assert a.std_tco2e == pytest.approx(e * 0.8 / 1.959964, rel=0.03)


ACCOUNTS = ["6064", "2183", "611", "6411", "9999", ""]


def ledger_from_rows(rows: list[list[object]]) -> Ledger:
    header = ["Exercice", "Nature", "Libellé", "Montant HT", "Montant TTC", "Taux TVA"]
    table = [header, *rows]
    match = find_header(table)
    assert match is not None
    raw = RawTable(
        path="mem.csv",
        sheet=None,
        header=match,
        frame=pd.DataFrame(rows, columns=range(len(header)), dtype=object),
        first_row=2,
        rows_above=1,
        format="csv",
    )
    lines, issues = canonical_lines(raw)
    from achats_durables.ledger.read import InputInfo

    info = InputInfo(
        path="mem.csv", sha256="", format="csv", rows_read=1 + len(rows), rows_above=1, sheets=[]
    )
    return Ledger(lines=lines, inputs=[info], issues=issues)


cell_amount = st.one_of(
    st.none(),
    st.just(""),
    st.just("n/a"),
    st.decimals(min_value=-(10**6), max_value=10**7, places=2).map(
        lambda d: f"{d}".replace(".", ",")
    ),
    st.floats(min_value=-1e6, max_value=1e7, allow_nan=False).map(lambda f: round(f, 2)),
)
row_strategy = st.lists(
    st.tuples(
        st.sampled_from([2019, 2023, 2025, None]),
        st.sampled_from(ACCOUNTS),
        st.sampled_from(["repas", "papier", ""]),
        cell_amount,
        cell_amount,
        st.sampled_from([None, 20, "5,5", "x", 0]),
    ).map(list),
    min_size=1,
    max_size=40,
)


PROPERTY_RULES = load_mapping_rules(
    [Path(__file__).parent / "_rules_property.yaml"], defaults=False
)
SETS = load_factor_sets()
INDEX = load_price_index()


@given(row_strategy)
def test_reconciliation_invariant_property(rows: list[list[object]]) -> None:
    ledger = ledger_from_rows(rows)
    try:
        report = compute_footprint(ledger, SETS, PROPERTY_RULES, INDEX, FootprintOptions(year=2025))
    except LedgerError as exc:  # every line of another year: refused, with a message
        assert exc.code == "ledger-year-absent"  # noqa: PT017 (a valid outcome, not the test's aim)
        return
    r = report.reconciliation
    assert r.balanced
    assert r.rows_read == len(rows) + 1
    lines = report.lines
    assert report.totals.emissions_tco2e == pytest.approx(
        lines["emissions_kgco2e"].sum() / 1000, abs=1e-9
    )
    counted = lines[lines["status"].isin(["mapped", "unmapped", "excluded"])]
    assert round(counted["amount_read_eur"].sum(), 2) == pytest.approx(r.spend_read_eur, abs=0.005)
    assert np.all(lines.loc[lines["status"] != "mapped", "emissions_kgco2e"] == 0)
    mapped_ht = lines.loc[lines["status"] == "mapped", "amount_excl_vat_eur"].sum()
    assert report.totals.spend_excl_vat_eur == pytest.approx(mapped_ht, abs=0.005)


def test_entity_filter_by_name_or_siren(make_ledger: LedgerFactory, rules_file: Path) -> None:
    header = ["Exercice", "Collectivité", "SIREN collectivité", "Nature", "Libellé", "Montant HT"]
    rows = [
        [2023, "Ville de Blois", "214100182", "6064", "a", 100],
        [2023, "Agglopolys", "244100798", "6064", "b", 300],
    ]
    path = make_ledger(rows, header=header)
    by_name = compute(path, rules_file, entity="ville de blois")
    assert by_name.reconciliation.spend_read_eur == 100.0  # type: ignore[attr-defined]
    assert by_name.reconciliation.rows_skipped == 2  # type: ignore[attr-defined]
    by_siren = compute(path, rules_file, entity="244 100 798")
    assert by_siren.reconciliation.spend_read_eur == 300.0  # type: ignore[attr-defined]
    with pytest.raises(LedgerError) as info:
        compute(path, rules_file, entity="CIAS")
    assert "Entités présentes : « Agglopolys », « Ville de Blois »" in str(info.value)


def test_receipts_and_debit_credit_columns(make_ledger: LedgerFactory, rules_file: Path) -> None:
    header = ["Exercice", "Sens", "Compte", "Libellé", "Débit", "Crédit"]
    rows = [
        [2023, "Dépense", "6064", "Papier", "1 200,00", ""],
        [2023, "D", "6064", "Annulation", "", "200,00"],
        [2023, "Recette", "7588", "Produit", "", "500,00"],
    ]
    report = compute(make_ledger(rows, header=header), rules_file, default_vat_rate=0.2)
    lines = report.lines.set_index("row")  # type: ignore[attr-defined]
    assert lines.loc[2, "amount_read_eur"] == 1200.0
    assert lines.loc[3, "amount_read_eur"] == -200.0
    assert lines.loc[4, "status"] == "skipped"
    assert lines.loc[4, "reason"] == "recette : ce n'est pas une dépense"
    assert report.reconciliation.spend_read_eur == 1000.0  # type: ignore[attr-defined]
    assert report.totals.spend_excl_vat_eur == pytest.approx(1000 / 1.2, abs=0.01)  # type: ignore[attr-defined]


def test_energy_and_water_from_quantities(make_ledger: LedgerFactory) -> None:
    """Lines with a quantity in kWh, litres or m3 use the physical factors (shipped rules)."""
    physical = yaml.safe_load(
        (REPO / "factors" / "ademe-base-carbone-v23.6-physiques.yaml").read_text(encoding="utf-8")
    )
    pf = {f["id"]: f for f in physical["factors"]}
    header = ["Exercice", "Nature", "Libellé", "Montant TTC", "Taux TVA", "Quantité", "Unité"]
    rows = [
        [2024, "60612", "Électricité mairie", 12000, 20, 40, "MWh"],  # 40 000 kWh, 2.1
        [2024, "60622", "Gazole véhicules", 3000, 20, 1500, "litres"],  # 1.2
        [2024, "60621", "Fioul chaufferie", 2000, 20, 1800, "L"],  # 1.1
        [2024, "60611", "Eau", 5000, 5.5, 2000, "m³"],  # 4.1
        [2024, "60612", "Électricité sans quantité", 1000, 20, None, None],  # to quantify
        [2024, "60612", "Électricité en €", 1000, 20, 900, "€"],  # unknown unit: to quantify
    ]
    report = run_footprint([make_ledger(rows, header=header)], load_setup())
    lines = report.lines.set_index("row")
    e_elec = 40_000 * pf["electricite-mix-moyen"]["values"][2024]
    e_diesel = 1500 * pf["gazole-routier-b7-litre"]["value"]
    e_fuel = 1800 * pf["fioul-domestique-litre"]["value"]
    e_water = 2000 * pf["eau-reseau-m3"]["value"]
    assert lines.loc[2, "emissions_kgco2e"] == pytest.approx(e_elec)
    assert lines.loc[3, "emissions_kgco2e"] == pytest.approx(e_diesel)
    assert lines.loc[4, "emissions_kgco2e"] == pytest.approx(e_fuel)
    assert lines.loc[5, "emissions_kgco2e"] == pytest.approx(e_water)
    assert lines.loc[[2, 3, 4, 5], "status"].tolist() == ["mapped"] * 4
    assert lines.loc[[6, 7], "status"].tolist() == ["unquantified", "unquantified"]
    assert lines.loc[2, "quantity_used"] == 40_000
    posts = {row.key: row.emissions_tco2e for row in report.tables["by_beges_post"]}
    # the upstream part (Base Carbone « Amont », + line losses for electricity) goes to 4.1
    up_elec = 40_000 * pf["electricite-mix-moyen"]["upstream_values"][2024]
    up_diesel = 1500 * pf["gazole-routier-b7-litre"]["upstream"]
    up_fuel = 1800 * pf["fioul-domestique-litre"]["upstream"]
    assert posts["2.1"] == pytest.approx((e_elec - up_elec) / 1000, rel=1e-6)
    assert posts["1.2"] == pytest.approx((e_diesel - up_diesel) / 1000, rel=1e-6)
    assert posts["1.1"] == pytest.approx((e_fuel - up_fuel) / 1000, rel=1e-6)
    assert posts["4.1"] == pytest.approx((up_elec + up_diesel + up_fuel + e_water) / 1000)
    u = (
        math.sqrt(
            sum(
                (pf[f]["uncertainty"] * e) ** 2
                for f, e in (
                    ("electricite-mix-moyen", e_elec),
                    ("gazole-routier-b7-litre", e_diesel),
                    ("fioul-domestique-litre", e_fuel),
                    ("eau-reseau-m3", e_water),
                )
            )
        )
        / 1000
    )
    assert report.totals.uncertainty_tco2e == pytest.approx(u, rel=1e-9)
    assert report.reconciliation.balanced
    assert any(i.code == "physical-quantities-used" for i in report.issues)


def test_explain_a_line_computed_from_its_quantity(make_ledger: LedgerFactory) -> None:
    from achats_durables.footprint.explain import explain_row

    header = ["Exercice", "Nature", "Libellé", "Montant TTC", "Quantité", "Unité"]
    path = make_ledger([[2024, "60612", "Électricité", 1200, 10, "MWh"]], header=header)
    setup = load_setup()
    report = run_footprint([path], setup)
    result = explain_row(report, setup.rules, setup.factor_sets, setup.index, 2)
    assert result.factor is not None
    assert result.factor["id"] == "electricite-mix-moyen"
    assert result.factor["base_carbone_id"] == "43642"  # the 2024 mix
    quantity = next(s for s in result.steps if s.code == "explain-step-quantity-read")
    assert quantity.params["quantity"] == 10_000  # 10 MWh read, in kWh
    assert (quantity.params["quantity_read"], quantity.params["unit_read"]) == (10, "MWh")
    from achats_durables.writers.explain import step_text

    assert step_text(quantity).replace("\u202f", " ").startswith("Quantité : 10 000,00 kWh (lue")
    assert step_text(quantity, "en").startswith("Quantity: 10,000.00 kWh (read")


def test_amortisation_spreads_capital_goods(make_ledger: LedgerFactory, rules_file: Path) -> None:
    rows = [
        [2023, "2183", "Portables", "B", "", 5000, None, None],
        [2023, "6064", "Ramettes", "A", "", 1000, None, None],
    ]
    path = make_ledger(rows, header=HEADER)
    full = compute(path, rules_file)
    spread = compute(path, rules_file, amortisation_years=5)
    c26, c17 = VALUES["naf-C26"][2023], VALUES["naf-C17"][2023]
    assert full.totals.emissions_tco2e == pytest.approx((5 * c26 + c17) / 1000)  # type: ignore[attr-defined]
    assert spread.totals.emissions_tco2e == pytest.approx((5 * c26 / 5 + c17) / 1000)  # type: ignore[attr-defined]
    assert any(i.code == "capital-amortised" for i in spread.issues)  # type: ignore[attr-defined]
