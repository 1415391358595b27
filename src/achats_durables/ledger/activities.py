"""The activity-data file (``activites.xlsx|csv``): quantities the services already hold.

One row per quantity: fiscal year, entity, physical factor (its id or exact label), quantity,
unit, where the figure comes from, and the spend it replaces — a contract number, an account
prefix and/or a supplier (SIREN/SIRET or exact name), every condition given having to hold. Each
row is counted with its physical factor; the ledger spend it covers is moved from its ratio to
« remplacé par une donnée d'activité » (:mod:`achats_durables.footprint.activity`).

Every row is checked here, before any line is computed: a known physical factor, a unit that
converts to the factor's (``t`` for a per-kWh factor is refused), a quantity ≥ 0, a year, a valid
SIREN/SIRET, no duplicate row. Errors are located (file, sheet, row, column), in French, exit 3.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from achats_durables.core.errors import LedgerError, Location
from achats_durables.core.text import PHYSICAL_UNITS, fold, quantity_ratio, unit_code
from achats_durables.i18n.messages import Text
from achats_durables.knowledge.factors import Factor
from achats_durables.ledger.data_table import (
    DataSheet,
    Header,
    blank,
    cell_text,
    find_header,
    read_data_sheets,
    seen_headers,
)
from achats_durables.ledger.values import parse_amount

# field → the headers that name it (compared without case, accents or punctuation)
ACTIVITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "year": ("Exercice", "Année", "Annee", "Year", "Fiscal year"),
    "entity": ("Entité", "Collectivité", "Budget", "Entity"),
    "factor": (
        "Facteur",
        "Catégorie/facteur",
        "Catégorie / facteur",
        "Facteur physique",
        "Identifiant du facteur",
        "Factor",
    ),
    "quantity": ("Quantité", "Qté", "Quantity"),
    "unit": ("Unité", "Unit"),
    "source": ("Source", "Source de la donnée", "Origine de la donnée", "Data source"),
    "contract": ("Marché", "N° de marché", "Numéro de marché", "Contrat", "Contract"),
    "account": ("Compte", "Compte nature", "Compte (préfixe)", "Account"),
    "supplier": (
        "Fournisseur",
        "SIRET fournisseur",
        "SIREN fournisseur",
        "Fournisseur (SIREN, SIRET ou nom)",
        "Supplier",
    ),
    "covered_eur": ("Montant HT couvert", "Montant couvert", "Dépense couverte", "Covered spend"),
    "comment": ("Commentaire", "Remarque", "Comment"),
}
REQUIRED = ("year", "factor", "quantity", "unit")


@dataclass(frozen=True)
class Activity:
    """One row of the activity file, checked, its quantity in its factor's unit."""

    path: str
    sheet: str | None
    row: int
    year: int
    entity: str
    factor: str  # physical factor id
    quantity: float  # as written, in ``unit``
    unit: str  # as written
    quantity_used: float  # in the factor's unit
    source: str
    contract: str = ""
    account: str = ""
    supplier_siren: str = ""  # 9 digits, or 14 for a SIRET (one establishment)
    supplier_name: str = ""  # exact name, when no SIREN is given
    covered_eur: float | None = None  # the spend HT the row says it covers, if given

    @property
    def location(self) -> Location:
        return Location(self.path, self.sheet, self.row)

    @property
    def ref(self) -> str:
        """The row's reference in data (line column, JSON), the same in every language:
        ``activites.csv:4``, ``activites.xlsx[Activités]:3`` for a workbook's sheet."""
        name = Path(self.path).name
        return f"{name}[{self.sheet}]:{self.row}" if self.sheet else f"{name}:{self.row}"

    @property
    def where(self) -> dict[str, Any]:
        """The row for a message (template ``activity-row``): file name, sheet, row."""
        return {"file": Path(self.path).name, "sheet": self.sheet, "row": self.row}

    def text(self) -> Text:
        """The row named in a message's language: « activites.csv ligne 4 »."""
        return Text("activity-row", **self.where)

    @property
    def selector(self) -> tuple[str, str, str, str]:
        """What spend the row covers, apart from its year and entity."""
        return (self.contract, self.account, self.supplier_siren, fold(self.supplier_name))

    @property
    def has_selector(self) -> bool:
        return any(self.selector)


def load_activities(
    paths: Sequence[Path | str], factors: Mapping[str, Factor]
) -> tuple[Activity, ...]:
    """The rows of every activity file, checked against the physical ``factors``.

    The first problem raises :class:`LedgerError` (exit 3) at its cell, saying how many other
    rows have one too, so that nothing is half-counted.
    """
    out: list[Activity] = []
    for path in paths:
        out.extend(_read_file(Path(path), factors))
    _check_duplicates(out)
    return tuple(out)


def _read_file(path: Path, factors: Mapping[str, Factor]) -> list[Activity]:
    sheets = read_data_sheets(path)
    header = find_header(sheets, ACTIVITY_COLUMNS, REQUIRED)
    if header is None:
        raise _no_header(path, sheets)
    physical = {fid: f for fid, f in factors.items() if f.kind == "physical"}
    by_label = {fold(f.label): fid for fid, f in physical.items()}
    rows: list[Activity] = []
    errors: list[LedgerError] = []
    for offset, row in enumerate(header.sheet.rows[header.index + 1 :]):
        if all(blank(c) for c in row):
            continue
        try:
            rows.append(_activity(header, offset, row, factors, physical, by_label))
        except LedgerError as exc:
            errors.append(exc)
    if errors:
        first = errors[0]
        more = Text("activity-more-errors", count=len(errors) - 1) if len(errors) > 1 else ""
        raise LedgerError(first.code, first.location, **{**first.params, "more": more})
    return rows


