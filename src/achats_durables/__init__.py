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
    "read_ledger": "ledger",
    "Ledger": "ledger",
    "load_factor_set": "factors",
    "load_factor_sets": "factors",
    "load_price_index": "factors",
    "load_mapping_rules": "mapping",
    "compute_footprint": "footprint",
    "FootprintOptions": "footprint",
    "FootprintReport": "report",
    "read_contracts": "contracts",
    "compute_clause_coverage": "clauses",
    "ClauseReport": "clauses",
    "load_config": "config",
    "run_batch": "run",
    "compare_reports": "compare",
    "load_report": "compare",
    "AchatsError": "errors",
    "Issue": "errors",
    "Location": "errors",
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'achats_durables' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
