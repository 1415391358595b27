"""``achats factors list|show|rules|check``."""

from __future__ import annotations

from typing import Annotated

import typer

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
    err_console,
    factors_app,
    out_console,
    say,
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
        from achats_durables.writers.factors import render_factor_list

        listed = list_factors(load_factor_sets(factors or None), kind, year)
        render_factor_list(out_console(), listed, year, _lang(lang))


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
        from achats_durables.writers.factors import render_factor, render_rule

        out = out_console()
        sets = load_factor_sets(factors or None)
        rules = load_mapping_rules(mapping or [])
        rule = next((r for r in rules.rules if r.id == name), None)
        if rule is not None:
            render_rule(out, rule, _lang(lang))
            return
        f = find_factor(sets, name)
        render_factor(out, f, next(s for s in sets if s.id == f.set_id), _lang(lang))


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
    agec: Annotated[
        bool,
        typer.Option(
            "--agec",
            help="Les règles de catégorie de la déclaration AGEC art. 58 (compte, CPV, libellé → "
            "catégorie de produits) au lieu des règles d'affectation.",
        ),
    ] = False,
    lang: LangOpt = "fr",
    debug: DebugOpt = False,
) -> None:
    """Lister les règles d'affectation (compte, CPV, libellé → facteur ou exclusion).

    Avec --propositions : ce que le service financier doit confirmer, avec la raison de chaque
    règle ; une règle confirmée s'ajoute à « validated: » dans achats.yaml (--config). Avec
    --agec : les règles qui classent les lignes dans les 17 catégories de la déclaration AGEC.

    Exemples :

      achats factors rules --propositions --config achats.yaml

      achats factors rules --agec
    """
    with boundary(debug, lang):
        from achats_durables.operations.factor_commands import rules_job
        from achats_durables.writers.factors import render_rules

        listing = rules_job(
            config,
            mapping or [],
            propositions=propositions,
            proxies=proxies,
            exclusions=exclusions,
            agec=agec,
        )
        render_rules(out_console(), err_console(), listing, _lang(lang))


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
        from achats_durables.operations.factor_commands import check_job
        from achats_durables.writers.factors import render_check

        check = check_job(config, factors or [], mapping or [])
        render_check(out_console(), check, _lang(lang))
        checked = check.rules_check
        if checked.problems:
            for issue in checked.problems:
                say("cli-error", lang, "bold red", message=issue.message(_lang(lang)))
            raise typer.Exit(int(ExitCode.INPUT))
