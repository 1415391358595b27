"""The terminal summary (rich): what a finance officer reads first."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from achats_durables.footprint.report import COUNTED_STATUSES, FootprintReport
from achats_durables.i18n.formatting import format_amount

from .fit import add_label_column, block, label_width, print_notes, print_wrapped
from .labels import status_label


def _t(value: float) -> str:
    return format_amount(value, 1)


def _pct(x: float) -> str:
    return f"{x * 100:.1f} %".replace(".", ",")


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


def render_footprint(report: FootprintReport, console: Console, top: int = 8) -> None:
    t, _r = report.totals, report.reconciliation
    rel = t.uncertainty_tco2e / t.emissions_tco2e if t.emissions_tco2e else 0.0
    if t.multi_year:
        # never headline a sum of years as if it were one year's footprint
        lines = [
            f"[bold]Exercice {row.key} : {_t(row.emissions_tco2e)} tCO2e[/bold] "
            f"± {_t(row.uncertainty_tco2e)}"
            for row in sorted(report.tables["by_year"], key=lambda r: r.key)
        ]
        lines.append(
            f"Somme des {len(t.years)} exercices (pas un bilan annuel) : "
            f"{_t(t.emissions_tco2e)} tCO2e ± {_t(t.uncertainty_tco2e)} "
            f"(± {_pct(rel)}, intervalle à 95 %)"
        )
    else:
        lines = [
            f"[bold]{_t(t.emissions_tco2e)} tCO2e[/bold] ± {_t(t.uncertainty_tco2e)} "
            f"(± {_pct(rel)}, intervalle à 95 %)",
        ]
    if t.partial:
        lines.append("[bold]Total partiel : annuité de l'exercice seule[/bold] (amortissement)")
    lines += [
        f"sur {format_amount(t.spend_excl_vat_eur)} € HT affectés, soit "
        f"{t.intensity_kgco2e_per_keur:.0f} kgCO2e par k€ HT",
        f"L'intervalle suppose les erreurs des facteurs indépendantes ; si elles allaient toutes "
        f"dans le même sens, il atteindrait ± {_t(t.uncertainty_correlated_tco2e)} tCO2e.",
    ]
    if report.monte_carlo is not None:
        mc = report.monte_carlo
        lines.append(
            f"Monte-Carlo ({mc.draws} tirages) : {_t(mc.low_tco2e)} à {_t(mc.high_tco2e)} tCO2e"
        )
    r = report.reconciliation
    if r.spend_unquantified_eur:
        lines.append(
            f"[bold]{format_amount(r.spend_unquantified_eur)} € d'énergie à quantifier[/bold] : "
            "achetée sans quantité, elle n'est pas dans ce total."
        )
    if report.proxy_share:
        lines.append(
            f"{_pct(report.proxy_share)} des émissions reposent sur une approximation (proxy)."
        )
    console.print(
        Panel(block(lines, console.width - 4), title="Empreinte carbone des achats", expand=False)
    )
    rows = report.tables["by_beges_post"]
    _table(
        console,
        "Par poste BEGES",
        ["Poste", "Libellé", "Dépense HT (€)", "tCO2e", "± tCO2e"],
        [
            [
                r.key,
                r.label,
                format_amount(r.spend_excl_vat_eur),
                _t(r.emissions_tco2e),
                _t(r.uncertainty_tco2e),
            ]
            for r in rows
        ],
    )
    for name, title in (
        ("by_factor", "Principales catégories"),
        ("by_supplier", "Principaux fournisseurs"),
    ):
        total = t.emissions_tco2e
        _table(
            console,
            title,
            ["Libellé", "Dépense HT (€)", "tCO2e", "Part"],
            [
                [
                    r.label,
                    format_amount(r.spend_excl_vat_eur),
                    _t(r.emissions_tco2e),
                    _pct(r.emissions_tco2e / total if total else 0.0),
                ]
                for r in report.tables[name][:top]
            ],
        )
    render_reconciliation(report, console)
    print_notes(
        console,
        [i for i in report.issues if i.severity != "info" or i.code in SHOWN_INFO],
        DETAIL_IN_REPORT,
    )


DETAIL_IN_REPORT = (
    "Le détail de chaque alerte est dans le rapport : -o rapport.xlsx (feuille « Alertes ») "
    "ou --format json (liste « issues »)."
)


def _table(console: Console, title: str, headers: list[str], rows: list[list[str]]) -> None:
    """A table whose « Libellé » column takes the room left and cuts names with « … »."""
    label = headers.index("Libellé")
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


def render_reconciliation(report: FootprintReport, console: Console) -> None:
    r = report.reconciliation
    table = Table(title="Rapprochement avec le grand livre", title_justify="left")
    table.add_column("Statut", no_wrap=True)
    table.add_column("Lignes", justify="right", no_wrap=True)
    table.add_column("Dépense lue (€)", justify="right", no_wrap=True)
    table.add_column("Part", justify="right", no_wrap=True)
    for part in COUNTED_STATUSES:
        table.add_row(
            status_label(part),
            str(getattr(r, f"rows_{part}")),
            format_amount(getattr(r, f"spend_{part}_eur")),
            _pct(r.share(part)),
        )
    table.add_row(status_label("rejected"), str(r.rows_rejected), "—", "")
    table.add_row(status_label("skipped"), str(r.rows_skipped), "—", "")
    table.add_row(
        "[bold]total lu[/bold]", str(r.rows_read), format_amount(r.spend_read_eur), "100 %"
    )
    console.print(table)
    print_wrapped(
        console,
        f"Affectée : comptée dans l'empreinte ({_pct(r.share('mapped'))} de la dépense). "
        f"Non affectée : aucune règle, hors du total ({_pct(r.share('unmapped'))}). "
        f"À quantifier : énergie sans quantité, hors du total ({_pct(r.share('unquantified'))}). "
        f"Exclue : hors périmètre des achats ({_pct(r.share('excluded'))}). "
        "Dépense lue : les montants du fichier (HT s'il est donné, sinon TTC).",
    )
