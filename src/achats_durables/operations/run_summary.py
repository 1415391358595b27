"""``achats run``: the figures of each report and the summary of the run (``summary.json``)."""

from __future__ import annotations

from typing import Any

from achats_durables.clauses.coverage import year_figures
from achats_durables.operations.run_reports import PlannedReport


def report_figures(item: PlannedReport, max_unmapped: float | None) -> tuple[dict[str, Any], bool]:
    """The summary row of one report, and whether it breaks the ``max_unmapped`` threshold."""
    row: dict[str, Any] = {"year": item.year, "scope": item.scope, "label": item.label}
    breach = False
    if item.footprint is not None:
        t, r = item.footprint.totals, item.footprint.reconciliation
        internal = item.footprint.lines["rule"].astype(object) == "flux-interne-groupe"
        row.update(
            emissions_tco2e=round(t.emissions_tco2e, 3),
            uncertainty_tco2e=round(t.uncertainty_tco2e, 3),
            spend_excl_vat_eur=round(t.spend_excl_vat_eur, 2),
            spend_read_eur=round(r.spend_read_eur, 2),
            unmapped_share=round(r.share("unmapped"), 6),
            uncounted_share=round(r.share_uncounted(), 6),
            unquantified_eur=r.spend_unquantified_eur,
            intra_group_eliminated_eur=round(
                float(item.footprint.lines.loc[internal, "amount_read_eur"].sum()), 2
            ),
        )
        breach = max_unmapped is not None and r.share_uncounted() > max_unmapped
    if item.clauses is not None:
        ct = year_figures(item.clauses.to_dict(), item.year)
        row.update(
            contracts=ct["contracts"],
            contracts_scope=ct["scope"],
            share_social=ct["share_social"],
            share_environmental=ct["share_environmental"],
        )
    row["issues"] = [i.message() for i in item.issues]
    return row, breach


def issue_counts(planned: list[PlannedReport]) -> dict[str, int]:
    """How many issues of each severity the run's reports carry."""
    counts: dict[str, int] = {}
    for item in planned:
        issues = list(item.issues)
        if item.footprint is not None:
            issues += item.footprint.issues
        if item.clauses is not None:
            issues += item.clauses.issues
        for issue in issues:
            counts[issue.severity] = counts.get(issue.severity, 0) + 1
    return dict(sorted(counts.items()))
