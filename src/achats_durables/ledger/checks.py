"""Columns a ledger reader recognised but did not use: a warning when they could change a figure.

A column is recognised but unused when another column gives its field (two amount columns, two
VAT columns), when the reading rule sets it aside (« Débit » beside « Montant TTC », a quantity
with no unit) or when its values disagree with the column that is used (a VAT amount that does
not match the VAT rate). Each becomes an :class:`Issue` naming both columns and the
``achats.yaml`` line that would read the other one.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from achats_durables.core.errors import Issue, Location
from achats_durables.i18n.messages import Text
from achats_durables.ledger.headers import FIELD_LABELS_FR
from achats_durables.ledger.tabular import RawTable

# Fields whose second column could change the spend, the HT amount, the factor or the year.
FIGURE_FIELDS = frozenset(
    {
        "amount_excl_vat",
        "amount_incl_vat",
        "vat_rate",
        "vat_amount",
        "debit",
        "credit",
        "quantity",
        "unit",
        "account",
        "cpv",
        "year",
        "direction",
        "nomenclature",
        "operation_kind",
    }
)
VAT_TOLERANCE_EUR = 1.0  # TTC − TVA and TTC ÷ (1 + taux) may differ by rounding
VAT_TOLERANCE_SHARE = 0.01


def field_text(fname: str) -> Text:
    return Text(f"field-{fname}") if fname in FIELD_LABELS_FR else Text("field-other", name=fname)


def column_issues(
    table: RawTable, values: Mapping[str, np.ndarray], kept: np.ndarray
) -> list[Issue]:
    """Issues about the recognised columns a table leaves unread (see the module docstring).

    ``values`` are the parsed columns of the table: ``amount_excl_vat``, ``amount_incl_vat``,
    ``vat_rate``, ``vat_amount``, ``quantity`` (NaN where blank); ``kept`` marks the lines read
    (not skipped nor rejected): totals rows and the like are not counted.
    """
    header = table.header
    cols = header.columns
    loc = Location(table.path, table.sheet)
    issues: list[Issue] = []

    def title(i: int) -> str:
        return _title(table, i)

    for fname, i in header.unused:
        used = cols.get(fname)
        if used is None:
            continue
        figure = fname in FIGURE_FIELDS and fname not in header.declared
        issues.append(
            Issue(
                "column-unused",
                {
                    "column": title(i),
                    "used": title(used),
                    "what": field_text(fname),
                    "field": fname,
                },
                loc,
                "warning" if figure else "info",
            )
        )
    if "debit" in cols and "amount_incl_vat" in cols:
        names = [title(cols[f]) for f in ("debit", "credit") if f in cols]
        issues.append(
            Issue(
                "column-debit-unused",
                {
                    "columns": " et ".join(f"« {n} »" for n in names),
                    "used": title(cols["amount_incl_vat"]),
                },
                loc,
            )
        )
    elif "credit" in cols and "debit" not in cols:
        issues.append(Issue("column-credit-alone", {"column": title(cols["credit"])}, loc))
    given = kept & ~np.isnan(values["quantity"])
    if "quantity" in cols and "unit" not in cols and given.any():
        issues.append(
            Issue(
                "column-quantity-without-unit",
                {"column": title(cols["quantity"]), "count": int(given.sum())},
                loc,
            )
        )
    issues.extend(_vat_issues(table, values, kept))
    return issues


def _title(table: RawTable, i: int) -> str:
    headers = table.header.headers
    return headers[i] if i < len(headers) else str(i)


def _vat_issues(table: RawTable, values: Mapping[str, np.ndarray], kept: np.ndarray) -> list[Issue]:
    cols = table.header.columns
    if "vat_amount" not in cols:
        return []

    def title(i: int) -> str:
        return _title(table, i)

    loc = Location(table.path, table.sheet)
    ht, ttc = values["amount_excl_vat"], values["amount_incl_vat"]
    rate, vat = values["vat_rate"], values["vat_amount"]
    derived = kept & np.isnan(ht) & ~np.isnan(ttc)  # lines whose HT the footprint derives
    issues: list[Issue] = []
    with np.errstate(invalid="ignore", divide="ignore"):
        both = derived & ~np.isnan(vat) & ~np.isnan(rate)
        expected = ttc - ttc / (1.0 + rate)
        gap = np.abs(vat - expected)
        off = both & (gap > np.maximum(VAT_TOLERANCE_EUR, VAT_TOLERANCE_SHARE * np.abs(ttc)))
    if off.any():
        first = int(np.flatnonzero(off)[0])
        issues.append(
            Issue(
                "vat-amount-rate-mismatch",
                {
                    "count": int(off.sum()),
                    "vat_column": title(cols["vat_amount"]),
                    "rate_column": title(cols["vat_rate"]),
                    "row": table.first_row + first,
                },
                loc,
            )
        )
    blank = derived & np.isnan(vat) & np.isnan(rate)  # HT from a category or default rate
    if blank.any() and bool((~np.isnan(vat)).any()):
        issues.append(
            Issue(
                "vat-amount-blank",
                {
                    "count": int(blank.sum()),
                    "column": title(cols["vat_amount"]),
                    "row": table.first_row + int(np.flatnonzero(blank)[0]),
                },
                loc,
            )
        )
    return issues
