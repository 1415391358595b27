"""Generate the synthetic example purchase ledger ``examples/grand-livre-2024.xlsx``.

Fiscal year 2024 of the same three entities as ``grand-livre-2025.xlsx`` (« Agglopolys »,
« Ville de Blois », « CIAS du Blaisois »), drawn from the same families of expenses,
suppliers, SIRETs and contracts (``make_example``), so that the two years can be
compared.  Every amount, supplier, SIRET and contract reference is FICTITIOUS.

The differences with 2025 are designed, not left to chance: the HT spend of each family
and entity is the 2025 spend times a factor (``SPEND_FACTOR``, or the factor of
``CHANGES``), with fewer lines (``LINES_FACTOR``); one family exists in 2024 only
(``ONLY_2024``) and one in 2025 only.

Contract references follow the register ``registre-marches.xlsx`` (``make_contracts``):
a 2024 line cites a contract only if the contract was notified at least
``NOTIFICATION_DELAY`` before the mandate and had not ended.  Besides the contracts of
the 2025 ledger, a few older contracts of the register that were running in 2024
(``PREDECESSORS``) are cited.  The register is not modified.

Usage::

    python examples/make_example_2024.py [-o examples/grand-livre-2024.xlsx]

Deterministic: seeded generator, pinned workbook dates and zip timestamps.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_contracts
import make_example as ledger
from make_example import ENTITIES, FAMILIES, VILLE, Contract, Family

SEED = 2024
YEAR = 2024
OUTPUT = Path(__file__).resolve().parent / "grand-livre-2024.xlsx"
SHEET_NAME = "Mandats 2024"
FIXED_TIMESTAMP = dt.datetime(2025, 1, 15, 9, 0, 0)
TITLE_LINES = (
    "Grand livre des dépenses — exercice 2024",
    ledger.TITLE_LINES[1],
    "DONNÉES SYNTHÉTIQUES générées par examples/make_example_2024.py (graine 2024) "
    "— ne correspondent à aucune dépense réelle",
)

# Default 2024 / 2025 ratios: spend (prices about 2 % lower, slightly lower volumes) and
# number of lines of the families that are not monthly.
SPEND_FACTOR = 0.97
LINES_FACTOR = 0.92
NOTIFICATION_DELAY = dt.timedelta(days=3)


class Change(NamedTuple):
    """2024 / 2025 ratio of one family (all its entities)."""

    spend: float
    lines: float | None = None  # None: LINES_FACTOR (1 for monthly families)
    months: tuple[int, ...] = ()  # months of the 2024 lines, when they differ
    why: str = ""


# Families are designated by (account, a word of one of their labels).
CHANGES: dict[tuple[str, str], Change] = {
    ("21312", "Rénovation énergétique"): Change(
        0.25,
        lines=0.28,
        months=(9, 10, 11, 12),
        why="rénovation énergétique des écoles : chantier commencé en septembre 2024",
    ),
    ("2152", "Aménagement de voirie"): Change(
        0.85, why="voirie et éclairage public : programme accéléré en 2025"
    ),
    ("611", "Restauration collective"): Change(
        0.88, why="restauration scolaire : moins de repas servis, prix plus bas"
    ),
    ("60623", "cuisine centrale"): Change(0.85, why="denrées de la cuisine centrale"),
    ("611", "portage de repas"): Change(0.90, why="portage de repas : moins de bénéficiaires"),
    ("60623", "portage de repas"): Change(0.90, why="denrées du portage de repas"),
    ("2315", "assainissement"): Change(
        1.30, lines=1.0, why="réseaux d'assainissement : programme achevé fin 2024"
    ),
    ("21828", "Acquisition {vehicule}"): Change(
        1.40, lines=1.0, why="véhicules : renouvellement de bennes à ordures en 2024"
    ),
    ("21831", "Équipement numérique"): Change(
        0.0, lines=0.0, why="équipement numérique des écoles : plan lancé en 2025"
    ),
}

# One-off programme of 2024, absent from 2025: tree planting (winter 2023-2024 and autumn
# 2024 planting seasons), by existing suppliers.
ONLY_2024 = Family(
    "2121",
    {"V": (10, 26000, ("84",))},
    0.5,
    20,
    (
        "Fourniture d'arbres tiges – plan de plantation 2024 – {site}",
        "Plantation d'arbres d'alignement rue {rue} – plan de plantation 2024",
    ),
    ("Pépinières du Val de Cisse", "Élagage Val de Loire"),
    ("03451000-6", "77310000-6"),
    kind="invest",
    paired=True,
    months=(1, 2, 3, 11, 12),
)
ONLY_2024_SPEND = {VILLE: 250_000.0}  # net HT

# Older contracts of the register (not in the 2025 ledger) still running in 2024:
# reference -> family (account, label word).  Same entity and supplier as the family's.
PREDECESSORS: dict[str, tuple[str, str]] = {
    "2021-020": ("615221", "Entretien chauffage"),  # chauffage P2, ended 09/2024
    "2021-027": ("61358", "Location copieurs"),  # copieurs, ended 11/2024
    "2024-046": ("6068", "Plants et fleurs"),  # fleurissement, 03/2024-02/2025
    "AGGLO-2024-021": ("6068", "Sacs de collecte"),  # composteurs individuels
}


def family_index(account: str, word: str) -> int:
    """Index in ``FAMILIES`` of the family of ``account`` with ``word`` in a label."""
    found = [
        i
        for i, fam in enumerate(FAMILIES)
        if fam.account == account and any(word in label for label in fam.labels)
    ]
    assert len(found) == 1, (account, word, found)
    return found[0]


CHANGES_BY_INDEX: dict[int, Change] = {family_index(*key): ch for key, ch in CHANGES.items()}


def families_2024() -> tuple[Family, ...]:
    """``FAMILIES`` with the 2024 numbers of lines (same indices), then ``ONLY_2024``."""
    out: list[Family] = []
    for idx, fam in enumerate(FAMILIES):
        change = CHANGES_BY_INDEX.get(idx)
        ratio = change.lines if change is not None and change.lines is not None else None
        if ratio is None:
            ratio = 1.0 if fam.monthly else LINES_FACTOR
        spec = {}
        for key, (n, median, functions) in fam.spec.items():
            count = n if fam.monthly and ratio == 1.0 else round(n * ratio)
            if ratio > 0:
                spec[key] = (max(1, count), median, functions)
        months = change.months if change is not None and change.months else fam.months
        out.append(dataclasses.replace(fam, spec=spec, months=months))
    out.append(ONLY_2024)
    return tuple(out)


def spend_targets(families: tuple[Family, ...]) -> dict[tuple[int, str], float]:
    """2024 HT spend per (family index, entity): 2025 spend times the family's factor."""
    spend_2025 = ledger.family_spend()
    targets: dict[tuple[int, str], float] = {}
    for idx, fam in enumerate(families[: len(FAMILIES)]):
        change = CHANGES_BY_INDEX.get(idx)
        factor = change.spend if change is not None else SPEND_FACTOR
        for key in fam.spec:
            entity = ledger._ENTITY_KEYS[key]
            targets[idx, entity] = spend_2025[idx, entity] * factor
    for entity, spend in ONLY_2024_SPEND.items():
        targets[len(FAMILIES), entity] = spend
    return targets


