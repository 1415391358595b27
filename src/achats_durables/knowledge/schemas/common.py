"""Types shared by the YAML models: strict numbers, texts, the model configuration."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from achats_durables.core.shares import parse_share
from achats_durables.core.validation import schema_fault

# Unknown keys are refused with the keys allowed; a number is accepted where a text is due (an
# account written 6064); a number is never read from a text, nor from true/false.
MODEL_CONFIG = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class Model(BaseModel):
    model_config = MODEL_CONFIG


Text = str
Number = Annotated[float, Strict()]
NonNegative = Annotated[float, Strict(), Field(ge=0)]
Integer = Annotated[int, Strict()]


def as_list(value: Any) -> Any:
    """A single value stands for a list of one; nothing for an empty list."""
    if value is None:
        return []
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return [value]
    return value


TextList = Annotated[list[Text], BeforeValidator(as_list)]


def share(value: Any, example: str, *, maximum: float = 1.0, one_is_whole: bool = False) -> float:
    """A share read by :func:`~achats_durables.core.shares.parse_share`, or a located error."""
    try:
        return parse_share(value, maximum=maximum, one_is_whole=one_is_whole)
    except ValueError:
        raise schema_fault(
            "config-share-invalid",
            error_code="config-share-invalid",
            value=value,
            maximum=maximum,
            example=example,
            example_percent=float(example),
        ) from None


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
        raise schema_fault("expect-year")
    return value


def _filled(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        raise schema_fault("expect-filled-text")
    return value


Year = Annotated[int, BeforeValidator(_year)]
Filled = Annotated[Text, BeforeValidator(_filled)]  # a text that is not blank
