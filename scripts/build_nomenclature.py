#!/usr/bin/env python3
"""Build factors/nomenclatures/{m57-2025,m14-2022}-comptes-classes-2-6.csv from the shared charts.

Each CSV lists the accounts a ledger line can be charged to: the leaf accounts
(``est_feuille = oui``) of classes 2 and 6 of the chart (M57 plan développé 2025; M14 of the
communes over 3,500 inhabitants, 2022), minus the accounts the chart marks as deleted
(``supprime = oui``), which can no longer be used. Columns: ``code``, ``libelle``, ``classe``;
rows sorted by class then code, as in the chart. The sources are cited in the sibling
README.md (a CSV cannot carry a comment line).

The M57 list is read by ``achats_durables.operations.workspace`` to fill the « Nature »
drop-down of the ledger template; both lists are read by ``achats factors check``
(``achats_durables.knowledge.rule_checks``: every leaf reached by a rule, labels). A test
checks that the shipped files equal this script's output.

Inputs (read-only), in the shared reference folder:
  - m57_plan_de_comptes_2025_nature.csv, derived from
    dtc-innovation/plans-de-compte@a55eb2797f0939259f366eeca69bf2ec0e50d5ce
    (2025/M57/M57_D/planDeCompte.xml);
  - m14_plan_de_comptes_nature.csv, derived from
    bleucitron/plans-de-compte@224b56c8620bf40b7987a61b0fa15af7599d5a65
    (2022/M14/M14_COM_SUP3500.xml).

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
M14_CHART_CSV = "m14_plan_de_comptes_nature.csv"
M14_OUTPUT = REPO_ROOT / "factors" / "nomenclatures" / "m14-2022-comptes-classes-2-6.csv"
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


def build(shared: Path, chart_csv: str = CHART_CSV) -> str:
    chart = shared / chart_csv
    if not chart.exists():
        raise SystemExit(f"plan de comptes introuvable : {chart}")
    return render(leaf_accounts(chart))


def build_m14(shared: Path) -> str:
    return build(shared, M14_CHART_CSV)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None, help="dossier shared/reference")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="fichier CSV M57 produit")
    parser.add_argument("--out-m14", type=Path, default=M14_OUTPUT, help="fichier CSV M14 produit")
    parser.add_argument(
        "--check", action="store_true", help="vérifier que les fichiers livrés sont à jour"
    )
    args = parser.parse_args(argv)
    shared = args.shared or default_shared()
    status = 0
    for out, text in ((args.out, build(shared)), (args.out_m14, build_m14(shared))):
        if args.check:
            current = out.read_text(encoding="utf-8") if out.exists() else ""
            if current != text:
                print(f"{out} n'est pas à jour : relancez scripts/build_nomenclature.py")
                status = 1
            else:
                print(f"{out} est à jour")
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"{out} : {text.count(chr(10)) - 1} comptes")
    return status


if __name__ == "__main__":
    sys.exit(main())
