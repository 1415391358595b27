"""The issues a footprint's results raise: spend left out, conversions made, estimates used.

Their parameters are data (amounts in euros, shares as fractions, years, lists of records);
the message templates format them in the report's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue
from achats_durables.footprint.report import STATUS_CODES, FootprintOptions, Reconciliation
from achats_durables.knowledge.factors import FactorSet, PriceIndex, merge_factors

TOP_ACCOUNTS = 8  # accounts named in an issue, by amount


def top_accounts(accounts: pd.Series, amounts: np.ndarray) -> list[dict[str, Any]]:
    """The accounts of the largest amounts: ``[{"account": "60612", "amount": 1543267.8}, …]``
    (``""`` for lines without an account)."""
    by_account = (
        pd.Series(amounts)
        .groupby(accounts.astype(object).to_numpy())
        .sum()
        .sort_values(ascending=False)
        .head(TOP_ACCOUNTS)
    )
    return [{"account": str(a), "amount": round(float(v), 2)} for a, v in by_account.items()]


def result_issues(
    lines: pd.DataFrame,
    status: np.ndarray,
    recon: Reconciliation,
    factor_sets: Sequence[FactorSet],
    index: PriceIndex,
    conversions: dict[tuple[int, int], int],
    conversion: list[dict[str, Any]],
) -> list[Issue]:
    """Unmapped spend, TTC converted to HT, euros converted to a factor's year."""
    issues: list[Issue] = []
    if recon.spend_unmapped_eur and recon.spend_read_eur:
        unm = lines[status == STATUS_CODES["unmapped"]]
        params = {
            "share": recon.spend_unmapped_eur / recon.spend_read_eur,
            "amount": recon.spend_unmapped_eur,
            "count": recon.rows_unmapped,
            "accounts": top_accounts(unm["account"], unm["amount_read_eur"].to_numpy()),
        }
        issues.append(Issue("unmapped-spend", params))
    if conversion:
        params = {
            "amount": round(sum(c["amount_incl_vat_eur"] for c in conversion), 2),
            "count": sum(c["lines"] for c in conversion),
            "detail": conversion,
        }
        issues.append(Issue("vat-converted", params, severity="info"))
    issues += _euro_year_issues(factor_sets, index, conversions)
    return issues


def _euro_year_issues(
    factor_sets: Sequence[FactorSet], index: PriceIndex, conversions: dict[tuple[int, int], int]
) -> list[Issue]:
    """One alert per target euro-year: all the years converted to it, each with its multiplier."""
    # the euro-years of the monetary ratios only (physical factors are dated by consumption year)
    factors = merge_factors(factor_sets).values()
    years = sorted({y for f in factors if f.kind == "monetary" for y in f.values})
    issues = []
    for ey in sorted({ey for _, ey in conversions}):
        pairs = sorted((y, cnt) for (y, target), cnt in conversions.items() if target == ey)
        params = {
            "count": sum(cnt for _, cnt in pairs),
            "years": [y for y, _ in pairs],
            "target": ey,
            "ratio": [{"year": y, "ratio": round(index.convert(y, ey)[0], 4)} for y, _ in pairs],
            "available": [years[0], years[-1]] if years else [],
        }
        issues.append(Issue("euro-year-converted", params, severity="info"))
    return issues


def scope_issues(
    internal: np.ndarray, ht: np.ndarray, mapped: pd.DataFrame, total_e: float
) -> list[Issue]:
    """Flows inside the group left out; emissions resting on rules still to validate."""
    issues = []
    if internal.any():
        params = {"count": int(internal.sum()), "amount": round(float(ht[internal].sum()), 2)}
        issues.append(Issue("intra-group-excluded", params, severity="info"))
    prop = mapped["proposition"].to_numpy(dtype=bool)
    if prop.any() and total_e:
        share = float(mapped["emissions_kgco2e"].to_numpy()[prop].sum()) / 1000 / total_e
        issues.append(Issue("proposition-rules-used", {"share": share}, severity="info"))
    return issues


def method_issues(
    lines: pd.DataFrame,
    status: np.ndarray,
    mapped: pd.DataFrame,
    total_e: float,
    options: FootprintOptions,
) -> list[Issue]:
    """What the method leaves out or estimates: energy to quantify, prices, waste by euros."""
    issues = []
    unq = status == STATUS_CODES["unquantified"]
    if unq.any():
        frame = lines.loc[unq, ["account", "amount_read_eur"]]
        amounts = frame["amount_read_eur"].to_numpy(dtype="float64")
        params = {
            "count": int(unq.sum()),
            "amount": round(float(amounts.sum()), 2),
            "accounts": top_accounts(frame["account"], amounts),
        }
        issues.append(Issue("energy-unquantified", params))
    method = mapped["method"].astype(object).to_numpy()
    e_kg = mapped["emissions_kgco2e"].to_numpy(dtype="float64")
    spend = mapped["amount_excl_vat_eur"].to_numpy(dtype="float64")
    est = method == "quantity_estimated"
    if est.any():
        params = {
            "count": int(est.sum()),
            "amount": round(float(spend[est].sum()), 2),
            "emissions": float(e_kg[est].sum()) / 1000,
            "prices": [{"carrier": c, "price": p} for c, p in options.energy_prices],
            "source": options.energy_prices_source,
        }
        issues.append(Issue("quantity-estimated-from-price", params))
    posts = mapped["beges_post"].astype(object).to_numpy()
    waste = np.isin(method, ["ratio", "proxy"]) & (posts == "4.3")
    if waste.any():
        waste_t = float(e_kg[waste].sum()) / 1000
        params = {
            "count": int(waste.sum()),
            "amount": round(float(spend[waste].sum()), 2),
            "emissions": waste_t,
            "share": waste_t / total_e if total_e else 0.0,
        }
        issues.append(Issue("waste-monetary-estimate", params))
    return issues
