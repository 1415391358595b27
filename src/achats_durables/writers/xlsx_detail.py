"""The rows of a detail sheet (one per ledger line) written as XML in bulk, with Arrow.

openpyxl serialises each cell through Python objects (some 40 µs a cell on a shared
machine: 190 s for a 100k-line report). Here each column's distinct values are rendered
once, in Python, to the XML that openpyxl would have written for them (same values, same
styles), then spread over the rows and joined with Arrow, and the rows are spliced into the
sheet's own stream once openpyxl has closed it: the note, the header, the filter and the
print setup stay openpyxl's. Several sheets showing rows of one frame (the lines, then the
excluded ones…) share its rendered columns: a line is rendered once.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from typing import Any, BinaryIO, cast
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from achats_durables.core.frames import codes_of

from .xlsx_sheet import _FORMULA_START, _clean, _col, _Sheet

# rows rendered and written at a time
CHUNK_ROWS = 16_384

# The detail sheets of the footprint report share this many rows: enough to filter and sort
# a year of a mid-sized body's purchases in Excel or LibreOffice, small enough that the
# workbook writes in about a second and opens quickly; the CSV report has every line.
MAX_DETAIL_ROWS = 20_000


class DetailColumns:
    """The columns of ``frame`` rendered once: for each, its letter, the XML after
    ``<c r="A12`` of each distinct value (null: no cell) and each row's code into them.

    ``ws`` is any sheet of the workbook (the cells' style ids are the workbook's)."""

    def __init__(
        self, ws: WriteOnlyWorksheet, frame: pd.DataFrame, fmts: Sequence[str | None], lang: str
    ) -> None:
        self.columns = [
            _column(ws, i, frame.iloc[:, i], fmts[i] if i < len(fmts) else None, lang)
            for i in range(frame.shape[1])
        ]
        self.count = len(frame)


class DetailRows:
    """Rows of ``columns`` (the positions ``rows``, else all) appended to a :class:`_Sheet`
    in bulk: :meth:`splice` writes them, after the sheet's :meth:`_Sheet.finish_detail`
    (its filter and print area count them)."""

    def __init__(self, s: _Sheet, columns: DetailColumns, rows: np.ndarray | None = None) -> None:
        self.sheet = s
        self.first = s.row + 1
        if rows is None:
            self.columns = columns.columns
            self.count = columns.count
        else:
            self.columns = [(letter, d, codes[rows]) for letter, d, codes in columns.columns]
            self.count = len(rows)
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
                self._chunk(start, min(start + CHUNK_ROWS, self.count), out)
            out.write(xml[end:])
        os.replace(tmp, path)

    def _chunk(self, start: int, stop: int, out: BinaryIO) -> None:
        """Rows ``start`` to ``stop`` written to ``out``: Arrow joins each row's cells (a
        null fragment, an empty cell, drops its ``<c r=…``) and the rows' UTF-8 bytes,
        one after the other in the joined array's data buffer, are written as they are."""
        import pyarrow as pa
        import pyarrow.compute as pc

        numbers = pc.cast(pa.array(np.arange(self.first + start, self.first + stop)), pa.string())
        parts: list[Any] = ['<row r="', numbers, '">']
        for letter, dictionary, codes in self.columns:
            fragment = pc.take(dictionary, pa.array(codes[start:stop]))
            parts.append(pc.binary_join_element_wise(f'<c r="{letter}', numbers, fragment, ""))
        parts.append("</row>")
        rows = pc.binary_join_element_wise(*parts, "", null_handling="replace", null_replacement="")
        offsets = np.frombuffer(rows.buffers()[1], dtype=np.int32)[rows.offset :]
        data = rows.buffers()[2]
        if data is not None:
            out.write(data.slice(int(offsets[0]), int(offsets[len(rows)] - offsets[0])))


def _column(
    ws: WriteOnlyWorksheet, i: int, values: pd.Series, fmt: str | None, lang: str
) -> tuple[str, Any, np.ndarray]:
    """A column's letter, the XML after ``<c r="A12`` of each distinct value (null: no
    cell), and each row's code into them."""
    import pyarrow as pa

    styles = _Styles(ws, fmt)
    if pd.api.types.is_float_dtype(values.dtype):
        numbers = values.to_numpy(dtype=float)
        return _col(i), _float_fragments(numbers, styles.plain()), np.arange(len(numbers))
    codes, distinct = codes_of(values)
    rendered = [_fragment(_clean(v, lang), styles) for v in distinct]
    return _col(i), pa.array(rendered, pa.string()), codes


class _Styles:
    """The style ids openpyxl gives a cell of this format, and of this format quoted."""

    def __init__(self, ws: WriteOnlyWorksheet, fmt: str | None) -> None:
        self.ws, self.fmt = ws, fmt
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
        c = WriteOnlyCell(self.ws)
        if self.fmt:
            c.number_format = self.fmt
        if quoted:
            c.quotePrefix = True
        return f' s="{c.style_id}"'


# a float whose shortest text has this many characters or more may need 17 digits
_LONG_TEXT = 17


def _float_fragments(values: np.ndarray, style: str) -> Any:
    """The XML of each float as :func:`_fragment` writes it (null: not finite, no cell),
    vectorised: Arrow's shortest text reads back as the same float as openpyxl's ``%.16g``
    unless it needs 17 digits, and those few are formatted by Python."""
    import pyarrow as pa
    import pyarrow.compute as pc

    finite = np.isfinite(values)
    text = pc.cast(pa.array(np.where(finite, values, 0.0)), pa.string())
    # 17 digits take 17 characters: only texts that long have their digits counted
    wide = np.flatnonzero(np.asarray(pc.greater_equal(pc.binary_length(text), _LONG_TEXT)))
    digits = pc.replace_substring_regex(pc.take(text, wide), r"^-|e.*$|\.", "")
    digits = pc.utf8_length(pc.replace_substring_regex(digits, r"^0+", ""))
    long = wide[np.asarray(pc.greater(digits, 16), dtype=bool)]
    if len(long):
        mask = np.zeros(len(values), dtype=bool)
        mask[long] = True
        shown = pa.array([safe_string(float(v)) for v in values[long]], pa.string())
        text = pc.replace_with_mask(text, pa.array(mask), shown)
    cells = pc.binary_join_element_wise(f'"{style} t="n"><v>', text, "</v></c>", "")
    return pc.if_else(pa.array(finite), cells, pa.scalar(None, pa.string()))


def _fragment(value: Any, styles: _Styles) -> str | None:
    """What openpyxl writes for a cell holding ``value`` (``_clean`` already applied); None
    for no cell."""
    if value is None or value is pd.NaT or value == "":
        return None
    if isinstance(value, str):
        style = styles.quoted() if value.startswith(_FORMULA_START) else styles.plain()
        return f'"{style} t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
    if isinstance(value, date):
        value = cast(Any, to_excel)(value)  # untyped in openpyxl
    text = safe_string(value)
    if text == "":  # infinite
        return None
    return f'"{styles.plain()} t="n"><v>{text}</v></c>'
