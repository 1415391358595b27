"""`achats factors list [--kind monetary|physical]`: the listing as data, then the command."""

from __future__ import annotations

from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.knowledge.factor_listing import list_factors
from achats_durables.knowledge.factors import load_factor_sets

runner = CliRunner()


def test_physical_listing_holds_only_physical_factors_with_their_ids() -> None:
    listed = list_factors(load_factor_sets(), "physical")
    rows = [r for _, rs in listed for r in rs]
    assert rows
    assert {r.kind for r in rows} == {"physical"}
    by_id = {r.id: r for r in rows}
    # copied by hand from factors/ademe-base-carbone-v23.6-achats-physiques.yaml
    compost = by_id["dechets-de-cuisine-et-dechets-verts-compostage-domestique-en-bac"]
    assert (compost.value, compost.unit, compost.base_carbone_id) == (9, "kgCO2e/t", "34640")
    assert (compost.beges, compost.uncertainty) == ("4.3", 1.0)


def test_monetary_listing_shows_the_asked_euro_year() -> None:
    rows = {r.id: r for _, rs in list_factors(load_factor_sets(), "monetary", 2023) for r in rs}
    assert {r.kind for r in rows.values()} == {"monetary"}
    # naf-A02 « Produits sylvicoles »: 205 kgCO2e/k€ HT in 2023 euros, Base Carbone 43440
    assert (rows["naf-A02"].value, rows["naf-A02"].base_carbone_id) == (205, "43440")


def test_every_kind_is_the_union_of_both() -> None:
    sets = load_factor_sets()
    count = {k: sum(len(rs) for _, rs in list_factors(sets, k)) for k in ("monetary", "physical")}
    every = sum(len(rs) for _, rs in list_factors(sets))
    assert every == count["monetary"] + count["physical"]
    assert every == sum(len(fs.factors) for fs in sets)


def test_command_lists_physical_factors() -> None:
    result = runner.invoke(
        cli.app, ["factors", "list", "--kind", "physical"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "kgCO2e/t" in result.output
    assert "naf-A02" not in result.output  # no monetary ratio


def test_unknown_kind_is_a_usage_error() -> None:
    result = runner.invoke(cli.app, ["factors", "list", "--kind", "nope"])
    assert result.exit_code == 2
    assert "monetary" in result.output
