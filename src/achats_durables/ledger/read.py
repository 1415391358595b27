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

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue, LedgerError, Location
from achats_durables.core.frames import categorical, map_distinct
from achats_durables.core.text import fold
from achats_durables.knowledge.factors import sha256_file
from achats_durables.ledger.checks import column_issues
from achats_durables.ledger.csv_table import read_csv_table
from achats_durables.ledger.headers import is_total_text
from achats_durables.ledger.input_shape import refuse_json
from achats_durables.ledger.spreadsheet import read_spreadsheet
from achats_durables.ledger.tabular import CSV_SUFFIXES, SPREADSHEET_SUFFIXES, RawTable
from achats_durables.ledger.values import (
    implausible_amount,
    normalize_accounts,
    normalize_cpv,
    normalize_direction,
    normalize_free_text,
    normalize_nomenclature,
    normalize_siret,
    normalize_text,
    parse_amounts,
    parse_dates,
    parse_vat_rates,
    parse_years,
)
from achats_durables.ledger.vat_basis import split_plain_amount

TEXT_FIELDS = (
    "entity",
    "supplier",
    "supplier_siret",
    "account",
    "cpv",
    "label",
    "contract_ref",
    "function",
    "document",
    "unit",
    "nomenclature",
    "section",
    "entity_id",
)
NUMBER_FIELDS = ("amount_excl_vat", "amount_incl_vat", "vat_rate", "vat_amount", "quantity")
LINE_COLUMNS = (
    "source",
    "sheet",
    "row",
    *TEXT_FIELDS,
    "date",
    "year",
    *NUMBER_FIELDS,
    "read_status",
    "read_reason",
)
MAX_DETAILED_ISSUES = 50
SKIP_ORDRE = "opération d'ordre : écriture comptable sans décaissement, pas un achat"


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
    notes: list[str] = field(default_factory=list)

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


