"""Clause coverage report in the terminal (rich): summary, priorities, targets, ledger join."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from achats_durables.clauses.coverage import ClauseReport
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_amount
from achats_durables.i18n.messages import render

from .clauses_labels import (
    DETAIL_IN_REPORT,
    JOIN_LABELS,
    engine_word,
    eur,
    hours_line,
    met_label,
    pct,
)
from .fit import add_label_column, block, cell, label_width, print_notes, print_wrapped, titled

CATEGORY_WIDTH = 30  # the priority table: category names cut with « … » beyond this


def _summary_lines(t: dict[str, Any], lang: str) -> list[str]:
    return [
        tr(
            "[bold]{count} marchés[/bold], {amount} HT",
            lang,
            count=t["contracts"],
            amount=eur(t["amount_eur"], lang),
        ),
        tr(
            "considération sociale : {count} ({share} des marchés, {amount_share} du montant)",
            lang,
            count=t["contracts_with_social"],
            share=pct(t["share_social"], lang),
            amount_share=pct(t["share_social_amount"], lang),
        ),
        tr(
            "considération environnementale : {count} ({share} des marchés, {amount_share} du montant)",
            lang,
            count=t["contracts_with_environmental"],
            share=pct(t["share_environmental"], lang),
            amount_share=pct(t["share_environmental_amount"], lang),
        ),
        tr(
            "les deux : {both} ; aucune : {none}",
            lang,
            both=t["contracts_with_both"],
            none=t["contracts_with_none"],
        ),
        hours_line(t, lang),
    ]


def render_clauses(
    report: ClauseReport, console: Console, top: int = 8, *, lang: str = "fr"
) -> None:
    """The clause summary, in ``lang``."""
    lines = _summary_lines(report.totals, lang)
    title = tr("Clauses sociales et environnementales", lang)
    console.print(Panel(block(lines, console.width - 4), title=title, expand=False))
    if report.priorities:
        _render_priorities(report, console, top, lang)
    _render_targets(report, console, top, lang)
    _render_years(report, console, lang)
    if report.ledger_join:
        _render_join(report.ledger_join, console, lang)
    notes = [i for i in report.issues if i.severity != "info"]
    print_notes(console, notes, tr(DETAIL_IN_REPORT, lang), lang=lang)


def _render_years(report: ClauseReport, console: Console, lang: str) -> None:
    table = Table(title=tr("Par année de notification", lang), title_justify="left")
    for col in ("Année", "Marchés", "Sociale", "Environnementale", "Montant HT"):
        table.add_column(tr(col, lang), justify="right" if col != "Année" else "left", no_wrap=True)
    for row in report.tables["by_year"]:
        table.add_row(
            engine_word(row.key, lang),
            str(row.contracts),
            pct(row.share_social, lang),
            pct(row.share_environmental, lang),
            eur(row.amount_eur, lang),
        )
    console.print(table)


def _render_join(join: dict[str, Any], console: Console, lang: str) -> None:
    title = tr("Grand livre : dépense exécutée selon les marchés", lang)
    table = Table(title=title, title_justify="left")
    table.add_column(tr("Part de la dépense", lang), no_wrap=True)
    table.add_column(tr("Lignes", lang), justify="right", no_wrap=True)
    table.add_column(tr("Dépense HT", lang), justify="right", no_wrap=True)
    table.add_column("tCO2e", justify="right", no_wrap=True)
    for key, label in JOIN_LABELS.items():
        part = join[key]
        table.add_row(
            tr(label, lang),
            str(part["lines"]),
            eur(part["spend_excl_vat_eur"], lang),
            format_amount(part["emissions_tco2e"], 1, lang),
        )
    console.print(table)


def _render_priorities(report: ClauseReport, console: Console, top: int, lang: str) -> None:
    """Where to act first: the category cut with « … », the suggested action wrapped beside it."""
    rows = [
        [
            str(p["rank"]),
            p["label"],
            format_amount(p["emissions_tco2e"], 1, lang)
            if "emissions_tco2e" in p
            else eur(p["amount_eur"], lang),
            str(p["contracts"]),
            p["action"],
        ]
        for p in report.priorities_in(lang)[:top]
    ]
    value = tr("tCO2e sans clause env." if report.ledger_join else "Montant sans clause env.", lang)
    heading, contracts = tr("Catégorie", lang), tr("Marchés", lang)
    category = min(CATEGORY_WIDTH, max(len(r[1]) for r in [["", heading], *rows]))
    action = label_width(
        console.width,
        ["#", *(r[0] for r in rows)],
        ["x" * category],
        [value, *(r[2] for r in rows)],
        [contracts, *(r[3] for r in rows)],
    )
    table = Table(title=tr("Où agir d'abord (plan d'action)", lang), title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    add_label_column(table, heading, category)
    table.add_column(value, justify="right", no_wrap=True)
    table.add_column(contracts, justify="right", no_wrap=True)
    table.add_column(tr("Action suggérée", lang), no_wrap=True, max_width=action)
    for rank, label, amount, count, text in rows:
        table.add_row(rank, label, amount, count, cell(text, action))
    console.print(table)


def _render_targets(report: ClauseReport, console: Console, top: int, lang: str) -> None:
    """PNAD by notification year, the loi Climat check and its contracts, SPASER by buyer."""
    targets = report.targets_in(lang)
    pnad = [t for t in targets if t["id"].startswith("pnad")]
    if pnad:
        _render_pnad(pnad, console, lang)
    for t in targets:
        if t["id"] == "loi-climat-art-35":
            label = f"[bold]{escape(t['label'])}[/bold]"
            line = tr("{label} : {met}", lang, label=label, met=met_label(t, lang))
            print_wrapped(console, line, markup=True)
            print_wrapped(console, t["detail"], first="• ", hanging="  ")
    if report.flagged:
        _render_to_check(report, console, top, lang)
        if len(report.flagged) > top:
            more = len(report.flagged) - top
            console.print(tr("… et {count} autre(s) : voir le classeur xlsx.", lang, count=more))
    spaser = [t for t in targets if t["id"] == "spaser"]
    if spaser:
        _render_spaser(spaser, console, top, lang)


def _render_pnad(pnad: list[dict[str, Any]], console: Console, lang: str) -> None:
    title = "Objectifs PNAD 2022-2025, par année de notification (objectifs fixés pour 2025)"
    titled(console, tr(title, lang))
    table = Table()
    for col in ("Année", "Objectif", "Marchés", "Réalisé", "Cible", "Atteint", "Manquants"):
        justify = "left" if col in ("Année", "Objectif") else "right"
        table.add_column(tr(col, lang), justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for t in pnad:
        table.add_row(
            tr("date inconnue", lang) if t["year"] is None else str(t["year"]),
            tr("environnemental" if t["id"] == "pnad-environnement" else "social", lang),
            str(t["contracts"]),
            pct(t["actual"], lang),
            pct(t["target"], lang),
            met_label(t, lang),
            str(t["gap_contracts"]),
        )
    console.print(table)


def _render_spaser(spaser: list[dict[str, Any]], console: Console, top: int, lang: str) -> None:
    title = (
        "SPASER, acheteur par acheteur (art. D. 2111-3 : achats sur marchés supérieurs à "
        "{threshold} HT)"
    )
    titled(console, tr(title, lang, threshold=eur(spaser[0]["target"], lang)))
    table = Table()
    for col in ("Acheteur", "SIREN", "Année", "Achats sur marchés HT", "SPASER"):
        justify = "right" if col.startswith("Achats") else "left"
        table.add_column(tr(col, lang), justify=justify, no_wrap=True)  # type: ignore[arg-type]
    ranked = sorted(spaser, key=lambda t: -float(t["actual"]))
    for t in ranked[:top]:
        table.add_row(
            t["entity"] or tr("acheteur non précisé", lang),
            t["siren"] or "",
            tr("estimation", lang) if t["year"] is None else str(t["year"]),
            eur(t["actual"], lang),
            met_label(t, lang),
        )
    console.print(table)
    rest = ranked[top:]
    if rest:
        required = sum(t["required"] for t in rest)
        text = "… et {count} autre(s) acheteur(s), dont {required} au-dessus du seuil."
        print_wrapped(console, tr(text, lang, count=len(rest), required=required))
    for basis in dict.fromkeys(t["basis"] for t in spaser):
        text = render(f"clauses-spaser-basis-{basis}", lang)
        print_wrapped(console, text, first="• ", hanging="  ")


def _render_to_check(report: ClauseReport, console: Console, top: int, lang: str) -> None:
    """Loi Climat: the contracts not compliant or to check, the reasons wrapped beside them."""
    rows = [
        [
            c["contract_ref"],
            c["notification_date"],
            "—" if c["amount_eur"] is None else eur(c["amount_eur"], lang),
            c["status_label"],
            c["reasons_text"],
        ]
        for c in report.to_check_in(lang)[:top]
    ]
    headers = [tr(h, lang) for h in ("Marché", "Notification", "Montant HT", "Statut", "Motifs")]
    reasons = label_width(
        console.width, *([h, *(r[i] for r in rows)] for i, h in enumerate(headers[:-1]))
    )
    titled(console, tr("Loi Climat et résilience : marchés non conformes ou à vérifier", lang))
    table = Table()
    for i, col in enumerate(headers[:-1]):
        justify = "right" if i == 2 else "left"
        table.add_column(col, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    table.add_column(headers[-1], no_wrap=True, max_width=reasons)
    for *values, text in rows:
        table.add_row(*values, cell(text, reasons))
    console.print(table)
