"""User-facing message templates, French first, English on request (``--lang en``).

Templates use ``str.format`` named fields. Every error code and issue code of the library has
an entry here; ``tests/test_messages.py`` checks it.

Parameters are data (raw numbers, codes, ISO dates, lists of records); a field's format spec says
how the language shows it (:func:`achats_durables.i18n.formatting.format_value`): ``{amount:eur}``,
``{share:pct}``, ``{emissions:n1}``, ``{price:g}``, ``{day:date}``, ``{years:years}``, and
``{items:list:CODE}`` (each record rendered with the template ``CODE``, joined by ``, `` or by
the text after a second colon: ``{items:list:CODE:; }``), ``{account:or:CODE}`` (the value, or
the template ``CODE`` when it is empty), ``{rate:opt:CODE:name}`` (nothing when the value is
``None``, else the template ``CODE`` with the value as ``name``), ``{basis:term}`` (a data term of the tool, e.g. a VAT
basis, translated by the template ``term:VALUE`` when there is one).
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from achats_durables.i18n.formatting import format_value
from achats_durables.i18n.message_parts import PARTS
from achats_durables.i18n.templates import (
    activities,
    agec,
    agec_report,
    clauses,
    cli,
    contracts,
    ledger,
    methods,
    plan_engine,
    reports,
    results,
    suppliers,
    workspace,
    yaml_values,
)

# code: (fr, en), by domain (i18n/templates/); a code defined twice is a defect (tests/test_messages.py)
DOMAINS: tuple[dict[str, tuple[str, str]], ...] = (
    reports.TEMPLATES,
    ledger.TEMPLATES,
    results.TEMPLATES,
    yaml_values.TEMPLATES,
    cli.TEMPLATES,
    contracts.TEMPLATES,
    clauses.TEMPLATES,
    suppliers.TEMPLATES,
    workspace.TEMPLATES,
    activities.TEMPLATES,
    methods.TEMPLATES,
    plan_engine.TEMPLATES,
    agec.TEMPLATES,
    agec_report.TEMPLATES,
    PARTS,
)
TEMPLATES: dict[str, tuple[str, str]] = {k: v for domain in DOMAINS for k, v in domain.items()}


@dataclass(frozen=True, init=False)
class Text:
    """A message part rendered in the language of the message that holds it (a field name, a
    piece of advice): give it as a parameter of an error or issue."""

    code: str
    params: dict[str, object]

    def __init__(self, code: str, **params: object) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", params)

    def render(self, lang: str = "fr") -> str:
        return render(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.render("fr")


def render(code: str, lang: str = "fr", /, **params: object) -> str:
    """Render the template ``code`` in ``lang`` with ``params``; unknown codes show the code.

    ``code`` and ``lang`` are positional-only, so that a template may have parameters of those
    names (an issue about another issue's code).

    A :class:`Text` parameter is rendered first, in the same language.
    """
    params = {k: v.render(lang) if isinstance(v, Text) else v for k, v in params.items()}
    pair = TEMPLATES.get(code)
    if pair is None:
        detail = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{code} ({detail})" if detail else code
    template = pair[1] if lang == "en" else pair[0]
    try:
        return _Formatter(lang).vformat(template, (), params)
    except (KeyError, IndexError, ValueError, TypeError):
        return template


def beges_post_title(post: str, lang: str = "fr") -> str:
    """The title of a BEGES v5 post (« 4.1 » → « Achats de biens » / "Purchased goods")."""
    code = f"beges-post-{post}"
    return render(code if code in TEMPLATES else "beges-post-other", lang, post=post)


def term(value: str, lang: str = "fr") -> str:
    """A data term of the tool (a VAT basis, a status label) in ``lang``: the template
    ``term:VALUE`` when there is one, else the value itself."""
    return render(f"term:{value}", lang) if f"term:{value}" in TEMPLATES else value


class _Formatter(string.Formatter):
    """``str.format`` with the format specs of the module docstring, in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        kind, _, rest = format_spec.partition(":")
        if kind == "list" and rest:
            sub, _, sep = rest.partition(":")
            items = value if isinstance(value, Sequence) and not isinstance(value, str) else []
            return (sep or ", ").join(
                render(sub, self.lang, **item) if isinstance(item, Mapping) else str(item)
                for item in items
            )
        if kind == "opt" and rest:  # {value:opt:CODE:name}: CODE with name=value, or nothing
            sub, _, name = rest.partition(":")
            return "" if value is None else render(sub, self.lang, **{name or "value": value})
        if kind == "or" and rest:
            return str(value) if value not in (None, "") else render(rest, self.lang)
        if kind == "term":
            return term(str(value), self.lang)
        formatted = format_value(value, format_spec, self.lang) if format_spec else None
        if formatted is not None:
            return formatted
        return str(super().format_field(value, format_spec))


def has(code: str) -> bool:
    return code in TEMPLATES
