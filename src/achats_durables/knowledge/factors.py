"""Emission-factor sets and price indices (versioned YAML under ``factors/``)."""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from achats_durables.core.errors import FactorError, Location
from achats_durables.core.yamlio import Checker, load_yaml

MONETARY_UNIT = "kgCO2e/k€HT"
_SET_KEYS = {"id", "name", "version", "licence", "source", "year", "unit", "uncertainty", "factors"}
_FACTOR_KEYS = {
    "id",
    "label",
    "naf",
    "kind",
    "type",
    "unit",
    "values",
    "value",
    "beges",
    "refs",
    "ref",
    "uncertainty",
    "note",
    "upstream",
    "upstream_values",
    "upstream_beges",
}


@dataclass(frozen=True)
class Factor:
    """One emission factor: monetary (kgCO2e per k€ HT, by euro-year) or physical (per unit)."""

    id: str
    label: str
    kind: str
    unit: str
    beges: str
    uncertainty: float
    values: Mapping[int, float] = field(default_factory=dict)
    refs: Mapping[int, str] = field(default_factory=dict)
    value: float | None = None
    naf: str = ""
    type: str = ""
    set_id: str = ""
    # Physical factors: the part of ``value`` upstream of use (extraction, refining, transport,
    # line losses), reported in ``upstream_beges`` rather than in the factor's own post.
    upstream: float | None = None
    upstream_values: Mapping[int, float] = field(default_factory=dict)
    upstream_beges: str = ""

    @property
    def years(self) -> list[int]:
        return sorted(self.values)

    @property
    def physical_unit(self) -> str:
        """``kWh``, ``L``, ``m3``…: what one unit of quantity is, for a physical factor."""
        return self.unit.split("/", 1)[-1] if "/" in self.unit else ""

    def value_for(self, year: int) -> float:
        """A physical factor's value for consumption of ``year`` (nearest year if dated)."""
        if self.values:
            return self.values[self.euro_year(year)]
        return float(self.value or 0.0)

    def upstream_for(self, year: int) -> float:
        """The upstream part of :meth:`value_for` for ``year`` (0 when the factor has none)."""
        if self.upstream_values:
            return self.upstream_values[self.euro_year(year)]
        return float(self.upstream or 0.0)

    def euro_year(self, year: int) -> int:
        """The factor year used for spend of ``year``: itself, else the nearest available."""
        years = self.years
        if year in self.values:
            return year
        return min(years, key=lambda y: (abs(y - year), -y))


@dataclass(frozen=True)
class FactorSet:
    id: str
    name: str
    version: str
    licence: str
    source: str
    uncertainty: float
    factors: Mapping[str, Factor]
    path: str
    sha256: str

    def provenance(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "sha256": self.sha256, "path": self.path}


@dataclass(frozen=True)
class PriceIndex:
    id: str
    name: str
    source: str
    base_year: int
    values: Mapping[int, float]
    derived: Mapping[int, str]
    path: str
    sha256: str

    def convert(self, year: int, target: int) -> tuple[float, int]:
        """Multiplier turning euros of ``year`` into euros of ``target``, and the index year used."""
        used = year if year in self.values else min(self.values, key=lambda y: abs(y - year))
        return self.values[target] / self.values[used], used


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def factors_dir() -> Path:
    """The shipped ``factors/`` folder: inside the installed package, else the source checkout.

    ``ACHATS_FACTORS`` (a folder) overrides it, for cron jobs pinned to a factor release.
    """
    env = os.environ.get("ACHATS_FACTORS")
    if env:
        return Path(env)
    packaged = Path(str(resources.files("achats_durables"))) / "factors"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "factors"


def default_factor_paths() -> list[Path]:
    return sorted(factors_dir().glob("*.yaml"))


def default_mapping_paths() -> list[Path]:
    return sorted((factors_dir() / "mappings").glob("*.yaml"))


def default_index_path() -> Path:
    return factors_dir() / "indices" / "insee-ipc-base2015.yaml"


