"""achats_durables: carbon footprint of public purchases and clause coverage of contracts.

The public API is importable from the package; the heavy modules (pandas) load on first use,
so that ``achats --help`` stays fast::

    from achats_durables import load_setup, run_footprint

    report = run_footprint(["grand-livre-2025.xlsx"], load_setup())
    print(report.totals.emissions_tco2e)

The packages, from the top of the layering down (``pyproject.toml``, ``[tool.importlinter]``):
``cli`` (commands), ``operations`` (pipeline, run, init), ``writers`` (reports), ``tracking``
(year-over-year comparison), ``clauses`` (clause coverage), ``footprint`` (the carbon engine),
``contracts`` (registers, DECP), ``ledger`` (file formats and values), ``knowledge`` (factors,
rules, configuration), ``core`` (errors, shared helpers), ``i18n`` (messages and formatting).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from achats_durables.core.version import __version__

if TYPE_CHECKING:  # the same names, visible to type checkers; loaded lazily at run time
    from achats_durables.clauses.coverage import ClauseReport, compute_clause_coverage
    from achats_durables.contracts.read import read_contracts
    from achats_durables.core.errors import AchatsError, Issue, Location
    from achats_durables.footprint.compute import compute_footprint
    from achats_durables.footprint.report import FootprintOptions, FootprintReport
    from achats_durables.knowledge.config import Config, load_config
    from achats_durables.knowledge.factors import (
        load_factor_set,
        load_factor_sets,
        load_price_index,
    )
    from achats_durables.knowledge.mapping import load_mapping_rules
    from achats_durables.ledger.read import Ledger, read_ledger
    from achats_durables.operations.pipeline import Setup, load_setup, run_clauses, run_footprint
    from achats_durables.operations.run import run_batch
    from achats_durables.tracking.compare import compare_reports, load_report

_API = {
    "AchatsError": "core.errors",
    "ClauseReport": "clauses.coverage",
    "Config": "knowledge.config",
    "FootprintOptions": "footprint.report",
    "FootprintReport": "footprint.report",
    "Issue": "core.errors",
    "Ledger": "ledger.read",
    "Location": "core.errors",
    "Setup": "operations.pipeline",
    "compare_reports": "tracking.compare",
    "compute_clause_coverage": "clauses.coverage",
    "compute_footprint": "footprint.compute",
    "load_config": "knowledge.config",
    "load_factor_set": "knowledge.factors",
    "load_factor_sets": "knowledge.factors",
    "load_mapping_rules": "knowledge.mapping",
    "load_price_index": "knowledge.factors",
    "load_report": "tracking.compare",
    "load_setup": "operations.pipeline",
    "read_contracts": "contracts.read",
    "read_ledger": "ledger.read",
    "run_batch": "operations.run",
    "run_clauses": "operations.pipeline",
    "run_footprint": "operations.pipeline",
}

__all__ = [
    "AchatsError",
    "ClauseReport",
    "Config",
    "FootprintOptions",
    "FootprintReport",
    "Issue",
    "Ledger",
    "Location",
    "Setup",
    "__version__",
    "compare_reports",
    "compute_clause_coverage",
    "compute_footprint",
    "load_config",
    "load_factor_set",
    "load_factor_sets",
    "load_mapping_rules",
    "load_price_index",
    "load_report",
    "load_setup",
    "read_contracts",
    "read_ledger",
    "run_batch",
    "run_clauses",
    "run_footprint",
]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'achats_durables' has no attribute {name!r}")
    return getattr(importlib.import_module(f"achats_durables.{module}"), name)


def __dir__() -> list[str]:
    return sorted(__all__)
