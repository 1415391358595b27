"""Notes on the hidden rows and columns of an xlsx sheet: they are read like the others, and
the user is told so (the worksheet part is scanned for ``hidden="1"`` in the same pass as its extent, no XML is
parsed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from achats_durables.i18n.messages import Text

_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_COL_TAG = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_HIDDEN = re.compile(rb'hidden="(?:1|true)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_COL_RANGE = re.compile(rb'\bmin="(\d+)"[^>]*\bmax="(\d+)"')


@dataclass
class HiddenCells:
    """The hidden rows (their numbers, in the order written) and the number of hidden columns
    of a worksheet part, gathered piece by piece while the part is scanned
    (:func:`~achats_durables.ledger.zip_guard.check_zip_container`): the part is not
    decompressed again for them."""

    rows: list[int] = field(default_factory=list)
    columns: int = 0

    def see(self, data: bytes) -> None:
        """One piece of the part (pieces never cut a tag)."""
        if not _HIDDEN.search(data):
            return
        for tag in _ROW_TAG.findall(data):
            if _HIDDEN.search(tag):
                number = _ROW_NUMBER.search(tag)
                if number is not None:
                    self.rows.append(int(number.group(1)))
        for tag in _COL_TAG.findall(data):
            if _HIDDEN.search(tag):
                span = _COL_RANGE.search(tag)
                self.columns += int(span.group(2)) - int(span.group(1)) + 1 if span else 1


def hidden_notes(hidden: HiddenCells | None, sheet: str, first_data_row: int) -> list[str | Text]:
    """French notes about hidden rows and columns of an xlsx sheet (they are read all the same)."""
    if hidden is None:
        return []
    rows = [r for r in hidden.rows if r >= first_data_row]
    notes: list[str | Text] = []
    if rows:
        shown = ", ".join(map(str, rows[:10])) + (" …" if len(rows) > 10 else "")
        notes.append(Text("note-hidden-rows", sheet=sheet, count=len(rows), rows=shown))
    if hidden.columns:
        notes.append(Text("note-hidden-columns", sheet=sheet, count=hidden.columns))
    return notes
