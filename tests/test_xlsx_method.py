"""The « Méthode » sheet: provenance, computation rules, and the options of the run in words,
French or English, never their Python values (« year = None, default_vat_rate = 0.2 »)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.footprint.report import FootprintReport, MonteCarlo
from achats_durables.operations.pipeline import load_setup, run_footprint
from achats_durables.writers.xlsx_method import option_rows

from .conftest import REPO, LedgerFactory

EXAMPLES = REPO / "examples"
ARGS = ["footprint", str(EXAMPLES / "grand-livre-2025.xlsx"), "--config"]
ARGS += [str(EXAMPLES / "achats.yaml")]


def _options(path: Path, sheet: str, title: str) -> list[tuple[object, ...]]:
    rows = list(load_workbook(path)[sheet].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == title)
    return [r[:2] for r in rows[start + 2 :]]


@pytest.mark.parametrize(
    ("lang", "sheet", "title", "expected"),
    [
        (
            "fr",
            "Méthode",
            "Options du calcul",
            [
                ("Année retenue", "toutes"),
                ("Taux de TVA par défaut", "20 %"),
                ("SIREN des entités du groupe", "299941039, 299941013, 299941021"),
                ("Règles validées", "aucune"),
                ("Simulation Monte-Carlo", "non demandée"),
            ],
        ),
        (
            "en",
            "Method",
            "Options of the computation",
            [
                ("Year used", "all"),
                ("Default VAT rate", "20%"),
                ("SIRENs of the group's entities", "299941039, 299941013, 299941021"),
                ("Validated rules", "none"),
                ("Monte Carlo simulation", "not requested"),
            ],
        ),
    ],
)
def test_example_options_in_words(
    tmp_path: Path, lang: str, sheet: str, title: str, expected: list[tuple[str, str]]
) -> None:
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(cli.app, [*ARGS, "--lang", lang, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _options(out, sheet, title) == expected
    for row in load_workbook(out)[sheet].iter_rows(values_only=True):
        for value in row:
            text = "" if value is None else str(value)  # None: an empty cell
            for repr_part in ("year =", "default_vat_rate", "None", "["):
                assert repr_part not in text, text


def test_option_values_in_words(make_ledger: LedgerFactory) -> None:
    report: FootprintReport = run_footprint(
        [make_ledger([[2024, "6064", "Papier", "X", 100]])], load_setup()
    )
    report = dataclasses.replace(
        report,
        options={
            "year": 2024,
            "default_vat_rate": 0.055,
            "group_sirens": [],
            "validated_rules": ["papier", "repas"],
            "later_option": None,  # an option this sheet does not know yet
        },
        monte_carlo=MonteCarlo(
            draws=1000, seed=7, mean_tco2e=1, median_tco2e=1, low_tco2e=1, high_tco2e=1
        ),
    )
    assert [r[:2] for r in option_rows(report, "fr")] == [
        ("Année retenue", "2024"),
        ("Taux de TVA par défaut", "5,5 %"),
        ("SIREN des entités du groupe", "aucun"),
        ("Règles validées", "papier, repas"),
        ("Simulation Monte-Carlo", "1000 tirages, graine 7"),
        ("later_option", "—"),
    ]
    assert option_rows(report, "en")[1][1] == "5.5%"
    assert option_rows(report, "en")[4][1] == "1000 draws, seed 7"
