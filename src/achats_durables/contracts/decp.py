"""DECP v2 files: official JSON (schema 2.0.3), decp.info tabular CSV and flat CSV.

Records are turned into the raw record dicts of :func:`contracts.build_frame`. Schema problems
are checked lightly (required fields, extra properties, allowed values, identifier lengths,
SIRET format) and reported as issues naming the record; nothing is dropped silently: a record
that cannot be read at all is refused with an error issue.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from achats_durables.contracts.decp_schema import MAX_DEPTH, type_fault
from achats_durables.contracts.model import (
    ContractError,
    IssueSink,
    match_consideration,
)
from achats_durables.core.errors import Issue, Location

_SIRET_TYPES = ("SIRET", "TVA", "TAHITI", "RIDET", "FRWF", "IREP", "HORS-UE")
MARCHE_REQUIRED = (
    "id",
    "acheteur",
    "nature",
    "objet",
    "codeCPV",
    "techniques",
    "modalitesExecution",
    "marcheInnovant",
    "ccag",
    "offresRecues",
    "attributionAvance",
    "typeGroupementOperateurs",
    "procedure",
    "lieuExecution",
    "dureeMois",
    "dateNotification",
    "datePublicationDonnees",
    "montant",
    "typesPrix",
    "formePrix",
    "sousTraitanceDeclaree",
    "titulaires",
    "considerationsSociales",
    "considerationsEnvironnementales",
)
MARCHE_OPTIONAL = (
    "idAccordCadre",
    "tauxAvance",
    "actesSousTraitance",
    "origineUE",
    "origineFrance",
    "modificationsActesSousTraitance",
    "modifications",
)
CONCESSION_REQUIRED = (
    "id",
    "autoriteConcedante",
    "nature",
    "objet",
    "procedure",
    "dureeMois",
    "dateSignature",
    "datePublicationDonnees",
    "dateDebutExecution",
    "valeurGlobale",
    "montantSubventionPublique",
    "concessionnaires",
    "considerationsSociales",
    "considerationsEnvironnementales",
)
CONCESSION_OPTIONAL = ("donneesExecution", "modifications")
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "marche": {
        "nature": ("Marché", "Marché de partenariat", "Marché de défense ou de sécurité"),
        "procedure": (
            "Procédure adaptée",
            "Appel d'offres ouvert",
            "Appel d'offres restreint",
            "Procédure avec négociation",
            "Marché passé sans publicité ni mise en concurrence préalable",
            "Dialogue compétitif",
        ),
        "ccag": (
            "Travaux",
            "Maitrise d'œuvre",
            "Fournitures courantes et services",
            "Marchés industriels",
            "Prestations intellectuelles",
            "Techniques de l'information et de la communication",
            "Pas de CCAG",
        ),
        "typeGroupementOperateurs": ("Conjoint", "Solidaire", "Pas de groupement"),
        "formePrix": ("Unitaire", "Forfaitaire", "Mixte"),
        "techniques.technique": (
            "Accord-cadre",
            "Concours",
            "Système de qualification",
            "Système d'acquisition dynamique",
            "Catalogue électronique",
            "Enchère électronique",
            "Sans objet",
        ),
        "modalitesExecution.modaliteExecution": (
            "Tranches",
            "Bons de commande",
            "Marchés subséquents",
            "Sans objet",
        ),
        "typesPrix.typePrix": (
            "Définitif ferme",
            "Définitif actualisable",
            "Définitif révisable",
            "Provisoire",
        ),
        "considerationsSociales.considerationSociale": (
            "Clause sociale",
            "Critère social",
            "Marché réservé",
            "Pas de considération sociale",
        ),
    },
    "contrat-concession": {
        "nature": (
            "Concession de travaux",
            "Concession de service",
            "Concession de service public",
            "Délégation de service public",
        ),
        "procedure": (
            "Procédure négociée ouverte",
            "Procédure non négociée ouverte",
            "Procédure négociée restreinte",
            "Procédure non négociée restreinte",
        ),
        "considerationsSociales.considerationSociale": (
            "Clause sociale",
            "Critère social",
            "Concession réservée",
            "Pas de considération sociale",
        ),
    },
}
_ENV_ALLOWED = (
    "Clause environnementale",
    "Critère environnemental",
    "Pas de considération environnementale",
)
for _enums in ENUMS.values():
    _enums["considerationsEnvironnementales.considerationEnvironnementale"] = _ENV_ALLOWED
CONSIDERATION_FIELDS = {
    "social": ("considerationsSociales", "considerationSociale"),
    "environmental": ("considerationsEnvironnementales", "considerationEnvironnementale"),
}
CONCESSION_NATURE = "Contrat de concession"


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


def read_decp_json(path: Path, sink: IssueSink) -> tuple[str, list[dict[str, Any]], int, list[str]]:
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
    notes = [f"DECP v2 JSON, disposition {layout} : {len(pairs)} enregistrement(s)"]
    if concessions:
        notes.append(
            f"{concessions} contrat(s) de concession inclus (nature « {CONCESSION_NATURE} »)"
        )
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
    concession = kind == "contrat-concession"
    required = CONCESSION_REQUIRED if concession else MARCHE_REQUIRED
    allowed = {*required, *(CONCESSION_OPTIONAL if concession else MARCHE_OPTIONAL)}
    for prop in obj:
        if prop not in allowed:
            issue("decp-extra-property", property=prop)
    missing = [f for f in required if obj.get(f) in (None, "", [], {})]
    if missing:
        issue("decp-required-missing", fields=", ".join(missing))
    for name, values in ENUMS[kind].items():
        for value in _enum_values(obj, name):
            if value not in values and not name.startswith("considerations"):
                issue("decp-value-not-allowed", field=name, value=value)
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
        "social": [(v, None) for v in social or []],
        "environmental": [(v, None) for v in environmental or []],
        "label": label,
        "where": where,
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


def _identifiers(obj: Any, path: str = "") -> Iterator[tuple[str, str, bool]]:
    """(path, value, is buyer) of every ``id`` of a buyer or an economic operator."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            here = f"{path}.{key}" if path else key
            if key == "id" and isinstance(value, str) and path:
                buyer = path in ("acheteur", "autoriteConcedante")
                if (
                    buyer
                    or obj.get("typeIdentifiant") == "SIRET"
                    or re.fullmatch(r"[\d\s]+", value)
                ):
                    yield here, value, buyer
            else:
                yield from _identifiers(value, here)
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from _identifiers(value, f"{path}[{i}]")


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


