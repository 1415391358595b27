"""Which data won for one line, and why: the method hierarchy walked level by level (``explain``).

The levels, best first: the supplier's own figure, the line's physical quantity, an activity-data
row, the sector's monetary ratio, a neighbouring sector's ratio (proxy). Each level says whether it
applied and why (a reason code, rendered by the templates ``explain-level-<reason>``, and its raw
values). The engine's own precedence is what is told: a supplier's intensity is per k€, so it
replaces a ratio, never a quantity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from achats_durables.knowledge.mapping import Rule
from achats_durables.knowledge.suppliers import Supplier

LEVELS = ("supplier", "quantity", "activity", "ratio", "proxy")
# the methods a level names when it wins (``footprint.compute.METHODS``)
LEVEL_OF_METHOD = {
    "supplier": "supplier",
    "quantity": "quantity",
    "quantity_estimated": "quantity",
    "activity": "activity",
    "ratio": "ratio",
    "proxy": "proxy",
}


@dataclass(frozen=True)
class Level:
    """One level of the hierarchy for a line: applied or not, and the reason."""

    level: str
    applied: bool
    reason: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "applied": self.applied,
            "reason": self.reason,
            "params": self.params,
        }


def method_levels(
    line: pd.Series,
    winner: Rule | None,
    suppliers: Sequence[Supplier] | None,
    factor_unit: str = "",
) -> list[Level]:
    """The hierarchy for an annotated line; empty for a line out of scope (excluded, rejected,
    skipped). ``suppliers``: the supplier file's entries, None when no file was given;
    ``factor_unit``: the unit of the physical factor of a line computed from its quantity."""
    method = str(line.get("method", ""))
    if method not in (*LEVEL_OF_METHOD, "not_counted"):
        return []
    return [
        _supplier_level(line, method, suppliers),
        _quantity_level(line, method, winner, factor_unit),
        _activity_level(line),
        _ratio_level(line, method),
        _proxy_level(line, method),
    ]


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _supplier_level(line: pd.Series, method: str, suppliers: Sequence[Supplier] | None) -> Level:
    if suppliers is None:
        return Level("supplier", False, "supplier-no-file")
    siret = _text(line["supplier_siret"]).strip()
    if not siret:
        return Level("supplier", False, "supplier-no-siret")
    siren = siret[:9]
    listed = next((s for s in suppliers if s.siren == siren), None)
    if listed is None:
        return Level("supplier", False, "supplier-not-listed", {"siren": siren})
    params: dict[str, Any] = {"siren": siren, "name": listed.name}
    if method == "supplier" and listed.intensity_kgco2e_per_unit is not None:
        params.update(
            supplier_value=float(listed.intensity_kgco2e_per_unit),
            unit=listed.unit,
            source=listed.source,
        )
        return Level("supplier", True, "supplier-used-unit", params)
    if method == "supplier" and listed.intensity_kgco2e_per_keur is not None:
        params.update(
            supplier_value=float(listed.intensity_kgco2e_per_keur),
            euro_year=int(listed.euro_year),
            source=listed.source,
        )
        return Level("supplier", True, "supplier-used", params)
    if method == "activity":
        return Level("supplier", False, "supplier-listed-activity", params)
    if method in ("quantity", "quantity_estimated"):
        return Level("supplier", False, "supplier-listed-quantity", params)
    return Level("supplier", False, "supplier-listed-not-counted", params)


def _quantity_level(line: pd.Series, method: str, winner: Rule | None, factor_unit: str) -> Level:
    unit = _text(line["unit"]).strip()
    if method in ("quantity", "quantity_estimated"):
        used: dict[str, Any] = {"quantity": float(line["quantity_used"]), "unit": factor_unit}
        if method == "quantity_estimated":
            used["amount_eur"] = float(line["amount_excl_vat_eur"])
            return Level("quantity", True, "quantity-estimated", used)
        used.update(quantity_read=_plain_number(line["quantity"]), unit_read=unit)
        return Level("quantity", True, "quantity-used", used)
    quantity = _plain_number(line["quantity"])
    if quantity is None or quantity == 0:
        return Level("quantity", False, "quantity-none")
    read = {"quantity_read": quantity, "unit_read": unit}
    if winner is None:
        return Level("quantity", False, "quantity-no-rule", read)
    if not winner.physical:
        return Level("quantity", False, "quantity-no-physical-factor", {**read, "rule": winner.id})
    expected = ", ".join(sorted(winner.physical))
    return Level("quantity", False, "quantity-unit-not-convertible", {**read, "expected": expected})


def _plain_number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(number) else number


def _activity_level(line: pd.Series) -> Level:
    ref = _text(line.get("activity_ref", "")).strip()
    if not ref:
        return Level("activity", False, "activity-none")
    return Level("activity", True, "activity-used", {"ref": ref})


def _monetary(line: pd.Series) -> dict[str, Any]:
    return {
        "factor": _text(line["factor"]),
        "label": _text(line["factor_label"]),
        "monetary_factor": float(line["factor_kgco2e_per_keur"]),
        "euro_year": int(line["euro_year"]),
    }


def _left_out(level: str, line: pd.Series) -> Level:
    """A ratio level on a line the total leaves out: no rule, or energy to quantify."""
    if str(line["status"]) == "unquantified":
        return Level(level, False, f"{level}-unquantified")
    return Level(level, False, f"{level}-no-rule")


def _ratio_level(line: pd.Series, method: str) -> Level:
    if method == "ratio":
        return Level("ratio", True, "ratio-used", _monetary(line))
    if method == "proxy":
        return Level("ratio", False, "ratio-proxy", {"factor": _text(line["factor"])})
    if method == "not_counted":
        return _left_out("ratio", line)
    return Level("ratio", False, "ratio-superseded", {"method": method})


def _proxy_level(line: pd.Series, method: str) -> Level:
    if method == "proxy":
        return Level("proxy", True, "proxy-used", _monetary(line))
    if method == "ratio":
        return Level("proxy", False, "proxy-not-needed")
    if method == "not_counted":
        return _left_out("proxy", line)
    return Level("proxy", False, "proxy-superseded", {"method": method})
