"""Text helpers with no dependency: accent folding, header keys, nomenclature codes, physical units."""

from __future__ import annotations

import re
import unicodedata
from typing import Any


def fold(text: str) -> str:
    """Lower-case, accents removed: for case- and accent-insensitive matching."""
    if text.isascii():  # no ASCII character decomposes or combines
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def header_key(text: Any) -> str:
    """Normalised header for synonym matching: ``« N° Marché (€) »`` → ``n marche``."""
    t = fold(str(text)).replace("n°", "n ").replace("nº", "n ").replace("°", " ")
    t = t.replace(".", "")
    t = re.sub(r"\ben\s+(?=[€$]|eur\b|euros\b)", " ", t)  # « Montant TVA (en €) »
    t = re.sub(r"[€$]|\beur\b|\beuros\b", " ", t)
    t = re.sub(r"[^a-z0-9%]+", " ", t)
    t = re.sub(r"\b(numero|num|no)\b", "n", t)
    t = re.sub(r"\b(de|du|des|la|le|les|d|l)\b", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def nomenclature_code(text: str) -> str:
    """``M57``, ``M14``, ``M49``…: the instruction named by a nomenclature string."""
    codes: list[str] = re.findall(r"M\d+", text.upper())
    if not codes:
        return text.strip().upper()
    if codes[0] == "M4" and len(codes) > 1 and codes[1].startswith("M4"):
        return codes[1]
    return codes[0]


PHYSICAL_UNITS = (
    "kWh",
    "kWh PCS",
    "kWh PCI",
    "L",
    "m3",
    "t",
    "kg",
    "u",
    "repas",
    "m2",
    "m",
    "km",
    "passager.km",
    "t.km",
    "m3.km",
    "personne.mois",
)
# Units that convert into one another (same quantity, another scale): unit -> (dimension,
# size in the dimension's base unit). kWh ↔ MWh and hl → L are spellings (``unit_code``).
UNIT_SCALES: dict[str, tuple[str, float]] = {
    "kg": ("masse", 1.0),
    "t": ("masse", 1000.0),
    "L": ("volume", 0.001),
    "m3": ("volume", 1.0),
}
# Energy carriers whose spend can be turned into a quantity with the user's own prices
# (``energy_prices`` in achats.yaml), and the unit of that price (€ HT per unit).
CARRIERS: dict[str, str] = {
    "electricite": "kWh",
    "gaz": "kWh",
    "chaleur": "kWh",
    "fioul": "L",
    "gazole": "L",
    "essence": "L",
    "gnr": "L",
    "gpl": "L",
    "bois": "kWh",
}


def _unit_aliases() -> dict[str, tuple[str, float]]:
    out: dict[str, tuple[str, float]] = {}
    for prefix, mult in (("", 1.0), ("k", 1.0), ("m", 1000.0), ("g", 1_000_000.0)):
        if not prefix:
            mult = 0.001  # Wh
        for spelled in ("wh", "w h"):
            key = f"{prefix}{spelled}" if prefix else spelled
            out[key] = ("kWh", mult)
            for basis in ("pcs", "pci"):
                for sep in (" ", "", " - ", "-", " en ", " ("):
                    tail = ")" if sep == " (" else ""
                    out[f"{key}{sep}{basis}{tail}"] = (f"kWh {basis.upper()}", mult)
    for text in ("l", "litre", "litres", "liter", "lt", "ltr"):
        out[text] = ("L", 1.0)
    out["hl"] = ("L", 100.0)
    out["m3"] = out["m³"] = out["metre cube"] = out["metres cubes"] = ("m3", 1.0)
    out["t"] = out["tonne"] = out["tonnes"] = ("t", 1.0)
    out["kg"] = out["kilo"] = out["kilos"] = out["kilogramme"] = out["kilogrammes"] = ("kg", 1.0)
    out["g"] = out["gramme"] = out["grammes"] = ("kg", 0.001)
    for canonical, spellings in _OTHER_UNITS.items():
        for text in spellings:
            out[text] = (canonical, 1.0)
    return out


# Spellings (folded, without dots) of the units that have no scale variant.
_OTHER_UNITS: dict[str, tuple[str, ...]] = {
    "u": ("u", "unite", "unites", "piece", "pieces", "pce", "exemplaire", "exemplaires"),
    "repas": ("repas", "couvert", "couverts"),
    "m2": ("m2", "metre carre", "metres carres"),
    "m": ("m", "metre", "metres", "metre lineaire", "metres lineaires", "m lineaire"),
    "km": ("km", "kilometre", "kilometres"),
    "passager.km": (
        "passagerkm",
        "passager km",
        "passagers km",
        "pkm",
        "voyageurkm",
        "voyageur km",
    ),
    "t.km": ("tkm", "t km", "tonne km", "tonnekm", "tonnes km"),
    "m3.km": ("m3km", "m3 km"),
    "personne.mois": ("personnemois", "personne mois", "personnes mois"),
}


_UNIT_ALIASES = _unit_aliases()


def base_unit(unit: str) -> str:
    """``kWh PCS`` → ``kWh``: the unit without its heating-value basis."""
    return unit.split(" ", 1)[0]


def unit_code(text: str) -> tuple[str, float]:
    """A quantity's unit as one of :data:`PHYSICAL_UNITS` and the multiplier to it.

    MWh → kWh × 1 000, « MWh PCS » → ``kWh PCS`` × 1 000, g → kg × 0,001, hl → L × 100,
    « unité » → ``u``, « t.km » → ``t.km``.
    """
    key = re.sub(r"\s+", " ", fold(str(text)).replace(".", "").strip())
    return _UNIT_ALIASES.get(key, ("", 1.0))


def unit_ratio(unit: str, target: str) -> float | None:
    """How many ``target`` one ``unit`` is (t → kg: 1 000, L → m3: 0,001), None if they do not
    convert (1 for the same unit)."""
    if unit == target:
        return 1.0
    a, b = UNIT_SCALES.get(unit), UNIT_SCALES.get(target)
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] / b[1]


def quantity_ratio(unit: str, factor_unit: str) -> float | None:
    """The ratio turning a quantity in ``unit`` into the unit of a factor per ``factor_unit``:
    1 on the same heating-value-less unit (``kWh PCS`` → ``kWh``), else :func:`unit_ratio`."""
    if base_unit(unit) == base_unit(factor_unit):
        return 1.0
    return unit_ratio(unit, factor_unit)
