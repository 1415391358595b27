"""Terminal view of ``achats validate``: how the file was read, row by row status, reconciliation."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from achats_durables.footprint.report import FootprintReport
from achats_durables.ledger.headers import FIELD_LABELS_FR

from .labels import status_label
from .terminal import render_reconciliation

MAX_ROWS_SHOWN = 30


def render_validation(report: FootprintReport, console: Console, *, lang: str = "fr") -> None:
    """How each file was read, the odd rows, the reconciliation; labels French, messages in
    ``lang``."""
    for info in report.input_details:
        console.print(
            f"[bold]{Path(info.path).name}[/bold] — format {info.format}"
            + (f", encodage {info.encoding}" if info.encoding else "")
            + (f", séparateur « {_delim(info.delimiter)} »" if info.delimiter else "")
            + f", {info.rows_read} lignes lues (dont {info.rows_above} de titre et d'en-tête)"
        )
        if info.sheets:
            console.print("Feuilles lues : " + ", ".join(f"« {s} »" for s in info.sheets))
        for name, why in info.ignored_sheets:
            console.print(f"Feuille « {name} » non lue : {why}")
        for note in info.notes:
            console.print(f"Note : {note}")
        for fname, header in info.columns.items():
            console.print(f"  colonne « {header} » → {FIELD_LABELS_FR.get(fname, fname)}")
        for header in info.ignored_columns:
            console.print(f"  colonne « {header} » → non utilisée")
    lines = report.lines
    odd = lines[lines["status"].isin(["rejected", "skipped"])]
    if len(odd):
        table = Table(title="Lignes rejetées et ignorées", title_justify="left")
        for col in ("Fichier", "Feuille", "Ligne", "Statut", "Motif"):
            table.add_column(col)
        for r in odd.head(MAX_ROWS_SHOWN).itertuples(index=False):
            table.add_row(
                str(r.source),
                str(r.sheet),
                str(r.row),
                status_label(str(r.status), lang),
                str(r.reason),
            )
        console.print(table)
        if len(odd) > MAX_ROWS_SHOWN:
            console.print(
                f"… et {len(odd) - MAX_ROWS_SHOWN} autre(s) : voir le rapport xlsx ou csv de achats footprint."
            )
    render_reconciliation(report, console, lang=lang)
    for issue in report.issues:
        if issue.code.startswith("row-"):
            continue
        console.print(f"• {issue.message(lang)}")


def _delim(d: str) -> str:
    return {"\t": "tabulation", ";": ";", ",": ","}.get(d, d)
