"""The detail sheets of the footprint report: « Lignes », then the lines of each status to
act on (« Non affectées », « À quantifier », « Exclues », « Rejetées et ignorées »).

The sheets share one budget of rows (:func:`detail_shares`); a line shown on two sheets is
rendered once (:class:`.xlsx_detail.DetailColumns`); the CSV report has every line.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from openpyxl import Workbook

from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_number
from achats_durables.i18n.messages import term

from .labels import LINE_HEADERS, line_headers, status_label
from .number_formats import EUR, KG, PCT
from .xlsx_detail import DetailColumns, DetailRows
from .xlsx_sheet import _BOLD, _Sheet, detail_note

# each sheet: its title, the statuses of its lines (None: every line), what they are
DETAIL_SHEETS: tuple[tuple[str, tuple[str, ...] | None, str], ...] = (
    ("Lignes", None, "toutes les lignes lues"),
    ("Non affectées", ("unmapped",), "lignes sans catégorie"),
    ("À quantifier", ("unquantified",), "énergie achetée sans quantité"),
    ("Exclues", ("excluded",), "lignes hors périmètre"),
    ("Rejetées et ignorées", ("rejected", "skipped"), "lignes rejetées ou ignorées"),
)
LINE_WIDTHS = [10, 12, 7, 12, 30, 18, 11, 8, 9, 8, 10, 10, 16, 40, 28, 16, 14] + [14] * 17


def detail_shares(sizes: Sequence[int], total: int) -> list[int]:
    """How many lines each detail sheet keeps (its first ones) when the sheets share
    ``total`` rows: every list whole if they fit; else equal shares, a list shorter than
    its share kept whole and the rest shared by the others (the first ones get the odd rows)."""
    kept = [0] * len(sizes)
    left = total
    open_ = [i for i, n in enumerate(sizes) if n > 0]
    while open_ and left > 0:
        share, odd = divmod(left, len(open_))
        whole = [i for i in open_ if sizes[i] <= share]
        if not whole:
            for k, i in enumerate(open_):
                kept[i] = share + (k < odd)
            break
        for i in whole:
            kept[i] = sizes[i]
            left -= sizes[i]
        open_ = [i for i in open_ if i not in whole]
    return kept


def write_line_sheets(wb: Workbook, report: FootprintReport, max_lines: int, lang: str) -> None:
    """The detail sheets, one row per line, sharing ``max_lines`` rows."""
    status = report.lines["status"].to_numpy()
    lists = [
        np.arange(len(status)) if statuses is None else np.flatnonzero(np.isin(status, statuses))
        for _, statuses, _ in DETAIL_SHEETS
    ]
    kept = detail_shares([len(positions) for positions in lists], max_lines)
    shown = [positions[:n] for positions, n in zip(lists, kept, strict=True)]
    union = np.unique(np.concatenate(shown))  # in the lines' order
    cols = list(LINE_HEADERS)
    frame = _line_frame(report.lines[cols].iloc[union], lang)
    columns: DetailColumns | None = None
    for (title, _, what), positions, rows in zip(DETAIL_SHEETS, lists, shown, strict=True):
        s = _detail_sheet(wb, tr(title, lang), len(positions), len(rows), max_lines, what, lang)
        if columns is None:  # after the first sheet's header: the style ids openpyxl gives
            columns = DetailColumns(s.ws, frame, _line_formats(cols, lang), lang)
        detail = DetailRows(s, columns, np.searchsorted(union, rows))
        s.finish_detail(len(cols))
        detail.splice()


def _detail_sheet(
    wb: Workbook, title: str, count: int, shown: int, max_lines: int, what: str, lang: str
) -> _Sheet:
    """A detail sheet with its note on the first row (for filtering and sorting; printed,
    only its first rows; the lines left out, if any) and its header with its filter."""
    headers = line_headers(lang)
    s = _Sheet(wb, title, LINE_WIDTHS, lang, headers=headers, detail=True)
    note = detail_note(lang)
    if count > shown:
        note += " " + tr(
            "{count} {what} : seules les {shown} premières sont ici (les feuilles de détail "
            "se partagent {max_lines} lignes) ; le détail complet en CSV : achats footprint … "
            "-o rapport.csv (toutes les lignes dans rapport-lignes.csv).",
            lang,
            count=format_number(count, 0, lang),
            what=tr(what, lang),
            shown=format_number(shown, 0, lang),
            max_lines=format_number(max_lines, 0, lang),
        )
    s.append([note], font=_BOLD)
    s.header(headers)
    return s


def _line_formats(cols: Sequence[str], lang: str) -> list[str | None]:
    fmts: list[str | None] = []
    for c in cols:
        if c in ("amount_excl_vat", "amount_incl_vat", "amount_read_eur", "amount_excl_vat_eur"):
            fmts.append(EUR)
        elif c in ("vat_rate", "vat_rate_applied", "uncertainty_rel"):
            fmts.append(PCT)
        elif c == "date":
            fmts.append("yyyy-mm-dd" if lang == "en" else "dd/mm/yyyy")
        elif c in ("emissions_kgco2e",):
            fmts.append(KG)
        elif c == "price_index_ratio":
            fmts.append("0.0000")
        else:
            fmts.append(None)
    return fmts


def _line_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The lines as shown: statuses and terms in ``lang``, years as integers."""
    frame = frame.copy()
    frame["status"] = frame["status"].map(lambda v: status_label(str(v), lang))
    if lang == "en":
        for c in ("vat_basis", "cpv_source", "reason"):
            frame[c] = (
                frame[c]
                .astype(object)
                .map(lambda v: term(str(v), lang) if isinstance(v, str) else v)
            )
    frame["year"] = frame["year"].map(lambda y: None if pd.isna(y) else int(y))
    frame["euro_year"] = frame["euro_year"].map(lambda y: None if pd.isna(y) else int(y))
    return frame
