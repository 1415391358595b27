"""From annotated lines to the footprint report: reconciliation, totals, tables, issues.

The tables are in :mod:`.tables`, the results' issues in :mod:`.result_issues`, the Monte Carlo
interval in :mod:`.monte_carlo`; the report holds numbers and codes only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import Issue, ReconciliationError
from achats_durables.core.frames import codes_of
from achats_durables.core.version import __version__
from achats_durables.footprint.beges_table import beges_v5_table
from achats_durables.footprint.methods import data_quality, method_table
from achats_durables.footprint.monte_carlo import monte_carlo
from achats_durables.footprint.peers import peer_table
from achats_durables.footprint.per_capita import per_capita
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
from achats_durables.footprint.result_issues import method_issues, result_issues, scope_issues
from achats_durables.footprint.tables import first_label, group_table, report_tables, vat_conversion
from achats_durables.knowledge.factors import FactorSet, PriceIndex
from achats_durables.knowledge.mapping import RuleSet
from achats_durables.ledger.read import Ledger

__all__ = ["build_report", "first_label", "group_table"]

# the columns of a mapped line that the tables and totals read
MAPPED_COLUMNS = [
    "year",
    "factor",
    "factor_label",
    "error_group",
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


def _cents(values: np.ndarray) -> int:
    return int(np.round(values * 100).astype(np.int64).sum())


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
    suppliers_used: list[dict[str, Any]] | None = None,
    activities: list[dict[str, Any]] | None = None,
    data_requests: list[dict[str, Any]] | None = None,
) -> FootprintReport:
    """The report of annotated ``lines``.

    ``expected_read_cents`` is what the reader read in the perimeter, summed by the caller apart
    from the statuses: if the statuses do not add up to it (or their counts to the rows read),
    the tool is wrong and :class:`ReconciliationError` is raised rather than a report written.
    """
    status = np.asarray(lines["status"].array.codes)
    recon = _reconciliation(lines, status, ledger, expected_read_cents)
    is_mapped = status == 0
    mapped = lines.loc[is_mapped, MAPPED_COLUMNS]
    e_kg = mapped["emissions_kgco2e"].to_numpy(dtype="float64")
    ue = mapped["uncertainty_rel"].to_numpy(dtype="float64") * e_kg
    ht = lines["amount_excl_vat_eur"].to_numpy(dtype="float64")
    totals = _totals(mapped, e_kg, ue, _cents(ht[is_mapped]) / 100, partial)
    conversion = vat_conversion(lines)
    if not np.isin(status, [STATUS_CODES[c] for c in COUNTED_STATUSES]).any():
        issues.append(Issue("ledger-no-lines", {"rows": recon.rows_read}))
    issues += result_issues(lines, status, recon, factor_sets, index, conversions, conversion)
    issues += scope_issues(internal, ht, mapped, totals.emissions_tco2e)
    issues += method_issues(lines, status, mapped, totals.emissions_tco2e, options)
    mc = _simulation(mapped, e_kg, monte_carlo_draws, seed)
    proxy_kg = float(e_kg[mapped["proxy"].to_numpy(dtype=bool)].sum())
    methods = method_table(lines, mapped, e_kg, ue)  # with the spend left out, by method
    tables: dict[str, list[TableRow]] = {
        **report_tables(mapped, rules, e_kg, ue),
        "by_method": list(methods),
    }
    return FootprintReport(
        **_provenance(ledger, factor_sets, rules, index),
        beges_v5=beges_v5_table(tables["by_beges_post"], factor_sets, rules),
        peers=peer_table(lines, options.populations),
        per_capita=per_capita(
            totals.emissions_tco2e, tables["by_entity"], options.denominators, options.entity
        ),
        totals=totals,
        reconciliation=recon,
        tables=tables,
        issues=issues,
        lines=lines,
        proxy_share=(proxy_kg / 1000 / totals.emissions_tco2e) if totals.emissions_tco2e else 0.0,
        monte_carlo=mc,
        options=options_record(options),
        tool_version=__version__,
        vat_conversion=conversion,
        suppliers_used=suppliers_used,
        activities=activities,
        data_quality=data_quality(methods),
        data_requests=data_requests or [],
    )


def _simulation(mapped: pd.DataFrame, e_kg: np.ndarray, draws: int, seed: int) -> MonteCarlo | None:
    """The Monte Carlo interval of the total (``--monte-carlo N``), or None without draws."""
    if draws <= 0:
        return None
    uncertainty = mapped["uncertainty_rel"].to_numpy()
    return monte_carlo(mapped["error_group"], uncertainty, e_kg, draws, seed)


def options_record(options: FootprintOptions) -> dict[str, Any]:
    """The options the report records (``options`` of the JSON)."""
    return {
        "year": options.year,
        "default_vat_rate": options.default_vat_rate,
        "group_sirens": list(options.group_sirens),
        "validated_rules": list(options.validated_rules),  # achats.yaml ``validated:``
    }


def _provenance(
    ledger: Ledger, factor_sets: Sequence[FactorSet], rules: RuleSet, index: PriceIndex
) -> dict[str, Any]:
    """What the report was computed from: files read, factor sets, price index, rule files."""
    return {
        "inputs": [i.to_dict() for i in ledger.inputs],
        "input_details": list(ledger.inputs),
        "factor_sets": [fs.provenance() for fs in factor_sets],
        "price_index": {"id": index.id, "sha256": index.sha256, "path": index.path},
        "rule_files": [
            {
                "id": f.id,
                "path": f.path,
                "sha256": f.sha256,
                # the rule layer (a term the writers translate): the user's files or the defaults
                "layer": "utilisateur" if f.layer == 0 else "défaut",
                "rules": f.rules,
            }
            for f in rules.files
        ],
    }


def _reconciliation(
    lines: pd.DataFrame, status: np.ndarray, ledger: Ledger, expected_read_cents: int
) -> Reconciliation:
    """Rows and spend by status; :class:`ReconciliationError` if they miss what was read.

    Activity-data rows are lines of their own without spend, not ledger rows: counted apart."""
    read = lines["amount_read_eur"].to_numpy(dtype="float64")
    activity = lines["activity_line"].to_numpy(dtype=bool)
    replaced = (lines["activity_ref"].to_numpy(dtype=object) != "") & ~activity
    status = np.where(activity, len(STATUS_CODES), status)  # out of every status count
    counts = np.bincount(status, minlength=len(STATUS_CODES) + 1)
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
        rows_replaced=int(replaced.sum()),
        spend_replaced_eur=_cents(read[replaced]) / 100,
        rows_activity=int(activity.sum()),
    )
    if sum(spend.values()) != expected_read_cents or not recon.balanced:
        raise ReconciliationError(
            f"reconciliation broken: statuses {spend} (cents) vs {expected_read_cents} read; "
            f"rows {counts[:-1].tolist()} + {ledger.rows_above} above the header vs {ledger.rows_read}"
        )
    return recon


def _totals(
    mapped: pd.DataFrame, e_kg: np.ndarray, ue: np.ndarray, spend_mapped: float, partial: bool
) -> Totals:
    """Total emissions, their uncertainty (independent factors, and all in one direction)."""
    total_e = float(e_kg.sum()) / 1000
    fcodes, fvalues = codes_of(mapped["error_group"])
    total_u = (
        float(np.sqrt((np.bincount(fcodes, weights=ue, minlength=len(fvalues)) ** 2).sum())) / 1000
    )
    return Totals(
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
