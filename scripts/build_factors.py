#!/usr/bin/env python3
"""Build the factor YAML files under factors/ from the shared reference CSVs.

Inputs (read-only, in the shared reference folder):
  - ademe_base_carbone_v23.6_ratios_monetaires_2019_2023.csv (long format, primary)
  - ademe_base_carbone_v23.6_ratios_monetaires_2019_2023_par_categorie.csv (wide format,
    used only as a consistency check when present)
  - insee_ipc_annuel_base2015_2009_2025.csv

Outputs:
  - <out>/ademe-base-carbone-v23.6.yaml
  - <out>/indices/insee-ipc-base2015.yaml

The script is deterministic: no timestamps, no absolute paths, sorted output, explicit
"\\n" line endings. Rerunning it gives byte-identical files. Every figure is copied from
the source text as is (no float round trip). Only the standard library and PyYAML are
used; PyYAML serves to check that the written text loads back to the intended data.

Usage:
  python scripts/build_factors.py [--shared DIR] [--out DIR]

--shared defaults to $ACHATS_SHARED_DIR, else <repo>/../shared/reference. A directory
that holds a `reference/` subfolder (i.e. the `shared/` folder itself) is also accepted.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]

RATIOS_CSV = "ademe_base_carbone_v23.6_ratios_monetaires_2019_2023.csv"
RATIOS_WIDE_CSV = "ademe_base_carbone_v23.6_ratios_monetaires_2019_2023_par_categorie.csv"
IPC_CSV = "insee_ipc_annuel_base2015_2009_2025.csv"

FACTORS_FILE = "ademe-base-carbone-v23.6.yaml"
IPC_FILE = Path("indices") / "insee-ipc-base2015.yaml"

EURO_YEARS = (2019, 2020, 2021, 2022, 2023)
EXPECTED_CATEGORIES = 56
UNIT = "kgCO2e/k\u20acHT"  # kgCO2e/k€HT
BEGES_BY_TYPE = {"bien": "4.1", "service": "4.5"}
CATEGORY_CODE_BY_TYPE = {
    "bien": "Achats de biens > Ratios mon\u00e9taires",
    "service": "Achats de services > Ratios mon\u00e9taires",
}
# Suffix given to a service category whose NAF code also exists as a good (A01, A03).
SERVICE_SUFFIX = "-services"

TIMES = "\u00d7"  # multiplication sign
EM_DASH = "\u2014"

NUMBER_RE = re.compile(r"^\d+(\.\d+)?$")
UNIT_RE = re.compile(r"^kgCO2e/keuro \((\d{4})\) HT$")
SOURCE_RE = re.compile(
    r"^github\.com/(?P<repo>[\w.-]+/[\w.-]+) @(?P<commit>[0-9a-f]{40}) : (?P<path>\S+)"
    r" \(sheet (?P<sheet>[^)]+)\)"
)
DERIVED_RE = re.compile(r"^derive = indice (\d{4}) x \(1 \+ variation (\d{4})\)")


class SourceError(ValueError):
    """The reference CSV does not have the expected content."""


@dataclass
class Category:
    naf: str
    type: str
    label: str
    values: dict[int, str] = field(default_factory=dict)
    refs: dict[int, int] = field(default_factory=dict)
    uncertainty_pct: set[str] = field(default_factory=set)


# --------------------------------------------------------------------------- helpers


def q(text: str) -> str:
    """Return `text` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def only(values: set[str] | list[str], what: str) -> str:
    distinct = sorted(set(values))
    if len(distinct) != 1:
        raise SourceError(f"{what}: expected one value, found {distinct!r}")
    return distinct[0]


def number(raw: str, what: str) -> str:
    """Validate a numeric field and return its source text unchanged."""
    raw = raw.strip()
    if not NUMBER_RE.match(raw):
        raise SourceError(f"{what}: not a plain positive number: {raw!r}")
    return raw


def fraction_text(pct: str) -> str:
    """Turn a percentage ("80") into a fraction literal ("0.80")."""
    value = Decimal(pct) / 100
    two_places = value.quantize(Decimal("0.01"))
    return f"{two_places}" if two_places == value else f"{value.normalize()}"


def flow_map(mapping: dict[int, Any]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in mapping.items()) + "}"


# --------------------------------------------------------------------------- ratios


def factor_id(naf: str, type_achat: str, naf_types: dict[str, set[str]]) -> str:
    suffix = SERVICE_SUFFIX if type_achat == "service" and len(naf_types[naf]) > 1 else ""
    return f"naf-{naf}{suffix}"


