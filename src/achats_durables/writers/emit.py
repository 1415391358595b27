"""One way to deliver any report: terminal table, or JSON/CSV on stdout, or a file of any format.

``achats footprint``, ``achats clauses``, ``achats compare``, ``achats plan``, ``achats agec`` (through
:func:`emit`) and ``achats run`` (through :func:`write_report`) choose their writer here, by
format.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import json_text, write_bytes

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class Renderers:
    """How one kind of report is rendered in each format (every renderer takes ``lang=``)."""

    to_dict: Callable[[Any, str], dict[str, Any]]
    terminal: Callable[..., None]
    csv_text: Callable[..., str]
    csv_write: Callable[..., Any]
    xlsx_write: Callable[..., None]
    html: Callable[..., str] | None = None  # the document people read (writers/html)


def renderers(kind: str) -> Renderers:
    """The renderers of ``footprint``, ``clauses``, ``agec``, ``plan`` or ``compare`` reports
    (imported lazily; an ``agec`` CSV is the official declaration)."""
    if kind == "footprint":
        from .csv import summary_csv, write_csv
        from .html.footprint import footprint_html
        from .terminal import render_footprint
        from .xlsx import write_xlsx

        return Renderers(
            lambda r, lang: r.to_dict(lang),
            render_footprint,
            summary_csv,
            write_csv,
            write_xlsx,
            footprint_html,
        )
    if kind == "clauses":
        from .clauses import clauses_csv, render_clauses, write_clauses_csv, write_clauses_xlsx
        from .html.clauses import clauses_html

        return Renderers(
            lambda r, lang: r.to_dict(lang),
            render_clauses,
            clauses_csv,
            write_clauses_csv,
            write_clauses_xlsx,
            clauses_html,
        )
    if kind == "agec":
        from .agec_csv import declaration_csv, write_declaration_csv
        from .agec_terminal import render_agec
        from .agec_xlsx import write_agec_xlsx
        from .html.agec import agec_html

        return Renderers(
            lambda r, lang: r.to_dict(lang),
            render_agec,
            declaration_csv,
            write_declaration_csv,
            write_agec_xlsx,
            agec_html,
        )
    if kind == "plan":
        from .html.plan import plan_html
        from .plan_csv import plan_csv, write_plan_csv
        from .plan_terminal import render_plan
        from .plan_xlsx import write_plan_xlsx

        return Renderers(
            lambda r, lang: r.to_dict(lang),
            render_plan,
            plan_csv,
            write_plan_csv,
            write_plan_xlsx,
            plan_html,
        )
    from .compare import (
        comparison_csv,
        render_comparison,
        write_comparison_csv,
        write_comparison_xlsx,
    )
    from .html.compare import compare_html

    return Renderers(
        lambda r, lang: r.to_dict(lang),
        render_comparison,
        comparison_csv,
        write_comparison_csv,
        write_comparison_xlsx,
        compare_html,
    )


def write_report(
    report: Any, fmt: str, path: Path, lang: str, kind: str, *, side_file: bool = True
) -> list[Path]:
    """Write ``report`` into ``path`` as ``fmt`` (json, csv, xlsx, html or pdf); return the
    files written.

    A CSV report writes its detail file beside it (``-lignes``, ``-marches``) unless
    ``side_file`` is false: then only the summary tables.
    """
    r = renderers(kind)
    if fmt == "json":  # the bytes of write_json, written by the same atomic write_bytes
        write_bytes(path, json_text(r.to_dict(report, lang)).encode("utf-8"))
    elif fmt == "csv" and not side_file:
        write_bytes(path, r.csv_text(report, lang=lang).encode("utf-8-sig"))
    elif fmt == "csv":
        written = r.csv_write(report, path, lang=lang)
        return list(written) if written else [path]
    elif fmt == "xlsx":
        r.xlsx_write(report, path, lang=lang)
    elif fmt in ("html", "pdf"):
        write_bytes(path, document(report, fmt, lang, kind))
    else:
        raise ValueError(f"no file format {fmt!r}")
    return [path]


def document(report: Any, fmt: str, lang: str, kind: str) -> bytes:
    """The HTML page (UTF-8 bytes) or the PDF of ``report``."""
    page = html_text(report, lang, kind)
    if fmt == "html":
        return page.encode("utf-8")
    from .html.pdf import html_to_pdf

    return html_to_pdf(page)


def html_text(report: Any, lang: str, kind: str) -> str:
    """The self-contained HTML page of ``report`` (``kind`` must have an HTML renderer)."""
    r = renderers(kind)
    if r.html is None:
        raise ValueError(f"no HTML report for {kind!r}")  # the CLI refuses the format first
    return r.html(report, lang)


def emit(report: Any, fmt: str, output: Path | None, lang: str, kind: str) -> None:
    """Render ``report``: on stdout without ``output`` (xlsx needs a file), else into ``output``."""
    if output is not None and fmt in ("json", "csv", "xlsx", "html", "pdf"):
        write_report(report, fmt, output, lang, kind)
        return
    r = renderers(kind)
    if fmt == "json":
        sys.stdout.write(json_text(r.to_dict(report, lang)))
    elif fmt == "csv":
        sys.stdout.write(r.csv_text(report, lang=lang))
    elif fmt == "html":
        sys.stdout.write(html_text(report, lang, kind))
    elif fmt in ("xlsx", "pdf"):
        raise ValueError(f"{fmt} output needs a file")  # checked by the CLI before any work
    else:
        from rich.console import Console

        r.terminal(report, Console(highlight=False), lang=lang)
