"""The « Méthode » sheet of the footprint's xlsx report: provenance (factor sets, price index,
rule files, files read with their hashes), the computation rules, and the options of the run,
each a labelled row saying what it means (never the options' raw values)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_number, format_percent
from achats_durables.i18n.messages import beges_post_title, term

from .xlsx_detail import MAX_DETAIL_ROWS
from .xlsx_sheet import _BOLD, _TITLE, _Sheet

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


def _method(wb: Workbook, report: FootprintReport, lang: str) -> None:
    s = _Sheet(wb, tr("Méthode", lang), (34, 70, 70), lang, repeat_header=False)
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
        s.append([tr(key, lang), tr(text, lang)])
    posts = "; ".join(f"{k} {beges_post_title(k, lang)}" for k in ("4.1", "4.2", "4.5"))
    s.append([tr("Postes BEGES", lang), posts])
    details = tr(
        "les feuilles de détail (« Lignes », « Exclues »…) se partagent {max_lines} lignes : "
        "chacune garde les premières de sa liste, à parts égales quand elles ne tiennent pas "
        "toutes ; le détail complet est dans le rapport CSV : "
        "achats footprint … -o rapport.csv écrit toutes les lignes dans rapport-lignes.csv.",
        lang,
        max_lines=format_number(MAX_DETAIL_ROWS, 0, lang),
    )
    s.append([tr("Détail des lignes", lang), details])
    s.append([])
    s.append([tr("Options du calcul", lang)], font=_BOLD)
    s.header([tr(h, lang) for h in ("Option", "Valeur retenue", "Ce que cela veut dire")])
    for row in option_rows(report, lang):
        s.append(list(row))


def option_rows(report: FootprintReport, lang: str) -> list[tuple[str, str, str]]:
    """Each option of the run as (label, value in words, meaning), in ``lang``."""
    options = dict(report.options)
    year = options.pop("year", None)
    vat = options.pop("default_vat_rate", None)
    sirens = list(options.pop("group_sirens", None) or [])
    validated = list(options.pop("validated_rules", None) or [])
    mc = report.monte_carlo
    rows = [
        (
            tr("Année retenue", lang),
            tr("toutes", lang) if year is None else str(year),
            tr("Exercice compté (--year) ; « toutes » : chaque exercice du fichier.", lang),
        ),
        (
            tr("Taux de TVA par défaut", lang),
            "—" if vat is None else _rate(float(vat), lang),
            tr("Appliqué aux montants TTC sans taux de ligne ni de catégorie.", lang),
        ),
        (
            tr("SIREN des entités du groupe", lang),
            ", ".join(map(str, sirens)) or tr("aucun", lang),
            tr("Les achats entre ces entités sont exclus (flux internes).", lang),
        ),
        (
            tr("Règles validées", lang),
            ", ".join(map(str, validated)) or tr("aucune", lang),
            tr("Règles confirmées sous « validated: » dans achats.yaml.", lang),
        ),
        (
            tr("Simulation Monte-Carlo", lang),
            tr("non demandée", lang)
            if mc is None
            else tr("{draws} tirages, graine {seed}", lang, draws=mc.draws, seed=mc.seed),
            tr("Intervalle à 95 % par tirages aléatoires des facteurs (--monte-carlo).", lang),
        ),
    ]
    rows += [(str(key), _words(value, lang), "") for key, value in options.items()]
    return rows


def _rate(rate: float, lang: str) -> str:
    """« 20 % », « 5,5 % »: no decimal when the rate is a whole percentage."""
    whole = abs(rate * 100 - round(rate * 100)) < 1e-9
    return format_percent(rate, 0 if whole else 1, lang)


def _words(value: Any, lang: str) -> str:
    """An option's value in words: « — » for none, a list joined, never a Python repr."""
    if value is None or value == [] or value == ():
        return "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return tr("oui" if value else "non", lang)
    return str(value)