def load_factor_set(path: Path | str) -> FactorSet:
    """Load and validate one factor-set YAML file; errors name the file and the key path."""
    path = Path(path)
    doc = load_yaml(path, FactorError)
    check = Checker(path, FactorError)
    top = check.mapping(doc, "(document)")
    check.only_keys(top, _SET_KEYS, "")
    set_id = check.text(top.get("id"), "id")
    default_u = check.number(top.get("uncertainty", 0.8), "uncertainty", minimum=0)
    factors: dict[str, Factor] = {}
    for i, raw in enumerate(check.sequence(top.get("factors"), "factors")):
        key = f"factors[{i}]"
        item = check.mapping(raw, key)
        check.only_keys(item, _FACTOR_KEYS, key)
        fid = check.text(item.get("id"), f"{key}.id")
        if fid in factors:
            raise check.fail(f"{key}.id", f"identifiant « {fid} » en double")
        kind = check.text(item.get("kind", "monetary"), f"{key}.kind")
        if kind not in {"monetary", "physical"}:
            raise check.fail(f"{key}.kind", "« monetary » ou « physical » attendu")
        values: dict[int, float] = {}
        value: float | None = None
        if kind == "monetary" or (kind == "physical" and "values" in item):
            raw_values = check.mapping(item.get("values"), f"{key}.values")
            for year, v in raw_values.items():
                if not isinstance(year, int):
                    raise check.fail(
                        f"{key}.values.{year}", "une année (nombre entier) est attendue"
                    )
                values[year] = check.number(v, f"{key}.values.{year}", minimum=0)
            if not values:
                raise check.fail(f"{key}.values", "au moins une année est attendue")
        else:
            value = check.number(item.get("value"), f"{key}.value", minimum=0)
        refs_raw = item.get("refs") or {}
        refs = {int(y): str(r) for y, r in check.mapping(refs_raw, f"{key}.refs").items()}
        if "ref" in item:
            refs[0] = check.text(item["ref"], f"{key}.ref")
        beges = check.text(item.get("beges"), f"{key}.beges")
        upstream, upstream_values, upstream_beges = _upstream(check, item, key, value, values)
        factors[fid] = Factor(
            id=fid,
            label=check.text(item.get("label", fid), f"{key}.label"),
            kind=kind,
            unit=check.text(item.get("unit", top.get("unit", MONETARY_UNIT)), f"{key}.unit"),
            beges=beges,
            uncertainty=check.number(
                item.get("uncertainty", default_u), f"{key}.uncertainty", minimum=0
            ),
            values=values,
            refs=refs,
            value=value,
            naf=check.text(item.get("naf"), f"{key}.naf", required=False),
            type=check.text(item.get("type"), f"{key}.type", required=False),
            set_id=set_id,
            upstream=upstream,
            upstream_values=upstream_values,
            upstream_beges=upstream_beges,
        )
    return FactorSet(
        id=set_id,
        name=check.text(top.get("name", set_id), "name"),
        version=check.text(top.get("version", ""), "version", required=False),
        licence=check.text(top.get("licence", ""), "licence", required=False),
        source=check.text(top.get("source", ""), "source", required=False),
        uncertainty=default_u,
        factors=factors,
        path=str(path),
        sha256=sha256_file(path),
    )


def _upstream(
    check: Checker,
    item: Mapping[str, Any],
    key: str,
    value: float | None,
    values: Mapping[int, float],
) -> tuple[float | None, dict[int, float], str]:
    """A physical factor's upstream part: ``upstream`` (one value) or ``upstream_values`` (by year,
    the same years as ``values``), never more than the total, and the post it goes to."""
    upstream: float | None = None
    by_year: dict[int, float] = {}
    if "upstream" in item:
        upstream = check.number(item["upstream"], f"{key}.upstream", minimum=0)
        if value is None or upstream > value:
            raise check.fail(f"{key}.upstream", "une part de « value » est attendue (≤ value)")
    if "upstream_values" in item:
        raw = check.mapping(item["upstream_values"], f"{key}.upstream_values")
        for y, v in raw.items():
            where = f"{key}.upstream_values.{y}"
            year = int(y) if isinstance(y, int) else -1
            if year not in values:
                raise check.fail(where, "une année présente dans « values » est attendue")
            by_year[year] = check.number(v, where, minimum=0)
            if by_year[year] > values[year]:
                raise check.fail(where, "une part de la valeur de l'année est attendue (≤ valeur)")
        if set(by_year) != set(values):
            raise check.fail(f"{key}.upstream_values", "une valeur par année de « values »")
    has_upstream = upstream is not None or bool(by_year)
    beges = check.text(item.get("upstream_beges"), f"{key}.upstream_beges", required=has_upstream)
    return upstream, by_year, beges


def load_factor_sets(paths: Iterable[Path | str] | None = None) -> list[FactorSet]:
    """Load the named factor sets (files or folders), else the shipped ones."""
    files: list[Path] = []
    for p in paths if paths is not None else default_factor_paths():
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(p.glob("*.yaml")))
        elif not p.exists():
            raise FactorError("file-not-found", Location(str(p)))
        else:
            files.append(p)
    if not files:
        raise FactorError("factor-set-not-found", name=str(factors_dir()), available="aucun")
    return [load_factor_set(f) for f in files]


def load_price_index(path: Path | str | None = None) -> PriceIndex:
    path = Path(path) if path is not None else default_index_path()
    doc = load_yaml(path, FactorError)
    check = Checker(path, FactorError)
    top = check.mapping(doc, "(document)")
    check.only_keys(top, {"id", "name", "source", "licence", "base_year", "values", "derived"}, "")
    values: dict[int, float] = {}
    for year, v in check.mapping(top.get("values"), "values").items():
        if not isinstance(year, int):
            raise check.fail(f"values.{year}", "une année (nombre entier) est attendue")
        values[year] = check.number(v, f"values.{year}", minimum=0.0001)
    derived = {
        int(y): str(t) for y, t in check.mapping(top.get("derived") or {}, "derived").items()
    }
    return PriceIndex(
        id=check.text(top.get("id"), "id"),
        name=check.text(top.get("name", ""), "name", required=False),
        source=check.text(top.get("source", ""), "source", required=False),
        base_year=int(check.number(top.get("base_year", 2015), "base_year")),
        values=values,
        derived=derived,
        path=str(path),
        sha256=sha256_file(path),
    )


def merge_factors(sets: Iterable[FactorSet]) -> dict[str, Factor]:
    """All factors by id; a later set overrides an earlier one with the same id."""
    merged: dict[str, Factor] = {}
    for fs in sets:
        merged.update(fs.factors)
    return merged


def find_factor(sets: list[FactorSet], name: str) -> Factor:
    merged = merge_factors(sets)
    if name in merged:
        return merged[name]
    close = difflib.get_close_matches(name, list(merged), n=5, cutoff=0.4)
    raise FactorError("factor-not-found", name=name, close=", ".join(close) or "aucun")
