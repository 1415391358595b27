"""Entry point of contract reading: each file to its reader (DECP JSON or CSV, register), then filters.

Registers (xlsx, xls, ods, csv) are read by :mod:`~achats_durables.contracts.register`, DECP files
by :mod:`~achats_durables.contracts.decp`; both build records into the frame of
:mod:`~achats_durables.contracts.model`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.contracts import decp as contracts_decp
from achats_durables.contracts import register as contracts_register
from achats_durables.contracts.model import (
    MAX_BYTES,
    ContractError,
    ContractInput,
    Contracts,
    IssueSink,
    build_frame,
    empty_frame,
    entity_mask,
)
from achats_durables.core.errors import Issue, Location
from achats_durables.i18n.messages import Text
from achats_durables.knowledge.factors import sha256_file
from achats_durables.ledger.tabular import CSV_SUFFIXES, SPREADSHEET_SUFFIXES

# --- entry point ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContractFile:
    """One contract file read, before any filter: ``achats run`` reads each file once and
    filters it for every scope (:func:`filter_contracts`)."""

    path: str
    sha256: str
    format: str
    records_read: int
    records_refused: int
    notes: tuple[str | Text, ...]
    frame: pd.DataFrame
    issues: tuple[Issue, ...]  # the reader's, in the order it found them


def read_contracts(
    paths: Sequence[Path | str],
    *,
    profile: Mapping[str, str] | None = None,
    buyer: str | None = None,
    year: int | None = None,
    entity: str | None = None,
    since: dt.date | None = None,
) -> Contracts:
    """Read contract registers and DECP files; keep the records passing the filters."""
    files = read_contract_files(paths, profile=profile)
    return filter_contracts(files, buyer=buyer, year=year, entity=entity, since=since)


def read_contract_files(
    paths: Sequence[Path | str] | Path | str, *, profile: Mapping[str, str] | None = None
) -> list[ContractFile]:
    """Each contract file read, unfiltered."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[ContractFile] = []
    for p in paths:
        path = Path(p)
        sink = IssueSink(str(path))
        fmt, records, refused, notes = _read_records(path, sink, profile)
        frame = build_frame(records, str(path), sink)
        if fmt.startswith("register"):
            frame = contracts_register.merge_duplicate_rows(frame, str(path), sink)
        digest = sha256_file(path)
        found = tuple(sink.finish())
        files.append(
            ContractFile(str(path), digest, fmt, len(records), refused, tuple(notes), frame, found)
        )
    return files


def filter_contracts(
    files: Sequence[ContractFile],
    *,
    buyer: str | None = None,
    year: int | None = None,
    entity: str | None = None,
    since: dt.date | None = None,
) -> Contracts:
    """The records of ``files`` passing the filters, with each file's notes and issues."""
    frames: list[pd.DataFrame] = []
    inputs: list[ContractInput] = []
    issues: list[Issue] = []
    for f in files:
        frame, filter_notes = _apply_filters(f.frame, buyer, year, entity, since)
        all_notes: list[str | Text] = [*f.notes, *filter_notes]
        inputs.append(
            ContractInput(f.path, f.sha256, f.format, f.records_read, f.records_refused, all_notes)
        )
        issues.extend(Issue("input-note", {"note": n}, Location(f.path), "info") for n in all_notes)
        issues.extend(f.issues)
        frames.append(frame)
    frame = pd.concat(frames, ignore_index=True) if frames else empty_frame()
    return Contracts(frame=frame, inputs=inputs, issues=issues)


def _read_records(
    path: Path, sink: IssueSink, profile: Mapping[str, str] | None
) -> tuple[str, list[dict[str, Any]], int, list[str | Text]]:
    """(format, records, records refused, notes) of one file."""
    loc = Location(str(path))
    if path.is_dir():
        raise ContractError("contract-is-directory", loc)
    if not path.exists():
        raise ContractError("contract-not-found", loc, cwd=str(Path.cwd()))
    size = path.stat().st_size
    if size == 0:
        raise ContractError("contract-empty", loc)
    if size > MAX_BYTES:
        raise ContractError("contract-too-large", loc, size=size // 2**20, limit=MAX_BYTES // 2**20)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return contracts_decp.read_decp_json(path, sink)
    if suffix in CSV_SUFFIXES:
        text = contracts_register.read_csv_rows(path)
        if contracts_decp.is_decp_csv(text.rows):
            fmt, records, refused, notes = contracts_decp.read_decp_csv(path, text.rows, sink)
        else:
            fmt, records, refused, notes = contracts_register.read_register(
                path, [(None, text.rows)], sink, profile, text.encoding
            )
        return fmt, records, refused, text.notes + notes
    if suffix in SPREADSHEET_SUFFIXES:
        sheets = contracts_register.read_spreadsheet_rows(path)
        return contracts_register.read_register(path, sheets, sink, profile)
    raise ContractError("contract-unsupported-format", loc, suffix=suffix or "(sans extension)")


def _apply_filters(
    frame: pd.DataFrame,
    buyer: str | None,
    year: int | None,
    entity: str | None,
    since: dt.date | None,
) -> tuple[pd.DataFrame, list[str | Text]]:
    """The contracts the filters keep, and a note per filter that dropped some (a :class:`Text`
    rendered in the report's language)."""
    notes: list[str | Text] = []
    tests: list[tuple[Text, pd.Series]] = []
    if buyer is not None:
        digits = re.sub(r"[\s.\u00a0]", "", buyer)
        if not digits.isdigit():
            raise ContractError("contract-filter-buyer-invalid", value=buyer)
        tests.append(
            (
                Text("contract-filter-option", option="--buyer", value=buyer),
                frame["buyer_siret"].astype(str).str.startswith(digits),
            )
        )
    if year is not None:
        tests.append(
            (
                Text("contract-filter-option", option="--year", value=year),
                frame["year"] == float(year),
            )
        )
    if entity is not None:
        shown = entity.split("|")[0]
        tests.append((Text("contract-filter-entity", value=shown), entity_mask(frame, entity)))
    if since is not None:
        since_ts = pd.Timestamp(since)
        label = Text("contract-filter-option", option="--since", value=since.isoformat())
        tests.append((label, frame["notification_date"] >= since_ts))
    keep = np.ones(len(frame), dtype=bool)
    for label, test in tests:
        passed = test.fillna(False).to_numpy(dtype=bool)
        dropped = int((keep & ~passed).sum())
        if dropped:
            notes.append(Text("contract-filter-dropped", count=dropped, filter=label))
        keep &= passed
    if not keep.all():
        frame = frame[keep].reset_index(drop=True)
    return frame, notes


__all__ = ["ContractFile", "filter_contracts", "read_contract_files", "read_contracts"]
