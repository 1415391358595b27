"""SPASER (art. L. 2111-3 and D. 2111-3 CCP), buyer by buyer, never on a group's sum.

Compulsory for a buyer whose annual purchases under contracts are *greater than* 50 M€ HT
(« supérieur à »): computed from the ledger lines carrying a contract number when a ledger is
given, else from the contract amounts brought to one year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.clauses.targets import ClauseTargets, Row
from achats_durables.core.frames import codes_of
from achats_durables.core.text import fold
from achats_durables.footprint.report import INTRA_GROUP_RULE, FootprintReport


@dataclass(frozen=True)
class Buyer:
    key: str
    label: str
    siren: str


def _siren(value: Any) -> str:
    digits = re.sub(r"\D", "", str(value or ""))
    return digits[:9] if len(digits) in (9, 14) else ""


def _name_key(value: Any) -> str:
    return " ".join(fold(str(value or "")).split())


def buyer_keys(
    names: pd.Series, ids: pd.Series, entities: Sequence[tuple[str, str]] = ()
) -> tuple[np.ndarray, dict[str, Buyer]]:
    """The buyer of each row: its SIREN when the row or the config gives one, else its name.

    ``entities`` are the config's (name, SIREN) pairs. A name seen elsewhere with a SIREN takes
    that SIREN, so the rows of one buyer are grouped whether or not each row carries its SIRET.
    Work is done on the distinct (name, id) pairs only.
    """
    ncodes, nvalues = codes_of(names.astype(object).fillna(""))
    icodes, ivalues = codes_of(ids.astype(object).fillna(""))
    pair_codes, inverse = np.unique(ncodes * (len(ivalues) + 1) + icodes, return_inverse=True)
    pairs = [
        (str(nvalues[c // (len(ivalues) + 1)]), str(ivalues[c % (len(ivalues) + 1)]))
        for c in pair_codes.tolist()
    ]
    config_siren = {_name_key(n): s for n, s in entities if s}
    config_name = {s: n for n, s in entities if s}
    seen_siren: dict[str, str] = {}
    for name, ident in pairs:
        if _siren(ident) and _name_key(name):
            seen_siren.setdefault(_name_key(name), _siren(ident))
    keys: list[str] = []
    buyers: dict[str, Buyer] = {}
    only = entities[0] if len(entities) == 1 else None  # one collectivité: rows without a name
    for name, ident in pairs:
        if only is not None and not name.strip() and not _siren(ident):
            name, ident = only
        folded = _name_key(name)
        siren = _siren(ident) or config_siren.get(folded) or seen_siren.get(folded, "")
        key = f"siren:{siren}" if siren else f"nom:{folded}"
        keys.append(key)
        label = config_name.get(siren) or name.strip() or (f"SIREN {siren}" if siren else "")
        if key not in buyers or (not buyers[key].label and label):
            buyers[key] = Buyer(key, label, siren)
    return np.asarray(keys, dtype=object)[inverse], buyers


def _spaser_row(
    buyer: Buyer, year: int | None, amount: float, targets: ClauseTargets, basis: str
) -> Row:
    threshold = targets.spaser_threshold_eur
    required = bool(amount > threshold)  # D. 2111-3: « supérieur à » the threshold
    return Row(
        {
            "id": "spaser",
            "year": year,
            "entity": buyer.label,
            "siren": buyer.siren or None,
            "label": None,
            "target": threshold,
            "actual": round(amount, 2),
            "met": None,
            "required": required,
            "basis": basis,
            "gap_contracts": None,
            "detail": None,
        },
        {
            "label": (
                (
                    "clauses-spaser-label" if year is not None else "clauses-spaser-label-estimate",
                    {"entity": buyer.label, "year": year, "threshold_eur": threshold},
                ),
            ),
            "detail": (
                (
                    "clauses-spaser-required" if required else "clauses-spaser-optional",
                    {"amount_eur": round(amount, 2), "threshold_eur": threshold},
                ),
                (f"clauses-spaser-basis-{basis}", {}),
            ),
        },
    )


def spaser_checks(
    frame: pd.DataFrame,
    targets: ClauseTargets,
    footprint: FootprintReport | None,
    entities: Sequence[tuple[str, str]] = (),
) -> list[Row]:
    """One SPASER check per buyer (and calendar year with a ledger), never on the group's sum.

    With a ledger: the spend HT of the lines carrying a contract number (D. 2111-3: « dépenses
    effectuées au cours d'une année civile dans le cadre de leurs marchés »), flows between the
    group's entities left out. Without a ledger, or when no line carries a contract number:
    the contract amounts brought to one year (approximation).
    """
    if footprint is not None:
        rows = _ledger_checks(footprint, targets, entities)
        if rows is not None:
            return rows
        basis = "no-refs"
    else:
        basis = "contracts"
    return _contract_checks(frame, targets, entities, basis)


def _ledger_checks(
    footprint: FootprintReport, targets: ClauseTargets, entities: Sequence[tuple[str, str]]
) -> list[Row] | None:
    """Per buyer and calendar year: the spend HT under contracts (None: no line has a number)."""
    lines = footprint.lines
    refs = lines["contract_ref"].astype(object).fillna("").astype(str).str.strip()
    read = ~lines["status"].isin(["rejected", "skipped"]).to_numpy(dtype=bool)
    under = read & (refs != "").to_numpy(dtype=bool)
    under &= (lines["rule"].astype(object) != INTRA_GROUP_RULE).to_numpy(dtype=bool)
    if not under.any():
        return None
    keys, buyers = buyer_keys(lines["entity"], lines["entity_id"], entities)
    amounts = np.where(
        under, np.nan_to_num(lines["amount_excl_vat_eur"].to_numpy(dtype="float64")), 0.0
    )
    data = pd.DataFrame(
        {
            "key": keys[read],
            "year": lines["year"].to_numpy(dtype="float64")[read],
            "amount": amounts[read],
        }
    )
    sums = data.groupby(["key", "year"], dropna=False, sort=True)["amount"].sum()
    flat = sums.reset_index()
    rows = [
        _spaser_row(
            buyers[str(key)],
            None if np.isnan(year) else int(year),
            float(total),
            targets,
            "ledger",
        )
        for key, year, total in zip(
            flat["key"].tolist(),
            flat["year"].to_numpy(dtype="float64").tolist(),
            flat["amount"].tolist(),
            strict=True,
        )
    ]
    return sorted(rows, key=_by_buyer)


def _contract_checks(
    frame: pd.DataFrame,
    targets: ClauseTargets,
    entities: Sequence[tuple[str, str]],
    basis: str,
) -> list[Row]:
    """Per buyer: the contract amounts brought to one year (an approximation)."""
    if frame.empty:
        return []
    amount = np.nan_to_num(frame["amount_eur"].to_numpy(dtype="float64"))
    duration = frame["duration_months"].to_numpy(dtype="float64")
    valid = ~np.isnan(duration) & (duration > 0)
    months = np.where(valid, duration, 12.0)
    yearly = amount * np.minimum(12.0, months) / months  # a contract's amount over one year
    n_years = max(1, frame["year"].dropna().nunique())
    keys, buyers = buyer_keys(frame["entity"], frame["buyer_siret"], entities)
    sums = pd.Series(yearly / n_years).groupby(keys, sort=True).sum()
    rows = [
        _spaser_row(buyers[str(key)], None, float(total), targets, basis)
        for key, total in sums.items()
    ]
    return sorted(rows, key=_by_buyer)


def _by_buyer(row: Row) -> tuple[str, int]:
    return fold(str(row.data["entity"])), row.data["year"] or 0


__all__ = ["Buyer", "buyer_keys", "spaser_checks"]
