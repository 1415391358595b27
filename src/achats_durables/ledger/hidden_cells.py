"""Notes on the hidden rows and columns of an xlsx sheet: they are read like the others, and
the user is told so (the worksheet part is scanned for ``hidden="1"``, no XML is parsed).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

from achats_durables.i18n.messages import Text

_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_COL_TAG = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_HIDDEN = re.compile(rb'hidden="(?:1|true)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_COL_RANGE = re.compile(rb'\bmin="(\d+)"[^>]*\bmax="(\d+)"')


def _sheet_part(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The archive path of a worksheet, from workbook.xml and its relationships."""
    try:
        workbook = zf.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return None
    m = re.search(
        r'<(?:\w+:)?sheet\b[^>]*name="' + re.escape(escape(sheet, {'"': "&quot;"})) + r'"[^>]*>',
        workbook,
    )
    if m is None:
        return None
    rid = re.search(r'\br:id="([^"]+)"|\bid="([^"]+)"', m.group(0))
    if rid is None:
        return None
    target_id = rid.group(1) or rid.group(2)
    t = re.search(
        r'<Relationship\b[^>]*Id="' + re.escape(target_id) + r'"[^>]*Target="([^"]+)"', rels
    )
    if t is None:
        t = re.search(
            r'<Relationship\b[^>]*Target="([^"]+)"[^>]*Id="' + re.escape(target_id) + '"', rels
        )
    if t is None:
        return None
    target = t.group(1).lstrip("/")
    return target if target.startswith("xl/") else f"xl/{target}"


def hidden_notes(path: Path, sheet: str, first_data_row: int) -> list[str | Text]:
    """French notes about hidden rows and columns of an xlsx sheet (they are read all the same)."""
    try:
        with zipfile.ZipFile(path) as zf:
            part = _sheet_part(zf, sheet)
            if part is None:
                return []
            data = zf.read(part)
    except (KeyError, OSError, EOFError, zipfile.BadZipFile, zlib.error):
        return []
    if not _HIDDEN.search(data):
        return []
    rows = []
    for tag in _ROW_TAG.findall(data):
        if _HIDDEN.search(tag):
            number = _ROW_NUMBER.search(tag)
            if number is not None and int(number.group(1)) >= first_data_row:
                rows.append(int(number.group(1)))
    cols = 0
    for tag in _COL_TAG.findall(data):
        if _HIDDEN.search(tag):
            span = _COL_RANGE.search(tag)
            cols += int(span.group(2)) - int(span.group(1)) + 1 if span else 1
    notes: list[str | Text] = []
    if rows:
        shown = ", ".join(map(str, rows[:10])) + (" …" if len(rows) > 10 else "")
        notes.append(Text("note-hidden-rows", sheet=sheet, count=len(rows), rows=shown))
    if cols:
        notes.append(Text("note-hidden-columns", sheet=sheet, count=cols))
    return notes
