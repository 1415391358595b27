"""Activity data ahead of ratios (issue 12 item 2): quantities replace the spend they cover.

Every expected figure is computed here by hand from the factor values, read from the shipped
factor files as plain YAML, and from the amounts the test writes.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from achats_durables.footprint.compute import compute_footprint
from achats_durables.footprint.report import FootprintOptions, FootprintReport
from achats_durables.knowledge.factors import load_factor_sets, load_price_index, merge_factors
from achats_durables.knowledge.mapping import load_mapping_rules
from achats_durables.ledger.activities import load_activities
from achats_durables.ledger.read import read_ledger

from .conftest import REPO, LedgerFactory, write_csv
from .test_cli import flat, invoke


def _factor_values() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((REPO / "factors").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for f in doc["factors"]:
            out[f["id"]] = f
    return out


FACTORS = _factor_values()
MEAL = FACTORS["alimentation-repas-moyen"]["value"]  # kgCO2e per meal
VEGETARIAN = FACTORS["alimentation-repas-vegetarien"]["value"]
ELECTRICITY_2023 = FACTORS["electricite-mix-moyen"]["values"][2023]  # kgCO2e per kWh
WASTE = FACTORS["dechets-omr-incineration"]["value"]  # kgCO2e per tonne
H49_2023 = FACTORS["naf-H49"]["values"][2023]  # kgCO2e per k€ HT
C17_2023 = FACTORS["naf-C17"]["values"][2023]

HEADER = [
    "Exercice",
    "Entité",
    "Nature",
    "Libellé",
    "Fournisseur",
    "SIRET",
    "N° marché",
    "Montant HT",
]
RESTO, CARS, EDF = "73282932000074", "44306184100047", "55208131766522"
LEDGER = [
    [2023, "Commune A", "611", "Repas cantine janvier", "Resto SA", RESTO, "M-REPAS", 6000],
    [2023, "Commune A", "611", "Repas cantine février", "Resto SA", RESTO, "M-REPAS", 4000],
    [2023, "Commune A", "611", "Transport scolaire", "Cars SA", CARS, "M-CARS", 10000],
    [2023, "Commune A", "60612", "Electricité mairie", "EDF", EDF, "", 3000],
    [2023, "Commune A", "6064", "Papier", "Papeterie", "", "", 2000],
]
RULES = {
    "id": "test",
    "rules": [
        {"id": "repas", "when": {"contract": "M-REPAS"}, "factor": "naf-I"},
        {"id": "cars", "when": {"contract": "M-CARS"}, "factor": "naf-H49"},
        {
            "id": "elec",
            "when": {"account": "60612"},
            "quantify": True,
            "carrier": "electricite",
            "physical": {"kWh": "electricite-mix-moyen"},
        },
        {"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"},
    ],
}
ACT_HEADER = ["Exercice", "Entité", "Facteur", "Quantité", "Unité", "Source", "Marché", "Compte"]
ACTIVITIES = [
    [
        2023,
        "Commune A",
        "alimentation-repas-moyen",
        "3 000",
        "repas",
        "Rapport du délégataire",
        "M-REPAS",
        "",
    ],
    [
        2023,
        "Commune A",
        "alimentation-repas-vegetarien",
        "1000",
        "repas",
        "Rapport du délégataire",
        "M-REPAS",
        "",
    ],
    [2023, "Commune A", "electricite-mix-moyen", "20", "MWh", "Factures", "", "60612"],
    [2023, "Commune A", "dechets-omr-incineration", "50000", "kg", "Service déchets", "", "6288"],
]


def write_yaml(path: Path, doc: Any) -> Path:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def files(make_ledger: LedgerFactory, tmp_path: Path) -> dict[str, Path]:
    return {
        "ledger": make_ledger(LEDGER, header=HEADER, fmt="csv"),
        "rules": write_yaml(tmp_path / "rules.yaml", RULES),
        "activities": write_csv(tmp_path / "activites.csv", [ACT_HEADER, *ACTIVITIES]),
    }


def footprint(files: dict[str, Path], activities: list[Path] | None = None) -> FootprintReport:
    sets = load_factor_sets(None)
    rows = load_activities(activities or [files["activities"]], merge_factors(sets))
    return compute_footprint(
        read_ledger([files["ledger"]]),
        sets,
        load_mapping_rules([files["rules"]], defaults=False),
        load_price_index(),
        FootprintOptions(activities=rows),
    )


def test_quantities_replace_the_spend_they_cover(files: dict[str, Path]) -> None:
    r = footprint(files)
    meals_kg = 3000 * MEAL + 1000 * VEGETARIAN
    electricity_kg = 20 * 1000 * ELECTRICITY_2023  # MWh → kWh
    waste_kg = 50 * WASTE  # kg → t
    cars_kg = 10 * H49_2023
    paper_kg = 2 * C17_2023
    ledger = r.lines[~r.lines["activity_line"]]
    # the meals spread over the contract's lines in proportion to their spend (6 000 / 4 000)
    assert ledger["emissions_kgco2e"].to_list() == pytest.approx(
        [meals_kg * 0.6, meals_kg * 0.4, cars_kg, electricity_kg, paper_kg]
    )
    assert [str(m) for m in ledger["method"]] == [
        "activity",
        "activity",
        "ratio",
        "activity",
        "ratio",
    ]
    assert [str(s) for s in ledger["status"]] == ["mapped"] * 5  # electricity no longer to quantify
    assert ledger["activity_ref"].to_list()[:2] == ["activites.csv:2, activites.csv:3"] * 2
    assert ledger["activity_ref"].to_list()[3] == "activites.csv:4"
    assert ledger["quantity_used"].to_list()[3] == pytest.approx(20000)
    # the waste row finds no spend on account 6288: a line of its own, counted beside the rest
    alone = r.lines[r.lines["activity_line"]]
    assert len(alone) == 1
    assert alone["emissions_kgco2e"].to_list() == pytest.approx([waste_kg])
    assert alone["amount_excl_vat_eur"].to_list() == [0.0]
    assert str(alone["beges_post"].iloc[0]) == "4.3"
    total_kg = meals_kg + electricity_kg + waste_kg + cars_kg + paper_kg
    assert r.totals.emissions_tco2e == pytest.approx(total_kg / 1000)
    assert r.totals.spend_excl_vat_eur == 25000.0


def test_reconciliation_holds_to_the_cent_with_the_replaced_spend_shown(
    files: dict[str, Path],
) -> None:
    rec = footprint(files).reconciliation
    # rows read: the header row (skipped) and five lines, all counted: none left to quantify
    assert (rec.rows_read, rec.rows_skipped, rec.rows_mapped, rec.rows_unquantified) == (6, 1, 5, 0)
    assert (rec.spend_read_eur, rec.spend_mapped_eur) == (25000.0, 25000.0)
    assert (rec.rows_replaced, rec.spend_replaced_eur, rec.rows_activity) == (3, 13000.0, 1)
    assert rec.balanced


def test_without_activities_the_same_ledger_rests_on_ratios(files: dict[str, Path]) -> None:
    sets = load_factor_sets(None)
    r = compute_footprint(
        read_ledger([files["ledger"]]),
        sets,
        load_mapping_rules([files["rules"]], defaults=False),
        load_price_index(),
        FootprintOptions(),
    )
    naf_i = FACTORS["naf-I"]["values"][2023]
    expected = (10 * naf_i + 10 * H49_2023 + 2 * C17_2023) / 1000  # electricity to quantify
    assert r.totals.emissions_tco2e == pytest.approx(expected)
    assert r.reconciliation.spend_unquantified_eur == 3000.0
    assert "activities" not in r.to_dict()


def test_method_table_uncertainty_and_json(files: dict[str, Path]) -> None:
    r = footprint(files)
    meals_kg = 3000 * MEAL + 1000 * VEGETARIAN
    by_method = {row.key: row for row in r.tables["by_method"]}
    activity_kg = meals_kg + 20000 * ELECTRICITY_2023 + 50 * WASTE
    assert by_method["activity"].spend_excl_vat_eur == 13000.0
    assert by_method["activity"].emissions_tco2e == pytest.approx(activity_kg / 1000)
    assert by_method["ratio"].spend_excl_vat_eur == 12000.0
    # two factors of one contract err independently: their combined relative uncertainty
    u_meal = FACTORS["alimentation-repas-moyen"]["uncertainty"]
    u_veg = FACTORS["alimentation-repas-vegetarien"]["uncertainty"]
    combined = math.hypot(u_meal * 3000 * MEAL, u_veg * 1000 * VEGETARIAN) / meals_kg
    assert r.lines["uncertainty_rel"].to_list()[:2] == pytest.approx([combined, combined])
    doc = json.loads(json.dumps(r.to_dict()))
    rows = {a["row"]: a for a in doc["activities"]}
    assert rows[2]["emissions_tco2e"] == pytest.approx(3000 * MEAL / 1000)
    assert rows[2]["spend_replaced_eur"] == 10000.0
    assert rows[4]["quantity_used"] == 20000
    assert rows[4]["factor_unit"] == "kWh"
    assert rows[5]["lines_replaced"] == 0
    # what the replaced spend counted on its ratio: the meals' 10 k€ on naf-I, the
    # electricity nothing (it was to quantify)
    naf_i = FACTORS["naf-I"]["values"][2023]
    assert rows[2]["ratio_emissions_replaced_tco2e"] == pytest.approx(10 * naf_i / 1000)
    assert rows[4]["ratio_emissions_replaced_tco2e"] == 0
    alone = next(i for i in r.issues if i.code == "activity-no-spend")
    assert alone.message("fr").startswith("activites.csv ligne 5 : le sélecteur")
    assert alone.message("en").startswith("activites.csv row 5: the selector")
    used = next(i for i in r.issues if i.code == "activity-used")
    assert used.params["ratio_emissions"] == pytest.approx(10 * naf_i / 1000)
    codes = [i["code"] for i in doc["issues"]]
    assert "activity-no-spend" in codes
    assert "activity-used" in codes


def test_activity_of_another_year_is_not_counted(files: dict[str, Path], tmp_path: Path) -> None:
    other = [[2022, "Commune A", "dechets-omr-incineration", "10", "t", "", "", "6288"]]
    path = write_csv(tmp_path / "autre.csv", [ACT_HEADER, *other])
    r = footprint(files, [path])
    assert not r.lines["activity_line"].any()
    issue = next(i for i in r.issues if i.code == "activity-outside-perimeter")
    assert issue.params["other_year"] == 1


def test_declared_amount_that_differs_is_said(files: dict[str, Path], tmp_path: Path) -> None:
    header = [*ACT_HEADER, "Montant HT couvert"]
    rows = [[2023, "Commune A", "alimentation-repas-moyen", 3000, "repas", "", "M-REPAS", "", 8000]]
    r = footprint(files, [write_csv(tmp_path / "a.csv", [header, *rows])])
    issue = next(i for i in r.issues if i.code == "activity-covered-differs")
    assert (issue.params["declared"], issue.params["found"]) == (8000.0, 10000.0)


def test_xlsx_activity_file_and_cli_report(files: dict[str, Path], tmp_path: Path) -> None:
    from .conftest import write_xlsx

    book = write_xlsx(
        tmp_path / "activites.xlsx",
        [["Données d'activité 2023"], ACT_HEADER, *ACTIVITIES],
        sheet="Activités",
    )
    out = tmp_path / "r.json"
    args = ["footprint", str(files["ledger"]), "--mapping", str(files["rules"])]
    result = invoke(*args, "--activities", str(book), "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["activities"][0]["ref"] == "activites.xlsx[Activités]:3"
    assert doc["reconciliation"]["spend_replaced_eur"] == 13000.0
    xlsx = tmp_path / "r.xlsx"
    result = invoke(*args, "--activities", str(book), "-o", str(xlsx))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    import openpyxl

    sheet = openpyxl.load_workbook(xlsx)["Données d'activité"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[3][:2] == ("Ligne du fichier", "Exercice")
    first = rows[4]
    assert first[0] == "activites.xlsx (feuille « Activités ») ligne 3"
    assert first[10] == pytest.approx(3000 * MEAL / 1000)  # tCO2e
    assert first[18] == 10000.0  # the meals contract's spend, replaced
    english = tmp_path / "en.xlsx"
    result = invoke(*args, "--activities", str(book), "-o", str(english), "--lang", "en")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    rows = list(openpyxl.load_workbook(english)["Activity data"].iter_rows(values_only=True))
    assert rows[3][-1] == "On its ratio, this spend counted (tCO2e)"


def _error(files: dict[str, Path], tmp_path: Path, rows: list[list[Any]], lang: str = "fr") -> str:
    path = write_csv(tmp_path / "bad.csv", [ACT_HEADER, *rows])
    result = invoke(
        "footprint",
        str(files["ledger"]),
        "--mapping",
        str(files["rules"]),
        "--activities",
        str(path),
        "--lang",
        lang,
    )
    assert result.exit_code == 3, result.output  # type: ignore[attr-defined]
    return flat(result.output)  # type: ignore[attr-defined]


def test_two_rows_on_the_same_contract_year_and_factor_are_refused(
    files: dict[str, Path], tmp_path: Path
) -> None:
    row = [2023, "Commune A", "alimentation-repas-moyen", 100, "repas", "", "M-REPAS", ""]
    text = _error(files, tmp_path, [row, row])
    assert "bad.csv, ligne 3" in text
    assert "répète bad.csv ligne 2" in text
    assert "comptée deux fois" in text


def test_unit_that_does_not_match_its_factor_is_refused(
    files: dict[str, Path], tmp_path: Path
) -> None:
    row = [2023, "Commune A", "electricite-mix-moyen", 5, "t", "", "", "60612"]
    text = _error(files, tmp_path, [row])
    assert "bad.csv, ligne 2, colonne « Unité »" in text
    assert (
        "l'unité « t » ne correspond pas au facteur electricite-mix-moyen, exprimé par kWh" in text
    )
    english = _error(files, tmp_path, [row], lang="en")
    assert "unit 't' does not match factor electricite-mix-moyen, given per kWh" in english


def test_unknown_factor_is_refused_with_close_ids(files: dict[str, Path], tmp_path: Path) -> None:
    row = [2023, "Commune A", "dechets-omr-incinerations", 5, "t", "", "", "6288"]
    text = _error(files, tmp_path, [row])
    assert "colonne « Facteur »" in text
    assert "facteur « dechets-omr-incinerations » inconnu" in text
    assert "dechets-omr-incineration" in text.split("Proches :")[1]


def test_negative_quantity_is_refused_and_other_errors_are_counted(
    files: dict[str, Path], tmp_path: Path
) -> None:
    rows = [
        [2023, "Commune A", "dechets-omr-incineration", -5, "t", "", "", "6288"],
        [2023, "Commune A", "inconnu", 5, "t", "", "", "6288"],
    ]
    text = _error(files, tmp_path, rows)
    assert "ligne 2, colonne « Quantité »" in text
    assert "quantité négative (-5)" in text
    assert "1 autre(s) ligne(s) du fichier en erreur aussi" in text


def test_monetary_factor_and_unknown_entity_are_refused(
    files: dict[str, Path], tmp_path: Path
) -> None:
    text = _error(files, tmp_path, [[2023, "Commune A", "naf-I", 5, "repas", "", "M-REPAS", ""]])
    assert "« naf-I » est un ratio monétaire" in text
    text = _error(
        files,
        tmp_path,
        [[2023, "Commune B", "alimentation-repas-moyen", 5, "repas", "", "M-REPAS", ""]],
    )
    assert "entité « Commune B » absente du grand livre (entités lues : Commune A)" in text


def test_overlapping_selectors_are_refused(files: dict[str, Path], tmp_path: Path) -> None:
    rows = [
        [2023, "Commune A", "alimentation-repas-moyen", 100, "repas", "", "M-REPAS", ""],
        [2023, "Commune A", "alimentation-repas-vegetarien", 100, "repas", "", "", "611"],
    ]
    text = _error(files, tmp_path, rows)
    assert "déjà couverte par bad.csv ligne 2" in text
    assert "2 ligne(s) du grand livre (la première :" in text


def test_file_without_header_says_what_is_needed(files: dict[str, Path], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", [["Tonnes", "Déchets"], [12, "OMR"]])
    result = invoke("footprint", str(files["ledger"]), "--activities", str(path))
    assert result.exit_code == 3
    text = flat(result.output)  # type: ignore[attr-defined]
    assert "« Exercice », « Facteur », « Quantité » et « Unité »" in text
    assert "« Tonnes »" in text


def test_ledger_activity_and_supplier_files_together(
    files: dict[str, Path], tmp_path: Path
) -> None:
    """The issue's acceptance case: every method on one ledger, figures computed by hand."""
    from achats_durables.ledger.supplier_table import load_supplier_file

    header = [
        "SIREN",
        "Fournisseur",
        "Intensité (kgCO2e/k€ HT)",
        "Année",
        "Périmètre",
        "Source",
        "Incertitude",
    ]
    row = [
        CARS[:9],
        "Cars SA",
        200,
        2023,
        "scopes 1, 2, 3",
        "BEGES 2023 publié sur la plateforme ADEME",
        "10 %",
    ]
    suppliers = load_supplier_file(write_csv(tmp_path / "fournisseurs.csv", [header, row]))
    sets = load_factor_sets(None)
    r = compute_footprint(
        read_ledger([files["ledger"]]),
        sets,
        load_mapping_rules([files["rules"]], defaults=False),
        load_price_index(),
        FootprintOptions(
            activities=load_activities([files["activities"]], merge_factors(sets)),
            suppliers=suppliers,
        ),
    )
    meals_kg = 3000 * MEAL + 1000 * VEGETARIAN
    activity_kg = meals_kg + 20 * 1000 * ELECTRICITY_2023 + 50 * WASTE
    supplier_kg = 10 * 200  # 10 k€ HT of 2023 at the supplier's 200 kgCO2e per k€ of 2023
    ratio_kg = 2 * C17_2023
    total_kg = activity_kg + supplier_kg + ratio_kg
    assert r.totals.emissions_tco2e == pytest.approx(total_kg / 1000)
    by_method = {row.key: row for row in r.tables["by_method"]}
    assert list(by_method) == ["supplier", "activity", "ratio"]
    assert [by_method[m].spend_excl_vat_eur for m in by_method] == [10000.0, 13000.0, 2000.0]
    assert by_method["supplier"].emissions_tco2e == pytest.approx(supplier_kg / 1000)
    assert by_method["activity"].emissions_tco2e == pytest.approx(activity_kg / 1000)
    assert by_method["ratio"].emissions_tco2e == pytest.approx(ratio_kg / 1000)
    assert r.data_quality is not None
    assert r.data_quality.score == pytest.approx((activity_kg + supplier_kg) / total_kg)
    rec = r.reconciliation
    assert (rec.spend_read_eur, rec.spend_mapped_eur, rec.spend_replaced_eur) == (
        25000.0,
        25000.0,
        13000.0,
    )
    assert rec.balanced
    # the suppliers still on a ratio are the ones to ask for their own figure
    assert [d["name"] for d in r.to_dict()["data_requests"]] == ["Papeterie"]


