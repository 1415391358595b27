"""From annotated lines to the footprint report: reconciliation, tables, result issues."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue, ReconciliationError
from achats_durables.core.frames import categorical, codes_of
from achats_durables.core.version import __version__
from achats_durables.footprint.report import (
    COUNTED_STATUSES,
    STATUS_CODES,
    FootprintOptions,
    FootprintReport,
    MonteCarlo,
    Reconciliation,
    TableRow,
    Totals,
)
from achats_durables.i18n.formatting import format_amount, format_eur
from achats_durables.knowledge.beges import POSTS, post_label
from achats_durables.knowledge.factors import FactorSet, PriceIndex, merge_factors
from achats_durables.knowledge.mapping import RuleSet
from achats_durables.ledger.read import Ledger

METHOD_LABELS = {
    "quantity": "Quantité physique × facteur physique",
    "quantity_estimated": "Quantité estimée d'après le prix (energy_prices) × facteur physique",
    "ratio": "Dépense × ratio monétaire",
    "proxy": "Dépense × ratio d'un secteur voisin (approximation)",
}


def year_ranges(years: Sequence[int]) -> str:
    """``[2005, 2006, 2007, 2009]`` → ``2005–2007, 2009``."""
    out: list[str] = []
    ys = sorted(set(years))
    start = prev = ys[0] if ys else 0
    for y in [*ys[1:], None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(out) if ys else ""


def _cents(values: np.ndarray) -> int:
    return int(np.round(values * 100).astype(np.int64).sum())


def _pct(x: float) -> str:
    return f"{x * 100:.1f} %".replace(".", ",")


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
    combo = kcodes * nf + fcodes
    if nk * nf <= 4_000_000:
        ue_combo = np.bincount(combo, weights=ue_kg, minlength=nk * nf)
        u_k = np.sqrt((ue_combo.reshape(nk, nf) ** 2).sum(axis=1))
    else:
        inverse, uniq = pd.factorize(combo)
        ue_combo = np.bincount(inverse, weights=ue_kg, minlength=len(uniq))
        u_k = np.sqrt(np.bincount(uniq // nf, weights=ue_combo**2, minlength=nk))
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


def first_label(keys: pd.Series | np.ndarray, labels: pd.Series | np.ndarray) -> dict[str, str]:
    """For each key, the label of its first line (e.g. a SIRET → the supplier's name)."""
    kcodes, kvalues = codes_of(keys)
    lcodes, lvalues = codes_of(labels)
    pairs = pd.DataFrame({"k": kcodes, "l": lcodes}).drop_duplicates("k")
    return {str(kvalues[k]): str(lvalues[lab]) for k, lab in pairs.itertuples(index=False)}


def build_report(
    lines: pd.DataFrame,
    ledger: Ledger,
    factor_sets: Sequence[FactorSet],
    rules: RuleSet,
    index: PriceIndex,
    monte_carlo_draws: int,
    seed: int,
    issues: list[Issue],
    conversions: dict[tuple[int, int], int],
    internal: np.ndarray,
    options: FootprintOptions,
    *,
    expected_read_cents: int,
    partial: bool = False,
) -> FootprintReport:
    """The report of annotated ``lines``.

    ``expected_read_cents`` is what the reader read in the perimeter, summed by the caller apart
    from the statuses: if the statuses do not add up to it (or their counts to the rows read),
    the tool is wrong and :class:`ReconciliationError` is raised rather than a report written.
    """
    status = np.asarray(lines["status"].array.codes)
    ht = lines["amount_excl_vat_eur"].to_numpy(dtype="float64")
    read = lines["amount_read_eur"].to_numpy(dtype="float64")
    counts = np.bincount(status, minlength=len(STATUS_CODES))
    spend = {s: _cents(read[status == STATUS_CODES[s]]) for s in COUNTED_STATUSES}
    recon = Reconciliation(
        rows_read=ledger.rows_read,
        rows_mapped=int(counts[0]),
        rows_unmapped=int(counts[1]),
        rows_excluded=int(counts[2]),
        rows_rejected=int(counts[3]),
        rows_skipped=int(counts[4]) + ledger.rows_above,
        spend_read_eur=expected_read_cents / 100,
        spend_mapped_eur=spend["mapped"] / 100,
        spend_unmapped_eur=spend["unmapped"] / 100,
        spend_excluded_eur=spend["excluded"] / 100,
        rows_unquantified=int(counts[5]),
        spend_unquantified_eur=spend["unquantified"] / 100,
    )
    if sum(spend.values()) != expected_read_cents or not recon.balanced:
        raise ReconciliationError(
            f"reconciliation broken: statuses {spend} (cents) vs {expected_read_cents} read; "
            f"rows {counts.tolist()} + {ledger.rows_above} above the header vs {ledger.rows_read}"
        )
    is_mapped = status == 0
    needed = [
        "year",
        "factor",
        "factor_label",
        "emissions_kgco2e",
        "uncertainty_rel",
        "amount_excl_vat_eur",
        "supplier_siret",
        "supplier",
        "beges_post",
        "entity",
        "account",
        "rule",
        "proxy",
        "proposition",
        "method",
        "upstream_kgco2e",
        "upstream_post",
    ]
    mapped = lines.loc[is_mapped, needed]
    e_kg = mapped["emissions_kgco2e"].to_numpy(dtype="float64")
    ue = mapped["uncertainty_rel"].to_numpy(dtype="float64") * e_kg
    spend_m = mapped["amount_excl_vat_eur"].to_numpy(dtype="float64")
    factor = mapped["factor"]
    total_e = float(e_kg.sum()) / 1000
    fcodes, fvalues = codes_of(factor)
    total_u = (
        float(np.sqrt((np.bincount(fcodes, weights=ue, minlength=len(fvalues)) ** 2).sum())) / 1000
    )
    spend_mapped = _cents(ht[is_mapped]) / 100
    totals = Totals(
        emissions_tco2e=total_e,
        uncertainty_tco2e=total_u,
        spend_excl_vat_eur=spend_mapped,
        intensity_kgco2e_per_keur=(total_e * 1000 / (spend_mapped / 1000)) if spend_mapped else 0.0,
        uncertainty_correlated_tco2e=float(np.abs(ue).sum()) / 1000,
        partial="amortisation-annuity-only" if partial else "",
        years=tuple(
            sorted(int(y) for y in pd.unique(mapped["year"].to_numpy(dtype="float64")) if y == y)
        ),
    )

    def table(keys: Any, labels: dict[str, str] | None, blank: str) -> list[TableRow]:
        return group_table(keys, factor, spend_m, e_kg, ue, labels, blank)

    supplier_key = _supplier_keys(mapped["supplier_siret"], mapped["supplier"])
    supplier = mapped["supplier"]
    tables = {
        "by_beges_post": _post_table(mapped, factor, spend_m, e_kg, ue),
        "by_factor": table(factor, first_label(factor, mapped["factor_label"]), ""),
        "by_entity": table(mapped["entity"], None, "(non précisée)"),
        "by_account": table(mapped["account"], _account_labels(mapped, rules), "(sans compte)"),
        "by_supplier": table(supplier_key, first_label(supplier_key, supplier), "(non précisé)"),
        "by_year": table(_year_keys(mapped["year"]), None, "(inconnu)"),
        "by_method": table(mapped["method"], METHOD_LABELS, ""),
    }
    vat_conversion = _vat_conversion(lines)
    if not np.isin(status, [STATUS_CODES[c] for c in COUNTED_STATUSES]).any():
        issues.append(Issue("ledger-no-lines", {"rows": recon.rows_read}))
    _result_issues(
        lines,
        status,
        recon,
        factor_sets,
        index,
        issues,
        conversions,
        internal,
        ht,
        mapped,
        total_e,
        vat_conversion,
    )
    _method_issues(lines, status, mapped, total_e, issues, options)
    mc = (
        _monte_carlo(factor, mapped["uncertainty_rel"].to_numpy(), e_kg, monte_carlo_draws, seed)
        if monte_carlo_draws > 0
        else None
    )
    proxy_kg = float(e_kg[mapped["proxy"].to_numpy(dtype=bool)].sum())
    return FootprintReport(
        inputs=[i.to_dict() for i in ledger.inputs],
        input_details=list(ledger.inputs),
        factor_sets=[fs.provenance() for fs in factor_sets],
        price_index={"id": index.id, "sha256": index.sha256, "path": index.path},
        rule_files=[
            {
                "id": f.id,
                "path": f.path,
                "sha256": f.sha256,
                "layer": "utilisateur" if f.layer == 0 else "défaut",
                "rules": f.rules,
            }
            for f in rules.files
        ],
        totals=totals,
        reconciliation=recon,
        tables=tables,
        issues=issues,
        lines=lines,
        proxy_share=(proxy_kg / 1000 / total_e) if total_e else 0.0,
        monte_carlo=mc,
        options={
            "year": options.year,
            "default_vat_rate": options.default_vat_rate,
            "group_sirens": list(options.group_sirens),
            "validated_rules": list(options.validated_rules),  # achats.yaml ``validated:``
        },
        tool_version=__version__,
        vat_conversion=vat_conversion,
    )


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


def _vat_conversion(lines: pd.DataFrame) -> list[dict[str, Any]]:
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


def _result_issues(
    lines: pd.DataFrame,
    status: np.ndarray,
    recon: Reconciliation,
    factor_sets: Sequence[FactorSet],
    index: PriceIndex,
    issues: list[Issue],
    conversions: dict[tuple[int, int], int],
    internal: np.ndarray,
    ht: np.ndarray,
    mapped: pd.DataFrame,
    total_e: float,
    conversion: list[dict[str, Any]],
) -> None:
    if recon.spend_unmapped_eur and recon.spend_read_eur:
        unm = lines[status == 1]
        by_account = (
            pd.Series(unm["amount_read_eur"].to_numpy())
            .groupby(unm["account"].astype(object).replace("", "(sans compte)").to_numpy())
            .sum()
        )
        top = by_account.sort_values(ascending=False).head(8)
        issues.append(
            Issue(
                "unmapped-spend",
                {
                    "share": _pct(recon.spend_unmapped_eur / recon.spend_read_eur),
                    "amount": format_eur(recon.spend_unmapped_eur),
                    "count": recon.rows_unmapped,
                    "accounts": ", ".join(f"{a} ({format_eur(v)})" for a, v in top.items()),
                },
            )
        )
    if conversion:
        parts = []
        for c in conversion:
            how = str(c["basis"])
            if c["vat_rate"] is not None:
                how = f"{how}, taux {format_amount(c['vat_rate'] * 100, 1)} %"
            parts.append(
                f"{how} : {c['lines']} ligne(s), {format_eur(c['amount_incl_vat_eur'])} TTC "
                f"→ {format_eur(c['amount_excl_vat_eur'])} HT"
            )
        issues.append(
            Issue(
                "vat-converted",
                {
                    "amount": format_eur(sum(c["amount_incl_vat_eur"] for c in conversion)),
                    "count": sum(c["lines"] for c in conversion),
                    "detail": "; ".join(parts),
                },
                severity="info",
            )
        )
    # the euro-years of the monetary ratios only (physical factors are dated by consumption year)
    factors = merge_factors(factor_sets).values()
    years = sorted({y for f in factors if f.kind == "monetary" for y in f.values})
    # one alert per cause: all the converted years together, each with its multiplier
    for ey in sorted({ey for _, ey in conversions}):
        pairs = sorted((y, cnt) for (y, target), cnt in conversions.items() if target == ey)
        detail = "; ".join(
            f"{y} × {index.convert(y, ey)[0]:.4f}".replace(".", ",") for y, _ in pairs
        )
        issues.append(
            Issue(
                "euro-year-converted",
                {
                    "count": sum(cnt for _, cnt in pairs),
                    "years": year_ranges([y for y, _ in pairs]),
                    "target": ey,
                    "ratio": detail,
                    "available": f"{years[0]}–{years[-1]}" if years else "?",
                },
                severity="info",
            )
        )
    if internal.any():
        issues.append(
            Issue(
                "intra-group-excluded",
                {"count": int(internal.sum()), "amount": format_eur(float(ht[internal].sum()))},
                severity="info",
            )
        )
    prop = mapped["proposition"].to_numpy(dtype=bool)
    if prop.any() and total_e:
        share = float(mapped["emissions_kgco2e"].to_numpy()[prop].sum()) / 1000 / total_e
        issues.append(Issue("proposition-rules-used", {"share": _pct(share)}, severity="info"))


def _method_issues(
    lines: pd.DataFrame,
    status: np.ndarray,
    mapped: pd.DataFrame,
    total_e: float,
    issues: list[Issue],
    options: FootprintOptions,
) -> None:
    """What the method leaves out or estimates: energy to quantify, prices, waste by euros."""
    unq = status == STATUS_CODES["unquantified"]
    if unq.any():
        frame = lines.loc[unq, ["account", "amount_read_eur"]]
        by_account = (
            frame.groupby(frame["account"].astype(object).replace("", "(sans compte)"))[
                "amount_read_eur"
            ]
            .sum()
            .sort_values(ascending=False)
            .head(8)
        )
        issues.append(
            Issue(
                "energy-unquantified",
                {
                    "count": int(unq.sum()),
                    "amount": format_eur(float(frame["amount_read_eur"].sum())),
                    "accounts": ", ".join(f"{a} ({format_eur(v)})" for a, v in by_account.items()),
                },
            )
        )
    method = mapped["method"].astype(object).to_numpy()
    e_kg = mapped["emissions_kgco2e"].to_numpy(dtype="float64")
    spend = mapped["amount_excl_vat_eur"].to_numpy(dtype="float64")
    est = method == "quantity_estimated"
    if est.any():
        issues.append(
            Issue(
                "quantity-estimated-from-price",
                {
                    "count": int(est.sum()),
                    "amount": format_eur(float(spend[est].sum())),
                    "emissions": format_amount(float(e_kg[est].sum()) / 1000, 1),
                    "prices": ", ".join(
                        f"{c} {p:g} €".replace(".", ",") for c, p in options.energy_prices
                    ),
                    "source": options.energy_prices_source or "non précisée",
                },
            )
        )
    waste = np.isin(method, ["ratio", "proxy"]) & (
        mapped["beges_post"].astype(object).to_numpy() == "4.3"
    )
    if waste.any():
        waste_t = float(e_kg[waste].sum()) / 1000
        issues.append(
            Issue(
                "waste-monetary-estimate",
                {
                    "count": int(waste.sum()),
                    "amount": format_eur(float(spend[waste].sum())),
                    "emissions": format_amount(waste_t, 1),
                    "share": _pct(waste_t / total_e) if total_e else "0,0 %",
                },
            )
        )


def _monte_carlo(
    factor: pd.Series, u: np.ndarray, e_kg: np.ndarray, draws: int, seed: int
) -> MonteCarlo:
    """Lognormal multiplier per factor (lines sharing a factor are fully correlated).

    u is a 95 % relative half-width, read as 1.96 standard deviations: the multiplier's
    standard deviation is u / 1.96 and its mean 1, i.e. σ² = ln(1 + (u/1.96)²), μ = −σ²/2.
    The analytic U = √Σ(u·E)² is then 1.96 × the standard deviation of the same sum, so both
    methods agree (as far as the total is near-normal). Lines of one factor with different
    uncertainties (proxy rules) share the factor's normal draw.
    """
    fcodes, fvalues = codes_of(factor)
    key = fcodes.astype(np.float64) * 1000 + np.round(u, 6)
    uniq, inverse = np.unique(key, return_inverse=True)
    e_group = np.bincount(inverse, weights=e_kg, minlength=len(uniq))
    group_factor = (uniq // 1000).astype(np.int64)
    group_u = uniq - group_factor * 1000
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((draws, len(fvalues)))
    sigma = np.sqrt(np.log1p((group_u / 1.959964) ** 2))
    mult = np.exp(z[:, group_factor] * sigma - sigma**2 / 2)
    totals = (mult * e_group).sum(axis=1) / 1000
    low, median, high = np.percentile(totals, [2.5, 50, 97.5])
    return MonteCarlo(
        draws=draws,
        seed=seed,
        mean_tco2e=float(totals.mean()),
        median_tco2e=float(median),
        low_tco2e=float(low),
        high_tco2e=float(high),
        std_tco2e=float(totals.std()),
    )
