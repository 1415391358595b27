"""Activity data ahead of ratios (DESIGN §5 method hierarchy): quantities replace the spend they
cover, never add to it.

Each row of the activity file (:mod:`achats_durables.ledger.activities`) counts quantity × its
physical factor of the year, with the factor's uncertainty and BEGES post. The ledger lines its
selector covers (same year and entity; the contract, account prefix and supplier given) keep
their spend, counted as « mapped », and take the row's emissions instead of their ratio, spread
in proportion to their spend HT, so that by supplier, account and entity the emissions stay with
the spend they measure; their method becomes ``activity`` and they name the row. The rows of one
year, entity and selector cover that spend together (meals by type on one contract): their
relative uncertainties combine as independent factors. A row whose selector finds no spend (or
a spend that is not positive) is counted on a line of its own, without spend. Two selectors that
would cover the same ledger line are refused (exit 3).

The report says when a selector finds no spend (check the spend is not in the ledger under
another account), when it reaches lines left out of the footprint (they stay out), when the
covered spend differs from the amount the row declares, when a supplier's own figure gives way
to the quantity, and what the replaced spend counted on its ratio. Masks are computed once per
distinct selector, over whole columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue, LedgerError, Location
from achats_durables.core.frames import codes_of
from achats_durables.core.text import fold
from achats_durables.footprint.report import STATUS_CODES
from achats_durables.i18n.messages import Text
from achats_durables.knowledge.factors import Factor
from achats_durables.ledger.activities import Activity

# what a covered line says instead of its ratio
REPLACED_REASON = "remplacé par une donnée d'activité"
# statuses an activity may cover: counted or to be counted (excluded lines stay out)
_COVERABLE = (STATUS_CODES["mapped"], STATUS_CODES["unmapped"], STATUS_CODES["unquantified"])
_TOLERANCE_EUR = 1.0  # a declared covered amount within 1 € (or 1 %) of the spend found agrees


@dataclass(frozen=True)
class ActivityResult:
    """The lines with the activities applied, and what the report says about each row."""

    lines: pd.DataFrame
    records: list[dict[str, Any]]


def apply_activities(
    lines: pd.DataFrame,
    ok: np.ndarray,
    activities: Sequence[Activity],
    factors: dict[str, Factor],
    options_year: int | None,
    options_entity: str | None,
    issues: list[Issue],
) -> ActivityResult:
    """``lines`` (annotated) with the activities of the perimeter applied (see module doc).

    ``ok``: the lines in the perimeter; ``options_year``/``options_entity``: ``--year`` and
    ``--entity``, that the activity rows are held to as the lines are.
    """
    lines = lines.assign(activity_ref="", activity_line=False)
    if not activities:
        return ActivityResult(lines, [])
    _check_entities(lines, activities)
    kept = _in_perimeter(lines, ok, activities, options_year, options_entity, issues)
    groups = _groups(kept)
    status = np.asarray(lines["status"].array.codes)
    coverable = ok & np.isin(status, _COVERABLE)
    keys = _Keys.of(lines)
    masks = [_selection(keys, ok, g[0]) for g in groups]
    cover = _cover_index(lines, coverable, masks, groups)
    records = _records(lines, cover, masks, coverable, groups, factors, issues)
    spend = lines["amount_excl_vat_eur"].to_numpy(dtype="float64")
    fig = group_figures(groups, cover, spend, factors)
    covered = _covered(lines, cover, groups, fig)
    # rows whose group has no positive spend to spread over: lines of their own
    alone = [a for g, group in enumerate(groups) if not fig.allocated[g] for a in group]
    extra = _activity_lines(lines, alone, cover, groups, factors)
    if len(kept):
        _used_issue(kept, fig, lines, covered, issues)
    return ActivityResult(_concat(covered, extra), records)


def _check_entities(lines: pd.DataFrame, activities: Sequence[Activity]) -> None:
    """An entity the ledger does not know would count its quantity beside the spend: refused."""
    names = {fold(str(e)) for e in pd.unique(lines["entity"].astype(object)) if str(e)}
    ids = {str(e)[:9] for e in pd.unique(lines["entity_id"].astype(object)) if str(e)}
    for a in activities:
        key = fold(a.entity)
        digits = "".join(ch for ch in a.entity if ch.isdigit())
        if a.entity and key not in names and not (len(digits) >= 9 and digits[:9] in ids):
            shown = ", ".join(sorted({str(e) for e in lines["entity"].astype(object) if str(e)}))
            raise LedgerError(
                "activity-entity-unknown",
                Location(a.path, a.sheet, a.row, "Entité"),
                value=a.entity,
                known=shown or "—",
            )


def _in_perimeter(
    lines: pd.DataFrame,
    ok: np.ndarray,
    activities: Sequence[Activity],
    year: int | None,
    entity: str | None,
    issues: list[Issue],
) -> list[Activity]:
    """The rows of the footprint's years (``--year``, else the years of its lines) and entity."""
    years = {year} if year is not None else _years(lines, ok)
    wanted = {fold(e.strip()) for e in entity.split("|")} if entity else set()
    kept, other_year, other_entity = [], 0, 0
    for a in activities:
        if a.year not in years:
            other_year += 1
        elif wanted and a.entity and not ({fold(a.entity), _digits(a.entity)} & wanted):
            other_entity += 1
        else:
            kept.append(a)
    if other_year or other_entity:
        params = {
            "other_year": other_year,
            "other_entity": other_entity,
            "years": sorted(years),
        }
        issues.append(Issue("activity-outside-perimeter", params, severity="info"))
    return kept


