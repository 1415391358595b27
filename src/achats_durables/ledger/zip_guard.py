"""Spreadsheet archives refused before any parsing: corrupt zips, decompression bombs, XML
parts declaring a DTD or entities, worksheets whose grid is beyond the caps of
:mod:`~achats_durables.ledger.sheet_extent`.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from achats_durables.core.errors import LedgerError, Location
from achats_durables.ledger.hidden_cells import HiddenCells
from achats_durables.ledger.sheet_extent import (
    MAX_GRID_CELLS,
    SheetExtent,
    Watch,
    is_worksheet,
    part_oversized,
    worksheet_names,
)

ZIP_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".ods"}
MAX_UNZIPPED_BYTES = 2 * 1024**3  # whole archive, decompressed
MAX_PART_BYTES = 1024**3  # one part, decompressed
MAX_RATIO = 200  # decompressed / compressed, for parts above 50 MB
_XML_DANGER = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def check_zip_container(path: Path) -> dict[str, HiddenCells]:
    """Refuse corrupt archives, decompression bombs and XML with DTD/entity declarations;
    the hidden rows and columns of each xlsx worksheet, by sheet name.

    An xlsx worksheet is decompressed once for all its checks (DTD, extent, hidden cells):
    it is the bulk of the archive."""
    loc = Location(str(path))
    xlsx = path.suffix.lower() in (".xlsx", ".xlsm")
    if not zipfile.is_zipfile(path):
        raise LedgerError("ledger-corrupt", loc, detail="ce n'est pas une archive xlsx/ods valide")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = worksheet_names(zf) if xlsx else {}
            hidden: dict[str, HiddenCells] = {}
            oversized: list[tuple[str, SheetExtent]] = []
            total = sum(i.file_size for i in infos)
            if total > MAX_UNZIPPED_BYTES:
                raise LedgerError(
                    "ledger-too-large", loc, size=total // 2**20, limit=MAX_UNZIPPED_BYTES // 2**20
                )
            for info in infos:
                if info.file_size > MAX_PART_BYTES or (
                    info.file_size > 50 * 2**20
                    and info.file_size > MAX_RATIO * max(info.compress_size, 1)
                ):
                    raise LedgerError(
                        "ledger-hostile",
                        loc,
                        detail=f"la partie « {info.filename} » se décompresse en "
                        f"{info.file_size // 2**20} Mo (bombe de décompression probable)",
                    )
                if xlsx and is_worksheet(info.filename):
                    sheet = names.get(info.filename, info.filename)
                    watch = _SheetWatch()
                    extent = part_oversized(zf, info, watch.start)
                    if watch.dtd:
                        raise _dtd_error(loc, info)
                    hidden[sheet] = watch.hidden
                    if extent is not None:
                        oversized.append((sheet, extent))
                elif info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    if _declares_dtd(zf, info):
                        raise _dtd_error(loc, info)
            _refuse_oversized(oversized, loc)
            return hidden
    except LedgerError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,  # a corrupt deflate stream inside a part
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise LedgerError("ledger-corrupt", loc, detail=short_error(exc)) from exc


def _declares_dtd(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a part declares a DTD or an entity anywhere (streamed: chunks overlap by the
    length of the marker, so one cut in two is still seen)."""
    overlap = len(b"<!DOCTYPE") - 1
    tail = b""
    with zf.open(info) as part:
        while chunk := part.read(1024 * 1024):
            if _XML_DANGER.search(tail + chunk):
                return True
            tail = chunk[-overlap:]
    return False


def _dtd_error(loc: Location, info: zipfile.ZipInfo) -> LedgerError:
    return LedgerError(
        "ledger-hostile",
        loc,
        detail=f"la partie « {info.filename} » déclare une DTD ou des entités XML",
    )


class _SheetWatch:
    """What the extent scan of a worksheet part sees on its way: DTD markers (a piece never
    cuts a tag, so never a marker) and hidden rows and columns."""

    def __init__(self) -> None:
        self.dtd = False
        self.hidden = HiddenCells()

    def start(self, exact: bool) -> Watch:
        """The watcher of one pass over the part (the second pass starts afresh)."""
        self.hidden = HiddenCells()
        return self.see

    def see(self, data: bytes) -> None:
        self.dtd = self.dtd or _XML_DANGER.search(data) is not None
        self.hidden.see(data)


def _refuse_oversized(oversized: list[tuple[str, SheetExtent]], loc: Location) -> None:
    """Refuse a worksheet whose grid (from A1 to its farthest cell) is beyond the caps of
    :mod:`sheet_extent`, before the reader allocates it."""
    for sheet, extent in oversized[:1]:
        code = "ledger-sheet-too-large" if extent.too_large() else "ledger-sheet-sparse"
        raise LedgerError(
            code,
            Location(loc.path, sheet),
            cell=extent.last_cell,
            rows=extent.rows,
            columns=extent.columns,
            grid=extent.grid,
            limit=MAX_GRID_CELLS,
            filled=extent.cells,
        )


def short_error(exc: BaseException) -> str:
    """The first line of an exception's text (its type when it has none), 200 characters at most."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
