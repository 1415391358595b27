"""Model of the supplier file (``fournisseurs.yaml``): suppliers' own carbon intensities."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from achats_durables.core.validation import schema_fault
from achats_durables.knowledge.schemas.common import Model, NonNegative, Text


def _siren(value: Any) -> str:
    """A SIREN: 9 digits (spaces allowed) whose check digit is right (python-stdnum)."""
    from stdnum.fr import siren

    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise schema_fault("expect-siren")
    digits = str(value).replace(" ", "").replace("\u00a0", "")
    if len(digits) != 9 or not digits.isdigit():
        raise schema_fault("expect-siren")
    if not siren.is_valid(digits):
        raise schema_fault("expect-siren-checksum")
    return digits


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
        raise schema_fault("expect-year")
    return value


class SupplierModel(Model):
    siren: Annotated[str, BeforeValidator(_siren)]
    name: Text
    intensity_kgco2e_per_keur: Annotated[float, Field(ge=0, strict=True)]
    euro_year: Annotated[int, BeforeValidator(_year)]
    scope: Text
    source: Text
    uncertainty: NonNegative


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
