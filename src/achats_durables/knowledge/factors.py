"""Emission-factor sets and price indices (versioned YAML under ``factors/``)."""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from achats_durables.core.cache import cached
from achats_durables.core.errors import FactorError, Location
from achats_durables.core.validation import validate
from achats_durables.core.yamlio import YamlSource

if TYPE_CHECKING:
    from achats_durables.knowledge.schemas.factors import FactorModel

MONETARY_UNIT = "kgCO2e/k€HT"


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
    return shipped_factors_dir()


def shipped_factors_dir() -> Path:
    """The ``factors/`` folder of the installation (``ACHATS_FACTORS`` aside)."""
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
    """Load and validate one factor-set YAML file; errors name the file, key path and line."""
    path = Path(path)
    digest = shipped_digest(path)
    if digest is None:
        return _read_factor_set(path, sha256_file(path) if path.is_file() else "")
    return cached("factor-set", path, digest, FactorSet, lambda: _read_factor_set(path, digest))


def shipped_digest(path: Path) -> str | None:
    """The SHA-256 of a file of the installation's ``factors/`` (cached once validated:
    :mod:`~achats_durables.core.cache`), else None: the user's files are always read."""
    try:
        if not path.resolve().is_relative_to(shipped_factors_dir().resolve()):
            return None
        return sha256_file(path)
    except OSError:
        return None


def _read_factor_set(path: Path, digest: str) -> FactorSet:
    from achats_durables.knowledge.schemas.factors import FactorSetModel

    source = YamlSource.read(path, FactorError)
    model = validate(FactorSetModel, source, FactorError)
    unit = model.unit or MONETARY_UNIT
    factors = {f.id: _factor(f, model.id, unit, model.uncertainty) for f in model.factors}
    return FactorSet(
        id=model.id,
        name=model.name if model.name is not None else model.id,
        version=model.version or "",
        licence=model.licence or "",
        source=model.source or "",
        uncertainty=model.uncertainty,
        factors=factors,
        path=str(path),
        sha256=digest,
    )


def _factor(item: FactorModel, set_id: str, unit: str, uncertainty: float) -> Factor:
    refs = dict(item.refs or {})
    if item.ref is not None:
        refs[0] = item.ref
    dated = item.values is not None
    return Factor(
        id=item.id,
        label=item.label if item.label is not None else item.id,
        kind=item.kind,
        unit=item.unit if item.unit is not None else unit,
        beges=item.beges,
        uncertainty=item.uncertainty if item.uncertainty is not None else uncertainty,
        values=dict(item.values or {}),
        refs=refs,
        value=None if dated else item.value,
        naf=item.naf or "",
        type=item.type or "",
        set_id=set_id,
        upstream=item.upstream,
        upstream_values={int(y): v for y, v in (item.upstream_values or {}).items()},
        upstream_beges=item.upstream_beges or "",
    )


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
    digest = shipped_digest(path)
    if digest is None:
        return _read_price_index(path, sha256_file(path) if path.is_file() else "")
    return cached("price-index", path, digest, PriceIndex, lambda: _read_price_index(path, digest))


def _read_price_index(path: Path, digest: str) -> PriceIndex:
    from achats_durables.knowledge.schemas.factors import PriceIndexModel

    model = validate(PriceIndexModel, YamlSource.read(path, FactorError), FactorError)
    return PriceIndex(
        id=model.id,
        name=model.name or "",
        source=model.source or "",
        base_year=int(model.base_year),
        values=dict(model.values),
        derived=dict(model.derived or {}),
        path=str(path),
        sha256=digest,
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
