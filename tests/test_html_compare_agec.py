"""The documents of ``achats compare`` and ``achats agec`` (issue 15): sections in order, the
headline figures as the reports give them, English without French, refused nowhere."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from achats_durables import cli

from .html_example import (
    CONFIG,
    EXAMPLE,
    example_agec,
    example_clauses,
    example_comparison,
    example_report,
    example_report_2024,
    french_number,
)
from .test_html_report import _page
from .test_lang_example import example_data_values, french_left


def _compare_html(lang: str, with_targets: bool = True) -> str:
    from achats_durables.writers.html.compare import compare_html

    return compare_html(example_comparison(with_targets), lang)


def _agec_html(lang: str) -> str:
    from achats_durables.writers.html.agec import agec_html

    return agec_html(example_agec(), lang)


def _signed(value: float, decimals: int) -> str:
    return ("+" if round(value, decimals) > 0 else "") + french_number(value, decimals)


def test_the_compare_document() -> None:
    html = _compare_html("fr")
    page = _page(html)
    assert page.sections == [
        "headline", "reports", "changes", "categories", "trajectory", "clauses", "method",
    ]  # fmt: skip
    before = example_report_2024().to_dict()["totals"]["emissions_tco2e"]
    after = example_report().to_dict()["totals"]["emissions_tco2e"]
    assert f'data-last-tco2e="{after}"' in html
    assert f"{french_number(after, 1)} tCO2e" in page.texts
    # the change, from the two reports' totals (not from the comparison's own sum)
    assert f"{_signed(after - before, 1)} tCO2e" in page.texts
    assert f"{_signed((after - before) / before * 100, 1)} %" in page.texts
    # one chart for the reports, one per step, one for the trajectory
    assert html.count('<svg role="img" class="chart"') == 3
    assert "<script" not in html
    assert "http://" not in html.replace("http://www.w3.org", "")


def test_the_categories_that_moved_most_come_first() -> None:
    """The first category row is the one whose tCO2e changed most between the two footprint
    reports, read from each report's by_factor rows (by label)."""

    def by_label(data: dict) -> dict[str, float]:  # type: ignore[type-arg]
        out: dict[str, float] = {}
        for row in data["by_factor"]:
            out[row["label"]] = out.get(row["label"], 0.0) + row["emissions_tco2e"]
        return out

    a = by_label(example_report_2024().to_dict())
    b = by_label(example_report().to_dict())
    change = {k: b.get(k, 0.0) - a.get(k, 0.0) for k in {*a, *b}}
    first = max(change, key=lambda k: abs(change[k]))
    page = _page(_compare_html("fr"))
    start = page.texts.index("Les catégories qui ont le plus bougé")
    assert page.texts[start + 5] == first  # after the heading: Catégorie, 2024, 2025, Variation
    assert page.texts[start + 8] == _signed(change[first], 1)
    others = [t for t in page.texts if t.startswith("autres (")]
    assert others == [f"autres ({len(change) - 10} catégories)"]


def test_without_targets_the_compare_document_has_no_trajectory() -> None:
    page = _page(_compare_html("fr", with_targets=False))
    assert page.sections == ["headline", "reports", "changes", "categories", "method"]


def test_a_single_report_says_there_is_nothing_to_compare(tmp_path: Path) -> None:
    path = tmp_path / "empreinte-2025.json"
    path.write_text(json.dumps(example_report().to_dict()), encoding="utf-8")
    out = tmp_path / "c.html"
    result = CliRunner().invoke(cli.app, ["compare", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = _page(out.read_text(encoding="utf-8"))
    assert page.sections == ["headline", "reports", "method"]
    assert any(t.startswith("Un seul rapport : rien à comparer.") for t in page.texts)


def test_the_compare_document_in_english_has_no_french_label() -> None:
    data = example_data_values()
    data += [row["label"] for row in example_report_2024().to_dict()["by_factor"]]
    data = sorted(set(data), key=len, reverse=True)
    page = _page(_compare_html("en"))
    left = {text: found for text in page.texts if (found := french_left(text, data))}
    assert left == {}
    assert "Why the emissions changed" in page.texts


def test_the_agec_document() -> None:
    html = _agec_html("fr")
    page = _page(html)
    assert page.sections == ["headline", "agec", "buyers", "method"]
    data = example_agec().to_dict()
    rows = data["group"]
    total = sum(r["total_eur"] for r in rows)
    reuse = sum(r["reuse_eur"] for r in rows)
    assert f'data-total-eur="{total}"' in html
    assert f"{french_number(total, 0)} €" in page.texts
    assert f"{french_number(reuse, 0)} €" in page.texts
    for buyer in data["buyers"]:
        assert buyer["entity"] in page.texts
    # every issue of the report is shown, none dropped
    assert len(data["issues"]) == 3
    for issue in data["issues"]:
        assert issue["message"] in page.texts


def test_the_agec_document_in_english_has_no_french_label() -> None:
    data = example_data_values()
    data += [c.category for b in example_agec().buyers for c in b.categories]
    data += [b.entity for b in example_agec().buyers]
    # the English messages quote the ledger's French words: label keywords and column names
    data += ["reconditionné", "recyclé", "Réemploi", "Matières recyclées"]
    data = sorted(set(data), key=len, reverse=True)
    page = _page(_agec_html("en"))
    left = {text: found for text in page.texts if (found := french_left(text, data))}
    assert left == {}


def test_compare_and_agec_write_html_from_the_command_line(tmp_path: Path) -> None:
    runner = CliRunner()
    footprints = []
    for year, ledger in ((2024, EXAMPLE.with_name("grand-livre-2024.xlsx")), (2025, EXAMPLE)):
        path = tmp_path / f"empreinte-{year}.json"
        args = ["footprint", str(ledger), "--config", str(CONFIG), "-o", str(path)]
        assert runner.invoke(cli.app, args).exit_code == 0
        footprints.append(str(path))
    result = runner.invoke(cli.app, ["compare", *footprints, "--format", "html"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert 'data-section="changes"' in result.stdout
    out = tmp_path / "agec.html"
    args = ["agec", str(EXAMPLE), "--config", str(CONFIG), "--year", "2025", "-o", str(out)]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    assert 'data-section="buyers"' in out.read_text(encoding="utf-8")


def test_the_clause_targets_row_is_the_clause_reports() -> None:
    """The PNAD row shows the 2025 clause report's social share (from its own JSON)."""
    from achats_durables.clauses.coverage import year_figures

    figures = year_figures(example_clauses().to_dict(), 2025)
    page = _page(_compare_html("fr"))
    start = page.texts.index("Objectifs de clauses (PNAD)")
    row = page.texts[start + 7 : start + 13]
    assert row[0] == "2025"
    assert row[1] == french_number(figures["contracts"], 0)
    assert row[2] == f"{french_number(figures['share_social'] * 100, 1)} %"
