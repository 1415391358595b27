"""The example's HTML report in headless Chromium: it draws, asks for nothing, and shows the
JSON report's headline figure (issue 15)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import skip_without_tool
from .html_example import example_html, example_report, french_number

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _playwright():  # type: ignore[no-untyped-def]
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_without_tool("playwright absent (pip install playwright) : test du navigateur sauté")
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        skip_without_tool("Chromium absent (apt-get install chromium) : test du navigateur sauté")
    return sync_playwright


def test_the_example_page_in_chromium(tmp_path: Path) -> None:
    sync_playwright = _playwright()
    page_file = tmp_path / "rapport.html"
    page_file.write_text(example_html("fr"), encoding="utf-8")
    url = page_file.as_uri()
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url, wait_until="load")
            shot = page.screenshot(full_page=True)
            figure = page.locator("[data-total-tco2e]")
            attribute = figure.get_attribute("data-total-tco2e")
            shown = figure.inner_text()
            width = page.evaluate("document.documentElement.scrollWidth")
        finally:
            browser.close()
    assert errors == []
    assert [r for r in requests if r != url and not r.startswith("data:")] == []
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(shot) > 20_000  # a page of text and charts, not a blank screen
    total = example_report().to_dict()["totals"]["emissions_tco2e"]
    assert attribute is not None
    assert float(attribute) == pytest.approx(total, abs=1e-6)
    assert shown == f"{french_number(total, 1)} tCO2e"
    assert width <= 390 + 1  # nothing wider than the phone's screen (tables scroll inside)


@pytest.mark.parametrize("kind", ["compare", "agec"])
def test_the_compare_and_agec_pages_in_chromium(kind: str, tmp_path: Path) -> None:
    """The other documents draw too, ask for nothing, and fit a phone's width."""
    from .test_html_compare_agec import _agec_html, _compare_html

    sync_playwright = _playwright()
    page_file = tmp_path / f"{kind}.html"
    page_file.write_text(_compare_html("fr") if kind == "compare" else _agec_html("fr"), "utf-8")
    url = page_file.as_uri()
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url, wait_until="load")
            shot = page.screenshot(full_page=True)
            sections = page.locator("section[data-section]").count()
            width = page.evaluate("document.documentElement.scrollWidth")
        finally:
            browser.close()
    assert errors == []
    assert [r for r in requests if r != url and not r.startswith("data:")] == []
    assert len(shot) > 20_000
    assert sections == (7 if kind == "compare" else 4)
    assert width <= 390 + 1
