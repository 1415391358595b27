"""``achats agec``: the AGEC art. 58 report of a year's ledgers, and the official declaration.

The ledgers are read and computed as ``achats footprint`` does (same perimeter, same amounts
HT); the register's contract flags and buyer SIRETs come from the config's contract files and
the ``--contracts`` files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from achats_durables.circular.build import AgecInputs, compute_agec
from achats_durables.circular.declaration import check_rows
from achats_durables.circular.register import register_flags, register_sirets
from achats_durables.circular.report import AgecReport
from achats_durables.contracts.model import Contracts
from achats_durables.core.errors import LedgerError, Location
from achats_durables.footprint.report import FootprintReport
from achats_durables.knowledge.agec import (
    load_agec_rules,
    load_declaration,
    load_target_file,
    load_targets,
    target_for,
)
from achats_durables.operations.pipeline import (
    Setup,
    load_setup,
    read_contract_files,
    run_footprint,
)


def agec_inputs(
    setup: Setup, contracts: Contracts | None, rules: Sequence[Path | str] = ()
) -> AgecInputs:
    """The declaration, rules, targets and settings of ``setup`` (``rules``: more user files,
    before the config's)."""
    declaration = load_declaration()
    settings = setup.config.agec
    user_rules = [*rules, *(setup.config.resolve(r) for r in settings.rules)]
    shipped, status = load_target_file(declaration)
    return AgecInputs(
        rules=load_agec_rules(declaration, user_rules),
        declaration=declaration,
        targets=(*settings.targets, *shipped),
        settings=settings,
        entities=setup.config.entities,
        contract_shares=register_flags(contracts),
        register_sirets=register_sirets(contracts),
        targets_status=status,
    )


def config_contracts(
    setup: Setup, year: int | None, extra: Sequence[Path | str] = ()
) -> Contracts | None:
    """The contract files of the config (the year's, else every year's) and ``extra``."""
    years = setup.config.years
    chosen = [year] if year is not None and year in years else sorted(years)
    paths = dict.fromkeys([*extra, *(p for y in chosen for p in years[y].contracts)])
    return read_contract_files(list(paths), setup) if paths else None


def agec_job(
    ledgers: Sequence[Path | str],
    *,
    config: Path | None,
    year: int | None = None,
    entity: str | None = None,
    sheet: str | None = None,
    contracts: Sequence[Path | str] = (),
    rules: Sequence[Path | str] = (),
) -> AgecReport:
    """``achats agec LEDGER…``: the report (see module doc)."""
    setup = load_setup(config)
    if not ledgers and year is not None and year in setup.config.years:
        ledgers = list(setup.config.years[year].ledgers)
    if not ledgers:
        raise LedgerError("agec-no-ledger", Location(setup.config.path))
    footprint = run_footprint(ledgers, setup, sheet=sheet, year=year, entity=entity)
    return compute_setup_agec(setup, footprint, year, contracts, rules)


def compute_setup_agec(
    setup: Setup,
    footprint: FootprintReport,
    year: int | None,
    contracts: Sequence[Path | str] = (),
    rules: Sequence[Path | str] = (),
    register: Contracts | None = None,
    inputs: AgecInputs | None = None,
) -> AgecReport:
    """The AGEC report of a footprint already computed (``achats run`` has it, and the
    ``inputs`` of its year, loaded once for all its scopes)."""
    if inputs is None:
        register = register if register is not None else config_contracts(setup, year, contracts)
        inputs = agec_inputs(setup, register, rules)
    return compute_agec(footprint, inputs, year)


def check_declaration_file(path: Path) -> tuple[int, list[Any]]:
    """``achats agec --check declaration.csv``: the rows read and every problem found."""
    from achats_durables.ledger.declaration_file import read_declaration_rows

    declaration = load_declaration()
    rows = read_declaration_rows(path, [f.name for f in declaration.fields])
    return len(rows), check_rows(rows, declaration, str(path))


def category_listing(config: Path | None) -> list[dict[str, Any]]:
    """``achats agec --categories``: each category, its rules and its targets by year (the
    config's over the shipped ones)."""
    setup = load_setup(config)
    declaration = load_declaration()
    settings = setup.config.agec
    rules = load_agec_rules(declaration, [setup.config.resolve(r) for r in settings.rules])
    targets = (*settings.targets, *load_targets(declaration))
    years = sorted({t.year for t in targets})
    out = []
    for category in declaration.categories:
        rows = {}
        for y in years:
            t = target_for([t for t in targets if t.year == y], category, y)
            if t is not None:
                rows[y] = t
        count = sum(1 for r in rules.ruleset.rules if r.category == category)
        out.append({"category": category, "rules": count, "targets": rows})
    return out
