"""The terminal summary (rich): what a finance officer reads first."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from achats_durables.footprint.report import COUNTED_STATUSES, FootprintReport, row_label
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_amount, format_percent

from .fit import add_label_column, block, label_width, print_notes, print_wrapped
from .labels import status_label
from .method_shares import measured_lines, method_cells, method_headers, quality_lines
from .peers import render_peers
from .per_capita import per_capita_lines


def _t(value: float, lang: str = "fr") -> str:
    return format_amount(value, 1, lang)


def _pct(x: float, lang: str = "fr") -> str:
    return format_percent(x, 1, lang)


SHOWN_INFO = {
    "vat-converted",
    "euro-year-converted",
    "intra-group-excluded",
    "proposition-rules-used",
    "input-note",
    "other-year-skipped",
    "other-entity-skipped",
    "totals-rows-skipped",
    "physical-quantities-used",
}


def render_footprint(
    report: FootprintReport, console: Console, top: int = 8, *, lang: str = "fr"
) -> None:
    """The summary panel, the main tables, the reconciliation and the notes, in ``lang``."""
    console.print(
        Panel(
            block(_headline(report, lang), console.width - 4),
            title=tr("Empreinte carbone des achats", lang),
            expand=False,
        )
    )
    amount = tr("Dépense HT (€)", lang)
    label = tr("Libellé", lang)
    _table(
        console,
        tr("Par poste BEGES", lang),
        [tr("Poste", lang), label, amount, "tCO2e", "± tCO2e"],
        [
            [
                r.key,
                row_label("by_beges_post", r, lang),
                format_amount(r.spend_excl_vat_eur, 2, lang),
                _t(r.emissions_tco2e, lang),
                _t(r.uncertainty_tco2e, lang),
            ]
            for r in report.tables["by_beges_post"]
        ],
        label,
    )
    total = report.totals.emissions_tco2e
    for name, title in (
        ("by_factor", "Principales catégories"),
        ("by_supplier", "Principaux fournisseurs"),
    ):
        _table(
            console,
            tr(title, lang),
            [label, amount, "tCO2e", tr("Part", lang)],
            [
                [
                    row_label(name, r, lang),
                    format_amount(r.spend_excl_vat_eur, 2, lang),
                    _t(r.emissions_tco2e, lang),
                    _pct(r.emissions_tco2e / total if total else 0.0, lang),
                ]
                for r in report.tables[name][:top]
            ],
            label,
        )
    _method_table(report, console, lang)
    render_peers(report, console, lang, _table)
    render_reconciliation(report, console, lang=lang)
    print_notes(
        console,
        [i for i in report.issues if i.severity != "info" or i.code in SHOWN_INFO],
        tr(DETAIL_IN_REPORT, lang),
        lang=lang,
    )


def _method_table(report: FootprintReport, console: Console, lang: str) -> None:
    """tCO2e and spend HT by method, with their shares (the spend not counted last)."""
    if report.tables.get("by_method"):
        headers = method_headers(lang)
        _table(console, tr("Par méthode", lang), headers, method_cells(report, lang), headers[0])


def _headline(report: FootprintReport, lang: str) -> list[str]:
    """The panel's lines: the total (or each year's), its interval, spend, what is left out,
    what rests on measured data."""
    return [
        *_total_lines(report, lang),
        *per_capita_lines(report, lang),
        *_spend_lines(report, lang),
        *_left_out_lines(report, lang),
        *measured_lines(report, lang),
        *quality_lines(report, lang),
    ]


def _total_lines(report: FootprintReport, lang: str) -> list[str]:
    """The total and its interval; each year's total first when the report sums years."""
    t = report.totals
    rel = t.uncertainty_tco2e / t.emissions_tco2e if t.emissions_tco2e else 0.0
    total, unc, share = _t(t.emissions_tco2e, lang), _t(t.uncertainty_tco2e, lang), _pct(rel, lang)
    if t.multi_year:
        # never headline a sum of years as if it were one year's footprint
        lines = [
            tr(
                "[bold]Exercice {year} : {total} tCO2e[/bold] ± {unc}",
                lang,
                year=row.key,
                total=_t(row.emissions_tco2e, lang),
                unc=_t(row.uncertainty_tco2e, lang),
            )
            for row in sorted(report.tables["by_year"], key=lambda r: r.key)
        ]
        lines.append(
            tr(
                "Somme des {count} exercices (pas un bilan annuel) : {total} tCO2e ± {unc} "
                "(± {share}, intervalle à 95 %)",
                lang,
                count=len(t.years),
                total=total,
                unc=unc,
                share=share,
            )
        )
    else:
        lines = [
            tr(
                "[bold]{total} tCO2e[/bold] ± {unc} (± {share}, intervalle à 95 %)",
                lang,
                total=total,
                unc=unc,
                share=share,
            )
        ]
    if t.partial:
        lines.append(
            tr("[bold]Total partiel : annuité de l'exercice seule[/bold] (amortissement)", lang)
        )
    return lines


