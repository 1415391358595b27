"""Clause coverage report: terminal (rich), xlsx (priorities first, native charts), csv."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from achats_durables.clauses.coverage import TABLES, ClauseReport
from achats_durables.i18n.formatting import format_amount, format_date, format_percent
from achats_durables.i18n.messages import render

from . import report_files, write_bytes, write_only_workbook
from .csv import csv_text
from .fit import add_label_column, block, cell, label_width, print_notes, print_wrapped, titled
from .xlsx import _BOLD, _TITLE, EUR, PCT, _Sheet

TABLE_TITLES = {
    "by_year": "Par année",
    "by_entity": "Par entité",
    "by_cpv_division": "Par division CPV",
    "by_procedure": "Par procédure",
}
TABLE_KEYS = {
    "by_year": "Année",
    "by_entity": "Entité",
    "by_cpv_division": "Division CPV",
    "by_procedure": "Procédure",
}


UNKNOWN = "non renseigné"


def _or_unknown(value: float | None) -> float | str:
    """A figure, or « non renseigné » when no file gives it (DECP has no insertion hours)."""
    return UNKNOWN if value is None else value


def _hours(value: float | None) -> str:
    return UNKNOWN if value is None else format_amount(value, 0)


def _hours_line(t: dict[str, Any]) -> str:
    planned, done = t["insertion_hours_planned"], t["insertion_hours_done"]
    if planned is None and done is None:
        return (
            "heures d'insertion : non renseignées dans les fichiers lus (la DECP ne les donne pas)"
        )
    line = f"heures d'insertion : {_hours(planned)} prévues, {_hours(done)} réalisées"
    if t["insertion_fte_done"] is not None:
        line += f" (soit {format_amount(t['insertion_fte_done'], 1)} ETP à 1 607 h)"
    return line


def _pct(x: float | None) -> str:
    return "—" if x is None else format_percent(x)


def _eur(x: float) -> str:
    return f"{format_amount(x, 0)} €"


def render_clauses(
    report: ClauseReport, console: Console, top: int = 8, *, lang: str = "fr"
) -> None:
    """The clause summary (its titles and labels are French; its notes in ``lang``)."""
    t = report.totals
    lines = [
        f"[bold]{t['contracts']} marchés[/bold], {_eur(t['amount_eur'])} HT",
        f"considération sociale : {t['contracts_with_social']} ({_pct(t['share_social'])} des marchés, "
        f"{_pct(t['share_social_amount'])} du montant)",
        f"considération environnementale : {t['contracts_with_environmental']} "
        f"({_pct(t['share_environmental'])} des marchés, {_pct(t['share_environmental_amount'])} du montant)",
        f"les deux : {t['contracts_with_both']} ; aucune : {t['contracts_with_none']}",
        _hours_line(t),
    ]
    console.print(
        Panel(
            block(lines, console.width - 4),
            title="Clauses sociales et environnementales",
            expand=False,
        )
    )
    if report.priorities:
        _render_priorities(report, console, top)
    _render_targets(report, console, top)
    table = Table(title="Par année de notification", title_justify="left")
    for col in ("Année", "Marchés", "Sociale", "Environnementale", "Montant HT"):
        table.add_column(col, justify="right" if col != "Année" else "left", no_wrap=True)
    for row in report.tables["by_year"]:
        table.add_row(
            row.key,
            str(row.contracts),
            _pct(row.share_social),
            _pct(row.share_environmental),
            _eur(row.amount_eur),
        )
    console.print(table)
    if report.ledger_join:
        j = report.ledger_join
        table = Table(
            title="Grand livre : dépense exécutée selon les marchés", title_justify="left"
        )
        table.add_column("Part de la dépense", no_wrap=True)
        table.add_column("Lignes", justify="right", no_wrap=True)
        table.add_column("Dépense HT", justify="right", no_wrap=True)
        table.add_column("tCO2e", justify="right", no_wrap=True)
        for key, label in JOIN_LABELS.items():
            part = j[key]
            table.add_row(
                label,
                str(part["lines"]),
                _eur(part["spend_excl_vat_eur"]),
                format_amount(part["emissions_tco2e"], 1),
            )
        console.print(table)
    notes = [i for i in report.issues if i.severity != "info"]
    print_notes(console, notes, DETAIL_IN_REPORT, lang=lang)


DETAIL_IN_REPORT = (
    "Le détail de chaque alerte est dans le rapport : -o clauses.xlsx (feuille « Alertes ») "
    "ou --format json (liste « issues »)."
)
CATEGORY_WIDTH = 30  # the priority table: category names cut with « … » beyond this


def _render_priorities(report: ClauseReport, console: Console, top: int) -> None:
    """Where to act first: the category cut with « … », the suggested action wrapped beside it."""
    rows = [
        [
            str(p["rank"]),
            p["label"],
            format_amount(p["emissions_tco2e"], 1)
            if "emissions_tco2e" in p
            else _eur(p["amount_eur"]),
            str(p["contracts"]),
            p["action"],
        ]
        for p in report.priorities_in()[:top]
    ]
    value = "tCO2e sans clause env." if report.ledger_join else "Montant sans clause env."
    category = min(CATEGORY_WIDTH, max(len(r[1]) for r in [["", "Catégorie"], *rows]))
    action = label_width(
        console.width,
        ["#", *(r[0] for r in rows)],
        ["x" * category],
        [value, *(r[2] for r in rows)],
        ["Marchés", *(r[3] for r in rows)],
    )
    table = Table(title="Où agir d'abord (plan d'action)", title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    add_label_column(table, "Catégorie", category)
    table.add_column(value, justify="right", no_wrap=True)
    table.add_column("Marchés", justify="right", no_wrap=True)
    table.add_column("Action suggérée", no_wrap=True, max_width=action)
    for rank, label, amount, contracts, text in rows:
        table.add_row(rank, label, amount, contracts, cell(text, action))
    console.print(table)


MET = {True: "oui", False: "non", None: "à vérifier"}


def met_label(target: dict[str, Any]) -> str:
    """« oui », « non », « à vérifier », « sans objet » (no contract concerned) or the SPASER's."""
    if target["id"] == "spaser":
        return "obligatoire" if target["required"] else "facultatif"
    if target["id"] == "loi-climat-art-35" and not target["contracts"]:
        return "sans objet"
    if target["year"] is None and target["id"].startswith("pnad"):
        return "—"
    return MET[target["met"]]


