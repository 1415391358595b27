"""The supplier file (``fournisseurs.yaml``): suppliers' own carbon intensities.

A supplier listed by its SIREN gives its intensity in kgCO2e per k€ HT of a stated euro-year,
with its scope boundary, source and relative uncertainty (model in :mod:`.schemas.suppliers`;
a wrong value becomes a located French error, exit 3). A counted ledger line on the monetary
path whose supplier SIRET starts with a listed SIREN uses that intensity ahead of the sector
ratio (:mod:`achats_durables.footprint.supplier_data`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from achats_durables.core.errors import ConfigError
from achats_durables.core.validation import validate
from achats_durables.core.yamlio import YamlSource


@dataclass(frozen=True)
class Supplier:
    siren: str
    name: str
    intensity_kgco2e_per_keur: float
    euro_year: int
    scope: str
    source: str
    uncertainty: float


def load_suppliers(path: Path | str) -> tuple[Supplier, ...]:
    """The suppliers of ``path``, validated (an empty file lists none)."""
    from achats_durables.knowledge.schemas.suppliers import SupplierFileModel

    source = YamlSource.read(Path(path), ConfigError)
    if source.doc is None:
        source.doc = {"suppliers": []}
    model = validate(SupplierFileModel, source, ConfigError)
    return tuple(
        Supplier(
            siren=s.siren,
            name=s.name,
            intensity_kgco2e_per_keur=float(s.intensity_kgco2e_per_keur),
            euro_year=s.euro_year,
            scope=s.scope,
            source=s.source,
            uncertainty=float(s.uncertainty),
        )
        for s in model.suppliers
    )
