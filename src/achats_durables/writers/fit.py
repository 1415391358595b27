"""Terminal text that fits its width: numbers never split, long labels cut with « … ».

Rich wraps prose at any whitespace, the narrow no-break space of ``1 234,56`` included, so a
number could start on one line and end on the next. Here prose is wrapped at ordinary spaces
only; a number is bound to its unit (``12,5 %``, ``1 234 €``, ``15,2 tCO2e``) and French
punctuation to its word (`` ;``, `` :``, ``« … »``); a text longer than its share ends with « … ».
Table columns of names are cut the same way, never wrapped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from achats_durables.core.errors import Issue
from achats_durables.i18n.catalog import tr

ELLIPSIS = "…"
_BOUND = re.compile(
    r"(?<=\d) (?=(?:%|€|k€|tCO2e|kgCO2e|h)(?!\w))"  # 12,5 % · 1 234 € · 15,2 tCO2e
    r"|(?<=[±×]) (?=\d)"  # ± 3,2 · × 0,97
    r"| (?=[;:!?»])|(?<=«) "  # French punctuation never starts a line: « … » ; :
)


def keep_together(text: str) -> str:
    """Bind numbers to their units and signs, and French punctuation to its word (no-break)."""
    return _BOUND.sub("\u00a0", text)


def _as_text(text: str | Text, markup: bool) -> Text:
    if isinstance(text, Text):
        return text
    text = keep_together(text)
    return Text.from_markup(text) if markup else Text(text)


def wrap(
    text: str | Text,
    width: int,
    *,
    first: str = "",
    hanging: str = "",
    max_lines: int | None = None,
    markup: bool = False,
) -> list[Text]:
    """Lines of at most ``width`` characters, broken at ordinary spaces only.

    ``first`` starts the first line (a bullet), ``hanging`` the next ones; past ``max_lines``
    the last line kept ends with « … ».
    """
    lines: list[Text] = []
    for part in _as_text(text, markup).split("\n"):
        lines.extend(_wrap_line(part, width, first if not lines else hanging, hanging))
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        if len(last) + 2 > width:  # drop the last word rather than cut a number
            cut = last.plain.rfind(" ", 0, width - 1)
            last = last[:cut] if cut > 0 else last[: width - 2]
        last.rstrip()
        last.append(" " + ELLIPSIS)
        lines[-1] = last
    return lines


def _wrap_line(text: Text, width: int, first: str, hanging: str) -> list[Text]:
    plain, start = text.plain, 0
    lines: list[Text] = []
    while True:
        prefix = first if not lines else hanging
        room = max(width - len(prefix), 1)
        if len(plain) - start <= room:
            end = next_start = len(plain)
        else:
            cut = plain.rfind(" ", start, start + room + 1)
            end, next_start = (cut, cut + 1) if cut > start else (start + room, start + room)
        line = Text(prefix)
        line.append_text(text[start:end])
        line.rstrip()
        lines.append(line)
        start = next_start
        while start < len(plain) and plain[start] == " ":
            start += 1
        if start >= len(plain):
            return lines


def print_wrapped(
    console: Console, text: str | Text, *, first: str = "", hanging: str = "", markup: bool = False
) -> None:
    """Print ``text`` wrapped to the console width (see :func:`wrap`)."""
    for line in wrap(text, console.width, first=first, hanging=hanging, markup=markup):
        _print_line(console, line)


def _print_line(console: Console, line: Text) -> None:
    console.print(line, no_wrap=True, overflow="ignore", crop=False)


def block(lines: Iterable[str], width: int) -> Text:
    """Lines with markup (a panel's body) wrapped to ``width``, as one text."""
    return Text("\n").join(line for text in lines for line in wrap(text, width, markup=True))


def cell(text: str, width: int) -> Text:
    """A table cell of prose already wrapped to ``width`` (rich keeps it as it is)."""
    return Text("\n").join(wrap(text, width))


def titled(console: Console, title: str) -> None:
    """A table title printed above the table, wrapped like prose (rich wraps it anywhere)."""
    for line in wrap(title, console.width):
        line.stylize("italic")
        _print_line(console, line)


def label_width(width: int, *columns: Sequence[str]) -> int:
    """Room for one label column in a table ``width`` wide beside ``columns`` (header, cells).

    Rich draws each column with one space of padding on each side and a border before it, plus
    the closing border: 3 characters per column and 1.
    """
    fixed = sum(max(len(cell) for cell in column) + 3 for column in columns)
    return max(width - fixed - 3 - 1, 12)


def add_label_column(table: Table, header: str, width: int) -> None:
    """A column of names cut with « … » at ``width``, never wrapped."""
    table.add_column(header, no_wrap=True, overflow="ellipsis", max_width=width)


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def group_issues(issues: Iterable[Issue]) -> list[list[Issue]]:
    """Issues grouped by code, errors first, then warnings, then notes; in report order."""
    groups: dict[str, list[Issue]] = {}
    for issue in issues:
        groups.setdefault(issue.code, []).append(issue)
    return sorted(groups.values(), key=lambda g: SEVERITY_ORDER.get(g[0].severity, 3))


def print_notes(
    console: Console,
    issues: Sequence[Issue],
    detail: str,
    *,
    max_lines: int = 8,
    lang: str = "fr",
) -> None:
    """« À savoir »: one bullet per kind of issue, with its count, at most ``max_lines`` lines.

    Each bullet shows the first issue of its kind, cut at two lines; ``detail`` says where the
    whole list is (the xlsx or json report).
    """
    if not issues:
        return
    groups = group_issues(issues)
    console.print(Text(tr("À savoir", lang), style="bold"))
    used, shown = 0, 0
    for group in groups:
        text = group[0].message(lang)
        if len(group) > 1:
            text = tr(
                "{count} alertes du même type, dont : {text}", lang, count=len(group), text=text
            )
        lines = wrap(text, console.width, first="• ", hanging="  ", max_lines=2)
        if used + len(lines) > max_lines:
            break
        for line in lines:
            _print_line(console, line)
        used, shown = used + len(lines), shown + 1
    rest = groups[shown:]
    if rest:
        count = sum(len(g) for g in rest)
        print_wrapped(
            console,
            tr(
                "… et {kinds} autre(s) type(s) d'alerte ({count} alerte(s)).",
                lang,
                kinds=len(rest),
                count=count,
            ),
        )
    print_wrapped(console, detail)
