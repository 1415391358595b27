"""The AGEC art. 58 report of one year: categories, signals and gifts added up per buyer.

The lines are the footprint's (same perimeter, same amounts HT: the declaration's spend is the
one the footprint counts); :mod:`.categories` gives each goods line its category,
:mod:`.signals` its reuse and recycled amounts. Sums run on whole columns (groupby).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from achats_durables.circular.categories import line_categories
from achats_durables.circular.report import AgecReport, Buyer, CategoryRow
from achats_durables.circular.signals import KINDS, SOURCES, line_signals
from achats_durables.core.errors import Issue, LedgerError, Location
from achats_durables.core.text import fold
from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.messages import Text
from achats_durables.knowledge.agec import (
    AgecRules,
    AgecSettings,
    Declaration,
    Target,
    target_for,
)
from achats_durables.knowledge.config import Entity
from achats_durables.knowledge.rules import RuleFile


@dataclass(frozen=True)
class AgecInputs:
    """What the report needs besides the footprint's lines."""

    rules: AgecRules
    declaration: Declaration
    targets: tuple[Target, ...]  # the config's first, then the shipped ones
    settings: AgecSettings = field(default_factory=AgecSettings)
    entities: tuple[Entity, ...] = ()
    # contract flags of the register: kind → {normalised contract number → share}
    contract_shares: dict[str, dict[str, float]] = field(default_factory=dict)
    # entity name (folded) → buyer SIRET read in the register, when it gives a single one
    register_sirets: dict[str, str] = field(default_factory=dict)
    targets_status: str = ""


def compute_agec(
    footprint: FootprintReport, inputs: AgecInputs, year: int | None = None
) -> AgecReport:
    """The AGEC report of ``footprint``'s lines for ``year`` (by default the lines' only year)."""
    lines = footprint.lines
    cats = line_categories(lines, inputs.rules.ruleset)
    year = _year(lines, cats.goods, year, footprint)
    in_year = cats.goods & (lines["year"].to_numpy(dtype=float, na_value=np.nan) == year)
    spend = np.nan_to_num(lines["amount_excl_vat_eur"].to_numpy(dtype=float, na_value=np.nan))
    signals = line_signals(
        lines,
        spend,
        in_year,
        inputs.contract_shares,
        inputs.settings,
        inputs.rules.signals,
        {i.path: dict(i.columns) for i in footprint.input_details},
    )
    frame = _line_frame(lines, cats, in_year, spend, signals)
    buyers = _buyers(frame, inputs, year)
    group = _group(buyers) if len(buyers) > 1 else None
    unclassified = _unclassified(frame)
    issues = _issues(buyers, group, frame, unclassified, inputs.settings, year)
    rejected = footprint.reconciliation.rows_rejected
    if rejected:  # unreadable rows are in no category: say so, never drop them silently
        issues.insert(0, Issue("agec-rows-rejected", {"count": rejected}))
    return AgecReport(
        year=year,
        inputs=[i.to_dict() for i in footprint.input_details],
        rule_files=[_rule_file(f) for f in inputs.rules.ruleset.files],
        declaration={
            "name": inputs.declaration.name,
            "version": inputs.declaration.version,
            "source": inputs.declaration.source,
        },
        targets_status=inputs.targets_status,
        buyers=buyers,
        group=group,
        unclassified=unclassified,
        count_label_signals=inputs.settings.count_label_signals,
        issues=issues,
        lines=frame,
        tool_version=footprint.tool_version,
        options={"year": year},
    )


def _rule_file(f: RuleFile) -> dict[str, Any]:
    layer = "utilisateur" if f.layer == 0 else "défaut"
    name = Path(f.path).name
    return {
        "id": f.id,
        "name": f.name,
        "path": name,
        "sha256": f.sha256,
        "layer": layer,
        "rules": f.rules,
    }


def _year(
    lines: pd.DataFrame, goods: np.ndarray, year: int | None, footprint: FootprintReport
) -> int:
    if year is not None:
        return year
    found = lines["year"].to_numpy(dtype=float, na_value=np.nan)[goods]
    years = [int(y) for y in np.unique(found[~np.isnan(found)])]
    if len(years) == 1:
        return years[0]
    if not years:
        years = [int(y) for y in footprint.totals.years]
        if len(years) == 1:
            return years[0]
    raise LedgerError(
        "agec-year-ambiguous",
        Location(str(lines["source"].iloc[0]) if len(lines) else None),
        years=", ".join(map(str, years)) or "—",
    )


