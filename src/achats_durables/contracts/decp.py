"""DECP v2 files: official JSON (schema 2.0.3), decp.info tabular CSV and flat CSV.

Records are turned into the raw record dicts of :func:`contracts.build_frame`. Each JSON record
is checked against the official schema (:mod:`.decp_schema`): a value of the wrong type refuses
it with the schema's reason; lighter problems (required fields, extra properties, allowed
values, identifier lengths, SIRET format) are reported as warnings naming the record. Nothing
is dropped silently: a record that cannot be read at all is refused with an error issue. The
CSV layouts are read by :mod:`.decp_csv`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from achats_durables.contracts.decp_csv import CSV_COLUMNS, is_decp_csv, read_decp_csv
from achats_durables.contracts.decp_schema import MAX_DEPTH, type_fault
from achats_durables.contracts.decp_values import (
    CONCESSION_NATURE,
    CONCESSION_OPTIONAL,
    CONCESSION_REQUIRED,
    CONSIDERATION_FIELDS,
    ENUMS,
    MARCHE_OPTIONAL,
    MARCHE_REQUIRED,
)
from achats_durables.contracts.model import (
    ContractError,
    IssueSink,
    match_consideration,
)
from achats_durables.core.errors import Issue, Location
from achats_durables.i18n.messages import Text

# --- JSON -------------------------------------------------------------------------------------


def _layout(data: Any, loc: Location) -> tuple[str, list[tuple[str | None, Any]]]:
    """(layout description, [(kind or None when to be guessed, record)])."""

    def as_list(value: Any) -> list[Any]:
        return value if isinstance(value, list) else ([] if value is None else [value])

    if isinstance(data, list):
        return "liste d'enregistrements", [(None, r) for r in data]
    if isinstance(data, dict):
        inner = data.get("marches", data)
        if isinstance(inner, list):
            return "{marches: [...]}", [(None, r) for r in inner]
        if isinstance(inner, dict) and ({"marche", "contrat-concession"} & inner.keys()):
            pairs: list[tuple[str | None, Any]] = [
                ("marche", r) for r in as_list(inner.get("marche"))
            ]
            pairs += [("contrat-concession", r) for r in as_list(inner.get("contrat-concession"))]
            return "{marches: {marche: [...], contrat-concession: [...]}}", pairs
    keys = ", ".join(list(data)[:8]) if isinstance(data, dict) else type(data).__name__
    raise ContractError("contract-json-unrecognised", loc, detail=keys)


def read_decp_json(
    path: Path, sink: IssueSink
) -> tuple[str, list[dict[str, Any]], int, list[str | Text]]:
    loc = Location(str(path))
    try:
        data = json.loads(path.read_bytes())
    except json.JSONDecodeError as exc:
        raise ContractError(
            "contract-json-invalid",
            loc,
            detail=f"ligne {exc.lineno}, colonne {exc.colno} : {exc.msg}",
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ContractError("contract-json-invalid", loc, detail=str(exc)[:200]) from None
    except RecursionError:
        raise ContractError("contract-json-too-deep", loc, limit=MAX_DEPTH) from None
    layout, pairs = _layout(data, loc)
    records: list[dict[str, Any]] = []
    refused = 0
    concessions = 0
    for index, (kind, obj) in enumerate(pairs, start=1):
        rec = _json_record(obj, kind, index, str(path), sink)
        if rec is None:
            refused += 1
            continue
        concessions += rec["nature"] == CONCESSION_NATURE
        records.append(rec)
    notes: list[str | Text] = [Text("note-decp-json", layout=layout, count=len(pairs))]
    if concessions:
        notes.append(Text("note-decp-concessions", count=concessions, nature=CONCESSION_NATURE))
    return "decp-json", records, refused, notes


def _label(obj: Any, index: int) -> str:
    rid = obj.get("id") if isinstance(obj, dict) else None
    return f"« {rid} » (n° {index})" if rid not in (None, "") else f"n° {index}"


def _json_record(
    obj: Any, kind: str | None, index: int, path: str, sink: IssueSink
) -> dict[str, Any] | None:
    label = _label(obj, index)
    where = Location(path)

    def issue(code: str, severity: str = "warning", **params: Any) -> None:
        sink.add(Issue(code, {"record": label, **params}, where, severity))

    if not isinstance(obj, dict):
        issue(
            "decp-record-refused",
            "error",
            reason=f"ce n'est pas un objet JSON ({type(obj).__name__})",
        )
        return None
    if kind is None:
        concession_keys = {"autoriteConcedante", "concessionnaires", "valeurGlobale"}
        kind = "contrat-concession" if concession_keys & obj.keys() else "marche"
    fault = type_fault(obj, kind)
    if fault is not None:
        code = "decp-field-type" if fault["field"] else "decp-record-too-deep"
        sink.add(Issue(code, {"record": label, "limit": MAX_DEPTH, **fault}, where, "error"))
        return None
    social, environmental = (_considerations(obj, k, kind, issue) for k in CONSIDERATION_FIELDS)
    if obj.get("id") in (None, "") and social is None and environmental is None:
        issue("decp-record-refused", "error", reason="ni identifiant « id » ni considérations")
        return None
    _schema_warnings(obj, kind, issue)
    return _raw_record(obj, kind, index, social or [], environmental or []) | {
        "label": label,
        "where": where,
    }


def _schema_warnings(obj: dict[str, Any], kind: str, issue: Any) -> None:
    """Warnings for what the schema asks beyond types: fields, values, identifiers, SIRETs."""
    required, allowed = _fields(kind)
    for prop in obj:
        if prop not in allowed:
            issue("decp-extra-property", property=prop)
    missing = [f for f in required if _empty(obj.get(f))]
    if missing:
        issue("decp-required-missing", fields=", ".join(missing))
    for name, outer, inner, values in _enum_fields(kind):
        value = obj.get(outer)
        if type(value) is str and not inner and value in values:
            continue  # the common case: one allowed text
        for text in _enum_values(obj, name):
            if text not in values:
                issue("decp-value-not-allowed", field=name, value=text)
    for name in ("id", "idAccordCadre"):
        ident = obj.get(name)
        if ident is not None and not (isinstance(ident, str) and 1 <= len(ident) <= 16):
            issue("decp-id-invalid", field=name, value=str(ident))
    cpv = obj.get("codeCPV")
    if cpv is not None and not re.fullmatch(r"\d{8}(-\d)?", str(cpv)):
        issue("decp-cpv-invalid", value=str(cpv))
    for field, value, buyer in _identifiers(obj):
        compact = re.sub(r"\s", "", value)
        if compact != value and compact.isdigit():
            issue("decp-siret-spaces", field=field, value=value, normalised=compact)
        if buyer and not re.fullmatch(r"\d{14}", compact):
            issue("decp-siret-invalid", field=field, value=value)


def _empty(value: Any) -> bool:
    """``value in (None, "", [], {})``: false, and not a number (0 and False are values)."""
    return not value and type(value) not in (bool, int, float)


@cache
def _enum_fields(kind: str) -> tuple[tuple[str, str, str, frozenset[str]], ...]:
    """(name, outer field, inner field or "", allowed values) of the enums checked here: the
    considerations are checked by :func:`_considerations`."""
    return tuple(
        (name, *_split(name), frozenset(values))
        for name, values in ENUMS[kind].items()
        if not name.startswith("considerations")
    )


def _split(name: str) -> tuple[str, str]:
    outer, _, inner = name.partition(".")
    return outer, inner


@cache
def _fields(kind: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The required fields of a record of ``kind``, and every field it may have."""
    concession = kind == "contrat-concession"
    required = CONCESSION_REQUIRED if concession else MARCHE_REQUIRED
    return tuple(required), frozenset(
        {*required, *(CONCESSION_OPTIONAL if concession else MARCHE_OPTIONAL)}
    )


