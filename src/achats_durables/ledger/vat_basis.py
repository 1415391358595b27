"""HT or TTC: one rule, by budget nomenclature, for every ledger reader.

M4x budgets (M4, M41, M43, M49…: water, sanitation, transport and the other industrial and
commercial public services) are subject to VAT and record their spending **HT**; the other
nomenclatures (M14, M57, M52, M61…) record it TTC. The TOTEM and balance readers apply this to
their amount column; a spreadsheet or CSV applies it to an amount column whose header does not
say TTC (« Montant », « Montant mandaté », « Débit »): on M4x lines it is read HT. A header that
says TTC, or a column declared in ``achats.yaml`` (``columns: {amount_incl_vat: "Montant"}``),
stays TTC.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from achats_durables.core.frames import map_distinct
from achats_durables.core.text import header_key
from achats_durables.i18n.messages import Text

_SAYS_TTC = re.compile(r"\bttc\b|toutes taxes|\bincl")


def is_vat_subject(nomenclature: str) -> bool:
    """M4x budgets (SPIC) are normally subject to VAT: their amounts are read HT."""
    return str(nomenclature).upper().startswith("M4")


def vat_subject_lines(nomenclatures: pd.Series | np.ndarray) -> np.ndarray:
    """Per line: is its nomenclature an M4x one (computed on the distinct values)."""
    return map_distinct(nomenclatures, lambda u: u.map(is_vat_subject)).astype(bool)


def ht_note(nomenclature: str) -> Text:
    """The note of a budget whose amounts spent are read as excluding VAT."""
    return Text("note-budget-excl-vat", nomenclature=nomenclature)


def says_incl_vat(header: str) -> bool:
    """Does a column header say its amounts are TTC (« Montant TTC », « Débit TTC »…)?"""
    return bool(_SAYS_TTC.search(header_key(header)))


def split_plain_amount(
    amount: np.ndarray, nomenclatures: pd.Series, header: str, declared: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(HT, TTC, M4x mask) of an amount column that may not say whether it is HT or TTC.

    Unless the header says TTC or the column is ``declared`` TTC in the config, the lines of an
    M4x budget take the amount as HT; the others keep it as TTC.
    """
    n = len(amount)
    if declared or says_incl_vat(header):
        return np.full(n, np.nan), amount, np.zeros(n, dtype=bool)
    m4 = vat_subject_lines(nomenclatures)
    return np.where(m4, amount, np.nan), np.where(m4, np.nan, amount), m4