def test_explain_a_covered_line_gives_the_rows_and_its_share(files: dict[str, Path]) -> None:
    args = ["explain", str(files["ledger"]), "--mapping", str(files["rules"])]
    args += ["--activities", str(files["activities"]), "--row", "2"]  # 6 000 € of the meals
    result = invoke(*args)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    text = flat(result.stdout)  # type: ignore[attr-defined]
    meals_t = (3000 * MEAL + 1000 * VEGETARIAN) / 1000
    assert "activites.csv ligne 2, 3 000 repas de « Repas, moyen »" in text
    assert "puis activites.csv ligne 3, 1 000 repas de « Repas, végétarien »" in text
    assert "pour 10 000,00 € HT de dépense couverte" in text
    share_kg = f"{meals_t * 0.6 * 1000:,.1f}".replace(",", " ").replace(".", ",")
    assert f"6 000,00 € ÷ 10 000,00 € = 60,00 %, soit {share_kg} kgCO2e" in text.replace(
        "\u202f", " "
    )
    english = flat(invoke(*args, "--lang", "en").stdout)  # type: ignore[attr-defined]
    assert "This line carries the share of its spend" in english
    data = json.loads(invoke(*args, "--format", "json").stdout)  # type: ignore[attr-defined]
    codes = [s["code"] for s in data["steps"]]
    assert "explain-step-activity" in codes
    assert "explain-step-activity-share" in codes