def _years(lines: pd.DataFrame, ok: np.ndarray) -> set[int]:
    values = lines["year"].to_numpy(dtype="float64")[ok]
    return {int(y) for y in pd.unique(values) if y == y}


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _groups(kept: Sequence[Activity]) -> list[list[Activity]]:
    """Rows of one year, entity and selector, in file order: they cover one spend together."""
    by_key: dict[tuple[Any, ...], list[Activity]] = {}
    for a in kept:
        by_key.setdefault((a.year, fold(a.entity), a.selector), []).append(a)
    return list(by_key.values())


@dataclass(frozen=True)
class _Keys:
    """The columns a selector tests, each as codes into its distinct values (cleaned once):
    a condition is evaluated on the distinct values, then spread to the lines by code."""

    year: np.ndarray
    columns: dict[str, tuple[np.ndarray, pd.Series]]

    @classmethod
    def of(cls, lines: pd.DataFrame) -> _Keys:
        folded = {"entity", "contract_ref", "supplier"}
        columns = {}
        for name in (
            "entity",
            "entity_id",
            "contract_ref",
            "account",
            "supplier_siret",
            "supplier",
        ):
            codes, cats = codes_of(lines[name])
            clean = _folded if name in folded else _text
            columns[name] = (codes, clean(pd.Series(cats, dtype=object)))
        return cls(lines["year"].to_numpy(dtype="float64"), columns)

    def equals(self, name: str, value: str) -> np.ndarray:
        codes, distinct = self.columns[name]
        return np.asarray((distinct == value).to_numpy(dtype=bool)[codes])

    def starts(self, name: str, prefix: str) -> np.ndarray:
        codes, distinct = self.columns[name]
        return np.asarray(distinct.str.startswith(prefix).to_numpy(dtype=bool)[codes])


def _text(values: pd.Series) -> pd.Series:
    return values.map(lambda t: "" if pd.isna(t) else str(t).strip())


def _folded(values: pd.Series) -> pd.Series:
    return values.map(lambda t: "" if pd.isna(t) else fold(str(t)).strip())


def _selection(keys: _Keys, ok: np.ndarray, a: Activity) -> np.ndarray:
    """The lines of the perimeter a row's year, entity and selector reach (none without a
    selector: such a row covers no spend)."""
    if not a.has_selector:
        return np.zeros(len(ok), dtype=bool)
    sel = ok & (keys.year == a.year)
    if a.entity:
        by_name = keys.equals("entity", fold(a.entity).strip())
        digits = _digits(a.entity)[:9]
        by_id = keys.starts("entity_id", digits) if len(digits) == 9 else False
        sel &= by_name | by_id
    if a.contract:
        sel &= keys.equals("contract_ref", fold(a.contract).strip())
    if a.account:
        sel &= keys.starts("account", a.account)
    if a.supplier_siren:
        sel &= keys.starts("supplier_siret", a.supplier_siren)
    if a.supplier_name:
        sel &= keys.equals("supplier", fold(a.supplier_name).strip())
    return np.asarray(sel, dtype=bool)


