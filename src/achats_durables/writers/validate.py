"""Terminal view of ``achats validate``: how the file was read, row by row status, reconciliation.

Every text is French, shown in the report's language through :func:`tr`.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.messages import term
from achats_durables.ledger.headers import FIELD_LABELS_FR
from achats_durables.ledger.read import InputInfo

from .labels import status_label
from .terminal import render_reconciliation

MAX_ROWS_SHOWN = 30
# why the reader left a sheet aside (ledger/spreadsheet.py)
SHEET_REASONS = (
    "feuille masquée",
    "aucune ligne d'en-tête de grand livre",
    "registre de marchés, pas un grand livre : lu par achats clauses",
)


def _tool_text(text: object, lang: str) -> str:
    """A reader's reason or note: a :class:`Text` rendered, a known French reason translated."""
    render = getattr(text, "render", None)
    if render is not None:
        return str(render(lang))
    return tr(str(text), lang) if text in SHEET_REASONS else str(text)


def _render_input(info: InputInfo, console: Console, lang: str) -> None:
    """How one file was read: format, encoding, sheets, the columns recognised."""
    line = tr(
        "[bold]{name}[/bold] — format {format}", lang, name=Path(info.path).name, format=info.format
    )
    if info.encoding:
        line += tr(", encodage {encoding}", lang, encoding=info.encoding)
    if info.delimiter:
        line += tr(", séparateur « {delimiter} »", lang, delimiter=_delim(info.delimiter, lang))
    line += tr(
        ", {rows} lignes lues (dont {above} de titre et d'en-tête)",
        lang,
        rows=info.rows_read,
        above=info.rows_above,
    )
    console.print(line)
    if info.sheets:
        quoted = ", ".join(tr("« {sheet} »", lang, sheet=s) for s in info.sheets)
        console.print(tr("Feuilles lues : ", lang) + quoted)
    for name, why in info.ignored_sheets:
        reason = _tool_text(why, lang)
        console.print(tr("Feuille « {name} » non lue : {why}", lang, name=name, why=reason))
    for note in info.notes:
        console.print(tr("Note : {note}", lang, note=_tool_text(note, lang)))
    for fname, header in info.columns.items():
        label = tr(FIELD_LABELS_FR[fname], lang) if fname in FIELD_LABELS_FR else fname
        console.print(tr("  colonne « {header} » → {label}", lang, header=header, label=label))
    for header in info.ignored_columns:
        console.print(tr("  colonne « {header} » → non utilisée", lang, header=header))


def render_validation(report: FootprintReport, console: Console, *, lang: str = "fr") -> None:
    """How each file was read, the odd rows, the reconciliation, in ``lang``."""
    for info in report.input_details:
        _render_input(info, console, lang)
    lines = report.lines
    odd = lines[lines["status"].isin(["rejected", "skipped"])]
    if len(odd):
        table = Table(title=tr("Lignes rejetées et ignorées", lang), title_justify="left")
        for col in ("Fichier", "Feuille", "Ligne", "Statut", "Motif"):
            table.add_column(tr(col, lang))
        for r in odd.head(MAX_ROWS_SHOWN).itertuples(index=False):
            table.add_row(
                str(r.source),
                str(r.sheet),
                str(r.row),
                status_label(str(r.status), lang),
                term(str(r.reason), lang),
            )
        console.print(table)
        if len(odd) > MAX_ROWS_SHOWN:
            more = len(odd) - MAX_ROWS_SHOWN
            text = "… et {count} autre(s) : voir le rapport xlsx ou csv de achats footprint."
            console.print(tr(text, lang, count=more))
    render_reconciliation(report, console, lang=lang)
    for issue in report.issues:
        if issue.code.startswith("row-"):
            continue
        console.print(f"• {issue.message(lang)}")


def _delim(d: str, lang: str = "fr") -> str:
    return tr("tabulation", lang) if d == "\t" else d
