"""Contract registers as buyers keep them: xlsx, xls, ods or csv with French headers.

The header row is found under title blocks with :data:`REGISTER_SYNONYMS` (matched with
:func:`parsing.header_key`); every visible sheet with such a header is read. Blank rows, total
rows and rows with neither contract number nor object are not records (counted in issues).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .contracts import ENVIRONMENTAL_VALUES, SOCIAL_VALUES, ContractError, IssueSink, flat_cells
from .errors import Issue, LedgerError, Location
from .headers import is_total_text
from .parsing import header_key
from .tabular import (
    HEADER_SCAN,
    ZIP_SUFFIXES,
    check_zip_container,
    detect_delimiter,
    detect_encoding,
)

REGISTER_SYNONYMS: dict[
    str, tuple[str, ...]
] = {  # field → headers, best first; yn: = yes/no column
    "contract_ref": tuple(
        "N° marché|Numéro du marché|Numéro de marché|Référence|Référence du marché|N° de contrat|N° contrat|Numéro|Marché|Identifiant|Id".split(
            "|"
        )
    ),
    "object": tuple(
        "Objet|Objet du marché|Intitulé|Intitulé du marché|Libellé|Désignation".split("|")
    ),
    "entity": tuple(
        "Acheteur|Entité|Collectivité|Pouvoir adjudicateur|Entité acheteuse|Nom de l'acheteur|Service|Organisme".split(
            "|"
        )
    ),
    "buyer_siret": tuple(
        "SIRET acheteur|SIRET de l'acheteur|SIREN acheteur|SIRET entité|SIRET collectivité|SIRET pouvoir adjudicateur".split(
            "|"
        )
    ),
    "cpv": tuple("Code CPV|CPV principal|CPV|Code CPV principal".split("|")),
    "amount": tuple(
        "Montant HT|Montant notifié HT|Montant estimé HT|Montant du marché HT|Montant maximum HT|Montant|Montant €HT".split(
            "|"
        )
    ),
    "notification_date": tuple(
        "Date de notification|Date notification|Notifié le|Date d'attribution".split("|")
    ),
    "procedure": tuple(
        "Procédure|Type de procédure|Procédure de passation|Mode de passation".split("|")
    ),
    "nature": tuple("Nature|Nature du marché|Type de marché|Catégorie".split("|")),
    "ccag": ("CCAG", "CCAG applicable"),
    "duration": tuple(
        "Durée (mois)|Durée en mois|Durée|Durée du marché (mois)|Durée du marché".split("|")
    ),
    "end_date": tuple("Date de fin|Date d'échéance|Échéance|Date de fin du marché|Fin".split("|")),
    "supplier": tuple(
        "Titulaire|Attributaire|Titulaire du marché|Fournisseur|Raison sociale du titulaire".split(
            "|"
        )
    ),
    "supplier_siret": tuple(
        "SIRET titulaire|SIRET attributaire|SIRET du titulaire|SIRET fournisseur|SIRET".split("|")
    ),
    "social": tuple(
        "Considérations sociales|Considération sociale|Dimension sociale|Clauses sociales".split(
            "|"
        )
    ),
    "environmental": tuple(
        "Considérations environnementales|Considération environnementale|Dimension environnementale|Clauses environnementales".split(
            "|"
        )
    ),
    "yn:Clause sociale": tuple(
        "Clause sociale|Clause d'insertion|Clause sociale (oui/non)".split("|")
    ),
    "yn:Critère social": tuple(
        "Critère social|Critère social (oui/non)|Critères sociaux".split("|")
    ),
    "yn:Marché réservé": tuple("Marché réservé|Marché réservé (oui/non)|Réservé".split("|")),
    "yn:Clause environnementale": tuple(
        "Clause environnementale|Clause environnementale (oui/non)".split("|")
    ),
    "yn:Critère environnemental": tuple(
        "Critère environnemental|Critère environnemental (oui/non)|Critères environnementaux".split(
            "|"
        )
    ),
    "hours_planned": tuple(
        "Heures d'insertion prévues|Nombre d'heures d'insertion prévues|Heures prévues|Heures d'insertion".split(
            "|"
        )
    ),
    "hours_done": tuple(
        "Heures d'insertion réalisées|Nombre d'heures d'insertion réalisées|Heures réalisées".split(
            "|"
        )
    ),
}
_REGISTER_LOOKUP: dict[str, tuple[str, int]] = {}
for _field, _syns in REGISTER_SYNONYMS.items():
    for _prio, _syn in enumerate(_syns):
        _REGISTER_LOOKUP.setdefault(header_key(_syn), (_field, _prio))


def recognise_register(
    cells: Sequence[Any], profile: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Register field → column index for one candidate header row."""
    best: dict[str, tuple[int, int]] = {}
    wanted = {header_key(v): f for f, v in (profile or {}).items()}
    for i, cell in enumerate(cells):
        if cell is None or not str(cell).strip():
            continue
        key = header_key(cell)
        hit = (wanted[key], -1) if key in wanted else _REGISTER_LOOKUP.get(key)
        if hit is None:
            hit = _REGISTER_LOOKUP.get(header_key(re.sub(r"\(.*?\)", " ", str(cell))))
        if hit is not None and (hit[0] not in best or hit[1] < best[hit[0]][1]):
            best[hit[0]] = (i, hit[1])
    return {f: i for f, (i, _) in best.items()}