def _cover_index(
    lines: pd.DataFrame,
    coverable: np.ndarray,
    masks: Sequence[np.ndarray],
    groups: Sequence[Sequence[Activity]],
) -> np.ndarray:
    """Per line: the group whose spend it is (−1 for none); a line two selectors reach is refused."""
    cover = np.full(len(lines), -1, dtype=np.int64)
    for g, mask in enumerate(masks):
        hit = mask & coverable
        both = hit & (cover >= 0)
        if both.any():
            i = int(np.flatnonzero(both)[0])
            line = lines.iloc[i]
            raise LedgerError(
                "activity-overlap",
                groups[g][0].location,
                other=groups[int(cover[i])][0].text(),
                line=Text(
                    "activity-line-ref", file=Path(str(line["source"])).name, row=int(line["row"])
                ),
                count=int(both.sum()),
            )
        cover[hit] = g
    return cover


def _records(
    lines: pd.DataFrame,
    cover: np.ndarray,
    masks: Sequence[np.ndarray],
    coverable: np.ndarray,
    groups: Sequence[Sequence[Activity]],
    factors: dict[str, Factor],
    issues: list[Issue],
) -> list[dict[str, Any]]:
    """One record per row (JSON ``activities``), and the warnings about what each selector found."""
    spend = lines["amount_excl_vat_eur"].to_numpy(dtype="float64")
    before_kg = lines["emissions_kgco2e"].to_numpy(dtype="float64")
    supplied = (lines["method"] == "supplier").to_numpy(dtype=bool)
    records: list[dict[str, Any]] = []
    for g, group in enumerate(groups):
        mine = cover == g
        found = float(np.round(spend[mine].sum(), 2))
        # what the replaced spend counted before: its ratio (0 for energy to quantify)
        before_t = round(float(before_kg[mine].sum()) / 1000, 6)
        left_out = masks[g] & ~coverable
        _group_issues(group, mine, found, left_out, supplied, spend, issues)
        for a in group:
            f = factors[a.factor]
            kg = a.quantity_used * f.value_for(a.year)
            records.append(
                {
                    "ref": a.ref,
                    "path": a.path,
                    "sheet": a.sheet,
                    "row": a.row,
                    "year": a.year,
                    "entity": a.entity,
                    "factor": a.factor,
                    "factor_label": f.label,
                    "quantity": a.quantity,
                    "unit": a.unit,
                    "quantity_used": a.quantity_used,
                    "factor_unit": f.physical_unit,
                    "factor_value": f.value_for(a.year),
                    "emissions_tco2e": round(kg / 1000, 6),
                    "uncertainty_rel": f.uncertainty,
                    "beges_post": f.beges,
                    "source": a.source,
                    "selector": _selector_dict(a),
                    "lines_replaced": int(mine.sum()),
                    "spend_replaced_eur": found,  # of the whole group (rows of one selector)
                    "ratio_emissions_replaced_tco2e": before_t,  # of the whole group too
                    "covered_declared_eur": a.covered_eur,
                }
            )
    return records


def _selector_dict(a: Activity) -> dict[str, str]:
    return {
        "contract": a.contract,
        "account": a.account,
        "supplier_siren": a.supplier_siren,
        "supplier_name": a.supplier_name,
    }


