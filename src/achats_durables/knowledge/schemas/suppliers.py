"""Model of the supplier file (``fournisseurs.yaml|xlsx|csv``): suppliers' own carbon intensities.

The YAML file and the rows of a spreadsheet or CSV file (read by
:mod:`achats_durables.ledger.supplier_table`) are validated by the same model.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from achats_durables.core.text import unit_code
from achats_durables.core.validation import schema_fault
from achats_durables.knowledge.schemas.common import Model, NonNegative, Text

Intensity = Annotated[float, Field(ge=0, strict=True)]


def _siren(value: Any) -> str:
    """A SIREN: 9 digits (spaces allowed) whose check digit is right (python-stdnum); a SIRET
    (14 digits, its own check digit right) is reduced to its SIREN."""
    from stdnum.fr import siren, siret

    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise schema_fault("expect-siren")
    digits = str(value).replace(" ", "").replace("\u00a0", "")
    if len(digits) == 14 and digits.isdigit():
        if not siret.is_valid(digits):
            raise schema_fault("expect-siret-checksum")
        digits = digits[:9]
    if len(digits) != 9 or not digits.isdigit():
        raise schema_fault("expect-siren")
    if not siren.is_valid(digits):
        raise schema_fault("expect-siren-checksum")
    return digits


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
        raise schema_fault("expect-year")
    return value


def _unit(value: Any) -> Any:
    """A physical unit the tool knows (kg, t, kWh, repas…), kept as written."""
    if value is not None and not unit_code(str(value))[0]:
        raise schema_fault("expect-supplier-unit")
    return value


class SupplierModel(Model):
    siren: Annotated[str, BeforeValidator(_siren)]
    name: Text
    # exactly one of the two: kgCO2e per k€ HT of ``euro_year``, or per ``unit`` delivered
    intensity_kgco2e_per_keur: Intensity | None = None
    intensity_kgco2e_per_unit: Intensity | None = None
    unit: Annotated[Text | None, BeforeValidator(_unit)] = None
    euro_year: Annotated[int, BeforeValidator(_year)]
    scope: Text
    source: Text
    uncertainty: NonNegative

    @model_validator(mode="after")
    def _one_intensity(self) -> SupplierModel:
        per_keur = self.intensity_kgco2e_per_keur is not None
        per_unit = self.intensity_kgco2e_per_unit is not None
        if per_keur and per_unit:
            raise schema_fault("expect-one-intensity", ("intensity_kgco2e_per_unit",))
        if not per_keur and not per_unit:
            raise schema_fault("expect-one-intensity", ("intensity_kgco2e_per_keur",))
        if per_unit and self.unit is None:
            raise schema_fault("expect-supplier-unit-missing", ("unit",))
        if per_keur and self.unit is not None:
            raise schema_fault("expect-unit-without-per-unit", ("unit",))
        return self


class SupplierFileModel(Model):
    suppliers: list[SupplierModel]

    @model_validator(mode="after")
    def _unique_sirens(self) -> SupplierFileModel:
        seen: set[str] = set()
        for i, supplier in enumerate(self.suppliers):
            if supplier.siren in seen:
                raise schema_fault("expect-duplicate-siren", ("suppliers", i, "siren"))
            seen.add(supplier.siren)
        return self
