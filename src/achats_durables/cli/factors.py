"""``achats factors list|show|rules|check``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from achats_durables.core.errors import ExitCode

from ._app import (
    ConfigOpt,
    DebugOpt,
    FactorsOpt,
    FrCommand,
    LangOpt,
    MappingOpt,
    _lang,
    boundary,
    factors_app,
    say,
    stderr,
)


# --- factors ---------------------------------------------------------------------------------
@factors_app.command("list", cls=FrCommand)
def factors_list(
    factors: FactorsOpt = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="Seulement les ratios monétaires (monetary) ou les facteurs physiques (physical).",
            metavar="monetary|physical",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int,
        typer.Option("--year", help="Année des euros des ratios affichés.", metavar="ANNÉE"),
    ] = 2023,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Lister les facteurs d'émission, monétaires et physiques, avec leur identifiant Base Carbone.

    Les ratios monétaires sont en kgCO2e par k€ HT, les facteurs physiques par tonne, kWh, litre,
    repas…

    Exemple :

      achats factors list --kind physical
    """
    with boundary(debug, lang):
        from achats_durables.knowledge.factor_listing import KINDS, list_factors
        from achats_durables.knowledge.factors import load_factor_sets

        if kind is not None and kind not in KINDS:
            from achats_durables.i18n.messages import render

            from ._localise import either

            choices = either(list(KINDS), _lang(lang))
            message = render("cli-usage-not-a-choice", _lang(lang), value=kind, choices=choices)
            raise typer.BadParameter(message, param_hint="--kind")
        out = Console(highlight=False)
        for fs, rows in list_factors(load_factor_sets(factors or None), kind, year):
            _print_factor_table(out, fs, rows, year, _lang(lang))


def _print_factor_table(out: Console, fs: Any, rows: Any, year: int, lang: str) -> None:
    """One factor set as a table: id, label, BEGES post, value and unit, uncertainty, id."""
    from achats_durables.i18n.catalog import tr
    from achats_durables.i18n.formatting import format_general, format_number

    table = Table(title=f"{fs.name} — version {fs.version}", title_justify="left")
    for col in (
        "Identifiant",
        "Catégorie",
        "Poste",
        "Valeur",
        "Unité",
        "Incertitude",
        "Id Base Carbone",
    ):
        table.add_column(tr(col, lang))
    for r in rows:
        unit = f"{r.unit} ({year})" if r.kind == "monetary" else r.unit
        value = "—" if r.value is None else format_general(r.value, lang)
        pct = format_number(r.uncertainty * 100, 0, lang)
        table.add_row(r.id, r.label, r.beges, value, unit, f"± {pct} %", r.base_carbone_id)
    out.print(table)
    out.print(tr("Source : {source}", lang, source=fs.source))
    out.print(tr("Licence : {licence}", lang, licence=fs.licence))