def _render_targets(report: ClauseReport, console: Console, top: int) -> None:
    """PNAD by notification year, the loi Climat check and its contracts, SPASER by buyer."""
    pnad = [t for t in report.targets if t["id"].startswith("pnad")]
    if pnad:
        titled(
            console,
            "Objectifs PNAD 2022-2025, par année de notification (objectifs fixés pour 2025)",
        )
        table = Table()
        for col in ("Année", "Objectif", "Marchés", "Réalisé", "Cible", "Atteint", "Manquants"):
            justify = "left" if col in ("Année", "Objectif") else "right"
            table.add_column(col, justify=justify, no_wrap=True)  # type: ignore[arg-type]
        for t in pnad:
            table.add_row(
                "date inconnue" if t["year"] is None else str(t["year"]),
                "environnemental" if t["id"] == "pnad-environnement" else "social",
                str(t["contracts"]),
                _pct(t["actual"]),
                _pct(t["target"]),
                met_label(t),
                str(t["gap_contracts"]),
            )
        console.print(table)
    for t in report.targets:
        if t["id"] == "loi-climat-art-35":
            label = f"[bold]{escape(t['label'])}[/bold] : {met_label(t)}"
            print_wrapped(console, label, markup=True)
            print_wrapped(console, t["detail"], first="• ", hanging="  ")
    if report.to_check:
        _render_to_check(report, console, top)
        if len(report.to_check) > top:
            console.print(f"… et {len(report.to_check) - top} autre(s) : voir le classeur xlsx.")
    spaser = [t for t in report.targets if t["id"] == "spaser"]
    if spaser:
        titled(
            console,
            "SPASER, acheteur par acheteur (art. D. 2111-3 : achats sur marchés supérieurs à "
            f"{_eur(spaser[0]['target'])} HT)",
        )
        table = Table()
        for col in ("Acheteur", "SIREN", "Année", "Achats sur marchés HT", "SPASER"):
            justify = "right" if col.startswith("Achats") else "left"
            table.add_column(col, justify=justify, no_wrap=True)  # type: ignore[arg-type]
        ranked = sorted(spaser, key=lambda t: -float(t["actual"]))
        for t in ranked[:top]:
            table.add_row(
                t["entity"] or "acheteur non précisé",
                t["siren"] or "",
                "estimation" if t["year"] is None else str(t["year"]),
                _eur(t["actual"]),
                met_label(t),
            )
        console.print(table)
        rest = ranked[top:]
        if rest:
            required = sum(t["required"] for t in rest)
            print_wrapped(
                console,
                f"… et {len(rest)} autre(s) acheteur(s), dont {required} au-dessus du seuil.",
            )
        for basis in dict.fromkeys(t["basis"] for t in spaser):
            text = render(f"clauses-spaser-basis-{basis}")
            print_wrapped(console, text, first="• ", hanging="  ")


