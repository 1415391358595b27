"""Physical factors (energy, fuels, water, waste): every figure against the Base Carbone extracts.

Expected figures are read here from the reference CSVs with the csv module (and summed with
Decimal where the test says so), never through project code.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import REPO, skip_without_shared

FILE = REPO / "factors" / "ademe-base-carbone-v23.6-physiques.yaml"
WASTE_FILE = REPO / "factors" / "ademe-base-carbone-v23.6-dechets.yaml"
ENERGY_CSV = "ademe_base_carbone_v23.6_facteurs_physiques_extrait.csv"
PURCHASES_CSV = "ademe_base_carbone_v23.6_facteurs_physiques_achats.csv"
SKIP_REASON = "../shared/reference absent : contrôle croisé impossible hors CI"
ENERGY_POSTS = {"1.1", "1.2", "2.1", "2.2"}


def reference() -> Path:
    from .conftest import shared_reference

    ref = shared_reference()
    if ref is None:
        skip_without_shared(SKIP_REASON)
    return ref


def load(path: Path) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


def rows_by_id(name: str) -> dict[str, dict[str, str]]:
    with (reference() / name).open(encoding="utf-8") as handle:
        return {r["base_carbone_id"]: r for r in csv.DictReader(handle)}


def parts(row: dict[str, str]) -> dict[str, Decimal]:
    """The Base Carbone decomposition « Combustion = 0.181 ; Amont = 0.0344 » as numbers."""
    out: dict[str, Decimal] = {}
    for item in filter(None, row["decomposition_postes"].split(" ; ")):
        name, value = item.rsplit(" = ", 1)
        out[name] = Decimal(value)
    return out


def by_year(f: dict[str, Any], key: str) -> dict[int, Any]:
    """``refs``/``values`` by year, or {0: ref/value} for an undated factor."""
    return f.get(f"{key}s") or {0: f[key]}


# --------------------------------------------------------------------------- energy


def test_every_physical_figure_matches_the_extract() -> None:
    rows = rows_by_id(ENERGY_CSV)
    doc = load(FILE)
    assert len(doc["factors"]) == 15
    for f in doc["factors"]:
        assert f["kind"] == "physical"
        refs, values = by_year(f, "ref"), by_year(f, "value")
        unit = f["unit"].split("/")[1]
        for year, ref in refs.items():
            row = rows[str(ref)]
            assert float(row["valeur_total_kgco2e"]) == values[year], f["id"]
            assert unit.lower().replace("³", "3") in row["unite"].lower().replace("³", "3").replace(
                "litre", "l"
            ), f["id"]
            if year:
                assert row["attribut"].startswith(str(year)), f["id"]
        assert (
            f["uncertainty"]
            == max(float(rows[str(r)]["incertitude_pct"]) for r in refs.values()) / 100
        )


@pytest.mark.parametrize(
    ("fid", "ref", "unit", "value"),
    [
        ("gaz-naturel-kwh-pcs", 37133, "kgCO2e/kWh PCS", 0.215),  # gas invoices are in kWh PCS
        ("gaz-naturel-kwh-pci", 37132, "kgCO2e/kWh PCI", 0.239),
        ("essence-e85-litre", 25766, "kgCO2e/L", 1.11),
        ("propane-litre", 13560, "kgCO2e/L", 1.79),
        ("granules-bois-kwh", 34942, "kgCO2e/kWh PCI", 0.0113),
        ("plaquettes-forestieres-kwh", 34937, "kgCO2e/kWh PCI", 0.0164),
    ],
)
def test_new_energy_factors(fid: str, ref: int, unit: str, value: float) -> None:
    """Values quoted in shared/reference/README.md and the extract, copied by hand."""
    f = {f["id"]: f for f in load(FILE)["factors"]}[fid]
    assert (f["ref"], f["unit"], f["value"]) == (ref, unit, value)


def test_upstream_is_amont_plus_line_losses() -> None:
    """upstream = « Amont » (+ « Transport et distribution - Pertes » for electricity), post 4.1."""
    rows = rows_by_id(ENERGY_CSV)
    with_upstream = []
    for f in load(FILE)["factors"]:
        refs = by_year(f, "ref")
        decomposed = [parts(rows[str(r)]) for r in refs.values()]
        if f["beges"] not in ENERGY_POSTS or not all(decomposed):
            assert "upstream" not in f, f["id"]
            assert "upstream_values" not in f, f["id"]
            assert "upstream_beges" not in f, f["id"]
            continue
        with_upstream.append(f["id"])
        expected = {
            year: d["Amont"] + d.get("Transport et distribution - Pertes", Decimal(0))
            for year, d in zip(refs, decomposed, strict=True)
        }
        got = f.get("upstream_values") or {0: f["upstream"]}
        assert {y: Decimal(str(v)) for y, v in got.items()} == expected, f["id"]
        assert f["upstream_beges"] == "4.1", f["id"]
        assert "catégorie 3 du GHG Protocol" in f["note"], f["id"]
    assert len(with_upstream) == 13
    heat = {f["id"]: f for f in load(FILE)["factors"]}["reseau-chaleur-moyen"]
    assert "upstream" not in heat
    assert "Pas de décomposition" in heat["note"]


def test_electricity_2024_upstream_by_hand() -> None:
    """43642: Combustion à la centrale 0.035 ; Amont 0.0131 ; Pertes 0.0038 (README)."""
    f = {f["id"]: f for f in load(FILE)["factors"]}["electricite-mix-moyen"]
    assert f["upstream_values"][2024] == pytest.approx(0.0131 + 0.0038)
    assert f["values"][2024] - f["upstream_values"][2024] == pytest.approx(0.035)
    gas = {f["id"]: f for f in load(FILE)["factors"]}["gaz-naturel-kwh-pcs"]
    assert gas["upstream"] == pytest.approx(0.0344)


def test_decompositions_close_on_the_total() -> None:
    """Sum of the Base Carbone parts within 0.5 % of the total (3-significant-digit export).

    All 18 decomposed rows used close: the largest gap is gas PCS 37133 (0.2154 for 0.215,
    0.19 %); 37089 (heating networks) has no decomposition at all.
    """
    rows = rows_by_id(ENERGY_CSV)
    gaps: dict[str, float] = {}
    for f in load(FILE)["factors"]:
        for ref in by_year(f, "ref").values():
            row = rows[str(ref)]
            if not parts(row):
                continue
            total = Decimal(row["valeur_total_kgco2e"])
            gaps[str(ref)] = float(abs(sum(parts(row).values()) - total) / total)
    assert len(gaps) == 19
    assert max(gaps.values()) <= 0.005, {k: v for k, v in gaps.items() if v > 0.005}
    assert max(gaps, key=lambda k: gaps[k]) == "37133"


def test_script_reproduces_the_file(tmp_path: Path) -> None:
    shared = reference()
    for script, target in (
        ("build_physical_factors.py", FILE),
        ("build_waste_factors.py", WASTE_FILE),
        (
            "build_purchase_factors.py",
            REPO / "factors" / "ademe-base-carbone-v23.6-achats-physiques.yaml",
        ),
    ):
        subprocess.run(
            [
                sys.executable,
                str(REPO / "scripts" / script),
                "--shared",
                str(shared),
                "--out",
                str(tmp_path),
            ],
            check=True,
            capture_output=True,
        )
        assert (tmp_path / target.name).read_bytes() == target.read_bytes(), script


# --------------------------------------------------------------------------- waste


def test_waste_figures_match_the_purchases_extract() -> None:
    """Every waste factor: an « Impacts » row of a dechets_* theme, per tonne, post 4.3."""
    rows = rows_by_id(PURCHASES_CSV)
    doc = load(WASTE_FILE)
    assert doc["id"] == "ademe-base-carbone-v23.6-dechets"
    assert doc["uncertainty"] == 0.5
    assert len(doc["factors"]) == 38
    refs = [f["ref"] for f in doc["factors"]]
    assert len(set(refs)) == len(refs)
    for f in doc["factors"]:
        row = rows[str(f["ref"])]
        assert row["theme_extrait"].startswith("dechets_"), f["id"]
        assert row["frontiere"].endswith(" - Impacts"), f["id"]
        assert row["unite"] == "kgCO2e/tonne de déchets", f["id"]
        assert f["id"].startswith("dechets-")
        assert f["kind"] == "physical"
        assert f["unit"] == "kgCO2e/t"
        assert f["beges"] == "4.3"
        assert Decimal(str(f["value"])) == Decimal(row["valeur_total_kgco2e"]), f["id"]
        assert f["value"] > 0, f["id"]
        if row["incertitude_pct"]:
            assert f["uncertainty"] == int(row["incertitude_pct"]) / 100, f["id"]
            assert "note" not in f, f["id"]
        else:
            assert f["uncertainty"] == 0.5, f["id"]
            assert "50 % par défaut" in f["note"], f["id"]
        assert f["label"].startswith("Déchets : "), f["id"]


@pytest.mark.parametrize(
    ("fid", "ref", "value"),
    [
        ("dechets-omr-incineration", 34650, 374),  # shared/reference/README.md
        ("dechets-omr-stockage", 34652, 412),
        ("dechets-omr-fin-de-vie-moyenne", 34654, 386),
        ("dechets-biodechets-compostage", 34638, 140),
        ("dechets-biodechets-methanisation", 34636, 173),
        ("dechets-carton-recyclage", 34480, 992),
        ("dechets-verre-recyclage", 34472, 639),
        ("dechets-deee-moyen", 34620, 1995),
        ("dechets-dea-moyen", 34622, 531),
        ("dechets-gravats-fin-de-vie-moyenne", 34680, 13),
        ("dechets-dis-incineration", 34712, 844),
        ("dechets-das-incineration", 34713, 943),
        ("dechets-textiles-fin-de-vie-moyenne", 34630, 500),
    ],
)
def test_main_waste_streams(fid: str, ref: int, value: int) -> None:
    """The main streams a collectivité pays to treat, with figures copied from the CSV."""
    f = {f["id"]: f for f in load(WASTE_FILE)["factors"]}[fid]
    assert (f["ref"], f["value"], f["beges"]) == (ref, value, "4.3")


def test_no_avoided_emissions_and_every_treatment_present() -> None:
    labels = [f["label"] for f in load(WASTE_FILE)["factors"]]
    assert not any("vitées" in label for label in labels)
    for treatment in (
        "incinération",
        "stockage",
        "compostage",
        "méthanisation",
        "recyclage",
        "fin de vie moyenne",
    ):
        assert any(treatment in label for label in labels), treatment
