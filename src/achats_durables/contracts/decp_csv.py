"""DECP CSV files: the decp.info tabular layout (one row per holder, ``uid``) and flat CSV."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from achats_durables.contracts.decp_values import ENUMS
from achats_durables.contracts.model import IssueSink
from achats_durables.core.errors import Issue, Location
from achats_durables.i18n.messages import Text

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
) -> tuple[str, list[dict[str, Any]], int, list[str | Text]]:
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
        by_key[key] = _csv_record(cells, cols, headers, offset + 2, str(path), sink)
    records = list(by_key.values())
    key_name = "uid" if "uid" in names else "acheteur_id + id"
    _file_issues(variants, key_name, cols, len(records), str(path), sink)
    notes: list[str | Text] = [
        Text("note-decp-csv", rows=n_rows, records=len(records), key=key_name)
    ]
    if n_rows > len(records):
        notes.append(Text("note-decp-csv-duplicates", count=n_rows - len(records), key=key_name))
    return "decp-csv", records, 0, notes


def _csv_record(
    cells: list[str],
    cols: dict[str, int],
    headers: dict[str, str],
    rownum: int,
    path: str,
    sink: IssueSink,
) -> dict[str, Any]:
    """The raw record of one CSV row (the first row of its contract)."""
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
        where=Location(path, None, rownum),
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
    return rec


def _file_issues(
    variants: dict[tuple[str, ...], set[tuple[str, ...]]],
    key_name: str,
    cols: dict[str, int],
    count: int,
    path: str,
    sink: IssueSink,
) -> None:
    """Keys reused with different amounts or dates; no considerations column at all."""
    conflicts = [k for k, v in variants.items() if len(v) > 1]
    if conflicts:
        examples = ", ".join("/".join(k) for k in conflicts[:5])
        sink.add(
            Issue(
                "decp-duplicate-conflict",
                {"count": len(conflicts), "key": key_name, "examples": examples},
                Location(path),
            )
        )
    if "social" not in cols and "environmental" not in cols:
        sink.add(Issue("contract-no-consideration-columns", {"count": count}, Location(path)))
