"""The plan workbook's « Synthèse » and « Alertes » sheets."""

from __future__ import annotations

from openpyxl import Workbook
from rich.text import Text

from achats_durables.i18n.catalog import tr
from achats_durables.planning.report import PlanReport

from .plan_labels import total_target
from .plan_terminal import headline
from .xlsx_sheet import _TITLE, ISSUE_HEADERS, ISSUE_WIDTHS, PCT, T, _Sheet, issue_rows


def synthesis_sheet(wb: Workbook, report: PlanReport, lang: str) -> None:
    """The title, the headline in sentences, then the key figures one per row."""
    s = _Sheet(wb, tr("Synthèse", lang), (46, 22, 60), lang)
    s.append([tr("Plan d'actions : trajectoire des émissions des achats", lang)], font=_TITLE)
    s.header([tr("Indicateur", lang), tr("Valeur", lang), tr("Précision", lang)])
    end = report.point(report.horizon)
    rows: list[tuple[str, object, str | None, str]] = [
        (tr("Année de base", lang), report.base_year, None, ""),
        (tr("Émissions de l'année de base (tCO2e)", lang), report.base_tco2e, T, ""),
        (
            tr("Incertitude ± (tCO2e, 95 %)", lang),
            report.base_uncertainty_tco2e,
            T,
            tr("reportée en proportion sur la trajectoire", lang),
        ),
        (tr("Horizon", lang), report.horizon, None, ""),
        (tr("Évolution annuelle des volumes sans plan", lang), report.growth, PCT, ""),
        (tr("Sans plan à l'horizon (tCO2e)", lang), end.baseline_tco2e, T, ""),
        (tr("Avec le plan à l'horizon (tCO2e)", lang), end.plan_tco2e, T, ""),
        (tr("Plan à l'horizon, borne basse (tCO2e)", lang), end.plan_low_tco2e, T, ""),
        (tr("Plan à l'horizon, borne haute (tCO2e)", lang), end.plan_high_tco2e, T, ""),
    ]
    target = total_target(report)
    if target is not None:
        rows += [
            (tr("Objectif sur toute l'empreinte", lang), target.id, None, target.label),
            (tr("Année de l'objectif", lang), target.year, None, ""),
            (tr("Cible (tCO2e)", lang), target.target_tco2e, T, ""),
            (tr("Plan l'année de l'objectif (tCO2e)", lang), target.plan_tco2e, T, ""),
            (
                tr("Écart à l'objectif (tCO2e)", lang),
                target.gap_tco2e,
                T,
                tr("positif : il manque des réductions", lang),
            ),
        ]
    rows += [
        (tr("Actions", lang), len(report.actions), None, ""),
        (
            tr("Actions dont l'effet reste à estimer", lang),
            sum(not a.estimated for a in report.actions),
            None,
            tr("comptées à 0", lang),
        ),
        (tr("Fichier du plan", lang), str(report.plan_file.get("path", "")), None, ""),
        (tr("Empreinte SHA-256 du plan", lang), report.plan_file.get("sha256"), None, ""),
        (tr("Version de l'outil", lang), report.tool_version, None, ""),
    ]
    for label, value, fmt, note in rows:
        s.append([label, value, note or None], (None, fmt))
    s.append([])
    for line in headline(report, lang):
        s.append([_plain(line)])


def _plain(text: str) -> str:
    """A headline line without its rich markup (and its escapes)."""
    return Text.from_markup(text).plain


def issues_sheet(wb: Workbook, report: PlanReport, lang: str) -> None:
    headers = [tr(h, lang) for h in ISSUE_HEADERS]
    s = _Sheet(wb, tr("Alertes", lang), ISSUE_WIDTHS, lang, headers=headers)
    issue_rows(s, report.issues, lang)
