"""The report's tables: mapped lines summed by post, factor, entity, account, supplier, year."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.frames import categorical, codes_of
from achats_durables.footprint.report import TableRow
from achats_durables.knowledge.beges import POSTS, post_label
from achats_durables.knowledge.mapping import RuleSet

# the key of a row whose lines leave the field blank, per table (translated by the writers)
BLANK_KEYS = {
    "by_entity": "(non précisée)",
    "by_account": "(sans compte)",
    "by_supplier": "(non précisé)",
    "by_year": "(inconnu)",
}


def group_table(
    keys: np.ndarray | pd.Series,
    factor: np.ndarray | pd.Series,
    spend: np.ndarray,
    emissions_kg: np.ndarray,
    ue_kg: np.ndarray,
    labels: dict[str, str] | None = None,
    blank: str = "",
) -> list[TableRow]:
    """Mapped lines summed by key; uncertainty correlated within a factor, independent across.

    ``keys`` and ``factor`` are per-line; the sums use integer codes (``np.bincount``).
    """
    if len(spend) == 0:
        return []
    kcodes, kvalues = codes_of(keys)
    fcodes, fvalues = codes_of(factor)
    nk, nf = len(kvalues), len(fvalues)
    spend_k = np.bincount(kcodes, weights=spend, minlength=nk)
    e_k = np.bincount(kcodes, weights=emissions_kg, minlength=nk)
    lines_k = np.bincount(kcodes, minlength=nk)
    u_k = _uncertainty_by_key(kcodes * nf + fcodes, ue_kg, nk, nf)
    order = np.lexsort((-spend_k, -e_k))
    rows = []
    for k in order.tolist():
        if lines_k[k] == 0:
            continue
        key = str(kvalues[k]) or blank
        label = labels.get(str(kvalues[k]), key) if labels is not None else key
        rows.append(
            TableRow(
                key=key,
                label=str(label or key),
                spend_excl_vat_eur=round(float(spend_k[k]), 2),
                emissions_tco2e=round(float(e_k[k]) / 1000, 6),
                uncertainty_tco2e=round(float(u_k[k]) / 1000, 6),
            )
        )
    return rows


def _uncertainty_by_key(combo: np.ndarray, ue_kg: np.ndarray, nk: int, nf: int) -> np.ndarray:
    """√Σ_f (Σ u·E)² per key, from the (key, factor) code of each line."""
    if nk * nf <= 4_000_000:
        ue_combo = np.bincount(combo, weights=ue_kg, minlength=nk * nf)
        out: np.ndarray = np.sqrt((ue_combo.reshape(nk, nf) ** 2).sum(axis=1))
        return out
    inverse, uniq = pd.factorize(combo)
    ue_combo = np.bincount(inverse, weights=ue_kg, minlength=len(uniq))
    return np.sqrt(np.bincount(uniq // nf, weights=ue_combo**2, minlength=nk))


def first_label(keys: pd.Series | np.ndarray, labels: pd.Series | np.ndarray) -> dict[str, str]:
    """For each key, the label of its first line (e.g. a SIRET → the supplier's name)."""
    kcodes, kvalues = codes_of(keys)
    lcodes, lvalues = codes_of(labels)
    pairs = pd.DataFrame({"k": kcodes, "l": lcodes}).drop_duplicates("k")
    return {str(kvalues[k]): str(lvalues[lab]) for k, lab in pairs.itertuples(index=False)}


def report_tables(
    mapped: pd.DataFrame, rules: RuleSet, e_kg: np.ndarray, ue: np.ndarray
) -> dict[str, list[TableRow]]:
    """Every table of the report but ``by_method`` (:mod:`.methods`, which also counts the lines
    left out)."""
    factor = mapped["factor"]
    # lines whose errors move together: one factor, or one supplier's own figure
    errors = mapped["error_group"]
    spend = mapped["amount_excl_vat_eur"].to_numpy(dtype="float64")

    def table(keys: Any, labels: dict[str, str] | None, blank: str) -> list[TableRow]:
        return group_table(keys, errors, spend, e_kg, ue, labels, blank)

    supplier_key = _supplier_keys(mapped["supplier_siret"], mapped["supplier"])
    return {
        "by_beges_post": _post_table(mapped, errors, spend, e_kg, ue),
        "by_factor": table(factor, first_label(factor, mapped["factor_label"]), ""),
        "by_entity": table(mapped["entity"], None, BLANK_KEYS["by_entity"]),
        "by_account": table(
            mapped["account"], _account_labels(mapped, rules), BLANK_KEYS["by_account"]
        ),
        "by_supplier": table(
            supplier_key, first_label(supplier_key, mapped["supplier"]), BLANK_KEYS["by_supplier"]
        ),
        "by_year": table(_year_keys(mapped["year"]), None, BLANK_KEYS["by_year"]),
    }


def _post_table(
    mapped: pd.DataFrame,
    factor: pd.Series | np.ndarray,
    spend: np.ndarray,
    e_kg: np.ndarray,
    ue: np.ndarray,
) -> list[TableRow]:
    """Emissions by BEGES post, a physical factor's upstream part in its own post.

    A line with an upstream part (energy: extraction, refining, transport, line losses) is
    split in two rows of the same factor: the use part in the line's post with its spend, the
    upstream part in the factor's upstream post with no spend. Totals are unchanged.
    """
    up = mapped["upstream_kgco2e"].to_numpy(dtype="float64")
    split = up != 0
    labels = {k: post_label(k) for k in POSTS}
    if not split.any():
        return group_table(mapped["beges_post"], factor, spend, e_kg, ue, labels, "")
    share = np.divide(up, e_kg, out=np.zeros_like(up), where=e_kg != 0)
    posts = mapped["beges_post"].astype(object).to_numpy()
    up_posts = mapped["upstream_post"].astype(object).to_numpy()[split]
    fvalues = np.asarray(factor, dtype=object)
    return group_table(
        np.concatenate([posts, up_posts]),
        np.concatenate([fvalues, fvalues[split]]),
        np.concatenate([spend, np.zeros(int(split.sum()))]),
        np.concatenate([e_kg - up, up[split]]),
        np.concatenate([ue * (1 - share), (ue * share)[split]]),
        labels,
        "",
    )


def _year_keys(years: pd.Series) -> pd.Series:
    values = years.to_numpy(dtype="float64", na_value=np.nan)
    codes, uniq = pd.factorize(values)
    names = np.array(["" if np.isnan(y) else str(int(y)) for y in uniq] + [""], dtype=object)
    return pd.Series(categorical(np.where(codes < 0, len(uniq), codes), names))


def _supplier_keys(siret: pd.Series, name: pd.Series) -> pd.Series:
    """The supplier's SIRET where known, else its name, as one categorical column."""
    scodes, svalues = codes_of(siret)
    ncodes, nvalues = codes_of(name)
    has_siret = (svalues != "")[scodes]
    offset = len(svalues)
    codes = np.where(has_siret, scodes, ncodes + offset)
    cats = np.concatenate([svalues, nvalues])
    return pd.Series(categorical(codes, cats))


def _account_labels(mapped: pd.DataFrame, rules: RuleSet) -> dict[str, str]:
    """An account's label: that of the account rule that names it exactly, else of its rule."""
    by_id = {r.id: r for r in rules.rules}
    acodes, avalues = codes_of(mapped["account"])
    rcodes, rvalues = codes_of(mapped["rule"])
    pairs = pd.DataFrame({"a": acodes, "r": rcodes}).drop_duplicates()
    labels: dict[str, str] = {}
    for a, r in pairs.itertuples(index=False):
        account, rule = str(avalues[a]), by_id.get(str(rvalues[r]))
        if rule is None or not rule.label:
            continue
        if rule.when.get("account") == account or account not in labels:
            labels[account] = rule.label
    return labels


def vat_conversion(lines: pd.DataFrame) -> list[dict[str, Any]]:
    """TTC lines converted to HT, by basis and rate: lines, TTC read, HT obtained."""
    basis = np.asarray(lines["vat_basis"].array.codes)
    converted = basis >= 2
    if not converted.any():
        return []
    cats = lines["vat_basis"].cat.categories
    frame = pd.DataFrame(
        {
            "basis": basis[converted],
            "rate": np.round(lines["vat_rate_applied"].to_numpy(dtype="float64")[converted], 4),
            "ttc": np.round(lines["amount_incl_vat"].to_numpy(dtype="float64")[converted] * 100),
            "ht": np.round(lines["amount_excl_vat_eur"].to_numpy(dtype="float64")[converted] * 100),
        }
    )
    vat_amount_basis = frame["basis"] == 2
    frame.loc[vat_amount_basis, "rate"] = -1.0
    out = []
    grouped = frame.groupby(["basis", "rate"], sort=True).agg(
        lines=("ttc", "size"), ttc=("ttc", "sum"), ht=("ht", "sum")
    )
    for key, row in grouped.iterrows():
        b, rate = (int(key[0]), float(key[1])) if isinstance(key, tuple) else (0, 0.0)
        out.append(
            {
                "basis": str(cats[int(b)]),
                "vat_rate": None if rate < 0 else float(rate),
                "lines": int(row["lines"]),
                "amount_incl_vat_eur": round(float(row["ttc"]) / 100, 2),
                "amount_excl_vat_eur": round(float(row["ht"]) / 100, 2),
            }
        )
    return out
