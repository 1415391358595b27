"""Contract registers as buyers keep them: xlsx, xls, ods or csv with French headers.

The header row is found under title blocks with :data:`header_synonyms.REGISTER_SYNONYMS` (matched with
:func:`parsing.header_key`); every visible sheet with such a header is read. Blank rows, total
rows and rows with neither contract number nor object are not records (counted in issues).
CSV files are decoded as ledgers are (:mod:`~achats_durables.ledger.csv_text`: one encoding
detection, one delimiter sniffing) and the header is found by the same search
(:func:`~achats_durables.ledger.headers.search_header`).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.contracts.model import (
    ENVIRONMENTAL_VALUES,
    SOCIAL_VALUES,
    ContractError,
    IssueSink,
    flat_cells,
)
from achats_durables.core.errors import Issue, LedgerError, Location
from achats_durables.core.frames import map_distinct
from achats_durables.core.text import fold
from achats_durables.i18n.messages import Text
from achats_durables.ledger.csv_text import CsvRows, decode_rows, is_binary
from achats_durables.ledger.data_table import visible_sheets
from achats_durables.ledger.header_hints import HeaderGuess, guess_register_header
from achats_durables.ledger.headers import (
    HEADER_SCAN,
    is_total_text,
    recognise_register,
    search_header,
)


def find_register_header(
    rows: Sequence[Sequence[Any]], profile: Mapping[str, str] | None = None
) -> tuple[int, dict[str, int]] | None:
    """(row index, columns) of the row most like a register header among the first rows: the
    most recognised columns, three at least, one of them the number or the object."""

    def rank(row: Sequence[Any]) -> int | None:
        cols = recognise_register(row, profile)
        if len(cols) < 3 or not ({"contract_ref", "object"} & cols.keys()):
            return None
        return len(cols)

    idx = search_header(rows, rank, HEADER_SCAN)
    return None if idx is None else (idx, recognise_register(rows[idx], profile))


def register_records(
    rows: Sequence[Sequence[Any]],
    path: str,
    sheet: str | None,
    sink: IssueSink,
    profile: Mapping[str, str] | None,
) -> list[dict[str, Any]] | None:
    """Records of one sheet / CSV (None when no register header is found)."""
    found = find_register_header(rows, profile)
    if found is None:
        return None
    hidx, cols = found
    headers = ["" if c is None else str(c).strip() for c in rows[hidx]]
    named = {f: headers[i] for f, i in cols.items()}
    records: list[dict[str, Any]] = []
    totals = unnamed = 0
    for offset, row in enumerate(rows[hidx + 1 :]):
        cells = list(row)

        def get(f: str, cells: list[Any] = cells) -> Any:
            i = cols.get(f)
            return cells[i] if i is not None and i < len(cells) else None

        if all(blank_cell(c) for c in cells):
            continue
        ref, obj = flat_cells(get("contract_ref")), flat_cells(get("object"))
        if not obj and any(isinstance(c, str) and is_total_text(c) for c in cells):
            totals += 1
            continue
        if not ref and not obj:
            unnamed += 1
            continue
        rownum = hidx + 2 + offset
        rec: dict[str, Any] = {f: get(f) for f in cols if not f.startswith("yn:")}
        for kind, labels in (("social", SOCIAL_VALUES), ("environmental", ENVIRONMENTAL_VALUES)):
            parts: list[tuple[Any, str | None]] = [(get(kind), None)]
            parts += [(get(f"yn:{label}"), label) for label in labels]
            rec[kind] = parts
        rec.update(
            sheet=sheet,
            row=rownum,
            record_id=get("contract_ref"),
            label=ref[0] if ref else "(sans n°)",
            where=Location(path, sheet, rownum),
            columns=named,
        )
        records.append(rec)
    if totals:
        sink.add(Issue("totals-rows-skipped", {"count": totals}, Location(path, sheet), "info"))
    if unnamed:
        sink.add(Issue("contract-rows-skipped", {"count": unnamed}, Location(path, sheet), "info"))
    return records


def blank_cell(cell: Any) -> bool:
    return not flat_cells(cell)


def read_spreadsheet_rows(path: Path) -> list[tuple[str | None, list[list[Any]]]]:
    """(sheet, rows) of every visible sheet, after the hostile-file checks of :mod:`~achats_durables.ledger.zip_guard`."""
    try:
        return list(visible_sheets(path))
    except LedgerError as exc:
        if exc.code == "data-file-unreadable":  # calamine could not read it
            raise ContractError("contract-corrupt", exc.location, **exc.params) from None
        raise ContractError(exc.code, exc.location, **exc.params) from None


def read_csv_rows(path: Path) -> CsvRows:
    """Every row of a CSV file, read as every text table is (:mod:`ledger.csv_text`)."""
    loc = Location(str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContractError("contract-corrupt", loc, detail=str(exc)[:200]) from exc
    if is_binary(data):
        raise ContractError("contract-corrupt", loc, detail="fichier binaire")
    try:
        return decode_rows(data)
    except csv.Error as exc:
        raise ContractError("contract-corrupt", loc, detail=str(exc)[:200]) from exc


def _no_header_error(
    path: Path,
    sheets: Sequence[tuple[str | None, Sequence[Sequence[Any]]]],
    profile: Mapping[str, str] | None,
) -> ContractError:
    """The header row seen on the sheet nearest to a register, what it lacks, the snippet."""

    def recognise(row: Sequence[Any]) -> Mapping[str, int]:
        return recognise_register(row, profile)

    best: tuple[int, str | None, HeaderGuess] | None = None
    for sheet, rows in sheets:
        guess = guess_register_header(rows, recognise, HEADER_SCAN)
        if guess is not None and (best is None or len(guess.recognised) > best[0]):
            best = (len(guess.recognised), sheet, guess)
    if best is None:
        cells = [
            str(c).strip()
            for _sheet, rows in sheets
            for r in rows[:HEADER_SCAN]
            for c in r
            if not blank_cell(c)
        ]
        shown = ", ".join(f"« {c} »" for c in cells[:12]) or "aucune"
        return ContractError(
            "contract-no-header-empty", Location(str(path)), scanned=HEADER_SCAN, seen=shown
        )
    _score, sheet, guess = best
    if "contract_ref" in guess.guesses:
        advice = Text(
            "hint-register-snippet",
            column=guess.guesses["contract_ref"],
            snippet=guess.snippet("contract_columns"),
        )
    else:
        advice = Text("hint-register-no-guess")
    return ContractError(
        "contract-no-header",
        Location(str(path), sheet),
        scanned=HEADER_SCAN,
        missing=Text(f"missing-{guess.missing[0]}"),
        row=guess.row_index + 1,
        seen=guess.seen(),
        advice=advice,
    )


def read_register(
    path: Path,
    sheets: Sequence[tuple[str | None, Sequence[Sequence[Any]]]],
    sink: IssueSink,
    profile: Mapping[str, str] | None,
    encoding: str | None = None,
) -> tuple[str, list[dict[str, Any]], int, list[str | Text]]:
    """(format, records, records refused, notes) of a register's sheets (or CSV rows)."""
    notes: list[str | Text] = []
    if encoding is not None and encoding not in ("utf-8", "utf-8-sig"):
        notes.append(Text("note-encoding", encoding=encoding))
    records: list[dict[str, Any]] = []
    headless: list[tuple[str | None, Sequence[Sequence[Any]]]] = []
    any_header = False
    for sheet, rows in sheets:
        found = register_records(rows, str(path), sheet, sink, profile)
        if found is None:
            if sheet is not None:
                notes.append(Text("note-register-sheet-ignored", sheet=sheet))
            headless.append((sheet, rows))
            continue
        any_header = True
        records.extend(found)
    if not any_header:
        raise _no_header_error(path, headless, profile)
    fmt = "register-csv" if encoding is not None else "register-xlsx"
    return fmt, records, 0, notes


