"""Physical factors (energy, fuels, water): every figure against the Base Carbone extract."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPO

FILE = REPO / "factors" / "ademe-base-carbone-v23.6-physiques.yaml"


def reference() -> Path:
    from .conftest import shared_reference

    ref = shared_reference()
    if ref is None:
        pytest.skip("../shared/reference absent : contrôle croisé impossible hors CI")
    return ref


def test_every_physical_figure_matches_the_extract() -> None:
    path = reference() / "ademe_base_carbone_v23.6_facteurs_physiques_extrait.csv"
    with path.open(encoding="utf-8") as handle:
        rows = {r["base_carbone_id"]: r for r in csv.DictReader(handle)}
    doc = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    assert len(doc["factors"]) == 10
    for f in doc["factors"]:
        assert f["kind"] == "physical"
        refs = f.get("refs") or {0: f["ref"]}
        values = f.get("values") or {0: f["value"]}
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


def test_script_reproduces_the_file(tmp_path: Path) -> None:
    shared = reference()
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "build_physical_factors.py"),
            "--shared",
            str(shared),
            "--out",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    assert (tmp_path / FILE.name).read_bytes() == FILE.read_bytes()
