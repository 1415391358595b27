"""Loi Climat et résilience, art. 35 (procedures launched from 21 August 2026), per contract.

Each contract needs an environmental execution condition (DECP « Clause environnementale »)
*and* an environmental award criterion (« Critère environnemental »); at or above the EU
thresholds it also needs a social execution condition (« Clause sociale », art. L. 2112-2-1
CCP). A register that does not tell a condition from a criterion makes the contract « à
vérifier », never compliant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from achats_durables.clauses.targets import ClauseTargets, Row, Text, has_value
from achats_durables.contracts.model import UNSPECIFIED_VALUES
from achats_durables.core.frames import map_distinct
from achats_durables.core.text import fold


@dataclass(frozen=True)
class EuThresholds:
    """EU procurement thresholds (€ HT) of one two-year period (classic directive 2014/24/EU)."""

    start: dt.date
    end: dt.date
    central_supplies_services_eur: float
    local_supplies_services_eur: float
    works_eur: float
    source: str

    @property
    def period(self) -> str:
        return f"{self.start.year}-{self.end.year}"


# Not in ../shared/reference/: marked here with where each figure was read.
EU_THRESHOLDS: tuple[EuThresholds, ...] = (
    EuThresholds(
        dt.date(2024, 1, 1),
        dt.date(2025, 12, 31),
        143_000.0,
        221_000.0,
        5_538_000.0,
        "Règlement délégué (UE) 2023/2495 de la Commission du 15 novembre 2023 (JO L 2023/2495 "
        "du 16.11.2023, https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX%3A32023R2495) ; "
        "montants lus sur https://www.adden-leblog.com/la-valse-des-seuils-a-compter-du-1er-"
        "janvier-2026-on-change-les-habitudes (colonne « Période de 2024 à 2025 »)",
    ),
    EuThresholds(
        dt.date(2026, 1, 1),
        dt.date(2027, 12, 31),
        140_000.0,
        216_000.0,
        5_404_000.0,
        "Règlement délégué (UE) 2025/2152 de la Commission du 22 octobre 2025 (JOUE du "
        "23.10.2025) ; montants lus sur https://www.adden-leblog.com/la-valse-des-seuils-a-"
        "compter-du-1er-janvier-2026-on-change-les-habitudes et "
        "https://blog.landot-avocats.net/2025/10/24/marches-publics-et-concessions-les-nouveaux-"
        "seuils-arrivent-au-1er-janvier-2026",
    ),
)

ENV_CONDITION = "Clause environnementale"
ENV_CRITERION = "Critère environnemental"
SOCIAL_CONDITION = "Clause sociale"


def eu_thresholds_on(day: dt.date) -> EuThresholds:
    """The thresholds of the period holding ``day`` (the nearest period outside the table)."""
    for t in EU_THRESHOLDS:
        if t.start <= day <= t.end:
            return t
    return EU_THRESHOLDS[0] if day < EU_THRESHOLDS[0].start else EU_THRESHOLDS[-1]


def _is_works(frame: pd.DataFrame) -> np.ndarray:
    """Works contracts: CPV division 45, or « Travaux » as nature or CCAG."""

    def travaux(values: pd.Series, exact: bool) -> pd.Series:
        folded = values.astype(object).fillna("").astype(str).map(fold)
        return folded == "travaux" if exact else folded.str.contains("travaux", regex=False)

    division = frame["cpv_division"].astype(object).fillna("").astype(str)
    nature = map_distinct(frame["nature"], lambda v: travaux(v, False)).astype(bool)
    ccag = map_distinct(frame["ccag"], lambda v: travaux(v, True)).astype(bool)
    works: np.ndarray = np.asarray(division == "45", dtype=bool) | nature | ccag
    return works


def climat_checks(frame: pd.DataFrame, targets: ClauseTargets) -> tuple[Row, list[Row]]:
    """The art. 35 check and the contracts that fail it or cannot be verified, with why."""
    dates = pd.to_datetime(frame["notification_date"], errors="coerce")
    scope = np.asarray(dates >= pd.Timestamp(targets.climat_date), dtype=bool)
    sub = frame[scope].reset_index(drop=True)
    assessed = _assess(sub, targets)
    failing, unverifiable = assessed.failing, assessed.unverifiable
    n = len(sub)
    n_fail, n_check = int(failing.sum()), int(unverifiable.sum())
    compliant = n - n_fail - n_check
    order = np.lexsort((assessed.notified, ~failing))
    picked = order[(failing | unverifiable)[order]]
    check = _climat_check(targets, n, compliant, n_fail, n_check)
    return check, _listed(sub, assessed, picked)


@dataclass(frozen=True)
class _Assessment:
    """Per contract in the scope of art. 35: its EU threshold and why it fails or is unverifiable."""

    notified: np.ndarray  # notification date (datetime64[ns])
    works: np.ndarray
    period: np.ndarray  # index into :data:`EU_THRESHOLDS`
    threshold: np.ndarray  # the EU threshold that applies (€ HT)
    amount: np.ndarray
    known: np.ndarray  # the amount is known
    above: np.ndarray  # at or above the threshold
    reasons: dict[str, np.ndarray]  # reason code → the contracts it applies to
    failing: np.ndarray  # a consideration is missing: non-compliant
    unverifiable: np.ndarray  # not failing, but the register cannot tell: to verify


def _assess(sub: pd.DataFrame, targets: ClauseTargets) -> _Assessment:
    """Each contract's conditions, criteria and threshold, and the reasons that follow."""
    env, social = sub["environmental"], sub["social"]
    condition, criterion = has_value(env, ENV_CONDITION), has_value(env, ENV_CRITERION)
    env_unspecified = has_value(env, UNSPECIFIED_VALUES["environmental"])
    social_condition = has_value(social, SOCIAL_CONDITION)
    social_unspecified = has_value(social, UNSPECIFIED_VALUES["social"])
    works = _is_works(sub)
    notified = sub["notification_date"].to_numpy(dtype="datetime64[ns]")
    period, threshold = _eu_thresholds(notified, works, targets)
    amount = sub["amount_eur"].to_numpy(dtype="float64")
    known = ~np.isnan(amount)
    above = known & (np.nan_to_num(amount) >= threshold)  # « égal ou supérieur » au seuil
    needs_social = above & ~social_condition
    reasons: dict[str, np.ndarray] = {
        "environmental-condition-missing": ~condition & ~env_unspecified,
        "environmental-criterion-missing": ~criterion & ~env_unspecified,
        "social-condition-missing": needs_social & ~social_unspecified,
        "environmental-undistinguished": env_unspecified & ~(condition & criterion),
        "social-undistinguished": needs_social & social_unspecified,
        "amount-unknown": ~known & ~social_condition,
    }
    failing = (
        reasons["environmental-condition-missing"]
        | reasons["environmental-criterion-missing"]
        | reasons["social-condition-missing"]
    )
    unverifiable = ~failing & (
        reasons["environmental-undistinguished"]
        | reasons["social-undistinguished"]
        | reasons["amount-unknown"]
    )
    return _Assessment(
        notified, works, period, threshold, amount, known, above, reasons, failing, unverifiable
    )


