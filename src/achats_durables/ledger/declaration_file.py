"""A declaration file a user edited (``achats agec --check declaration.csv``): its rows as the
official schema types them (``annee`` an integer, amounts numbers), left as text where they do
not read, so that the schema check names every bad cell."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from achats_durables.core.errors import LedgerError, Location
from achats_durables.ledger.data_table import (
    blank,
    cell_text,
    find_header,
    read_data_sheets,
    seen_headers,
)

_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
AMOUNT_FIELDS = (
    "montant_total",
    "montant_reemploi_et_reutilisation",
    "montant_produits_issus_don",
    "montant_produits_recycles",
)


def read_declaration_rows(path: Path, fields: Sequence[str]) -> list[dict[str, Any]]:
    """The rows under the header row that names the schema's fields (``annee``, ``siret``…)."""
    sheets = read_data_sheets(path)
    header = find_header(
        sheets, dict.fromkeys(fields, ()), ["annee", "siret", "type_produit_acquis"]
    )
    if header is None:
        raise LedgerError(
            "agec-check-header",
            Location(str(path)),
            seen=seen_headers(sheets),
            fields=", ".join(fields),
        )
    extra = [
        str(c).strip()
        for i, c in enumerate(header.sheet.rows[header.index])
        if not blank(c) and i not in header.columns.values()
    ]
    rows = []
    for raw in header.sheet.rows[header.index + 1 :]:
        if all(blank(c) for c in raw):
            continue
        row: dict[str, Any] = {}
        for name, col in header.columns.items():
            value = raw[col] if col < len(raw) else None
            row[name] = _typed(name, value)
        for name in extra:
            row[name] = "(colonne en trop)"
        rows.append({k: v for k, v in row.items() if v is not None or k == "commentaires"})
    return rows


def _typed(name: str, value: Any) -> Any:
    if blank(value):
        return None
    if name == "annee":
        text = cell_text(value)
        return int(text) if text.isdigit() else text
    if name in AMOUNT_FIELDS:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        return float(text.replace(",", ".")) if _NUMBER.match(text) else str(value)
    return cell_text(value)