def merge_duplicate_rows(frame: pd.DataFrame, path: str, sink: IssueSink) -> pd.DataFrame:
    """One record per contract: rows repeating a contract (same file, buyer, number and object;
    one row per co-contractor) are merged into the first one.

    The amount is kept once (a register repeats the contract's amount on each co-contractor's
    row); the contractors are listed together; a consideration on any row counts. Rows whose
    amounts or notification dates differ are reported (``register-duplicate-conflict``).
    """
    ref = frame["contract_ref"].astype(object).fillna("").astype(str)
    has_ref = (ref != "").to_numpy(dtype=bool)
    if not has_ref.any():
        return frame
    key = _contract_key(frame, ref)
    repeated = key.duplicated(keep=False).to_numpy(dtype=bool) & has_ref
    if not repeated.any():
        return frame
    frame = frame.copy()
    group = key[repeated].groupby(list(key.columns), sort=False).ngroup().to_numpy()
    merged = _merge_groups(frame[repeated], group)
    first = merged["first"].to_numpy()
    for column in _MERGED_COLUMNS:
        frame.loc[first, column] = merged[column].to_numpy()
    drop = repeated & key.duplicated(keep="first").to_numpy(dtype=bool)
    _report_duplicates(sink, path, merged, int(drop.sum()))
    kept: pd.DataFrame = frame[~drop].reset_index(drop=True)
    return kept


