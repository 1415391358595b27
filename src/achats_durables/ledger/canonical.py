"""Raw tables → canonical ledger lines: the fields parsed column by column (vectorised), then
each row classified ``ok``, ``rejected`` (unreadable or missing amount, VAT rate out of range)
or ``skipped`` (blank, totals, receipts, opérations d'ordre, rows the reader set aside).

Raw cells are looked at only for the few rows that hold none of the parsed fields (blank rows,
notes, totals); everything else works on whole columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue, Location
from achats_durables.core.frames import categorical, map_distinct
from achats_durables.core.text import fold
from achats_durables.ledger.checks import column_issues
from achats_durables.ledger.codes import (
    normalize_accounts,
    normalize_cpv,
    normalize_direction,
    normalize_free_text,
    normalize_nomenclature,
    normalize_siret,
    normalize_text,
)
from achats_durables.ledger.dates import parse_dates
from achats_durables.ledger.headers import is_total_text
from achats_durables.ledger.tabular import RawTable
from achats_durables.ledger.values import (
    implausible_amount,
    parse_amounts,
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
    # AGEC art. 58 signals, raw text ('' when absent): parsed by :mod:`.circular` where used
    "reuse",
    "recycled",
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
# Fields whose emptiness, all together, marks a row with no purchase data.
_IDENTIFYING = ("account", "cpv", "supplier_siret", "entity", "supplier", "label", "contract_ref")


class _Cells:
    """The raw columns of a table, by canonical field."""

    def __init__(self, table: RawTable) -> None:
        self.raw = table.frame
        self.n = len(self.raw)
        self.cols = table.header.columns
        self._columns: dict[str, pd.Series] = {}

    def present(self, fname: str) -> bool:
        return fname in self.cols and self.cols[fname] in self.raw.columns

    def column(self, fname: str) -> pd.Series:
        if fname not in self._columns:
            self._columns[fname] = self.raw[self.cols[fname]].reset_index(drop=True)
        return self._columns[fname]

    def text(self, fname: str, func: Any = normalize_text) -> pd.Series:
        if self.present(fname):
            result: pd.Series = func(self.column(fname))
            return result
        return pd.Series(np.full(self.n, "", dtype=object), dtype=object)

    def amount(self, fname: str, func: Any = parse_amounts) -> tuple[np.ndarray, np.ndarray]:
        if self.present(fname):
            values, bad = func(self.column(fname))
            return np.asarray(values, dtype="float64"), bad
        return np.full(self.n, np.nan), np.zeros(self.n, dtype=bool)

    def cell(self, fname: str, i: int) -> Any:
        """One raw cell ("" when the field has no column)."""
        return self.column(fname).iloc[i] if self.present(fname) else ""


@dataclass
class _Numbers:
    """The parsed numbers of every row and the masks of the cells that did not parse."""

    ht: np.ndarray
    ttc: np.ndarray
    vat: np.ndarray
    vat_amount: np.ndarray
    quantity: np.ndarray
    years_read: np.ndarray
    bad_ht: np.ndarray
    bad_ttc: np.ndarray
    bad_vat: np.ndarray
    bad_vat_amount: np.ndarray

    @property
    def bad_amount(self) -> np.ndarray:
        return np.asarray(self.bad_ht | self.bad_ttc | self.bad_vat_amount, dtype=bool)


@dataclass
class _Status:
    """Per row: the read status code (0 ok, 1 rejected, 2 skipped), its reason and why."""

    code: np.ndarray
    reason: np.ndarray
    rejected: np.ndarray
    totals: np.ndarray
    vat_out: np.ndarray


def canonical_lines(table: RawTable) -> tuple[pd.DataFrame, list[Issue]]:
    """Canonical fields, parsed values and read status for every row of a raw table."""
    cells = _Cells(table)
    issues: list[Issue] = []
    out = _text_fields(cells, table)
    numbers = _numbers(cells, table, out["nomenclature"], issues)
    if cells.present("date"):
        dates, bad_date = parse_dates(cells.column("date"))
    else:
        dates = pd.Series(np.full(cells.n, np.datetime64("NaT", "ns")))
        bad_date = np.zeros(cells.n, dtype=bool)
    date_years = dates.dt.year.to_numpy(dtype="float64", na_value=np.nan)
    out.update(
        amount_excl_vat=numbers.ht,
        amount_incl_vat=numbers.ttc,
        vat_rate=numbers.vat,
        vat_amount=numbers.vat_amount,
        quantity=numbers.quantity,
        date=dates.to_numpy(),
        year=np.where(np.isnan(numbers.years_read), date_years, numbers.years_read),
    )
    status = _classify(cells, table, out, numbers)
    out["read_status"] = categorical(status.code, ["ok", "rejected", "skipped"])
    issues.extend(_row_issues(cells, table, out, numbers, status, bad_date))
    out["read_reason"] = pd.Series(status.reason, dtype=object)
    issues.extend(_table_issues(table, numbers, status))
    frame = pd.DataFrame({c: out[c] for c in LINE_COLUMNS})
    return frame, issues


def _text_fields(cells: _Cells, table: RawTable) -> dict[str, Any]:
    """Location columns and text fields (categorical where values repeat)."""
    n = cells.n
    zeros = np.zeros(n, dtype=np.int64)
    out: dict[str, Any] = {
        "source": categorical(zeros, [Path(table.path).name]),
        "sheet": categorical(zeros, [table.sheet or ""]),
        "row": np.arange(table.first_row, table.first_row + n, dtype=np.int64),
    }
    out["account"] = cells.text("account", normalize_accounts)
    out["cpv"] = cells.text("cpv", normalize_cpv)
    out["supplier_siret"] = cells.text("supplier_siret", normalize_siret)
    for f in ("entity", "supplier", "contract_ref", "unit"):
        out[f] = cells.text(f)
    for f in ("label", "document"):  # often one value per line: no per-value work
        out[f] = cells.text(f, normalize_free_text)
    out["function"] = cells.text("function", normalize_accounts)
    out["nomenclature"] = (
        cells.text("nomenclature", normalize_nomenclature)
        if cells.present("nomenclature")
        else pd.Series(categorical(zeros, [table.meta.get("nomenclature", "")]))
    )
    out["section"] = cells.text("section")
    out["entity_id"] = cells.text("entity_id", normalize_siret)
    for f in ("reuse", "recycled"):  # rarely there: an absent one costs a byte per line
        out[f] = cells.text(f) if cells.present(f) else pd.Series(categorical(zeros, [""]))
    return out


def _numbers(
    cells: _Cells, table: RawTable, nomenclature: pd.Series, issues: list[Issue]
) -> _Numbers:
    """Amounts (HT, TTC, from debit − credit, M4x rule), VAT, quantity and year of every row."""
    ht, bad_ht = cells.amount("amount_excl_vat")
    ttc, bad_ttc = cells.amount("amount_incl_vat")
    if cells.present("debit") and not cells.present("amount_incl_vat"):
        # General-ledger layout: one debit and one credit column, the net debit is the spend.
        debit, bad_debit = cells.amount("debit")
        credit, bad_credit = cells.amount("credit")
        both_blank = np.isnan(debit) & np.isnan(credit)
        ttc = np.where(both_blank, np.nan, np.nan_to_num(debit) - np.nan_to_num(credit))
        bad_ttc = bad_debit | bad_credit
    if not cells.present("amount_excl_vat"):  # M4x budgets: an amount that does not say TTC is HT
        ht, ttc = _m4x_amounts(table, nomenclature, ttc, issues)
    vat, bad_vat = cells.amount("vat_rate", parse_vat_rates)
    vat_amount, bad_vat_amount = cells.amount("vat_amount")
    quantity, _bad_quantity = cells.amount("quantity")
    years_read, _bad_year = cells.amount("year", parse_years)
    return _Numbers(
        ht, ttc, vat, vat_amount, quantity, years_read, bad_ht, bad_ttc, bad_vat, bad_vat_amount
    )


def _classify(cells: _Cells, table: RawTable, out: dict[str, Any], numbers: _Numbers) -> _Status:
    """Read status and reason of every row, from the parsed fields."""
    n, raw = cells.n, cells.raw
    no_text = np.ones(n, dtype=bool)
    for f in _IDENTIFYING:
        no_text &= (out[f] == "").to_numpy(dtype=bool)
    bad_amount = numbers.bad_amount
    has_amount = ~np.isnan(numbers.ht) | ~np.isnan(numbers.ttc)
    nothing = (
        no_text & ~has_amount & ~bad_amount & np.isnan(numbers.years_read) & np.isnat(out["date"])
    )
    all_blank = np.zeros(n, dtype=bool)
    for k in np.flatnonzero(nothing).tolist():
        all_blank[k] = all(_blank_cell(c) for c in raw.iloc[k])
    totals = np.zeros(n, dtype=bool)
    maybe_total = np.flatnonzero(
        ~all_blank
        & (out["account"] == "").to_numpy(dtype=bool)
        & (out["cpv"] == "").to_numpy(dtype=bool)
        & np.isnat(out["date"])
    )
    for k in maybe_total.tolist():
        totals[k] = any(isinstance(c, str) and is_total_text(c) for c in raw.iloc[k])
    vat = numbers.vat
    vat_out = ~np.isnan(vat) & ((vat < 0) | (vat > 0.30))
    receipts = (cells.text("direction", normalize_direction) == "R").to_numpy(dtype=bool)
    ordre = (
        _is_ordre(cells.column("operation_kind"))
        if cells.present("operation_kind")
        else np.zeros(n, dtype=bool)
    )
    set_aside = np.zeros(n, dtype=bool)
    if table.skip_reason is not None:
        set_aside = np.asarray(table.skip_reason != "", dtype=bool)
    skipped = (
        all_blank | totals | (~has_amount & no_text & ~bad_amount) | receipts | ordre | set_aside
    )
    rejected = ~skipped & (bad_amount | ~has_amount | vat_out)
    reason = np.full(n, "", dtype=object)
    reason[skipped & ~all_blank & ~totals] = "ligne sans montant ni donnée d'achat"
    reason[all_blank] = "ligne vide"
    reason[totals] = "ligne de total ou de sous-total"
    reason[ordre] = SKIP_ORDRE
    reason[receipts] = "recette : ce n'est pas une dépense"
    if table.skip_reason is not None:
        reason[set_aside] = table.skip_reason[set_aside]
    code = np.where(skipped, 2, np.where(rejected, 1, 0))
    return _Status(code, reason, rejected, totals, vat_out)


def _row_issues(
    cells: _Cells,
    table: RawTable,
    out: dict[str, Any],
    numbers: _Numbers,
    status: _Status,
    bad_date: np.ndarray,
) -> list[Issue]:
    """The located issues of rejected rows (their reason set too), then of unreadable VAT rates
    and dates on rows read; at most :data:`MAX_DETAILED_ISSUES` of each kind."""
    header_of = {
        f: table.header.headers[i] for f, i in cells.cols.items() if i < len(table.header.headers)
    }

    def located(i: int, fname: str | None) -> Location:
        return Location(table.path, table.sheet, int(out["row"][i]), header_of.get(fname or ""))

    issues: list[Issue] = []
    for i in np.flatnonzero(status.rejected).tolist():
        fname, code, params = _rejection(cells, numbers, status, i)
        issue = Issue(code, params, located(i, fname), severity="error")
        status.reason[i] = issue.message("fr").split(" : ", 1)[-1]
        if len(issues) < MAX_DETAILED_ISSUES:
            issues.append(issue)
    read = status.code == 0
    for i in np.flatnonzero(numbers.bad_vat & read)[:MAX_DETAILED_ISSUES].tolist():
        value = str(cells.cell("vat_rate", i))
        issues.append(Issue("row-vat-unreadable", {"value": value}, located(i, "vat_rate")))
    for i in np.flatnonzero(bad_date & read)[:MAX_DETAILED_ISSUES].tolist():
        value = str(cells.cell("date", i))
        issues.append(Issue("row-date-unreadable", {"value": value}, located(i, "date")))
    return issues


def _rejection(
    cells: _Cells, numbers: _Numbers, status: _Status, i: int
) -> tuple[str, str, dict[str, Any]]:
    """(field, issue code, parameters) of why row ``i`` is rejected."""
    if numbers.bad_ht[i] or numbers.bad_ttc[i] or numbers.bad_vat_amount[i]:
        fname = (
            "amount_excl_vat"
            if numbers.bad_ht[i]
            else ("amount_incl_vat" if numbers.bad_ttc[i] else "vat_amount")
        )
        value = str(cells.cell(fname, i)).removesuffix(".0")  # a whole number as typed
        code = "row-amount-implausible" if implausible_amount(value) else "row-amount-unreadable"
        return fname, code, {"value": value[:40] + ("…" if len(value) > 40 else "")}
    if status.vat_out[i]:
        return "vat_rate", "row-vat-out-of-range", {"value": str(cells.cell("vat_rate", i))}
    fname = "amount_excl_vat" if "amount_excl_vat" in cells.cols else "amount_incl_vat"
    return fname, "row-amount-missing", {}


def _table_issues(table: RawTable, numbers: _Numbers, status: _Status) -> list[Issue]:
    """Counts over the table (rejected rows beyond the detailed ones, totals rows) and the
    column checks of :mod:`checks`."""
    issues: list[Issue] = []
    where = Location(table.path, table.sheet)
    n_rejected = int(status.rejected.sum())
    if n_rejected > MAX_DETAILED_ISSUES:
        issues.append(Issue("rows-rejected-summary", {"count": n_rejected}, where))
    if status.totals.any():
        issues.append(
            Issue("totals-rows-skipped", {"count": int(status.totals.sum())}, where, "info")
        )
    values = {
        "amount_excl_vat": numbers.ht,
        "amount_incl_vat": numbers.ttc,
        "vat_rate": numbers.vat,
        "vat_amount": numbers.vat_amount,
        "quantity": numbers.quantity,
    }
    issues.extend(column_issues(table, values, status.code == 0))
    return issues


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
