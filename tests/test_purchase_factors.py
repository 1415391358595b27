"""Physical factors of purchases (factors/ademe-base-carbone-v23.6-achats-physiques.yaml).

The cross-checks read the reference CSV with the csv module, never project code; the structural
tests run everywhere. Ledger quantities in any physical unit (t ↔ kg, L ↔ m3) are computed by hand
from the figures of the shipped file.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from achats_durables.core.text import PHYSICAL_UNITS
from achats_durables.knowledge.beges import POSTS
from achats_durables.knowledge.factors import load_factor_sets
from achats_durables.operations.pipeline import load_setup, run_footprint

from .conftest import REPO, LedgerFactory, skip_without_shared
from .test_footprint import IPC, VALUES, compute

FILE = REPO / "factors" / "ademe-base-carbone-v23.6-achats-physiques.yaml"
CSV_NAME = "ademe_base_carbone_v23.6_facteurs_physiques_achats.csv"
ENERGY_FILE = REPO / "factors" / "ademe-base-carbone-v23.6-physiques.yaml"
WASTE_FILE = REPO / "factors" / "ademe-base-carbone-v23.6-dechets.yaml"
# The source's unit (after « kgCO2e/ ») and the engine unit it must read as, written by hand.
UNIT_OF = {
    "tonne de déchets": "t",
    "tonne": "t",
    "t": "t",
    "kg": "kg",
    "Kg": "kg",
    "kg de poids net": "kg",
    "unité": "u",
    "livre": "u",
    "repas": "repas",
    "m²": "m2",
    "m² SHON": "m2",
    "m2 SHON": "m2",
    "m² de paroi": "m2",
    "m² de sol": "m2",
    "m² de toiture": "m2",
    "mL": "m",
    "m de route": "m",
    "km": "km",
    "passager.km": "passager.km",
    "t.km": "t.km",
    "m3.km": "m3.km",
    "personne.mois": "personne.mois",
}


def load(path: Path) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


FACTORS = {f["id"]: f for f in load(FILE)["factors"]}


def refs_of(path: Path) -> set[str]:
    out: set[str] = set()
    for f in load(path)["factors"]:
        out |= {str(r) for r in (f.get("refs") or {0: f["ref"]}).values()}
    return out


def reference_rows() -> list[dict[str, str]]:
    from .conftest import shared_reference

    ref = shared_reference()
    if ref is None:
        skip_without_shared("../shared/reference absent : contrôle croisé impossible hors CI")
    with (ref / CSV_NAME).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------- against the CSV


def test_every_figure_matches_the_reference() -> None:
    rows = {r["base_carbone_id"]: r for r in reference_rows()}
    for fid, f in FACTORS.items():
        row = rows[str(f["ref"])]
        assert Decimal(str(f["value"])) == Decimal(row["valeur_total_kgco2e"]), fid
        assert f["unit"] == "kgCO2e/" + UNIT_OF[row["unite"].removeprefix("kgCO2e/")], fid
        if row["incertitude_pct"]:
            assert f["uncertainty"] == int(row["incertitude_pct"]) / 100, fid
            assert "note" not in f, fid
        else:
            assert f["uncertainty"] == 0.5, fid
            assert "50 % par défaut" in f["note"], fid
        assert not row["frontiere"].endswith("Emissions évitées"), fid
        theme = row["theme_extrait"]
        expected = (
            "4.3"
            if theme.startswith("dechets_")
            else "3.1"
            if theme == "vehicules_fret_routier"
            else "3.5"
            if theme in ("vehicules_voiture_km", "vehicules_bus_car", "vehicules_train")
            else "4.1"
        )
        assert f["beges"] == expected, fid


def test_every_row_is_shipped_once_except_avoided_emissions() -> None:
    """400 rows = 312 here + 38 in the waste set + 50 « Emissions évitées » left out."""
    rows = reference_rows()
    assert len(rows) == 400
    avoided = {r["base_carbone_id"] for r in rows if r["frontiere"].endswith("Emissions évitées")}
    assert len(avoided) == 50
    shipped = refs_of(FILE)
    waste, energy = refs_of(WASTE_FILE), refs_of(ENERGY_FILE)
    assert len(shipped) == len(FACTORS) == 312
    assert not shipped & waste
    assert not shipped & energy
    assert not shipped & avoided
    assert shipped | waste | avoided == {r["base_carbone_id"] for r in rows}


# --------------------------------------------------------------------------- structure


def test_structure() -> None:
    doc = load(FILE)
    assert doc["id"] == "ademe-base-carbone-v23.6-achats-physiques"
    assert "Emissions évitées" in FILE.read_text(encoding="utf-8").split("\nid:")[0]
    for fid, f in FACTORS.items():
        assert f["kind"] == "physical", fid
        assert f["unit"].removeprefix("kgCO2e/") in PHYSICAL_UNITS, fid
        assert 0 < f["uncertainty"] <= 1, fid
        assert f["beges"] in POSTS, fid
        assert f["value"] > 0, fid
        assert "vitées" not in f["label"], fid


def test_ids_unique_across_the_shipped_sets() -> None:
    ids = [fid for fs in load_factor_sets() for fid in fs.factors]
    assert len(ids) == len(set(ids))
    refs = [r for path in (FILE, WASTE_FILE, ENERGY_FILE) for r in sorted(refs_of(path))]
    assert len(refs) == len(set(refs))


def test_counts_by_family() -> None:
    """Families of shared/reference/README_facteurs_physiques_achats.md (waste: 124 rows − 50
    avoided − 38 already in the waste set; transport: 3 + 24 passenger + 26 freight)."""
    counts: dict[str, int] = {}
    for fid in FACTORS:
        family = fid.split("-", 1)[0]
        counts[family] = counts.get(family, 0) + 1
    assert counts == {
        "dechets": 36,
        "alimentation": 35,
        "papier": 8,
        "materiaux": 112,
        "numerique": 24,
        "vehicules": 3,
        "deplacements": 24,
        "fret": 26,
        "textiles": 17,
        "mobilier": 25,
        "eau": 2,
    }


@pytest.mark.parametrize(
    ("ref", "unit", "value", "beges"),
    [  # copied by hand from the reference CSV
        (24309, "kgCO2e/kg", 0.919, "4.1"),  # papier moyen, per kg (« Kg » in the source)
        (20687, "kgCO2e/repas", 6.29, "4.1"),  # repas classique (avec boeuf)
        (20719, "kgCO2e/t", 88, "4.1"),  # béton C25/30 CEM II
        (27005, "kgCO2e/u", 222, "4.1"),  # écran 21,5 pouces
        (24302, "kgCO2e/m2", 650, "4.1"),  # bâtiments de bureaux, per m² SHON
        (43643, "kgCO2e/t.km", 0.0875, "3.1"),  # articulé 34-40 t, diesel B7
        (28003, "kgCO2e/passager.km", 0.0217, "3.5"),  # autobus électrique
        (20905, "kgCO2e/t", 5500, "4.1"),  # véhicules, fabrication, per tonne
    ],
)
def test_main_factors(ref: int, unit: str, value: float, beges: str) -> None:
    f = next(f for f in FACTORS.values() if f["ref"] == ref)
    assert (f["unit"], f["value"], f["beges"]) == (unit, value, beges)


# --------------------------------------------------------------------------- ledger quantities

PAPER = "papier-moyen-hors-utilisation-et-fin-de-vie"  # 0.919 kgCO2e/kg
CONCRETE = next(fid for fid, f in FACTORS.items() if f["ref"] == 20719)  # 88 kgCO2e/t
MEAL = next(fid for fid, f in FACTORS.items() if f["ref"] == 20687)  # 6.29 kgCO2e/repas
SCREEN = next(fid for fid, f in FACTORS.items() if f["ref"] == 27005)  # 222 kgCO2e/unité
HEADER = ["Exercice", "Nature", "Libellé", "Montant HT", "Quantité", "Unité"]


@pytest.fixture
def quantity_rules(tmp_path: Path) -> Path:
    rules = {
        "id": "test",
        "rules": [
            {
                "id": "papier",
                "when": {"account": "6064"},
                "factor": "naf-C17",
                "physical": {"t": PAPER},
            },
            {
                "id": "beton",
                "when": {"account": "2315"},
                "factor": "naf-C23",
                "physical": {"kg": CONCRETE},
            },
            {
                "id": "repas",
                "when": {"account": "611"},
                "factor": "naf-I",
                "physical": {"repas": MEAL},
            },
            {
                "id": "ecrans",
                "when": {"account": "2183"},
                "factor": "naf-C26",
                "physical": {"u": SCREEN},
            },
            {
                "id": "eau",
                "when": {"account": "60611"},
                "factor": "naf-C17",
                "physical": {"m3": "eau-reseau-m3"},
            },
        ],
    }
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    return path


def test_ledger_quantities_convert_to_the_factor_unit(
    make_ledger: LedgerFactory, quantity_rules: Path
) -> None:
    rows = [
        [2024, "6064", "Ramettes", 3000, 2, "t"],  # 2 000 kg × 0.919
        [2024, "6064", "Ramettes", 800, 500, "kg"],  # 500 kg × 0.919
        [2024, "6064", "Ramettes", 50, 20000, "g"],  # 20 kg × 0.919
        [2024, "2315", "Béton voirie", 9000, 12000, "kg"],  # 12 t × 88, capital: post 4.2
        [2024, "2315", "Béton voirie", 4000, 5, "tonnes"],  # 5 t × 88
        [2024, "60611", "Eau", 100, 4000, "L"],  # 4 m3 × the water factor
        [2024, "611", "Repas livrés", 900, 150, "repas"],  # 150 × 6.29
        [2024, "2183", "Écrans", 600, 3, "unités"],  # 3 × 222, capital: post 4.2
    ]
    report: Any = compute(make_ledger(rows, header=HEADER), quantity_rules)
    lines = report.lines.set_index("row")
    water = {f["id"]: f for f in load(ENERGY_FILE)["factors"]}["eau-reseau-m3"]["value"]
    expected = {
        2: 2000 * 0.919,
        3: 500 * 0.919,
        4: 20 * 0.919,
        5: 12 * 88,
        6: 5 * 88,
        7: 4 * water,
        8: 150 * 6.29,
        9: 3 * 222,
    }
    for row, kg in expected.items():
        assert lines.loc[row, "emissions_kgco2e"] == pytest.approx(kg), row
    assert lines.loc[2, "quantity_used"] == pytest.approx(2000)
    assert lines.loc[5, "quantity_used"] == pytest.approx(12)
    assert lines.loc[[5, 6, 9], "beges_post"].tolist() == ["4.2", "4.2", "4.2"]
    assert lines.loc[2, "beges_post"] == "4.1"
    assert not any(i.code == "quantity-unit-not-convertible" for i in report.issues)
    assert report.reconciliation.balanced


def test_unit_that_does_not_convert_stays_on_the_ratio(
    make_ledger: LedgerFactory, quantity_rules: Path
) -> None:
    rows = [
        [2024, "6064", "Papier", 1000, 3, "m3"],  # m3 for a per-kg factor: ratio naf-C17
        [2024, "6064", "Papier", 1000, 1, "t"],
    ]
    report: Any = compute(make_ledger(rows, header=HEADER), quantity_rules)
    lines = report.lines.set_index("row")
    assert lines.loc[3, "emissions_kgco2e"] == pytest.approx(1000 * 0.919)
    # 1 000 € HT of 2024 on naf-C17 (euros of 2023 by the IPC): the monetary ratio
    c17 = VALUES["naf-C17"][2023] * IPC[2023] / IPC[2024]
    assert lines.loc[2, "emissions_kgco2e"] == pytest.approx(c17)
    assert lines.loc[2, "factor"] == "naf-C17"
    assert lines.loc[3, "factor"] == PAPER
    issue = next(i for i in report.issues if i.code == "quantity-unit-not-convertible")
    assert issue.params["count"] == 1
    assert issue.params["units"] == "m3"
    assert issue.params["expected"] == "t"
    assert issue.location.row == 2
    assert "m3" in issue.message()
    assert "t ↔ kg" in issue.message()


def test_shipped_rules_unchanged_by_the_new_set(make_ledger: LedgerFactory) -> None:
    """Loading the library changes nothing for a line no rule names a new factor for."""
    header = ["Exercice", "Nature", "Libellé", "Montant TTC", "Quantité", "Unité"]
    report = run_footprint(
        [make_ledger([[2024, "6064", "Fournitures", 1200, 3, "t"]], header=header)], load_setup()
    )
    line = report.lines.iloc[0]
    assert line["factor"] != PAPER
    assert pd.isna(line["quantity_used"])
