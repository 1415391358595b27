"""The priority list of a clause report: where to add an environmental consideration first.

With a footprint of the ledger, the factor categories ranked by the tCO2e executed without an
environmental consideration; without one, the CPV divisions ranked by the amount of the
contracts without it. Each comes with a suggested action naming the contract to renew first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.frames import codes_of
from achats_durables.footprint.tables import first_label
from achats_durables.i18n.messages import render


def _iso_date(value: Any) -> str:
    ts = pd.Timestamp(value) if value is not None and not pd.isna(value) else None
    return ts.date().isoformat() if ts is not None else ""


def ledger_priorities(
    frame: pd.DataFrame,
    lines: pd.DataFrame,
    in_scope: np.ndarray,
    spend: np.ndarray,
    e_kg: np.ndarray,
    position: np.ndarray,
    known: np.ndarray,
    env: np.ndarray,
    has_ref: np.ndarray,
    today: dt.date,
) -> list[dict[str, Any]]:
    """Factor categories by tCO2e executed without an environmental consideration."""
    without = in_scope & (lines["status"] == "mapped").to_numpy(dtype=bool) & ~(known & env)
    if not without.any():
        return []
    fcodes, fvalues = codes_of(lines["factor"])
    labels = first_label(lines["factor"], lines["factor_label"])
    out: list[dict[str, Any]] = []
    for code in np.unique(fcodes[without]).tolist():
        sel = without & (fcodes == code)
        contract_pos = sorted({int(p) for p in position[sel & known]})
        contracts: list[dict[str, Any]] = []
        for p in contract_pos:
            row = frame.iloc[p]
            contracts.append(
                {
                    "contract_ref": str(row["contract_ref"]),
                    "object": str(row["object"]),
                    "end_date": _iso_date(row["end_date"]) or None,
                    "emissions_tco2e": round(float(e_kg[sel & (position == p)].sum()) / 1000, 6),
                }
            )
        contracts.sort(key=lambda c: -float(c["emissions_tco2e"] or 0.0))
        outside = sel & ~has_ref
        factor = str(fvalues[code])
        out.append(
            {
                "factor": factor,
                "label": str(labels.get(factor, factor)),
                "emissions_tco2e": round(float(e_kg[sel].sum()) / 1000, 6),
                "spend_excl_vat_eur": round(float(spend[sel].sum()), 2),
                "contracts": len(contracts),
                "contracts_detail": contracts[:10],
                "emissions_outside_contracts_tco2e": round(float(e_kg[outside].sum()) / 1000, 6),
                "action": _action(
                    str(labels.get(factor, factor)),
                    contracts,
                    float(e_kg[outside].sum()) / 1000,
                    today,
                ),
            }
        )
    return _ranked(out, "emissions_tco2e")


def _ranked(items: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    items.sort(key=lambda p: -float(p[key]))
    for rank, p in enumerate(items, start=1):
        p["rank"] = rank
    return items


def _action(
    label: str, contracts: list[dict[str, Any]], outside_t: float, today: dt.date
) -> dict[str, Any]:
    """The suggested action as data: the contract to renew first (its end date, ISO, and
    whether it has passed), how many others, the tCO2e bought outside contracts."""
    first = contracts[0] if contracts else None
    end = first.get("end_date") if first else None
    return {
        "label": label,
        "contract_ref": first["contract_ref"] if first else None,
        "end_date": end,
        "expired": bool(end and dt.date.fromisoformat(end) < today),
        "other_contracts": max(len(contracts) - 1, 0),
        "outside_contracts_tco2e": round(outside_t, 6),
    }


def action_text(action: dict[str, Any], lang: str = "fr") -> str:
    """The sentence of a suggested action (:func:`_action`), in ``lang``."""
    parts = []
    if action["contract_ref"] is not None:
        end = action["end_date"]
        when = ""
        if end:
            code = "clauses-action-expired" if action["expired"] else "clauses-action-due"
            when = render(code, lang, end_date=end)
        parts.append(
            render("clauses-action-renew", lang, contract_ref=action["contract_ref"], when=when)
        )
        if action["other_contracts"]:
            parts.append(render("clauses-action-others", lang, count=action["other_contracts"]))
    if action["outside_contracts_tco2e"] > 0:
        emissions = action["outside_contracts_tco2e"]
        parts.append(render("clauses-action-outside", lang, emissions=emissions))
    text = render("clauses-action-separator", lang).join(parts) or render(
        "clauses-action-examine", lang, label=action["label"]
    )
    return text[0].upper() + text[1:] + "."


def contract_priorities(
    frame: pd.DataFrame, division_labels: Mapping[str, str], today: dt.date
) -> list[dict[str, Any]]:
    """Without a ledger: CPV divisions ranked by the amount of contracts without environmental consideration."""
    without = frame[~frame["has_environmental"].to_numpy(dtype=bool)]
    if without.empty:
        return []
    out = []
    for division, group in without.groupby(
        without["cpv_division"].astype(object).replace("", "(sans CPV)")
    ):
        group = group.sort_values("amount_eur", ascending=False)
        contracts = [
            {
                "contract_ref": str(r["contract_ref"]),
                "object": str(r["object"]),
                "end_date": _iso_date(r["end_date"]) or None,
                "amount_eur": None
                if pd.isna(r["amount_eur"])
                else round(float(r["amount_eur"]), 2),
            }
            for _, r in group.head(10).iterrows()
        ]
        key = str(division)
        out.append(
            {
                "cpv_division": key,
                "label": division_labels.get(key, key),
                "amount_eur": round(
                    float(np.nan_to_num(group["amount_eur"].to_numpy(dtype="float64")).sum()), 2
                ),
                "contracts": len(group),
                "contracts_detail": contracts,
                "action": _action(division_labels.get(key, key), contracts, 0.0, today),
            }
        )
    return _ranked(out, "amount_eur")
