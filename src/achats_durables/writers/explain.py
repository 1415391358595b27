"""Terminal view of ``achats explain``, in French or English (templates ``explain-*``; numbers,
amounts and percentages by :mod:`achats_durables.i18n.formatting`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.table import Table

from achats_durables.footprint.explain import Explanation, Step
from achats_durables.footprint.hierarchy import Level
from achats_durables.i18n.formatting import format_eur, format_number, format_percent
from achats_durables.i18n.messages import Text, render, term

# how each raw value of a step is shown; values not listed are shown as they are
_STEP_FORMATS: dict[str, Callable[[float, str], str]] = {
    "amount_eur": format_eur,
    "amount_incl_vat_eur": format_eur,
    "vat_amount_eur": format_eur,
    "converted_eur": format_eur,
    "vat_rate": lambda v, lang: format_percent(v, 1, lang),
    "uncertainty": lambda v, lang: format_percent(v, 0, lang),
    "quantity": lambda v, lang: format_number(v, 2, lang),
    "physical_factor": lambda v, lang: format_number(v, 4, lang),
    "monetary_factor": lambda v, lang: format_number(v, 0, lang),
    "emissions_kgco2e": lambda v, lang: format_number(v, 1, lang),
    "direct_kgco2e": lambda v, lang: format_number(v, 1, lang),
    "upstream_kgco2e": lambda v, lang: format_number(v, 1, lang),
    "emissions_tco2e": lambda v, lang: format_number(v, 3, lang),
    "index_euro_year": lambda v, lang: format_number(v, 2, lang),
    "index_year": lambda v, lang: format_number(v, 2, lang),
    "ratio": lambda v, lang: format_number(v, 4, lang),
    "supplier_value": lambda v, lang: format_number(v, 2, lang),
}


def step_text(step: Step, lang: str = "fr") -> str:
    """One step of the computation as a sentence, its numbers formatted for ``lang``."""
    params: dict[str, Any] = {
        k: _STEP_FORMATS[k](v, lang) if k in _STEP_FORMATS and v is not None else v
        for k, v in step.params.items()
    }
    return render(step.code, lang, **params)


def _target(rule: dict[str, Any], lang: str) -> str:
    if rule["factor"]:
        return render("explain-target-factor", lang, factor=rule["factor"])
    return render("explain-target-exclude", lang, reason=rule["exclude"])


def _when(rule: dict[str, Any]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in rule["when"].items())


def render_explanation(result: Explanation, console: Console, lang: str = "fr") -> None:
    heading = render(
        "explain-heading",
        lang,
        location=f"[bold]{result.location.render(lang)}[/bold]",
        status=render(f"explain-status-{result.status}", lang),
    )
    console.print(heading + (f" ({term(result.reason, lang)})" if result.reason else ""))
    table = Table(title=render("explain-read-title", lang), title_justify="left", show_header=False)
    table.add_column("Champ")
    table.add_column("Valeur")
    for k, v in result.fields.items():
        if v not in (None, ""):
            table.add_row(render(f"explain-field-{k}", lang), _show(k, v, lang))
    console.print(table)
    _print_rules(result, console, lang)
    if result.factor:
        f = result.factor
        console.print(
            render(
                "explain-factor",
                lang,
                factor=f["id"],
                label=f["label"],
                set=f["set"],
                ref=f["base_carbone_id"],
                post=f["beges_post"],
            )
            + (render("explain-proxy", lang) if f["proxy"] else "")
        )
    for step in result.steps:
        console.print(f"• {step_text(step, lang)}")
    if result.hierarchy:
        console.print(render("explain-hierarchy-title", lang))
        for level in result.hierarchy:
            console.print(f"  {'✓' if level.applied else '·'} {level_text(level, lang)}")


def level_text(level: Level, lang: str = "fr") -> str:
    """One level of the method hierarchy as a sentence: its name, used or not, and why."""
    params = dict(level.params)
    if "method" in params:  # the method that won, by its description
        params["method"] = Text(f"method-{params['method']}")
    state = "explain-level-applied" if level.applied else "explain-level-not-applied"
    return render(
        "explain-level-line",
        lang,
        name=Text(f"explain-level-name-{level.level}"),
        state=Text(state),
        reason=Text(f"explain-level-{level.reason}", **params),
    )


def _print_rules(result: Explanation, console: Console, lang: str) -> None:
    """The rule applied and the other rules that also match, less specific."""
    if result.winner:
        w = result.winner
        layer = {"utilisateur": "explain-layer-user", "défaut": "explain-layer-default"}
        console.print(
            render(
                "explain-winner",
                lang,
                rule=w["id"],
                source=w["source"],
                layer=render(layer[w["layer"]], lang) if w["layer"] in layer else w["layer"],
                when=_when(w),
                target=_target(w, lang),
            )
            + (render("explain-to-validate", lang) if w["status"] == "proposition" else "")
        )
        if w.get("note"):
            console.print(render("explain-note", lang, note=w["note"]))
    for r in result.runners_up:
        console.print(
            render("explain-runner-up", lang, rule=r["id"], when=_when(r), target=_target(r, lang))
        )


def _show(key: str, value: object, lang: str) -> str:
    if isinstance(value, float):
        if key.startswith("amount") or key == "vat_amount":
            return format_eur(value, lang)
        if key == "vat_rate":
            return format_percent(value, 1, lang)
        if value.is_integer():
            return str(int(value))
    return str(value)


__all__ = ["level_text", "render_explanation", "step_text"]