def test_explain_a_line_covered_without_positive_spend(
    make_ledger: LedgerFactory, files: dict[str, Path], tmp_path: Path
) -> None:
    credit = [[2023, "Commune A", "611", "Avoir repas", "Resto SA", RESTO, "M-REPAS", -500]]
    ledger = make_ledger(credit, header=HEADER, fmt="csv", name="avoir.csv")
    rows = [[2023, "Commune A", "alimentation-repas-moyen", 100, "repas", "", "M-REPAS", ""]]
    path = write_csv(tmp_path / "a.csv", [ACT_HEADER, *rows])
    args = ["explain", str(ledger), "--mapping", str(files["rules"]), "--activities", str(path)]
    result = invoke(*args, "--row", "2")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "n'est pas positive" in flat(result.stdout)  # type: ignore[attr-defined]
    sets = load_factor_sets(None)
    r = compute_footprint(
        read_ledger([ledger]),
        sets,
        load_mapping_rules([files["rules"]], defaults=False),
        load_price_index(),
        FootprintOptions(activities=load_activities([path], merge_factors(sets))),
    )
    # the credit note counts zero; the row's 100 meals stand on a line of their own
    assert r.lines["emissions_kgco2e"].to_list() == pytest.approx([0.0, 100 * MEAL])
    assert r.totals.emissions_tco2e == pytest.approx(100 * MEAL / 1000)


