"""``achats factors list|show|rules|check``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ._app import (
    DebugOpt,
    FactorsOpt,
    FrCommand,
    LangOpt,
    MappingOpt,
    _lang,
    boundary,
    factors_app,
    stderr,
)


# --- factors ---------------------------------------------------------------------------------
@factors_app.command("list", cls=FrCommand)
def factors_list(
    factors: FactorsOpt = None,
    year: Annotated[
        int,
        typer.Option("--year", help="Année des euros des ratios affichés.", metavar="ANNÉE"),
    ] = 2023,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Lister les facteurs d'émission disponibles (ratio en kgCO2e par k€ HT).

    Exemple :

      achats factors list --year 2023
    """
    with boundary(debug, lang):
        from achats_durables.knowledge.factors import load_factor_sets

        out = Console(highlight=False)
        for fs in load_factor_sets(factors or None):
            table = Table(title=f"{fs.name} — version {fs.version}", title_justify="left")
            for col in (
                "Identifiant",
                "Catégorie",
                "Poste",
                f"kgCO2e/k€ HT ({year})",
                "Incertitude",
            ):
                table.add_column(col)
            for f in fs.factors.values():
                value = f.values.get(year) if f.kind == "monetary" else f.value
                table.add_row(
                    f.id,
                    f.label,
                    f.beges,
                    "—" if value is None else f"{value:g}",
                    f"± {f.uncertainty:.0%}",
                )
            out.print(table)
            out.print(f"Source : {fs.source}\nLicence : {fs.licence}")


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
    propositions: Annotated[
        bool,
        typer.Option(
            "--propositions", help="Seulement les règles « à valider » (statut proposition)."
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

    Exemple :

      achats factors rules --propositions
    """
    with boundary(debug, lang):
        from achats_durables.knowledge.mapping import load_mapping_rules

        rules = load_mapping_rules(mapping or [])
        table = Table(
            title="Règles d'affectation (la première qui s'applique gagne)", title_justify="left"
        )
        for col in ("Règle", "Conditions", "Résultat", "Statut", "Fichier"):
            table.add_column(col)
        shown = 0
        for r in rules.ranked():
            if propositions and r.status != "proposition":
                continue
            if proxies and not r.proxy:
                continue
            if exclusions and r.exclude is None:
                continue
            result = (
                f"{r.factor}{' (proxy)' if r.proxy else ''}"
                if r.factor
                else f"exclue : {r.exclude}"
            )
            table.add_row(
                r.id,
                ", ".join(f"{k}={v}" for k, v in r.when.items()),
                result,
                r.status,
                Path(r.source).name,
            )
            shown += 1
        Console(highlight=False).print(table)
        stderr.print(f"{shown} règle(s).")


@factors_app.command("check", cls=FrCommand)
def factors_check(
    factors: FactorsOpt = None,
    mapping: MappingOpt = None,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Vérifier les jeux de facteurs, l'indice des prix et les règles (structure, renvois, doublons).

    Code de sortie 0 si tout est cohérent, 3 sinon, avec le fichier et la clé en cause.

    Exemple :

      achats factors check --mapping regles-locales.yaml
    """
    with boundary(debug, lang):
        from achats_durables.knowledge.factors import (
            load_factor_sets,
            load_price_index,
            merge_factors,
        )
        from achats_durables.knowledge.mapping import check_factors, load_mapping_rules
        from achats_durables.knowledge.rule_scope import restrict_rules, set_aside_issues

        sets = load_factor_sets(factors or None)
        index = load_price_index()
        rules = restrict_rules(load_mapping_rules(mapping or []), sets)
        check_factors(rules, merge_factors(sets), [s.id for s in sets])
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
        props = sum(1 for r in rules.rules if r.status == "proposition")
        out.print(
            f"{props} règle(s) au statut « proposition » à faire valider (achats factors rules --propositions)."
        )
