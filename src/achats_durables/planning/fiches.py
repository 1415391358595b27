"""Fiches acheteurs (issue 15): one page per major purchase category, for a buyers' course.

From a footprint report (its ``by_factor`` table and lines) and, when the year has a contract
register, the clause report of the same scope: the top categories by tCO2e, each with its share
of the total, spend, main suppliers, the contracts its lines were bought under (supplier, end
date and renewal year, environmental and social considerations), the coverage of its spend by
those considerations, and the advice entry that matches it (by factor id, then by family).
Numbers and codes only; writers render them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.clauses.coverage import ClauseReport
from achats_durables.contracts.refs import normalize_ref
from achats_durables.footprint.report import FootprintReport, TableRow
from achats_durables.knowledge.advice import Advice, AdviceEntry

SCHEMA = "achats.fiches/1"
DEFAULT_TOP = 8
ACTIVITY = "activity:"  # the factor key of a group of activity rows of several factors
MAX_SUPPLIERS = 3
MAX_CONTRACTS = 5


@dataclass(frozen=True)
class FicheContract:
    contract_ref: str
    object: str
    supplier: str
    end_date: str | None  # ISO date
    # the first year under the next contract: the year after the end date, as the action plan's
    # « start: renewal » (planning.build)
    renewal_year: int | None
    expired: bool  # ended before the report's day
    has_environmental: bool
    has_social: bool
    spend_excl_vat_eur: float  # the category's spend under this contract
    emissions_tco2e: float


@dataclass(frozen=True)
class Fiche:
    rank: int
    factor: str
    label: str
    emissions_tco2e: float
    uncertainty_tco2e: float
    share: float  # of the footprint's total
    spend_excl_vat_eur: float
    suppliers: list[dict[str, Any]]  # name, spend, tCO2e: the largest by tCO2e
    contracts: list[FicheContract]
    contracts_count: int  # every contract of the category (``contracts`` keeps the largest)
    coverage: dict[str, Any] | None  # None: no register for this year
    next_renewal: str | None  # the earliest end date not yet passed
    advice: str | None  # the id of the advice entry; None: no advice yet


@dataclass(frozen=True)
class FicheReport:
    scope: str
    year: int | None
    total_tco2e: float
    fiches: list[Fiche]
    advice: Advice
    today: str

    def entry(self, fiche: Fiche) -> AdviceEntry | None:
        return next((e for e in self.advice.entries if e.id == fiche.advice), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "scope": self.scope,
            "year": self.year,
            "today": self.today,
            "total_tco2e": self.total_tco2e,
            "advice_files": list(self.advice.files),
            "fiches": [asdict(f) for f in self.fiches],
        }


def select_categories(
    rows: list[TableRow],
    total: float,
    top: int | None = DEFAULT_TOP,
    min_share: float | None = None,
) -> list[TableRow]:
    """The categories of a fiche, largest tCO2e first: the ``top`` first, or with ``min_share``
    those at or above that share of ``total`` (both given: both apply)."""
    ranked = sorted(rows, key=lambda r: (-r.emissions_tco2e, -r.spend_excl_vat_eur, r.key))
    ranked = [r for r in ranked if r.emissions_tco2e > 0]
    if min_share is not None:
        ranked = [r for r in ranked if total and r.emissions_tco2e / total >= min_share]
    return ranked[:top] if top is not None else ranked


def compute_fiches(
    footprint: FootprintReport,
    clauses: ClauseReport | None,
    advice: Advice,
    *,
    scope: str = "",
    top: int | None = DEFAULT_TOP,
    min_share: float | None = None,
    today: dt.date | None = None,
) -> FicheReport:
    """The fiches of the major categories of ``footprint`` (see the module doc)."""
    day = today or dt.date.today()
    total = float(footprint.totals.emissions_tco2e)
    rows = select_categories(footprint.tables.get("by_factor", []), total, top, min_share)
    lines = footprint.lines
    mapped = lines[(lines["status"] == "mapped").to_numpy(dtype=bool)]
    factor_of = _activity_factors(footprint)
    fiches = []
    for rank, row in enumerate(rows, start=1):
        sel = mapped[(mapped["factor"].astype(object) == row.key).to_numpy(dtype=bool)]
        contracts, coverage = (
            _contracts(sel, clauses.contracts, day) if clauses is not None else ([], None)
        )
        entry = advice.match(factor_of.get(row.key, row.key))
        upcoming = sorted(c.end_date for c in contracts if c.end_date and not c.expired)
        fiches.append(
            Fiche(
                rank=rank,
                factor=row.key,
                label=row.label,
                emissions_tco2e=row.emissions_tco2e,
                uncertainty_tco2e=row.uncertainty_tco2e,
                share=round(row.emissions_tco2e / total, 6) if total else 0.0,
                spend_excl_vat_eur=row.spend_excl_vat_eur,
                suppliers=_suppliers(sel),
                contracts=contracts[:MAX_CONTRACTS],
                contracts_count=len(contracts),
                coverage=coverage,
                next_renewal=upcoming[0] if upcoming else None,
                advice=entry.id if entry is not None else None,
            )
        )
    year = footprint.totals.years[0] if len(footprint.totals.years) == 1 else None
    return FicheReport(scope, year, round(total, 6), fiches, advice, day.isoformat())


def _activity_factors(footprint: FootprintReport) -> dict[str, str]:
    """``activity:<ref>`` → the factor of its first activity row (the group's key)."""
    return {f"{ACTIVITY}{a['ref']}": str(a["factor"]) for a in footprint.activities or []}


def _suppliers(sel: pd.DataFrame) -> list[dict[str, Any]]:
    """The category's largest suppliers by tCO2e (name as the ledger writes it)."""
    if sel.empty:
        return []
    frame = pd.DataFrame(
        {
            "name": sel["supplier"].astype(object).fillna("").astype(str).to_numpy(),
            "spend": sel["amount_excl_vat_eur"].to_numpy(dtype="float64"),
            "e": sel["emissions_kgco2e"].to_numpy(dtype="float64"),
        }
    )
    sums = frame.groupby("name", sort=True)[["spend", "e"]].sum()
    sums = sums.sort_values(["e", "spend"], ascending=False, kind="stable").head(MAX_SUPPLIERS)
    return [
        {
            "name": str(name),
            "spend_excl_vat_eur": round(float(spend), 2),
            "emissions_tco2e": round(float(e) / 1000, 6),
        }
        for name, spend, e in sums.itertuples()
    ]


def _contracts(
    sel: pd.DataFrame, register: pd.DataFrame, day: dt.date
) -> tuple[list[FicheContract], dict[str, Any]]:
    """The contracts of a category's lines, largest tCO2e first, and its spend's coverage."""
    refs = normalize_ref(sel["contract_ref"]).to_numpy(dtype=object)
    index = {r: i for i, r in enumerate(normalize_ref(register["contract_ref"]).tolist()) if r}
    position = np.array([index.get(r, -1) for r in refs], dtype=np.int64)
    spend = sel["amount_excl_vat_eur"].to_numpy(dtype="float64")
    e_kg = sel["emissions_kgco2e"].to_numpy(dtype="float64")
    out = []
    for p in sorted({int(p) for p in position if p >= 0}):
        row = register.iloc[p]
        hit = position == p
        end = pd.Timestamp(row["end_date"]) if not pd.isna(row["end_date"]) else None
        out.append(
            FicheContract(
                contract_ref=str(row["contract_ref"]),
                object=str(row["object"]),
                supplier=str(row["supplier"]),
                end_date=end.date().isoformat() if end is not None else None,
                renewal_year=int(end.year) + 1 if end is not None else None,
                expired=bool(end is not None and end.date() < day),
                has_environmental=bool(row["has_environmental"]),
                has_social=bool(row["has_social"]),
                spend_excl_vat_eur=round(float(spend[hit].sum()), 2),
                emissions_tco2e=round(float(e_kg[hit].sum()) / 1000, 6),
            )
        )
    out.sort(key=lambda c: (-c.emissions_tco2e, c.contract_ref))
    return out, _coverage(spend, position, refs, register)


def _coverage(
    spend: np.ndarray, position: np.ndarray, refs: np.ndarray, register: pd.DataFrame
) -> dict[str, Any]:
    """Shares of a category's spend HT: under a contract with an environmental (a social)
    consideration, under a contract of the register, under a reference the register lacks,
    and outside any contract."""
    env = np.append(register["has_environmental"].to_numpy(dtype=bool), False)[position]
    social = np.append(register["has_social"].to_numpy(dtype=bool), False)[position]
    known = position >= 0
    total = float(spend.sum())

    def share(mask: np.ndarray) -> float:
        return round(float(spend[mask].sum()) / total, 6) if total else 0.0

    return {
        "share_under_contracts": share(known),
        "share_environmental": share(known & env),
        "share_social": share(known & social),
        "share_unknown_contracts": share(~known & (refs != "")),
        "share_outside_contracts": share(refs == ""),
    }
