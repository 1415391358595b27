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


def test_show_a_physical_factor_gives_its_value_per_unit() -> None:
    """A physical factor has no euro-years: its value per unit is shown, not an empty table."""
    fid = "dechets-de-cuisine-et-dechets-verts-compostage-domestique-en-bac"
    result = runner.invoke(cli.app, ["factors", "show", fid], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "kgCO2e/t" in result.output
    assert "34640" in result.output  # its Base Carbone id, from the shipped file
    assert "Année des euros" not in result.output


def test_factors_check_and_rules_speak_english() -> None:
    check = runner.invoke(cli.app, ["factors", "check", "--lang", "en"], env={"COLUMNS": "200"})
    assert check.exit_code == 0, check.output
    assert "leaf accounts of classes 2 and 6 (M57), all reached by a rule" in check.output
    assert "comptes feuilles" not in check.output
    rules = runner.invoke(cli.app, ["factors", "show", "m57-6064", "--lang", "en"])
    assert rules.exit_code == 0, rules.output
    assert "Conditions: account = 6064" in rules.output
    assert "Factor: naf-C17" in rules.output