def _eu_thresholds(
    notified: np.ndarray, works: np.ndarray, targets: ClauseTargets
) -> tuple[np.ndarray, np.ndarray]:
    """(period, threshold) of each contract: works or supplies and services, local or central."""
    # the period of the notification date (the launch date, which decides, is not in the data)
    starts = np.array([np.datetime64(t.start, "ns") for t in EU_THRESHOLDS])
    period = np.clip(np.searchsorted(starts, notified, side="right") - 1, 0, len(EU_THRESHOLDS) - 1)
    local = targets.buyer_kind != "central"
    supplies = np.array(
        [
            t.local_supplies_services_eur if local else t.central_supplies_services_eur
            for t in EU_THRESHOLDS
        ]
    )[period]
    threshold = np.where(works, np.array([t.works_eur for t in EU_THRESHOLDS])[period], supplies)
    return period, threshold


def _reason_patterns(
    reasons: dict[str, np.ndarray], picked: np.ndarray, n: int
) -> tuple[dict[int, list[str]], list[int]]:
    """The reasons of each picked contract as a bit pattern, and each pattern's reason codes."""
    names = list(reasons)
    pattern = sum((reasons[k].astype(np.int64) << b for b, k in enumerate(names)), np.int64(0))
    reason_codes = {  # the few combinations of reasons seen, each spelt out once
        int(p): [k for b, k in enumerate(names) if int(p) >> b & 1] for p in np.unique(pattern)
    }
    patterns = np.asarray(pattern)[picked].tolist() if n else []
    return reason_codes, patterns


