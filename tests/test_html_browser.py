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


def _open(tmp_path: Path, name: str, html: str, read: str) -> dict:  # type: ignore[type-arg]
    """``html`` loaded from a file in headless Chromium at a phone's size: the requests it made,
    its console errors, a full-page screenshot, its width, and ``read`` evaluated in it."""
    sync_playwright = _playwright()
    page_file = tmp_path / name
    page_file.write_text(html, encoding="utf-8")
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
            return {
                "requests": [r for r in requests if r != url and not r.startswith("data:")],
                "errors": errors,
                "shot": page.screenshot(full_page=True),
                "width": page.evaluate("document.documentElement.scrollWidth"),
                "read": page.evaluate(read),
            }
        finally:
            browser.close()


def test_the_example_page_in_chromium(tmp_path: Path) -> None:
    seen = _open(
        tmp_path,
        "rapport.html",
        example_html("fr"),
        "(() => { const f = document.querySelector('[data-total-tco2e]');"
        " return [f.getAttribute('data-total-tco2e'), f.innerText]; })()",
    )
    attribute, shown = seen["read"]
    assert seen["errors"] == []
    assert seen["requests"] == []
    shot = seen["shot"]
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(shot) > 20_000  # a page of text and charts, not a blank screen
    total = example_report().to_dict()["totals"]["emissions_tco2e"]
    assert attribute is not None
    assert float(attribute) == pytest.approx(total, abs=1e-6)
    assert shown == f"{french_number(total, 1)} tCO2e"
    assert seen["width"] <= 390 + 1  # nothing wider than the phone's screen (tables scroll inside)


@pytest.mark.parametrize("kind", ["compare", "agec"])
def test_the_compare_and_agec_pages_in_chromium(kind: str, tmp_path: Path) -> None:
    """The other documents draw too, ask for nothing, and fit a phone's width."""
    from .test_html_compare_agec import _agec_html, _compare_html

    html = _compare_html("fr") if kind == "compare" else _agec_html("fr")
    seen = _open(
        tmp_path, f"{kind}.html", html, "document.querySelectorAll('section[data-section]').length"
    )
    assert seen["errors"] == []
    assert seen["requests"] == []
    assert len(seen["shot"]) > 20_000
    assert seen["read"] == (7 if kind == "compare" else 4)
    assert seen["width"] <= 390 + 1
