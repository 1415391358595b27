"""Each line's final status: ``mapped``, ``unmapped``, ``excluded``, ``rejected``, ``skipped`` or
``unquantified`` (index into :data:`~achats_durables.footprint.report.STATUSES`), with its reason.

Decided from the perimeter, the winning rule and the quantity path: a line computed from its
quantity is mapped even if its rule excludes or asks to quantify; a flow between the group's
entities (``group_sirens``) is excluded whatever its rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from achats_durables.core.frames import map_distinct
from achats_durables.footprint.perimeter import Perimeter
from achats_durables.footprint.physical import PhysicalLines
from achats_durables.footprint.rule_table import RuleTable

UNQUANTIFIED_REASON = (
    "énergie achetée sans quantité : à quantifier (kWh, litres) ou prix dans energy_prices"
)
INTRA_GROUP_REASON = "Flux interne au groupe (entité listée dans group_sirens) : hors achats"


@dataclass(frozen=True)
class LineStatus:
    """Each line's status and what decided it (masks over the lines)."""

    table: RuleTable  # the rules' tables
    winner: np.ndarray  # each line's winning rule, index into the tables
    phys: PhysicalLines  # the quantity path before the statuses
    mapped: np.ndarray
    physical: np.ndarray  # mapped and computed from its quantity
    estimated: np.ndarray  # physical, its quantity estimated from the user's price
    internal: np.ndarray  # a flow between the group's entities (excluded)
    counted: np.ndarray  # mapped, unmapped, excluded or unquantified
    code: np.ndarray  # index into STATUSES
    reason: np.ndarray  # why a line is not mapped ("" when it is)
    rule_index: np.ndarray  # into the rule ids; one past the « no rule » entry: intra-group
    fcode: np.ndarray  # monetary factor, index into ``RuleTable.factor_ids`` (−1 if none)
    pcode: np.ndarray  # physical factor, index into ``PhysicalLines.ids`` (−1 if none)


def line_statuses(
    lines: pd.DataFrame,
    scope: Perimeter,
    table: RuleTable,
    w: np.ndarray,
    phys: PhysicalLines,
    group_sirens: tuple[str, ...],
) -> LineStatus:
    """The status of every line (see module doc); ``w``: each line's winning rule."""
    ok = scope.ok
    fcode = table.factor[w]
    excluded = ok & (table.exclude[w] != "")
    mapped = ok & (fcode >= 0)
    quantify = ok & table.quantify[w]
    reason = np.where(excluded, table.exclude[w], scope.reason)
    rule_index = w.copy()
    physical = phys.code >= 0
    excluded &= ~physical
    mapped |= physical
    fcode = np.where(physical, -1, fcode)
    unquantified = quantify & ~physical
    internal = np.zeros(len(lines), dtype=bool)
    if group_sirens:
        internal = ok & _in_group(lines, group_sirens)
        excluded |= internal
        mapped &= ~internal
        unquantified &= ~internal
        reason = np.where(internal, INTRA_GROUP_REASON, reason)
        rule_index = np.where(internal, len(table.ranked) + 1, rule_index)
    physical &= mapped
    estimated = phys.estimated & physical
    unmapped = ok & ~mapped & ~excluded & ~unquantified
    reason = np.where(unmapped, "aucune règle ne s'applique", reason)
    reason = np.where(unquantified, UNQUANTIFIED_REASON, reason)
    counted = mapped | unmapped | excluded | unquantified
    status_code = np.select(
        [mapped, unmapped, excluded, scope.skipped, unquantified], [0, 1, 2, 4, 5], default=3
    )  # rejected is what remains
    return LineStatus(
        table=table,
        winner=w,
        phys=phys,
        mapped=mapped,
        physical=physical,
        estimated=estimated,
        internal=internal,
        counted=counted,
        code=status_code,
        reason=reason,
        rule_index=rule_index,
        fcode=np.where(mapped, fcode, -1),
        pcode=np.where(physical, phys.code, -1),
    )


def _in_group(lines: pd.DataFrame, group_sirens: tuple[str, ...]) -> np.ndarray:
    """The lines whose supplier's SIREN is one of the group's entities."""
    group = set(group_sirens)
    in_group = map_distinct(lines["supplier_siret"], lambda c: c.str.slice(0, 9).isin(group))
    return np.asarray(in_group.astype(bool))