class Register(NamedTuple):
    """Notification and end dates of the register, and the 2024 contracts per family."""

    dates: dict[str, tuple[dt.date, dt.date]]
    by_family: dict[tuple[int, str], list[Contract]]


def register_2024() -> Register:
    rows = make_contracts.build_register()
    dates = {r.ref: (r.notified, r.end) for r in rows}
    by_family = {key: list(cs) for key, cs in ledger._CONTRACTS_BY_FAMILY.items()}
    by_ref = {r.ref: r for r in rows}
    for ref, (account, word) in PREDECESSORS.items():
        r = by_ref[ref]
        idx = family_index(account, word)
        assert r.supplier in FAMILIES[idx].suppliers, ref
        contract = Contract(ref, r.entity, r.supplier, r.siret, account, r.cpv, r.object)
        by_family.setdefault((idx, r.entity), []).append(contract)
    return Register(dates, by_family)


def build_rows(register: Register | None = None) -> list[dict[str, object]]:
    register = register or register_2024()

    def active(contract: Contract, when: dt.date) -> bool:
        notified, end = register.dates[contract.ref]
        return notified + NOTIFICATION_DELAY <= when <= end

    families = families_2024()
    return ledger.build_rows(
        SEED,
        year=YEAR,
        families=families,
        contracts_by_family=register.by_family,
        active=active,
        targets=spend_targets(families),
    )


