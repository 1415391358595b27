"""The HTML report as PDF, by ``weasyprint`` (A4, the page's print CSS).

weasyprint needs the Pango libraries of the system; without them its import fails with an
``OSError``: that becomes an :class:`OutputError` naming the Debian packages to install.
"""

from __future__ import annotations

from achats_durables.core.errors import OutputError

DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1"


def html_to_pdf(html: str) -> bytes:
    """The PDF bytes of the HTML text ``html`` (self-contained: nothing is fetched)."""
    try:
        import weasyprint
    except (OSError, ImportError) as exc:
        raise OutputError(
            "output-pdf-unavailable", packages=DEBIAN_PACKAGES, detail=str(exc)[:200]
        ) from exc
    try:
        fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))  # self-contained page
        return bytes(weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf())
    except Exception as exc:
        raise OutputError("output-pdf-failed", detail=type(exc).__name__) from exc
