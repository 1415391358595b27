"""Static SVG charts: Vega-Lite specifications rendered by ``vl-convert-python``.

``vl_convert`` bundles the Vega engine (no browser, no network): a specification in, SVG text
out. The charts use the system sans-serif font, like the page; the SVG is inlined in the page.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from achats_durables.core.errors import OutputError

_FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
_CONFIG: dict[str, Any] = {
    "font": _FONT,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 260},
    "legend": {"labelFontSize": 11, "titleFontSize": 11, "orient": "bottom"},
    "background": "white",
}
ACCENT = "#2f6f4f"


def svg(spec: dict[str, Any]) -> Markup:
    """The SVG of a Vega-Lite ``spec`` (its data inline), ready to inline in a template."""
    import vl_convert

    full = {"config": _CONFIG, **spec}
    try:
        text = vl_convert.vegalite_to_svg(full)
    except Exception as exc:  # vl_convert raises ValueError on a bad spec; wrap any failure
        raise OutputError("output-chart-failed", detail=str(exc)[:200]) from exc
    start = text.find("<svg")
    svg_text = text[start:] if start >= 0 else text
    return Markup(svg_text.replace("<svg ", '<svg role="img" class="chart" ', 1))


def horizontal_bars(
    rows: list[dict[str, Any]], label: str, value: str, value_title: str, *, width: int = 420
) -> Markup:
    """Horizontal bars, one per row, in the rows' order (largest first as given)."""
    order = [str(r[label]) for r in rows]
    spec = {
        "width": width,
        "height": {"step": 20},
        "data": {"values": rows},
        "mark": {"type": "bar", "color": ACCENT},
        "encoding": {
            "y": {"field": label, "type": "nominal", "sort": order, "title": None},
            "x": {"field": value, "type": "quantitative", "title": value_title},
        },
    }
    return svg(spec)


def share_bar(rows: list[dict[str, Any]], label: str, value: str, title: str) -> Markup:
    """One stacked bar of shares (the methods' shares of the footprint), with its legend."""
    order = [str(r[label]) for r in rows]
    spec = {
        "width": 460,
        "height": 28,
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": value,
                "type": "quantitative",
                "stack": "normalize",
                "axis": {"format": "%"},
                "title": title,
            },
            "color": {
                "field": label,
                "type": "nominal",
                "sort": order,
                "scale": {"scheme": "tableau10"},
                "title": None,
            },
            "order": {"field": "rank", "type": "quantitative"},
        },
    }
    return svg(spec)


def lines(
    rows: list[dict[str, Any]], x: str, y: str, series: str, y_title: str, *, x_title: str = ""
) -> Markup:
    """Lines with points, one per series (the plan's trajectory against its target)."""
    spec = {
        "width": 460,
        "height": 220,
        "data": {"values": rows},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": x, "type": "ordinal", "title": x_title or None},
            "y": {"field": y, "type": "quantitative", "title": y_title},
            "color": {"field": series, "type": "nominal", "title": None},
        },
    }
    return svg(spec)