def _line_frame(
    lines: pd.DataFrame,
    cats: Any,
    in_year: np.ndarray,
    spend: np.ndarray,
    signals: dict[str, Any],
) -> pd.DataFrame:
    """The goods lines of the year, with their category, rule and signals."""
    cols = ["source", "sheet", "row", "entity", "entity_id", "account", "cpv_used", "label",
            "supplier", "supplier_siret", "contract_ref"]  # fmt: skip
    out = lines.loc[in_year, cols].copy()
    out["spend_eur"] = spend[in_year]
    out["category"] = cats.category[in_year]
    out["rule"] = cats.rule[in_year]
    out["excluded"] = cats.excluded[in_year]
    for kind in KINDS:
        s = signals[kind]
        out[f"{kind}_eur"] = s.amount[in_year]
        out[f"{kind}_source"] = np.asarray(SOURCES, dtype=object)[s.source[in_year]]
        out[f"label_{kind}_eur"] = s.label_amount[in_year]
    return out.reset_index(drop=True)


def _sums(frame: pd.DataFrame) -> dict[tuple[str, str], CategoryRow]:
    """Per (entity, category): the spend, the signals by source, the lines."""
    classified = frame[frame["category"] != ""]
    out: dict[tuple[str, str], CategoryRow] = {}
    if classified.empty:
        return out
    keys = [classified["entity"].astype(str), classified["category"]]
    base = classified.groupby(keys, sort=False).agg(
        spend=("spend_eur", "sum"),
        lines=("spend_eur", "size"),
        reuse=("reuse_eur", "sum"),
        recycled=("recycled_eur", "sum"),
        label_reuse=("label_reuse_eur", "sum"),
        label_recycled=("label_recycled_eur", "sum"),
    )
    for key, r in base.iterrows():
        entity, category = cast(tuple[str, str], key)
        out[(entity, category)] = CategoryRow(
            category=category,
            spend_eur=float(r["spend"]),
            reuse_eur=float(r["reuse"]),
            recycled_eur=float(r["recycled"]),
            lines=int(r["lines"]),
            label_reuse_eur=float(r["label_reuse"]),
            label_recycled_eur=float(r["label_recycled"]),
        )
    for kind in KINDS:
        by = classified.groupby([*keys, classified[f"{kind}_source"]], sort=False)
        for key, v in by[f"{kind}_eur"].sum().items():
            entity, category, src = cast(tuple[str, str, str], key)
            if src:
                getattr(out[(entity, category)], f"{kind}_by_source")[src] = float(v)
    return out


def _buyers(frame: pd.DataFrame, inputs: AgecInputs, year: int) -> list[Buyer]:
    sums = _sums(frame)
    names = [str(n) for n in pd.unique(frame["entity"].astype(object))]
    gifts_by = _gifts(inputs, year, names)
    for key in gifts_by:
        if key[0] not in names:
            names.append(key[0])
    targets = inputs.targets
    buyers = []
    for name in names or [""]:
        rows = []
        for category in inputs.declaration.categories:
            row = sums.get((name, category)) or CategoryRow(category)
            gift = gifts_by.get((name, category), 0.0)
            if gift:
                row.gifts_eur += gift
                row.reuse_eur += gift
                row.reuse_by_source["gift"] = row.reuse_by_source.get("gift", 0.0) + gift
            row.target = target_for(targets, category, year)
            _check_total(row, name)
            rows.append(row)
        entity = _entity(name, inputs.entities)
        siret, origin = _siret(name, entity, frame, inputs.register_sirets)
        siren = entity.siren if entity is not None and entity.siren else siret[:9]
        buyers.append(Buyer(entity.name if entity else name, siren, siret, origin, rows))
    return buyers


def _gifts(inputs: AgecInputs, year: int, names: Sequence[str]) -> dict[tuple[str, str], float]:
    """The gifts of ``year`` by (entity of the ledger, category)."""
    out: dict[tuple[str, str], float] = {}
    for gift in inputs.settings.gifts:
        if gift.year != year:
            continue
        if gift.entity:
            wanted = fold(gift.entity)
            name = next((n for n in names if fold(n) == wanted), gift.entity)
        elif len(names) <= 1:
            name = names[0] if names else ""
        else:
            raise LedgerError("agec-gift-entity-missing", Location(), category=gift.category)
        out[(name, gift.category)] = out.get((name, gift.category), 0.0) + gift.amount_eur
    return out


def _check_total(row: CategoryRow, entity: str) -> None:
    """Reuse or recycled spend above the category's total (credit notes without the flag)."""
    for kind in KINDS:
        value = row.reuse_eur if kind == "reuse" else row.recycled_eur
        if value > row.total_eur + 0.005 and value > 0:
            raise LedgerError(
                "agec-above-total",
                Location(),
                entity=entity or "—",
                category=row.category,
                kind=Text(f"agec-kind-{kind}"),
                amount=value,
                total=row.total_eur,
            )


def _entity(name: str, entities: Sequence[Entity]) -> Entity | None:
    wanted = fold(name)
    found = [e for e in entities if fold(e.name) == wanted]
    if found:
        return found[0]
    return entities[0] if len(entities) == 1 and not name else None


