"""Error tree, locations and exit codes.

The library raises :class:`AchatsError` subclasses only; third-party exceptions are wrapped.
Each error carries a stable ``code`` (its message template in :mod:`messages`), the template
parameters and a :class:`Location`. Non-fatal problems are :class:`Issue` records in reports.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any

from achats_durables.i18n import messages


class ExitCode(IntEnum):
    """Process exit codes (DESIGN §6)."""

    OK = 0
    THRESHOLD = 1
    USAGE = 2
    INPUT = 3
    INTERNAL = 4


@dataclass(frozen=True)
class Location:
    """Where something is: file, sheet, spreadsheet row (1-based as shown), column header."""

    path: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def render(self, lang: str = "fr") -> str:
        parts: list[str] = []
        if self.path:
            parts.append(Path(self.path).name)
        if self.sheet:
            parts.append(messages.render("loc-sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(messages.render("loc-row", lang, row=self.row))
        if self.column:
            parts.append(messages.render("loc-column", lang, column=self.column))
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sheet": self.sheet, "row": self.row, "column": self.column}


def _colon(lang: str) -> str:
    """What stands between a location and its message: « : » in French, ": " in English."""
    return ": " if lang == "en" else " : "


class AchatsError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, code: str, location: Location | None = None, **params: Any) -> None:
        self.code = code
        self.location = location or Location()
        self.params = params
        super().__init__(self.render("fr"))

    def render(self, lang: str = "fr") -> str:
        text = messages.render(self.code, lang, **self.params)
        where = self.location.render(lang)
        return f"{where}{_colon(lang)}{text}" if where else text


class LedgerError(AchatsError):
    """The ledger cannot be read."""


class FactorError(AchatsError):
    """A factor set or price index is invalid."""


class MappingError(AchatsError):
    """A mapping-rule file is invalid."""


class ConfigError(AchatsError):
    """The configuration file is invalid."""


class OutputError(AchatsError):
    """A report cannot be written."""


class ContractError(AchatsError):
    """A contract file (register, DECP) cannot be read."""


class RunError(AchatsError):
    """A batch run cannot start (lock held, nothing configured)."""


class CompareError(AchatsError):
    """A report to compare cannot be used."""


class ReconciliationError(RuntimeError):
    """The statuses do not add up to what was read: a defect of the tool, never of the input.

    Not an :class:`AchatsError` on purpose: the CLI reports it as an internal error (exit 4).
    """


@dataclass(frozen=True)
class Issue:
    """A non-fatal problem reported with the results."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    location: Location = field(default_factory=Location)
    severity: str = "warning"

    def message(self, lang: str = "fr") -> str:
        text = messages.render(self.code, lang, **self.params)
        where = self.location.render(lang)
        return f"{where}{_colon(lang)}{text}" if where else text

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """Code, severity, raw parameters (JSON-safe), the message in ``lang``, location."""
        return {
            "code": self.code,
            "severity": self.severity,
            "params": {k: json_safe(v) for k, v in self.params.items()},
            "message": self.message(lang),
            "location": self.location.to_dict(),
        }


def json_safe(value: Any) -> Any:
    """A message parameter as JSON data: numbers stay numbers (non-finite ones become ``None``),
    dates ISO 8601, a :class:`~achats_durables.i18n.messages.Text` its code and parameters."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, messages.Text):
        return {"code": value.code, "params": {k: json_safe(v) for k, v in value.params.items()}}
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [json_safe(v) for v in items]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "item"):  # numpy scalars
        return json_safe(value.item())
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int):
        return value
    return str(value)
