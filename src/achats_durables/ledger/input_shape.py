"""Files that are not purchase ledgers: contract registers, DECP, clause registers, budgets.

Given to ``achats footprint``, a register's contract amounts (or a budget's forecasts) would add
up to a confident, wrong footprint. Their header tells them apart: a register has a contract
number or object, notification dates, procedures or considerations, and no payment column
(date of mandate or payment, mandate number, debit, VAT, fonction); a DECP file has the DECP
field names; a forecast budget has credit columns and no realised amount. Such a file is
refused with a message naming the command that reads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from achats_durables.core.errors import LedgerError, Location
from achats_durables.core.text import header_key
from achats_durables.i18n.messages import Text
from achats_durables.ledger.headers import AMOUNT_FIELDS, match_header, recognise_register

# Ledger columns that only a file of payment lines has.
LEDGER_EVIDENCE = frozenset(
    {
        "date",
        "document",
        "debit",
        "credit",
        "direction",
        "vat_rate",
        "vat_amount",
        "function",
        "operation_kind",
    }
)
CLAUSE_FIELDS = frozenset(
    {"social", "environmental", "hours_planned", "hours_done"}
    | {
        "yn:Clause sociale",
        "yn:Critère social",
        "yn:Marché réservé",
        "yn:Clause environnementale",
        "yn:Critère environnemental",
    }
)
REGISTER_ONLY = CLAUSE_FIELDS | {"notification_date", "procedure", "duration", "end_date", "ccag"}
_DECP_NAMES = frozenset({"datenotification", "considerationssociales", "dureemois", "codecpv"})
FORECAST_TITLES = (
    "MtPrev",
    "BGT_MTPREV",
    "CredOuv",
    "BGT_CREDOUV",
    "MtPropNouv",
    "BGT_MTPROPNOUV",
    "MtBudgPrec",
    "BGT_MTBUDGPREC",
    "Crédits ouverts",
    "Crédits votés",
    "Budget voté",
    "Montant voté",
    "Montant prévu",
    "Montant budgété",
    "Prévision",
    "Prévisions",
    "Budget primitif",
    "Propositions nouvelles",
)
_FORECAST_KEYS = frozenset(header_key(t) for t in FORECAST_TITLES)


def _names(cells: Sequence[Any]) -> set[str]:
    return {re.sub(r"[\s_.]+", "", str(c).strip().lower()) for c in cells if c is not None}


def contracts_kind(cells: Sequence[Any]) -> str | None:
    """``register``, ``clause-register`` or ``decp`` when a header row is one of a contracts
    file and has no payment column; None otherwise."""
    ledger_cols, _unused = match_header(cells)
    if ledger_cols.keys() & LEDGER_EVIDENCE:
        return None
    names = _names(cells)
    if ({"id", "acheteurid"} <= names or "uid" in names) and len(names & _DECP_NAMES) >= 2:
        return "decp"
    register = recognise_register(cells).keys()
    if not {"contract_ref", "object"} & register or len(register & REGISTER_ONLY) < 2:
        return None
    if {"notification_date", "procedure", "amount"} & register:
        return "register"
    return "clause-register"


def refuse_contracts(path: Path, sheet: str | None, cells: Sequence[Any]) -> None:
    """Raise ``ledger-looks-like-contracts`` when ``cells`` is a contracts file's header."""
    kind = contracts_kind(cells)
    if kind is None:
        return
    shown = [str(c).strip() for c in cells if c is not None and str(c).strip()]
    raise LedgerError(
        "ledger-looks-like-contracts",
        Location(str(path), sheet),
        kind=Text(f"kind-{kind}"),
        command=_command(path),
        columns=_listed(shown),
    )


def forecast_columns(cells: Sequence[Any]) -> list[str]:
    """The forecast columns (voted credits) of a budget header with no realised amount."""
    cols, _unused = match_header(cells)
    if any(f in cols for f in AMOUNT_FIELDS):
        return []
    return [str(c).strip() for c in cells if c is not None and header_key(c) in _FORECAST_KEYS]


def refuse_forecast_budget(path: Path, sheet: str | None, cells: Sequence[Any]) -> None:
    """Raise ``ledger-budget-no-spending`` when ``cells`` is a forecast budget's header."""
    forecasts = forecast_columns(cells)
    if forecasts:
        raise LedgerError(
            "ledger-budget-no-spending",
            Location(str(path), sheet),
            document=Text("document-budget"),
            evidence=Text(
                "evidence-forecast-columns", columns=", ".join(f"« {c} »" for c in forecasts)
            ),
        )


_DECP_KEYS = re.compile(
    r'"(marches|marche|acheteur|titulaires|dateNotification|considerationsSociales)"\s*:'
)


def refuse_json(path: Path) -> None:
    """A ``.json`` given as a ledger: refused with ``achats clauses`` when it is DECP."""
    try:
        with path.open("rb") as fh:
            head = fh.read(65536).decode("utf-8", errors="replace")
    except OSError:
        return
    found = list(dict.fromkeys(_DECP_KEYS.findall(head)))
    if len(found) >= 2:
        raise LedgerError(
            "ledger-looks-like-contracts",
            Location(str(path)),
            kind=Text("kind-decp"),
            command=_command(path),
            columns=_listed(found),
        )


def _listed(names: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(f"« {n} »" for n in names[:limit])
    return shown + (", …" if len(names) > limit else "")


def _command(path: Path) -> str:
    name = str(path)
    return f'achats clauses "{name}"' if re.search(r"\s", name) else f"achats clauses {name}"


__all__ = [
    "contracts_kind",
    "forecast_columns",
    "refuse_contracts",
    "refuse_forecast_budget",
    "refuse_json",
]
