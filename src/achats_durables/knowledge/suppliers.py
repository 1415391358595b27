"""The supplier file (``fournisseurs.yaml``): suppliers' own carbon intensities.

A supplier listed by its SIREN gives its intensity either in kgCO2e per k€ HT of a stated
euro-year or in kgCO2e per unit delivered (``t``, ``repas``, ``kWh``…), with its scope boundary,
source and relative uncertainty (model in :mod:`.schemas.suppliers`; a wrong value becomes a
located French error, exit 3). A counted ledger line whose supplier SIRET starts with a listed
SIREN uses that intensity ahead of the sector ratio (and, per unit, ahead of the physical
factor: :mod:`achats_durables.footprint.supplier_data`). The same rows read from a spreadsheet
or CSV file: :mod:`achats_durables.ledger.supplier_table`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from achats_durables.core.errors import ConfigError
from achats_durables.core.validation import validate
from achats_durables.core.yamlio import YamlSource

if TYPE_CHECKING:
    from achats_durables.knowledge.schemas.suppliers import SupplierModel


@dataclass(frozen=True)
class Supplier:
    siren: str
    name: str
    intensity_kgco2e_per_keur: float | None
    euro_year: int
    scope: str
    source: str
    uncertainty: float
    intensity_kgco2e_per_unit: float | None = None
    unit: str = ""  # the unit of the per-unit intensity, as written ("" for a per-k€ one)

    @property
    def per_unit(self) -> bool:
        return self.intensity_kgco2e_per_unit is not None


def load_suppliers(path: Path | str) -> tuple[Supplier, ...]:
    """The suppliers of ``path``, validated (an empty file lists none)."""
    from achats_durables.knowledge.schemas.suppliers import SupplierFileModel

    source = YamlSource.read(Path(path), ConfigError)
    if source.doc is None:
        source.doc = {"suppliers": []}
    return suppliers_of(validate(SupplierFileModel, source, ConfigError).suppliers)


def suppliers_of(models: Iterable[SupplierModel]) -> tuple[Supplier, ...]:
    """The validated entries of a supplier file (YAML or table) as :class:`Supplier`."""
    return tuple(
        Supplier(
            siren=s.siren,
            name=s.name,
            intensity_kgco2e_per_keur=_float(s.intensity_kgco2e_per_keur),
            euro_year=s.euro_year,
            scope=s.scope,
            source=s.source,
            uncertainty=float(s.uncertainty),
            intensity_kgco2e_per_unit=_float(s.intensity_kgco2e_per_unit),
            unit=s.unit or "",
        )
        for s in models
    )


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)
