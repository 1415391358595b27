"""The real extent of an xlsx worksheet, read from the archive before the spreadsheet reader.

The reader (calamine) builds a dense grid from cell A1 to the farthest cell holding something:
one cell typed at XFD1048576 makes it allocate 17 billion cells and abort the process, one at
A1048576 a million blank rows. So each worksheet part is scanned first, streaming, with regular
expressions over the decompressed XML (no tree is built):

1. a fast, conservative bound from the cell references, when every cell is written
   ``<c r="A1" …>`` as spreadsheet software writes them;
2. only when that bound is beyond the caps, or some cell is written otherwise, an exact pass that follows the reader's rules
   (self-closing ``<c …/>`` cells hold nothing; a cell or row without ``r`` follows the previous
   one) to confirm.

Caps (per sheet, the grid counted from A1): :data:`MAX_GRID_CELLS` cells (a full Excel
sheet, 1,048,576 rows, of 24 columns: a 1M-line × 14-column export reads with a 1.7 GB peak), and a grid above :data:`SPARSE_FROM_CELLS` cells must have at least
:data:`MIN_FILL` of its cells filled (a table with a stray cell far below or to the right is
refused with the cell to delete, rather than read as a million blank rows).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

MAX_GRID_CELLS = 25_000_000
SPARSE_FROM_CELLS = 1_000_000
MIN_FILL = 0.10
_CHUNK = 4 * 1024 * 1024

_CANONICAL_REF = re.compile(rb' r="([A-Za-z]{1,3})(\d{1,7})"')
_TAG = re.compile(rb"<(?:[\w.-]+:)?(c|row)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb"""\br\s*=\s*["']([A-Za-z]*)(\d*)["']""")


@dataclass(frozen=True)
class SheetExtent:
    """Last row and column (1-based) of the cells present, and how many cells are present."""

    rows: int
    columns: int
    cells: int

    @property
    def grid(self) -> int:
        return self.rows * self.columns

    @property
    def last_cell(self) -> str:
        return f"{column_letters(self.columns)}{self.rows}"

    def too_large(self) -> bool:
        return self.grid > MAX_GRID_CELLS

    def too_sparse(self) -> bool:
        return self.grid > SPARSE_FROM_CELLS and self.cells < MIN_FILL * self.grid


def column_letters(number: int) -> str:
    """1 → A, 27 → AA, 16384 → XFD."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


def column_number(letters: bytes) -> int:
    """b"A" → 1, b"XFD" → 16384 (case-insensitive)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + char - 64
    return number


Watch = Callable[[bytes], None]  # sees every piece of a part as it is scanned


def _chunks(stream: IO[bytes], watch: Watch | None = None) -> Iterator[bytes]:
    """The stream in pieces that never cut a tag (each ends before the last ``<``), each shown
    to ``watch`` first (the other scans of the part: DTD markers, hidden rows)."""
    for piece in _pieces(stream):
        if watch is not None:
            watch(piece)
        yield piece


def _pieces(stream: IO[bytes]) -> Iterator[bytes]:
    rest = b""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            if rest:
                yield rest
            return
        data = rest + chunk
        cut = data.rfind(b"<")
        if cut == 0:  # one tag longer than a chunk
            rest = data
            continue
        if cut < 0:
            cut = len(data)
        yield data[:cut]
        rest = data[cut:]


def bound_extent(stream: IO[bytes], watch: Watch | None = None) -> SheetExtent | None:
    """A fast upper bound of the extent from the cell references (self-closing cells count),
    or ``None`` when some cell is not written ``<c r="A1" …>`` (then only the exact pass can
    tell where it lies)."""
    letters: set[bytes] = set()
    max_row = refs = tags = 0
    for data in _chunks(stream, watch):
        found = _CANONICAL_REF.findall(data)
        refs += len(found)
        if found:
            letters.update({col for col, _ in found})
            max_row = max(max_row, max(map(int, {row for _, row in found})))
        tags += data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
        if b":c " in data:  # namespace-prefixed cells
            return None
    if tags != refs:
        return None
    return SheetExtent(max_row, max(map(column_number, letters), default=0), refs)


def exact_extent(stream: IO[bytes], watch: Watch | None = None) -> SheetExtent:
    """The extent as the reader sees it: self-closing cells hold nothing, and a cell or row
    without a reference comes right after the previous one."""
    max_row = max_col = cells = row = col = 0
    for data in _chunks(stream, watch):
        for match in _TAG.finditer(data):
            kind, attrs = match.group(1), match.group(2)
            ref = _REF.search(attrs)
            if kind == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                col = 0
                continue
            cell_row = row
            if ref and ref.group(1):
                col = column_number(ref.group(1))
                cell_row = int(ref.group(2)) if ref.group(2) else row
            else:
                col += 1
            if attrs.endswith(b"/"):
                continue
            cells += 1
            max_row = max(max_row, cell_row)
            max_col = max(max_col, col)
    return SheetExtent(max_row, max_col, cells)


def worksheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Archive path of each worksheet → its name as the tabs show it (from workbook.xml)."""
    try:
        workbook = zf.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets: dict[str, str] = {}
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        rid = re.search(r'\bId="([^"]+)"', tag)
        target = re.search(r'\bTarget="([^"]+)"', tag)
        if rid and target:
            path = target.group(1).lstrip("/")
            targets[rid.group(1)] = path if path.startswith("xl/") else f"xl/{path}"
    # imported here: xml.sax.saxutils pulls urllib.request and ssl (≈ 10 ms at every start)
    from xml.sax.saxutils import unescape

    names: dict[str, str] = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name = re.search(r'\bname="([^"]*)"', tag)
        rid = re.search(r'\br:id="([^"]+)"', tag)
        if name and rid and rid.group(1) in targets:
            names[targets[rid.group(1)]] = unescape(name.group(1), {"&quot;": '"', "&apos;": "'"})
    return names


def oversized_sheets(zf: zipfile.ZipFile) -> Iterator[tuple[str, SheetExtent]]:
    """(sheet name, extent) of each worksheet beyond the caps, confirmed by the exact pass."""
    names = worksheet_names(zf)
    for info in zf.infolist():
        if is_worksheet(info.filename):
            extent = part_oversized(zf, info)
            if extent is not None:
                yield names.get(info.filename, info.filename), extent


def is_worksheet(part: str) -> bool:
    return part.startswith("xl/worksheets/") and part.lower().endswith(".xml")


def part_oversized(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, watch: Callable[[bool], Watch] | None = None
) -> SheetExtent | None:
    """The extent of a worksheet part if it is beyond the caps (else ``None``). The part is
    read through once, or twice when the bound pass cannot conclude: ``watch(exact)`` gives
    the watcher of each pass, which sees the whole part (the bound pass stops early only when
    the exact pass follows)."""
    with zf.open(info) as stream:
        bound = bound_extent(stream, watch(False) if watch else None)
    if bound is not None and not (bound.too_large() or bound.too_sparse()):
        return None
    with zf.open(info) as stream:
        extent = exact_extent(stream, watch(True) if watch else None)
    return extent if extent.too_large() or extent.too_sparse() else None
