"""Numbers, amounts, percentages, dates and units for people, in French or English.

The one place where a number becomes text: every writer and the message templates
(:func:`achats_durables.i18n.messages.render`) format through these functions, and the engine
packages never import this module (an import-linter contract checks it). French is the default:
``1 234,56`` (narrow no-break space between thousands, decimal comma), ``1 234,56 €``,
``21,3 %``, ``31/12/2025``. English: ``1,234.56``, ``€1,234.56``, ``21.3%``, ``2025-12-31``.
No locale database is needed for two languages, so no dependency (``babel``) is added, and the
output does not depend on the machine's locale.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

LANGS = ("fr", "en")
THIN_NBSP = "\u202f"  # French thousands separator


def _english(lang: str) -> bool:
    return lang == "en"


def format_number(value: float, decimals: int = 2, lang: str = "fr") -> str:
    """``1234.5`` → ``1 234,50`` (fr) or ``1,234.50`` (en); thousands always grouped."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    text = f"{value:,.{decimals}f}"
    if _english(lang):
        return text
    return text.replace(",", THIN_NBSP).replace(".", ",")


def format_amount(value: float, decimals: int = 2, lang: str = "fr") -> str:
    """A number with ``decimals`` decimals (2 by default): the amounts of tables."""
    return format_number(value, decimals, lang)


def format_eur(value: float, lang: str = "fr", decimals: int = 2) -> str:
    """``1 234,56 €`` (fr) or ``€1,234.56`` (en); a negative amount: ``-€12.00``."""
    number = format_number(value, decimals, lang)
    if not _english(lang):
        return f"{number} €"
    return f"-€{number[1:]}" if number.startswith("-") else f"€{number}"


def format_percent(share: float, decimals: int = 1, lang: str = "fr") -> str:
    """A share as a percentage: ``0.213`` → ``21,3 %`` (fr) or ``21.3%`` (en)."""
    number = f"{share * 100:.{decimals}f}"
    if _english(lang):
        return f"{number}%"
    return f"{number.replace('.', ',')} %"


def format_share_bound(share: float) -> str:
    """``0.3`` → ``30``, ``0.055`` → ``5.5``: a share's percentage as the user would type it."""
    return f"{share * 100:g}"


def format_general(value: float, lang: str = "fr") -> str:
    """Shortest form of a number (``%g``): ``0.21`` → ``0,21`` (fr) or ``0.21`` (en)."""
    text = f"{value:g}"
    return text if _english(lang) else text.replace(".", ",")


def format_quantity(value: float, unit: str, decimals: int = 2, lang: str = "fr") -> str:
    """A physical quantity with its unit: ``1 200,00 kWh``."""
    return f"{format_number(value, decimals, lang)} {unit}".rstrip()


def format_date(value: dt.date | str | None, lang: str = "fr") -> str:
    """``2025-12-31`` (a date or ISO text) → ``31/12/2025`` (fr) or ``2025-12-31`` (en)."""
    if value is None or value == "":
        return ""
    day = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if isinstance(day, dt.datetime):
        day = day.date()
    return day.isoformat() if _english(lang) else day.strftime("%d/%m/%Y")


def format_year_ranges(years: Iterable[int]) -> str:
    """``[2005, 2006, 2007, 2009]`` → ``2005–2007, 2009`` (the same in both languages)."""
    out: list[str] = []
    ys = sorted({int(y) for y in years})
    if not ys:
        return ""
    start = prev = ys[0]
    for y in [*ys[1:], None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(out)


def format_value(value: object, spec: str, lang: str = "fr") -> str | None:
    """A message parameter formatted by the ``spec`` of its template field, ``None`` if ``spec``
    is not one of these: ``eur``, ``amt``, ``pct``/``pct0``…``pct3``, ``pcts``, ``n0``…``n4``, ``g``, ``bound``,
    ``date``, ``years``, ``span``."""
    if spec == "eur":
        return format_eur(_number(value), lang)
    if spec.startswith("pct") and spec[3:] in ("", "0", "1", "2", "3"):
        return format_percent(_number(value), int(spec[3:] or 1), lang)
    if len(spec) == 2 and spec[0] == "n" and spec[1] in "01234":
        return format_number(_number(value), int(spec[1]), lang)
    if spec == "amt":  # an amount of whole euros without decimals: 50 000 000
        number = _number(value)
        return format_number(number, 0 if number.is_integer() else 2, lang)
    if spec == "pcts":  # a target: 30 %, 5,5 %
        text = f"{_number(value) * 100:.1f}".removesuffix(".0")
        return f"{text}%" if _english(lang) else f"{text.replace('.', ',')} %"
    if spec == "g":
        return format_general(_number(value), lang)
    if spec == "bound":
        return format_share_bound(_number(value))
    if spec == "date":
        return format_date(value if isinstance(value, (dt.date, str)) else None, lang)
    if spec == "span":  # [first, last] → 2019–2023
        items = list(value) if isinstance(value, (list, tuple)) else []
        return f"{items[0]}–{items[-1]}" if items else "?"
    if spec == "years":
        return format_year_ranges(value if isinstance(value, (list, tuple)) else [])
    return None


def _number(value: object) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    return float(str(value))