@factors_app.command("show", cls=FrCommand)
def factors_show(
    name: Annotated[
        str,
        typer.Argument(
            help="Identifiant d'un facteur (ex. naf-C17) ou d'une règle (ex. m57-6064).",
            show_default=False,
            metavar="IDENTIFIANT",
        ),
    ],
    factors: FactorsOpt = None,
    mapping: MappingOpt = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Afficher un facteur (valeurs par année, identifiants Base Carbone, source) ou une règle.

    Exemple :

      achats factors show naf-C17
    """
    with boundary(debug, lang):
        from achats_durables.knowledge.factors import find_factor, load_factor_sets
        from achats_durables.knowledge.mapping import load_mapping_rules

        out = Console(highlight=False)
        sets = load_factor_sets(factors or None)
        rules = load_mapping_rules(mapping or [])
        rule = next((r for r in rules.rules if r.id == name), None)
        if rule is not None:
            out.print(f"[bold]Règle {rule.id}[/bold] ({Path(rule.source).name})")
            out.print(f"Conditions : {', '.join(f'{k} = {v}' for k, v in rule.when.items())}")
            out.print(f"Facteur : {rule.factor}" if rule.factor else f"Exclusion : {rule.exclude}")
            out.print(f"Statut : {rule.status}" + (" (approximation)" if rule.proxy else ""))
            if rule.note:
                out.print(f"Note : {rule.note}")
            return
        f = find_factor(sets, name)
        out.print(
            f"[bold]{f.id}[/bold] — {f.label} (poste BEGES {f.beges}, incertitude ± {f.uncertainty:.0%})"
        )
        table = Table()
        table.add_column("Année des euros")
        table.add_column("kgCO2e par k€ HT", justify="right")
        table.add_column("Identifiant Base Carbone")
        for y in f.years:
            table.add_row(str(y), f"{f.values[y]:g}", str(f.refs.get(y, "")))
        out.print(table)
        fs = next(s for s in sets if s.id == f.set_id)
        out.print(
            f"Jeu : {fs.name} (version {fs.version})\nSource : {fs.source}\nLicence : {fs.licence}"
        )


@factors_app.command("rules", cls=FrCommand)
def factors_rules(
    mapping: MappingOpt = None,
    config: ConfigOpt = None,
    propositions: Annotated[
        bool,
        typer.Option(
            "--propositions",
            help="Seulement les règles « à valider » (statut proposition, non confirmées dans achats.yaml).",
        ),
    ] = False,
    proxies: Annotated[
        bool, typer.Option("--proxies", help="Seulement les approximations (secteurs sans ratio).")
    ] = False,
    exclusions: Annotated[
        bool, typer.Option("--exclusions", help="Seulement les exclusions du périmètre.")
    ] = False,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Lister les règles d'affectation (compte, CPV, libellé → facteur ou exclusion).

    Avec --propositions : ce que le service financier doit confirmer, avec la raison de chaque
    règle ; une règle confirmée s'ajoute à « validated: » dans achats.yaml (--config).

    Exemple :

      achats factors rules --propositions --config achats.yaml
    """
    with boundary(debug, lang):
        from achats_durables.knowledge.factors import merge_factors
        from achats_durables.knowledge.validation import rule_rows, validated_issues
        from achats_durables.operations.pipeline import load_setup

        setup = load_setup(config, [], mapping or [])
        validated = setup.config.validated_rules
        rows = rule_rows(
            setup.rules,
            frozenset(validated),
            propositions=propositions,
            proxies=proxies,
            exclusions=exclusions,
            factor_labels={f.id: f.label for f in merge_factors(setup.factor_sets).values()},
        )
        table = Table(
            title="Règles d'affectation (la première qui s'applique gagne)", title_justify="left"
        )
        for col in ("Règle", "Conditions", "Libellé", "Résultat", "Raison", "Statut", "Fichier"):
            table.add_column(col)
        for r in rows:
            if r.factor:
                result = f"{r.factor} {r.factor_label}{' (proxy)' if r.proxy else ''}".strip()
            elif r.quantify:
                result = "à quantifier (énergie)"
            else:
                result = "exclue"
            table.add_row(
                r.id,
                ", ".join(f"{k}={v}" for k, v in r.when.items()),
                r.label,
                result,
                r.reason,
                RULE_STATUS_LABELS.get(r.status, r.status),
                r.file,
            )
        Console(highlight=False).print(table)
        for issue in validated_issues(setup.rules, validated, setup.config.path):
            stderr.print(f"• {issue.message(_lang(lang))}")
        stderr.print(f"{len(rows)} règle(s).")


# How ``achats factors rules`` names a rule's effective status (knowledge.validation).
RULE_STATUS_LABELS = {
    "proposition": "à valider",
    "valide": "validée",
    "validated-config": "validée (achats.yaml)",
}


@factors_app.command("check", cls=FrCommand)
def factors_check(
    factors: FactorsOpt = None,
    mapping: MappingOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Vérifier les jeux de facteurs, l'indice des prix et les règles (structure, renvois, doublons).

    Les règles sont aussi confrontées aux nomenclatures M57 et M14 livrées : chaque compte
    feuille des classes 2 et 6 atteint par une règle, libellés des comptes conformes, statut
    connu, raison de chaque approximation.

    Code de sortie 0 si tout est cohérent, 3 sinon, avec le fichier et la clé en cause.

    Exemple :

      achats factors check --mapping regles-locales.yaml
    """
    with boundary(debug, lang):
        from achats_durables.knowledge.factors import load_price_index, merge_factors
        from achats_durables.knowledge.mapping import check_factors
        from achats_durables.knowledge.rule_checks import check_rules
        from achats_durables.knowledge.rule_scope import set_aside_issues
        from achats_durables.operations.pipeline import load_setup

        setup = load_setup(config, factors or [], mapping or [])
        sets, rules = setup.factor_sets, setup.rules
        index = load_price_index()
        check_factors(rules, merge_factors(sets), [s.id for s in sets])
        checked = check_rules(
            rules, frozenset(setup.config.validated_rules), config_path=setup.config.path
        )
        out = Console(highlight=False)
        for s in sets:
            out.print(
                f"✓ {Path(s.path).name} : {len(s.factors)} facteurs (version {s.version}, sha256 {s.sha256[:12]}…)"
            )
        out.print(f"✓ {Path(index.path).name} : indice {min(index.values)}–{max(index.values)}")
        for f in rules.files:
            out.print(
                f"✓ {Path(f.path).name} : {f.rules} règles ({'utilisateur' if f.layer == 0 else 'défaut'})"
            )
        for issue in set_aside_issues(rules):
            out.print(f"• {issue.message(_lang(lang))}")
        for chart in checked.charts:
            if not chart.unreached:
                out.print(
                    f"✓ {Path(chart.path).name} : {chart.leaves} comptes feuilles des classes 2 "
                    f"et 6 ({chart.nomenclature}), tous atteints par une règle"
                )
        out.print(f"✓ {checked.labels_checked} libellés de comptes conformes aux nomenclatures")
        for issue in checked.warnings:
            out.print(f"• {issue.message(_lang(lang))}")
        counts = checked.statuses
        out.print(
            f"{counts.get('proposition', 0)} règle(s) au statut « proposition » à faire valider "
            "(achats factors rules --propositions)"
            + (
                f", {counts['validated-config']} validée(s) dans achats.yaml (validated)."
                if counts.get("validated-config")
                else "."
            )
        )
        if checked.problems:
            for issue in checked.problems:
                say("cli-error", lang, "bold red", message=issue.message(_lang(lang)))
            raise typer.Exit(int(ExitCode.INPUT))