def _group_issues(
    group: Sequence[Activity],
    mine: np.ndarray,
    found: float,
    left_out: np.ndarray,
    supplied: np.ndarray,
    spend: np.ndarray,
    issues: list[Issue],
) -> None:
    first = group[0]
    refs = [a.where for a in group]  # rendered « activites.csv ligne 4, … » by the template
    if not mine.any():
        code = "activity-no-spend" if first.has_selector else "activity-no-selector"
        issues.append(Issue(code, {"rows": refs}))
    if left_out.any():
        params = {"rows": refs, "count": int(left_out.sum()), "spend": float(spend[left_out].sum())}
        issues.append(Issue("activity-lines-left-out", params))
    declared = [a.covered_eur for a in group if a.covered_eur is not None]
    if declared and mine.any():
        stated = float(sum(declared))
        if abs(stated - found) > max(_TOLERANCE_EUR, 0.01 * abs(stated)):
            params = {"rows": refs, "declared": stated, "found": found}
            issues.append(Issue("activity-covered-differs", params))
    overridden = mine & supplied
    if overridden.any():
        params = {"rows": refs, "count": int(overridden.sum())}
        issues.append(Issue("activity-supplier-replaced", params))


@dataclass(frozen=True)
class GroupFigures:
    """Per group of rows (one selector): the figures their lines share."""

    emissions_kg: np.ndarray  # Σ quantity × factor of the group's rows
    upstream_kg: np.ndarray
    uncertainty: np.ndarray  # relative, the rows' factors independent
    spend: np.ndarray  # HT spend of the ledger lines covered
    allocated: np.ndarray  # spread over the covered lines (covered spend > 0)
    factor: np.ndarray  # the group's factor (« activité:<first row> » when it has several)
    label: np.ndarray
    post: np.ndarray  # its BEGES post ("" when several)
    upstream_post: np.ndarray
    quantity: np.ndarray  # in the factor's unit (NaN when several factors)
    value: np.ndarray  # the factor's value (NaN when several factors)
    error_group: np.ndarray  # uncertainty group: the factor, else the group's own


def group_figures(
    groups: Sequence[Sequence[Activity]],
    cover: np.ndarray,
    spend: np.ndarray,
    factors: dict[str, Factor],
) -> GroupFigures:
    n = len(groups)
    e, up, u = np.zeros(n), np.zeros(n), np.zeros(n)
    g_spend = np.bincount(cover[cover >= 0], weights=spend[cover >= 0], minlength=n)[:n]
    factor, label, post, up_post, error = ([""] * n for _ in range(5))
    quantity, value = np.full(n, np.nan), np.full(n, np.nan)
    for g, group in enumerate(groups):
        kg = [a.quantity_used * factors[a.factor].value_for(a.year) for a in group]
        e[g] = sum(kg)
        up[g] = sum(a.quantity_used * factors[a.factor].upstream_for(a.year) for a in group)
        spread = float(
            np.sqrt(
                sum(
                    (factors[a.factor].uncertainty * k) ** 2 for a, k in zip(group, kg, strict=True)
                )
            )
        )
        u[g] = spread / e[g] if e[g] else factors[group[0].factor].uncertainty
        ids = sorted({a.factor for a in group})
        posts = sorted({factors[f].beges for f in ids})
        post[g] = posts[0] if len(posts) == 1 else ""
        # several factors: one key of its own, its label naming them (by factor, by method)
        error[g] = factor[g] = f"activity:{group[0].ref}"
        label[g] = " + ".join(factors[f].label for f in ids)
        if len(ids) == 1:
            f = factors[ids[0]]
            factor[g], label[g], up_post[g], error[g] = f.id, f.label, f.upstream_beges, f.id
            quantity[g] = sum(a.quantity_used for a in group)
            value[g] = f.value_for(group[0].year)

    def obj(values: list[str]) -> np.ndarray:
        return np.array(values, dtype=object)

    return GroupFigures(
        e,
        up,
        u,
        g_spend,
        g_spend > 0,
        obj(factor),
        obj(label),
        obj(post),
        obj(up_post),
        quantity,
        value,
        obj(error),
    )


