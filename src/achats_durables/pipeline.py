"""One call chain per command: configuration, factors and rules loaded, then the job run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .clauses import ClauseReport, ClauseTargets, compute_clause_coverage
from .config import Config, load_config
from .contracts import entity_aliases, read_contracts
from .factors import FactorSet, PriceIndex, load_factor_sets, load_price_index
from .footprint import FootprintOptions, compute_footprint
from .ledger import Ledger, read_ledger
from .mapping import RuleSet, load_mapping_rules
from .report import FootprintReport
from .rule_scope import restrict_rules


@dataclass(frozen=True)
class Setup:
    """What a run needs besides the ledger: configuration, factor sets, rules, price index."""

    config: Config
    factor_sets: list[FactorSet]
    rules: RuleSet
    index: PriceIndex


def load_setup(
    config: Path | str | None = None,
    factors: Sequence[Path | str] = (),
    mappings: Sequence[Path | str] = (),
) -> Setup:
    """Load ``achats.yaml`` (if given), factor sets and mapping rules.

    Factor files named here or in the config replace the shipped sets; mapping files named
    here or in the config form the user layer, above the shipped rules.
    """
    cfg = load_config(config) if config is not None else Config()
    factor_paths = list(factors) or [cfg.resolve(f) for f in cfg.factors]
    mapping_paths = [*mappings, *(cfg.resolve(m) for m in cfg.mappings)]
    sets = load_factor_sets(factor_paths or None)
    # shipped rules of factor sets the user replaced step aside (explain sees the same rules)
    rules = restrict_rules(load_mapping_rules(mapping_paths), sets)
    return Setup(config=cfg, factor_sets=sets, rules=rules, index=load_price_index())


def footprint_options(
    setup: Setup,
    year: int | None = None,
    monte_carlo: int = 0,
    seed: int = 42,
    entity: str | None = None,
    amortisation_years: int | None = None,
) -> FootprintOptions:
    return FootprintOptions(
        year=year,
        entity=entity,
        amortisation_years=amortisation_years or setup.config.amortisation_years,
        default_vat_rate=setup.config.default_vat_rate,
        group_sirens=setup.config.group_sirens,
        energy_prices=setup.config.energy_prices,
        monte_carlo=monte_carlo,
        seed=seed,
    )


def read_ledgers(paths: Sequence[Path | str], setup: Setup, sheet: str | None = None) -> Ledger:
    return read_ledger(list(paths), sheet=sheet, profile=setup.config.columns or None)


def run_footprint(
    paths: Sequence[Path | str],
    setup: Setup,
    *,
    sheet: str | None = None,
    year: int | None = None,
    monte_carlo: int = 0,
    seed: int = 42,
    entity: str | None = None,
    amortisation_years: int | None = None,
) -> FootprintReport:
    """``achats footprint``: read the ledgers and compute their footprint."""
    ledger = read_ledgers(paths, setup, sheet)
    return compute_footprint(
        ledger,
        setup.factor_sets,
        setup.rules,
        setup.index,
        footprint_options(setup, year, monte_carlo, seed, entity, amortisation_years),
    )


def run_clauses(
    contract_paths: Sequence[Path | str],
    setup: Setup,
    *,
    ledgers: Sequence[Path | str] = (),
    buyer: str | None = None,
    year: int | None = None,
    entity: str | None = None,
    since: dt.date | None = None,
    today: dt.date | None = None,
) -> ClauseReport:
    """``achats clauses``: read the contracts, compute coverage, join the ledger if given."""
    entities = [(e.name, e.siren) for e in setup.config.entities]
    if entity is not None:
        entity = entity_aliases(entity, entities)  # by name or SIREN, in both files
    contracts = read_contracts(
        contract_paths,
        profile=setup.config.contract_columns or None,
        buyer=buyer,
        year=year,
        entity=entity,
        since=since,
    )
    footprint = run_footprint(ledgers, setup, entity=entity) if ledgers else None
    targets = ClauseTargets(**setup.config.clause_targets)  # type: ignore[arg-type]
    return compute_clause_coverage(
        contracts,
        targets=targets,
        footprint=footprint,
        rules=setup.rules,
        today=today,
        entities=entities,
    )
