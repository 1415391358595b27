"""The xlsx report, French or English: one sheet per table, annotated lines, native charts, « Méthode »."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from achats_durables.footprint.report import COUNTED_STATUSES, TABLES, FootprintReport, row_label
from achats_durables.i18n.catalog import tr, yes_no
from achats_durables.i18n.formatting import format_number, format_year_ranges
from achats_durables.i18n.messages import beges_post_title, term

from . import write_only_workbook
from .labels import LINE_HEADERS, line_headers, status_label, table_key, table_title

MAX_XLSX_LINES = 100_000
_FORMULA_START = ("=", "+", "-", "@")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
EUR = '#,##0.00 "€"'
T = "#,##0.0"
KG = "#,##0.0"
PCT = "0.0 %"


class _Sheet:
    def __init__(
        self, wb: Workbook, title: str, widths: Sequence[int] = (), lang: str = "fr"
    ) -> None:
        self.ws: WriteOnlyWorksheet = wb.create_sheet(title)
        self.lang = lang
        for i, w in enumerate(widths):
            self.ws.column_dimensions[_col(i)].width = w
        self.row = 0

    def cell(
        self,
        value: Any,
        fmt: str | None = None,
        font: Font | None = None,
        fill: PatternFill | None = None,
        wrap: bool = False,
    ) -> Any:
        value = _clean(value, self.lang)
        c = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str) and value.startswith(_FORMULA_START):
            c.data_type = "s"  # text, never a formula
            c.quotePrefix = True
        if fmt:
            c.number_format = fmt
        if font:
            c.font = font
        if fill:
            c.fill = fill
        if wrap:
            c.alignment = _WRAP
        return c

    def append(self, values: Iterable[Any], fmts: Sequence[str | None] = (), **style: Any) -> None:
        cells = []
        styled = any(style.values())
        for i, v in enumerate(values):
            fmt = fmts[i] if i < len(fmts) else None
            value = _clean(v, self.lang)
            if styled or fmt or (isinstance(value, str) and value.startswith(_FORMULA_START)):
                cells.append(self.cell(value, fmt, **style))
            else:  # a plain value: no cell object, much faster on long sheets
                cells.append(value)
        self.ws.append(cells)
        self.row += 1

    def header(self, values: Sequence[str]) -> None:
        self.append(values, font=_BOLD, fill=_HEAD_FILL)


def _col(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def _clean(value: Any, lang: str = "fr") -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        # Control characters other than tab and line breaks are forbidden in xlsx (openpyxl
        # raises, Excel refuses the file): a supplier name pasted with one loses it here.
        return (
            ILLEGAL_CHARACTERS_RE.sub("", value) if ILLEGAL_CHARACTERS_RE.search(value) else value
        )
    if isinstance(value, (np.bool_, bool)):
        return yes_no(bool(value), lang)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime().date()
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).to_pydatetime().date()
    return value


def write_xlsx(
    report: FootprintReport, path: Path, *, max_lines: int = MAX_XLSX_LINES, lang: str = "fr"
) -> None:
    with write_only_workbook(path) as wb:
        wb.properties.creator = f"achats {report.tool_version}"
        wb.properties.title = tr("Empreinte carbone des achats", lang)
        _summary(wb, report, lang)
        for name in TABLES:
            _table(wb, report, name, lang)
        status = report.lines["status"]
        for title, selected, what in (
            ("Lignes", report.lines, "toutes les lignes lues"),
            ("Non affectées", report.lines[status == "unmapped"], "lignes sans catégorie"),
            (
                "À quantifier",
                report.lines[status == "unquantified"],
                "énergie achetée sans quantité",
            ),
            ("Exclues", report.lines[status == "excluded"], "lignes hors périmètre"),
            (
                "Rejetées et ignorées",
                report.lines[status.isin(["rejected", "skipped"])],
                "lignes rejetées ou ignorées",
            ),
        ):
            _lines(wb, tr(title, lang), selected, max_lines, tr(what, lang), lang)
        _issues(wb, report, lang)
        _method(wb, report, lang)


def _summary(wb: Workbook, report: FootprintReport, lang: str) -> None:
    s = _Sheet(wb, tr("Synthèse", lang), (42, 20, 20, 16, 60), lang)
    s.append(
        [tr("Empreinte carbone des achats (méthode des ratios monétaires ADEME)", lang)],
        font=_TITLE,
    )
    s.append([", ".join(Path(i["path"]).name for i in report.inputs)])
    s.append([])
    s.header(
        [
            tr(h, lang)
            for h in (
                "Indicateur",
                "Valeur",
                "Incertitude ± (95 %)",
                "Unité",
                "Ce que cela veut dire",
            )
        ]
    )
    for values, fmts in _indicators(report, lang):
        s.append(values, fmts)
    s.append([])
    _reconciliation(s, report, lang)
    s.append([])
    if report.vat_conversion:
        s.append([tr("Montants TTC convertis en HT", lang)], font=_BOLD)
        s.header(
            [
                tr(h, lang)
                for h in ("Base de conversion", "Taux", "Lignes", "TTC lu (€)", "HT retenu (€)")
            ]
        )
        for c in report.vat_conversion:
            s.append(
                [
                    term(c["basis"], lang),
                    c["vat_rate"],
                    c["lines"],
                    c["amount_incl_vat_eur"],
                    c["amount_excl_vat_eur"],
                ],
                (None, PCT, "#,##0", EUR, EUR),
            )
        s.append([])
    s.append([tr("Limites de la méthode", lang)], font=_BOLD)
    for text in LIMITS:
        s.append([tr(text, lang)], wrap=False)


Row = tuple[list[Any], tuple[str | None, ...]]


def _indicators(report: FootprintReport, lang: str) -> list[Row]:
    """The summary's indicator rows (label, value, uncertainty, unit, meaning) and formats."""
    t = report.totals
    rows: list[Row] = []
    if t.multi_year:
        for row in sorted(report.tables["by_year"], key=lambda r: r.key):
            rows.append(
                (
                    [
                        tr("Émissions de l'exercice {year}", lang, year=row.key),
                        row.emissions_tco2e,
                        row.uncertainty_tco2e,
                        "tCO2e",
                        tr("Le fichier couvre plusieurs exercices : chacun a son chiffre.", lang),
                    ],
                    (None, T, T),
                )
            )
    partial = tr(
        "TOTAL PARTIEL : annuité de l'exercice seule (amortissement des immobilisations). ", lang
    )
    rows.append(
        (
            [
                tr(
                    "Somme des exercices {years} (pas un bilan annuel)",
                    lang,
                    years=format_year_ranges(t.years),
                )
                if t.multi_year
                else tr("Émissions des achats affectés", lang),
                t.emissions_tco2e,
                t.uncertainty_tco2e,
                "tCO2e",
                (partial if t.partial else "")
                + tr(
                    "Total estimé ; la vraie valeur a 95 % de chances d'être dans la fourchette ± "
                    "indiquée (erreurs des facteurs supposées indépendantes).",
                    lang,
                ),
            ],
            (None, T, T),
        )
    )
    rows.append(
        (
            [
                tr("Incertitude si toutes les erreurs allaient dans le même sens", lang),
                None,
                t.uncertainty_correlated_tco2e,
                "tCO2e",
                tr("Borne haute prudente : somme des incertitudes de chaque facteur.", lang),
            ],
            (None, None, T),
        )
    )
    r = report.reconciliation
    if r.spend_unquantified_eur:
        rows.append(
            (
                [
                    tr("Énergie à quantifier (pas dans le total)", lang),
                    r.spend_unquantified_eur,
                    None,
                    "€",
                    tr(
                        "Énergie achetée sans kWh ni litres : ajoutez les quantités ou vos prix.",
                        lang,
                    ),
                ],
                (None, EUR),
            )
        )
    rows += _spend_rows(report, lang)
    return rows