def canonical_lines(table: RawTable) -> tuple[pd.DataFrame, list[Issue]]:
    """Canonical fields, parsed values and read status for every row of a raw table."""
    raw = table.frame
    n = len(raw)
    cols = table.header.columns
    issues: list[Issue] = []

    def present(fname: str) -> bool:
        return fname in cols and cols[fname] in raw.columns

    def column(fname: str) -> pd.Series:
        return raw[cols[fname]].reset_index(drop=True)

    def text(fname: str, func: Any = normalize_text) -> pd.Series:
        if present(fname):
            result: pd.Series = func(column(fname))
            return result
        return pd.Series(np.full(n, "", dtype=object), dtype=object)

    def amount(fname: str, func: Any = parse_amounts) -> tuple[np.ndarray, np.ndarray]:
        if present(fname):
            values, bad = func(column(fname))
            return np.asarray(values, dtype="float64"), bad
        return np.full(n, np.nan), np.zeros(n, dtype=bool)

    def col(fname: str) -> pd.Series:
        return column(fname) if present(fname) else pd.Series([""] * n, dtype=object)

    zeros = np.zeros(n, dtype=np.int64)
    out: dict[str, Any] = {
        "source": categorical(zeros, [Path(table.path).name]),
        "sheet": categorical(zeros, [table.sheet or ""]),
        "row": np.arange(table.first_row, table.first_row + n, dtype=np.int64),
    }
    out["account"] = text("account", normalize_accounts)
    out["cpv"] = text("cpv", normalize_cpv)
    out["supplier_siret"] = text("supplier_siret", normalize_siret)
    for f in ("entity", "supplier", "contract_ref", "unit"):
        out[f] = text(f)
    for f in ("label", "document"):  # often one value per line: no per-value work
        out[f] = text(f, normalize_free_text)
    out["function"] = text("function", normalize_accounts)
    out["nomenclature"] = (
        text("nomenclature", normalize_nomenclature)
        if present("nomenclature")
        else pd.Series(
            categorical(np.zeros(n, dtype=np.int64), [table.meta.get("nomenclature", "")])
        )
    )
    direction = text("direction", normalize_direction)
    ordre = (
        _is_ordre(column("operation_kind"))
        if present("operation_kind")
        else np.zeros(n, dtype=bool)
    )
    out["section"] = text("section")
    out["entity_id"] = text("entity_id", normalize_siret)
    ht, bad_ht = amount("amount_excl_vat")
    ttc, bad_ttc = amount("amount_incl_vat")
    if present("debit") and not present("amount_incl_vat"):
        # General-ledger layout: one debit and one credit column, the net debit is the spend.
        debit, bad_debit = amount("debit")
        credit, bad_credit = amount("credit")
        both_blank = np.isnan(debit) & np.isnan(credit)
        ttc = np.where(both_blank, np.nan, np.nan_to_num(debit) - np.nan_to_num(credit))
        bad_ttc = bad_debit | bad_credit
    if not present("amount_excl_vat"):  # M4x budgets: an amount that does not say TTC is HT
        ht, ttc = _m4x_amounts(table, out["nomenclature"], ttc, issues)
    vat, bad_vat = amount("vat_rate", parse_vat_rates)
    vat_amount, bad_vat_amount = amount("vat_amount")
    qty, _bad_qty = amount("quantity")
    if present("date"):
        dates, bad_date = parse_dates(column("date"))
    else:
        dates, bad_date = pd.Series(np.full(n, np.datetime64("NaT", "ns"))), np.zeros(n, dtype=bool)
    years_read, _bad_year = amount("year", parse_years)
    date_years = dates.dt.year.to_numpy(dtype="float64", na_value=np.nan)
    years = np.where(np.isnan(years_read), date_years, years_read)
    out.update(
        amount_excl_vat=ht,
        amount_incl_vat=ttc,
        vat_rate=vat,
        vat_amount=vat_amount,
        quantity=qty,
        date=dates.to_numpy(),
        year=years,
    )
    # Row classification, from the parsed fields; raw cells are looked at only for the few rows
    # that hold none of them (blank rows, notes, totals).
    no_text = np.ones(n, dtype=bool)
    for f in ("account", "cpv", "supplier_siret", "entity", "supplier", "label", "contract_ref"):
        no_text &= (out[f] == "").to_numpy(dtype=bool)
    bad_amount = bad_ht | bad_ttc | bad_vat_amount
    has_amount = ~np.isnan(ht) | ~np.isnan(ttc)
    nothing = no_text & ~has_amount & ~bad_amount & np.isnan(years_read) & np.isnat(out["date"])
    all_blank = np.zeros(n, dtype=bool)
    for k in np.flatnonzero(nothing).tolist():
        all_blank[k] = all(_blank_cell(c) for c in raw.iloc[k])
    has_data = ~no_text
    totals = np.zeros(n, dtype=bool)
    maybe_total = np.flatnonzero(
        ~all_blank
        & (out["account"] == "").to_numpy(dtype=bool)
        & (out["cpv"] == "").to_numpy(dtype=bool)
        & np.isnat(out["date"])
    )
    for k in maybe_total.tolist():
        for cell in raw.iloc[k]:
            if isinstance(cell, str) and is_total_text(cell):
                totals[k] = True
                break
    vat_out = ~np.isnan(vat) & ((vat < 0) | (vat > 0.30))
    receipts = (direction == "R").to_numpy(dtype=bool)
    set_aside = np.zeros(n, dtype=bool)
    if table.skip_reason is not None:
        set_aside = np.asarray(table.skip_reason != "", dtype=bool)
    skipped = (
        all_blank | totals | (~has_amount & ~has_data & ~bad_amount) | receipts | ordre | set_aside
    )
    rejected = ~skipped & (bad_amount | ~has_amount | vat_out)
    status_code = np.where(skipped, 2, np.where(rejected, 1, 0))
    reason = np.full(n, "", dtype=object)
    reason[skipped & ~all_blank & ~totals] = "ligne sans montant ni donnée d'achat"
    reason[all_blank] = "ligne vide"
    reason[totals] = "ligne de total ou de sous-total"
    reason[ordre] = SKIP_ORDRE
    reason[receipts] = "recette : ce n'est pas une dépense"
    if table.skip_reason is not None:
        reason[set_aside] = table.skip_reason[set_aside]
    out["read_status"] = categorical(status_code, ["ok", "rejected", "skipped"])
    status = out["read_status"]
    header_of = {
        f: table.header.headers[i] for f, i in cols.items() if i < len(table.header.headers)
    }
    detailed = 0

    def located(i: int, fname: str | None) -> Location:
        return Location(table.path, table.sheet, int(out["row"][i]), header_of.get(fname or ""))

    for i in np.flatnonzero(rejected).tolist():
        if bad_ht[i] or bad_ttc[i] or bad_vat_amount[i]:
            fname = (
                "amount_excl_vat"
                if bad_ht[i]
                else ("amount_incl_vat" if bad_ttc[i] else "vat_amount")
            )
            value = str(col(fname).iloc[i]).removesuffix(".0")  # a whole number as typed
            code = (
                "row-amount-implausible" if implausible_amount(value) else "row-amount-unreadable"
            )
            params = {"value": value[:40] + ("…" if len(value) > 40 else "")}
        elif vat_out[i]:
            fname, code, params = (
                "vat_rate",
                "row-vat-out-of-range",
                {"value": str(col("vat_rate").iloc[i])},
            )
        else:
            fname = "amount_excl_vat" if "amount_excl_vat" in cols else "amount_incl_vat"
            code, params = "row-amount-missing", {}
        issue = Issue(code, params, located(i, fname), severity="error")
        reason[i] = issue.message("fr").split(" : ", 1)[-1]
        if detailed < MAX_DETAILED_ISSUES:
            issues.append(issue)
            detailed += 1
    for i in np.flatnonzero(bad_vat & (status == "ok"))[:MAX_DETAILED_ISSUES].tolist():
        issues.append(
            Issue(
                "row-vat-unreadable",
                {"value": str(col("vat_rate").iloc[i])},
                located(i, "vat_rate"),
            )
        )
    for i in np.flatnonzero(bad_date & (status == "ok"))[:MAX_DETAILED_ISSUES].tolist():
        issues.append(
            Issue("row-date-unreadable", {"value": str(col("date").iloc[i])}, located(i, "date"))
        )
    out["read_reason"] = pd.Series(reason, dtype=object)
    n_rejected = int(rejected.sum())
    if n_rejected > MAX_DETAILED_ISSUES:
        issues.append(
            Issue("rows-rejected-summary", {"count": n_rejected}, Location(table.path, table.sheet))
        )
    if totals.any():
        issues.append(
            Issue(
                "totals-rows-skipped",
                {"count": int(totals.sum())},
                Location(table.path, table.sheet),
                "info",
            )
        )
    issues.extend(
        column_issues(
            table,
            {
                "amount_excl_vat": ht,
                "amount_incl_vat": ttc,
                "vat_rate": vat,
                "vat_amount": vat_amount,
                "quantity": qty,
            },
            status_code == 0,
        )
    )
    frame = pd.DataFrame({c: out[c] for c in LINE_COLUMNS})
    return frame, issues