def _activity(
    header: Header,
    offset: int,
    row: Sequence[Any],
    factors: Mapping[str, Factor],
    physical: Mapping[str, Factor],
    by_label: Mapping[str, str],
) -> Activity:
    def text(field: str) -> str:
        return cell_text(header.cell(row, field))

    year = _year(header, offset, header.cell(row, "year"))
    fid = _factor(header, offset, text("factor"), factors, physical, by_label)
    factor = physical[fid]
    quantity = _number(header, offset, row, "quantity", required=True)
    assert quantity is not None
    if quantity < 0:
        raise LedgerError(
            "activity-quantity-negative", header.where(offset, "quantity"), value=text("quantity")
        )
    unit_text = text("unit")
    used = _converted(header, offset, quantity, unit_text, factor)
    covered = _number(header, offset, row, "covered_eur", required=False)
    siren, name = _supplier(header, offset, text("supplier"))
    account = "".join(ch for ch in text("account") if not ch.isspace())
    return Activity(
        path=header.sheet.path,
        sheet=header.sheet.sheet,
        row=header.index + 2 + offset,
        year=year,
        entity=text("entity"),
        factor=fid,
        quantity=quantity,
        unit=unit_text,
        quantity_used=used,
        source=text("source"),
        contract=text("contract"),
        account=account,
        supplier_siren=siren,
        supplier_name=name,
        covered_eur=covered,
    )


def _year(header: Header, offset: int, value: Any) -> int:
    text = cell_text(value)
    try:
        year = int(float(text.replace(",", "."))) if text else 0
    except ValueError:
        year = 0
    if not 1990 <= year <= 2100 or (text and float(text.replace(",", ".")) != year):
        raise LedgerError("activity-year-invalid", header.where(offset, "year"), value=text)
    return year


def _factor(
    header: Header,
    offset: int,
    text: str,
    factors: Mapping[str, Factor],
    physical: Mapping[str, Factor],
    by_label: Mapping[str, str],
) -> str:
    where = header.where(offset, "factor")
    if text in physical:
        return text
    if fold(text) in by_label:
        return by_label[fold(text)]
    if text in factors:  # a monetary ratio: an activity needs a quantity factor
        raise LedgerError("activity-factor-monetary", where, value=text)
    close = difflib.get_close_matches(text, list(physical), n=3, cutoff=0.5)
    suggestions = ", ".join(close) if close else "—"
    raise LedgerError("activity-factor-unknown", where, value=text or "(vide)", close=suggestions)


def _number(
    header: Header, offset: int, row: Sequence[Any], field: str, *, required: bool
) -> float | None:
    value = header.cell(row, field)
    if blank(value):
        if required:
            raise LedgerError("activity-quantity-missing", header.where(offset, field))
        return None
    number = float(value) if isinstance(value, int | float) else parse_amount(value)
    if number is None or number != number:
        code = "activity-quantity-invalid" if field == "quantity" else "activity-amount-invalid"
        raise LedgerError(code, header.where(offset, field), value=cell_text(value))
    return float(number)


def _converted(header: Header, offset: int, quantity: float, unit: str, factor: Factor) -> float:
    """The quantity in the factor's unit (kg → t, MWh → kWh, m3 → L…); refused if it does not
    convert (``t`` for a per-kWh factor)."""
    code, mult = unit_code(unit)
    where = header.where(offset, "unit")
    if not code:
        raise LedgerError(
            "activity-unit-unknown", where, unit=unit or "(vide)", known=", ".join(PHYSICAL_UNITS)
        )
    ratio = quantity_ratio(code, factor.physical_unit)
    if ratio is None:
        raise LedgerError(
            "activity-unit-mismatch",
            where,
            unit=unit,
            factor=factor.id,
            factor_unit=factor.physical_unit,
        )
    return quantity * mult * ratio


def _supplier(header: Header, offset: int, text: str) -> tuple[str, str]:
    """(SIREN or SIRET, name): digits are an identifier, checked; anything else is a name."""
    from stdnum.fr import siren, siret

    digits = "".join(ch for ch in text if not ch.isspace())
    if not digits.isdigit():
        return "", text
    checker = siret if len(digits) == 14 else siren
    if len(digits) not in (9, 14) or not checker.is_valid(digits):
        raise LedgerError("activity-siren-invalid", header.where(offset, "supplier"), value=text)
    return digits, ""


def _check_duplicates(rows: Sequence[Activity]) -> None:
    """Two rows of one year, entity, spend selector and factor would count the same quantity
    twice: refused (rows of different factors on one contract — meals by type — are fine)."""
    seen: dict[tuple[Any, ...], Activity] = {}
    for a in rows:
        key = (a.year, fold(a.entity), a.selector, a.factor)
        if key in seen:
            first = seen[key]
            raise LedgerError(
                "activity-duplicate",
                a.location,
                other=first.text(),
                factor=a.factor,
                year=a.year,
            )
        seen[key] = a


def _no_header(path: Path, sheets: Sequence[DataSheet]) -> LedgerError:
    return LedgerError("activity-no-header", Location(str(path)), seen=seen_headers(sheets))
