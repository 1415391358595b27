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

from .clauses_targets import ClauseTargets, Row, Text, has_value
from .contracts import UNSPECIFIED_VALUES
from .parsing import fold


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
    nature = frame["nature"].astype(object).fillna("").astype(str).map(fold)
    ccag = frame["ccag"].astype(object).fillna("").astype(str).map(fold)
    division = frame["cpv_division"].astype(object).fillna("").astype(str)
    return np.asarray(
        (division == "45") | nature.str.contains("travaux", regex=False) | (ccag == "travaux"),
        dtype=bool,
    )


def climat_checks(frame: pd.DataFrame, targets: ClauseTargets) -> tuple[Row, list[Row]]:
    """The art. 35 check and the contracts that fail it or cannot be verified, with why."""
    dates = pd.to_datetime(frame["notification_date"], errors="coerce")
    scope = np.asarray(dates >= pd.Timestamp(targets.climat_date), dtype=bool)
    sub = frame[scope].reset_index(drop=True)
    env, social = sub["environmental"], sub["social"]
    condition, criterion = has_value(env, ENV_CONDITION), has_value(env, ENV_CRITERION)
    env_unspecified = has_value(env, UNSPECIFIED_VALUES["environmental"])
    social_condition = has_value(social, SOCIAL_CONDITION)
    social_unspecified = has_value(social, UNSPECIFIED_VALUES["social"])
    works = _is_works(sub)
    # the period of the notification date (the launch date, which decides, is not in the data)
    starts = np.array([np.datetime64(t.start, "ns") for t in EU_THRESHOLDS])
    notified = sub["notification_date"].to_numpy(dtype="datetime64[ns]")
    period = np.clip(np.searchsorted(starts, notified, side="right") - 1, 0, len(EU_THRESHOLDS) - 1)
    local = targets.buyer_kind != "central"
    supplies = np.array(
        [
            t.local_supplies_services_eur if local else t.central_supplies_services_eur
            for t in EU_THRESHOLDS
        ]
    )[period]
    threshold = np.where(works, np.array([t.works_eur for t in EU_THRESHOLDS])[period], supplies)
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
    n = len(sub)
    n_fail, n_check = int(failing.sum()), int(unverifiable.sum())
    compliant = n - n_fail - n_check
    listed: list[Row] = []
    order = np.lexsort((sub["notification_date"].to_numpy(), ~failing))
    for i in order[(failing | unverifiable)[order]].tolist():
        codes = [code for code, mask in reasons.items() if mask[i]]
        params = {"threshold_eur": float(threshold[i])}
        status = "non-compliant" if failing[i] else "to-verify"
        listed.append(
            Row(
                {
                    "contract_ref": str(sub["contract_ref"].iat[i]),
                    "entity": str(sub["entity"].iat[i]),
                    "buyer_siret": str(sub["buyer_siret"].iat[i]),
                    "object": str(sub["object"].iat[i]),
                    "notification_date": pd.Timestamp(notified[i]).date().isoformat(),
                    "amount_eur": None if not known[i] else round(float(amount[i]), 2),
                    "works": bool(works[i]),
                    "eu_threshold_eur": float(threshold[i]),
                    "eu_threshold_period": EU_THRESHOLDS[period[i]].period,
                    "above_eu_threshold": bool(above[i]) if known[i] else None,
                    "status": status,
                    "status_label": None,
                    "reasons": codes,
                    "reasons_text": None,
                },
                {
                    "status_label": ((f"clauses-status-{status}", {}),),
                    "reasons_text": tuple((f"clauses-climat-{code}", params) for code in codes),
                },
            )
        )
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
    check = Row(
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
    return check, listed


__all__ = ["EU_THRESHOLDS", "EuThresholds", "climat_checks", "eu_thresholds_on"]