_MERGED_COLUMNS = (
    "supplier",
    "supplier_siret",
    "has_social",
    "has_environmental",
    "social",
    "environmental",
)


def _contract_key(frame: pd.DataFrame, ref: pd.Series) -> pd.DataFrame:
    """What makes two rows the same contract: file, buyer (SIRET, else entity), number, object."""
    siret = frame["buyer_siret"].astype(object).fillna("").astype(str)
    entity = frame["entity"].astype(object).fillna("").astype(str)
    return pd.DataFrame(
        {
            "source": frame["source"].astype(str),
            "buyer": np.where(siret != "", siret, map_distinct(entity, lambda u: u.map(fold))),
            "ref": map_distinct(ref, lambda u: u.map(lambda t: fold(t).strip())),
            "object": map_distinct(frame["object"], lambda u: u.map(lambda t: fold(str(t)))),
        }
    )


def _merge_groups(part: pd.DataFrame, group: np.ndarray) -> pd.DataFrame:
    """Per contract repeated: its first row, the merged values, how many amounts and dates."""
    return part.groupby(group, sort=False).agg(
        first=("row", lambda s: s.index[0]),
        supplier=("supplier", _join_distinct),
        supplier_siret=("supplier_siret", _join_distinct),
        has_social=("has_social", "max"),
        has_environmental=("has_environmental", "max"),
        social=("social", _join_values),
        environmental=("environmental", _join_values),
        amounts=("amount_eur", lambda s: s.nunique(dropna=False)),
        dates=("notification_date", lambda s: s.nunique(dropna=False)),
        rows=("row", "size"),
        label=("contract_ref", "first"),
    )


def _report_duplicates(sink: IssueSink, path: str, merged: pd.DataFrame, dropped: int) -> None:
    examples = ", ".join(f"« {r} »" for r in merged["label"].head(3))
    sink.add(
        Issue(
            "register-duplicate-rows",
            {"rows": dropped, "contracts": len(merged), "examples": examples},
            Location(path),
            "info",
        )
    )
    conflict = merged[(merged["amounts"] > 1) | (merged["dates"] > 1)]
    if len(conflict):
        sink.add(
            Issue(
                "register-duplicate-conflict",
                {
                    "count": len(conflict),
                    "examples": ", ".join(f"« {r} »" for r in conflict["label"].head(5)),
                },
                Location(path),
            )
        )


def _join_distinct(values: pd.Series) -> str:
    return " | ".join(dict.fromkeys(v for v in values.astype(str) if v))


def _join_values(values: pd.Series) -> str:
    """Schema values of several rows (``Clause sociale|Critère social``), each once."""
    tokens = (t for v in values.astype(str) for t in v.split("|") if t)
    return "|".join(dict.fromkeys(tokens))
