"""The terminal summaries fit 100 columns: names cut with « … », numbers never split."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from pathlib import Path

import pytest
from rich.console import Console

from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.formatting import format_amount
from achats_durables.operations.pipeline import load_setup, run_clauses, run_footprint
from achats_durables.writers.clauses import render_clauses
from achats_durables.writers.fit import keep_together, wrap
from achats_durables.writers.terminal import render_footprint

from .conftest import LedgerFactory, write_xlsx
from .test_clauses import REGISTER

FOOD = "Produits des industries alimentaires, boissons et produits à base de tabac"
SUPPLIER = "Société coopérative de restauration collective du Val de Loire et de la Sologne"
HEADER = ["Exercice", "Nature", "Libellé", "Fournisseur", "Montant TTC", "Taux TVA"]
ROWS = [
    [2025, "60623", "Denrées", SUPPLIER, 123_456_789.12, 5.5],
    [2025, "60623", "Boissons", SUPPLIER, 9_876_543.21, 20],
    [2025, "60632", "Quincaillerie", "Quincaillerie du Blésois", 4_567_890.12, 10],
    [2025, "6064", "Ramettes", "Papeterie", 1_234_567.89, 0],
    *([2025, "6064", "Illisible", "X", "douze", 20] for _ in range(5)),
    *([2025, "9999", f"Inconnu {i}", "Y", 1000 + i, 20] for i in range(3)),
]
# A number as the report prints it, with the unit or sign bound to it: « 12 345,6 € », « ± 3,2 ».
NUMBER = re.compile(r"(?:[±×]\u00a0)?\d{1,3}(?:\u202f\d{3})*(?:,\d+)?(?:\u00a0(?:%|€|tCO2e))?")


def render(draw: object, width: int = 100) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None, highlight=False)
    draw(console)  # type: ignore[operator]
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def spaced(lines: list[str]) -> list[str]:
    """The lines with their no-break spaces (before « : », after « ± ») as plain spaces."""
    return [line.replace("\u00a0", " ") for line in lines]


def split_numbers(lines: list[str]) -> list[tuple[str, str]]:
    """Pairs of prose lines (a panel's too) where a number may run from one onto the next.

    Table rows are left out: their cells of figures are never wrapped.
    """
    border = "│┃ "
    pairs = []
    for this, after in itertools.pairwise(lines):
        if this.count("│") > 2 or after.count("│") > 2:
            continue
        end, start = this.rstrip(border + "\u00a0"), after.lstrip(border + "•")
        if re.search(r"[\d±×][\u202f\u00a0]?$", end) and re.match(r"[\d\u202f]", start):
            pairs.append((this, after))
    return pairs


@pytest.fixture
def report(make_ledger: LedgerFactory) -> FootprintReport:
    return run_footprint([make_ledger(ROWS, header=HEADER)], load_setup())


@pytest.mark.parametrize("width", [100, 80])
def test_footprint_summary_fits_the_width(report: FootprintReport, width: int) -> None:
    lines = render(lambda c: render_footprint(report, c), width)
    assert max(len(line) for line in lines) <= width
    assert split_numbers(lines) == []
    text = "\n".join(lines)
    # long names are cut with « … » on their one line, never wrapped onto the next
    food = next(line for line in lines if "Produits des industries alimentaires" in line)
    assert re.search(r"Produits des industries alimentaires[^│]*… │", food)
    assert "à base de tabac" not in text
    supplier = next(line for line in lines if "Société coopérative" in line)
    assert "… │" in supplier
    assert "Sologne" not in text
    # every figure of the tables is printed whole
    for row in report.tables["by_factor"][:8]:
        assert format_amount(row.spend_excl_vat_eur) in text
    assert format_amount(report.totals.spend_excl_vat_eur) in text


def test_footprint_notes_are_grouped_with_counts_and_point_to_the_report(
    report: FootprintReport,
) -> None:
    lines = spaced(render(lambda c: render_footprint(report, c)))
    notes = lines[lines.index("À savoir") + 1 :]
    bullets = [line for line in notes if line.startswith("• ")]
    rejected = [line for line in bullets if "5 alertes du même type, dont :" in line]
    assert len(rejected) == 1
    assert "montant illisible « douze »" in " ".join(notes)
    assert sum("montant illisible" in line for line in notes) == 1  # one bullet, not five
    assert len([line for line in notes if line.startswith(("• ", "  "))]) <= 8
    assert " ".join(notes[-2:]) == (
        "Le détail de chaque alerte est dans le rapport : -o rapport.xlsx (feuille « Alertes ») "
        "ou --format json (liste « issues »)."
    )


def test_clauses_summary_fits_the_width(tmp_path: Path) -> None:
    register = tmp_path / "registre.xlsx"
    contract = [
        "M-1",
        "Ville",
        "Denrées alimentaires pour la restauration scolaire et les établissements",
        "15800000",
        123_456_789,
        dt.datetime(2025, 2, 1),
        48,
        "Appel d'offres ouvert",
        "Clause sociale",
        "Pas de considération environnementale",
        None,
        None,
    ]
    write_xlsx(register, [REGISTER, contract])
    ledger = tmp_path / "gl.xlsx"
    write_xlsx(
        ledger,
        [
            ["Exercice", "Nature", "Libellé", "Montant HT", "N° marché"],
            [2025, "60623", "Denrées", 12_345_678.9, "M-1"],
            [2025, "60623", "Denrées hors marché", 1_234_567.8, ""],
        ],
    )
    report = run_clauses([register], load_setup(), ledgers=[ledger], today=dt.date(2026, 1, 5))
    assert report.priorities
    lines = render(lambda c: render_clauses(report, c))
    assert max(len(line) for line in lines) <= 100
    assert split_numbers(lines) == []
    first = next(line for line in lines if line.startswith("│ 1 │"))
    assert "│ Produits des industries alime… │" in first
    assert "à base de tabac" not in "\n".join(lines)


def test_run_table_cuts_long_scope_names() -> None:
    from achats_durables.cli.operations import _print_run_table

    name = "Syndicat intercommunal à vocation multiple du Val de Loire, de la Sologne et du Perche"
    figures = [
        {
            "year": 2025,
            "label": name,
            "emissions_tco2e": 123_456.7,
            "uncertainty_tco2e": 65_432.1,
            "uncounted_share": 0.051,
            "share_environmental": 0.4,
        }
    ]
    lines = render(lambda c: _print_run_table(figures, c))
    assert max(len(line) for line in lines) <= 100
    row = next(line for line in lines if "2025" in line)
    assert "│ 2025     │ Syndicat intercommunal à vocation… │ 123\u202f456,7 │" in row
    assert "Perche" not in "\n".join(lines)


@pytest.mark.parametrize("width", range(20, 101))  # the longest number and unit: 16
def test_wrap_never_splits_a_number(width: int) -> None:
    amounts = [7_191_300.38, 789_199.88, 89_889.01, 3_841_453.49, 12.5]
    text = (
        f"{format_amount(amounts[0])} € TTC de 248 ligne(s) convertis en HT (taux 5,5 % : "
        f"{format_amount(amounts[1])} € → {format_amount(amounts[2])} € ; taux 20 % : "
        f"{format_amount(amounts[3])} €), ± {format_amount(amounts[4], 1)} tCO2e, × 0,9712."
    )
    lines = [line.plain for line in wrap(text, width, first="• ", hanging="  ")]
    assert max(len(line) for line in lines) <= width
    expected = NUMBER.findall(keep_together(text))
    found = [n for line in lines for n in NUMBER.findall(line)]
    assert found == expected
    assert "3\u202f841\u202f453,49\u00a0€" in expected


def test_wrap_cuts_with_an_ellipsis_after_max_lines() -> None:
    text = "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze"
    lines = [line.plain for line in wrap(text, 20, first="• ", hanging="  ", max_lines=2)]
    assert lines == ["• un deux trois", "  quatre cinq six …"]


def test_french_punctuation_never_starts_a_line() -> None:
    lines = [line.plain for line in wrap("le marché qui lui succède ; puis aux autres", 26)]
    assert lines == ["le marché qui lui", "succède\u00a0; puis aux autres"]