def find_register_header(
    rows: Sequence[Sequence[Any]], profile: Mapping[str, str] | None = None
) -> tuple[int, dict[str, int]] | None:
    """(row index, columns) of the row most like a register header among the first rows."""
    best: tuple[int, dict[str, int]] | None = None
    for idx, row in enumerate(rows[:HEADER_SCAN]):
        cols = recognise_register(row, profile)
        if len(cols) < 3 or not ({"contract_ref", "object"} & cols.keys()):
            continue
        if best is None or len(cols) > len(best[1]):
            best = (idx, cols)
    return best


def register_records(
    rows: Sequence[Sequence[Any]],
    path: str,
    sheet: str | None,
    sink: IssueSink,
    profile: Mapping[str, str] | None,
) -> list[dict[str, Any]] | None:
    """Records of one sheet / CSV (None when no register header is found)."""
    found = find_register_header(rows, profile)
    if found is None:
        return None
    hidx, cols = found
    headers = ["" if c is None else str(c).strip() for c in rows[hidx]]
    named = {f: headers[i] for f, i in cols.items()}
    records: list[dict[str, Any]] = []
    totals = unnamed = 0
    for offset, row in enumerate(rows[hidx + 1 :]):
        cells = list(row)

        def get(f: str, cells: list[Any] = cells) -> Any:
            i = cols.get(f)
            return cells[i] if i is not None and i < len(cells) else None

        if all(blank_cell(c) for c in cells):
            continue
        ref, obj = flat_cells(get("contract_ref")), flat_cells(get("object"))
        if not obj and any(isinstance(c, str) and is_total_text(c) for c in cells):
            totals += 1
            continue
        if not ref and not obj:
            unnamed += 1
            continue
        rownum = hidx + 2 + offset
        rec: dict[str, Any] = {f: get(f) for f in cols if not f.startswith("yn:")}
        for kind, labels in (("social", SOCIAL_VALUES), ("environmental", ENVIRONMENTAL_VALUES)):
            parts: list[tuple[Any, str | None]] = [(get(kind), None)]
            parts += [(get(f"yn:{label}"), label) for label in labels]
            rec[kind] = parts
        rec.update(
            sheet=sheet,
            row=rownum,
            record_id=get("contract_ref"),
            label=ref[0] if ref else "(sans n°)",
            where=Location(path, sheet, rownum),
            columns=named,
        )
        records.append(rec)
    if totals:
        sink.add(Issue("totals-rows-skipped", {"count": totals}, Location(path, sheet), "info"))
    if unnamed:
        sink.add(Issue("contract-rows-skipped", {"count": unnamed}, Location(path, sheet), "info"))
    return records


def blank_cell(cell: Any) -> bool:
    return not flat_cells(cell)


def read_spreadsheet_rows(path: Path) -> list[tuple[str | None, list[list[Any]]]]:
    """(sheet, rows) of every visible sheet, after the hostile-file checks of :mod:`tabular`."""
    from python_calamine import CalamineWorkbook

    if path.suffix.lower() in ZIP_SUFFIXES:
        try:
            check_zip_container(path)
        except LedgerError as exc:
            raise ContractError(exc.code, exc.location, **exc.params) from None
    try:
        wb = CalamineWorkbook.from_path(str(path))
        hidden = {
            m.name
            for m in wb.sheets_metadata
            if not str(getattr(m, "visible", "Visible")).endswith("Visible")
        }
        return [
            (name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in wb.sheet_names
            if name not in hidden
        ]
    except Exception as exc:  # calamine raises its own error types
        raise ContractError("contract-corrupt", Location(str(path)), detail=str(exc)[:200]) from exc


def read_csv_rows(path: Path) -> tuple[list[list[str]], str]:
    """Every row of a CSV file (encoding and delimiter detected), and the encoding used."""
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContractError("contract-corrupt", Location(str(path)), detail="fichier binaire")
    encoding = detect_encoding(data[: 256 * 1024])
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding = "cp1252"
        text = data.decode(encoding, errors="replace")
    lines = text.splitlines()
    delimiter = detect_delimiter(lines[: HEADER_SCAN + 5])
    return list(csv.reader(lines, delimiter=delimiter)), encoding


def read_register(
    path: Path,
    sheets: Sequence[tuple[str | None, Sequence[Sequence[Any]]]],
    sink: IssueSink,
    profile: Mapping[str, str] | None,
    encoding: str | None = None,
) -> tuple[str, list[dict[str, Any]], int, list[str]]:
    """(format, records, records refused, notes) of a register's sheets (or CSV rows)."""
    notes: list[str] = []
    if encoding is not None and encoding not in ("utf-8", "utf-8-sig"):
        notes.append(f"encodage {encoding}")
    records: list[dict[str, Any]] = []
    seen: list[str] = []
    any_header = False
    for sheet, rows in sheets:
        found = register_records(rows, str(path), sheet, sink, profile)
        if found is None:
            if sheet is not None:
                notes.append(f"feuille « {sheet} » ignorée : aucun en-tête de registre des marchés")
            seen.extend(str(c).strip() for r in rows[:HEADER_SCAN] for c in r if not blank_cell(c))
            continue
        any_header = True
        records.extend(found)
    if not any_header:
        shown = ", ".join(f"« {c} »" for c in seen[:12]) or "aucune"
        raise ContractError(
            "contract-no-header", Location(str(path)), scanned=HEADER_SCAN, seen=shown
        )
    fmt = "register-csv" if encoding is not None else "register-xlsx"
    return fmt, records, 0, notes
