"""The official AGEC art. 58 declaration as CSV: the data.gouv schema's columns and order,
one row per buyer SIRET × category, UTF-8, comma-separated, amounts with a decimal point (as
the schema's valid example). Rows are checked against the schema before anything is written."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from achats_durables.circular.declaration import checked_declaration
from achats_durables.circular.report import AgecReport
from achats_durables.knowledge.agec import load_declaration

from . import write_bytes


def declaration_csv(report: AgecReport, lang: str = "fr") -> str:
    """The declaration's text (the schema's French column names and labels, whatever ``lang``)."""
    declaration = load_declaration()
    rows = checked_declaration(report, declaration)
    names = [f.name for f in declaration.fields]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row[n]) for n in names])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def write_declaration_csv(report: AgecReport, path: Path, lang: str = "fr") -> list[Path]:
    write_bytes(path, declaration_csv(report, lang).encode("utf-8"))
    return [path]
