"""One way to deliver any report: terminal table, or JSON/CSV on stdout, or a file of any format."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from . import json_text, write_json


@dataclass(frozen=True)
class Renderers:
    """How one kind of report is rendered in each format (every renderer takes ``lang=``)."""

    to_dict: Callable[[Any, str], dict[str, Any]]
    terminal: Callable[..., None]
    csv_text: Callable[..., str]
    csv_write: Callable[..., Any]
    xlsx_write: Callable[..., None]


def renderers(kind: str) -> Renderers:
    """The renderers of ``footprint``, ``clauses`` or ``compare`` reports (imported lazily)."""
    if kind == "footprint":
        from .csv import summary_csv, write_csv
        from .terminal import render_footprint
        from .xlsx import write_xlsx

        return Renderers(
            lambda r, lang: r.to_dict(lang), render_footprint, summary_csv, write_csv, write_xlsx
        )
    if kind == "clauses":
        from .clauses import clauses_csv, render_clauses, write_clauses_csv, write_clauses_xlsx

        return Renderers(
            lambda r, lang: r.to_dict(lang),
            render_clauses,
            clauses_csv,
            write_clauses_csv,
            write_clauses_xlsx,
        )
    from .compare import (
        comparison_csv,
        render_comparison,
        write_comparison_csv,
        write_comparison_xlsx,
    )

    return Renderers(
        lambda r, _lang: r.to_dict(),
        render_comparison,
        comparison_csv,
        write_comparison_csv,
        write_comparison_xlsx,
    )


def emit(report: Any, fmt: str, output: Path | None, lang: str, kind: str) -> None:
    """Render ``report``: on stdout without ``output`` (xlsx needs a file), else into ``output``."""
    r = renderers(kind)
    if fmt == "json":
        if output is None:
            sys.stdout.write(json_text(r.to_dict(report, lang)))
        else:
            write_json(r.to_dict(report, lang), output)
    elif fmt == "csv":
        if output is None:
            sys.stdout.write(r.csv_text(report, lang=lang))
        else:
            r.csv_write(report, output, lang=lang)
    elif fmt == "xlsx":
        if output is None:
            raise ValueError("xlsx output needs a file")  # checked by the CLI before any work
        r.xlsx_write(report, output, lang=lang)
    else:
        r.terminal(report, Console(highlight=False), lang=lang)
