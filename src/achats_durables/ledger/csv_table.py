"""Ledger CSV files: the header found in the first rows, the body read by Arrow's CSV reader.

Encoding, delimiter and the sample rows come from :mod:`csv_text` (the one reading of text
tables). Amount columns whose sample cells are plain numbers are read as numbers by Arrow; a
file Arrow cannot read (rows with fewer fields, blank lines, quoted line breaks, an encoding it
does not decode) is read again by pandas, which locates any real fault.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import LedgerError, Location
from achats_durables.i18n.messages import Text
from achats_durables.ledger.csv_text import MIXED_ERRORS, contradicted_note, sample_csv
from achats_durables.ledger.headers import HEADER_SCAN, HeaderMatch, find_header
from achats_durables.ledger.input_shape import refuse_contracts
from achats_durables.ledger.tabular import RawTable, no_header_error


def read_csv_table(path: Path, profile: Mapping[str, str] | None = None) -> RawTable:
    """The ledger table of a CSV file: header searched in its first rows, body read by Arrow
    (else pandas), encoding and delimiter from :func:`csv_text.sample_csv`."""
    sample = sample_csv(path)
    rows = sample.rows
    header = find_header(rows, profile, HEADER_SCAN)
    if header is None:
        raise no_header_error(path, None, [list(r) for r in rows], profile)
    refuse_contracts(path, None, rows[header.row_index])
    encoding, delimiter = sample.encoding, sample.delimiter
    skip, width = header.row_index + 1, len(header.headers)
    notes: list[str | Text] = []
    typed = _plain_number_columns(rows[skip:], header)
    frame = _arrow_csv(path, encoding, delimiter, skip, width, typed)
    if frame is None and typed[0]:
        frame = _arrow_csv(path, encoding, delimiter, skip, width, ([], "."))
    if frame is None:
        frame = _pandas_csv(path, encoding, delimiter, skip, width)
    if frame is None:  # sample looked like UTF-8 but the rest is not
        notes.append(contradicted_note(encoding))
        frame = _pandas_csv(path, encoding, delimiter, skip, width, MIXED_ERRORS)
        assert frame is not None
    return RawTable(
        path=str(path),
        sheet=None,
        header=header,
        frame=frame,
        first_row=header.row_index + 2,
        rows_above=header.row_index + 1,
        format="csv",
        encoding=encoding,
        delimiter=delimiter,
        notes=notes,
    )


NUMERIC_FIELDS = ("amount_excl_vat", "amount_incl_vat", "vat_amount")
_PLAIN = re.compile(r"^\s*-?\d+(?:([.,])\d+)?\s*$")


def _plain_number_columns(sample: list[list[str]], header: HeaderMatch) -> tuple[list[int], str]:
    """Amount columns whose sample cells are all plain numbers, and their decimal mark.

    Arrow then reads those columns as numbers directly; if a later cell is not a plain number
    the whole file is read again as text and parsed cell by cell.
    """
    marks: set[str] = set()
    columns: list[int] = []
    for field_name in NUMERIC_FIELDS:
        i = header.columns.get(field_name)
        if i is None:
            continue
        cells = [r[i] for r in sample if i < len(r) and r[i].strip()]
        matches = [_PLAIN.match(c) for c in cells]
        if not cells or not all(matches):
            continue
        marks |= {m.group(1) for m in matches if m is not None and m.group(1)}
        columns.append(i)
    if len(marks) > 1:
        return [], "."
    return columns, (marks.pop() if marks else ".")


def _arrow_csv(
    path: Path,
    encoding: str,
    delimiter: str,
    skip: int,
    width: int,
    typed: tuple[list[int], str],
) -> pd.DataFrame | None:
    """Fast path: Arrow's multithreaded CSV reader; plain amount columns as numbers, the other
    cells as categoricals (each column's distinct texts, read by Arrow as a dictionary).

    A file in a one-byte code page (cp1252…) is split by Arrow as bytes (its delimiter, quotes
    and line ends are the ASCII ones) and only the distinct texts of each column are decoded:
    Arrow's own transcoding decodes every byte of the file in Python, on one thread.

    Returns ``None`` when the file needs the tolerant reader (rows with fewer fields, blank
    lines, line breaks inside quoted cells, an encoding Arrow does not decode): that reader then
    gives the precise location of any real fault.
    """
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:
        return None
    names = [str(i) for i in range(width)]
    numeric, decimal = typed
    as_bytes = _single_byte(encoding)
    text = pa.dictionary(pa.int32(), pa.binary() if as_bytes else pa.string())
    types = {n: (pa.float64() if i in numeric else text) for i, n in enumerate(names)}
    arrow_encoding = {"utf-8": "utf8", "utf-8-sig": "utf8"}.get(encoding, encoding)
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                skip_rows=skip, column_names=names, encoding="utf8" if as_bytes else arrow_encoding
            ),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=types,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                decimal_point=decimal,
                check_utf8=not as_bytes,
            ),
        )
        columns = [
            _column(c, encoding if as_bytes else None) for c in table.unify_dictionaries().columns
        ]
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, LookupError, UnicodeDecodeError, OSError):
        return None
    return pd.DataFrame(dict(enumerate(columns)))


# Code pages whose every character is one byte and whose ASCII bytes are ASCII: a CSV in one of
# them splits into cells on its bytes exactly as on its decoded text.
_SINGLE_BYTE = frozenset(
    codecs.lookup(e).name
    for e in ("cp1252", "cp1250", "cp850", "mac_roman", "iso8859_15", "latin_1")
)


def _single_byte(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name in _SINGLE_BYTE
    except LookupError:
        return False


def _column(column: Any, encoding: str | None) -> pd.Series:
    """An Arrow column as pandas: numbers as floats, a dictionary column as a categorical whose
    categories are Arrow-backed strings (its bytes decoded from ``encoding`` if given)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not pa.types.is_dictionary(column.type):
        series: pd.Series = column.to_pandas()
        return series
    combined = column.combine_chunks()
    dictionary = combined.dictionary
    if encoding is not None:
        dictionary = _decoded(dictionary, encoding)
    categories = pd.Index(
        pa.chunked_array([dictionary]).to_pandas(types_mapper=lambda t: _STRING), dtype=_STRING
    )
    codes = pc.fill_null(combined.indices, -1).to_numpy(zero_copy_only=False)
    dtype = pd.CategoricalDtype(categories)
    return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype))


