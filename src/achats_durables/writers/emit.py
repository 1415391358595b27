"""One way to deliver any report: terminal table, or JSON/CSV on stdout, or a file of any format.

``achats footprint``, ``achats clauses``, ``achats compare``, ``achats plan``, ``achats agec`` (through
:func:`emit`) and ``achats run`` (through :func:`write_report`) choose their writer here, by
format.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from . import json_text, write_bytes


@dataclass(frozen=True)
class Renderers:
    """How one kind of report is rendered in each format (every renderer takes ``lang=``)."""

    to_dict: Callable[[Any, str], dict[str, Any]]
    terminal: Callable[..., None]
    csv_text: Callable[..., str]
    csv_write: Callable[..., Any]
    xlsx_write: Callable[..., None]
    html: Callable[..., str] | None = None  # the document people read (writers/html)


# kind → the (module, function) of its terminal, CSV text, CSV files, xlsx and HTML writers
_Where = tuple[str, str]
_WRITERS: dict[str, tuple[_Where, _Where, _Where, _Where, _Where | None]] = {
    "footprint": (
        ("terminal", "render_footprint"),
        ("csv", "summary_csv"),
        ("csv", "write_csv"),
        ("xlsx", "write_xlsx"),
        ("html.footprint", "footprint_html"),
    ),
    "clauses": (
        ("clauses", "render_clauses"),
        ("clauses", "clauses_csv"),
        ("clauses", "write_clauses_csv"),
        ("clauses", "write_clauses_xlsx"),
        ("html.clauses", "clauses_html"),
    ),
    "agec": (  # its CSV is the official declaration
        ("agec_terminal", "render_agec"),
        ("agec_csv", "declaration_csv"),
        ("agec_csv", "write_declaration_csv"),
        ("agec_xlsx", "write_agec_xlsx"),
        ("html.agec", "agec_html"),
    ),
    "plan": (
        ("plan_terminal", "render_plan"),
        ("plan_csv", "plan_csv"),
        ("plan_csv", "write_plan_csv"),
        ("plan_xlsx", "write_plan_xlsx"),
        ("html.plan", "plan_html"),
    ),
    "compare": (
        ("compare", "render_comparison"),
        ("compare", "comparison_csv"),
        ("compare", "write_comparison_csv"),
        ("compare", "write_comparison_xlsx"),
        ("html.compare", "compare_html"),
    ),
}


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """``writers.<module>.<name>``, imported when first called: a JSON run never imports the
    xlsx, HTML or terminal writers (openpyxl, jinja2, rich)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        found: Callable[..., Any] = getattr(import_module(f"{__package__}.{module}"), name)
        return found(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


def _to_dict(report: Any, lang: str) -> dict[str, Any]:
    result: dict[str, Any] = report.to_dict(lang)
    return result


def renderers(kind: str) -> Renderers:
    """The renderers of ``footprint``, ``clauses``, ``agec``, ``plan`` or ``compare`` reports
    (each writer imported when it is used)."""
    terminal, csv_text, csv_write, xlsx_write, html = _WRITERS.get(kind, _WRITERS["compare"])
    return Renderers(
        _to_dict,
        _lazy(*terminal),
        _lazy(*csv_text),
        _lazy(*csv_write),
        _lazy(*xlsx_write),
        _lazy(*html) if html else None,
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