def load_categories(rows: list[dict[str, str]]) -> list[Category]:
    if len(rows) != EXPECTED_CATEGORIES * len(EURO_YEARS):
        raise SourceError(f"{RATIOS_CSV}: expected 280 rows, found {len(rows)}")
    categories: dict[tuple[str, str], Category] = {}
    for row in rows:
        type_achat = row["type_achat"]
        if type_achat not in BEGES_BY_TYPE:
            raise SourceError(f"unknown type_achat {type_achat!r}")
        if row["code_categorie_base_carbone"] != CATEGORY_CODE_BY_TYPE[type_achat]:
            raise SourceError(f"category code does not match type for {row['base_carbone_id']}")
        year = int(row["annee_euros"])
        if year not in EURO_YEARS:
            raise SourceError(f"unexpected euro year {year}")
        unit_match = UNIT_RE.match(row["unite"])
        if not unit_match or int(unit_match.group(1)) != year:
            raise SourceError(f"unit {row['unite']!r} does not match euro year {year}")
        if row["statut"] != "Valide g\u00e9n\u00e9rique":
            raise SourceError(f"{row['base_carbone_id']}: status {row['statut']!r}")
        key = (row["naf_rev2"], type_achat)
        category = categories.setdefault(
            key, Category(naf=row["naf_rev2"], type=type_achat, label=row["categorie"])
        )
        if category.label != row["categorie"]:
            raise SourceError(f"{key}: several labels")
        if year in category.values:
            raise SourceError(f"{key}: year {year} given twice")
        category.values[year] = number(row["valeur_kgco2e_par_keur_ht"], f"{key} {year}")
        category.refs[year] = int(row["base_carbone_id"])
        category.uncertainty_pct.add(number(row["incertitude_pct"], f"{key} incertitude"))
    for key, category in categories.items():
        if sorted(category.values) != list(EURO_YEARS):
            raise SourceError(f"{key}: euro years {sorted(category.values)}")
        if len(category.uncertainty_pct) != 1:
            raise SourceError(f"{key}: uncertainty varies across years")
        category.values = dict(sorted(category.values.items()))
        category.refs = dict(sorted(category.refs.items()))
    if len(categories) != EXPECTED_CATEGORIES:
        raise SourceError(f"expected {EXPECTED_CATEGORIES} categories, found {len(categories)}")
    return [categories[key] for key in sorted(categories, key=lambda k: (k[0], k[1]))]


def check_wide(categories: list[Category], wide_rows: list[dict[str, str]]) -> None:
    """Fail if the wide file disagrees with the long one."""
    by_key = {(c.naf, c.type): c for c in categories}
    if len(wide_rows) != len(by_key):
        raise SourceError(f"{RATIOS_WIDE_CSV}: {len(wide_rows)} rows, expected {len(by_key)}")
    for row in wide_rows:
        category = by_key.get((row["naf_rev2"], row["type_achat"]))
        if category is None or category.label != row["categorie"]:
            raise SourceError(f"{RATIOS_WIDE_CSV}: unknown row {row['naf_rev2']}")
        for year in EURO_YEARS:
            value = row[f"kgco2e_par_keur_ht_euros_{year}"].strip()
            ref = int(row[f"base_carbone_id_{year}"])
            if value != category.values[year] or ref != category.refs[year]:
                raise SourceError(f"{RATIOS_WIDE_CSV}: {row['naf_rev2']} {year} differs")


def ratios_source(rows: list[dict[str, str]]) -> str:
    raw = only([row["source"] for row in rows], f"{RATIOS_CSV} source")
    match = SOURCE_RE.match(raw)
    if not match:
        raise SourceError(f"unexpected source text: {raw!r}")
    return (
        "ADEME Base Carbone V23.6, ratios mon\u00e9taires (contributeur SDES/INSEE, "
        "Licence Ouverte v2.0), jeu officiel https://data.ademe.fr/datasets/base-carboner ; "
        f"lu dans la copie tierce github.com/{match['repo']}@{match['commit']} : "
        f"{match['path']} (feuille {match['sheet']}), via shared/reference/{RATIOS_CSV}"
    )


