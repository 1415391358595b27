"""One call chain per command: configuration, factors and rules loaded, then the job run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from achats_durables.footprint.compute import compute_footprint
from achats_durables.footprint.contract_cpv import read_register_cpvs, register_cpvs
from achats_durables.footprint.per_capita import Denominators
from achats_durables.footprint.report import FootprintOptions, FootprintReport
from achats_durables.knowledge.config import Config, load_config
from achats_durables.knowledge.factors import (
    FactorSet,
    PriceIndex,
    load_factor_sets,
    load_price_index,
    merge_factors,
)
from achats_durables.knowledge.mapping import RuleSet, load_mapping_rules
from achats_durables.knowledge.rule_scope import restrict_rules
from achats_durables.knowledge.suppliers import Supplier
from achats_durables.ledger.activities import Activity, load_activities
from achats_durables.ledger.populations import Population, load_populations
from achats_durables.ledger.read import Ledger, read_ledger
from achats_durables.ledger.supplier_table import load_supplier_file

# The clause engine and the contract readers load in the functions of ``achats clauses``: a
# footprint does not need them (≈ 40 ms of imports at every start, tests/test_start_imports.py).
if TYPE_CHECKING:
    from achats_durables.clauses.coverage import ClauseReport
    from achats_durables.contracts.model import Contracts


@dataclass(frozen=True)
class Setup:
    """What a run needs besides the ledger: configuration, factor sets, rules, price index."""

    config: Config
    factor_sets: list[FactorSet]
    rules: RuleSet
    index: PriceIndex
    suppliers: tuple[Supplier, ...] = ()  # fournisseurs.yaml: suppliers' own intensities
    activities: tuple[Activity, ...] = ()  # activites.xlsx|csv: quantities replacing spend
    populations: tuple[Population, ...] = ()  # --population communes.csv: the peer table

    @cached_property
    def contract_cpv(self) -> Mapping[str, str]:
        """Contract number → CPV from the config's contract files (every year), read once."""
        paths = dict.fromkeys(
            p for y in sorted(self.config.years) for p in self.config.years[y].contracts
        )
        return read_register_cpvs(list(paths), profile=self.config.contract_columns or None)


def load_setup(
    config: Path | str | None = None,
    factors: Sequence[Path | str] = (),
    mappings: Sequence[Path | str] = (),
    suppliers: Path | str | None = None,
    activities: Sequence[Path | str] = (),
    populations: Path | str | None = None,
) -> Setup:
    """Load ``achats.yaml`` (if given), factor sets, mapping rules, the supplier file and the
    activity-data files.

    Factor files named here or in the config replace the shipped sets; mapping files named
    here or in the config form the user layer, above the shipped rules; a supplier file named
    here replaces the config's (``suppliers:``), activity files named here the config's
    (``activities:``); activity rows are checked against the factor sets loaded.
    """
    cfg = load_config(config) if config is not None else Config()
    factor_paths = list(factors) or [cfg.resolve(f) for f in cfg.factors]
    mapping_paths = [*mappings, *(cfg.resolve(m) for m in cfg.mappings)]
    sets = load_factor_sets(factor_paths or None)
    # shipped rules of factor sets the user replaced step aside (explain sees the same rules)
    rules = restrict_rules(load_mapping_rules(mapping_paths), sets)
    supplier_path = suppliers or (cfg.resolve(cfg.suppliers) if cfg.suppliers else None)
    listed = load_supplier_file(supplier_path) if supplier_path is not None else ()
    activity_paths = list(activities) or [cfg.resolve(a) for a in cfg.activities]
    rows = load_activities(activity_paths, merge_factors(sets)) if activity_paths else ()
    return Setup(
        config=cfg,
        factor_sets=sets,
        rules=rules,
        index=load_price_index(),
        suppliers=listed,
        activities=rows,
        populations=load_populations(populations) if populations is not None else (),
    )


