"""Clause coverage report as an xlsx workbook: priorities first, summary, tables, native charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference

from achats_durables.clauses.coverage import TABLES, ClauseReport
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_date

from . import write_only_workbook
from .clauses_labels import (
    CONTRACT_COLUMNS,
    JOIN_LABELS,
    TABLE_KEYS,
    TABLE_TITLES,
    contract_headers,
    engine_word,
    eur,
    met_label,
    or_unknown,
)
from .xlsx import _BOLD, _TITLE, EUR, PCT, _Sheet
from .xlsx_sheet import detail_note


def write_clauses_xlsx(report: ClauseReport, path: Path, *, lang: str = "fr") -> None:
    with write_only_workbook(path) as wb:
        wb.properties.creator = f"achats {report.tool_version}"
        _priorities_sheet(wb, report, lang)
        _summary_sheet(wb, report, lang)
        for name in TABLES:
            _coverage_sheet(wb, report, name, lang)
        _consideration_sheet(wb, report, lang)
        _contracts_sheet(wb, report, lang)
        headers = [tr(h, lang) for h in ("Gravité", "Message", "Fichier", "Ligne", "Code")]
        s = _Sheet(wb, tr("Alertes", lang), (12, 110, 22, 10, 18), headers=headers)
        s.header(headers)
        for issue in report.issues:
            s.append(
                [
                    issue.severity,
                    issue.message(lang),
                    Path(issue.location.path).name if issue.location.path else None,
                    issue.location.row,
                    issue.code,
                ]
            )


def _priorities_sheet(wb: Workbook, report: ClauseReport, lang: str) -> None:
    # two tables one below the other: no header row repeated on every page
    s = _Sheet(wb, tr("Priorités", lang), (6, 45, 18, 18, 10, 100), repeat_header=False)
    title = "Où agir d'abord : catégories d'achats les plus émettrices sans considération environnementale"
    s.append([tr(title, lang)], font=_TITLE)
    with_ledger = report.ledger_join is not None
    s.append(
        [
            tr("Classement par émissions (tCO2e) exécutées sans clause environnementale", lang)
            if with_ledger
            else tr(
                "Sans grand livre (--ledger) : classement par montant des marchés sans clause environnementale",
                lang,
            )
        ]
    )
    headers = (
        "Rang",
        "Catégorie",
        "tCO2e" if with_ledger else "Montant HT (€)",
        "Dépense HT (€)" if with_ledger else "",
        "Marchés",
        "Action suggérée",
    )
    s.header([tr(h, lang) if h else h for h in headers])
    priorities = report.priorities_in(lang)
    for p in priorities:
        if with_ledger:
            values = [p["emissions_tco2e"], p["spend_excl_vat_eur"]]
            s.append(
                [p["rank"], p["label"], *values, p["contracts"], p["action"]],
                (None, None, "#,##0.0", EUR),
            )
        else:
            s.append(
                [p["rank"], p["label"], p["amount_eur"], None, p["contracts"], p["action"]],
                (None, None, EUR),
            )
    s.append([])
    s.header(["", tr("Marché", lang), tr("Objet", lang), tr("Échéance", lang), "", ""])
    for p in priorities[:15]:
        for c in p["contracts_detail"][:5]:
            end = format_date(c.get("end_date"), lang)
            s.append([p["rank"], c["contract_ref"], c["object"], end])


def _summary_sheet(wb: Workbook, report: ClauseReport, lang: str) -> None:
    s = _Sheet(wb, tr("Synthèse", lang), (60, 18, 18, 14, 90), repeat_header=False)
    title = "Couverture des considérations sociales et environnementales"
    s.append([tr(title, lang)], font=_TITLE)
    headers = ("Indicateur", "Marchés", "Montant HT (€)", "Part (nombre)")
    s.header([*(tr(h, lang) for h in headers), ""])
    _coverage_totals(s, report.totals, lang)
    s.append([])
    s.append([tr("Objectifs", lang)], font=_BOLD)
    s.header([tr(h, lang) for h in ("Objectif", "Cible", "Réalisé", "Atteint", "Détail")])
    for target in report.targets_in(lang):
        money = target["id"] == "spaser"
        s.append(
            [
                target["label"],
                target["target"],
                target["actual"],
                met_label(target, lang),
                target["detail"],
            ],
            (None, EUR, EUR) if money else (None, PCT, PCT),
        )
    if report.flagged:
        _to_check_rows(s, report, lang)
    if report.ledger_join:
        s.append([])
        s.append([tr("Grand livre : dépense exécutée selon les marchés", lang)], font=_BOLD)
        join_headers = ("Part de la dépense", "Lignes", "Dépense HT (€)")
        s.header([*(tr(h, lang) for h in join_headers), "tCO2e", ""])
        for key, label in JOIN_LABELS.items():
            part = report.ledger_join[key]
            s.append(
                [
                    tr(label, lang),
                    part["lines"],
                    part["spend_excl_vat_eur"],
                    part["emissions_tco2e"],
                ],
                (None, "#,##0", EUR, "#,##0.0"),
            )


def _coverage_totals(s: _Sheet, t: dict[str, Any], lang: str) -> None:
    s.append([tr("Marchés lus", lang), t["contracts"], t["amount_eur"]], (None, "#,##0", EUR))
    for kind in ("social", "environmental"):
        label = (
            "avec au moins une considération sociale"
            if kind == "social"
            else "avec au moins une considération environnementale"
        )
        s.append(
            [
                tr(label, lang),
                t[f"contracts_with_{kind}"],
                t[f"amount_with_{kind}_eur"],
                t[f"share_{kind}"],
            ],
            (None, "#,##0", EUR, PCT),
        )
    s.append([tr("avec les deux", lang), t["contracts_with_both"]], (None, "#,##0"))
    s.append([tr("sans aucune", lang), t["contracts_with_none"]], (None, "#,##0"))
    s.append(
        [
            tr("Heures d'insertion prévues / réalisées", lang),
            or_unknown(t["insertion_hours_planned"], lang),
            or_unknown(t["insertion_hours_done"], lang),
        ],
        (None, "#,##0", "#,##0"),
    )
    s.append(
        [
            tr("Équivalents temps plein réalisés (1 607 h)", lang),
            or_unknown(t["insertion_fte_done"], lang),
        ],
        (None, "0.0"),
    )


def _to_check_rows(s: _Sheet, report: ClauseReport, lang: str) -> None:
    s.append([])
    title = "Loi Climat et résilience : marchés non conformes ou à vérifier"
    s.append([tr(title, lang)], font=_BOLD)
    headers = ("Marché", "Notification", "Montant HT (€)", "Statut", "Motifs")
    s.header([tr(h, lang) for h in headers])
    text = "{reasons} — {buyer} : {object} (seuil européen retenu : {threshold} HT, {period})"
    for c in report.to_check_in(lang):
        detail = tr(
            text,
            lang,
            reasons=c["reasons_text"],
            buyer=c["entity"] or c["buyer_siret"],
            object=c["object"],
            threshold=eur(c["eu_threshold_eur"], lang),
            period=c["eu_threshold_period"],
        )
        s.append(
            [c["contract_ref"], c["notification_date"], c["amount_eur"], c["status_label"], detail],
            (None, None, EUR),
        )


def _coverage_sheet(wb: Workbook, report: ClauseReport, name: str, lang: str) -> None:
    rows = report.tables[name]
    headers = (
        TABLE_KEYS[name],
        "Libellé",
        "Marchés",
        "Sociale",
        "Environnementale",
        "Cible sociale",
        "Cible environnementale",
        "Montant HT (€)",
        "Part env. (montant)",
    )
    shown = [tr(h, lang) for h in headers]
    widths = (16, 45, 10, 12, 12, 14, 18, 16, 16)
    s = _Sheet(wb, tr(TABLE_TITLES[name], lang), widths, headers=shown)
    s.header(shown)
    # PNAD targets of the row's year (by year), else of the latest year checked
    targets: dict[tuple[str, str], float] = {}
    for t in report.targets:
        if t["id"].startswith("pnad") and t["year"] is not None:
            targets[(t["id"], str(t["year"]))] = t["target"]
            targets[(t["id"], "")] = t["target"]
    for r in rows:
        year = r.key if name == "by_year" else ""
        s.append(
            [
                engine_word(r.key, lang),
                engine_word(r.label, lang),
                r.contracts,
                r.share_social,
                r.share_environmental,
                targets.get(("pnad-social", year)),
                targets.get(("pnad-environnement", year)),
                r.amount_eur,
                r.share_environmental_amount,
            ],
            (None, None, "#,##0", PCT, PCT, PCT, PCT, EUR, PCT),
        )
    if rows:
        _coverage_chart(s, name, len(rows), lang)


def _coverage_chart(s: _Sheet, name: str, n: int, lang: str) -> None:
    """By year: coverage bars and the PNAD targets as lines; by CPV division: the top 15."""
    if name == "by_year":
        bar = BarChart()
        bar.title = tr("Couverture par année et objectifs PNAD", lang)
        bar.y_axis.title = tr("part des marchés", lang)
        bar.add_data(
            Reference(s.ws, min_col=4, max_col=5, min_row=1, max_row=n + 1), titles_from_data=True
        )
        bar.set_categories(Reference(s.ws, min_col=1, min_row=2, max_row=n + 1))
        line = LineChart()
        line.add_data(
            Reference(s.ws, min_col=6, max_col=7, min_row=1, max_row=n + 1), titles_from_data=True
        )
        bar += line
        bar.height, bar.width = 10, 20
        # below the table: the sheet prints one page wide
        s.ws.add_chart(bar, f"B{n + 3}")  # type: ignore[misc]
    elif name == "by_cpv_division":
        top = min(n, 15)
        bar = BarChart()
        bar.type = "bar"
        bar.title = tr("Couverture par division CPV", lang)
        bar.add_data(
            Reference(s.ws, min_col=4, max_col=5, min_row=1, max_row=top + 1), titles_from_data=True
        )
        bar.set_categories(Reference(s.ws, min_col=2, min_row=2, max_row=top + 1))
        bar.height, bar.width = 14, 22
        s.ws.add_chart(bar, f"B{n + 3}")  # type: ignore[misc]


def _consideration_sheet(wb: Workbook, report: ClauseReport, lang: str) -> None:
    headers = [tr(h, lang) for h in ("Type", "Valeur", "Marchés", "Montant HT (€)")]
    s = _Sheet(wb, tr("Par considération", lang), (18, 45, 12, 18), headers=headers)
    s.header(headers)
    for c in report.by_consideration:
        s.append(
            [
                engine_word(c["kind"], lang),
                engine_word(c["value"], lang),
                c["contracts"],
                c["amount_eur"],
            ],
            (None, None, "#,##0", EUR),
        )


def _contracts_sheet(wb: Workbook, report: ClauseReport, lang: str) -> None:
    widths = (14, 6, 16, 20, 16, 50, 10, 16, 12, 12, 28, 30, 30, 12, 12, 30, 16)
    headers = contract_headers(lang)
    s = _Sheet(wb, tr("Marchés", lang), widths, headers=headers, detail=True)
    cols = list(CONTRACT_COLUMNS)
    s.append([detail_note(lang)], font=_BOLD)
    s.header(headers)
    fmts = [
        EUR if c == "amount_eur" else ("dd/mm/yyyy" if c.endswith("date") else None) for c in cols
    ]
    if lang == "en":
        fmts = [("yyyy-mm-dd" if f == "dd/mm/yyyy" else f) for f in fmts]
    for values in report.contracts[cols].itertuples(index=False, name=None):
        s.append(values, fmts)
    s.finish_detail(len(cols))
