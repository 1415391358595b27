"""Method shares and the data-quality score as the terminal and the xlsx summary show them."""

from __future__ import annotations

from typing import Any

from achats_durables.footprint.report import FootprintReport, MethodRow
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_amount, format_percent
from achats_durables.i18n.messages import has, render

from .number_formats import EUR, PCT, T

# what the score means and how to raise it, for a finance officer
QUALITY_MEANING = (
    "Cette part du bilan bouge quand les achats changent de nature (papier recyclé, repas "
    "végétariens, matériel reconditionné), pas seulement de montant ; pour l'augmenter, "
    "fournissez des données d'activité (tonnages de déchets, repas servis, kWh) et les chiffres "
    "carbone de vos fournisseurs."
)
QUALITY_HEADLINE = (
    "Qualité des données : {score} des émissions reposent sur des données mesurées "
    "(fournisseurs, quantités, données d'activité)."
)


def method_headers(lang: str) -> list[str]:
    """The headers of the terminal's method table."""
    return [
        tr("Méthode", lang),
        tr("Dépense HT (€)", lang),
        tr("% dépense", lang),
        "tCO2e",
        tr("% émissions", lang),
    ]


def quality_lines(report: FootprintReport, lang: str) -> list[str]:
    """The headline's sentences on data quality (none for a report without the score)."""
    dq = report.data_quality
    if dq is None:
        return []
    score = format_percent(dq.score, 1, lang)
    return [tr(QUALITY_HEADLINE, lang, score=score), tr(QUALITY_MEANING, lang)]


def method_cells(report: FootprintReport, lang: str) -> list[list[str]]:
    """The rows of the terminal's method table: label, spend, its share, tCO2e, its share."""
    rows = []
    for r in report.tables.get("by_method", []):
        spend_share = r.spend_share if isinstance(r, MethodRow) else 0.0
        e_share = r.emissions_share if isinstance(r, MethodRow) else 0.0
        rows.append(
            [
                render(f"method-short-{r.key}", lang) if has(f"method-short-{r.key}") else r.key,
                format_amount(r.spend_excl_vat_eur, 2, lang),
                format_percent(spend_share, 1, lang),
                format_amount(r.emissions_tco2e, 1, lang),
                format_percent(e_share, 1, lang),
            ]
        )
    return rows


def quality_rows(report: FootprintReport, lang: str) -> list[tuple[list[Any], tuple[Any, ...]]]:
    """The summary sheet's data-quality rows (label, value, uncertainty, unit, meaning)."""
    dq = report.data_quality
    if dq is None:
        return []
    return [
        (
            [
                tr("Qualité des données (part des émissions mesurées)", lang),
                dq.score,
                None,
                "%",
                tr(
                    "Part des émissions tirée des chiffres des fournisseurs, des quantités "
                    "physiques et des données d'activité. ",
                    lang,
                )
                + tr(QUALITY_MEANING, lang),
            ],
            (None, PCT),
        ),
        (
            [
                tr("Émissions sur données mesurées", lang),
                dq.emissions_measured_tco2e,
                None,
                "tCO2e",
                tr(
                    "Sur {spend} € HT de dépense.",
                    lang,
                    spend=format_amount(dq.spend_measured_eur, 2, lang),
                ),
            ],
            (None, T),
        ),
        (
            [
                tr("Dépense non comptée (sans règle ou à quantifier)", lang),
                dq.spend_not_counted_eur,
                None,
                tr("€ HT", lang),
                tr("Hors du total : à affecter ou à quantifier.", lang),
            ],
            (None, EUR),
        ),
    ]


def measured_lines(report: FootprintReport, lang: str) -> list[str]:
    """The summary's lines on measured data: suppliers' figures, activity data, and the
    suppliers to ask for theirs."""
    lines = []
    whole = report.totals.emissions_tco2e
    if report.suppliers_used:
        supplied_t = report.supplier_emissions_tco2e
        lines.append(
            tr(
                "{tco2e} tCO2e ({share} du total) reposent sur les données de {count} "
                "fournisseur(s) (fichier des fournisseurs).",
                lang,
                tco2e=format_amount(supplied_t, 1, lang),
                share=format_percent(supplied_t / whole if whole else 0.0, 1, lang),
                count=len(report.suppliers_used),
            )
        )
    if report.activities:
        activity_t = sum(a["emissions_tco2e"] for a in report.activities)
        lines.append(
            tr(
                "{tco2e} tCO2e ({share} du total) viennent de {count} donnée(s) d'activité "
                "(quantités), à la place du ratio de {spend} € HT de dépense.",
                lang,
                tco2e=format_amount(activity_t, 1, lang),
                share=format_percent(activity_t / whole if whole else 0.0, 1, lang),
                count=len(report.activities),
                spend=format_amount(_replaced_excl_vat(report), 2, lang),
            )
        )
    if report.data_requests:
        lines.append(
            tr(
                "{count} fournisseur(s) à solliciter : feuille « Demande de données » (xlsx), "
                "data_requests (JSON).",
                lang,
                count=len(report.data_requests),
            )
        )
    return lines


def _replaced_excl_vat(report: FootprintReport) -> float:
    """The spend HT of the ledger lines an activity-data row replaced."""
    lines = report.lines
    replaced = (lines["activity_ref"] != "") & ~lines["activity_line"]
    return float(lines.loc[replaced, "amount_excl_vat_eur"].sum())
