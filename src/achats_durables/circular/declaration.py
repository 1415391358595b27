"""The official declaration: one row per buyer SIRET × category, in the data.gouv schema.

The schema (``schema-declaration-biens-valorisation``, a Table Schema) is turned into the JSON
Schema of one row (types, required fields, the SIRET pattern, the 17 category labels) and every
row is checked with ``jsonschema`` before anything is written; the checks the Table Schema cannot
express are added: the SIRET's check digit (python-stdnum), amounts not negative and not above
the category's total, gifts within reuse. :func:`check_rows` also checks a declaration file a
user edited before filing it (``achats agec --check``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from achats_durables.circular.report import AgecReport, Buyer
from achats_durables.core.errors import Issue, LedgerError, Location, OutputError
from achats_durables.knowledge.agec import Declaration, load_declaration

AMOUNTS = (
    "montant_total",
    "montant_reemploi_et_reutilisation",
    "montant_produits_issus_don",
    "montant_produits_recycles",
)
_TYPES = {"year": "integer", "string": "string", "number": "number"}


def row_schema(declaration: Declaration) -> dict[str, Any]:
    """The JSON Schema of one declaration row (values as typed: year int, amounts numbers)."""
    props: dict[str, Any] = {}
    for f in declaration.fields:
        prop: dict[str, Any] = {"type": _TYPES[f.type]}
        if f.pattern:
            prop["pattern"] = f.pattern
        if f.name == "type_produit_acquis":
            prop["enum"] = list(declaration.categories)
        if not f.required:
            prop = {"anyOf": [prop, {"type": "null"}]}
        props[f.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": props,
        "required": [f.name for f in declaration.fields if f.required],
        "additionalProperties": False,
    }


def declaration_rows(
    report: AgecReport, buyers: Sequence[Buyer] | None = None
) -> list[dict[str, Any]]:
    """The rows of the official CSV: every category of every buyer (zero where nothing was
    bought: the declaration then says so), amounts rounded to the cent."""
    rows = []
    for buyer in buyers if buyers is not None else report.buyers:
        for c in buyer.categories:
            rows.append(
                {
                    "annee": report.year,
                    "siret": buyer.siret,
                    "raison_sociale": buyer.entity,
                    "type_produit_acquis": c.category,
                    "montant_total": _declared(c.total_eur),
                    "montant_reemploi_et_reutilisation": _declared(c.reuse_eur),
                    "montant_produits_issus_don": _declared(c.gifts_eur),
                    "montant_produits_recycles": _declared(c.recycled_eur),
                    "commentaires": _comment(c.total_eur),
                }
            )
    return rows


def _declared(amount: float) -> float:
    """An amount as declared: to the cent, never negative (credit notes of earlier years above
    the year's purchases leave a category at 0, said in its comment)."""
    return max(round(amount, 2), 0.0)


def _comment(total: float) -> str | None:
    if round(total, 2) >= 0:
        return None
    net = f"{total:.2f}".replace(".", ",")
    return f"avoirs supérieurs aux achats de l'année (solde {net} € HT) : déclaré à 0"


def checked_declaration(
    report: AgecReport, declaration: Declaration | None = None
) -> list[dict[str, Any]]:
    """The official rows of ``report``, checked against the schema before anything is written:
    a buyer without SIRET is an input error (the message says what to add to achats.yaml), a
    row the schema refuses is a defect of the tool."""
    missing = [b.entity or "—" for b in report.buyers if not b.siret]
    if missing:
        names = ", ".join(f"« {m} »" for m in missing)
        raise LedgerError("agec-siret-missing-csv", Location(), entities=names)
    declaration = declaration or load_declaration()
    rows = declaration_rows(report)
    problems = check_rows(rows, declaration)
    if problems:
        first = problems[0].message()
        raise OutputError("agec-declaration-invalid", Location(), count=len(problems), first=first)
    return rows


def check_rows(
    rows: Sequence[dict[str, Any]], declaration: Declaration, path: str | None = None
) -> list[Issue]:
    """Every problem of ``rows`` (each located at its row, header = row 1): the schema's, the
    SIRET's check digit, amounts negative or above the total. Empty: the declaration is valid."""
    from jsonschema import Draft202012Validator
    from stdnum.fr import siret

    validator = Draft202012Validator(row_schema(declaration))
    issues: list[Issue] = []
    for i, row in enumerate(rows):
        where = functools.partial(_at, path, i + 2)
        for err in sorted(validator.iter_errors(row), key=lambda e: [str(p) for p in e.path]):
            issues.append(_schema_issue(err, where, declaration))
        value = row.get("siret")
        if isinstance(value, str) and len(value) == 14 and value.isdigit():
            if not siret.is_valid(value):
                issues.append(_issue("agec-row-siret-checksum", where("siret"), value=value))
        issues += _amount_issues(row, where)
    return issues


def _at(path: str | None, row: int, column: str | None) -> Location:
    return Location(path, None, row, column)


def _amount_issues(row: dict[str, Any], where: Any) -> list[Issue]:
    values = {k: row.get(k) for k in AMOUNTS}
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values.values()):
        return []  # the schema's message says it
    out = [
        _issue("agec-row-negative", where(k), value=v)
        for k, v in values.items()
        if float(v) < 0  # type: ignore[arg-type]
    ]
    total = float(values["montant_total"])  # type: ignore[arg-type]
    for k in AMOUNTS[1:]:
        if float(values[k]) > total + 0.005:  # type: ignore[arg-type]
            out.append(_issue("agec-row-above-total", where(k), value=values[k], total=total))
    if float(values[AMOUNTS[2]]) > float(values[AMOUNTS[1]]) + 0.005:  # type: ignore[arg-type]
        out.append(
            _issue(
                "agec-row-gifts-above-reuse",
                where(AMOUNTS[2]),
                value=values[AMOUNTS[2]],
                reuse=values[AMOUNTS[1]],
            )
        )
    return out


def _issue(code: str, where: Location, **params: Any) -> Issue:
    return Issue(code, params, where, severity="error")


def _schema_issue(err: Any, where: Any, declaration: Declaration) -> Issue:
    """A schema error as a French message: the field, what was found, what is expected."""
    if err.validator == "required":
        missing = str(err.message).split("'")[1] if "'" in str(err.message) else "?"
        return _issue("agec-row-missing", where(missing), field=missing)
    col = str(err.path[0]) if err.path else None
    found = str(err.instance)
    found = found if len(found) <= 80 else found[:79] + "…"
    if err.validator == "enum":
        close = declaration.closest(found)
        return _issue("agec-row-category", where(col), value=found, close=close)
    if err.validator == "pattern":
        return _issue("agec-row-siret", where(col), value=found)
    if err.validator == "additionalProperties":
        known = {f.name for f in declaration.fields}
        extra = ", ".join(f"« {k} »" for k in err.instance if k not in known)
        return _issue("agec-row-extra-column", where(None), value=extra)
    return _issue("agec-row-type", where(col), value=found, field=col or "?")
