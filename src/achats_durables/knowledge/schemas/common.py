"""Types shared by the YAML models: strict numbers, texts, the model configuration."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

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
