"""``achats validate``: how the ledger was read, its reconciliation and issues, as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from achats_durables.footprint.report import FootprintReport


@dataclass(frozen=True)
class ValidationReport:
    """The reading of a ledger: the footprint report it comes from, seen without emissions."""

    footprint: FootprintReport

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "inputs": [
                {
                    **i.to_dict(),
                    "format": i.format,
                    "encoding": i.encoding,
                    "delimiter": i.delimiter,
                    "sheets": i.sheets,
                    "ignored_sheets": i.ignored_sheets,
                    "columns": i.columns,
                    "ignored_columns": i.ignored_columns,
                }
                for i in self.footprint.input_details
            ],
            "reconciliation": self.footprint.to_dict(lang)["reconciliation"],
            "issues": [i.to_dict(lang) for i in self.footprint.issues],
        }


__all__ = ["ValidationReport"]
