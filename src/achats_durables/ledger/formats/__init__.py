"""Readers of public-finance formats: TOTEM budget XML, PES V2 dépense XML, DGFiP balances.

Each reader module exposes ``sniff(path, head) -> bool`` (``head`` = the first 64 KiB of the
file) and ``read(path) -> list[RawTable]``; :func:`detect` picks the reader of a file.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from achats_durables.ledger.formats import balance, pes, totem

READERS: tuple[ModuleType, ...] = (totem, pes, balance)
HEAD_BYTES = 65536
SNIFFED_SUFFIXES = frozenset({".xml", ".csv", ".txt"})

__all__ = ["HEAD_BYTES", "READERS", "balance", "detect", "pes", "totem"]


def detect(path: Path) -> ModuleType | None:
    """The first reader recognising the file, or None (other formats, unreadable file)."""
    if path.suffix.lower() not in SNIFFED_SUFFIXES or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return None
    for reader in READERS:
        if reader.sniff(path, head):
            return reader
    return None
