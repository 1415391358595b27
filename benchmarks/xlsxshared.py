"""A fast, low-memory XLSX writer with a SHARED-STRINGS table, for benchmark ledgers.

Finance software and Excel store text cells as indexes into ``xl/sharedStrings.xml``;
xlsxwriter does so only in its default mode, which keeps every cell in memory (gigabytes for
1M lines), and its ``constant_memory`` mode writes inline strings instead. This writer
streams the sheet XML, row chunk by row chunk, with the strings factorised once: the file is
what a reader meets in the field. The archive's timestamps are fixed: same frame, same bytes.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

FIXED_TIME = (2025, 1, 1, 0, 0, 0)
CHUNK = 50_000
EPOCH = np.datetime64("1899-12-30")

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
# cellXfs: 0 = general, 1 = built-in date format 14 (dd/mm/yyyy in a French Excel)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _letters(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _column_cells(
    values: pd.Series, letter: str, rows: pd.Series, strings: dict[str, int], is_date: bool
) -> pd.Series:
    """The ``<c>`` element of every value of one column (empty text for an empty cell)."""
    ref = f'<c r="{letter}' + rows
    missing = values.isna().to_numpy()
    if is_date:
        serial = (values.to_numpy(dtype="datetime64[D]") - EPOCH).astype(np.int64).astype(str)
        cells = ref + '" s="1"><v>' + pd.Series(serial, index=values.index) + "</v></c>"
    elif pd.api.types.is_numeric_dtype(values.dtype) and values.dtype != bool:
        text = pd.Series(values.to_numpy(dtype=float), index=values.index).map(repr)
        text = text.str.removesuffix(".0")
        cells = ref + '"><v>' + text + "</v></c>"
    else:
        as_text = values.where(~missing, "").map(str)
        codes = as_text.map(lambda v: strings.setdefault(v, len(strings))).astype(str)
        cells = ref + '" t="s"><v>' + codes + "</v></c>"
    return cells.where(~missing, "")


def _plain_row(values: Sequence[object], row: int, strings: dict[str, int]) -> str:
    """One row of Python values (the header, a totals row): text shared, numbers as numbers."""
    cells = []
    for i, value in enumerate(values):
        ref = f"{_letters(i)}{row}"
        if value is None or (isinstance(value, float) and np.isnan(value)):
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
        else:
            code = strings.setdefault(str(value), len(strings))
            cells.append(f'<c r="{ref}" t="s"><v>{code}</v></c>')
    return f'<row r="{row}">' + "".join(cells) + "</row>"


def _sheet_rows(
    frame: pd.DataFrame, date_columns: Sequence[str], strings: dict[str, int]
) -> Iterator[str]:
    for start in range(0, len(frame), CHUNK):
        part = frame.iloc[start : start + CHUNK]
        rows = pd.Series(np.arange(start + 2, start + 2 + len(part)).astype(str), index=part.index)
        cells = [
            _column_cells(part[c], _letters(i), rows, strings, c in date_columns)
            for i, c in enumerate(frame.columns)
        ]
        body = cells[0].str.cat(cells[1:])
        yield "".join(('<row r="' + rows + '">' + body + "</row>").tolist())


def write_shared_strings_xlsx(
    frame: pd.DataFrame,
    path: Path,
    sheet: str = "Feuil1",
    date_columns: Sequence[str] = (),
    footer: Sequence[object] = (),
) -> None:
    """Write ``frame`` (header + rows, then the ``footer`` row if any) as a one-sheet workbook
    with shared strings."""
    strings: dict[str, int] = {}

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(entry("[Content_Types].xml"), CONTENT_TYPES)
        archive.writestr(entry("_rels/.rels"), ROOT_RELS)
        archive.writestr(entry("xl/_rels/workbook.xml.rels"), WORKBOOK_RELS)
        archive.writestr(
            entry("xl/workbook.xml"),
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {MAIN_NS} '
            f'{REL_NS}><sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        archive.writestr(entry("xl/styles.xml"), STYLES)
        last = f"{_letters(len(frame.columns) - 1)}{len(frame) + 1 + bool(footer)}"
        with archive.open(entry("xl/worksheets/sheet1.xml"), "w", force_zip64=True) as out:
            out.write(
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
                f'{MAIN_NS}><dimension ref="A1:{last}"/><sheetData>'.encode()
            )
            out.write(_plain_row(list(frame.columns), 1, strings).encode("utf-8"))
            for chunk in _sheet_rows(frame, date_columns, strings):
                out.write(chunk.encode("utf-8"))
            if footer:
                out.write(_plain_row(footer, len(frame) + 2, strings).encode("utf-8"))
            out.write(b"</sheetData></worksheet>")
        items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
        archive.writestr(
            entry("xl/sharedStrings.xml"),
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {MAIN_NS} '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>',
        )
