"""The screens of ``achats factors list|show|rules|check``, in French or English."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from achats_durables.i18n.catalog import tr
from achats_durables.i18n.formatting import format_general, format_number
from achats_durables.knowledge.factor_listing import FactorRow, FactorsCheck, RulesListing
from achats_durables.knowledge.factors import Factor, FactorSet
from achats_durables.knowledge.rules import Rule
from achats_durables.knowledge.validation import RuleRow

# How ``achats factors rules`` names a rule's effective status (knowledge.validation).
RULE_STATUS_LABELS = {
    "proposition": "à valider",
    "valide": "validée",
    "validated-config": "validée (achats.yaml)",
}


def _pct(share: float, lang: str) -> str:
    return f"± {format_number(share * 100, 0, lang)} %"


def _set_source(out: Console, fs: FactorSet, lang: str) -> None:
    out.print(tr("Source : {source}", lang, source=fs.source))
    out.print(tr("Licence : {licence}", lang, licence=fs.licence))


def render_factor_list(
    out: Console, listed: Sequence[tuple[FactorSet, list[FactorRow]]], year: int, lang: str
) -> None:
    """One table per factor set: id, label, BEGES post, value and unit, uncertainty, id."""
    for fs, rows in listed:
        table = Table(title=f"{fs.name} — version {fs.version}", title_justify="left")
        table.add_column(tr("Identifiant", lang), no_wrap=True)
        table.add_column(tr("Catégorie", lang), ratio=1)
        for col in ("Poste", "Valeur", "Unité", "Incertitude", "Id Base Carbone"):
            table.add_column(tr(col, lang), no_wrap=True)
        for r in rows:
            unit = f"{r.unit} ({year})" if r.kind == "monetary" else r.unit
            value = "—" if r.value is None else format_general(r.value, lang)
            pct = _pct(r.uncertainty, lang)
            table.add_row(r.id, r.label, r.beges, value, unit, pct, r.base_carbone_id)
        out.print(table)
        _set_source(out, fs, lang)


def render_rule(out: Console, rule: Rule, lang: str) -> None:
    """A rule: its conditions, its factor or exclusion, its status and note."""
    out.print(tr("[bold]Règle {id}[/bold] ({file})", lang, id=rule.id, file=Path(rule.source).name))
    conditions = ", ".join(f"{k} = {v}" for k, v in rule.when.items())
    out.print(tr("Conditions : {conditions}", lang, conditions=conditions))
    if rule.factor:
        out.print(tr("Facteur : {factor}", lang, factor=rule.factor))
    else:
        out.print(tr("Exclusion : {reason}", lang, reason=rule.exclude))
    proxy = tr(" (approximation)", lang) if rule.proxy else ""
    out.print(tr("Statut : {status}", lang, status=rule.status) + proxy)
    if rule.note:
        out.print(tr("Note : {note}", lang, note=rule.note))


def render_factor(out: Console, f: Factor, fs: FactorSet, lang: str) -> None:
    """A factor: monetary, its value per euro-year; physical, its value per unit."""
    out.print(
        tr(
            "[bold]{id}[/bold] — {label} (poste BEGES {post}, incertitude {pct})",
            lang,
            id=f.id,
            label=f.label,
            post=f.beges,
            pct=_pct(f.uncertainty, lang),
        )
    )
    table = Table()
    if f.kind == "monetary":
        table.add_column(tr("Année des euros", lang))
        table.add_column(tr("kgCO2e par k€ HT", lang), justify="right")
        table.add_column(tr("Identifiant Base Carbone", lang))
        for y in f.years:
            table.add_row(str(y), format_general(f.values[y], lang), str(f.refs.get(y, "")))
    else:
        table.add_column(tr("Valeur", lang), justify="right")
        table.add_column(tr("Unité", lang))
        table.add_column(tr("Identifiant Base Carbone", lang))
        value = "—" if f.value is None else format_general(f.value, lang)
        table.add_row(value, f.unit, str(f.refs.get(0, "")))
    out.print(table)
    out.print(tr("Jeu : {name} (version {version})", lang, name=fs.name, version=fs.version))
    _set_source(out, fs, lang)


def _rule_result(r: RuleRow, lang: str) -> str:
    if r.category:
        return tr(r.category, lang)
    if r.factor:
        proxy = " (proxy)" if r.proxy else ""
        return f"{r.factor} {r.factor_label}{proxy}".strip()
    return tr("à quantifier (énergie)", lang) if r.quantify else tr("exclue", lang)


def render_rules(out: Console, err: Console, listing: RulesListing, lang: str) -> None:
    """The rules in the order they apply; the warnings and the count on stderr."""
    title = tr(
        "Règles de catégorie AGEC art. 58 (la première qui s'applique gagne)"
        if listing.agec
        else "Règles d'affectation (la première qui s'applique gagne)",
        lang,
    )
    table = Table(title=title, title_justify="left")
    for col in ("Règle", "Conditions", "Libellé", "Résultat", "Raison", "Statut", "Fichier"):
        table.add_column(tr(col, lang))
    for r in listing.rows:
        status = tr(RULE_STATUS_LABELS.get(r.status, r.status), lang)
        when = ", ".join(f"{k}={v}" for k, v in r.when.items())
        table.add_row(r.id, when, r.label, _rule_result(r, lang), r.reason, status, r.file)
    out.print(table)
    for issue in listing.issues:
        err.print(f"• {issue.message(lang)}")
    err.print(tr("{count} règle(s).", lang, count=len(listing.rows)))


def render_check(out: Console, check: FactorsCheck, lang: str) -> None:
    """What was verified, one line each (✓), then warnings (•); problems are the CLI's exit 3."""
    for s in check.factor_sets:
        out.print(
            tr(
                "✓ {file} : {count} facteurs (version {version}, sha256 {sha}…)",
                lang,
                file=Path(s.path).name,
                count=len(s.factors),
                version=s.version,
                sha=s.sha256[:12],
            )
        )
    idx = check.index
    out.print(
        tr(
            "✓ {file} : indice {first}–{last}",
            lang,
            file=Path(idx.path).name,
            first=min(idx.values),
            last=max(idx.values),
        )
    )
    for f in check.rules.files:
        layer = tr("utilisateur" if f.layer == 0 else "défaut", lang)
        out.print(
            tr(
                "✓ {file} : {count} règles ({layer})",
                lang,
                file=Path(f.path).name,
                count=f.rules,
                layer=layer,
            )
        )
    for issue in check.set_aside:
        out.print(f"• {issue.message(lang)}")
    _render_rules_check(out, check, lang)


def _render_rules_check(out: Console, check: FactorsCheck, lang: str) -> None:
    checked = check.rules_check
    for chart in checked.charts:
        if not chart.unreached:
            out.print(
                tr(
                    "✓ {file} : {count} comptes feuilles des classes 2 et 6 ({nomenclature}), "
                    "tous atteints par une règle",
                    lang,
                    file=Path(chart.path).name,
                    count=chart.leaves,
                    nomenclature=chart.nomenclature,
                )
            )
    out.print(
        tr(
            "✓ {count} libellés de comptes conformes aux nomenclatures",
            lang,
            count=checked.labels_checked,
        )
    )
    for issue in checked.warnings:
        out.print(f"• {issue.message(lang)}")
    counts = checked.statuses
    line = tr(
        "{count} règle(s) au statut « proposition » à faire valider (achats factors rules --propositions)",
        lang,
        count=counts.get("proposition", 0),
    )
    if counts.get("validated-config"):
        line += tr(
            ", {count} validée(s) dans achats.yaml (validated).",
            lang,
            count=counts["validated-config"],
        )
    else:
        line += "."
    out.print(line)
