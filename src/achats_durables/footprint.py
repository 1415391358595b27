"""Carbon footprint of a ledger with monetary ratios (DESIGN §5), vectorised over lines.

``compute_footprint(ledger, factor_sets, rules)`` gives every line a final status — ``mapped``,
``unmapped``, ``excluded``, ``rejected`` or ``skipped`` — its amount excluding VAT (converted from
TTC where needed), the factor and euro-year used and its emissions, then aggregates them into a
:class:`~achats_durables.report.FootprintReport`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import __version__
from .beges import post_label
from .errors import Issue, LedgerError, Location
from .factors import FactorSet, PriceIndex, load_price_index, merge_factors
from .ledger import Ledger
from .mapping import NO_RULE, RuleSet, assign_rules, check_factors
from .parsing import format_eur
from .report import FootprintReport, MonteCarlo, Reconciliation, Totals, group_table

STATUSES = ("mapped", "unmapped", "excluded", "rejected", "skipped")
INTRA_GROUP_RULE = "flux-interne-groupe"


@dataclass(frozen=True)
class FootprintOptions:
    year: int | None = None
    default_vat_rate: float = 0.20
    group_sirens: tuple[str, ...] = ()
    monte_carlo: int = 0
    seed: int = 42


def compute_footprint(
    ledger: Ledger,
    factor_sets: Sequence[FactorSet],
    rules: RuleSet,
    index: PriceIndex | None = None,
    options: FootprintOptions | None = None,
) -> FootprintReport:
    """Footprint of ``ledger``: every line annotated, then aggregated (see module doc)."""
    options = options or FootprintOptions()
    index = index or load_price_index()
    factors = merge_factors(factor_sets)
    check_factors(rules, factors, [fs.id for fs in factor_sets])
    issues: list[Issue] = list(ledger.issues)
    lines = ledger.lines.copy()
    n = len(lines)
    status = lines["read_status"].to_numpy(dtype=object).copy()
    reason = lines["read_reason"].to_numpy(dtype=object).copy()
    ok = status == "ok"

    # --- fiscal year -------------------------------------------------------------------------
    years = lines["year"].to_numpy(dtype="float64", na_value=np.nan).copy()
    if options.year is not None:
        other = ok & ~np.isnan(years) & (years != options.year)
        if other.any() and not (ok & ~other).any():
            present = sorted({int(y) for y in years[ok & ~np.isnan(years)]})
            raise LedgerError(
                "ledger-year-absent",
                Location(ledger.inputs[0].path if ledger.inputs else None),
                year=options.year,
                available=", ".join(map(str, present)),
            )
        if other.any():
            amount = np.nansum(np.where(other, _raw_amount(lines), 0.0))
            issues.append(
                Issue(
                    "other-year-skipped",
                    {
                        "count": int(other.sum()),
                        "year": options.year,
                        "amount": format_eur(float(amount)),
                    },
                )
            )
            status[other] = "skipped"
            reason[other] = f"autre exercice que {options.year}"
            ok = status == "ok"
        missing = ok & np.isnan(years)
        years[missing] = options.year
    else:
        missing = ok & np.isnan(years)
        known = years[ok & ~np.isnan(years)]
        if missing.any():
            if known.size == 0:
                raise LedgerError(
                    "ledger-no-year", Location(ledger.inputs[0].path if ledger.inputs else None)
                )
            values, counts = np.unique(known, return_counts=True)
            dominant = int(values[np.argmax(counts)])
            years[missing] = dominant
            issues.append(Issue("year-defaulted", {"count": int(missing.sum()), "year": dominant}))
        distinct = sorted({int(y) for y in known})
        if len(distinct) > 1:
            issues.append(Issue("multiple-years", {"years": ", ".join(map(str, distinct))}))
    lines["year"] = years

    # --- rules -------------------------------------------------------------------------------
    ranked = rules.ranked()
    cond = pd.DataFrame(
        {
            "account": lines["account"],
            "cpv": lines["cpv"],
            "supplier_siret": lines["supplier_siret"],
            "label": lines["label"],
            "supplier": lines["supplier"],
            "entity": lines["entity"],
            "contract": lines["contract_ref"],
        }
    )
    winner = assign_rules(cond, rules)
    winner[~ok] = NO_RULE
    rule_ids = np.array([r.id for r in ranked] + [""], dtype=object)
    rule_factor = np.array([r.factor or "" for r in ranked] + [""], dtype=object)
    rule_exclude = np.array([r.exclude or "" for r in ranked] + [""], dtype=object)
    rule_proxy = np.array([r.proxy for r in ranked] + [False], dtype=bool)
    rule_u = np.array(
        [np.nan if r.uncertainty is None else r.uncertainty for r in ranked] + [np.nan]
    )
    rule_vat = np.array([np.nan if r.vat_rate is None else r.vat_rate for r in ranked] + [np.nan])
    rule_beges = np.array([r.beges or "" for r in ranked] + [""], dtype=object)
    rule_prop = np.array([r.status == "proposition" for r in ranked] + [False], dtype=bool)
    w = np.where(winner == NO_RULE, len(ranked), winner)
    factor_id = rule_factor[w]
    excluded = ok & (rule_exclude[w] != "")
    mapped = ok & (factor_id != "")
    reason[excluded] = rule_exclude[w][excluded]

    # intra-group flows beat every rule
    if options.group_sirens:
        siren = lines["supplier_siret"].astype(str).str.slice(0, 9).to_numpy(dtype=object)
        internal = ok & np.isin(siren, list(options.group_sirens))
        if internal.any():
            excluded |= internal
            mapped &= ~internal
            reason[internal] = (
                "Flux interne au groupe (entité listée dans group_sirens) : hors achats"
            )
            rule_col = rule_ids[w].copy()
            rule_col[internal] = INTRA_GROUP_RULE
        else:
            rule_col = rule_ids[w]
    else:
        internal = np.zeros(n, dtype=bool)
        rule_col = rule_ids[w]
    unmapped = ok & ~mapped & ~excluded
    status[mapped] = "mapped"
    status[excluded] = "excluded"
    status[unmapped] = "unmapped"
    reason[unmapped] = "aucune règle ne s'applique"

    # --- amounts excluding VAT ----------------------------------------------------------------
    ht_raw = lines["amount_excl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    ttc = lines["amount_incl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    vat_amount = lines["vat_amount"].to_numpy(dtype="float64", na_value=np.nan)
    line_rate = lines["vat_rate"].to_numpy(dtype="float64", na_value=np.nan)
    cat_rate = rule_vat[w]
    use_ht = ~np.isnan(ht_raw)
    from_vat_amount = ~use_ht & ~np.isnan(ttc) & ~np.isnan(vat_amount)
    from_line_rate = ~use_ht & ~from_vat_amount & ~np.isnan(ttc) & ~np.isnan(line_rate)
    from_cat_rate = (
        ~use_ht & ~from_vat_amount & ~from_line_rate & ~np.isnan(ttc) & ~np.isnan(cat_rate)
    )
    from_default = ~use_ht & ~from_vat_amount & ~from_line_rate & ~from_cat_rate & ~np.isnan(ttc)
    rate = np.where(
        from_line_rate, line_rate, np.where(from_cat_rate, cat_rate, options.default_vat_rate)
    )
    ht = np.where(use_ht, ht_raw, np.where(from_vat_amount, ttc - vat_amount, ttc / (1.0 + rate)))
    counted = mapped | unmapped | excluded
    ht = np.where(counted, np.round(ht, 2), 0.0)
    ht = np.where(np.isnan(ht), 0.0, ht)
    basis = np.full(n, "", dtype=object)
    basis[counted & use_ht] = "HT"
    basis[counted & from_vat_amount] = "TTC − montant de TVA"
    basis[counted & from_line_rate] = "TTC ÷ (1 + taux de la ligne)"
    basis[counted & from_cat_rate] = "TTC ÷ (1 + taux de la catégorie)"
    basis[counted & from_default] = "TTC ÷ (1 + taux par défaut)"
    applied_rate = np.where(counted & ~use_ht & ~from_vat_amount, rate, np.nan)

    # --- factors, euro-years, emissions ------------------------------------------------------
    euro_year = np.full(n, np.nan)
    factor_value = np.full(n, np.nan)
    index_ratio = np.ones(n)
    u = np.full(n, np.nan)
    beges = np.full(n, "", dtype=object)
    factor_label = np.full(n, "", dtype=object)
    mapped_idx = np.flatnonzero(mapped)
    conversions: dict[tuple[int, int], int] = {}
    if mapped_idx.size:
        pairs = pd.DataFrame({"f": factor_id[mapped_idx], "y": years[mapped_idx].astype(int)})
        codes, uniq = pd.factorize(pd.MultiIndex.from_frame(pairs))
        tab_value = np.empty(len(uniq))
        tab_ey = np.empty(len(uniq))
        tab_ratio = np.empty(len(uniq))
        for k, (fid, y) in enumerate(uniq):
            f = factors[fid]
            if f.kind != "monetary":
                raise LedgerError(
                    "factor-not-found", name=fid, close="facteur physique : quantités requises"
                )
            ey = f.euro_year(int(y))
            ratio = 1.0
            if ey != y:
                ratio, used = index.convert(int(y), ey)
                if used != y:
                    issues.append(Issue("index-year-missing", {"year": int(y), "used": used}))
            tab_value[k], tab_ey[k], tab_ratio[k] = f.values[ey], ey, ratio
        factor_value[mapped_idx] = tab_value[codes]
        euro_year[mapped_idx] = tab_ey[codes]
        index_ratio[mapped_idx] = tab_ratio[codes]
        uniq_f, f_codes = np.unique(factor_id[mapped_idx], return_inverse=True)
        u_by_f = np.array([factors[fid].uncertainty for fid in uniq_f])
        beges_by_f = np.array([factors[fid].beges for fid in uniq_f], dtype=object)
        label_by_f = np.array([factors[fid].label for fid in uniq_f], dtype=object)
        u[mapped_idx] = np.where(
            np.isnan(rule_u[w][mapped_idx]), u_by_f[f_codes], rule_u[w][mapped_idx]
        )
        beges[mapped_idx] = beges_by_f[f_codes]
        factor_label[mapped_idx] = label_by_f[f_codes]
        conv = mapped & (euro_year != years)
        if conv.any():
            conv_pairs = np.stack([years[conv], euro_year[conv]], axis=1).astype(np.int64)
            uniq_pairs, pair_counts = np.unique(conv_pairs, axis=0, return_counts=True)
            for (y, ey), cnt in zip(uniq_pairs.tolist(), pair_counts.tolist(), strict=True):
                conversions[(y, ey)] = cnt
    override = mapped & (rule_beges[w] != "")
    beges[override] = rule_beges[w][override]
    capital = mapped & lines["account"].astype(str).str.startswith("2").to_numpy() & ~override
    beges[capital] = "4.2"
    emissions_kg = np.where(mapped, ht * index_ratio / 1000.0 * factor_value, 0.0)
    u = np.where(mapped, u, 0.0)

    annotated = lines.assign(
        status=status,
        reason=reason,
        rule=np.where(counted, rule_col, ""),
        factor=np.where(mapped, factor_id, ""),
        factor_label=factor_label,
        proxy=mapped & rule_proxy[w],
        proposition=mapped & rule_prop[w],
        beges_post=beges,
        amount_excl_vat_eur=ht,
        vat_basis=basis,
        vat_rate_applied=applied_rate,
        euro_year=euro_year,
        price_index_ratio=np.where(mapped, index_ratio, np.nan),
        factor_kgco2e_per_keur=factor_value,
        uncertainty_rel=np.where(mapped, u, np.nan),
        emissions_kgco2e=emissions_kg,
    )
    return _aggregate(
        annotated, ledger, factor_sets, rules, index, options, issues, conversions, internal
    )


def _raw_amount(lines: pd.DataFrame) -> np.ndarray:
    ht = lines["amount_excl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    ttc = lines["amount_incl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    return np.where(np.isnan(ht), ttc, ht)


def _cents(values: np.ndarray) -> int:
    return int(np.round(values * 100).astype(np.int64).sum())


def _aggregate(
    lines: pd.DataFrame,
    ledger: Ledger,
    factor_sets: Sequence[FactorSet],
    rules: RuleSet,
    index: PriceIndex,
    options: FootprintOptions,
    issues: list[Issue],
    conversions: dict[tuple[int, int], int],
    internal: np.ndarray,
) -> FootprintReport:
    status = lines["status"].to_numpy(dtype=object)
    ht = lines["amount_excl_vat_eur"].to_numpy(dtype="float64")
    counts = {s: int((status == s).sum()) for s in STATUSES}
    counts["skipped"] += ledger.rows_above
    spend = {s: _cents(ht[status == s]) for s in ("mapped", "unmapped", "excluded")}
    spend_read = spend["mapped"] + spend["unmapped"] + spend["excluded"]
    recon = Reconciliation(
        rows_read=ledger.rows_read,
        rows_mapped=counts["mapped"],
        rows_unmapped=counts["unmapped"],
        rows_excluded=counts["excluded"],
        rows_rejected=counts["rejected"],
        rows_skipped=counts["skipped"],
        spend_read_eur=spend_read / 100,
        spend_mapped_eur=spend["mapped"] / 100,
        spend_unmapped_eur=spend["unmapped"] / 100,
        spend_excluded_eur=spend["excluded"] / 100,
    )
    mapped = lines[status == "mapped"]
    e_kg = mapped["emissions_kgco2e"].to_numpy()
    ue = (mapped["uncertainty_rel"] * mapped["emissions_kgco2e"]).to_numpy()
    by_factor_ue = pd.Series(ue).groupby(mapped["factor"].to_numpy()).sum()
    total_e = float(e_kg.sum()) / 1000
    total_u = float(np.sqrt((by_factor_ue**2).sum())) / 1000
    spend_mapped = spend["mapped"] / 100
    totals = Totals(
        emissions_tco2e=total_e,
        uncertainty_tco2e=total_u,
        spend_excl_vat_eur=spend_mapped,
        intensity_kgco2e_per_keur=(total_e * 1000 / (spend_mapped / 1000)) if spend_mapped else 0.0,
    )
    supplier_key = mapped["supplier_siret"].where(
        mapped["supplier_siret"] != "", mapped["supplier"]
    )
    account_labels = _account_labels(mapped, rules)
    tables = {
        "by_beges_post": group_table(mapped, mapped["beges_post"], lambda k: post_label(k)),
        "by_factor": group_table(
            mapped,
            mapped["factor"],
            dict(zip(mapped["factor"], mapped["factor_label"], strict=True)).get,
        ),
        "by_entity": group_table(mapped, mapped["entity"].replace("", "(non précisée)"), None),
        "by_account": group_table(
            mapped, mapped["account"].replace("", "(sans compte)"), account_labels.get
        ),
        "by_supplier": group_table(
            mapped,
            supplier_key.replace("", "(non précisé)"),
            dict(zip(supplier_key, mapped["supplier"], strict=True)).get,
        ),
    }
    # --- issues about results -------------------------------------------------------------------
    if recon.spend_unmapped_eur and spend_read:
        unm = lines[status == "unmapped"]
        top = (
            unm.groupby(unm["account"].replace("", "(sans compte)"))["amount_excl_vat_eur"]
            .sum()
            .sort_values(ascending=False)
            .head(8)
        )
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
    converted = lines[(lines["vat_basis"] != "") & (lines["vat_basis"] != "HT")]
    if len(converted):
        ttc = converted["amount_incl_vat"].sum()
        detail = "; ".join(
            f"{b} : {cnt} ligne(s)"
            for b, cnt in converted["vat_basis"].value_counts().sort_index().items()
        )
        issues.append(
            Issue(
                "vat-converted",
                {"amount": format_eur(float(ttc)), "count": len(converted), "detail": detail},
                severity="info",
            )
        )
    for (y, ey), cnt in sorted(conversions.items()):
        ratio, _ = index.convert(y, ey)
        years = sorted({yy for f in merge_factors(factor_sets).values() for yy in f.values})
        issues.append(
            Issue(
                "euro-year-converted",
                {
                    "count": cnt,
                    "year": y,
                    "target": ey,
                    "ratio": f"× {ratio:.4f}".replace(".", ","),
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
        issues.append(
            Issue(
                "proposition-rules-used",
                {"share": _pct(float(e_kg[prop].sum()) / 1000 / total_e)},
                severity="info",
            )
        )
    monte_carlo = None
    if options.monte_carlo > 0:
        monte_carlo = _monte_carlo(mapped, options.monte_carlo, options.seed)
    proxy_kg = float(mapped.loc[mapped["proxy"], "emissions_kgco2e"].sum())
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
        monte_carlo=monte_carlo,
        options={
            "year": options.year,
            "default_vat_rate": options.default_vat_rate,
            "group_sirens": list(options.group_sirens),
        },
        tool_version=__version__,
    )


def _account_labels(mapped: pd.DataFrame, rules: RuleSet) -> dict[str, str]:
    by_id = {r.id: r for r in rules.rules}
    labels: dict[str, str] = {}
    for account, rule_id in mapped[["account", "rule"]].drop_duplicates().itertuples(index=False):
        rule = by_id.get(rule_id)
        if rule is not None and rule.label and rule.when.get("account") == account:
            labels[account] = rule.label
        elif rule is not None and rule.label and account not in labels:
            labels[account] = rule.label
    return labels


def _pct(x: float) -> str:
    return f"{x * 100:.1f} %".replace(".", ",")


def _monte_carlo(mapped: pd.DataFrame, draws: int, seed: int) -> MonteCarlo:
    """Lognormal multiplier per factor (lines sharing a factor are fully correlated).

    σ is set so that the 97.5th percentile of the multiplier is 1 + u (u = the 95 % relative
    half-width); μ = −σ²/2 keeps its mean at 1.
    """
    key = mapped["factor"] + "|" + mapped["uncertainty_rel"].astype(str)
    grouped = mapped.groupby(key.to_numpy()).agg(
        e=("emissions_kgco2e", "sum"), u=("uncertainty_rel", "first")
    )
    # distinct uncertainties of one factor (proxy rules) share the factor's draw
    factor_of = np.array([k.split("|")[0] for k in grouped.index])
    uniq, codes = np.unique(factor_of, return_inverse=True)
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((draws, len(uniq)))
    sigma = np.log1p(grouped["u"].to_numpy()) / 1.959964
    mult = np.exp(z[:, codes] * sigma - sigma**2 / 2)
    totals = (mult * grouped["e"].to_numpy()).sum(axis=1) / 1000
    low, median, high = np.percentile(totals, [2.5, 50, 97.5])
    return MonteCarlo(
        draws=draws,
        seed=seed,
        mean_tco2e=float(totals.mean()),
        median_tco2e=float(median),
        low_tco2e=float(low),
        high_tco2e=float(high),
    )