def _spend_rows(report: FootprintReport, lang: str) -> list[Row]:
    """Spend, intensity, Monte Carlo interval and proxy share rows of the summary."""
    t = report.totals
    rows: list[Row] = [
        (
            [
                tr("Dépense affectée à une catégorie", lang),
                t.spend_excl_vat_eur,
                None,
                tr("€ HT", lang),
                tr("Dépense sur laquelle repose le total.", lang),
            ],
            (None, EUR),
        ),
        (
            [
                tr("Intensité carbone moyenne", lang),
                t.intensity_kgco2e_per_keur,
                None,
                tr("kgCO2e par k€ HT", lang),
                tr("Émissions pour 1 000 € HT dépensés.", lang),
            ],
            (None, "#,##0"),
        ),
    ]
    if report.monte_carlo is not None:
        mc = report.monte_carlo
        low, high = format_number(mc.low_tco2e, 1, lang), format_number(mc.high_tco2e, 1, lang)
        rows.append(
            (
                [
                    tr(
                        "Intervalle Monte-Carlo ({draws} tirages, graine {seed})",
                        lang,
                        draws=mc.draws,
                        seed=mc.seed,
                    ),
                    f"{low} – {high}",
                    None,
                    "tCO2e",
                    tr(
                        "Intervalle à 95 % obtenu par simulation (loi lognormale par facteur).",
                        lang,
                    ),
                ],
                (),
            )
        )
    rows.append(
        (
            [
                tr("Part des émissions reposant sur une approximation (proxy)", lang),
                report.proxy_share,
                None,
                "%",
                tr(
                    "Secteurs sans ratio V23.6 (eau, déchets, nettoyage…) approchés par un ratio voisin.",
                    lang,
                ),
            ],
            (None, PCT),
        )
    )
    return rows


