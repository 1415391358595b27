"""achats_durables: carbon footprint of public purchases and clause coverage of contracts.

The public API is importable from the package; the heavy modules (pandas) load on first use,
so that ``achats --help`` stays fast::

    from achats_durables import read_ledger, load_factor_sets, load_mapping_rules, compute_footprint

    report = compute_footprint(read_ledger("grand-livre-2025.xlsx"), load_factor_sets(), load_mapping_rules())
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {
    "read_ledger": "ledger.read",
    "Ledger": "ledger.read",
    "load_factor_set": "knowledge.factors",
    "load_factor_sets": "knowledge.factors",
    "load_price_index": "knowledge.factors",
    "load_mapping_rules": "knowledge.mapping",
    "compute_footprint": "footprint.compute",
    "FootprintOptions": "footprint.report",
    "FootprintReport": "footprint.report",
    "read_contracts": "contracts.read",
    "compute_clause_coverage": "clauses.coverage",
    "ClauseReport": "clauses.coverage",
    "load_config": "knowledge.config",
    "run_batch": "operations.run",
    "compare_reports": "tracking.compare",
    "load_report": "tracking.compare",
    "AchatsError": "core.errors",
    "Issue": "core.errors",
    "Location": "core.errors",
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'achats_durables' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
