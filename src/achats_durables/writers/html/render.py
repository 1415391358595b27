"""The jinja2 environment of the HTML reports: templates, filters for numbers, and ``tr``.

Templates format every number through the filters here, which call
:mod:`achats_durables.i18n.formatting` in the page's language (``lang`` in the context), and
translate their texts with ``tr(...)`` with the French text (:func:`achats_durables.i18n.catalog.tr`).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from achats_durables.i18n import catalog
from achats_durables.i18n import formatting as fmt


def _lang(ctx: Context) -> str:
    return str(ctx.get("lang", "fr"))


@pass_context
def _number(ctx: Context, value: float | None, decimals: int = 0) -> str:
    return "" if value is None else fmt.format_number(float(value), decimals, _lang(ctx))


@pass_context
def _eur(ctx: Context, value: float | None, decimals: int = 0) -> str:
    return "" if value is None else fmt.format_eur(float(value), _lang(ctx), decimals)


@pass_context
def _percent(ctx: Context, value: float | None, decimals: int = 1) -> str:
    return "" if value is None else fmt.format_percent(float(value), decimals, _lang(ctx))


@pass_context
def _date(ctx: Context, value: dt.date | str | None) -> str:
    return fmt.format_date(value, _lang(ctx))


@pass_context
def _tr(ctx: Context, text: str, /, **params: object) -> str:
    return catalog.tr(text, _lang(ctx), **params)


@pass_context
def _signed(ctx: Context, value: float | None, decimals: int = 1) -> str:
    """A change with its sign: ``+1 228,5``, ``-8,5``."""
    if value is None:
        return ""
    text = fmt.format_number(float(value), decimals, _lang(ctx))
    return "+" + text if round(float(value), decimals) > 0 else text


@pass_context
def _signed_percent(ctx: Context, value: float | None, decimals: int = 1) -> str:
    """A relative change with its sign: ``+8,4 %``."""
    if value is None:
        return ""
    text = fmt.format_percent(float(value), decimals, _lang(ctx))
    return "+" + text if round(float(value), decimals + 2) > 0 else text


def _tco2e(value: float | None) -> float | None:
    """kgCO2e → tCO2e."""
    return None if value is None else float(value) / 1000.0


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one environment of the HTML reports (autoescaped, strict about unknown names)."""
    env = Environment(
        loader=PackageLoader("achats_durables.writers.html", "templates"),
        autoescape=select_autoescape(("html", "html.j2", "j2")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=_number,
        eur=_eur,
        percent=_percent,
        date=_date,
        tco2e=_tco2e,
        signed=_signed,
        signed_percent=_signed_percent,
    )
    env.globals["tr"] = _tr
    env.globals["css"] = Markup(stylesheet())
    return env


def stylesheet() -> str:
    """The report's CSS (screen, phone and print), inlined in the page's head."""
    return (
        resources.files("achats_durables.writers.html")
        .joinpath("templates/report.css")
        .read_text(encoding="utf-8")
    )


def render_page(template_name: str, context: dict[str, Any], lang: str) -> str:
    """The HTML text of ``template_name`` rendered with ``context`` in ``lang``."""
    template = environment().get_template(template_name)
    return template.render({"combined": False, **context, "lang": lang})
