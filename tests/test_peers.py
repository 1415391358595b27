"""The peer table (issue 14 item 4): communes beside the median of the others, by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import REPO, LedgerFactory, write_csv
from .test_cli import flat, invoke

RATIOS = {
    f["id"]: f["values"]
    for f in yaml.safe_load(
        (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
    )["factors"]
}
C17, F = RATIOS["naf-C17"][2023], RATIOS["naf-F"][2023]
HEADER = ["Exercice", "Entité", "SIRET collectivité", "Nature", "Libellé", "Montant HT"]
ROWS = [
    [2023, "Commune A", "21410001800010", "6064", "Papier", 10000],
    [2023, "Commune A", "21410001800010", "615231", "Voirie", 20000],
    [2023, "Commune B", "21410002600013", "6064", "Papier", 2000],
    [2023, "Commune B", "21410002600013", "615231", "Voirie", 30000],
    [2023, "Commune C", "21410003400017", "6064", "Papier", 1000],
]
RULES = {
    "id": "t",
    "rules": [
        {"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"},
        {"id": "voirie", "when": {"account": "615231"}, "factor": "naf-F"},
    ],
}
POPULATIONS = [
    ["SIREN", "Commune", "Population"],
    ["214100018", "", 2000],
    ["214100026", "", 4000],
    ["", "Commune C", 500],
]


def _run(
    make_ledger: LedgerFactory, tmp_path: Path, populations: list[list[object]], *extra: str
) -> Any:
    rules = tmp_path / "rules.yaml"
    rules.write_text(yaml.safe_dump(RULES), encoding="utf-8")
    ledger = make_ledger(ROWS, header=HEADER, fmt="csv")
    pop = write_csv(tmp_path / "communes.csv", populations)
    return invoke(
        "footprint", str(ledger), "--mapping", str(rules), "--population", str(pop), *extra
    )


def test_each_commune_against_the_median_of_the_others(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    result = _run(make_ledger, tmp_path, POPULATIONS, "--format", "json")
    assert result.exit_code == 0, result.output
    peers = json.loads(result.stdout)["peers"]
    assert peers["measure"] == "kgco2e_per_inhabitant"
    a = (10 * C17 + 20 * F) / 2000
    b = (2 * C17 + 30 * F) / 4000
    c = 1 * C17 / 500
    rows = {r["entity"]: r for r in peers["rows"]}
    assert rows["Commune A"]["kgco2e_per_inhabitant"] == pytest.approx(a, abs=5e-4)
    assert rows["Commune B"]["kgco2e_per_inhabitant"] == pytest.approx(b, abs=5e-4)
    ranks = sorted(rows, key=lambda k: {"Commune A": a, "Commune B": b, "Commune C": c}[k])
    assert [rows[k]["rank"] for k in ranks] == [1, 2, 3]
    assert rows["Commune A"]["peers_median"] == pytest.approx((b + c) / 2, abs=1e-6)
    # A stands above the others on roads: its roads per inhabitant minus the median of B's and C's
    roads = rows["Commune A"]["above_median"][0]
    assert roads["category"] == next(
        f["label"]
        for f in yaml.safe_load(
            (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
        )["factors"]
        if f["id"] == "naf-F"
    )
    assert roads["gap"] == pytest.approx(20 * F / 2000 - (30 * F / 4000 + 0) / 2, abs=1e-6)
    screen = flat(_run(make_ledger, tmp_path, POPULATIONS).stdout)
    assert "Comparaison entre entités (kgCO2e/hab.)" in screen


def test_without_every_population_the_comparison_is_in_tco2e(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    result = _run(make_ledger, tmp_path, POPULATIONS[:3], "--format", "json")
    peers = json.loads(result.stdout)["peers"]
    assert peers["measure"] == "tco2e"
    assert peers["without_population"] == ["Commune C"]


@pytest.mark.parametrize(
    ("row", "expected"),
    [(["214100018", "", 0], "population « 0 »"), (["2141", "", 10], "SIREN « 2141 » invalide")],
)
def test_bad_population_rows_are_located(
    make_ledger: LedgerFactory, tmp_path: Path, row: list[object], expected: str
) -> None:
    result = _run(make_ledger, tmp_path, [POPULATIONS[0], row])
    assert result.exit_code == 3
    text = flat(result.output)
    assert "communes.csv, ligne 2" in text
    assert expected in text


def test_example_43_communes(tmp_path: Path) -> None:
    """The synthetic balance of the example: its generator's bytes, then the peer table."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_communes", REPO / "examples" / "make_communes.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for written in module.build(tmp_path):
        assert written.read_bytes() == (REPO / "examples" / written.name).read_bytes()
    result = invoke(
        "footprint", str(REPO / "examples" / "balance-communes-2024.csv"),
        "--population", str(REPO / "examples" / "communes-population.csv"), "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    peers = json.loads(result.stdout)["peers"]
    assert peers["measure"] == "kgco2e_per_inhabitant"
    assert peers["entities"] == 43
    assert [r["rank"] for r in peers["rows"]] == list(range(1, 44))
    values = [r["kgco2e_per_inhabitant"] for r in peers["rows"]]
    assert values == sorted(values)


def test_xlsx_peer_sheet(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = tmp_path / "r.xlsx"
    result = _run(make_ledger, tmp_path, POPULATIONS, "-o", str(book))
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(book)["Comparaison"].iter_rows(values_only=True))
    assert rows[0][0] == "Comparaison entre entités (kgCO2e/hab.)"
    table = [r for r in rows[4:] if r[0]]
    assert [r[0] for r in table] == [1, 2, 3]
    by_name = {r[1]: r for r in table}
    assert by_name["Commune A"][2] == 2000
    assert by_name["Commune A"][4] == pytest.approx((10 * C17 + 20 * F) / 2000, abs=5e-4)
    english = tmp_path / "en.xlsx"
    assert (
        _run(make_ledger, tmp_path, POPULATIONS, "-o", str(english), "--lang", "en").exit_code == 0
    )
    assert "Comparison" in load_workbook(english).sheetnames
