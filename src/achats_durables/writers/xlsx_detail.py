"""The rows of a detail sheet (one per ledger line) written as XML in bulk, with Arrow.

openpyxl serialises each cell through Python objects (some 40 µs a cell on a shared
machine: 190 s for a 100k-line report). Here each column's distinct values are rendered
once, in Python, to the XML that openpyxl would have written for them (same values, same
styles), then spread over the rows and joined with Arrow, and the rows are spliced into the
sheet's own stream once openpyxl has closed it: the note, the header, the filter and the
print setup stay openpyxl's.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from typing import Any, cast
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.utils.datetime import to_excel

from achats_durables.core.frames import codes_of

from .xlsx_sheet import _FORMULA_START, _clean, _col, _Sheet

# rows rendered and written at a time
CHUNK_ROWS = 16_384

# Each detail sheet of the footprint report keeps this many lines at most: enough to filter
# and sort a year of a mid-sized body's purchases in Excel or LibreOffice, small enough that
# the workbook writes in about a second and opens quickly; the CSV report has every line.
MAX_DETAIL_ROWS = 20_000


class DetailRows:
    """Rows appended to a :class:`_Sheet` in bulk: :meth:`splice` writes them, after the
    sheet's :meth:`_Sheet.finish_detail` (its filter and print area count them)."""

    def __init__(self, s: _Sheet, frame: pd.DataFrame, fmts: Sequence[str | None]) -> None:
        self.sheet = s
        self.first = s.row + 1
        self.columns = [
            _column(s, i, frame.iloc[:, i], fmts[i] if i < len(fmts) else None)
            for i in range(frame.shape[1])
        ]
        self.count = len(frame)
        s.row += self.count

    def splice(self) -> None:
        """Close the sheet (openpyxl writes its stream whole) and insert the rows before the
        end of its ``sheetData``."""
        ws: Any = self.sheet.ws
        ws.close()
        path = ws._writer.out
        with open(path, "rb") as fh:
            xml = fh.read()  # the note, the header and the tail: a few kilobytes
        end = xml.rindex(b"</sheetData>")
        tmp = f"{path}.rows"
        with open(tmp, "wb") as out:
            out.write(xml[:end])
            for start in range(0, self.count, CHUNK_ROWS):
                out.write(self._chunk(start, min(start + CHUNK_ROWS, self.count)))
            out.write(xml[end:])
        os.replace(tmp, path)

    def _chunk(self, start: int, stop: int) -> bytes:
        import pyarrow as pa
        import pyarrow.compute as pc

        numbers = pa.array([str(self.first + k) for k in range(start, stop)], pa.string())
        parts: list[Any] = [pa.scalar('<row r="'), numbers, pa.scalar('">')]
        for letter, dictionary, codes in self.columns:
            fragment = pc.take(dictionary, pa.array(codes[start:stop]))
            cell = pc.binary_join_element_wise(f'<c r="{letter}', numbers, fragment, "")
            parts.append(pc.if_else(pc.equal(fragment, ""), "", cell))
        parts.append(pa.scalar("</row>"))
        rows = pc.binary_join_element_wise(*parts, "")
        return "".join(rows.to_pylist()).encode("utf-8")


def _column(s: _Sheet, i: int, values: pd.Series, fmt: str | None) -> tuple[str, Any, Any]:
    """A column's letter, the XML after ``<c r="A12`` of each distinct value (empty: no
    cell), and each row's code into them."""
    import pyarrow as pa

    styles = _Styles(s, fmt)
    if pd.api.types.is_float_dtype(values.dtype):
        numbers = values.to_numpy(dtype=float)
        return _col(i), _float_fragments(numbers, styles.plain()), np.arange(len(numbers))
    codes, distinct = codes_of(values)
    rendered = [_fragment(_clean(v, s.lang), styles) for v in distinct]
    return _col(i), pa.array(rendered, pa.string()), codes


class _Styles:
    """The style ids openpyxl gives a cell of this format, and of this format quoted."""

    def __init__(self, s: _Sheet, fmt: str | None) -> None:
        self.sheet, self.fmt = s, fmt
        self._plain: str | None = None
        self._quoted: str | None = None

    def plain(self) -> str:
        if self._plain is None:
            self._plain = self._id(quoted=False) if self.fmt else ""
        return self._plain

    def quoted(self) -> str:
        if self._quoted is None:
            self._quoted = self._id(quoted=True)
        return self._quoted

    def _id(self, *, quoted: bool) -> str:
        c = WriteOnlyCell(self.sheet.ws)
        if self.fmt:
            c.number_format = self.fmt
        if quoted:
            c.quotePrefix = True
        return f' s="{c.style_id}"'


def _float_fragments(values: np.ndarray, style: str) -> Any:
    """The XML of each float as :func:`_fragment` writes it, vectorised: Arrow's shortest
    text reads back as the same float as openpyxl's ``%.16g`` unless it needs 17 digits,
    and those few are formatted by Python."""
    import pyarrow as pa
    import pyarrow.compute as pc

    finite = np.isfinite(values)
    text = pc.cast(pa.array(np.where(finite, values, 0.0)), pa.string())
    digits = pc.replace_substring_regex(text, r"^-|e.*$|\.", "")
    digits = pc.utf8_length(pc.replace_substring_regex(digits, r"^0+", ""))
    long = np.flatnonzero(np.asarray(pc.greater(digits, 16)))
    if len(long):
        shown = np.asarray(text.to_pylist(), dtype=object)
        shown[long] = [safe_string(float(v)) for v in values[long]]
        text = pa.array(shown.tolist(), pa.string())
    cells = pc.binary_join_element_wise(f'"{style} t="n"><v>', text, "</v></c>", "")
    return pc.if_else(pa.array(finite), cells, "")


def _fragment(value: Any, styles: _Styles) -> str:
    """What openpyxl writes for a cell holding ``value`` (``_clean`` already applied)."""
    if value is None or value is pd.NaT or value == "":
        return ""
    if isinstance(value, str):
        style = styles.quoted() if value.startswith(_FORMULA_START) else styles.plain()
        return f'"{style} t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
    if isinstance(value, date):
        value = cast(Any, to_excel)(value)  # untyped in openpyxl
    text = safe_string(value)
    if text == "":  # infinite
        return ""
    return f'"{styles.plain()} t="n"><v>{text}</v></c>'
