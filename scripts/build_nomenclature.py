#!/usr/bin/env python3
"""Build factors/nomenclatures/m57-2025-comptes-classes-2-6.csv from the shared M57 chart.

The CSV lists the accounts a ledger line can be charged to: the leaf accounts
(``est_feuille = oui``) of classes 2 and 6 of the M57 chart (plan développé, 2025), minus the
accounts the chart marks as deleted (``supprime = oui``), which can no longer be used. Columns:
``code``, ``libelle``, ``classe``; rows sorted by class then code, as in the chart. The source
is cited in the sibling README.md (a CSV cannot carry a comment line).

It is read by ``achats_durables.operations.workspace`` to fill the « Nature » drop-down of the ledger
template, and a test checks that the shipped file equals this script's output.

Input (read-only): m57_plan_de_comptes_2025_nature.csv in the shared reference folder,
derived from dtc-innovation/plans-de-compte@a55eb2797f0939259f366eeca69bf2ec0e50d5ce
(2025/M57/M57_D/planDeCompte.xml).

Usage:
  python scripts/build_nomenclature.py [--shared DIR] [--out FILE] [--check]

--shared defaults to $ACHATS_SHARED_DIR, else <repo>/../shared/reference.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CHART_CSV = "m57_plan_de_comptes_2025_nature.csv"
OUTPUT = REPO_ROOT / "factors" / "nomenclatures" / "m57-2025-comptes-classes-2-6.csv"
CLASSES = ("2", "6")
COLUMNS = ("code", "libelle", "classe")


def default_shared() -> Path:
    env = os.environ.get("ACHATS_SHARED_DIR")
    base = Path(env) if env else REPO_ROOT.parent / "shared"
    return base / "reference" if (base / "reference" / CHART_CSV).exists() else base


def leaf_accounts(chart: Path) -> list[tuple[str, str, str]]:
    """(code, libelle, classe) of the usable leaf accounts of classes 2 and 6."""
    with chart.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for row in rows:
        if row["classe"] not in CLASSES or row["est_feuille"] != "oui":
            continue
        if row.get("supprime") == "oui":
            continue
        code = row["code"].strip()
        if code in seen:
            raise SystemExit(f"compte en double dans {chart.name} : {code}")
        seen.add(code)
        out.append((code, " ".join(row["libelle"].split()), row["classe"]))
    out.sort(key=lambda r: (r[2], r[0]))
    if not out:
        raise SystemExit(f"aucun compte feuille des classes 2 et 6 dans {chart}")
    return out


def render(accounts: list[tuple[str, str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(accounts)
    return buf.getvalue()


def build(shared: Path) -> str:
    chart = shared / CHART_CSV
    if not chart.exists():
        raise SystemExit(f"plan de comptes introuvable : {chart}")
    return render(leaf_accounts(chart))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None, help="dossier shared/reference")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="fichier CSV produit")
    parser.add_argument(
        "--check", action="store_true", help="vérifier que le fichier livré est à jour"
    )
    args = parser.parse_args(argv)
    text = build(args.shared or default_shared())
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} n'est pas à jour : relancez scripts/build_nomenclature.py")
            return 1
        print(f"{args.out} est à jour")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out} : {text.count(chr(10)) - 1} comptes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