STATUS_EXPLAINED = {
    "mapped": "Comptées dans l'empreinte.",
    "unmapped": "Aucune règle : à compléter, elles ne sont pas dans le total.",
    "unquantified": "Énergie achetée sans quantité : pas dans le total. Ajoutez les kWh ou litres (colonnes Quantité, Unité) ou vos prix (energy_prices dans achats.yaml).",
    "excluded": "Hors périmètre des achats (personnel, impôts, énergie…), motif dans la feuille « Exclues ».",
    "rejected": "Illisibles (montant absent ou incorrect), voir « Rejetées et ignorées ».",
    "skipped": "Titres, en-tête, lignes vides et lignes de total : non additionnées.",
}


def _reconciliation(s: _Sheet, report: FootprintReport, lang: str) -> None:
    r = report.reconciliation
    s.append([tr("Rapprochement avec le grand livre", lang)], font=_BOLD)
    s.header(
        [
            tr(h, lang)
            for h in ("Statut", "Lignes", "Dépense lue (€)", "Part de la dépense", "Explication")
        ]
    )
    for part in COUNTED_STATUSES:
        s.append(
            [
                status_label(part, lang),
                getattr(r, f"rows_{part}"),
                getattr(r, f"spend_{part}_eur"),
                r.share(part),
                tr(STATUS_EXPLAINED[part], lang),
            ],
            (None, "#,##0", EUR, PCT),
        )
    for part in ("rejected", "skipped"):
        s.append(
            [
                status_label(part, lang),
                getattr(r, f"rows_{part}"),
                None,
                None,
                tr(STATUS_EXPLAINED[part], lang),
            ],
            (None, "#,##0"),
        )
    s.append(
        [
            tr("Total lu", lang),
            r.rows_read,
            r.spend_read_eur,
            1.0 if r.spend_read_eur else None,
            tr(
                "Lignes et dépense lues = somme des statuts, au centime. Dépense lue = montants du fichier (HT s'il est donné, sinon TTC).",
                lang,
            ),
        ],
        (None, "#,##0", EUR, PCT),
        font=_BOLD,
    )


LIMITS = (
    "Une empreinte calculée sur la dépense suit la dépense : acheter le même produit moins cher baisse "
    "le résultat, et un produit plus sobre acheté au même prix ne change rien.",
    "Les ratios monétaires ADEME (Base Carbone V23.6) ont une incertitude de ± 80 % ; "
    "les approximations (proxy) ± 100 %. Le total sert à repérer les postes importants, "
    "pas à mesurer un progrès fin d'une année sur l'autre.",
    "Les règles marquées « à valider » sont des propositions à faire confirmer par le service financier.",
)


