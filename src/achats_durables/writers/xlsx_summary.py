"""The « Synthèse » sheet of the footprint's xlsx report (« Méthode »: :mod:`.xlsx_method`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from achats_durables.footprint.report import COUNTED_STATUSES, FootprintReport
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_number, format_year_ranges
from achats_durables.i18n.messages import term

from .labels import status_label
from .method_shares import quality_rows
from .per_capita import per_capita_rows
from .xlsx_sheet import _BOLD, _TITLE, EUR, PCT, T, _Sheet


def _summary(wb: Workbook, report: FootprintReport, lang: str) -> None:
    # several tables one below the other: no header row repeated on every page
    s = _Sheet(wb, tr("Synthèse", lang), (42, 20, 20, 16, 60), lang, repeat_header=False)
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
    for values, fmts in [*_indicators(report, lang), *per_capita_rows(report, lang)]:
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
        s.append([tr(text, lang)])


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
    return rows + quality_rows(report, lang)


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
    "Les règles marquées « à valider » sont des propositions à faire confirmer par le service financier ; "
    "une règle confirmée s'inscrit sous « validated: » dans achats.yaml et n'est plus « à valider ».",
)
