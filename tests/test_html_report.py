"""The HTML report: sections in order, self-contained, English without French, up to date."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.i18n.catalog import EN
from achats_durables.writers.html.common import top_with_others

from .conftest import REPO
from .html_example import (
    COMMAND,
    COMMITTED_HTML,
    example_agec,
    example_clauses,
    example_html,
    example_plan,
    example_report,
    french_number,
)
from .test_lang_example import example_data_values, french_left

TEMPLATES = REPO / "src" / "achats_durables" / "writers" / "html" / "templates"
SECTIONS = ["headline", "sources", "reliability", "method"]


class _Page(HTMLParser):
    """The page's text nodes (outside style and svg) and its section order."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.sections: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "svg"):
            self._skip += 1
        if tag == "section":
            self.sections.append(dict(attrs).get("data-section") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "svg"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(re.sub(r"[ \t\r\n]+", " ", data).strip())  # U+202F kept


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_every_section_in_order() -> None:
    assert _page(example_html("fr")).sections == SECTIONS
    assert _page(example_html("en")).sections == SECTIONS


def test_the_page_loads_nothing() -> None:
    html = example_html("fr")
    assert "<script" not in html
    assert "<link" not in html
    assert "@import" not in html
    assert "@font-face" not in html
    # resource attributes and CSS urls: none points outside the page
    loaded = re.findall(r"""(?:src|href|xlink:href)\s*=\s*["']([^"']*)["']|url\(([^)]*)\)""", html)
    assert [u for pair in loaded for u in pair if u and not u.startswith(("#", "data:"))] == []


def test_the_charts_are_svg_drawn_by_vega() -> None:
    html = example_html("fr")
    assert html.count('<svg role="img" class="chart"') == 2
    assert 'class="marks"' in html  # vega's SVG renderer
    assert "2\u00a0000" in html  # the chart's axis in French (d3 fr-FR locale)


def test_the_english_page_has_no_french_label() -> None:
    data = example_data_values()
    page = _page(example_html("en"))
    left = {text: found for text in page.texts if (found := french_left(text, data))}
    assert left == {}
    assert "Where the emissions come from" in page.texts


def test_every_template_text_has_its_english() -> None:
    literal = re.compile(r"""tr\(\s*"((?:[^"\\]|\\.)*)"|tr\(\s*'((?:[^'\\]|\\.)*)'""")
    texts = [
        a or b
        for path in [*sorted(TEMPLATES.glob("*.j2")), *sorted(TEMPLATES.parent.glob("*.py"))]
        for a, b in literal.findall(path.read_text(encoding="utf-8"))
    ]
    from achats_durables.writers.html import combined

    texts.append(combined.SUBTITLE)  # a module constant, not a tr() literal
    assert len(texts) > 100
    assert [t for t in texts if t not in EN] == []


def test_ten_categories_then_the_others() -> None:
    rows = [{"label": f"c{i}", "tco2e": float(i), "spend_eur": 10.0} for i in range(1, 14)]
    shown = top_with_others(rows, "tco2e", "autres", top=10)
    assert [r["label"] for r in shown] == [f"c{i}" for i in range(13, 3, -1)] + ["autres"]
    assert shown[-1]["tco2e"] == 1.0 + 2.0 + 3.0
    assert shown[-1]["spend_eur"] == 30.0
    assert shown[-1]["count"] == 3
    assert top_with_others(rows[:3], "tco2e", "autres") == sorted(
        rows[:3], key=lambda r: -r["tco2e"]
    )


def test_names_from_the_ledger_are_escaped() -> None:
    from achats_durables.writers.html.render import render_page

    footer = {"sources": ["<script>alert(1)</script>"], "version": "x", "hashes": []}
    html = render_page("base.html.j2", {"footer": {**footer, "generated": None}}, "fr")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_committed_example_is_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """examples/rapport-2025.html is what the documented command writes today; regenerate it
    with ``achats footprint examples/grand-livre-2025.xlsx --config examples/achats.yaml -o
    examples/rapport-2025.html`` after a change of the report."""
    monkeypatch.chdir(REPO)
    out = tmp_path / "rapport-2025.html"
    result = CliRunner().invoke(cli.app, [*COMMAND[:-1], str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == COMMITTED_HTML.read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == example_html("fr")


def test_html_goes_to_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    args = [*COMMAND[:4], "--format", "html"]
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == example_html("fr")


def _clauses_html(lang: str) -> str:
    from achats_durables.writers.html.clauses import clauses_html

    return clauses_html(example_clauses(), lang)


def _plan_html(lang: str) -> str:
    from achats_durables.writers.html.plan import plan_html

    return plan_html(example_plan(), lang)


def test_the_clause_document() -> None:
    html = _clauses_html("fr")
    page = _page(html)
    assert page.sections == ["headline", "coverage", "priorities"]
    totals = example_clauses().totals
    assert f'data-contracts="{totals["contracts"]}"' in html
    assert "170 marchés" in page.texts
    # the first priority: its category, its contract to renew first and the renewal date
    first = example_clauses().priorities[0]
    contract = min(first["contracts_detail"], key=lambda c: c["end_date"])
    y, m, d = contract["end_date"].split("-")
    assert f"<td>{contract['contract_ref']}</td>" in html
    assert f"<td>{d}/{m}/{y}</td>" in html
    assert "<script" not in html
    assert html.count('<svg role="img" class="chart"') == 1


def test_the_plan_document() -> None:
    html = _plan_html("fr")
    page = _page(html)
    assert page.sections == ["headline", "trajectory", "actions"]
    last = example_plan().to_dict()["trajectory"][-1]
    assert f'data-plan-tco2e="{last["plan_tco2e"]}"' in html
    assert f"{french_number(last['plan_tco2e'], 0)} tCO2e" in page.texts
    assert html.count('<svg role="img" class="chart"') == 1
    avoided = [a.avoided_tco2e_horizon for a in example_plan().actions]
    assert len(avoided) == 12


def test_clause_and_plan_documents_in_english_have_no_french_label() -> None:
    data = example_data_values()
    report = example_clauses()
    data += [str(v) for v in report.contracts["object"].dropna().unique()]
    data += [str(v) for v in report.contracts["entity"].dropna().unique()]
    data += [a.label for a in example_plan().actions]
    data += [t.label for t in example_plan().targets]
    data = sorted(set(data), key=len, reverse=True)
    for html in (_clauses_html("en"), _plan_html("en")):
        page = _page(html)
        left = {text: found for text in page.texts if (found := french_left(text, data))}
        assert left == {}


def _combined(lang: str, with_plan: bool = True) -> str:
    from achats_durables.writers.html.combined import combined_html

    plan = example_plan() if with_plan else None
    parts = (example_report(), example_clauses(), plan, example_agec())
    return combined_html("Groupe", 2025, parts, lang)


def test_the_combined_document_of_a_run_scope() -> None:
    html = _combined("fr")
    assert _page(html).sections == [
        "headline", "sources", "reliability", "clauses", "coverage", "priorities",
        "plan", "trajectory", "actions", "agec", "method",
    ]  # fmt: skip
    assert html.count('<svg role="img" class="chart"') == 4
    assert _page(_combined("fr", with_plan=False)).sections[6:] == ["agec", "method"]
    # one headline figure, the footprint's
    assert html.count("data-total-tco2e=") == 1
    assert html.count('class="headline report-section"') == 1
    # every file read once in the footer: ledger, register, plan
    assert html.count("eaf17929bf6a094caae465b9a4008958e3324beb36966cc46bbc605901e28856") == 2


def test_the_combined_document_in_english_has_no_french_label() -> None:
    data = example_data_values()
    report = example_clauses()
    data += [str(v) for v in report.contracts["object"].dropna().unique()]
    data += [a.label for a in example_plan().actions]
    data += [t.label for t in example_plan().targets]
    data += [c.category for b in example_agec().buyers for c in b.categories]
    data = sorted(set(data), key=len, reverse=True)
    page = _page(_combined("en"))
    left = {text: found for text in page.texts if (found := french_left(text, data))}
    assert left == {}
