"""Footprint report: data only (rows, totals, issues, provenance); writers render it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue
from achats_durables.footprint.data_requests import SEPARATOR
from achats_durables.footprint.per_capita import Denominators
from achats_durables.i18n.messages import beges_post_title, has, render, term
from achats_durables.knowledge.suppliers import Supplier
from achats_durables.ledger.activities import Activity
from achats_durables.ledger.populations import Population
from achats_durables.ledger.read import InputInfo

SCHEMA = "achats.footprint/1"
# Every line's status, in the order of its categorical codes (DESIGN §1).
STATUSES = ("mapped", "unmapped", "excluded", "rejected", "skipped", "unquantified")
STATUS_CODES = {s: i for i, s in enumerate(STATUSES)}
# The statuses whose amounts the reconciliation adds up to the spend read, in display order.
COUNTED_STATUSES = ("mapped", "unmapped", "unquantified", "excluded")
# the rule column of lines excluded as flows between entities of the group
INTRA_GROUP_RULE = "flux-interne-groupe"


@dataclass(frozen=True)
class FootprintOptions:
    """How a footprint is computed: the options of ``achats footprint`` and of ``achats.yaml``."""

    year: int | None = None
    default_vat_rate: float = 0.20
    group_sirens: tuple[str, ...] = ()
    monte_carlo: int = 0
    seed: int = 42
    entity: str | None = None
    amortisation_years: int | None = None  # spread class-2 acquisitions over this many years
    # the user's own energy prices, € HT per unit of :data:`~achats_durables.core.text.CARRIERS`
    energy_prices: tuple[tuple[str, float], ...] = ()
    energy_prices_source: str = ""  # where the user's prices come from, quoted in the report
    contract_cpv: Mapping[str, str] = field(default_factory=dict)  # register: contract → CPV
    validated_rules: tuple[str, ...] = ()  # rules confirmed in achats.yaml (``validated:``)
    config_path: str | None = None  # achats.yaml, named in the issues about its keys
    # suppliers' own intensities (fournisseurs.yaml), ahead of the sector ratios
    suppliers: tuple[Supplier, ...] = ()
    # quantities of the activity file (activites.xlsx|csv), replacing the spend they cover
    activities: tuple[Activity, ...] = ()
    # populations and headcounts of achats.yaml (per inhabitant, per agent)
    denominators: Denominators | None = None
    # --population communes.csv: the peer table of a multi-entity ledger
    populations: tuple[Population, ...] = ()


@dataclass(frozen=True)
class Totals:
    emissions_tco2e: float
    uncertainty_tco2e: float
    spend_excl_vat_eur: float
    intensity_kgco2e_per_keur: float
    # every factor's error in the same direction: Σ u·E, an upper bound of the uncertainty
    uncertainty_correlated_tco2e: float = 0.0
    # why the total is not a whole-year footprint ("" when it is): "amortisation-annuity-only"
    partial: str = ""
    # fiscal years of the counted lines: more than one, and the total is a sum of years
    years: tuple[int, ...] = ()

    @property
    def multi_year(self) -> bool:
        return len(self.years) > 1


@dataclass(frozen=True)
class Reconciliation:
    rows_read: int
    rows_mapped: int
    rows_unmapped: int
    rows_excluded: int
    rows_rejected: int
    rows_skipped: int
    spend_read_eur: float
    spend_mapped_eur: float
    spend_unmapped_eur: float
    spend_excluded_eur: float
    rows_unquantified: int = 0
    spend_unquantified_eur: float = 0.0
    # ledger lines whose ratio an activity-data row replaced (counted in rows/spend mapped)
    rows_replaced: int = 0
    spend_replaced_eur: float = 0.0
    # activity-data rows counted, lines of their own (no spend; not ledger rows)
    rows_activity: int = 0

    @property
    def balanced(self) -> bool:
        rows = (
            self.rows_mapped
            + self.rows_unmapped
            + self.rows_excluded
            + self.rows_rejected
            + self.rows_skipped
            + self.rows_unquantified
        )
        cents = (
            round(self.spend_mapped_eur * 100)
            + round(self.spend_unmapped_eur * 100)
            + round(self.spend_excluded_eur * 100)
            + round(self.spend_unquantified_eur * 100)
        )
        return rows == self.rows_read and cents == round(self.spend_read_eur * 100)

    def share(self, part: str) -> float:
        value: float = getattr(self, f"spend_{part}_eur")
        return value / self.spend_read_eur if self.spend_read_eur else 0.0

    @property
    def spend_uncounted_eur(self) -> float:
        """Spend in scope that the footprint does not count: no rule, or energy without quantity."""
        return round(self.spend_unmapped_eur + self.spend_unquantified_eur, 2)

    def share_uncounted(self) -> float:
        """What ``--max-unmapped`` measures: unmapped and unquantified spend over spend read."""
        return self.spend_uncounted_eur / self.spend_read_eur if self.spend_read_eur else 0.0


@dataclass(frozen=True)
class TableRow:
    key: str
    label: str
    spend_excl_vat_eur: float
    emissions_tco2e: float
    uncertainty_tco2e: float


@dataclass(frozen=True)
class MethodRow(TableRow):
    """A row of ``by_method``: a method's tCO2e and spend HT, and their shares of all methods'."""

    emissions_share: float = 0.0  # of the total emissions
    spend_share: float = 0.0  # of the spend HT in scope: counted lines and those not counted


@dataclass(frozen=True)
class DataQuality:
    """How much of the footprint rests on measured data (supplier figures, quantities, activity
    data) rather than on spend × a ratio: the part that moves when purchases change in kind."""

    score: float  # emissions from measured data ÷ total emissions, 0-1
    emissions_measured_tco2e: float
    spend_measured_eur: float
    emissions_ratio_tco2e: float
    emissions_proxy_tco2e: float
    spend_not_counted_eur: float  # spend HT of the lines unmapped or to quantify


@dataclass(frozen=True)
class MonteCarlo:
    draws: int
    seed: int
    mean_tco2e: float
    median_tco2e: float
    low_tco2e: float
    high_tco2e: float
    std_tco2e: float = 0.0


def group_table(
    lines: pd.DataFrame, keys: pd.Series, label_of: Callable[[Any], Any] | None
) -> list[TableRow]:
    """Aggregate mapped lines by ``keys``: spend, emissions, uncertainty (correlated per factor)."""
    if lines.empty:
        return []
    frame = pd.DataFrame(
        {
            "key": keys.to_numpy(dtype=object),
            "factor": lines["factor"].to_numpy(dtype=object),
            "spend": lines["amount_excl_vat_eur"].to_numpy(dtype="float64"),
            "e": lines["emissions_kgco2e"].to_numpy(dtype="float64"),
            "ue": (lines["uncertainty_rel"] * lines["emissions_kgco2e"]).to_numpy(dtype="float64"),
        }
    )
    sums = frame.groupby("key", sort=False)[["spend", "e"]].sum()
    per_factor = frame.groupby(["key", "factor"], sort=False)["ue"].sum()
    unc = np.sqrt((per_factor**2).groupby(level=0, sort=False).sum())
    sums["u"] = unc.reindex(sums.index).to_numpy()
    sums = sums.sort_values(["e", "spend"], ascending=False, kind="stable")
    rows = []
    for key, spend, e, u in sums.itertuples():
        label = label_of(key) if label_of is not None else None
        rows.append(
            TableRow(
                key=str(key),
                label=str(label if label is not None else key),
                spend_excl_vat_eur=round(float(spend), 2),
                emissions_tco2e=round(float(e) / 1000, 6),
                uncertainty_tco2e=round(float(u) / 1000, 6),
            )
        )
    return rows


def row_label(table: str, row: TableRow, lang: str = "fr") -> str:
    """A table row's label in ``lang``: a method's description, a blank key's placeholder
    (« (sans compte) »), else the label the report holds (a category, a supplier's name)."""
    if table == "by_method" and has(f"method-{row.key}"):
        return render(f"method-{row.key}", lang)
    if table == "by_beges_post" and lang == "en":
        return beges_post_title(row.key, lang)
    return term(row.label, lang)


TABLES = (
    "by_beges_post",
    "by_factor",
    "by_entity",
    "by_account",
    "by_supplier",
    "by_year",
    "by_method",
)


@dataclass(frozen=True)
class FootprintReport:
    inputs: list[dict[str, Any]]
    input_details: list[InputInfo]
    factor_sets: list[dict[str, Any]]
    price_index: dict[str, Any]
    rule_files: list[dict[str, Any]]
    totals: Totals
    reconciliation: Reconciliation
    tables: dict[str, list[TableRow]]
    issues: list[Issue]
    lines: pd.DataFrame = field(repr=False)
    proxy_share: float = 0.0
    monte_carlo: MonteCarlo | None = None
    options: dict[str, Any] = field(default_factory=dict)
    tool_version: str = ""
    vat_conversion: list[dict[str, Any]] = field(default_factory=list)
    # the listed suppliers whose figure was used; None when no supplier file was given
    suppliers_used: list[dict[str, Any]] | None = None
    # the activity-data rows of the perimeter; None when no activity file was given
    activities: list[dict[str, Any]] | None = None
    # every BEGES v5 post, its figure where the tool computes it (footprint.beges_table)
    beges_v5: list[dict[str, Any]] = field(default_factory=list)
    # kgCO2e per inhabitant and per agent (footprint.per_capita); None without counts
    per_capita: dict[str, Any] | None = None
    # each entity beside the median of the others (footprint.peers); None without populations
    peers: dict[str, Any] | None = None
    data_quality: DataQuality | None = None  # from the by_method table (footprint.methods)
    # the suppliers to ask for their own figure (lines on a ratio or proxy), largest first;
    # ``categories``: factor labels, joined in the JSON
    data_requests: list[dict[str, Any]] = field(default_factory=list)

    def beges_v5_rows(self, lang: str = "fr") -> list[dict[str, Any]]:
        """The BEGES v5 table with its labels in ``lang`` (JSON ``by_beges_v5``, xlsx, CSV)."""
        return [_beges_row(r, lang) for r in self.beges_v5]

    @property
    def supplier_emissions_tco2e(self) -> float:
        """The part of the total resting on suppliers' own figures."""
        return float(sum(r["emissions_tco2e"] for r in self.suppliers_used or []))

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The JSON report (DESIGN §7 field names), deterministic for identical inputs."""
        t = self.totals
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "tool_version": self.tool_version,
            "inputs": self.inputs,
            "factor_sets": [
                {"id": f["id"], "version": f["version"], "sha256": f["sha256"]}
                for f in self.factor_sets
            ],
            "totals": {
                "emissions_tco2e": round(t.emissions_tco2e, 6),
                "uncertainty_tco2e": round(t.uncertainty_tco2e, 6),
                "spend_excl_vat_eur": round(t.spend_excl_vat_eur, 2),
                "intensity_kgco2e_per_keur": round(t.intensity_kgco2e_per_keur, 3),
                "uncertainty_correlated_tco2e": round(t.uncertainty_correlated_tco2e, 6),
                "partial": t.partial,
                "years": list(t.years),
            },
            "reconciliation": asdict(self.reconciliation),
        }
        for name in TABLES:
            out[name] = [
                {**asdict(r), "label": row_label(name, r, lang)} for r in self.tables.get(name, [])
            ]
        out["by_beges_v5"] = self.beges_v5_rows(lang)
        if self.per_capita is not None:
            out["per_capita"] = self.per_capita
        if self.peers is not None:
            out["peers"] = self.peers
        out["proxy_share"] = round(self.proxy_share, 6)
        if self.data_quality is not None:
            out["data_quality"] = asdict(self.data_quality)
        out["vat_conversion"] = self.vat_conversion
        if self.suppliers_used is not None:
            out["suppliers_used"] = self.suppliers_used
        if self.activities is not None:
            out["activities"] = self.activities
        out["data_requests"] = [
            {**r, "categories": SEPARATOR.join(term(c, lang) for c in r["categories"])}
            for r in self.data_requests
        ]
        if self.monte_carlo is not None:
            mc = asdict(self.monte_carlo)
            out["monte_carlo"] = {
                k: (round(v, 6) if isinstance(v, float) else v) for k, v in mc.items()
            }
        out["issues"] = [i.to_dict(lang) for i in self.issues]
        return out


def _beges_row(row: dict[str, Any], lang: str) -> dict[str, Any]:
    """A post of the BEGES v5 table with its labels in ``lang``."""
    from achats_durables.knowledge.beges import v5_posts

    post = next(p for p in v5_posts() if p.post == row["post"])
    ghg = post.ghg_label_en if lang == "en" else post.ghg_label_fr
    return {
        **row,
        "label": beges_post_title(row["post"], lang),
        "ghg_protocol_label": ghg or None,
        "status": "" if row["evaluated"] else render("beges-not-evaluated", lang),
    }
