"""Contracts as read (DESIGN §8): the canonical frame, the inputs, the issues.

``read_contracts(paths)`` (:mod:`.read`) reads contract registers (:mod:`.register`) and DECP v2
files (:mod:`.decp`, :mod:`.decp_csv`) into raw records; :func:`build_frame` parses them into a
:class:`Contracts` frame, one row per contract record. Considerations are normalised by
:mod:`.considerations`; nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.contracts.considerations import (
    ENVIRONMENTAL_VALUES,
    SOCIAL_VALUES,
    UNSPECIFIED_VALUES,
    flat_cells,
    match_consideration,
    normalise_considerations,
)
from achats_durables.contracts.months import add_months
from achats_durables.core.errors import ContractError, Issue, Location
from achats_durables.core.frames import map_distinct
from achats_durables.core.text import fold
from achats_durables.i18n.messages import Text
from achats_durables.ledger.circular import AMOUNT, NO, SHARE, YES, parse_circular
from achats_durables.ledger.data_table import cell_text
from achats_durables.ledger.values import (
    normalize_cpv,
    normalize_siret,
    normalize_text,
    parse_amounts,
    parse_dates,
)

FRAME_COLUMNS = (
    "source",
    "sheet",
    "row",
    "record_id",
    "contract_ref",
    "buyer_siret",
    "entity",
    "object",
    "cpv",
    "cpv_division",
    "amount_eur",
    "notification_date",
    "year",
    "duration_months",
    "end_date",
    "procedure",
    "nature",
    "ccag",
    "supplier",
    "supplier_siret",
    "social",
    "environmental",
    "has_social",
    "has_environmental",
    "social_raw",
    "environmental_raw",
    "insertion_hours_planned",
    "insertion_hours_done",
    "reuse_share",
    "recycled_share",
)
MAX_BYTES = 1024**3
MAX_ISSUES_PER_CODE = 500
KIND_FR = {"social": "sociale", "environmental": "environnementale"}


@dataclass(frozen=True)
class ContractInput:
    path: str
    sha256: str
    format: str  # "register-xlsx", "register-csv", "decp-json", "decp-csv"
    records_read: int
    records_refused: int
    notes: list[str | Text] = field(default_factory=list)  # Text: rendered in the report's language

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "records_read": self.records_read,
            "records_refused": self.records_refused,
            "format": self.format,
        }


@dataclass(frozen=True)
class Contracts:
    frame: pd.DataFrame
    inputs: list[ContractInput]
    issues: list[Issue]


# --- issues and frame -------------------------------------------------------------------------


class IssueSink:
    """Issues of one file; detailed issues capped per code, the rest counted in a summary."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.issues: list[Issue] = []
        self.counts: Counter[str] = Counter()

    def add(self, issue: Issue) -> None:
        self.counts[issue.code] += 1
        if self.counts[issue.code] <= MAX_ISSUES_PER_CODE or issue.severity == "error":
            self.issues.append(issue)

    def finish(self) -> list[Issue]:
        for code, count in sorted(self.counts.items()):
            if count > MAX_ISSUES_PER_CODE and code != "decp-record-refused":
                self.issues.append(
                    Issue(
                        "contract-issues-truncated",
                        {"issue_code": code, "count": count - MAX_ISSUES_PER_CODE},
                        Location(self.path),
                    )
                )
        return self.issues


def _objects(records: Sequence[Mapping[str, Any]], key: str) -> pd.Series:
    return pd.Series([r.get(key) for r in records], dtype=object)


def _texts(
    records: Sequence[Mapping[str, Any]], key: str, func: Any = normalize_text
) -> np.ndarray:
    return np.asarray(func(_objects(records, key)), dtype=object)