def _render_to_check(report: ClauseReport, console: Console, top: int) -> None:
    """Loi Climat: the contracts not compliant or to check, the reasons wrapped beside them."""
    rows = [
        [
            c["contract_ref"],
            c["notification_date"],
            "—" if c["amount_eur"] is None else _eur(c["amount_eur"]),
            c["status_label"],
            c["reasons_text"],
        ]
        for c in report.to_check[:top]
    ]
    headers = ("Marché", "Notification", "Montant HT", "Statut", "Motifs")
    reasons = label_width(
        console.width, *([h, *(r[i] for r in rows)] for i, h in enumerate(headers[:-1]))
    )
    titled(console, "Loi Climat et résilience : marchés non conformes ou à vérifier")
    table = Table()
    for col in headers[:-1]:
        justify = "right" if col == "Montant HT" else "left"
        table.add_column(col, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    table.add_column("Motifs", no_wrap=True, max_width=reasons)
    for *values, text in rows:
        table.add_row(*values, cell(text, reasons))
    console.print(table)


JOIN_LABELS = {
    "total": "dépense d'achats lue",
    "under_contracts": "sous un marché du registre",
    "with_social": "… avec considération sociale",
    "without_social": "… sans considération sociale",
    "with_environmental": "… avec considération environnementale",
    "without_environmental": "… sans considération environnementale",
    "outside_contracts": "hors marché (pas de n° de marché)",
    "unknown_contracts": "n° de marché absent du registre",
}


def write_clauses_xlsx(report: ClauseReport, path: Path, *, lang: str = "fr") -> None:
    with write_only_workbook(path) as wb:
        wb.properties.creator = f"achats {report.tool_version}"
        _priorities_sheet(wb, report)
        _summary_sheet(wb, report)
        for name in TABLES:
            _coverage_sheet(wb, report, name)
        _consideration_sheet(wb, report)
        _contracts_sheet(wb, report)
        s = _Sheet(wb, "Alertes", (12, 110, 22, 10, 18))
        s.header(["Gravité", "Message", "Fichier", "Ligne", "Code"])
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


def _priorities_sheet(wb: Workbook, report: ClauseReport) -> None:
    s = _Sheet(wb, "Priorités", (6, 45, 18, 18, 10, 100))
    s.append(
        [
            "Où agir d'abord : catégories d'achats les plus émettrices sans considération environnementale"
        ],
        font=_TITLE,
    )
    with_ledger = report.ledger_join is not None
    s.append(
        [
            "Classement par émissions (tCO2e) exécutées sans clause environnementale"
            if with_ledger
            else "Sans grand livre (--ledger) : classement par montant des marchés sans clause environnementale"
        ]
    )
    s.header(
        [
            "Rang",
            "Catégorie",
            "tCO2e" if with_ledger else "Montant HT (€)",
            "Dépense HT (€)" if with_ledger else "",
            "Marchés",
            "Action suggérée",
        ]
    )
    for p in report.priorities_in():
        if with_ledger:
            s.append(
                [
                    p["rank"],
                    p["label"],
                    p["emissions_tco2e"],
                    p["spend_excl_vat_eur"],
                    p["contracts"],
                    p["action"],
                ],
                (None, None, "#,##0.0", EUR),
            )
        else:
            s.append(
                [p["rank"], p["label"], p["amount_eur"], None, p["contracts"], p["action"]],
                (None, None, EUR),
            )
    s.append([])
    s.header(["", "Marché", "Objet", "Échéance", "", ""])
    for p in report.priorities_in()[:15]:
        for c in p["contracts_detail"][:5]:
            s.append([p["rank"], c["contract_ref"], c["object"], format_date(c.get("end_date"))])


def _summary_sheet(wb: Workbook, report: ClauseReport) -> None:
    s = _Sheet(wb, "Synthèse", (60, 18, 18, 14, 90))
    t = report.totals
    s.append(["Couverture des considérations sociales et environnementales"], font=_TITLE)
    s.header(["Indicateur", "Marchés", "Montant HT (€)", "Part (nombre)", ""])
    s.append(["Marchés lus", t["contracts"], t["amount_eur"]], (None, "#,##0", EUR))
    s.append(
        [
            "avec au moins une considération sociale",
            t["contracts_with_social"],
            t["amount_with_social_eur"],
            t["share_social"],
        ],
        (None, "#,##0", EUR, PCT),
    )
    s.append(
        [
            "avec au moins une considération environnementale",
            t["contracts_with_environmental"],
            t["amount_with_environmental_eur"],
            t["share_environmental"],
        ],
        (None, "#,##0", EUR, PCT),
    )
    s.append(["avec les deux", t["contracts_with_both"]], (None, "#,##0"))
    s.append(["sans aucune", t["contracts_with_none"]], (None, "#,##0"))
    s.append(
        [
            "Heures d'insertion prévues / réalisées",
            _or_unknown(t["insertion_hours_planned"]),
            _or_unknown(t["insertion_hours_done"]),
        ],
        (None, "#,##0", "#,##0"),
    )
    s.append(
        ["Équivalents temps plein réalisés (1 607 h)", _or_unknown(t["insertion_fte_done"])],
        (None, "0.0"),
    )
    s.append([])
    s.append(["Objectifs"], font=_BOLD)
    s.header(["Objectif", "Cible", "Réalisé", "Atteint", "Détail"])
    for target in report.targets:
        money = target["id"] == "spaser"
        s.append(
            [
                target["label"],
                target["target"],
                target["actual"],
                met_label(target),
                target["detail"],
            ],
            (None, EUR, EUR) if money else (None, PCT, PCT),
        )
    if report.to_check:
        s.append([])
        s.append(["Loi Climat et résilience : marchés non conformes ou à vérifier"], font=_BOLD)
        s.header(["Marché", "Notification", "Montant HT (€)", "Statut", "Motifs"])
        for c in report.to_check:
            s.append(
                [
                    c["contract_ref"],
                    c["notification_date"],
                    c["amount_eur"],
                    c["status_label"],
                    f"{c['reasons_text']} — {c['entity'] or c['buyer_siret']} : {c['object']} "
                    f"(seuil européen retenu : {_eur(c['eu_threshold_eur'])} HT, "
                    f"{c['eu_threshold_period']})",
                ],
                (None, None, EUR),
            )
    if report.ledger_join:
        s.append([])
        s.append(["Grand livre : dépense exécutée selon les marchés"], font=_BOLD)
        s.header(["Part de la dépense", "Lignes", "Dépense HT (€)", "tCO2e", ""])
        for key, label in JOIN_LABELS.items():
            part = report.ledger_join[key]
            s.append(
                [label, part["lines"], part["spend_excl_vat_eur"], part["emissions_tco2e"]],
                (None, "#,##0", EUR, "#,##0.0"),
            )


def _coverage_sheet(wb: Workbook, report: ClauseReport, name: str) -> None:
    rows = report.tables[name]
    s = _Sheet(wb, TABLE_TITLES[name], (16, 45, 10, 12, 12, 14, 18, 16, 16))
    s.header(
        [
            TABLE_KEYS[name],
            "Libellé",
            "Marchés",
            "Sociale",
            "Environnementale",
            "Cible sociale",
            "Cible environnementale",
            "Montant HT (€)",
            "Part env. (montant)",
        ]
    )
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
                r.key,
                r.label,
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
    if not rows:
        return
    n = len(rows)
    if name == "by_year":
        bar = BarChart()
        bar.title = "Couverture par année et objectifs PNAD"
        bar.y_axis.title = "part des marchés"
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
        s.ws.add_chart(bar, "K2")  # type: ignore[misc]
    elif name == "by_cpv_division":
        top = min(n, 15)
        bar = BarChart()
        bar.type = "bar"
        bar.title = "Couverture par division CPV"
        bar.add_data(
            Reference(s.ws, min_col=4, max_col=5, min_row=1, max_row=top + 1), titles_from_data=True
        )
        bar.set_categories(Reference(s.ws, min_col=2, min_row=2, max_row=top + 1))
        bar.height, bar.width = 14, 22
        s.ws.add_chart(bar, "K2")  # type: ignore[misc]


def _consideration_sheet(wb: Workbook, report: ClauseReport) -> None:
    s = _Sheet(wb, "Par considération", (18, 45, 12, 18))
    s.header(["Type", "Valeur", "Marchés", "Montant HT (€)"])
    for c in report.by_consideration:
        s.append(
            [c["kind"], c["value"], c["contracts"], c["amount_eur"]], (None, None, "#,##0", EUR)
        )


CONTRACT_COLUMNS = {
    "source": "Fichier",
    "row": "Ligne",
    "contract_ref": "N° marché",
    "entity": "Entité",
    "buyer_siret": "SIRET acheteur",
    "object": "Objet",
    "cpv": "Code CPV",
    "amount_eur": "Montant HT (€)",
    "notification_date": "Notification",
    "end_date": "Échéance",
    "procedure": "Procédure",
    "social": "Considérations sociales",
    "environmental": "Considérations environnementales",
    "insertion_hours_planned": "Heures d'insertion prévues",
    "insertion_hours_done": "Heures d'insertion réalisées",
    "supplier": "Titulaire",
    "supplier_siret": "SIRET titulaire",
}


def _contracts_sheet(wb: Workbook, report: ClauseReport) -> None:
    s = _Sheet(wb, "Marchés", (14, 6, 16, 20, 16, 50, 10, 16, 12, 12, 28, 30, 30, 12, 12, 30, 16))
    cols = list(CONTRACT_COLUMNS)
    s.header([CONTRACT_COLUMNS[c] for c in cols])
    fmts = [
        EUR if c == "amount_eur" else ("dd/mm/yyyy" if c.endswith("date") else None) for c in cols
    ]
    for values in report.contracts[cols].itertuples(index=False, name=None):
        s.append(values, fmts)


def clauses_csv(report: ClauseReport, *, lang: str = "fr") -> str:
    rows: list[list[Any]] = []
    t = report.totals
    for key in (
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
    ):
        rows.append(["Total", key, key, t[key], "", "", ""])
    for name in TABLES:
        for r in report.tables[name]:
            rows.append(
                [
                    TABLE_TITLES[name],
                    r.key,
                    r.label,
                    r.contracts,
                    r.share_social,
                    r.share_environmental,
                    r.amount_eur,
                ]
            )
    for t in report.targets:
        rows.append(
            [
                "Objectifs",
                t["id"],
                t["label"],
                t.get("entity") or ("" if t["year"] is None else t["year"]),
                t["target"],
                t["actual"],
                met_label(t),
            ]
        )
    for c in report.to_check:
        rows.append(
            [
                "Loi Climat et résilience",
                c["contract_ref"],
                c["object"],
                c["notification_date"],
                c["amount_eur"],
                c["status_label"],
                c["reasons_text"],
            ]
        )
    for p in report.priorities_in():
        rows.append(
            [
                "Priorités",
                p["rank"],
                p["label"],
                p["contracts"],
                p.get("emissions_tco2e", ""),
                p.get("spend_excl_vat_eur", p.get("amount_eur", "")),
                p["action"],
            ]
        )
    header = [
        "Tableau",
        "Clé",
        "Libellé",
        "Marchés",
        "Part sociale / tCO2e",
        "Part environnementale / dépense",
        "Montant HT (€) / action",
    ]
    return csv_text(header, rows)


def write_clauses_csv(report: ClauseReport, path: Path, *, lang: str = "fr") -> list[Path]:
    summary = clauses_csv(report, lang=lang).encode("utf-8-sig")
    cols = list(CONTRACT_COLUMNS)
    detail = csv_text(
        [CONTRACT_COLUMNS[c] for c in cols],
        report.contracts[cols].itertuples(index=False, name=None),
    ).encode("utf-8-sig")
    detail_path = report_files(path, "csv", "clauses")[1]
    write_bytes(detail_path, detail)
    write_bytes(path, summary)
    return [path, detail_path]