# --- CSV --------------------------------------------------------------------------------------

CSV_COLUMNS = {
    "id": "record_id",
    "acheteur_id": "buyer_siret",
    "acheteur.id": "buyer_siret",
    "acheteur_nom": "entity",
    "acheteur_denominationsociale": "entity",
    "objet": "object",
    "codecpv": "cpv",
    "montant": "amount",
    "datenotification": "notification_date",
    "procedure": "procedure",
    "nature": "nature",
    "ccag": "ccag",
    "dureemois": "duration",
    "titulaire_id": "supplier_siret",
    "titulaires_id": "supplier_siret",
    "titulaire_nom": "supplier",
    "titulaire_denominationsociale": "supplier",
    "considerationssociales": "social",
    "considerationsenvironnementales": "environmental",
}


def is_decp_csv(rows: Sequence[Sequence[str]]) -> bool:
    names = {c.strip().lower() for c in rows[0]} if rows else set()
    return "uid" in names or {"id", "acheteur_id"} <= names


def read_decp_csv(
    path: Path, rows: Sequence[Sequence[str]], sink: IssueSink
) -> tuple[str, list[dict[str, Any]], int, list[str]]:
    names = [c.strip().lower() for c in rows[0]]
    cols: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in CSV_COLUMNS:
            cols.setdefault(CSV_COLUMNS[name], i)
    key_cols = [names.index("uid")] if "uid" in names else [cols["buyer_siret"], cols["record_id"]]
    headers = {f: rows[0][i] for f, i in cols.items()}
    by_key: dict[tuple[str, ...], dict[str, Any]] = {}
    variants: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    n_rows = 0
    for offset, row in enumerate(rows[1:]):
        if not any(c.strip() for c in row):
            continue
        n_rows += 1
        cells = list(row) + [""] * (len(names) - len(row))
        key = tuple(cells[i] for i in key_cols)
        compare = tuple(cells[cols[f]] for f in ("amount", "notification_date") if f in cols)
        variants.setdefault(key, set()).add(compare)
        if key in by_key:
            continue
        rownum = offset + 2
        rec: dict[str, Any] = {f: cells[i] for f, i in cols.items()}
        rec["supplier_siret"] = rec.get("supplier_siret", "").split("|")[0]
        rec["supplier"] = rec.get("supplier", "").split("|")[0]
        for kind in ("social", "environmental"):
            rec[kind] = [(rec[kind], None)] if kind in rec else []
        label = f"« {rec.get('record_id', '')} »"
        rec.update(
            row=rownum,
            contract_ref=rec.get("record_id"),
            label=label,
            where=Location(str(path), None, rownum),
            columns=headers,
        )
        if rec.get("procedure") and rec["procedure"] not in ENUMS["marche"]["procedure"]:
            sink.add(
                Issue(
                    "decp-value-not-allowed",
                    {"record": label, "field": "procedure", "value": rec["procedure"]},
                    rec["where"],
                )
            )
        by_key[key] = rec
    records = list(by_key.values())
    key_name = "uid" if "uid" in names else "acheteur_id + id"
    notes = [f"DECP CSV : {n_rows} ligne(s), {len(records)} marché(s) distincts ({key_name})"]
    if n_rows > len(records):
        notes.append(
            f"{n_rows - len(records)} ligne(s) en double (une ligne par titulaire) : dédoublonnées sur {key_name}, la première ligne de chaque marché est retenue"
        )
    conflicts = [k for k, v in variants.items() if len(v) > 1]
    if conflicts:
        examples = ", ".join("/".join(k) for k in conflicts[:5])
        sink.add(
            Issue(
                "decp-duplicate-conflict",
                {"count": len(conflicts), "key": key_name, "examples": examples},
                Location(str(path)),
            )
        )
    if "social" not in cols and "environmental" not in cols:
        sink.add(
            Issue("contract-no-consideration-columns", {"count": len(records)}, Location(str(path)))
        )
    return "decp-csv", records, 0, notes
