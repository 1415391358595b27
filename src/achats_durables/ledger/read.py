"""Read purchase ledgers into canonical lines (DESIGN §2).

``read_ledger(path)`` returns a :class:`Ledger`: one row per input row below the header, with
its location (file, sheet, spreadsheet row), the canonical fields and a read status — ``ok``,
``rejected`` (unreadable amount, with the reason) or ``skipped`` (blank, totals row). Title rows
and the header row are counted in ``InputInfo.rows_above``. Nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from achats_durables.core.errors import Issue, LedgerError, Location
from achats_durables.i18n.messages import Text
from achats_durables.knowledge.factors import sha256_file
from achats_durables.ledger.canonical import LINE_COLUMNS, canonical_lines
from achats_durables.ledger.csv_table import read_csv_table
from achats_durables.ledger.input_shape import refuse_json
from achats_durables.ledger.spreadsheet import read_spreadsheet
from achats_durables.ledger.tabular import CSV_SUFFIXES, SPREADSHEET_SUFFIXES, RawTable


@dataclass(frozen=True)
class InputInfo:
    path: str
    sha256: str
    format: str
    rows_read: int
    rows_above: int
    sheets: list[str]
    ignored_sheets: list[tuple[str, str]] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field → header as written
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[str | Text] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "rows_read": self.rows_read}


@dataclass(frozen=True)
class Ledger:
    lines: pd.DataFrame
    inputs: list[InputInfo]
    issues: list[Issue]

    @property
    def rows_read(self) -> int:
        return sum(i.rows_read for i in self.inputs)

    @property
    def rows_above(self) -> int:
        return sum(i.rows_above for i in self.inputs)


def read_ledger(
    paths: Path | str | Sequence[Path | str],
    *,
    sheet: str | None = None,
    profile: Mapping[str, str] | None = None,
) -> Ledger:
    """Read one or several ledger files (xlsx, xls, ods, csv) into a :class:`Ledger`."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    frames: list[pd.DataFrame] = []
    inputs: list[InputInfo] = []
    issues: list[Issue] = []
    for p in paths:
        path = Path(p)
        tables, info = _read_tables(path, sheet, profile)
        inputs.append(info)
        issues.extend(
            Issue("input-note", {"note": note}, Location(str(path)), "info") for note in info.notes
        )
        for table in tables:
            frame, table_issues = canonical_lines(table)
            frames.append(frame)
            issues.extend(table_issues)
    lines = pd.concat(frames, ignore_index=True) if frames else _empty_lines()
    return Ledger(lines=lines, inputs=inputs, issues=issues)


def _read_tables(
    path: Path, sheet: str | None, profile: Mapping[str, str] | None
) -> tuple[list[RawTable], InputInfo]:
    loc = Location(str(path))
    if path.is_dir():
        raise LedgerError("ledger-is-directory", loc)
    if not path.exists():
        raise LedgerError("ledger-not-found", loc, cwd=str(Path.cwd()))
    if path.stat().st_size == 0:
        raise LedgerError("ledger-empty", loc)
    # The input's fingerprint is computed while the file is parsed (hashlib and the parsers
    # release the interpreter lock: on a large file this takes the hash off the critical path).
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(sha256_file, path)
        tables, info = _parse_tables(path, sheet, profile, loc)
        return tables, replace(info, sha256=digest.result())


def _parse_tables(
    path: Path, sheet: str | None, profile: Mapping[str, str] | None, loc: Location
) -> tuple[list[RawTable], InputInfo]:
    suffix = path.suffix.lower()
    ignored: list[tuple[str, str]] = []
    from achats_durables.ledger import formats as readers

    reader = readers.detect(path)
    if reader is not None:
        tables = reader.read(path)
        if not tables:
            raise LedgerError("ledger-empty", loc)
    elif suffix == ".xml":
        raise LedgerError("ledger-xml-unknown", loc)
    elif suffix == ".json":
        refuse_json(path)
        raise LedgerError("ledger-unsupported-format", loc, suffix=suffix)
    elif suffix in SPREADSHEET_SUFFIXES:
        scan = read_spreadsheet(path, sheet, profile)
        tables = scan.tables
        ignored = scan.ignored_sheets
        if not tables:
            raise LedgerError(
                "ledger-no-sheet-with-lines",
                loc,
                available=", ".join(f"« {n} »" for n in scan.all_sheets) or "aucune",
            )
    elif suffix in CSV_SUFFIXES:
        tables = [read_csv_table(path, profile)]
    else:
        raise LedgerError("ledger-unsupported-format", loc, suffix=suffix or "(sans extension)")
    first = tables[0]
    columns = {f: first.header.headers[i] for f, i in sorted(first.header.columns.items())}
    info = InputInfo(
        path=str(path),
        sha256="",
        format=first.format,
        rows_read=sum(t.rows_above + len(t.frame) for t in tables),
        rows_above=sum(t.rows_above for t in tables),
        sheets=[t.sheet for t in tables if t.sheet is not None],
        ignored_sheets=ignored,
        encoding=first.encoding,
        delimiter=first.delimiter,
        columns=columns,
        ignored_columns=first.header.ignored,
        notes=[n for t in tables for n in t.notes],
    )
    return tables, info


def _empty_lines() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in LINE_COLUMNS})
