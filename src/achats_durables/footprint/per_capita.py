"""kgCO2e per inhabitant and per agent (issue 14 item 3), beside the total.

``achats.yaml`` gives each entity's ``population`` and ``agents`` (value, source, year), and the
group's (``group_population``, ``group_agents``): the inhabitants of a city are also those of
its agglomeration, so populations are never summed; staff are summed over the entities when the
group's is not given and every entity gives its own (the report says so). A figure without its
denominator is left out and the report says what to add.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from achats_durables.core.text import fold
from achats_durables.knowledge.config import Count


@dataclass(frozen=True)
class Denominators:
    """The populations and headcounts of ``achats.yaml``."""

    entities: tuple[tuple[str, str, Count | None, Count | None], ...] = ()  # name, SIREN, …
    group_population: Count | None = None
    group_agents: Count | None = None

    @property
    def given(self) -> bool:
        return bool(
            self.group_population
            or self.group_agents
            or any(p or a for _n, _s, p, a in self.entities)
        )

    def of(self, entity: str) -> tuple[Count | None, Count | None] | None:
        """The counts of the entity ``entity`` names (name or SIREN, ``|``-separated aliases)."""
        wanted = {fold(a.strip()) for a in entity.split("|")}
        digits = {"".join(ch for ch in a if ch.isdigit())[:9] for a in entity.split("|")}
        for name, siren, population, agents in self.entities:
            if fold(name) in wanted or (siren and siren in digits):
                return population, agents
        return None

    def group_counts(self) -> tuple[Count | None, Count | None, bool]:
        """(population, agents, agents summed over the entities) of the group."""
        if self.group_agents is not None or not self.entities:
            return self.group_population, self.group_agents, False
        staff = [a for _n, _s, _p, a in self.entities]
        if all(a is not None for a in staff):
            total = sum(a.value for a in staff if a is not None)
            years = sorted({a.year for a in staff if a is not None})
            sources = "; ".join(dict.fromkeys(a.source for a in staff if a is not None))
            return self.group_population, Count(total, sources, years[-1]), True
        return self.group_population, None, False


def per_capita(
    emissions_tco2e: float,
    by_entity: Sequence[Any],
    denominators: Denominators | None,
    entity: str | None,
) -> dict[str, Any] | None:
    """The report's ``per_capita`` block (None when achats.yaml gives no count)."""
    if denominators is None or not denominators.given:
        return None
    summed = False
    if entity:
        population, agents = denominators.of(entity) or (None, None)
        scope = entity.split("|")[0]
    else:
        population, agents, summed = denominators.group_counts()
        scope = ""
    out: dict[str, Any] = {"scope": scope, **_figures(emissions_tco2e, population, agents)}
    out["agents_summed"] = summed
    rows = []
    for row in by_entity:
        found = denominators.of(str(row.key))
        if found is not None and any(found):
            rows.append({"entity": row.key, **_figures(row.emissions_tco2e, *found)})
    out["by_entity"] = rows
    return out


def _figures(tco2e: float, population: Count | None, agents: Count | None) -> dict[str, Any]:
    return {
        "population": population.to_dict() if population else None,
        "kgco2e_per_inhabitant": round(tco2e * 1000 / population.value, 3) if population else None,
        "agents": agents.to_dict() if agents else None,
        "kgco2e_per_agent": round(tco2e * 1000 / agents.value, 3) if agents else None,
    }