def _siret(
    name: str, entity: Entity | None, frame: pd.DataFrame, register: dict[str, str]
) -> tuple[str, str]:
    """The buyer's SIRET and where it comes from: achats.yaml, the ledger (a 14-digit entity
    id, one per entity), the register (a single buyer SIRET), else none."""
    from stdnum.fr import siret as stdnum_siret

    if entity is not None and entity.siret:
        return entity.siret, "config"
    mine = frame.loc[frame["entity"].astype(str) == name, "entity_id"]
    ids = {"".join(ch for ch in str(v) if ch.isdigit()) for v in pd.unique(mine.astype(object))}
    ids = {i for i in ids if len(i) == 14 and stdnum_siret.is_valid(i)}
    if entity is not None and entity.siren:
        ids = {i for i in ids if i[:9] == entity.siren}
    if len(ids) == 1:
        return ids.pop(), "ledger"
    found = register.get(fold(entity.name if entity else name), "")
    if found:
        return found, "register"
    return "", ""


def _group(buyers: list[Buyer]) -> list[CategoryRow]:
    rows = []
    for i, first in enumerate(buyers[0].categories):
        total = CategoryRow(first.category, target=first.target)
        for b in buyers:
            total.add(b.categories[i])
        rows.append(total)
    return rows


def _unclassified(frame: pd.DataFrame) -> dict[str, Any]:
    """Goods lines of no category: their spend, the accounts that weigh most, and the reuse
    or recycled spend flagged among them (it cannot be declared without a category)."""
    none = frame[(frame["category"] == "") & (frame["excluded"] == "")]
    top = (
        none.groupby(none["account"].astype(str), sort=False)["spend_eur"]
        .agg(["sum", "size"])
        .sort_values("sum", ascending=False)
        .head(10)
    )
    return {
        "lines": len(none),
        "spend_eur": round(float(none["spend_eur"].sum()), 2),
        "reuse_eur": round(float(none["reuse_eur"].sum()), 2),
        "recycled_eur": round(float(none["recycled_eur"].sum()), 2),
        "excluded_lines": int((frame["excluded"] != "").sum()),
        "excluded_spend_eur": round(
            float(frame.loc[frame["excluded"] != "", "spend_eur"].sum()), 2
        ),
        "top_accounts": [
            {"account": a, "spend_eur": round(float(r["sum"]), 2), "lines": int(r["size"])}
            for a, r in top.iterrows()
        ],
    }


def _issues(
    buyers: list[Buyer],
    group: list[CategoryRow] | None,
    frame: pd.DataFrame,
    unclassified: dict[str, Any],
    settings: AgecSettings,
    year: int,
) -> list[Issue]:
    """What the reader must know: SIRETs missing, flagged spend without category, label-only
    signals, targets missing, goods of no category."""
    out: list[Issue] = [
        Issue("agec-siret-missing", {"entity": b.entity or "—", "siren": b.siren or "…"})
        for b in buyers
        if not b.siret
    ]
    flagged = unclassified["reuse_eur"] + unclassified["recycled_eur"]
    if flagged:
        none = frame[(frame["category"] == "") & (frame["excluded"] == "")]
        n = int(((none["reuse_eur"] != 0) | (none["recycled_eur"] != 0)).sum())
        out.append(Issue("agec-unclassified-flagged", {"lines": n, "amount": flagged}))
    said = frame[(frame["category"] != "")]
    said = said[(said["label_reuse_eur"] != 0) | (said["label_recycled_eur"] != 0)]
    if len(said):
        amount = float(said["spend_eur"].sum())
        code = (
            "agec-label-signals-counted" if settings.count_label_signals else "agec-label-signals"
        )
        severity = "warning" if settings.count_label_signals else "info"
        out.append(Issue(code, {"lines": len(said), "amount": amount}, severity=severity))
    rows = group if group is not None else (buyers[0].categories if buyers else [])
    bought = [c for c in rows if c.total_eur > 0]
    missing = [c for c in bought if c.target is None or None in (c.target.reuse, c.target.recycled)]
    if missing:
        out.append(
            Issue("agec-targets-missing", {"count": len(missing), "year": year}, severity="info")
        )
    negative = [(b.entity, c) for b in buyers for c in b.categories if round(c.total_eur, 2) < 0]
    for entity, c in negative:
        params = {"entity": entity or "—", "category": c.category, "amount": c.total_eur}
        out.append(Issue("agec-negative-total", params))
    if unclassified["lines"]:
        accounts = ", ".join(a["account"] or "—" for a in unclassified["top_accounts"][:5])
        params = {
            "lines": unclassified["lines"],
            "amount": unclassified["spend_eur"],
            "accounts": accounts,
        }
        out.append(Issue("agec-unclassified-goods", params, severity="info"))
    return out
