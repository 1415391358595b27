"""The population file of ``achats footprint --population communes.csv`` (issue 14 item 4).

One row per commune: its SIREN (9 digits, or a 14-digit SIRET reduced to it) or its exact name,
and its population; a name column is optional. Read like the other small data files
(:mod:`.data_table`): located French errors, exit 3, nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from achats_durables.core.errors import LedgerError, Location
from achats_durables.ledger.data_table import (
    blank,
    cell_text,
    find_header,
    read_data_sheets,
    seen_headers,
)
from achats_durables.ledger.values import parse_amount

COLUMNS: dict[str, tuple[str, ...]] = {
    "siren": ("SIREN", "SIRET", "SIREN de la commune", "Siren"),
    "name": ("Commune", "Nom", "Entité", "Collectivité", "Name"),
    "population": ("Population", "Population municipale", "Habitants", "Inhabitants"),
    "source": ("Source",),
    "year": ("Année", "Annee", "Year"),
}


@dataclass(frozen=True)
class Population:
    siren: str  # "" when the row names the commune instead
    name: str
    value: int
    source: str
    year: int | None
    row: int


def load_populations(path: Path | str) -> tuple[Population, ...]:
    """The rows of the population file, checked (see module doc)."""
    path = Path(path)
    sheets = read_data_sheets(path)
    header = find_header(sheets, COLUMNS, ("population",))
    if header is None or not ({"siren", "name"} & header.columns.keys()):
        raise LedgerError("population-no-header", Location(str(path)), seen=seen_headers(sheets))
    out = []
    for offset, row in enumerate(header.sheet.rows[header.index + 1 :]):
        if all(blank(c) for c in row):
            continue
        digits = "".join(ch for ch in cell_text(header.cell(row, "siren")) if ch.isdigit())
        name = cell_text(header.cell(row, "name"))
        if digits and len(digits) not in (9, 14):
            raise LedgerError(
                "population-siren-invalid", header.where(offset, "siren"), value=digits
            )
        if not digits and not name:
            raise LedgerError("population-no-commune", header.where(offset))
        raw = header.cell(row, "population")
        value = float(raw) if isinstance(raw, int | float) else parse_amount(raw)
        if value is None or value != value or value <= 0 or not float(value).is_integer():
            raise LedgerError(
                "population-invalid", header.where(offset, "population"), value=cell_text(raw)
            )
        year = cell_text(header.cell(row, "year"))
        out.append(
            Population(
                siren=digits[:9],
                name=name,
                value=int(value),
                source=cell_text(header.cell(row, "source")) or path.name,
                year=int(float(year)) if year.replace(".", "", 1).isdigit() else None,
                row=header.index + 2 + offset,
            )
        )
    return tuple(out)