def _raw_record(
    obj: dict[str, Any], kind: str, index: int, social: list[str], environmental: list[str]
) -> dict[str, Any]:
    """The raw record dict of :func:`~achats_durables.contracts.model.build_frame`."""
    concession = kind == "contrat-concession"
    buyer_obj = obj.get("autoriteConcedante" if concession else "acheteur")
    holders = obj.get("concessionnaires" if concession else "titulaires")
    return {
        "row": index,
        "record_id": obj.get("id"),
        "contract_ref": obj.get("id"),
        "buyer_siret": re.sub(r"\s", "", str(buyer_obj.get("id") or ""))
        if isinstance(buyer_obj, dict)
        else None,
        "object": obj.get("objet"),
        "cpv": obj.get("codeCPV"),
        "amount": obj.get("valeurGlobale" if concession else "montant"),
        "notification_date": _iso_date(
            obj.get("dateSignature" if concession else "dateNotification")
        ),
        "duration": obj.get("dureeMois"),
        "procedure": obj.get("procedure"),
        "nature": CONCESSION_NATURE if concession else obj.get("nature"),
        "ccag": obj.get("ccag"),
        "supplier_siret": _first_holder(holders),
        "social": [(v, None) for v in social],
        "environmental": [(v, None) for v in environmental],
    }


