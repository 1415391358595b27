"""Terminal view of ``achats explain``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from achats_durables.footprint.explain import Explanation
from achats_durables.i18n.formatting import format_amount

from .labels import status_label


def render_explanation(result: Explanation, console: Console) -> None:
    console.print(
        f"[bold]{result.location.render('fr')}[/bold] — statut : {status_label(result.status)}"
        + (f" ({result.reason})" if result.reason else "")
    )
    table = Table(title="La ligne lue", title_justify="left", show_header=False)
    table.add_column("Champ")
    table.add_column("Valeur")
    for k, v in result.fields.items():
        if v not in (None, ""):
            table.add_row(k, _show(k, v))
    console.print(table)
    if result.winner:
        w = result.winner
        target = f"facteur {w['factor']}" if w["factor"] else f"exclusion : {w['exclude']}"
        console.print(
            f"Règle retenue : [bold]{w['id']}[/bold] ({w['source']}, couche {w['layer']}) — "
            f"{', '.join(f'{k} = {v}' for k, v in w['when'].items())} → {target}"
            + (" — à valider" if w["status"] == "proposition" else "")
        )
        if w.get("note"):
            console.print(f"  Note : {w['note']}")
    for r in result.runners_up:
        target = f"facteur {r['factor']}" if r["factor"] else f"exclusion : {r['exclude']}"
        console.print(
            f"  Aussi applicable, moins précise : {r['id']} ({', '.join(f'{k} = {v}' for k, v in r['when'].items())}) → {target}"
        )
    if result.factor:
        f = result.factor
        console.print(
            f"Facteur : [bold]{f['id']}[/bold] — {f['label']} ({f['set']}, identifiant Base Carbone "
            f"{f['base_carbone_id']}), poste BEGES {f['beges_post']}"
            + (" — approximation" if f["proxy"] else "")
        )
    for step in result.steps:
        console.print(f"• {step}")


def _show(key: str, value: object) -> str:
    if isinstance(value, float):
        if key.startswith("montant"):
            return f"{format_amount(value)} €"
        if key.startswith("taux"):
            return f"{format_amount(value * 100, 1)} %"
        if value.is_integer():
            return str(int(value))
    return str(value)
