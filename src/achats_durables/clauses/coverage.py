"""Social and environmental clause coverage of contracts (DESIGN §8), targets, ledger join.

``compute_clause_coverage(contracts)`` gives the coverage indicators by count and by amount, by
year, entity, CPV division and procedure; the PNAD targets, the loi Climat et résilience check and
the SPASER threshold; and, with a footprint report of the ledger, the spend and tCO2e executed
under contracts with and without considerations, and the priority list of categories by tCO2e
executed without an environmental consideration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.clauses.climat import climat_checks
from achats_durables.clauses.priorities import action_text, contract_priorities, ledger_priorities
from achats_durables.clauses.spaser import spaser_checks
from achats_durables.clauses.targets import ClauseTargets as ClauseTargets
from achats_durables.clauses.targets import Row, has_value, pnad_checks
from achats_durables.contracts.model import UNSPECIFIED_VALUES, Contracts
from achats_durables.contracts.refs import normalize_ref
from achats_durables.core.errors import Issue
from achats_durables.core.frames import codes_of
from achats_durables.core.version import __version__
from achats_durables.footprint.report import FootprintReport
from achats_durables.knowledge.mapping import RuleSet

SCHEMA = "achats.clauses/1"
FTE_HOURS = 1607.0  # annual hours of a full-time job (35 h × 45.9 weeks), French legal reference
SOCIAL_VALUES = ("Clause sociale", "Critère social", "Marché réservé")
ENVIRONMENTAL_VALUES = ("Clause environnementale", "Critère environnemental")


@dataclass(frozen=True)
class CoverageRow:
    key: str
    label: str
    contracts: int
    contracts_with_social: int
    contracts_with_environmental: int
    contracts_with_both: int
    contracts_with_none: int
    amount_eur: float
    amount_with_social_eur: float
    amount_with_environmental_eur: float
    share_social: float
    share_environmental: float
    share_social_amount: float
    share_environmental_amount: float


@dataclass(frozen=True)
class ClauseReport:
    inputs: list[dict[str, Any]]
    totals: dict[str, Any]
    tables: dict[str, list[CoverageRow]]
    by_consideration: list[dict[str, Any]]
    checks: list[Row]
    flagged: list[Row]
    ledger_join: dict[str, Any] | None
    priorities: list[dict[str, Any]]
    issues: list[Issue]
    contracts: pd.DataFrame = field(repr=False)
    tool_version: str = __version__

    @property
    def targets(self) -> list[dict[str, Any]]:
        """The checks (PNAD per year, loi Climat, SPASER per buyer), texts in French."""
        return [c.to_dict("fr") for c in self.checks]

    @property
    def to_check(self) -> list[dict[str, Any]]:
        """Contracts failing the loi Climat check or that cannot be verified, texts in French."""
        return [c.to_dict("fr") for c in self.flagged]

    def targets_in(self, lang: str = "fr") -> list[dict[str, Any]]:
        """The checks with their texts in ``lang``."""
        return [c.to_dict(lang) for c in self.checks]

    def to_check_in(self, lang: str = "fr") -> list[dict[str, Any]]:
        """The contracts listed by the loi Climat check, their texts in ``lang``."""
        return [c.to_dict(lang) for c in self.flagged]

    def priorities_in(self, lang: str = "fr") -> list[dict[str, Any]]:
        """The priorities with their suggested action written in ``lang`` (``action``) beside
        its data (``action_params``)."""
        return [
            {**p, "action": action_text(p["action"], lang), "action_params": p["action"]}
            for p in self.priorities
        ]

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The JSON clause report (DESIGN §8 field names)."""
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "tool_version": self.tool_version,
            "inputs": self.inputs,
            "totals": self.totals,
        }
        for name in TABLES:
            out[name] = [row.__dict__ for row in self.tables.get(name, [])]
        out["by_consideration"] = self.by_consideration
        out["targets"] = self.targets_in(lang)
        out["to_check"] = self.to_check_in(lang)
        out["ledger_join"] = self.ledger_join
        out["priorities"] = self.priorities_in(lang)
        out["issues"] = [i.to_dict(lang) for i in self.issues]
        return out


TABLES = ("by_year", "by_entity", "by_cpv_division", "by_procedure")


def _share(part: float, whole: float) -> float:
    return round(float(part) / float(whole), 6) if whole else 0.0