def _table(wb: Workbook, report: FootprintReport, name: str, lang: str) -> None:
    rows = report.tables[name]
    s = _Sheet(wb, table_title(name, lang), (22, 55, 18, 18, 18, 14), lang)
    s.header(
        [table_key(name, lang)]
        + [
            tr(h, lang)
            for h in (
                "Libellé",
                "Dépense HT (€)",
                "Émissions (tCO2e)",
                "Incertitude ± (tCO2e)",
                "Part des émissions",
            )
        ]
    )
    total = report.totals.emissions_tco2e or 1.0
    for row in rows:
        s.append(
            [
                term(row.key, lang),
                row_label(name, row, lang),
                row.spend_excl_vat_eur,
                row.emissions_tco2e,
                row.uncertainty_tco2e,
                row.emissions_tco2e / total,
            ],
            (None, None, EUR, T, T, PCT),
        )
    if rows:
        _chart(s, name, len(rows), lang)


def _chart(s: _Sheet, name: str, count: int, lang: str) -> None:
    """A pie of the BEGES posts, a bar chart of the top categories or entities."""
    if name == "by_beges_post":
        pie = PieChart()
        pie.title = tr("Émissions par poste BEGES (tCO2e)", lang)
        data = Reference(s.ws, min_col=4, min_row=1, max_row=count + 1)
        labels = Reference(s.ws, min_col=2, min_row=2, max_row=count + 1)
        pie.add_data(data, titles_from_data=True)
        pie.set_categories(labels)
        pie.dataLabels = DataLabelList()
        pie.dataLabels.showPercent = True
        pie.dataLabels.showVal = False
        pie.dataLabels.showCatName = False
        pie.dataLabels.showSerName = False
        pie.dataLabels.showLeaderLines = False
        pie.height, pie.width = 9, 14
        s.ws.add_chart(pie, "H2")  # type: ignore[misc]
    elif name in ("by_factor", "by_entity"):
        top = min(count, 15)
        bar = BarChart()
        bar.type = "bar"
        bar.title = tr(
            "Émissions par catégorie (tCO2e)"
            if name == "by_factor"
            else "Émissions par entité (tCO2e)",
            lang,
        )
        bar.y_axis.title = "tCO2e"
        data = Reference(s.ws, min_col=4, min_row=1, max_row=top + 1)
        cats = Reference(s.ws, min_col=2, min_row=2, max_row=top + 1)
        bar.add_data(data, titles_from_data=True)
        bar.set_categories(cats)
        bar.legend = None
        bar.height, bar.width = 12, 22
        s.ws.add_chart(bar, "H2")  # type: ignore[misc]


def _line_formats(cols: Sequence[str], lang: str) -> list[str | None]:
    fmts: list[str | None] = []
    for c in cols:
        if c in ("amount_excl_vat", "amount_incl_vat", "amount_read_eur", "amount_excl_vat_eur"):
            fmts.append(EUR)
        elif c in ("vat_rate", "vat_rate_applied", "uncertainty_rel"):
            fmts.append(PCT)
        elif c == "date":
            fmts.append("yyyy-mm-dd" if lang == "en" else "dd/mm/yyyy")
        elif c in ("emissions_kgco2e",):
            fmts.append(KG)
        elif c == "price_index_ratio":
            fmts.append("0.0000")
        else:
            fmts.append(None)
    return fmts


def _lines(
    wb: Workbook, title: str, lines: pd.DataFrame, max_lines: int, what: str, lang: str
) -> None:
    cols = list(LINE_HEADERS)
    s = _Sheet(
        wb,
        title,
        [10, 12, 7, 12, 30, 18, 11, 8, 9, 8, 10, 10, 16, 40, 28, 16, 14] + [14] * 17,
        lang,
    )
    shown = lines.head(max_lines)
    if len(lines) > max_lines:
        s.append(
            [
                tr(
                    "{count} {what} : seules les {max_lines} premières sont ici ; "
                    "toutes sont dans le rapport CSV (--format csv).",
                    lang,
                    count=len(lines),
                    what=what,
                    max_lines=max_lines,
                )
            ],
            font=_BOLD,
        )
    s.header(line_headers(lang))
    fmts = _line_formats(cols, lang)
    frame = shown[cols].copy()
    frame["status"] = frame["status"].map(lambda v: status_label(str(v), lang))
    if lang == "en":
        for c in ("vat_basis", "cpv_source", "reason"):
            frame[c] = (
                frame[c]
                .astype(object)
                .map(lambda v: term(str(v), lang) if isinstance(v, str) else v)
            )
    frame["year"] = frame["year"].map(lambda y: None if pd.isna(y) else int(y))
    frame["euro_year"] = frame["euro_year"].map(lambda y: None if pd.isna(y) else int(y))
    for values in frame.itertuples(index=False, name=None):
        s.append(values, fmts)


