"""What every HTML report shares: the footer (sources, versions, hashes) and table helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from achats_durables.core.version import __version__

TOP = 10  # rows shown in a ranked table; the rest add up under « autres »


def footer(sources: list[str], hashes: list[tuple[str, str]], version: str = "") -> dict[str, Any]:
    """The footer's context: sources (plain text), tool version, input file fingerprints.

    No date: the same inputs make the same page (the committed example stays reproducible).
    """
    return {
        "sources": sources,
        "version": version or __version__,
        "generated": None,
        "hashes": [{"name": Path(name).name, "sha256": sha} for name, sha in hashes],
    }


def top_with_others(
    rows: list[dict[str, Any]], value: str, others_label: str, top: int = TOP
) -> list[dict[str, Any]]:
    """The ``top`` rows by ``value`` (largest first), the rest summed in one « autres » row."""
    ranked = sorted(rows, key=lambda r: -float(r[value] or 0.0))
    head, rest = ranked[:top], ranked[top:]
    if not rest:
        return head
    numeric = {k for r in rest for k, v in r.items() if type(v) in (int, float)}
    summed: dict[str, Any] = {k: sum(float(r.get(k) or 0.0) for r in rest) for k in numeric}
    summed.update(label=others_label, others=True, count=len(rest))
    return [*head, summed]