def coverage_table(
    frame: pd.DataFrame, keys: pd.Series, labels: Mapping[str, str] | None = None
) -> list[CoverageRow]:
    """Coverage by key, by count and by amount (amounts unknown count as 0 €)."""
    if frame.empty:
        return []
    social = frame["has_social"].to_numpy(dtype=bool)
    env = frame["has_environmental"].to_numpy(dtype=bool)
    amount = np.nan_to_num(frame["amount_eur"].to_numpy(dtype="float64"))
    data = pd.DataFrame(
        {
            "key": keys.to_numpy(dtype=object),
            "n": 1,
            "s": social.astype(int),
            "e": env.astype(int),
            "b": (social & env).astype(int),
            "none": (~social & ~env).astype(int),
            "amount": amount,
            "amount_s": np.where(social, amount, 0.0),
            "amount_e": np.where(env, amount, 0.0),
        }
    )
    sums = data.groupby("key", sort=True).sum()
    rows = []
    for key, r in sums.iterrows():
        k = str(key)
        rows.append(
            CoverageRow(
                key=k,
                label=(labels or {}).get(k, k),
                contracts=int(r["n"]),
                contracts_with_social=int(r["s"]),
                contracts_with_environmental=int(r["e"]),
                contracts_with_both=int(r["b"]),
                contracts_with_none=int(r["none"]),
                amount_eur=round(float(r["amount"]), 2),
                amount_with_social_eur=round(float(r["amount_s"]), 2),
                amount_with_environmental_eur=round(float(r["amount_e"]), 2),
                share_social=_share(float(r["s"]), float(r["n"])),
                share_environmental=_share(float(r["e"]), float(r["n"])),
                share_social_amount=_share(float(r["amount_s"]), float(r["amount"])),
                share_environmental_amount=_share(float(r["amount_e"]), float(r["amount"])),
            )
        )
    return rows


def cpv_division_labels(rules: RuleSet) -> dict[str, str]:
    """French labels of the CPV divisions, from the division rules of the shipped CPV mapping."""
    return {
        r.when["cpv"]: r.label for r in rules.rules if len(r.when.get("cpv", "")) == 2 and r.label
    }


def _hours(values: pd.Series) -> float | None:
    """Sum of a column of hours; None when no contract gives any."""
    hours = values.to_numpy(dtype="float64")
    return None if np.isnan(hours).all() else float(np.nansum(hours))


def year_figures(data: Mapping[str, Any], year: int | None) -> dict[str, Any]:
    """A clause report's figures for ``year``: the contracts notified that year (PNAD indicator).

    ``achats run`` and ``achats compare`` both quote these, so they always agree. Without a
    year, or when no contract of the report was notified that year, the report's totals.
    """
    rows = [r for r in data.get("by_year", []) if year is not None and r["key"] == str(year)]
    t = rows[0] if rows else data["totals"]
    return {
        "contracts": t["contracts"],
        "share_social": t["share_social"],
        "share_environmental": t["share_environmental"],
        "scope": "notified-in-year" if rows else "all-contracts",
    }


def compute_clause_coverage(
    contracts: Contracts,
    *,
    targets: ClauseTargets | None = None,
    footprint: FootprintReport | None = None,
    rules: RuleSet | None = None,
    today: dt.date | None = None,
    entities: Sequence[tuple[str, str]] = (),
) -> ClauseReport:
    """Coverage indicators, targets and, with ``footprint``, the ledger join and priorities.

    ``entities`` are the (name, SIREN) pairs of the config: they name the buyers of the SPASER
    check and group the rows of one buyer written differently.
    """
    targets = targets or ClauseTargets()
    frame = contracts.frame
    issues = list(contracts.issues)
    totals = _totals(frame)
    division_labels = cpv_division_labels(rules) if rules is not None else {}
    tables = _tables(frame, division_labels)
    by_consideration = _by_consideration(frame)
    checks, flagged = compute_checks(frame, targets, footprint, entities)
    join = None
    priorities: list[dict[str, Any]]
    if footprint is not None:
        join, priorities = _ledger_join(frame, footprint, today or dt.date.today())
    else:
        priorities = contract_priorities(frame, division_labels, today or dt.date.today())
    return ClauseReport(
        inputs=[i.to_dict() for i in contracts.inputs],
        totals=totals,
        tables=tables,
        by_consideration=by_consideration,
        checks=checks,
        flagged=flagged,
        ledger_join=join,
        priorities=priorities,
        issues=issues,
        contracts=frame,
    )


def _totals(frame: pd.DataFrame) -> dict[str, Any]:
    """The report's totals: coverage by count and by amount, insertion hours and FTE."""
    social = frame["has_social"].to_numpy(dtype=bool)
    env = frame["has_environmental"].to_numpy(dtype=bool)
    amount = np.nan_to_num(frame["amount_eur"].to_numpy(dtype="float64"))
    # hours the files do not give at all (DECP has no such field) are « non renseigné », not 0
    planned = _hours(frame["insertion_hours_planned"])
    done = _hours(frame["insertion_hours_done"])
    n = len(frame)
    return {
        "contracts": n,
        "contracts_with_social": int(social.sum()),
        "contracts_with_environmental": int(env.sum()),
        "contracts_with_both": int((social & env).sum()),
        "contracts_with_none": int((~social & ~env).sum()),
        "amount_eur": round(float(amount.sum()), 2),
        "amount_with_social_eur": round(float(amount[social].sum()), 2),
        "amount_with_environmental_eur": round(float(amount[env].sum()), 2),
        "share_social": _share(social.sum(), n),
        "share_environmental": _share(env.sum(), n),
        "share_social_amount": _share(amount[social].sum(), amount.sum()),
        "share_environmental_amount": _share(amount[env].sum(), amount.sum()),
        "insertion_hours_planned": None if planned is None else round(planned, 2),
        "insertion_hours_done": None if done is None else round(done, 2),
        "insertion_fte_planned": None if planned is None else round(planned / FTE_HOURS, 2),
        "insertion_fte_done": None if done is None else round(done / FTE_HOURS, 2),
    }