def check_contracts(rows: list[dict[str, object]], register: Register) -> None:
    """Every cited contract is in the register and running at the mandate date."""
    for r in rows:
        ref = r["N° marché"]
        if ref:
            notified, end = register.dates[str(ref)]
            day = r["Date mandat"]
            assert isinstance(day, dt.date)
            assert notified < day <= end, (ref, day, notified, end)


def _ht(row: dict[str, object]) -> float:
    """HT of a line, estimated from TTC when missing (as make_contracts does)."""
    ht = row["Montant HT"]
    if ht is not None:
        return float(ht)  # type: ignore[arg-type]
    rate = row["Taux TVA"]
    vat = float(rate) if isinstance(rate, int | float) else 20.0
    return float(row["Montant TTC"]) / (1 + vat / 100)  # type: ignore[arg-type]


def _eur(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f")


def _contract_share(rows: list[dict[str, object]]) -> str:
    purchases = [r for r in rows if str(r["Nature"])[:2] in ("20", "21", "23", "60", "61", "62")]
    cited = sum(bool(r["N° marché"]) for r in purchases)
    return f"{cited}/{len(purchases)} ({100 * cited / len(purchases):.0f} %)"


def summary(rows: list[dict[str, object]], rows_2025: list[dict[str, object]]) -> list[str]:
    lines: list[str] = []
    for entity in ENTITIES:
        mine = [r for r in rows if r["Collectivité"] == entity]
        ttc = sum(float(r["Montant TTC"]) for r in mine)  # type: ignore[arg-type]
        lines.append(
            f"  {entity} : {len(mine)} lignes, {_eur(sum(_ht(r) for r in mine))} € HT, "
            f"{_eur(ttc)} € TTC"
        )
    lines.append(
        f"  lignes d'achat sous marché : 2024 {_contract_share(rows)}, "
        f"2025 {_contract_share(rows_2025)}"
    )
    by_account: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for year_index, year_rows in enumerate((rows, rows_2025)):
        for r in year_rows:
            by_account[str(r["Nature"])][year_index] += _ht(r)
    total = [sum(v[i] for v in by_account.values()) for i in (0, 1)]
    lines.append(
        f"  total HT 2024 / 2025 : {_eur(total[0])} / {_eur(total[1])} € "
        f"({100 * (total[0] / total[1] - 1):+.1f} %) ; comptes qui s'écartent du facteur "
        f"général ({100 * (SPEND_FACTOR - 1):+.0f} %) :"
    )
    for account, (a, b) in sorted(by_account.items(), key=lambda kv: kv[1][0] - kv[1][1]):
        if not b or not a or abs(a / b - SPEND_FACTOR) > 0.02:
            change = f"{100 * (a / b - 1):+.0f} %" if a and b else "—"
            lines.append(f"    {account:>7} : {_eur(a):>11} / {_eur(b):>11} € ({change})")
    lines.append("  écarts voulus :")
    lines.extend(f"    {key[0]:>7} × {ch.spend:.2f} : {ch.why}" for key, ch in CHANGES.items())
    lines.append(f"    {ONLY_2024.account:>7} : 2024 seulement (plan de plantation)")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    register = register_2024()
    rows = build_rows(register)
    check_contracts(rows, register)
    ledger.write_xlsx(
        rows,
        args.output,
        title_lines=TITLE_LINES,
        sheet_name=SHEET_NAME,
        creator="examples/make_example_2024.py",
        timestamp=FIXED_TIMESTAMP,
    )
    print(f"{args.output}: {len(rows)} lignes")
    for line in summary(rows, ledger.build_rows()):
        print(line)


if __name__ == "__main__":
    main()
