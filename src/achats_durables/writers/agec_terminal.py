"""The AGEC report in the terminal (rich): per buyer, the categories bought, their reuse and
recycled shares against the year's targets; the weak signals and the goods of no category."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from achats_durables.circular.report import AgecReport, CategoryRow
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_eur, format_percent
from achats_durables.knowledge.agec import Target

from .agec_labels import (
    DETAIL_IN_REPORT,
    SIRET_ORIGIN,
    TITLE,
    scope_text,
    share_text,
    target_text,
    targets_text,
)
from .fit import add_label_column, cell, label_width, print_notes, print_wrapped, titled


def render_agec(report: AgecReport, console: Console, lang: str = "fr") -> None:
    console.print(tr(TITLE, lang, year=report.year), style="bold")
    print_wrapped(console, scope_text(report, lang))
    for buyer in report.buyers:
        console.print()
        where = (
            tr(
                "SIRET {siret} ({origin})",
                lang,
                siret=buyer.siret,
                origin=tr(SIRET_ORIGIN[buyer.siret_source], lang),
            )
            if buyer.siret
            else tr("SIRET inconnu", lang)
        )
        titled(console, f"{buyer.entity or tr('(entité non précisée)', lang)} — {where}")
        _table(console, buyer.categories, lang)
    if report.group is not None:
        console.print()
        titled(console, tr("Groupe (somme des acheteurs)", lang))
        _table(console, report.group, lang)
    console.print()
    print_wrapped(console, targets_text(report, lang))
    print_notes(console, report.issues, tr(DETAIL_IN_REPORT, lang), lang=lang)


def _table(console: Console, rows: list[CategoryRow], lang: str) -> None:
    bought = [r for r in rows if r.total_eur or r.reuse_eur or r.recycled_eur]
    if not bought:
        print_wrapped(console, tr("Aucun achat dans les 17 catégories cette année.", lang))
        return
    cells = [
        (
            format_eur(r.total_eur, lang, 0),
            share_text(r, "reuse", lang),
            _target(r, "reuse", lang),
            share_text(r, "recycled", lang),
            _target(r, "recycled", lang),
        )
        for r in bought
    ]
    heads = (
        tr("Montant HT", lang),
        tr("Réemploi", lang),
        tr("cible", lang),
        tr("Recyclé", lang),
        tr("cible", lang),
    )
    columns = [[h, *(c[i] for c in cells)] for i, h in enumerate(heads)]
    width = label_width(console.width, *columns)
    table = Table(show_header=True, header_style="bold", show_edge=True, pad_edge=True)
    table.add_column(tr("Catégorie", lang), max_width=width)
    for h in heads:
        table.add_column(h, justify="right", no_wrap=True)
    for r, c in zip(bought, cells, strict=True):
        table.add_row(cell(tr(r.category, lang), width), *c)
    console.print(table)
    rest = len(rows) - len(bought)
    if rest:
        print_wrapped(
            console,
            tr(
                "{count} autre(s) catégorie(s) sans achat cette année (déclarées à 0 €).",
                lang,
                count=rest,
            ),
        )


def _target(row: CategoryRow, kind: str, lang: str) -> str:
    """The target, « ? » when none is known (the note under the tables says what to do)."""
    return "?" if row.target_share(kind) is None else target_text(row, kind, lang)


def render_categories(
    console: Console, listing: list[dict[str, Any]], year: int | None, lang: str = "fr"
) -> None:
    """``achats agec --categories``: the 17 labels, their rules and targets by year."""
    years = sorted({y for item in listing for y in item["targets"]})
    if year is not None:
        years = [y for y in years if y <= year][-1:] or years[:1]
    heads = [tr("Règles", lang), *(tr("Cible {year}", lang, year=y) for y in years)]
    cells = [
        [str(item["rules"]), *(_targets(item["targets"].get(y), lang) for y in years)]
        for item in listing
    ]
    columns = [[h, *(c[i] for c in cells)] for i, h in enumerate(heads)]
    table = Table(show_header=True, header_style="bold")
    add_label_column(
        table, tr("Catégorie (libellé exact du schéma)", lang), label_width(console.width, *columns)
    )
    for h in heads:
        table.add_column(h, justify="right", no_wrap=True)
    for item, c in zip(listing, cells, strict=True):
        table.add_row(item["category"], *c)
    console.print(table)
    print_wrapped(
        console,
        tr(
            "Cible : réemploi / recyclé, en part du montant HT de la catégorie ; « ? » : non "
            "renseignée, à compléter dans achats.yaml (agec: targets:).",
            lang,
        ),
    )


def _targets(target: Target | None, lang: str) -> str:
    if target is None:
        return "? / ?"
    parts = [
        "?" if v is None else format_percent(v, 0, lang) for v in (target.reuse, target.recycled)
    ]
    return " / ".join(parts)
