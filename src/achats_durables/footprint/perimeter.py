"""The perimeter of a footprint: the lines read, within ``--year`` and ``--entity``.

Lines outside the perimeter are ``skipped`` (counted, with a reason), never dropped; each line's
fiscal year is known afterwards (a line without a date takes the asked or the dominant year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue, LedgerError, Location
from achats_durables.core.frames import map_distinct
from achats_durables.core.text import fold
from achats_durables.footprint.amounts import raw_amount
from achats_durables.footprint.report import FootprintOptions
from achats_durables.ledger.read import Ledger


@dataclass(frozen=True)
class Perimeter:
    """Per line: whether it was read, whether it is in the perimeter, and why not."""

    read: np.ndarray  # the reader read the line (its CPV votes for its contract's majority)
    ok: np.ndarray  # read and in the perimeter: the lines the rules are matched on
    skipped: np.ndarray  # skipped by the reader or outside the perimeter
    reason: np.ndarray  # why a line is not counted (object array, "" when it is)
    years: np.ndarray  # fiscal year of each line (float)


def select_perimeter(ledger: Ledger, options: FootprintOptions, issues: list[Issue]) -> Perimeter:
    """The lines read, then ``--year`` and ``--entity`` applied (their issues appended)."""
    lines = ledger.lines
    read_status = np.asarray(lines["read_status"].to_numpy(dtype=object))
    reason = lines["read_reason"].to_numpy(dtype=object).copy()
    ok = read_status == "ok"
    skipped = read_status == "skipped"
    years, ok, skipped = fiscal_years(lines, ok, skipped, reason, options, ledger, issues)
    if options.entity:
        ok, skipped = only_entity(lines, ok, skipped, reason, options.entity, ledger, issues)
    return Perimeter(read_status == "ok", ok, skipped, reason, years)


def fiscal_years(
    lines: pd.DataFrame,
    ok: np.ndarray,
    skipped: np.ndarray,
    reason: np.ndarray,
    options: FootprintOptions,
    ledger: Ledger,
    issues: list[Issue],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each line's fiscal year; ``--year`` skips the other years (counted, with a reason)."""
    years = lines["year"].to_numpy(dtype="float64", na_value=np.nan).copy()
    where = Location(ledger.inputs[0].path if ledger.inputs else None)
    known = ok & ~np.isnan(years)
    present = sorted(int(y) for y in pd.unique(years[known]))
    if options.year is not None:
        other = known & (years != options.year)
        if other.any() and not (ok & ~other).any():
            raise LedgerError(
                "ledger-year-absent",
                where,
                year=options.year,
                available=", ".join(map(str, present)),
            )
        if other.any():
            amount = np.nansum(np.where(other, raw_amount(lines), 0.0))
            issues.append(
                Issue(
                    "other-year-skipped",
                    {
                        "count": int(other.sum()),
                        "year": options.year,
                        "amount": round(float(amount), 2),
                    },
                    severity="info",
                )
            )
            ok = ok & ~other
            skipped = skipped | other
            reason[other] = f"autre exercice que {options.year}"
        years[ok & np.isnan(years)] = options.year
        return years, ok, skipped
    missing = ok & np.isnan(years)
    if missing.any():
        if not present:
            raise LedgerError("ledger-no-year", where)
        dominant = int(pd.Series(years[known]).value_counts().index[0])
        years[missing] = dominant
        issues.append(Issue("year-defaulted", {"count": int(missing.sum()), "year": dominant}))
    if len(present) > 1:
        issues.append(Issue("multiple-years", {"years": ", ".join(map(str, present))}))
    return years, ok, skipped


def only_entity(
    lines: pd.DataFrame,
    ok: np.ndarray,
    skipped: np.ndarray,
    reason: np.ndarray,
    entity: str,
    ledger: Ledger,
    issues: list[Issue],
) -> tuple[np.ndarray, np.ndarray]:
    """``--entity``: keep one entity (by name, or by SIREN/SIRET); the others are skipped, counted.

    Several spellings of the same entity may be given separated by ``|`` (« Ville de Blois|214100182 »).
    """
    wanted_names = {fold(a.strip()) for a in entity.split("|")}
    prefixes = tuple(
        d[:9] if len(d) == 9 else d
        for d in (re.sub(r"\D", "", a) for a in entity.split("|"))
        if len(d) in (9, 14)
    )

    def by_name(values: pd.Series) -> pd.Series:
        return values.map(fold).isin(wanted_names)

    def by_id(values: pd.Series) -> pd.Series:
        return values.str.startswith(prefixes) if prefixes else values.map(lambda _v: False)

    keep = map_distinct(lines["entity"], by_name).astype(bool)
    if prefixes:
        keep |= map_distinct(lines["entity_id"], by_id).astype(bool)
    other = ok & ~keep
    shown = entity.split("|")[0]
    if not (ok & keep).any():
        names = sorted({str(e) for e in pd.unique(lines["entity"].astype(object)) if str(e)})
        raise LedgerError(
            "ledger-entity-absent",
            Location(ledger.inputs[0].path if ledger.inputs else None),
            entity=shown,
            available=", ".join(f"« {n} »" for n in names[:12]) + (" …" if len(names) > 12 else "")
            or "aucune",
        )
    if other.any():
        issues.append(
            Issue(
                "other-entity-skipped",
                {"count": int(other.sum()), "entity": shown},
                severity="info",
            )
        )
        reason[other] = other_entity_reason(shown)
    return ok & ~other, skipped | other


def other_entity_reason(entity: str) -> str:
    """The reason given to a line skipped because it is another entity's than ``entity``
    (``achats run`` drops those lines from an entity's own line files)."""
    return f"autre entité que « {entity} »"
