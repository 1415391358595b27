"""The library call behind each single command: ``footprint``, ``validate``, ``explain``,
``clauses``. The CLI parses the options, calls one of these, and renders what it returns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from achats_durables.footprint.compute import annotate_lines
from achats_durables.footprint.report import FootprintReport
from achats_durables.operations.pipeline import (
    footprint_options,
    load_setup,
    read_ledgers,
    run_clauses,
    run_footprint,
)

# Each command imports what only it needs (explain, validate, clauses) in its function: every
# start of ``achats footprint`` would otherwise pay for the clause engine
# (tests/test_start_imports.py).
if TYPE_CHECKING:
    from achats_durables.clauses.coverage import ClauseReport
    from achats_durables.footprint.explain import Explanation
    from achats_durables.footprint.validation import ValidationReport


@dataclass(frozen=True)
class FootprintResult:
    """A footprint report and the uncounted-spend threshold it is held to (``--max-unmapped``,
    else ``max_unmapped`` of ``achats.yaml``), both as fractions."""

    report: FootprintReport
    limit: float | None

    @property
    def uncounted_share(self) -> float:
        return self.report.reconciliation.share_uncounted()

    @property
    def threshold_exceeded(self) -> bool:
        return self.limit is not None and self.uncounted_share > self.limit


def _guard(output: Path | None, fmt: str, kind: str, inputs: Sequence[Path | str | None]) -> None:
    """Refuse, before any work, a report that would overwrite one of the inputs."""
    if output is None:
        return
    from achats_durables.writers import guard_inputs, report_files

    guard_inputs(report_files(output, fmt, kind), inputs)


def footprint_job(
    ledgers: Sequence[Path],
    *,
    config: Path | None = None,
    factors: Sequence[Path] = (),
    mappings: Sequence[Path] = (),
    sheet: str | None = None,
    year: int | None = None,
    entity: str | None = None,
    amortisation_years: int | None = None,
    monte_carlo: int = 0,
    seed: int = 42,
    max_unmapped: float | None = None,
    output: Path | None = None,
    fmt: str = "table",
    suppliers: Path | None = None,
    activities: Sequence[Path] = (),
    populations: Path | None = None,
) -> FootprintResult:
    """``achats footprint``: the report of the ledgers, with the threshold it is held to."""
    inputs = [*ledgers, config, *factors, *mappings, suppliers, *activities, populations]
    _guard(output, fmt, "footprint", inputs)
    setup = load_setup(config, factors, mappings, suppliers, activities, populations)
    report = run_footprint(
        ledgers,
        setup,
        sheet=sheet,
        year=year,
        monte_carlo=monte_carlo,
        seed=seed,
        entity=entity,
        amortisation_years=amortisation_years,
    )
    # both already read as fractions by shares.parse_share: never divided again here
    limit = max_unmapped if max_unmapped is not None else setup.config.max_unmapped
    return FootprintResult(report=report, limit=limit)


def validate_job(
    ledgers: Sequence[Path],
    *,
    config: Path | None = None,
    mappings: Sequence[Path] = (),
    sheet: str | None = None,
    year: int | None = None,
    entity: str | None = None,
) -> ValidationReport:
    """``achats validate``: how the ledgers are read (shipped factor sets: no emissions shown)."""
    from achats_durables.footprint.validation import ValidationReport

    setup = load_setup(config, [], mappings)
    return ValidationReport(run_footprint(ledgers, setup, sheet=sheet, year=year, entity=entity))


def explain_job(
    ledger: Path,
    row: int,
    *,
    config: Path | None = None,
    factors: Sequence[Path] = (),
    mappings: Sequence[Path] = (),
    sheet: str | None = None,
    year: int | None = None,
    suppliers: Path | None = None,
    activities: Sequence[Path] = (),
) -> Explanation:
    """``achats explain``: the explanation of spreadsheet row ``row`` of ``ledger``, computed
    with the same supplier and activity files as ``achats footprint``."""
    from achats_durables.footprint.explain import explain_row

    setup = load_setup(config, factors, mappings, suppliers, activities)
    # the lines as achats footprint annotates them, without the report's tables and totals
    annotated = annotate_lines(
        read_ledgers([ledger], setup, sheet),
        setup.factor_sets,
        setup.rules,
        setup.index,
        footprint_options(setup, year),
    )
    listed = setup.suppliers or None  # None: no supplier file given
    return explain_row(
        annotated, setup.rules, setup.factor_sets, setup.index, row, sheet=sheet, suppliers=listed
    )


def clauses_job(
    contracts: Sequence[Path],
    *,
    ledgers: Sequence[Path] = (),
    config: Path | None = None,
    mappings: Sequence[Path] = (),
    buyer: str | None = None,
    year: int | None = None,
    entity: str | None = None,
    since: dt.date | None = None,
    output: Path | None = None,
    fmt: str = "table",
) -> ClauseReport:
    """``achats clauses``: the clause coverage of the contracts, joined to the ledgers if given."""
    _guard(output, fmt, "clauses", [*contracts, *ledgers, config, *mappings])
    setup = load_setup(config, [], mappings)
    return run_clauses(
        contracts, setup, ledgers=ledgers, buyer=buyer, year=year, entity=entity, since=since
    )


__all__ = [
    "FootprintResult",
    "clauses_job",
    "explain_job",
    "footprint_job",
    "validate_job",
]