def _considerations(
    obj: dict[str, Any], kind: str, record_kind: str, issue: Any
) -> list[str] | None:
    """Raw values of ``considerationsSociales`` / ``…Environnementales`` (None if absent)."""
    outer, inner = CONSIDERATION_FIELDS[kind]
    value = obj.get(outer)
    if value is None:
        return None
    if isinstance(value, dict) and isinstance(value.get(inner), list):
        items: list[Any] = value[inner]
    else:
        issue("decp-field-shape", field=outer, expected=f"{{« {inner} » : [valeurs]}}")
        items = _flatten(value, inner)
    texts = [str(v).strip() for v in items if v is not None and str(v).strip()]
    values = ENUMS[record_kind][f"{outer}.{inner}"]
    for text in texts:
        if text not in values and match_consideration(text, kind) is not None:
            issue("decp-value-not-allowed", field=outer, value=text)
    return texts


def _flatten(value: Any, inner: str) -> list[Any]:
    if isinstance(value, dict):
        return _flatten(value.get(inner), inner)
    if isinstance(value, list):
        return [x for v in value for x in _flatten(v, inner)]
    return [] if value is None else [value]


def _enum_values(obj: dict[str, Any], name: str) -> list[str]:
    outer, _, inner = name.partition(".")
    value = obj.get(outer)
    if inner:
        value = value.get(inner) if isinstance(value, dict) else None
    if value is None:
        return []
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _identifiers(obj: Any, path: str = "") -> list[tuple[str, str, bool]]:
    """(path, value, is buyer) of every ``id`` of a buyer or an economic operator."""
    found: list[tuple[str, str, bool]] = []
    _collect_identifiers(obj, path, found)
    return found


def _collect_identifiers(obj: Any, path: str, found: list[tuple[str, str, bool]]) -> None:
    # paths are built only where the walk goes down or finds an identifier: most values are
    # scalars (building every path cost a quarter of the walk on 100k records, measured)
    if type(obj) is dict:
        for key, value in obj.items():
            kind = type(value)
            if kind is dict or kind is list:  # a scalar holds no identifier
                _collect_identifiers(value, f"{path}.{key}" if path else key, found)
            elif key == "id" and path and isinstance(value, str):
                buyer = path in ("acheteur", "autoriteConcedante")
                if buyer or obj.get("typeIdentifiant") == "SIRET" or _DIGITS.fullmatch(value):
                    found.append((f"{path}.{key}", value, buyer))
    elif type(obj) is list:
        for i, value in enumerate(obj):
            if type(value) is dict or type(value) is list:
                _collect_identifiers(value, f"{path}[{i}]", found)


_DIGITS = re.compile(r"[\d\s]+")


def _first_holder(holders: Any) -> str:
    for item in holders if isinstance(holders, list) else []:
        if isinstance(item, dict):
            holder = item.get("titulaire") or item.get("concessionnaire") or item
            if isinstance(holder, dict) and holder.get("id") is not None:
                return str(holder["id"])
    return ""


def _iso_date(value: Any) -> Any:
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return value


__all__ = [
    "CONCESSION_NATURE",
    "CSV_COLUMNS",
    "ENUMS",
    "is_decp_csv",
    "read_decp_csv",
    "read_decp_json",
]