def _covered(
    lines: pd.DataFrame, cover: np.ndarray, groups: Sequence[Sequence[Activity]], fig: GroupFigures
) -> pd.DataFrame:
    """The covered lines, counted with their spend, their emissions from the activity rows.

    A group whose covered spend is positive spreads its emissions (and quantity) over its lines
    in proportion to their spend HT, so that by supplier, account and entity the quantity's
    emissions sit with the spend it measured; any other group keeps its emissions on lines of
    its own (:func:`_activity_lines`) and its lines count zero."""
    hit = cover >= 0
    if not hit.any():
        return lines
    refs = np.array([", ".join(a.ref for a in g) for g in groups], dtype=object)
    c = cover[hit]
    spend = lines["amount_excl_vat_eur"].to_numpy(dtype="float64")[hit]
    share = np.where(fig.allocated[c], spend / np.where(fig.spend[c] > 0, fig.spend[c], 1.0), 0.0)
    fixed = {"status": "mapped", "method": "activity", "supplier_source": ""}
    by_group = {
        "factor": fig.factor,
        "factor_label": fig.label,
        "error_group": fig.error_group,
        "beges_post": fig.post,
        "upstream_post": fig.upstream_post,
    }
    columns: dict[str, Any] = {}
    one = np.zeros(len(c), dtype=np.int64)
    for name, value in fixed.items():
        columns[name] = _categorical_set(lines[name], hit, np.array([value], dtype=object), one)
    for name, values in by_group.items():
        columns[name] = _categorical_set(lines[name], hit, values, c)
    numbers = {
        "emissions_kgco2e": fig.emissions_kg[c] * share,
        "upstream_kgco2e": fig.upstream_kg[c] * share,
        "uncertainty_rel": fig.uncertainty[c],
        "quantity_used": np.where(fig.allocated[c], fig.quantity[c] * share, np.nan),
        "physical_factor_value": fig.value[c],
        "euro_year": np.nan,
        "price_index_ratio": np.nan,
        "factor_kgco2e_per_keur": np.nan,
    }
    for name, values in numbers.items():
        columns[name] = _array_set(lines[name], hit, values)
    columns["reason"] = _array_set(lines["reason"], hit, REPLACED_REASON)
    columns["activity_ref"] = _array_set(lines["activity_ref"], hit, refs[c])
    columns["proxy"] = _array_set(lines["proxy"], hit, False)
    columns["quantity_estimated"] = _array_set(lines["quantity_estimated"], hit, False)
    return lines.assign(**columns)


def _array_set(column: pd.Series, hit: np.ndarray, values: Any) -> np.ndarray:
    """The column's values with ``values`` where ``hit``."""
    out = column.to_numpy(copy=True)
    out[hit] = values
    return out


def _categorical_set(
    column: pd.Series, hit: np.ndarray, values: np.ndarray, which: np.ndarray
) -> pd.Categorical:
    """A categorical column with ``values[which]`` where ``hit`` (a value per group, the group
    of each line hit), the categories it lacks added."""
    cats = list(column.cat.categories)
    known = set(cats)
    cats += [v for v in pd.unique(values) if v not in known]
    codes = np.asarray(column.array.codes, dtype=np.int64).copy()
    codes[hit] = pd.Index(cats, dtype=object).get_indexer(values)[which]
    return pd.Categorical.from_codes(codes, categories=pd.Index(cats, dtype=object))


def _activity_lines(
    lines: pd.DataFrame,
    kept: Sequence[Activity],
    cover: np.ndarray,
    groups: Sequence[Sequence[Activity]],
    factors: dict[str, Factor],
) -> pd.DataFrame:
    """One line per activity row: quantity × factor, no spend; it takes the entity, account,
    supplier and contract of the lines it replaces when they share one, else its selector's."""
    if not kept:
        return lines.iloc[0:0]
    group_of = {id(a): g for g, group in enumerate(groups) for a in group}
    rows = [_activity_row(lines, a, cover == group_of[id(a)], factors[a.factor]) for a in kept]
    frame = pd.DataFrame(rows)
    for column in lines.columns:
        if column not in frame:
            frame[column] = _blank(lines[column], len(frame))
    return frame[list(lines.columns)]


