"""A file spanning several fiscal years: a figure per year, the sum only labelled as such."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from .conftest import REPO, LedgerFactory
from .test_cli import flat, invoke

HEADER = ["Exercice", "Nature", "Libellé", "Montant HT"]
RATIO = {
    f["id"]: f["values"]
    for f in yaml.safe_load(
        (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
    )["factors"]
}


def _t(x: float) -> str:
    return f"{x:,.1f}".replace(",", " ").replace(".", ",")


def test_headline_is_per_year_and_the_sum_is_labelled(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n  - {id: papier, when: {account: '6064'}, factor: naf-C17}\n", encoding="utf-8"
    )
    path = make_ledger(
        [[2022, "6064", "Ramettes", 1000], [2023, "6064", "Ramettes", 3000]], header=HEADER
    )
    e22 = 1 * RATIO["naf-C17"][2022] / 1000
    e23 = 3 * RATIO["naf-C17"][2023] / 1000
    result = invoke("footprint", str(path), "--mapping", str(rules))
    assert result.exit_code == 0  # type: ignore[attr-defined]
    out = flat(result.stdout)  # type: ignore[attr-defined]
    assert f"Exercice 2022 : {_t(e22)} tCO2e" in out
    assert f"Exercice 2023 : {_t(e23)} tCO2e" in out
    assert f"Somme des 2 exercices (pas un bilan annuel) : {_t(e22 + e23)} tCO2e" in out
    data = json.loads(
        invoke("footprint", str(path), "--mapping", str(rules), "--format", "json").stdout  # type: ignore[attr-defined]
    )
    assert data["totals"]["years"] == [2022, 2023]


def test_one_alert_per_cause_for_old_years(make_ledger: LedgerFactory) -> None:
    rows = [
        [y, a, "x", 100 + i]
        for y in (2005, 2006, 2007, 2008)
        for i, a in enumerate(["6064", "611", "2183"] * 10)
    ]
    path = make_ledger(rows, header=HEADER)
    data = json.loads(invoke("footprint", str(path), "--format", "json").stdout)  # type: ignore[attr-defined]
    codes = [i["code"] for i in data["issues"]]
    assert codes.count("index-year-missing") == 1
    assert codes.count("euro-year-converted") == 1
    missing = next(i for i in data["issues"] if i["code"] == "index-year-missing")
    assert "2005–2008" in missing["message"]
    converted = next(i for i in data["issues"] if i["code"] == "euro-year-converted")
    assert converted["message"].startswith("120 ligne(s) des exercices 2005–2008")
