"""DGFiP TOTEM ``DocumentBudgetaire`` XML (compte administratif, budget primitif…).

One frame row per ``LigneBudget`` element, one :class:`RawTable` per ``Budget`` of the file.
Rows are numbered by the ordinal of the ``LigneBudget`` in the file (1-based). Recettes
(``CodRD = R``), opérations d'ordre (``OpBudg = 1``) and lines with no realised amount are kept
as rows with a ``skip_reason``.

VAT basis of ``MtReal``: M14/M57 (and other non-M4) budgets are recorded TTC; M4x budgets
(industrial and commercial public services: water, sanitation, transport…) are normally subject
to VAT and record amounts HT (:mod:`achats_durables.ledger.vat_basis`, the rule of every reader).

XML parsing and element access: :mod:`~achats_durables.ledger.formats.xmlio`, shared with the
PES reader; the budget-line helpers below (:func:`section_of`, :func:`build_table`) are too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import numpy as np
import pandas as pd

from achats_durables.core.errors import LedgerError, Location
from achats_durables.i18n.messages import Text
from achats_durables.ledger.formats.xmlio import (
    amount_cell,
    check_root,
    declared_encoding,
    iter_xml,
    local,
    no_lines,
    root_pattern,
    values_of,
)
from achats_durables.ledger.headers import HeaderMatch
from achats_durables.ledger.tabular import RawTable
from achats_durables.ledger.vat_basis import ht_note, is_vat_subject

FORMAT = "totem"
SHEET = "LigneBudget"
_ROOT = root_pattern("DocumentBudgetaire")

SKIP_RECETTE = "recette : ce n'est pas une dépense"
SKIP_ORDRE = "opération d'ordre (OpBudg = 1) : écriture comptable sans décaissement, pas un achat"
SKIP_NO_AMOUNT = "aucun montant réalisé (MtReal)"

# NatDec of the TOTEM schema (nature of the budgetary decision).
NATDEC = {
    "01": "budget primitif",
    "02": "décision modificative",
    "03": "budget supplémentaire",
    "09": "compte administratif",
    "10": "compte financier unique",
}

# --------------------------------------------------------------------------- budget lines


def section_of(account: str | None) -> str:
    """Budget section of a nature code: ``F`` (fonctionnement, classes 6 and 7, 002, 022, 023),
    ``I`` (investissement, other codes), "" when unknown."""
    if not account:
        return ""
    if account[0] in "67" or account in ("002", "022", "023"):
        return "F"
    if account[0].isdigit():
        return "I"
    return ""


def short_nomenclature(value: str | None) -> str:
    """``M14-M14_COM_SUP3500`` → ``M14``; ``M4-M49_D`` → ``M49``; ``M57-M57_A`` → ``M57``."""
    if not value:
        return ""
    parts = value.strip().split("-")
    head = parts[0].strip().upper()
    if head == "M4" and len(parts) > 1:
        m = re.match(r"M4\d+", parts[1].strip().upper())
        if m:
            return m.group(0)
    return head


def object_column(values: list[Any]) -> pd.Series:
    return pd.Series(values, dtype=object)


def build_table(
    path: Path,
    sheet: str,
    columns: list[tuple[str | None, str, list[Any]]],
    *,
    first_row: int,
    fmt: str,
    encoding: str | None,
    skip: list[str],
    notes: list[str | Text],
    meta: dict[str, str],
) -> RawTable:
    """A raw table from ``(canonical field or None, header name, cells)`` columns."""
    frame = pd.DataFrame({i: object_column(cells) for i, (_f, _h, cells) in enumerate(columns)})
    header = HeaderMatch(
        row_index=0,
        columns={f: i for i, (f, _h, _c) in enumerate(columns) if f is not None},
        headers=[h for _f, h, _c in columns],
        ignored=[h for f, h, _c in columns if f is None],
    )
    return RawTable(
        path=str(path),
        sheet=sheet,
        header=header,
        frame=frame,
        first_row=first_row,
        rows_above=0,
        format=fmt,
        encoding=encoding,
        notes=notes,
        skip_reason=np.array(skip, dtype=object),
        meta={k: v for k, v in meta.items() if v},
    )


# --------------------------------------------------------------------------- TOTEM reader


def sniff(path: Path, head: bytes) -> bool:
    """A TOTEM file: its root element is ``DocumentBudgetaire``."""
    return _ROOT.search(head) is not None


class _Budget:
    """Cells of the lines of one ``Budget`` element."""

    def __init__(self, first_row: int) -> None:
        self.first_row = first_row
        self.header: dict[str, str] = {}
        self.bloc: dict[str, str] = {}
        self.lines: list[dict[str, str]] = []


def read(path: Path) -> list[RawTable]:
    """One raw table per ``Budget`` of a TOTEM file."""
    encoding = declared_encoding(path)
    doc: dict[str, str] = {}
    budgets: list[_Budget] = []
    current: _Budget | None = None
    ordinal = 0
    root: Element | None = None
    for event, elem in iter_xml(path):
        name = local(elem.tag)
        if event == "start":
            if root is None:
                root = elem
                check_root(path, root, "DocumentBudgetaire", "TOTEM")
            elif name == "Budget":
                current = _Budget(ordinal + 1)
                budgets.append(current)
            continue
        if name == "LigneBudget":
            ordinal += 1
            if current is None:  # not inside a Budget: keep it, with the file's header
                current = _Budget(ordinal)
                budgets.append(current)
            current.lines.append(values_of(elem))
            elem.clear()
        elif name == "EnTeteBudget" and current is not None:
            current.header = values_of(elem)
        elif name == "BlocBudget" and current is not None:
            current.bloc = values_of(elem)
        elif name in ("EnTeteDocBudgetaire", "BlocEditeur"):
            doc.update(values_of(elem))
        elif name == "Budget":
            current = None
    if ordinal == 0:
        raise no_lines(path, "LigneBudget", "TOTEM")
    if not any(_spent(ln) for b in budgets for ln in b.lines):
        natdec = next((b.bloc.get("NatDec", "") for b in budgets if b.bloc), "")
        raise LedgerError(
            "ledger-budget-no-spending",
            Location(str(path)),
            document=NATDEC.get(natdec, "document budgétaire"),
            evidence=Text("evidence-no-mtreal", lines=ordinal),
        )
    return [_table(path, b, doc, encoding) for b in budgets if b.lines]


def _spent(line: dict[str, str]) -> bool:
    """An expense line with a realised amount (a forecast budget has none)."""
    if line.get("CodRD", "").upper() == "R":
        return False
    amount = amount_cell(line.get("MtReal"))
    return amount is not None and amount != 0.0


def _table(path: Path, budget: _Budget, doc: dict[str, str], encoding: str) -> RawTable:
    head, bloc, lines = budget.header, budget.bloc, budget.lines
    n = len(lines)
    budget_name = head.get("LibelleEtab", "")
    entity = budget_name or doc.get("LibelleColl", "")
    nomenclature = short_nomenclature(head.get("Nomenclature"))
    year = bloc.get("Exer", "")
    siret = head.get("IdEtab") or doc.get("IdColl", "")
    ht = is_vat_subject(nomenclature)
    amount_field = "amount_excl_vat" if ht else "amount_incl_vat"
    nature = [ln.get("Nature") for ln in lines]
    skip: list[str] = []
    for ln in lines:
        if ln.get("CodRD", "").upper() == "R":
            skip.append(SKIP_RECETTE)
        elif ln.get("OpBudg") == "1":
            skip.append(SKIP_ORDRE)
        elif not ln.get("MtReal"):
            skip.append(SKIP_NO_AMOUNT)
        else:
            skip.append("")
    columns: list[tuple[str | None, str, list[Any]]] = [
        ("entity", "LibelleEtab", [entity or None] * n),
        ("entity_id", "IdEtab", [siret or None] * n),
        ("year", "Exer", [year or None] * n),
        ("nomenclature", "Nomenclature", [nomenclature or None] * n),
        ("direction", "CodRD", [ln.get("CodRD") for ln in lines]),
        ("section", "Section (déduite de la nature)", [section_of(a) or None for a in nature]),
        ("account", "Nature", nature),
        ("function", "Fonction", [ln.get("Fonction") for ln in lines]),
        ("label", "LibCpte", [ln.get("LibCpte") for ln in lines]),
        (amount_field, "MtReal", [amount_cell(ln.get("MtReal")) for ln in lines]),
        (None, "ContNat", [ln.get("ContNat") for ln in lines]),
        (None, "OpBudg", [ln.get("OpBudg") for ln in lines]),
    ]
    natdec = bloc.get("NatDec", "")
    meta = {
        "entity": doc.get("LibelleColl") or budget_name,
        "siret": siret,
        "year": year,
        "nomenclature": nomenclature,
        "budget": budget_name,
        "producer": doc.get("CodeEditeur", ""),
        "document": NATDEC.get(natdec, f"NatDec {natdec}" if natdec else ""),
    }
    return build_table(
        path,
        SHEET,
        columns,
        first_row=budget.first_row,
        fmt=FORMAT,
        encoding=encoding,
        skip=skip,
        notes=[ht_note(nomenclature)] if ht else [],
        meta=meta,
    )