def test_mangled_activity_files_never_crash(files: dict[str, Path], tmp_path: Path) -> None:
    """Seeded random damage to the activity file: a report (exit 0) or a located error (exit 3),
    never an internal error."""
    import random

    rng = random.Random(20261202)
    cells = [
        "", " ", "2023", "2O23", "1899", "Commune A", "commune a", "Commune B", "12", "-3",
        "1,5e3", "abc", "t", "kg", "MWh", "kWh PCS", "repas", "u", "m3", "L", "naf-I",
        "dechets-omr-incineration", "alimentation-repas-moyen", "electricite-mix-moyen",
        "M-REPAS", "M-CARS", "611", "6", "73282932000074", "732829320", "123", "Resto SA",
        "=1+1", "\x00", "9" * 40, "1 000 000 000 000",
    ]  # fmt: skip
    for case in range(40):
        header = list(ACT_HEADER)
        if rng.random() < 0.1:
            header[rng.randrange(len(header))] = rng.choice(cells)
        damaged = rng.randrange(1, 4) if rng.random() < 0.5 else 0  # half the files stay valid
        rows = [[rng.choice(cells) for _ in header] for _ in range(damaged)]
        rows += [list(r) for r in ACTIVITIES if rng.random() < 0.5]
        order = list(range(len(header)))
        if rng.random() < 0.3:
            rng.shuffle(order)  # the reader finds the columns by their headers
        table = [[r[i] for i in order] for r in [header, *rows]]
        path = write_csv(tmp_path / f"a{case}.csv", table)
        result = invoke(
            "footprint", str(files["ledger"]), "--mapping", str(files["rules"]),
            "--activities", str(path), "--format", "json",
        )  # fmt: skip
        output = result.output  # type: ignore[attr-defined]
        assert result.exit_code in (0, 3), (case, output)  # type: ignore[attr-defined]
        assert "Traceback" not in output
        assert "erreur interne" not in output
