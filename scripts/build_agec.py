#!/usr/bin/env python3
"""Build factors/agec/declaration.yaml and factors/agec/cibles-decret-2024-134.yaml.

- ``declaration.yaml``: the fields of the official AGEC art. 58 declaration (data.gouv schema
  ``schema-declaration-biens-valorisation`` v0.1.0, a Table Schema) with their type and
  constraints, and its 17 product categories in the schema's order. The tool writes the
  declaration CSV from it and checks each row against it (``circular.declaration``).
- ``cibles-decret-2024-134.yaml``: the targets (shares of the category's spend from reuse and
  re-use, and integrating recycled material) by category and year (2024, 2027, 2030) as far as
  the sources found give them; missing targets are written ``null``, never filled in.

Inputs (read-only), in the shared reference folder:
  - agec/schema_declaration_biens_valorisation_v0.1.0.json (github.com/datagouv/
    schema-declaration-biens-valorisation@aeff9f8b78b218c986a3b35a6c47dcc0f5e3b7ee, Licence
    Ouverte 2.0);
  - agec_art58_decret_2024_134_annexe.csv (targets from secondary web sources cited row by row;
    no row was read in the decree's annex itself).

A test checks that the shipped files equal this script's output.

Usage:
  python scripts/build_agec.py [--shared DIR] [--check]

--shared defaults to $ACHATS_SHARED_DIR, else <repo>/../shared/reference.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = REPO_ROOT / "factors" / "agec"
SCHEMA = "agec/schema_declaration_biens_valorisation_v0.1.0.json"
TARGETS = "agec_art58_decret_2024_134_annexe.csv"
SCHEMA_SOURCE = (
    "datagouv/schema-declaration-biens-valorisation@aeff9f8b78b218c986a3b35a6c47dcc0f5e3b7ee:"
    "schema.json (v0.1.0), Licence Ouverte 2.0 (Etalab)"
)
CURLY = "\u2019"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text.replace(CURLY, "'"), ensure_ascii=False)


def build_declaration(shared: Path) -> str:
    schema = json.loads((shared / SCHEMA).read_text(encoding="utf-8"))
    out = [
        "# Déclaration annuelle AGEC art. 58 (décret n° 2024-134) : champs et catégories du schéma",
        "# officiel publié par data.gouv.fr. Fichier produit par scripts/build_agec.py : ne pas",
        "# modifier à la main.",
        f"source: {_q(SCHEMA_SOURCE)}",
        f"name: {_q(schema['name'])}",
        f"version: {_q(schema['version'])}",
        "fields:",
    ]
    categories: list[str] = []
    for field in schema["fields"]:
        cons = field.get("constraints", {})
        out.append(f"  - name: {_q(field['name'])}")
        out.append(f"    type: {_q(field['type'])}")
        out.append(f"    required: {'true' if cons.get('required') else 'false'}")
        if "pattern" in cons:
            out.append(f"    pattern: {_q(cons['pattern'])}")
        out.append(f"    description: {_q(field.get('description', ''))}")
        if "enum" in cons:
            categories = list(cons["enum"])
    out.append("categories:")
    out.extend(f"  - {_q(c)}" for c in categories)
    return "\n".join(out) + "\n"


def _pct(text: str) -> str:
    text = text.strip()
    return "null" if not text else str(float(text)).removesuffix(".0")


def build_targets(shared: Path) -> str:
    with (shared / TARGETS).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = [
        "# Taux cibles de l'article 58 de la loi AGEC (décret n° 2024-134, annexe) par catégorie",
        "# et par année, en % du montant HT annuel de la catégorie : réemploi et réutilisation",
        "# (dons compris) et matières recyclées. Fichier produit par scripts/build_agec.py depuis",
        "# des sources secondaires citées ligne à ligne (l'annexe elle-même n'a pas été lue) :",
        "# `null` = cible non trouvée, jamais inventée ; achats.yaml la complète ou la corrige",
        "# (agec: targets:). Un taux vaut à partir de son année, jusqu'à l'année cible suivante.",
        'status: "partiel : sources secondaires, annexe du décret non lue (Légifrance, JORF n° 0045 du 23 février 2024)"',
        "targets:",
    ]
    for r in rows:
        out.append(f"  - category: {_q(r['categorie'].strip())}")
        out.append(f"    year: {int(r['annee'])}")
        out.append(f"    reuse_pct: {_pct(r['part_reemploi_reutilisation_pct'])}")
        out.append(f"    recycled_pct: {_pct(r['part_matieres_recyclees_pct'])}")
        out.append(f"    products: {_q(r['produits'].strip())}")
        out.append(f"    source: {_q(r['source'].strip())}")
        out.append(f"    remark: {_q(r['remarque'].strip())}")
    return "\n".join(out) + "\n"


def outputs(shared: Path) -> dict[Path, str]:
    return {
        OUT_DIR / "declaration.yaml": build_declaration(shared),
        OUT_DIR / "cibles-decret-2024-134.yaml": build_targets(shared),
    }


def _shared_default() -> Path:
    env = os.environ.get("ACHATS_SHARED_DIR")
    base = Path(env) if env else REPO_ROOT.parent / "shared" / "reference"
    return base / "reference" if (base / "reference").is_dir() else base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    shared = args.shared or _shared_default()
    stale = []
    for path, text in outputs(shared).items():
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{path} differs from the script's output", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