SEVERITIES = {"error": "erreur", "warning": "attention", "info": "information"}


def _issues(wb: Workbook, report: FootprintReport, lang: str) -> None:
    s = _Sheet(wb, tr("Alertes", lang), (12, 110, 22, 16, 8, 18), lang)
    s.header([tr(h, lang) for h in ("Gravité", "Message", "Fichier", "Feuille", "Ligne", "Code")])
    for issue in report.issues:
        loc = issue.location
        s.append(
            [
                tr(SEVERITIES[issue.severity], lang)
                if issue.severity in SEVERITIES
                else issue.severity,
                issue.message(lang),
                Path(loc.path).name if loc.path else None,
                loc.sheet,
                loc.row,
                issue.code,
            ]
        )


def _method(wb: Workbook, report: FootprintReport, lang: str) -> None:
    s = _Sheet(wb, tr("Méthode", lang), (34, 70, 70), lang)
    s.append([tr("Méthode et provenance", lang)], font=_TITLE)
    s.append([tr("Outil", lang), f"achats {report.tool_version}"])
    s.append([tr("Date du rapport", lang), dt.date.today().isoformat()])
    s.append([])
    s.header([tr(h, lang) for h in ("Jeu de facteurs", "Version", "Empreinte sha256")])
    for f in report.factor_sets:
        s.append([f["id"], f["version"], f["sha256"]])
    s.append([])
    s.header([tr(h, lang) for h in ("Indice des prix", "Fichier", "Empreinte sha256")])
    s.append(
        [
            report.price_index["id"],
            Path(report.price_index["path"]).name,
            report.price_index["sha256"],
        ]
    )
    s.append([])
    s.header([tr(h, lang) for h in ("Fichier de règles", "Couche", "Empreinte sha256")])
    for f in report.rule_files:
        layer = tr("{layer} ({rules} règles)", lang, layer=term(f["layer"], lang), rules=f["rules"])
        s.append([Path(f["path"]).name, layer, f["sha256"]])
    s.append([])
    s.header([tr(h, lang) for h in ("Fichier lu", "Lignes lues", "Empreinte sha256")])
    for i in report.input_details:
        s.append([Path(i.path).name, i.rows_read, i.sha256])
    s.append([])
    s.header([tr("Règle de calcul", lang), tr("Détail", lang), ""])
    for key, text in METHOD:
        s.append([tr(key, lang), tr(text, lang)], wrap=True)
    s.append([tr("Options", lang), ", ".join(f"{k} = {v}" for k, v in report.options.items())])
    posts = "; ".join(f"{k} {beges_post_title(k, lang)}" for k in ("4.1", "4.2", "4.5"))
    s.append([tr("Postes BEGES", lang), posts])


METHOD = (
    (
        "Émissions d'une ligne",
        "montant HT (€) × coefficient IPC ÷ 1 000 × ratio (kgCO2e par k€ HT)",
    ),
    (
        "Montants TTC",
        "convertis en HT avec le taux de TVA de la ligne, sinon celui de la catégorie, "
        "sinon le taux par défaut (20 %).",
    ),
    (
        "Année des euros",
        "les ratios existent en euros 2019 à 2023 ; une dépense d'une autre année est "
        "convertie en euros de l'année la plus proche avec l'indice des prix INSEE (base 2015).",
    ),
    (
        "Incertitude",
        "± 95 % ; les lignes d'un même facteur sont corrélées, les facteurs différents "
        "indépendants : U = racine(somme sur les facteurs de (u × émissions)²).",
    ),
    ("Immobilisations", "les comptes de classe 2 vont au poste BEGES 4.2, l'année d'acquisition."),
    ("Avoirs", "les montants négatifs réduisent les émissions de leur catégorie."),
    (
        "Hors périmètre",
        "personnel, impôts, charges financières et exceptionnelles, dotations, "
        "subventions, emprunts, énergie et carburants (comptés par quantités), flux internes au groupe.",
    ),
)
