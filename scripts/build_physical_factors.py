"""Build factors/ademe-base-carbone-v23.6-physiques.yaml from the shared physical-factor extract.

Physical factors (kgCO2e per kWh, litre, m3) for the lines of a ledger that carry a quantity:
energy and fuels (scopes 1 and 2 of a BEGES, which monetary ratios do not cover) and water.
Every figure is copied from ``ademe_base_carbone_v23.6_facteurs_physiques_extrait.csv``;
``tests/test_physical_factors.py`` checks them against it.

The upstream part of an energy factor (``upstream``) is read from the Base Carbone
decomposition of the element: « Amont » (extraction, refining, transport of the fuel), plus
« Transport et distribution - Pertes » (line losses) for electricity. It is reported in BEGES
post 4.1 (``upstream_beges``), the rest in the factor's own post (1.1, 1.2, 2.1).

    python scripts/build_physical_factors.py [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = "ademe_base_carbone_v23.6_facteurs_physiques_extrait.csv"
UPSTREAM_BEGES = "4.1"
# Parts of a decomposition that lie upstream of the use of the energy.
UPSTREAM_PARTS = ("Amont", "Transport et distribution - Pertes")

# id, label, unit, BEGES post, Base Carbone ids (one per year for the electricity mix)
SELECTION: list[tuple[str, str, str, str, list[str]]] = [
    (
        "electricite-mix-moyen",
        "Électricité, mix moyen France (consommation)",
        "kWh",
        "2.1",
        ["28332", "28333", "37091", "42513", "43273", "43642"],
    ),
    (
        "reseau-chaleur-moyen",
        "Réseau de chaleur, moyenne des autres réseaux (2021)",
        "kWh",
        "2.2",
        ["37089"],
    ),
    ("gaz-naturel-kwh-pci", "Gaz naturel 2022, mix moyen (kWh PCI)", "kWh PCI", "1.1", ["37132"]),
    ("gaz-naturel-kwh-pcs", "Gaz naturel 2022, mix moyen (kWh PCS)", "kWh PCS", "1.1", ["37133"]),
    ("gaz-naturel-m3", "Gaz naturel 2022, mix moyen (m3)", "m3", "1.1", ["37138"]),
    ("fioul-domestique-litre", "Fioul domestique", "L", "1.1", ["14087"]),
    ("propane-litre", "Propane (chauffage)", "L", "1.1", ["13560"]),
    (
        "granules-bois-kwh",
        "Granulés de bois, blancs français (kWh PCI)",
        "kWh PCI",
        "1.1",
        ["34942"],
    ),
    (
        "plaquettes-forestieres-kwh",
        "Plaquettes forestières sèches, 25 % d'humidité (kWh PCI)",
        "kWh PCI",
        "1.1",
        ["34937"],
    ),
    ("gazole-routier-b7-litre", "Gazole routier B7", "L", "1.2", ["25775"]),
    ("essence-sp95-e10-litre", "Essence sans plomb SP95-E10", "L", "1.2", ["25763"]),
    ("essence-e85-litre", "Superéthanol E85", "L", "1.2", ["25766"]),
    ("gazole-non-routier-litre", "Gazole non routier", "L", "1.2", ["14015"]),
    ("gpl-carburant-litre", "GPL pour véhicule routier", "L", "1.2", ["14031"]),
    ("eau-reseau-m3", "Eau de réseau (hors infrastructure)", "m3", "4.1", ["24283"]),
]
ENERGY_POSTS = ("1.1", "1.2", "2.1", "2.2")


def shared_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("ACHATS_SHARED_DIR")
    base = Path(env) if env else REPO.parent / "shared"
    return base / "reference" if (base / "reference").is_dir() else base


def decomposition(text: str) -> dict[str, Decimal]:
    """« Combustion = 0.181 ; Amont = 0.0344 » → {"Combustion": 0.181, "Amont": 0.0344}."""
    parts: dict[str, Decimal] = {}
    for item in text.split(" ; "):
        if item.strip():
            name, value = item.rsplit(" = ", 1)
            parts[name.strip()] = Decimal(value.strip())
    return parts


def upstream_of(row: dict[str, str]) -> Decimal | None:
    """The upstream part of a factor (« Amont » + line losses), None without decomposition."""
    parts = decomposition(row["decomposition_postes"])
    if not parts:
        return None
    return sum((v for k, v in parts.items() if k in UPSTREAM_PARTS), Decimal(0))


def fr(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


def upstream_note(row: dict[str, str], upstream: Decimal | None, unit: str, dated: bool) -> str:
    if upstream is None:
        return (
            "Pas de décomposition en postes dans la Base Carbone : pas de part amont séparée, "
            "tout le facteur va au poste du facteur."
        )
    parts = decomposition(row["decomposition_postes"])
    what = "amont et pertes en ligne" if len(parts.keys() & set(UPSTREAM_PARTS)) > 1 else "amont"
    figure = f"{fr(upstream)} kgCO2e/{unit}"
    if dated:
        figure = f"par année de consommation, {figure} en {row['attribut'].split(' ')[0]}"
    text = (
        f"Part {what} ({figure}, lue dans la décomposition de la Base Carbone) déclarée au "
        f"poste {UPSTREAM_BEGES} : catégorie 3 du GHG Protocol « activités liées aux "
        "combustibles et à l'énergie » ; le BEGES v5 du fichier de référence n'a pas de poste "
        f"dédié, le poste {UPSTREAM_BEGES} « achats de biens » est un choix documenté "
        "(factors/mappings/README.md)."
    )
    if parts.get("Combustion") == 0:
        text += " La combustion vaut 0 (CO2 biogénique hors total) : tout le facteur est amont."
    return text


def build(shared: Path) -> str:
    with (shared / SOURCE).open(encoding="utf-8") as handle:
        rows = {r["base_carbone_id"]: r for r in csv.DictReader(handle)}
    lines = [
        "# Generated by scripts/build_physical_factors.py: do not edit by hand, rerun the script.",
        f"# Source file: shared/reference/{SOURCE}",
        "# Physical emission factors for ledger lines that carry a quantity (kWh, litres, m3).",
        "",
        "id: ademe-base-carbone-v23.6-physiques",
        'name: "ADEME Base Carbone V23.6 — facteurs physiques (énergie, carburants, eau)"',
        'version: "23.6"',
        'licence: "Licence Ouverte v2.0 (Etalab)"',
        'source: "ADEME Base Carbone V23.6 (https://data.ademe.fr/datasets/base-carboner), lue dans la '
        'copie tierce github.com/ChadouMohamedAli/BaseCarbone@577efaf : dataSource/Base_Carbone_V23.6-v2.xlsx"',
        "uncertainty: 0.10",
        "factors:",
    ]
    for fid, label, unit, beges, refs in SELECTION:
        found = [rows[r] for r in refs]
        u = max(float(f["incertitude_pct"]) for f in found) / 100
        upstream = [upstream_of(f) for f in found]
        lines += [
            f"  - id: {fid}",
            f'    label: "{label}"',
            "    kind: physical",
            f"    unit: kgCO2e/{unit}",
        ]
        if len(found) == 1:
            lines.append(f"    value: {found[0]['valeur_total_kgco2e']}")
            lines.append(f"    ref: {refs[0]}")
        else:  # one value per year of consumption (electricity mix)
            years = [f["attribut"].split(" ")[0] for f in found]
            lines.append(
                "    values: {"
                + ", ".join(
                    f"{y}: {f['valeur_total_kgco2e']}" for y, f in zip(years, found, strict=True)
                )
                + "}"
            )
            lines.append(
                "    refs: {"
                + ", ".join(f"{y}: {r}" for y, r in zip(years, refs, strict=True))
                + "}"
            )
        lines += [f'    beges: "{beges}"', f"    uncertainty: {u:.2f}"]
        if beges not in ENERGY_POSTS:
            continue
        if upstream[0] is not None:
            if len(found) == 1:
                lines.append(f"    upstream: {upstream[0]}")
            else:
                lines.append(
                    "    upstream_values: {"
                    + ", ".join(f"{y}: {v}" for y, v in zip(years, upstream, strict=True))
                    + "}"
                )
            lines.append(f'    upstream_beges: "{UPSTREAM_BEGES}"')
        note = upstream_note(found[-1], upstream[-1], unit, len(found) > 1)
        lines.append(f'    note: "{note}"')
    return "\n".join(lines) + "\n"


def write_factor_file(
    doc: str, build_text: Callable[[Path], str], name: str, argv: list[str] | None = None
) -> None:
    """The command line of a factor-file generator: read --shared, write <--out>/<name>."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--shared")
    parser.add_argument("--out", default=str(REPO / "factors"))
    args = parser.parse_args(argv)
    out = Path(args.out) / name
    out.write_text(build_text(shared_dir(args.shared)), encoding="utf-8")
    print(f"écrit : {out}")


def main() -> None:
    write_factor_file(__doc__, build, "ademe-base-carbone-v23.6-physiques.yaml")


if __name__ == "__main__":
    main()