def _tables(
    frame: pd.DataFrame, division_labels: Mapping[str, str]
) -> dict[str, list[CoverageRow]]:
    """The coverage tables of :data:`TABLES`: by notification year, entity, CPV division, procedure."""
    years = frame["year"].map(lambda y: "" if pd.isna(y) else str(int(y)))
    return {
        "by_year": coverage_table(frame, years.replace("", "(date inconnue)")),
        "by_entity": coverage_table(
            frame, frame["entity"].astype(object).replace("", "(non précisée)")
        ),
        "by_cpv_division": coverage_table(
            frame, frame["cpv_division"].astype(object).replace("", "(sans CPV)"), division_labels
        ),
        "by_procedure": coverage_table(
            frame, frame["procedure"].astype(object).replace("", "(non précisée)")
        ),
    }


def compute_checks(
    frame: pd.DataFrame,
    targets: ClauseTargets,
    footprint: FootprintReport | None,
    entities: Sequence[tuple[str, str]] = (),
) -> tuple[list[Row], list[Row]]:
    """(checks, contracts listed by the loi Climat check): PNAD per year, loi Climat, SPASER."""
    climat, listed = climat_checks(frame, targets)
    checks = [
        *pnad_checks(frame, targets),
        climat,
        *spaser_checks(frame, targets, footprint, entities),
    ]
    return checks, listed


def _by_consideration(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Every consideration value seen, with the contracts and amount that carry it."""
    out = []
    amount = np.nan_to_num(frame["amount_eur"].to_numpy(dtype="float64"))
    for kind, column, values, none in (
        ("sociale", "social", SOCIAL_VALUES, "Pas de considération sociale"),
        (
            "environnementale",
            "environmental",
            ENVIRONMENTAL_VALUES,
            "Pas de considération environnementale",
        ),
    ):
        cells = frame[column].astype(object).fillna("").astype(str)
        for value in (*values, UNSPECIFIED_VALUES[column]):
            hit = has_value(cells, value)
            if value == UNSPECIFIED_VALUES[column] and not hit.any():
                continue  # listed only when a register uses it
            out.append(
                {
                    "kind": kind,
                    "value": value,
                    "contracts": int(hit.sum()),
                    "amount_eur": round(float(amount[hit].sum()), 2),
                }
            )
        empty = (cells == "").to_numpy(dtype=bool)
        out.append(
            {
                "kind": kind,
                "value": none,
                "contracts": int(empty.sum()),
                "amount_eur": round(float(amount[empty].sum()), 2),
            }
        )
    return out


def _join_keys(frame: pd.DataFrame) -> dict[str, int]:
    refs = normalize_ref(frame["contract_ref"])
    return {ref: i for i, ref in enumerate(refs.tolist()) if ref}


def _ledger_join(
    frame: pd.DataFrame, footprint: FootprintReport, today: dt.date
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Spend and tCO2e executed under contracts with/without considerations; priorities."""
    lines = footprint.lines
    in_scope = lines["status"].isin(["mapped", "unmapped"]).to_numpy(dtype=bool)
    spend = np.where(in_scope, lines["amount_excl_vat_eur"].to_numpy(dtype="float64"), 0.0)
    e_kg = lines["emissions_kgco2e"].to_numpy(dtype="float64")
    rcodes, rvalues = codes_of(lines["contract_ref"])
    norm = normalize_ref(pd.Series(rvalues, dtype=object)).to_numpy(dtype=object)
    index = _join_keys(frame)
    position = np.array([index.get(v, -1) for v in norm] + [-1])[rcodes]
    has_ref = (norm != "")[rcodes]
    known = position >= 0
    social = np.append(frame["has_social"].to_numpy(dtype=bool), False)[position]
    env = np.append(frame["has_environmental"].to_numpy(dtype=bool), False)[position]

    def part(mask: np.ndarray) -> dict[str, Any]:
        m = mask & in_scope
        return {
            "lines": int(m.sum()),
            "spend_excl_vat_eur": round(float(spend[m].sum()), 2),
            "emissions_tco2e": round(float(e_kg[m].sum()) / 1000, 6),
        }

    unknown_refs = sorted({str(rvalues[c]) for c in np.unique(rcodes[in_scope & has_ref & ~known])})
    join = {
        "total": part(np.ones(len(lines), dtype=bool)),
        "under_contracts": part(known),
        "with_social": part(known & social),
        "without_social": part(known & ~social),
        "with_environmental": part(known & env),
        "without_environmental": part(known & ~env),
        "outside_contracts": part(~has_ref),
        "unknown_contracts": {**part(has_ref & ~known), "refs": unknown_refs[:50]},
    }
    return join, ledger_priorities(
        frame, lines, in_scope, spend, e_kg, position, known, env, has_ref, today
    )
