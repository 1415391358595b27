"""A line without CPV takes its contract's CPV before the rules are matched.

Lines of one contract belong to one purchase category: when some of them carry no CPV, they
would otherwise fall to a broad account rule (611 « contrats de prestations ») while their
contract's other lines are on the right factor. Before matching, a line with a contract number
and no CPV takes, in this order:

1. the CPV of its contract in the contracts register or DECP (``contracts:`` of ``achats.yaml``,
   or the files given to ``achats clauses``), read by :func:`contracts.read_contracts`;
2. else the majority CPV of the ledger's lines with the same contract number: the CPV of the
   most lines, ties broken by the most spend, then the smallest code.

Contract numbers are compared as ``achats clauses`` joins them (:func:`contracts.normalize_ref`:
case, spaces and ``./_`` ignored). The ledger's CPV column is kept as read; the annotated lines
carry the CPV used for matching (``cpv_used``) and its origin (``cpv_source``). Everything runs on
the distinct contract numbers and CPV codes (groupby), never line by line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from achats_durables.contracts.refs import normalize_ref
from achats_durables.core.errors import Issue
from achats_durables.core.frames import categorical, codes_of

if TYPE_CHECKING:  # a footprint without a register never loads the contract readers
    from achats_durables.contracts.model import Contracts

# index = the code stored in ``cpv_source``
CPV_SOURCES = ("", "ligne", "registre", "marché (majorité des lignes)")
OWN, REGISTER, MAJORITY = 1, 2, 3


def majority(keys: np.ndarray, values: np.ndarray, weights: np.ndarray) -> dict[object, str]:
    """Per key, its most frequent non-empty value; ties: the largest weight, then the smallest."""
    frame = pd.DataFrame(
        {
            "k": keys,
            "v": np.asarray(values, dtype=object),
            "w": np.nan_to_num(np.asarray(weights, dtype="float64")),
        }
    )
    frame = frame[frame["v"] != ""]
    if frame.empty:
        return {}
    counted = frame.groupby(["k", "v"], sort=False)["w"].agg(["size", "sum"]).reset_index()
    counted = counted.sort_values(
        ["k", "size", "sum", "v"], ascending=[True, False, False, True], kind="mergesort"
    ).drop_duplicates("k")
    return dict(zip(counted["k"].tolist(), counted["v"].astype(str).tolist(), strict=True))


def register_cpvs(contracts: Contracts) -> dict[str, str]:
    """{normalised contract number → CPV} of the contracts read (majority if a number repeats)."""
    frame = contracts.frame
    if frame.empty:
        return {}
    refs = normalize_ref(frame["contract_ref"]).to_numpy(dtype=object)
    keep = refs != ""
    found = majority(
        refs[keep],
        frame["cpv"].astype(object).fillna("").to_numpy(dtype=object)[keep],
        frame["amount_eur"].to_numpy(dtype="float64", na_value=np.nan)[keep],
    )
    return {str(k): v for k, v in found.items()}


def read_register_cpvs(
    paths: Sequence[Path | str], profile: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The contract → CPV table of registers and DECP files (unfiltered: every contract)."""
    if not paths:
        return {}
    # imported here: the readers (registers, DECP, their cell parsers) only serve a register
    from achats_durables.contracts.read import read_contracts

    return register_cpvs(read_contracts(list(paths), profile=profile))


def inherit_cpv(
    lines: pd.DataFrame, usable: np.ndarray, register: Mapping[str, str]
) -> tuple[pd.Categorical, np.ndarray]:
    """(CPV used for matching, origin code into :data:`CPV_SOURCES`) of every line.

    ``usable``: the lines that were read (their CPVs vote for their contract's majority).
    """
    ccodes, cvalues = codes_of(lines["cpv"])
    own = (cvalues != "")[ccodes]
    rcodes, rvalues = codes_of(lines["contract_ref"])
    norm = normalize_ref(pd.Series(rvalues, dtype=object)).to_numpy(dtype=object)
    ncodes, nvalues = pd.factorize(norm)
    nvalues = np.asarray(nvalues, dtype=object)
    ref = np.asarray(ncodes, dtype=np.int64)[rcodes]  # per line: its normalised contract number
    has_ref = (nvalues != "")[ref]
    source = np.where(own, OWN, 0)
    need = usable & has_ref & ~own
    if not need.any():
        return categorical(ccodes, cvalues), source
    voters = usable & has_ref & own
    ht = lines["amount_excl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    ttc = lines["amount_incl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    spend = np.where(np.isnan(ht), ttc, ht)
    voted = majority(ref[voters], cvalues[ccodes[voters]], spend[voters])
    by_register = np.array([register.get(str(r), "") for r in nvalues], dtype=object)
    by_majority = np.array([voted.get(k, "") for k in range(len(nvalues))], dtype=object)
    from_register = need & (by_register != "")[ref]
    from_majority = need & ~from_register & (by_majority != "")[ref]
    source = np.select([from_register, from_majority], [REGISTER, MAJORITY], source)
    n_own, n_refs = len(cvalues), len(nvalues)
    codes = np.where(
        from_register, n_own + ref, np.where(from_majority, n_own + n_refs + ref, ccodes)
    )
    cats = np.concatenate([cvalues, by_register, by_majority])
    return categorical(codes, cats), source


def inherited_issues(lines: pd.DataFrame, source: np.ndarray) -> list[Issue]:
    """One info issue: how many lines took their contract's CPV, from where, for how much."""
    inherited = source >= REGISTER
    if not inherited.any():
        return []
    ht = lines["amount_excl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    ttc = lines["amount_incl_vat"].to_numpy(dtype="float64", na_value=np.nan)
    amount = float(np.nansum(np.where(np.isnan(ht), ttc, ht)[inherited]))
    return [
        Issue(
            "contract-cpv-inherited",
            {
                "count": int(inherited.sum()),
                "register": int((source == REGISTER).sum()),
                "majority": int((source == MAJORITY).sum()),
                "amount": round(amount, 2),
            },
            severity="info",
        )
    ]
