"""The supplier file as a spreadsheet or CSV table (``fournisseurs.xlsx|csv``).

One row per supplier under a header row of French column names (synonyms accepted: « SIREN »
or « SIRET », « Fournisseur » or « Raison sociale »…, see :data:`COLUMNS`). The sheet is the
one named « Fournisseurs », else the first visible one; a CSV file is decoded as ledgers are
(:mod:`.csv_text`: encoding and delimiter detected). Cells become the values of the YAML file
(French numbers « 1 234,5 », uncertainties as a share « 0,15 » or a percentage « 15 % »), and
the rows are validated by the same model as ``fournisseurs.yaml``
(:class:`~achats_durables.knowledge.schemas.suppliers.SupplierFileModel`); an error names the
file, sheet, row and column (:class:`~achats_durables.core.errors.ConfigError`, exit 3).

:func:`load_supplier_file` reads a supplier file of any format, by its suffix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from achats_durables.core.errors import AchatsError, ConfigError, LedgerError, Location
from achats_durables.core.text import header_key
from achats_durables.core.validation import validate
from achats_durables.core.yamlio import PathPart, YamlSource
from achats_durables.knowledge.suppliers import Supplier, load_suppliers, suppliers_of
from achats_durables.ledger.data_table import read_data_sheets
from achats_durables.ledger.tabular import SPREADSHEET_SUFFIXES

TABLE_SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv", ".txt", ".tsv")
SHEET = "Fournisseurs"
HEADER_SCAN = 10  # rows searched for the header
# field of the supplier model → the column names it is read from (the first one is shown)
COLUMNS: dict[str, tuple[str, ...]] = {
    "siren": ("SIREN", "SIRET", "SIREN/SIRET", "SIREN ou SIRET", "N° SIREN", "N° SIRET"),
    "name": ("Fournisseur", "Raison sociale", "Nom", "Nom du fournisseur", "Titulaire"),
    "intensity_kgco2e_per_keur": (
        "Intensité (kgCO2e/k€ HT)",
        "Intensité (kgCO2e/k€)",
        "Intensité par k€ HT",
        "Intensité monétaire",
        "Intensité",
        "kgCO2e/k€ HT",
        "kgCO2e par k€ HT",
    ),
    "intensity_kgco2e_per_unit": (
        "Intensité par unité",
        "Intensité (kgCO2e/unité)",
        "Intensité (kgCO2e par unité)",
        "Intensité physique",
        "kgCO2e/unité",
        "kgCO2e par unité",
    ),
    "unit": ("Unité", "Unité de l'intensité"),
    "euro_year": ("Année", "Année du chiffre", "Année de référence", "Année des euros"),
    "scope": ("Périmètre", "Périmètre (scopes)"),
    "source": ("Source",),
    "uncertainty": ("Incertitude", "Incertitude (%)", "Incertitude relative"),
}
REQUIRED = ("siren", "name", "euro_year", "scope", "source", "uncertainty")
_KEYS = {header_key(n): f for f, names in COLUMNS.items() for n in (*names, f)}
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


@dataclass
class TableSource(YamlSource):
    """The rows of a supplier table as the YAML document they stand for, with where each value
    was read: a fault at ``suppliers[i].field`` is located at that row and column."""

    sheet: str | None = None
    rows: list[int] = field(default_factory=list)  # per entry: the row as the file shows it
    columns: dict[str, str] = field(default_factory=dict)  # field → the header as written

    def error(
        self, error: type[AchatsError], parts: Sequence[PathPart], code: str, **params: Any
    ) -> AchatsError:
        index = parts[1] if len(parts) > 1 and isinstance(parts[1], int) else None
        column = self.columns.get(str(parts[2])) if len(parts) > 2 else None
        row = self.rows[index] if index is not None and index < len(self.rows) else None
        where = Location(str(self.path), self.sheet, row, column)
        return error("supplier-table-invalid", where, detail=params.get("detail", ""))


def load_supplier_file(path: Path | str) -> tuple[Supplier, ...]:
    """The suppliers of a supplier file: a table by its suffix (xlsx, csv…), else YAML."""
    path = Path(path)
    if path.suffix.lower() in TABLE_SUFFIXES:
        return read_supplier_table(path)
    return load_suppliers(path)


def read_supplier_table(path: Path) -> tuple[Supplier, ...]:
    """The suppliers of a spreadsheet or CSV table, validated (see module doc)."""
    from achats_durables.knowledge.schemas.suppliers import SupplierFileModel

    if not path.exists():
        raise ConfigError("file-not-found", Location(str(path)))
    sheet, rows = _read_rows(path)
    source = _table_source(path, sheet, rows)
    return suppliers_of(validate(SupplierFileModel, source, ConfigError).suppliers)


def _read_rows(path: Path) -> tuple[str | None, list[list[Any]]]:
    """(sheet name or None for a CSV file, the rows of cells): the sheet « Fournisseurs », else
    the first visible one, read as every small data file is (:mod:`.data_table`)."""
    try:
        sheets = read_data_sheets(path)
    except LedgerError as exc:
        detail = exc.params.get("detail") or str(exc)
        raise ConfigError("supplier-table-unreadable", Location(str(path)), detail=detail) from exc
    if not sheets:
        raise ConfigError(
            "supplier-table-unreadable", Location(str(path)), detail="aucune feuille visible"
        )
    sheet = next((s for s in sheets if header_key(s.sheet) == header_key(SHEET)), sheets[0])
    return sheet.sheet, sheet.rows


def _table_source(path: Path, sheet: str | None, rows: list[list[Any]]) -> TableSource:
    """The document of the rows under the header, each value converted as in YAML."""
    start, columns = _header(path, sheet, rows)
    entries: list[dict[str, Any]] = []
    row_numbers: list[int] = []
    for r, cells in enumerate(rows[start + 1 :], start=start + 2):
        entry = {
            f: value
            for j, f in columns.items()
            if (value := _value(f, cells[j] if j < len(cells) else None)) is not None
        }
        if entry:
            entries.append(entry)
            row_numbers.append(r)
    headers = {f: str(rows[start][j]).strip() for j, f in columns.items()}
    doc = {"suppliers": entries}
    return TableSource(path, "", doc, sheet=sheet, rows=row_numbers, columns=headers)


def _header(path: Path, sheet: str | None, rows: list[list[Any]]) -> tuple[int, dict[int, str]]:
    """(index of the header row, column index → field), else a located error."""
    expected = ", ".join(f"« {names[0]} »" for names in COLUMNS.values())
    for i, cells in enumerate(rows[:HEADER_SCAN]):
        columns: dict[int, str] = {}
        for j, cell in enumerate(cells):
            f = _KEYS.get(header_key(cell)) if cell not in (None, "") else None
            if f is not None and f not in columns.values():
                columns[j] = f
        if "siren" not in columns.values():
            continue
        found = set(columns.values())
        missing = [COLUMNS[f][0] for f in REQUIRED if f not in found]
        if not found & {"intensity_kgco2e_per_keur", "intensity_kgco2e_per_unit"}:
            per_keur, per_unit = (
                COLUMNS["intensity_kgco2e_per_keur"],
                COLUMNS["intensity_kgco2e_per_unit"],
            )
            missing.append(f"{per_keur[0]} » ou « {per_unit[0]}")
        if "intensity_kgco2e_per_unit" in found and "unit" not in found:
            missing.append(COLUMNS["unit"][0])
        if missing:
            raise ConfigError(
                "supplier-table-missing-columns",
                Location(str(path), sheet, i + 1),
                missing=", ".join(f"« {m} »" for m in missing),
                expected=expected,
            )
        return i, columns
    raise ConfigError("supplier-table-no-header", Location(str(path), sheet), expected=expected)


def _value(name: str, cell: Any) -> Any:
    """A cell as the YAML value of field ``name``: None for a blank cell; numbers read from
    French text; a text that is no number left as found (the model says what is expected)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, str):
        cell = cell.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if name == "siren":
        return _identifier(cell)
    if name in ("name", "scope", "source", "unit"):
        return str(cell) if not isinstance(cell, float) or not cell.is_integer() else str(int(cell))
    if name == "euro_year":
        if isinstance(cell, (dt.date, dt.datetime)):
            return cell.year
        number = _number(cell)
        return int(number) if isinstance(number, float) and number.is_integer() else cell
    if name == "uncertainty" and isinstance(cell, str) and cell.endswith("%"):
        number = _number(cell[:-1].strip())
        return round(number / 100, 10) if isinstance(number, float) else cell
    number = _number(cell)
    return number if isinstance(number, float) else cell


def _identifier(cell: Any) -> Any:
    """A SIREN or SIRET cell as text: a number cell gets back the leading zeros Excel drops."""
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int):
        digits = str(cell)
        return digits.zfill(9) if len(digits) <= 9 else digits.zfill(14)
    return str(cell)


def _number(cell: Any) -> float | Any:
    """A number cell, or a text « 1 234,5 » / « 1234.5 » read as a number; else the cell."""
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, (int, float)):
        return float(cell)
    text = str(cell).replace(" ", "")
    if _NUMBER.fullmatch(text):
        return float(text.replace(",", "."))
    return cell