def render_factors(
    rows: list[dict[str, str]], categories: list[Category]
) -> tuple[str, dict[str, Any]]:
    creation = only([row["date_creation"] for row in rows], "date_creation")
    default_pct = Counter(
        next(iter(category.uncertainty_pct)) for category in categories
    ).most_common(1)[0][0]
    default_uncertainty = fraction_text(default_pct)
    naf_types: dict[str, set[str]] = {}
    for category in categories:
        naf_types.setdefault(category.naf, set()).add(category.type)

    # Categories that share the exact same series in the source (not a copy error).
    same_values: dict[tuple[str, ...], list[str]] = {}
    for category in categories:
        series = tuple(category.values.values())
        same_values.setdefault(series, []).append(factor_id(category.naf, category.type, naf_types))

    name = f"ADEME Base Carbone V23.6 {EM_DASH} ratios mon\u00e9taires (SDES/INSEE)"
    source = ratios_source(rows)
    lines = [
        "# Generated by scripts/build_factors.py: do not edit by hand, rerun the script.",
        f"# Source file: shared/reference/{RATIOS_CSV}",
        "# Checked against the wide file of the same folder when present:",
        f"# {RATIOS_WIDE_CSV}",
        "# ADEME Base Carbone V23.6 monetary ratios, kgCO2e per thousand euros excluding VAT,",
        "# in euros of the given year (2019 to 2023). `refs` are Base Carbone element ids.",
        f"# `year` is the creation date year of these ratios in the source ({creation}).",
        "# `uncertainty` is the source relative uncertainty (incertitude, "
        f"{default_pct} %) as a fraction.",
        "",
        "id: ademe-base-carbone-v23.6-ratios-monetaires",
        f"name: {q(name)}",
        'version: "23.6"',
        'licence: "Licence Ouverte v2.0 (Etalab)"',
        f"source: {q(source)}",
        f"year: {int(creation[:4])}",
        f"unit: {UNIT}",
        f"uncertainty: {default_uncertainty}",
        "factors:",
    ]
    data_factors = []
    for category in categories:
        fid = factor_id(category.naf, category.type, naf_types)
        twins = [other for other in same_values[tuple(category.values.values())] if other != fid]
        if twins:
            lines.append(f"  # Same values as {', '.join(twins)} in the source.")
        lines += [
            f"  - id: {fid}",
            f"    label: {q(category.label)}",
            f"    naf: {q(category.naf)}",
            "    kind: monetary",
            f"    type: {category.type}",
            f"    unit: {UNIT}",
        ]
        pct = next(iter(category.uncertainty_pct))
        entry: dict[str, Any] = {
            "id": fid,
            "label": category.label,
            "naf": category.naf,
            "kind": "monetary",
            "type": category.type,
            "unit": UNIT,
        }
        if pct != default_pct:
            lines.append(f"    uncertainty: {fraction_text(pct)}")
            entry["uncertainty"] = float(fraction_text(pct))
        lines += [
            f"    values: {flow_map(category.values)}",
            f"    beges: {q(BEGES_BY_TYPE[category.type])}",
            f"    refs: {flow_map(category.refs)}",
        ]
        entry["values"] = {year: _num(value) for year, value in category.values.items()}
        entry["beges"] = BEGES_BY_TYPE[category.type]
        entry["refs"] = dict(category.refs)
        data_factors.append(entry)
    expected = {
        "id": "ademe-base-carbone-v23.6-ratios-monetaires",
        "name": name,
        "version": "23.6",
        "licence": "Licence Ouverte v2.0 (Etalab)",
        "source": source,
        "year": int(creation[:4]),
        "unit": UNIT,
        "uncertainty": float(default_uncertainty),
        "factors": data_factors,
    }
    return "\n".join(lines) + "\n", expected


def _num(raw: str) -> int | float:
    return float(raw) if "." in raw else int(raw)


# --------------------------------------------------------------------------- IPC