_STRING = pd.StringDtype("pyarrow", na_value=np.nan)


def _decoded(values: Any, encoding: str) -> Any:
    """A binary Arrow array of texts in the one-byte ``encoding``, as UTF-8 strings: the whole
    data buffer decoded at once (strictly), the offsets moved by the bytes UTF-8 adds."""
    import pyarrow as pa

    n = len(values)
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int32)[
        values.offset : values.offset + n + 1
    ]
    data = values.buffers()[2]
    raw = memoryview(data)[offsets[0] : offsets[-1]] if data is not None else b""
    encoded = bytes(raw).decode(encoding).encode("utf-8")
    local = offsets.astype(np.int64) - offsets[0]
    if len(encoded) != len(raw):
        grown = np.concatenate(
            ([0], np.cumsum(_utf8_extra(encoding)[np.frombuffer(raw, np.uint8)]))
        )
        local = local + grown[local]
    return pa.LargeStringArray.from_buffers(n, pa.py_buffer(local), pa.py_buffer(encoded))


@cache
def _utf8_extra(encoding: str) -> np.ndarray:
    """Per byte of ``encoding``: how many bytes its character takes in UTF-8 beyond one."""
    extra = np.zeros(256, dtype=np.int64)
    for b in range(128, 256):
        try:
            extra[b] = len(bytes([b]).decode(encoding).encode("utf-8")) - 1
        except UnicodeDecodeError:  # undefined in the code page: the strict decoding raised
            pass
    return extra


def _pandas_csv(
    path: Path, encoding: str, delimiter: str, skip: int, width: int, errors: str = "strict"
) -> pd.DataFrame | None:
    """The tolerant reader: ``None`` when a UTF-8 file holds other bytes further down; the
    located ``ledger-corrupt`` error of a row with too many fields."""
    loc = Location(str(path))
    try:
        return pd.read_csv(
            path,
            sep=delimiter,
            encoding=encoding,
            encoding_errors=errors,
            skiprows=skip,
            header=None,
            names=list(range(width)),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            quotechar='"',
        )
    except UnicodeDecodeError:
        if encoding.startswith("utf-8"):
            return None
        raise LedgerError("ledger-encoding", loc) from None
    except pd.errors.ParserError as exc:
        msg = str(exc)
        m = re.search(r"line (\d+), saw (\d+)", msg)
        if m:
            row = int(m.group(1))
            raise LedgerError(
                "ledger-corrupt",
                Location(str(path), row=row),
                detail=f"{m.group(2)} champs au lieu de {width} (séparateur « {delimiter} » dans un texte non entre guillemets ?)",
            ) from exc
        raise LedgerError("ledger-corrupt", loc, detail=msg.splitlines()[0][:200]) from exc
    except (OSError, ValueError) as exc:
        raise LedgerError("ledger-corrupt", loc, detail=str(exc)[:200]) from exc