def _duration_text(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    m = re.fullmatch(r"\s*([\d.,]+)\s*(mois|ans?|annees?)?\s*", fold(value))
    if not m:
        return value
    number = m.group(1).replace(",", ".")
    if m.group(2) and m.group(2).startswith("an"):
        try:
            return float(number) * 12
        except ValueError:
            return value
    return number


def empty_frame() -> pd.DataFrame:
    return build_frame([], "", IssueSink(""))


def build_frame(records: Sequence[Mapping[str, Any]], path: str, sink: IssueSink) -> pd.DataFrame:
    """The canonical frame of the records read from one file (raw values parsed here)."""
    n = len(records)
    out: dict[str, Any] = {
        "source": np.full(n, Path(path).name, dtype=object),
        "sheet": np.asarray([r.get("sheet") or "" for r in records], dtype=object),
        "row": np.asarray([r["row"] for r in records], dtype=np.int64),
    }
    for key in ("record_id", "contract_ref", "entity", "object", "procedure", "nature", "ccag"):
        out[key] = _texts(records, key)
    out["supplier"] = _texts(records, "supplier")
    out["buyer_siret"] = _texts(records, "buyer_siret", normalize_siret)
    supplier_ids = _texts(records, "supplier_siret")
    out["supplier_siret"] = np.asarray([re.sub(r"\D", "", s) for s in supplier_ids], dtype=object)
    out["cpv"] = _texts(records, "cpv", normalize_cpv)
    out["cpv_division"] = np.asarray([c[:2] for c in out["cpv"]], dtype=object)
    _value_issues(records, _parse_values(records, out), sink)
    for key in ("reuse", "recycled"):
        out[f"{key}_share"] = _circular_shares(records, key, sink)
    missing = Counter[str]()
    for kind in ("social", "environmental"):
        missing[kind] = _consideration_columns(records, kind, out, sink)
    if missing["social"] or missing["environmental"]:
        sink.add(
            Issue(
                "contract-considerations-missing",
                {"social": missing["social"], "environmental": missing["environmental"]},
                Location(path),
                "info",
            )
        )
    return pd.DataFrame(
        {
            c: pd.Series(out[c], dtype=object) if out[c].dtype == object else out[c]
            for c in FRAME_COLUMNS
        }
    )


def _parse_values(
    records: Sequence[Mapping[str, Any]], out: dict[str, Any]
) -> dict[str, np.ndarray]:
    """Amounts, dates, durations and hours into ``out``; the unreadable cells by field."""
    bad: dict[str, np.ndarray] = {}
    out["amount_eur"], bad["amount"] = parse_amounts(_objects(records, "amount"))
    notif, bad["notification_date"] = parse_dates(_objects(records, "notification_date"))
    end, bad["end_date"] = parse_dates(_objects(records, "end_date"))
    durations = _objects(records, "duration").map(_duration_text)
    out["duration_months"], bad["duration"] = parse_amounts(durations)
    out["insertion_hours_planned"], bad["hours_planned"] = parse_amounts(
        _objects(records, "hours_planned")
    )
    out["insertion_hours_done"], bad["hours_done"] = parse_amounts(_objects(records, "hours_done"))
    # no end date: the notification plus the duration, in calendar months (rounded half-even)
    ends = end.to_numpy(dtype="datetime64[ns]").copy()
    stamps = notif.to_numpy(dtype="datetime64[ns]")
    months = out["duration_months"]
    with np.errstate(invalid="ignore"):
        derive = np.isnat(ends) & ~np.isnat(stamps) & (months > 0) & (months < 1200)
    ends[derive] = add_months(stamps[derive], np.rint(months[derive]).astype(np.int64))
    out["notification_date"] = stamps
    out["end_date"] = ends
    out["year"] = notif.dt.year.to_numpy(dtype="float64", na_value=np.nan)
    return bad


def _value_issues(
    records: Sequence[Mapping[str, Any]], bad: dict[str, np.ndarray], sink: IssueSink
) -> None:
    for i in range(len(records)):
        for key, flags in bad.items():
            if flags[i]:
                code = {"amount": "contract-amount-unreadable"}.get(
                    key, "contract-value-unreadable"
                )
                value = str(records[i].get(key))
                sink.add(
                    Issue(
                        code,
                        {"record": records[i]["label"], "field": _FIELD_FR[key], "value": value},
                        _where(records[i], key),
                    )
                )


def _circular_shares(records: Sequence[Mapping[str, Any]], key: str, sink: IssueSink) -> np.ndarray:
    """The AGEC share of each contract (``reuse`` or ``recycled``): oui 1.0, non 0.0, a share
    0–1; NaN when empty or absent. An amount or another text is an issue, the share left NaN."""
    parsed = parse_circular(_objects(records, key))
    kind = parsed.kind
    shares = np.full(len(records), np.nan)
    shares[kind == YES] = 1.0
    shares[kind == NO] = 0.0
    shares[kind == SHARE] = parsed.value[kind == SHARE]
    for i in np.flatnonzero(parsed.bad | (kind == AMOUNT)).tolist():
        sink.add(
            Issue(
                "agec-register-value-invalid",
                {
                    "record": records[i]["label"],
                    "field": Text(f"agec-field-{key}"),
                    "value": cell_text(records[i].get(key)),
                },
                _where(records[i], key),
                "error",
            )
        )
    return shares


def _consideration_columns(
    records: Sequence[Mapping[str, Any]], kind: str, out: dict[str, Any], sink: IssueSink
) -> int:
    """The ``kind`` columns into ``out``; the count of records that say nothing of ``kind``."""
    values: list[str] = []
    marks: list[bool] = []
    raws: list[str] = []
    missing = 0
    for rec in records:
        found, unknown, informed, raw = normalise_considerations(rec.get(kind) or [], kind)
        for token in unknown:
            sink.add(
                Issue(
                    "contract-consideration-unknown",
                    {"record": rec["label"], "kind": KIND_FR[kind], "value": token},
                    _where(rec, kind),
                )
            )
        missing += not informed
        values.append("|".join(found))
        marks.append(bool(found))
        raws.append("|".join(raw))
    out[kind] = np.asarray(values, dtype=object)
    out[f"has_{kind}"] = np.asarray(marks, dtype=bool)
    out[f"{kind}_raw"] = np.asarray(raws, dtype=object)
    return missing


_FIELD_FR = {
    "amount": "montant",
    "notification_date": "date de notification",
    "end_date": "date de fin",
    "duration": "durée",
    "hours_planned": "heures d'insertion prévues",
    "hours_done": "heures d'insertion réalisées",
}


def _where(record: Mapping[str, Any], key: str) -> Location:
    loc: Location = record["where"]
    columns: Mapping[str, str] = record.get("columns") or {}
    return Location(loc.path, loc.sheet, loc.row, columns.get(key, loc.column))


def _folded_name(text: str) -> str:
    return " ".join(fold(text).split())


def entity_mask(frame: pd.DataFrame, entity: str) -> pd.Series:
    """Contracts of one buyer, named by its name or by its SIREN (9 digits) / SIRET (14 digits).

    A name is compared without case, accents or spacing differences; a SIREN matches every SIRET
    of the buyer (``acheteur.id`` of DECP, SIRET column of a register); several spellings may be
    given separated by ``|`` (« Ville de Blois|214100182 »), as ``achats run`` does.
    """
    parts = [p.strip() for p in entity.split("|") if p.strip()]
    names = {_folded_name(p) for p in parts}
    ids = tuple(
        digits
        for digits in (re.sub(r"[\s.\u00a0\u202f]", "", p) for p in parts)
        if digits.isdigit() and len(digits) in (9, 14)
    )
    entities = frame["entity"].astype(object).fillna("").astype(str)
    keep = map_distinct(entities, lambda c: c.map(_folded_name).isin(names)).astype(bool)
    if ids:
        sirets = frame["buyer_siret"].astype(object).fillna("").astype(str)
        keep |= map_distinct(sirets, lambda c: c.str.startswith(ids)).astype(bool)
    return pd.Series(keep, index=frame.index)


def entity_aliases(entity: str, entities: Sequence[tuple[str, str]]) -> str:
    """``entity`` with the other spelling the config gives (« Ville de Blois|214100182 »).

    ``entities`` are the config's (name, SIREN) pairs: a SIREN or SIRET given on the command
    line then also finds the ledger lines that carry only the entity's name, and the reverse.
    """
    parts = [p.strip() for p in entity.split("|") if p.strip()]
    names = {_folded_name(p) for p in parts}
    ids = {re.sub(r"[\s.\u00a0\u202f]", "", p)[:9] for p in parts}
    extra = [
        alias
        for name, siren in entities
        if _folded_name(name) in names or (siren and siren in ids)
        for alias in (name, siren)
        if alias and alias not in parts
    ]
    return "|".join([*parts, *extra])


__all__ = [
    "ENVIRONMENTAL_VALUES",
    "FRAME_COLUMNS",
    "SOCIAL_VALUES",
    "UNSPECIFIED_VALUES",
    "ContractError",
    "ContractInput",
    "Contracts",
    "entity_aliases",
    "entity_mask",
    "flat_cells",
    "match_consideration",
    "normalise_considerations",
]
