"""Raw tables from files: CSV (encoding and delimiter detected) and spreadsheets (calamine).

Everything here returns :class:`RawTable` objects — the rows under a recognised header, with
their spreadsheet row numbers — or raises :class:`LedgerError`. Hostile files (corrupt zip,
XML entity declarations, huge decompressed parts) are refused before any parsing.
"""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import LedgerError, Location
from achats_durables.i18n.messages import Text
from achats_durables.ledger.header_hints import guess_ledger_header, ledger_advice, missing_text
from achats_durables.ledger.headers import HeaderMatch, find_header
from achats_durables.ledger.input_shape import (
    contracts_kind,
    refuse_contracts,
    refuse_forecast_budget,
)
from achats_durables.ledger.sheet_extent import MAX_GRID_CELLS, oversized_sheets

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
ZIP_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".ods"}
HEADER_SCAN = 50
MAX_UNZIPPED_BYTES = 2 * 1024**3  # whole archive, decompressed
MAX_PART_BYTES = 1024**3  # one part, decompressed
MAX_RATIO = 200  # decompressed / compressed, for parts above 50 MB
_XML_DANGER = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


@dataclass(frozen=True)
class RawTable:
    """Rows under a header: ``frame`` columns are positions, ``first_row`` the row number of
    the first data row (1-based as a spreadsheet shows it)."""

    path: str
    sheet: str | None
    header: HeaderMatch
    frame: pd.DataFrame
    first_row: int
    rows_above: int  # title rows + the header row
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    notes: list[str] = field(default_factory=list)
    # Per row: "" to keep, else the French reason the reader set the row aside (status skipped).
    skip_reason: np.ndarray | None = None
    # What the file says of itself: entity, siret, year, nomenclature, budget, producer, document.
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SheetScan:
    """What was found in a workbook: the ledger tables and the sheets set aside."""

    tables: list[RawTable]
    ignored_sheets: list[tuple[str, str]]  # (sheet, reason)
    all_sheets: list[str]


def check_zip_container(path: Path) -> None:
    """Refuse corrupt archives, decompression bombs and XML with DTD/entity declarations."""
    loc = Location(str(path))
    if not zipfile.is_zipfile(path):
        raise LedgerError("ledger-corrupt", loc, detail="ce n'est pas une archive xlsx/ods valide")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
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
                if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    if _declares_dtd(zf, info):
                        raise LedgerError(
                            "ledger-hostile",
                            loc,
                            detail=f"la partie « {info.filename} » déclare une DTD ou des entités XML",
                        )
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                _check_sheet_extents(zf, loc)
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
        raise LedgerError("ledger-corrupt", loc, detail=_short(exc)) from exc


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


def _check_sheet_extents(zf: zipfile.ZipFile, loc: Location) -> None:
    """Refuse a worksheet whose grid (from A1 to its farthest cell) is beyond the caps of
    :mod:`sheet_extent`, before the reader allocates it."""
    for sheet, extent in oversized_sheets(zf):
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