def _spend_lines(report: FootprintReport, lang: str) -> list[str]:
    """The spend counted and the intensity, the interval's reading, the Monte Carlo interval."""
    t = report.totals
    lines = [
        tr(
            "sur {spend} € HT affectés, soit {intensity} kgCO2e par k€ HT",
            lang,
            spend=format_amount(t.spend_excl_vat_eur, 2, lang),
            intensity=f"{t.intensity_kgco2e_per_keur:.0f}",
        ),
        tr(
            "L'intervalle suppose les erreurs des facteurs indépendantes ; si elles allaient toutes "
            "dans le même sens, il atteindrait ± {unc} tCO2e.",
            lang,
            unc=_t(t.uncertainty_correlated_tco2e, lang),
        ),
    ]
    if report.monte_carlo is not None:
        mc = report.monte_carlo
        lines.append(
            tr(
                "Monte-Carlo ({draws} tirages) : {low} à {high} tCO2e",
                lang,
                draws=mc.draws,
                low=_t(mc.low_tco2e, lang),
                high=_t(mc.high_tco2e, lang),
            )
        )
    return lines


def _left_out_lines(report: FootprintReport, lang: str) -> list[str]:
    """Energy left to quantify, and the share resting on proxies."""
    lines = []
    r = report.reconciliation
    if r.spend_unquantified_eur:
        lines.append(
            tr(
                "[bold]{amount} € d'énergie à quantifier[/bold] : "
                "achetée sans quantité, elle n'est pas dans ce total.",
                lang,
                amount=format_amount(r.spend_unquantified_eur, 2, lang),
            )
        )
    if report.proxy_share:
        lines.append(
            tr(
                "{share} des émissions reposent sur une approximation (proxy).",
                lang,
                share=_pct(report.proxy_share, lang),
            )
        )
    return lines


DETAIL_IN_REPORT = (
    "Le détail de chaque alerte est dans le rapport : -o rapport.xlsx (feuille « Alertes ») "
    "ou --format json (liste « issues »)."
)


def _table(
    console: Console, title: str, headers: list[str], rows: list[list[str]], label_header: str
) -> None:
    """A table whose label column takes the room left and cuts names with « … »."""
    label = headers.index(label_header)
    columns = [[h, *(r[i] for r in rows)] for i, h in enumerate(headers) if i != label]
    table = Table(title=title, title_justify="left")
    for i, header in enumerate(headers):
        if i == label:
            add_label_column(table, header, label_width(console.width, *columns))
        else:  # codes and numbers: never wrapped
            table.add_column(header, justify="left" if i < label else "right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    console.print(table)


def render_reconciliation(report: FootprintReport, console: Console, *, lang: str = "fr") -> None:
    r = report.reconciliation
    table = Table(title=tr("Rapprochement avec le grand livre", lang), title_justify="left")
    table.add_column(tr("Statut", lang), no_wrap=True)
    table.add_column(tr("Lignes", lang), justify="right", no_wrap=True)
    table.add_column(tr("Dépense lue (€)", lang), justify="right", no_wrap=True)
    table.add_column(tr("Part", lang), justify="right", no_wrap=True)
    for part in COUNTED_STATUSES:
        table.add_row(
            status_label(part, lang),
            str(getattr(r, f"rows_{part}")),
            format_amount(getattr(r, f"spend_{part}_eur"), 2, lang),
            _pct(r.share(part), lang),
        )
    table.add_row(status_label("rejected", lang), str(r.rows_rejected), "—", "")
    table.add_row(status_label("skipped", lang), str(r.rows_skipped), "—", "")
    table.add_row(
        tr("[bold]total lu[/bold]", lang),
        str(r.rows_read),
        format_amount(r.spend_read_eur, 2, lang),
        "100 %" if lang != "en" else "100%",
    )
    console.print(table)
    print_wrapped(
        console,
        tr(
            "Affectée : comptée dans l'empreinte ({mapped} de la dépense). "
            "Non affectée : aucune règle, hors du total ({unmapped}). "
            "À quantifier : énergie sans quantité, hors du total ({unquantified}). "
            "Exclue : hors périmètre des achats ({excluded}). "
            "Dépense lue : les montants du fichier (HT s'il est donné, sinon TTC).",
            lang,
            **{part: _pct(r.share(part), lang) for part in COUNTED_STATUSES},
        ),
    )
