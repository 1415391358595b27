#!/usr/bin/env python3
"""Build factors/nomenclatures/beges-v5-postes.csv from the shared BEGES v5 post list.

The 22 posts of the BEGES v5 method (categories 1 to 6), with their scope and the GHG Protocol
scope 3 category each corresponds to. Columns: ``poste``, ``categorie``, ``libelle_categorie``,
``libelle_poste``, ``scope``, ``ghg_categorie`` (number, empty for none), ``ghg_libelle_fr``,
``ghg_libelle_en``. The sources are cited in the sibling README.md. A test checks that the
shipped file equals this script's output.

Input (read-only), in the shared reference folder:
  - beges_v5_postes_et_correspondance_ghg_protocol.csv (posts: github.com/ChadouMohamedAli/
    BaseCarbone@427fa450dc40df5b9b10d9f01e79ab5274039b30 classifyDb.py; GHG Protocol
    correspondence: same repository @d1e0ac4a03136d9479b43c5a35ae014adf1fc60f
    dataClassification.md).

Usage:
  python scripts/build_beges_posts.py [--shared DIR] [--out FILE] [--check]

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
SOURCE = "beges_v5_postes_et_correspondance_ghg_protocol.csv"
OUT = REPO_ROOT / "factors" / "nomenclatures" / "beges-v5-postes.csv"
CURLY = "\u2019"  # the typographic apostrophe of the source, written as a straight one
COLUMNS = (
    "poste", "categorie", "libelle_categorie", "libelle_poste", "scope", "ghg_categorie",
    "ghg_libelle_fr", "ghg_libelle_en",
)  # fmt: skip


def build(shared: Path) -> str:
    """The CSV text (UTF-8, ``,``, LF) of the posts, in the order of the source."""
    with (shared / SOURCE).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        ghg_fr = r["ghg_protocol_scope3_categorie_libelle_fr"].strip()
        writer.writerow(
            [
                r["poste_beges_v5"].strip(),
                r["categorie_beges_v5"].strip(),
                r["libelle_categorie"].strip().replace(CURLY, "'"),
                r["libelle_poste"].strip().replace(CURLY, "'"),
                r["equivalent_scope"].strip(),
                r["ghg_protocol_scope3_categorie_num"].strip(),
                "" if ghg_fr.startswith("(") else ghg_fr.replace(CURLY, "'"),
                r["ghg_protocol_scope3_categorie_libelle_en"].strip(),
            ]
        )
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("ACHATS_SHARED_DIR") or str(REPO_ROOT.parent / "shared" / "reference")
    parser.add_argument("--shared", default=default)
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    args = parser.parse_args()
    text = build(Path(args.shared))
    if args.check:
        same = Path(args.out).read_text(encoding="utf-8") == text
        print("identique" if same else "différent")
        return 0 if same else 1
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"écrit : {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
