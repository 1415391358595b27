"""The AGEC report as a workbook: the categories per buyer against the targets, the official
declaration's rows, every goods line with its category and signals, the alerts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from achats_durables.circular.declaration import declaration_rows
from achats_durables.circular.report import AgecReport, CategoryRow
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.messages import render

from . import write_only_workbook
from .agec_labels import (
    MET,
    SOURCE_LABELS,
    TITLE,
    scope_text,
    target_text,
    targets_text,
)
from .xlsx_sheet import (
    _BOLD,
    _TITLE,
    EUR,
    ISSUE_HEADERS,
    ISSUE_WIDTHS,
    PCT,
    _Sheet,
    detail_note,
    fit_widths,
    issue_rows,
)

CATEGORY_HEADERS = (
    "Catégorie",
    "Montant total HT (€)",
    "dont dons (€)",
    "Réemploi et réutilisation (€)",
    "Part réemploi",
    "Cible réemploi",
    "Cible réemploi atteinte",
    "Matières recyclées (€)",
    "Part recyclée",
    "Cible recyclé",
    "Cible recyclé atteinte",
    "Libellé seul : réemploi (€)",
    "Libellé seul : recyclé (€)",
    "Lignes",
    "Année et source de la cible",
)
LINE_HEADERS = (
    "Fichier",
    "Feuille",
    "Ligne",
    "Entité",
    "Compte",
    "CPV",
    "Libellé",
    "Fournisseur",
    "SIRET fournisseur",
    "Marché",
    "Montant HT (€)",
    "Catégorie AGEC",
    "Règle",
    "Hors catégorie (raison)",
    "Réemploi (€)",
    "Source réemploi",
    "Recyclé (€)",
    "Source recyclé",
    "Libellé seul : réemploi (€)",
    "Libellé seul : recyclé (€)",
)


def write_agec_xlsx(report: AgecReport, path: Path, lang: str = "fr") -> None:
    with write_only_workbook(path) as wb:
        wb.properties.creator = f"achats {report.tool_version}"
        _categories_sheet(wb, report, lang)
        _declaration_sheet(wb, report, lang)
        _lines_sheet(wb, report, lang)
        headers = [tr(h, lang) for h in ISSUE_HEADERS]
        s = _Sheet(wb, tr("Alertes", lang), ISSUE_WIDTHS, lang, headers=headers)
        issue_rows(s, report.issues, lang)


def _categories_sheet(wb: Workbook, report: AgecReport, lang: str) -> None:
    widths = (52, 16, 12, 16, 10, 12, 12, 16, 10, 12, 12, 14, 14, 8, 60)
    headers = [tr(h, lang) for h in CATEGORY_HEADERS]
    s = _Sheet(wb, tr("Catégories AGEC", lang), widths, lang, headers=headers)
    s.append([tr(TITLE, lang, year=report.year)], font=_TITLE)
    s.append([scope_text(report, lang)])
    s.append([targets_text(report, lang)])
    blocks = [(b.entity or "—", b.siret, b.categories) for b in report.buyers]
    if report.group is not None:
        blocks.append((tr("Groupe (somme des acheteurs)", lang), "", report.group))
    for name, siret, rows in blocks:
        s.append([])
        s.append([f"{name}" + (f" — SIRET {siret}" if siret else "")], font=_BOLD)
        s.header(headers)
        for r in rows:
            s.append(_category_cells(r, lang), _CATEGORY_FORMATS)


_CATEGORY_FORMATS = (None, EUR, EUR, EUR, PCT, PCT, None, EUR, PCT, PCT, None, EUR, EUR)


def _category_cells(r: CategoryRow, lang: str) -> list[object]:
    def target(kind: str) -> object:
        value = r.target_share(kind)
        return target_text(r, kind, lang) if value is None else value

    t = r.target
    where = f"{t.year} : {t.source}" if t is not None else tr("non renseignée", lang)
    return [
        tr(r.category, lang),
        r.total_eur,
        r.gifts_eur,
        r.reuse_eur,
        r.share("reuse"),
        target("reuse"),
        tr(MET[r.met("reuse")], lang) if r.met("reuse") is not None else "",
        r.recycled_eur,
        r.share("recycled"),
        target("recycled"),
        tr(MET[r.met("recycled")], lang) if r.met("recycled") is not None else "",
        r.label_reuse_eur,
        r.label_recycled_eur,
        r.lines,
        where,
    ]


def _declaration_sheet(wb: Workbook, report: AgecReport, lang: str) -> None:
    """The official rows (French names and labels, as filed), or why they cannot be filed."""
    rows = declaration_rows(report)
    # the schema's column names have no space to wrap at: each column is as wide as its name
    names = list(rows[0]) if rows else []
    widths = fit_widths((8, 16, 30, 52, 16, 16, 16, 16, 30), [names])
    s = _Sheet(wb, tr("Déclaration", lang), widths, lang)
    s.append(
        [tr("Déclaration officielle (schéma data.gouv, à déposer telle quelle)", lang)], font=_TITLE
    )
    missing = [b.entity or "—" for b in report.buyers if not b.siret]
    if rows:
        s.header(list(rows[0]))
    for row in rows:
        s.append(list(row.values()), (None, None, None, None, EUR, EUR, EUR, EUR))
    if missing:
        s.append([])
        s.append([render("agec-siret-missing-csv", lang, entities=", ".join(missing))])


def _lines_sheet(wb: Workbook, report: AgecReport, lang: str) -> None:
    widths = (22, 12, 7, 22, 9, 10, 46, 30, 16, 16, 14, 40, 22, 40, 12, 24, 12, 24, 12, 12)
    headers = [tr(h, lang) for h in LINE_HEADERS]
    s = _Sheet(wb, tr("Lignes AGEC", lang), widths, lang, headers=headers, detail=True)
    s.append([detail_note(lang)], font=_BOLD)
    s.header(headers)
    f = report.lines
    sources = {k: tr(v, lang) for k, v in SOURCE_LABELS.items()}
    fmts = (None,) * 10 + (EUR, None, None, None, EUR, None, EUR, None, EUR, EUR)
    for rec in f.to_dict("records"):
        s.append(_line_cells(rec, sources, lang), fmts)
    s.finish_detail(len(headers))


def _line_cells(rec: dict[Any, Any], sources: dict[str, str], lang: str) -> list[object]:
    return [
        Path(str(rec["source"])).name,
        str(rec["sheet"]),
        int(rec["row"]),
        str(rec["entity"]),
        str(rec["account"]),
        str(rec["cpv_used"]),
        str(rec["label"]),
        str(rec["supplier"]),
        str(rec["supplier_siret"]),
        str(rec["contract_ref"]),
        float(rec["spend_eur"]),
        tr(str(rec["category"]), lang) if rec["category"] else "",
        rec["rule"],
        rec["excluded"],
        float(rec["reuse_eur"]),
        sources.get(str(rec["reuse_source"]), ""),
        float(rec["recycled_eur"]),
        sources.get(str(rec["recycled_source"]), ""),
        float(rec["label_reuse_eur"]),
        float(rec["label_recycled_eur"]),
    ]