def read_spreadsheet(
    path: Path, sheet: str | None = None, profile: Mapping[str, str] | None = None
) -> SheetScan:
    """Every visible sheet holding a ledger header (or only ``sheet``) as raw tables."""
    from python_calamine import CalamineWorkbook

    if path.suffix.lower() in ZIP_SUFFIXES:
        check_zip_container(path)
    loc = Location(str(path))
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types
        raise LedgerError("ledger-corrupt", loc, detail=_short(exc)) from exc
    names = list(wb.sheet_names)
    hidden = {
        m.name
        for m in wb.sheets_metadata
        if str(getattr(m, "visible", "")).endswith("Visible") is False
    }
    if sheet is not None:
        if sheet not in names:
            raise LedgerError(
                "ledger-sheet-not-found",
                loc,
                sheet=sheet,
                available=", ".join(f"« {n} »" for n in names),
            )
        wanted = [sheet]
    else:
        wanted = names
    tables: list[RawTable] = []
    ignored: list[tuple[str, str]] = []
    headless: list[tuple[str, list[list[Any]]]] = []
    contract_sheets: list[tuple[str, list[Any]]] = []
    for name in wanted:
        if sheet is None and name in hidden:
            ignored.append((name, "feuille masquée"))
            continue
        try:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise LedgerError(
                "ledger-corrupt", Location(str(path), name), detail=_short(exc)
            ) from exc
        header = find_header(rows, profile, HEADER_SCAN)
        if header is None:
            if sheet is not None:
                raise no_header_error(path, name, rows, profile)
            ignored.append((name, "aucune ligne d'en-tête de grand livre"))
            headless.append((name, rows))
            continue
        if contracts_kind(rows[header.row_index]) is not None:
            if sheet is not None:
                refuse_contracts(path, name, rows[header.row_index])
            ignored.append(
                (name, "registre de marchés, pas un grand livre : lu par achats clauses")
            )
            contract_sheets.append((name, rows[header.row_index]))
            continue
        notes = (
            _hidden_notes(path, name, header.row_index + 2)
            if path.suffix.lower() in (".xlsx", ".xlsm")
            else []
        )
        body = rows[header.row_index + 1 :]
        width = len(header.headers)
        frame = pd.DataFrame(body, dtype=object) if body else pd.DataFrame(columns=range(width))
        tables.append(
            RawTable(
                path=str(path),
                sheet=name,
                header=header,
                frame=frame,
                first_row=header.row_index + 2,
                rows_above=header.row_index + 1,
                format=path.suffix.lower().lstrip("."),
                notes=notes,
            )
        )
    if not tables:
        if contract_sheets:
            refuse_contracts(path, *contract_sheets[0])
        _refuse_headless(path, headless, profile)
    return SheetScan(tables=tables, ignored_sheets=ignored, all_sheets=names)


def _refuse_headless(
    path: Path, sheets: list[tuple[str, list[list[Any]]]], profile: Mapping[str, str] | None
) -> None:
    """No sheet has a ledger header: the error of the sheet nearest to one, if any is near."""
    best: tuple[int, str, list[list[Any]]] | None = None
    for name, rows in sheets:
        guess = guess_ledger_header(rows, profile, HEADER_SCAN)
        if guess is None:
            continue
        score = len(guess.recognised)
        if score and (best is None or score > best[0]):
            best = (score, name, rows)
    if best is not None:
        others = [n for n, _rows in sheets if n != best[1]]
        raise no_header_error(path, best[1], best[2], profile, others)


def no_header_error(
    path: Path,
    sheet: str | None,
    rows: list[list[Any]],
    profile: Mapping[str, str] | None,
    others: list[str] | None = None,
) -> LedgerError:
    """The error of a sheet or CSV with no ledger header: a contracts file or a forecast budget
    is refused as such; otherwise the message shows the header row seen, the missing field and
    the ``columns:`` snippet of the likeliest column (:mod:`header_hints`)."""
    guess = guess_ledger_header(rows, profile, HEADER_SCAN)
    loc = Location(str(path), sheet)
    if guess is None:
        return LedgerError("ledger-no-header-empty", loc, scanned=HEADER_SCAN, seen=_seen(rows))
    cells = rows[guess.row_index]
    refuse_contracts(path, sheet, cells)
    refuse_forecast_budget(path, sheet, cells)
    return LedgerError(
        "ledger-no-header",
        loc,
        scanned=HEADER_SCAN,
        missing=missing_text(guess.missing),
        row=guess.row_index + 1,
        seen=guess.seen(),
        advice=ledger_advice(guess),
        sheets=Text("hint-other-sheets", sheets=", ".join(f"« {n} »" for n in others))
        if others
        else "",
    )


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
    from xml.sax.saxutils import escape

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


def _hidden_notes(path: Path, sheet: str, first_data_row: int) -> list[str]:
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
    notes = []
    if rows:
        shown = ", ".join(map(str, rows[:10])) + (" …" if len(rows) > 10 else "")
        notes.append(
            f"feuille « {sheet} » : {len(rows)} ligne(s) masquée(s) dans le tableur ont été lues "
            f"comme les autres (lignes {shown}) ; supprimez-les du fichier si elles ne doivent pas compter."
        )
    if cols:
        notes.append(
            f"feuille « {sheet} » : {cols} colonne(s) masquée(s) ont été lues comme les autres."
        )
    return notes


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _seen(rows: list[list[Any]]) -> str:
    for row in rows[:HEADER_SCAN]:
        cells = [str(c).strip() for c in row if str(c).strip()]
        if len(cells) >= 2:
            return ", ".join(f"« {c} »" for c in cells[:12])
    return "aucune"


