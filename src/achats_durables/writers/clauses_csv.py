"""Clause coverage report as csv: one summary file (every table, target and priority) and the
contracts as read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from achats_durables.clauses.coverage import TABLES, ClauseReport
from achats_durables.i18n.catalog import tr

from . import report_files, write_bytes
from .clauses_labels import CONTRACT_COLUMNS, TABLE_TITLES, contract_headers, engine_word, met_label
from .csv import csv_text

TOTAL_KEYS = (
    "contracts",
    "contracts_with_social",
    "contracts_with_environmental",
    "contracts_with_both",
    "amount_eur",
    "amount_with_social_eur",
    "amount_with_environmental_eur",
    "share_social",
    "share_environmental",
    "insertion_hours_planned",
    "insertion_hours_done",
)
HEADER = (
    "Tableau",
    "Clé",
    "Libellé",
    "Marchés",
    "Part sociale / tCO2e",
    "Part environnementale / dépense",
    "Montant HT (€) / action",
)


def _check_rows(report: ClauseReport, lang: str) -> list[list[Any]]:
    """The targets, then the contracts of the loi Climat check."""
    rows: list[list[Any]] = []
    for t in report.targets_in(lang):
        rows.append(
            [
                tr("Objectifs", lang),
                t["id"],
                t["label"],
                t.get("entity") or ("" if t["year"] is None else t["year"]),
                t["target"],
                t["actual"],
                met_label(t, lang),
            ]
        )
    title = tr("Loi Climat et résilience", lang)
    for c in report.to_check_in(lang):
        rows.append(
            [
                title,
                c["contract_ref"],
                c["object"],
                c["notification_date"],
                c["amount_eur"],
                c["status_label"],
                c["reasons_text"],
            ]
        )
    return rows


def clauses_csv(report: ClauseReport, *, lang: str = "fr") -> str:
    t = report.totals
    rows: list[list[Any]] = [["Total", key, key, t[key], "", "", ""] for key in TOTAL_KEYS]
    for name in TABLES:
        title = tr(TABLE_TITLES[name], lang)
        for r in report.tables[name]:
            rows.append(
                [
                    title,
                    engine_word(r.key, lang),
                    engine_word(r.label, lang),
                    r.contracts,
                    r.share_social,
                    r.share_environmental,
                    r.amount_eur,
                ]
            )
    rows += _check_rows(report, lang)
    for p in report.priorities_in(lang):
        rows.append(
            [
                tr("Priorités", lang),
                p["rank"],
                p["label"],
                p["contracts"],
                p.get("emissions_tco2e", ""),
                p.get("spend_excl_vat_eur", p.get("amount_eur", "")),
                p["action"],
            ]
        )
    return csv_text([tr(h, lang) for h in HEADER], rows, lang)


def write_clauses_csv(report: ClauseReport, path: Path, *, lang: str = "fr") -> list[Path]:
    summary = clauses_csv(report, lang=lang).encode("utf-8-sig")
    cols = list(CONTRACT_COLUMNS)
    detail = csv_text(
        contract_headers(lang), report.contracts[cols].itertuples(index=False, name=None), lang
    ).encode("utf-8-sig")
    detail_path = report_files(path, "csv", "clauses")[1]
    write_bytes(detail_path, detail)
    write_bytes(path, summary)
    return [path, detail_path]
