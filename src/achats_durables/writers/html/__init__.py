"""The report people read: one self-contained HTML file (and the same document as PDF).

Dependencies, each for one job:

- ``jinja2`` renders the templates (``templates/*.html.j2``), autoescaped: supplier and
  category names from a ledger never become markup;
- ``vl-convert-python`` renders Vega-Lite chart specifications to static SVG, offline and
  without a browser (:mod:`.charts`): the charts are drawn by a library, not by hand;
- ``weasyprint`` turns the same HTML into a PDF (:mod:`.pdf`); it needs Pango (Debian
  ``libpango-1.0-0 libpangoft2-1.0-0``).

The HTML makes no network request: styles and charts are inline, the fonts are the system's.
"""