def detect_encoding(sample: bytes) -> str:
    """Encoding of a CSV sample: BOM, then strict UTF-8, then charset-normalizer's guess."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # a character cut at the end of the sample
            return "utf-8"
    from charset_normalizer import from_bytes

    # Restricted to the encodings French finance software writes: on short samples an open
    # guess often lands on an exotic code page.
    best = from_bytes(sample, cp_isolation=["cp1252", "iso8859_15", "mac_roman", "cp850"]).best()
    guess = (best.encoding if best is not None else "cp1252").lower().replace("-", "_")
    # French exports from Windows software: cp1252 is the usual superset of latin-1.
    if guess in {
        "latin_1",
        "iso8859_1",
        "iso8859_15",
        "cp1250",
        "cp1252",
        "windows_1252",
        "mac_roman",
    }:
        return "cp1252"
    return guess


def detect_delimiter(lines: list[str]) -> str:
    """``;``, tab or ``,``: the one that splits most sample lines into the same number of fields."""
    best, best_score = ";", -1
    for delim in (";", "\t", ","):
        counts = [len(r) for r in csv.reader(lines, delimiter=delim) if any(c.strip() for c in r)]
        if not counts:
            continue
        widest = max(counts)
        if widest < 2:
            continue
        score = sum(1 for c in counts if c == widest) * 100 + widest
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv_table(path: Path, profile: Mapping[str, str] | None = None) -> RawTable:
    loc = Location(str(path))
    with path.open("rb") as handle:
        sample = handle.read(256 * 1024)
    if not sample.strip():
        raise LedgerError("ledger-empty", loc)
    if b"\x00" in sample[:4096] and not sample.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        raise LedgerError("ledger-corrupt", loc, detail="fichier binaire, pas un texte CSV")
    encoding = detect_encoding(sample)
    text = sample.decode(encoding, errors="replace")
    lines = text.splitlines()[: HEADER_SCAN + 5]
    if len(sample) == 256 * 1024 and lines:
        lines = lines[:-1]  # the last line may be cut
    delimiter = detect_delimiter(lines)
    rows = list(csv.reader(lines, delimiter=delimiter))
    header = find_header(rows, profile, HEADER_SCAN)
    if header is None:
        raise no_header_error(path, None, [list(r) for r in rows], profile)
    refuse_contracts(path, None, rows[header.row_index])
    width = len(header.headers)
    notes: list[str] = []
    typed = _plain_number_columns(rows[header.row_index + 1 :], header)
    frame = _arrow_csv(path, encoding, delimiter, header.row_index + 1, width, typed)
    if frame is None and typed[0]:
        frame = _arrow_csv(path, encoding, delimiter, header.row_index + 1, width, ([], "."))
    if frame is None:
        frame = _pandas_csv(path, encoding, delimiter, header.row_index + 1, width, loc)
    if frame is None:  # sample looked like UTF-8 but the rest is not
        notes.append(f"encodage {encoding} démenti plus loin dans le fichier : relu en cp1252")
        encoding = "cp1252"
        frame = _pandas_csv(path, encoding, delimiter, header.row_index + 1, width, loc)
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
    """Fast path: Arrow's multithreaded CSV reader; cells as text, plain amount columns as numbers.

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
    types = {n: (pa.float64() if i in numeric else pa.string()) for i, n in enumerate(names)}
    arrow_encoding = {"utf-8": "utf8", "utf-8-sig": "utf8"}.get(encoding, encoding)
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                skip_rows=skip, column_names=names, encoding=arrow_encoding
            ),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=types,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                decimal_point=decimal,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, LookupError, UnicodeDecodeError, OSError):
        return None
    frame = table.to_pandas(
        types_mapper=lambda t: (
            pd.StringDtype("pyarrow", na_value=np.nan) if t == pa.string() else None
        )
    )
    frame.columns = list(range(width))
    result: pd.DataFrame = frame
    return result


def _pandas_csv(
    path: Path, encoding: str, delimiter: str, skip: int, width: int, loc: Location
) -> pd.DataFrame | None:
    try:
        return pd.read_csv(
            path,
            sep=delimiter,
            encoding=encoding,
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