def render_ipc(rows: list[dict[str, str]]) -> tuple[str, dict[str, Any]]:
    values: dict[int, str] = {}
    derived: dict[int, str] = {}
    published_sources: set[str] = set()
    variation_sources: set[str] = set()
    for row in rows:
        year = int(row["annee"])
        if year in values:
            raise SourceError(f"{IPC_CSV}: year {year} given twice")
        values[year] = number(row["ipc_indice_base2015"], f"IPC {year}")
        status = row["statut_indice"]
        if status.startswith("publie INSEE (idbank 001764363)"):
            published_sources.add(row["source_indice"])
            continue
        match = DERIVED_RE.match(status)
        if not match or (int(match.group(1)), int(match.group(2))) != (year - 1, year):
            raise SourceError(f"{IPC_CSV}: unknown status for {year}: {status!r}")
        variation = number(row["variation_annuelle_fraction_recalculee"], f"variation {year}")
        variation_sources.add(row["source_variation_recalculee"])
        derived[year] = (
            f"indice d\u00e9riv\u00e9 : indice {year - 1} {TIMES} (1 + variation {year}), "
            f"variation recalcul\u00e9e = {variation} ; non publi\u00e9 dans les sources lues "
            f"{EM_DASH} \u00e0 confirmer sur insee.fr"
        )
    years = sorted(values)
    if years != list(range(years[0], years[-1] + 1)):
        raise SourceError(f"{IPC_CSV}: years are not contiguous: {years}")
    if values.get(2015) is None or Decimal(values[2015]) != 100:
        raise SourceError(f"{IPC_CSV}: base year 2015 is not 100")
    if derived and min(derived) <= max(set(values) - set(derived)):
        raise SourceError(f"{IPC_CSV}: derived years must come after published ones")
    values = dict(sorted(values.items()))
    derived = dict(sorted(derived.items()))
    published = sorted(set(values) - set(derived))

    name = (
        "Indice des prix \u00e0 la consommation (IPC), ensemble des m\u00e9nages, France, base 2015"
    )
    source = (
        f"INSEE, s\u00e9rie idbank 001764363 (IPC annuel, base 2015), indices "
        f"{published[0]}-{published[-1]} publi\u00e9s (lus dans : "
        f"{only(published_sources, 'source_indice')})"
    )
    if derived:
        source += (
            f" ; indices {min(derived)}-{max(derived)} d\u00e9riv\u00e9s avec la variation "
            f"annuelle recalcul\u00e9e (lue dans : {only(variation_sources, 'variation source')})"
        )
    source += f" ; via shared/reference/{IPC_CSV}"

    lines = [
        "# Generated by scripts/build_factors.py: do not edit by hand, rerun the script.",
        f"# Source file: shared/reference/{IPC_CSV}",
        "# Annual consumer price index, base 2015 = 100, decimals kept as in the source.",
        "# Years listed under `derived` are not published INSEE figures (see `statut_indice`).",
        "",
        "id: insee-ipc-base2015",
        f"name: {q(name)}",
        f"source: {q(source)}",
        'licence: "Licence Ouverte v2.0 (Etalab)"',
        "base_year: 2015",
        "values:",
        *(f"  {year}: {value}" for year, value in values.items()),
        "derived:",
        *(f"  {year}: {q(note)}" for year, note in derived.items()),
    ]
    if not derived:
        lines[-1] = "derived: {}"
    expected = {
        "id": "insee-ipc-base2015",
        "name": name,
        "source": source,
        "licence": "Licence Ouverte v2.0 (Etalab)",
        "base_year": 2015,
        "values": {year: _num(value) for year, value in values.items()},
        "derived": derived,
    }
    return "\n".join(lines) + "\n", expected


# --------------------------------------------------------------------------- main


def default_shared() -> Path:
    env = os.environ.get("ACHATS_SHARED_DIR")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "reference"


def resolve_shared(path: Path) -> Path:
    if not (path / RATIOS_CSV).is_file() and (path / "reference" / RATIOS_CSV).is_file():
        return path / "reference"
    return path


def write(path: Path, text: str, expected: dict[str, Any]) -> None:
    loaded = yaml.safe_load(text)
    if loaded != expected:
        raise SourceError(f"{path.name}: written YAML does not load back to the intended data")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def build(shared: Path, out: Path) -> list[Path]:
    ratio_rows = read_csv(shared / RATIOS_CSV)
    categories = load_categories(ratio_rows)
    if (shared / RATIOS_WIDE_CSV).is_file():
        check_wide(categories, read_csv(shared / RATIOS_WIDE_CSV))
    factors_text, factors_data = render_factors(ratio_rows, categories)
    ipc_text, ipc_data = render_ipc(read_csv(shared / IPC_CSV))
    written = [out / FACTORS_FILE, out / IPC_FILE]
    write(written[0], factors_text, factors_data)
    write(written[1], ipc_text, ipc_data)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=None,
        help="reference folder (default: $ACHATS_SHARED_DIR, else ../shared/reference)",
    )
    parser.add_argument(
        "--out", type=Path, default=REPO_ROOT / "factors", help="output folder (default: factors/)"
    )
    args = parser.parse_args(argv)
    shared = resolve_shared(args.shared if args.shared is not None else default_shared())
    if not (shared / RATIOS_CSV).is_file():
        print(f"error: {RATIOS_CSV} not found in {shared}", file=sys.stderr)
        return 2
    try:
        written = build(shared, args.out)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