def _activity_row(lines: pd.DataFrame, a: Activity, mine: np.ndarray, f: Factor) -> dict[str, Any]:
    def shared(column: str, fallback: str) -> str:
        values = pd.unique(lines[column].to_numpy(dtype=object)[mine]) if mine.any() else []
        return str(values[0]) if len(values) == 1 else fallback

    value, upstream = f.value_for(a.year), f.upstream_for(a.year)
    return {
        "source": a.path,
        "sheet": a.sheet,
        "row": a.row,
        "entity": shared("entity", a.entity),
        "account": shared("account", a.account),
        "supplier": shared("supplier", a.supplier_name),
        "supplier_siret": shared("supplier_siret", a.supplier_siren),
        "contract_ref": shared("contract_ref", a.contract),
        "label": f"{f.label} : {a.quantity:g} {a.unit}" + (f" ({a.source})" if a.source else ""),
        "quantity": a.quantity,
        "unit": a.unit,
        "year": float(a.year),
        "status": "mapped",
        "reason": "",
        "factor": f.id,
        "factor_label": f.label,
        "method": "activity",
        "error_group": f.id,
        "beges_post": f.beges,
        "quantity_used": a.quantity_used,
        "physical_factor_value": value,
        "uncertainty_rel": f.uncertainty,
        "emissions_kgco2e": a.quantity_used * value,
        "upstream_kgco2e": a.quantity_used * upstream,
        "upstream_post": f.upstream_beges,
        "amount_read_eur": 0.0,
        "amount_excl_vat_eur": 0.0,
        "activity_ref": a.ref,
        "activity_line": True,
    }


def _blank(column: pd.Series, n: int) -> Any:
    """The empty value of a column, for the activity lines."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.Categorical([""] * n)
    if pd.api.types.is_bool_dtype(column.dtype):
        return np.zeros(n, dtype=bool)
    if pd.api.types.is_numeric_dtype(column.dtype):
        return np.full(n, np.nan)
    return [""] * n


def _concat(lines: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """The ledger lines then the activity lines, categorical columns kept categorical with the
    ledger's categories first (the status codes keep their meaning)."""
    if extra.empty:
        return lines
    out = {}
    for column in lines.columns:
        a, b = lines[column], extra[column]
        if isinstance(a.dtype, pd.CategoricalDtype):
            out[column] = _joined_categorical(a, b)
        else:  # the activity lines' values in the ledger column's own type (Arrow text…)
            out[column] = pd.concat(
                [a.reset_index(drop=True), _as_type(b, a.dtype)], ignore_index=True
            )
    frame = pd.DataFrame(out)
    for column in lines.columns:
        if pd.api.types.is_bool_dtype(lines[column].dtype):
            frame[column] = frame[column].astype(bool)
    return frame


def _as_type(values: pd.Series, dtype: Any) -> pd.Series:
    try:
        return values.reset_index(drop=True).astype(dtype)
    except (TypeError, ValueError):  # e.g. a blank into whole numbers: left to pandas
        return values.reset_index(drop=True)


def _joined_categorical(a: pd.Series, b: pd.Series) -> pd.Series:
    """``a`` then ``b`` as one categorical: ``a``'s categories (and codes) first, ``b``'s new
    values after them."""
    cats = list(a.cat.categories)
    values = b.astype(object).where(b.notna(), "").to_numpy(dtype=object)
    known = set(cats)
    cats += [v for v in pd.unique(values) if v not in known]
    codes = pd.Index(cats, dtype=object).get_indexer(values)
    all_codes = np.concatenate([np.asarray(a.array.codes), codes]).astype(np.int64)
    return pd.Series(pd.Categorical.from_codes(all_codes, categories=pd.Index(cats, dtype=object)))


def _used_issue(
    kept: Sequence[Activity],
    fig: GroupFigures,
    lines: pd.DataFrame,
    covered: pd.DataFrame,
    issues: list[Issue],
) -> None:
    """One info issue: the rows counted, their tCO2e, the lines and spend they replace and what
    that spend counted on its ratio."""
    mine = covered["activity_ref"].to_numpy(dtype=object) != ""
    spend = covered["amount_excl_vat_eur"].to_numpy(dtype="float64")[mine]
    before = lines["emissions_kgco2e"].to_numpy(dtype="float64")[mine]
    params = {
        "count": len(kept),
        "emissions": float(fig.emissions_kg.sum()) / 1000,
        "lines": int(mine.sum()),
        "spend": float(spend.sum()),
        "ratio_emissions": float(before.sum()) / 1000,
    }
    issues.append(Issue("activity-used", params, severity="info"))
