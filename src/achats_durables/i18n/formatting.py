"""Number and date formatting for people (French first)."""

from __future__ import annotations


def format_amount(value: float, decimals: int = 2) -> str:
    """French display of a number: ``1 234,56`` (narrow no-break space as thousands separator)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",")


def format_eur(value: float) -> str:
    return f"{format_amount(value)} €"
