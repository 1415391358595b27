"""Shares (thresholds, targets, rates): one reading of a share, wherever it is written.

``0.05``, ``5``, ``"5 %"``, ``"5%"`` and ``"5,0 %"`` all mean 5 %: a number below 1 is a fraction,
a number of 1 or more is a percentage (``100`` means 100 %), a text ending in « % » is always a
percentage. The same function reads ``max_unmapped`` and the other shares of ``achats.yaml`` and
the ``--max-unmapped`` option, so a value never gets divided by 100 twice.
"""

from __future__ import annotations

import math
import re

_NUMBER = re.compile(r"^([+-]?\d+(?:[.,]\d+)?|[+-]?[.,]\d+)\s*(%?)$")


def parse_share(value: object, *, maximum: float = 1.0, one_is_whole: bool = False) -> float:
    """The fraction (0–``maximum``) that ``value`` stands for; ``ValueError`` if it is none.

    ``one_is_whole``: a bare ``1`` means 100 % rather than 1 % (for targets, where 1 % makes no
    sense and « 1.0 » is how a 100 % target is often written).
    """
    percent = False
    if isinstance(value, bool) or value is None:
        raise ValueError(value)
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip().replace("\u00a0", " ").replace("\u202f", " ")
        match = _NUMBER.match(text)
        if match is None:
            raise ValueError(value)
        number = float(match.group(1).replace(",", "."))
        percent = match.group(2) == "%"
    else:
        raise ValueError(value)
    if not math.isfinite(number) or number < 0 or number > 100:
        raise ValueError(value)
    if percent or (number >= 1 and not (one_is_whole and number == 1)):
        number /= 100
    if number > maximum + 1e-12:
        raise ValueError(value)
    return number
