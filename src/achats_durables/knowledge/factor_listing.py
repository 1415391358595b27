"""What ``achats factors list``, ``rules`` and ``check`` show, as data: the factors of each set
filtered by kind, the rules listed, what was checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from achats_durables.core.errors import Issue
from achats_durables.knowledge.factors import Factor, FactorSet, PriceIndex
from achats_durables.knowledge.rule_checks import RulesCheck
from achats_durables.knowledge.rules import RuleSet
from achats_durables.knowledge.validation import RuleRow

KINDS = ("monetary", "physical")


@dataclass(frozen=True)
class FactorRow:
    """One factor as listed: its value for the asked euro-year (monetary) or per unit (physical)."""

    id: str
    label: str
    kind: str
    unit: str  # kgCO2e/k€HT, kgCO2e/t, kgCO2e/kWh…
    value: float | None  # None: a monetary ratio with no value for that euro-year
    uncertainty: float
    beges: str
    base_carbone_id: str  # the Base Carbone id of the value shown ("" if none)


def factor_row(factor: Factor, year: int) -> FactorRow:
    monetary = factor.kind == "monetary"
    value = factor.values.get(year) if monetary else factor.value
    ref = factor.refs.get(year if monetary else 0, "")
    return FactorRow(
        id=factor.id,
        label=factor.label,
        kind=factor.kind,
        unit=factor.unit,
        value=value,
        uncertainty=factor.uncertainty,
        beges=factor.beges,
        base_carbone_id=str(ref),
    )


def list_factors(
    sets: Sequence[FactorSet], kind: str | None = None, year: int = 2023
) -> list[tuple[FactorSet, list[FactorRow]]]:
    """The sets holding factors of ``kind`` (None: every kind), each with its rows in file order."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown factor kind {kind!r}")
    out: list[tuple[FactorSet, list[FactorRow]]] = []
    for fs in sets:
        rows = [factor_row(f, year) for f in fs.factors.values() if kind in (None, f.kind)]
        if rows:
            out.append((fs, rows))
    return out


@dataclass(frozen=True)
class RulesListing:
    """The rules ``achats factors rules`` lists, and the warnings on ``validated:``."""

    rows: list[RuleRow]
    issues: list[Issue]
    agec: bool = False  # the AGEC art. 58 category rules (``--agec``)


@dataclass(frozen=True)
class FactorsCheck:
    """What ``achats factors check`` verified: the sets, the index, the rules and their charts."""

    factor_sets: list[FactorSet]
    index: PriceIndex
    rules: RuleSet
    set_aside: list[Issue]
    rules_check: RulesCheck

    @property
    def ok(self) -> bool:
        return not self.rules_check.problems