def _is_ordre(values: pd.Series) -> np.ndarray:
    """Per line: is it an opération d'ordre (« Ordre », TOTEM/SCDL OpBudg 1)?"""
    return map_distinct(
        values.astype(object).fillna("").astype(str),
        lambda u: u.map(lambda t: fold(t.strip()).startswith("ordre") or t.strip() in ("1", "1.0")),
    ).astype(bool)


def _m4x_amounts(
    table: RawTable, nomenclature: pd.Series, amount: np.ndarray, issues: list[Issue]
) -> tuple[np.ndarray, np.ndarray]:
    """(HT, TTC) of a file with one amount column and no HT column (see :mod:`vat_basis`)."""
    cols = table.header.columns
    fname = "amount_incl_vat" if "amount_incl_vat" in cols else "debit"
    header = table.header.headers[cols[fname]] if fname in cols else ""
    declared = fname in table.header.declared
    ht, ttc, m4 = split_plain_amount(amount, nomenclature, header, declared)
    read = m4 & ~np.isnan(amount)
    if read.any():
        found = sorted({str(v) for v in pd.unique(nomenclature[read].astype(object))})
        issues.append(
            Issue(
                "m4x-amount-excl-vat",
                {
                    "count": int(read.sum()),
                    "nomenclatures": ", ".join(found),
                    "column": header,
                    "field": fname,
                },
                Location(table.path, table.sheet),
                "info",
            )
        )
    return ht, ttc


def _blank_cell(cell: Any) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float):
        return bool(np.isnan(cell))
    return isinstance(cell, str) and not cell.strip()