def _listed(sub: pd.DataFrame, assessed: _Assessment, picked: np.ndarray) -> list[Row]:
    """The ``picked`` contracts (failing, then to verify), each with its reasons."""
    a = assessed
    amount, known, works, threshold, period = a.amount, a.known, a.works, a.threshold, a.period
    texts = {
        key: sub[key].astype(object).fillna("").astype(str).to_numpy()[picked].tolist()
        for key in ("contract_ref", "entity", "buyer_siret", "object")
    }
    days = pd.DatetimeIndex(a.notified[picked]).strftime("%Y-%m-%d").tolist()
    reason_codes, patterns = _reason_patterns(a.reasons, picked, len(sub))
    cols = {
        "amount": np.round(amount[picked], 2).tolist(),
        "known": known[picked].tolist(),
        "works": works[picked].tolist(),
        "threshold": threshold[picked].tolist(),
        "period": [EU_THRESHOLDS[p].period for p in period[picked].tolist()],
        "above": a.above[picked].tolist(),
        "failing": a.failing[picked].tolist(),
    }
    listed: list[Row] = []
    reason_texts: dict[tuple[int, float], Text] = {}
    for j in range(len(picked)):
        codes = reason_codes[patterns[j]]
        key = (patterns[j], cols["threshold"][j])
        if key not in reason_texts:
            params = {"threshold_eur": key[1]}
            reason_texts[key] = tuple((f"clauses-climat-{code}", params) for code in codes)
        status = "non-compliant" if cols["failing"][j] else "to-verify"
        listed.append(
            Row(
                {
                    "contract_ref": texts["contract_ref"][j],
                    "entity": texts["entity"][j],
                    "buyer_siret": texts["buyer_siret"][j],
                    "object": texts["object"][j],
                    "notification_date": days[j],
                    "amount_eur": cols["amount"][j] if cols["known"][j] else None,
                    "works": cols["works"][j],
                    "eu_threshold_eur": cols["threshold"][j],
                    "eu_threshold_period": cols["period"][j],
                    "above_eu_threshold": cols["above"][j] if cols["known"][j] else None,
                    "status": status,
                    "status_label": None,
                    "reasons": list(codes),
                    "reasons_text": None,
                },
                {
                    "status_label": ((f"clauses-status-{status}", {}),),
                    "reasons_text": reason_texts[key],
                },
            )
        )
    return listed


def _climat_check(targets: ClauseTargets, n: int, compliant: int, n_fail: int, n_check: int) -> Row:
    """The art. 35 check: the share of the ``n`` contracts in scope that comply."""
    if n == 0:
        met: bool | None = None
        detail: Text = (("clauses-climat-none", {"climat_date": targets.climat_date}),)
    else:
        met = False if n_fail else (None if n_check else True)
        detail = (
            (
                "clauses-climat-detail",
                {
                    "climat_date": targets.climat_date,
                    "contracts": n,
                    "compliant": compliant,
                    "failing": n_fail,
                    "to_verify": n_check,
                },
            ),
        )
    return Row(
        {
            "id": "loi-climat-art-35",
            "year": None,
            "label": None,
            "target": 1.0,
            "actual": round(compliant / n, 6) if n else None,
            "met": met,
            "contracts": n,
            "contracts_compliant": compliant,
            "contracts_non_compliant": n_fail,
            "contracts_to_verify": n_check,
            "gap_contracts": n_fail + n_check,
            "detail": None,
        },
        {
            "label": (("clauses-climat-label", {"climat_date": targets.climat_date}),),
            "detail": detail,
        },
    )


__all__ = ["EU_THRESHOLDS", "EuThresholds", "climat_checks", "eu_thresholds_on"]