def footprint_options(
    setup: Setup,
    year: int | None = None,
    monte_carlo: int = 0,
    seed: int = 42,
    entity: str | None = None,
    amortisation_years: int | None = None,
    contract_cpv: Mapping[str, str] | None = None,
) -> FootprintOptions:
    return FootprintOptions(
        contract_cpv=setup.contract_cpv if contract_cpv is None else contract_cpv,
        year=year,
        entity=entity,
        amortisation_years=amortisation_years or setup.config.amortisation_years,
        default_vat_rate=setup.config.default_vat_rate,
        group_sirens=setup.config.group_sirens,
        energy_prices=setup.config.energy_prices,
        energy_prices_source=setup.config.energy_prices_source,
        monte_carlo=monte_carlo,
        seed=seed,
        validated_rules=setup.config.validated_rules,
        config_path=setup.config.path,
        suppliers=setup.suppliers,
        activities=setup.activities,
        denominators=_denominators(setup),
        populations=setup.populations,
    )


def _denominators(setup: Setup) -> Denominators:
    """The populations and headcounts of achats.yaml."""
    cfg = setup.config
    return Denominators(
        entities=tuple((e.name, e.siren, e.population, e.agents) for e in cfg.entities),
        group_population=cfg.group_population,
        group_agents=cfg.group_agents,
    )


def read_ledgers(paths: Sequence[Path | str], setup: Setup, sheet: str | None = None) -> Ledger:
    return read_ledger(list(paths), sheet=sheet, profile=setup.config.columns or None)


def compute_ledger_footprint(
    ledger: Ledger,
    setup: Setup,
    *,
    year: int | None = None,
    monte_carlo: int = 0,
    seed: int = 42,
    entity: str | None = None,
    amortisation_years: int | None = None,
    contract_cpv: Mapping[str, str] | None = None,
) -> FootprintReport:
    """The footprint of a ledger already read (``achats run`` reads each year's once)."""
    return compute_footprint(
        ledger,
        setup.factor_sets,
        setup.rules,
        setup.index,
        footprint_options(setup, year, monte_carlo, seed, entity, amortisation_years, contract_cpv),
    )


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
    contract_cpv: Mapping[str, str] | None = None,
) -> FootprintReport:
    """``achats footprint``: read the ledgers and compute their footprint.

    ``contract_cpv``: contract number → CPV for lines without CPV (default: the config's
    contract files, :attr:`Setup.contract_cpv`).
    """
    return compute_ledger_footprint(
        read_ledgers(paths, setup, sheet),
        setup,
        year=year,
        monte_carlo=monte_carlo,
        seed=seed,
        entity=entity,
        amortisation_years=amortisation_years,
        contract_cpv=contract_cpv,
    )


def read_contract_files(
    paths: Sequence[Path | str],
    setup: Setup,
    *,
    buyer: str | None = None,
    year: int | None = None,
    entity: str | None = None,
    since: dt.date | None = None,
) -> Contracts:
    """Read registers and DECP files with the config's contract column profile."""
    from achats_durables.contracts.read import read_contracts

    return read_contracts(
        list(paths),
        profile=setup.config.contract_columns or None,
        buyer=buyer,
        year=year,
        entity=entity,
        since=since,
    )


def compute_coverage(
    contracts: Contracts,
    setup: Setup,
    *,
    footprint: FootprintReport | None = None,
    today: dt.date | None = None,
) -> ClauseReport:
    """Clause coverage against the config's targets, joined to ``footprint`` if given."""
    from achats_durables.clauses.coverage import ClauseTargets, compute_clause_coverage

    targets = ClauseTargets(**setup.config.clause_targets)  # type: ignore[arg-type]
    return compute_clause_coverage(
        contracts,
        targets=targets,
        footprint=footprint,
        rules=setup.rules,
        today=today,
        entities=config_entities(setup),
    )


def config_entities(setup: Setup) -> list[tuple[str, str]]:
    """The (name, SIREN) pairs of the config's entities."""
    return [(e.name, e.siren) for e in setup.config.entities]


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
    if entity is not None:  # by name or SIREN, in both files
        from achats_durables.contracts.model import entity_aliases

        entity = entity_aliases(entity, config_entities(setup))
    contracts = read_contract_files(
        contract_paths, setup, buyer=buyer, year=year, entity=entity, since=since
    )
    footprint = None
    if ledgers:  # a ledger line without CPV takes its contract's: every contract of the files
        filtered = any(f is not None for f in (buyer, year, entity, since))
        every = read_contract_files(contract_paths, setup) if filtered else contracts
        cpvs = {**setup.contract_cpv, **register_cpvs(every)}
        footprint = run_footprint(ledgers, setup, entity=entity, contract_cpv=cpvs)
    return compute_coverage(contracts, setup, footprint=footprint, today=today)
