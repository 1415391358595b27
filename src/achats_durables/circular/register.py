"""What the contract registers tell the AGEC report: each contract's reuse and recycled flags
(``reuse_share``, ``recycled_share`` of the contract frame) and each entity's buyer SIRET."""

from __future__ import annotations

import numpy as np
import pandas as pd

from achats_durables.contracts.model import Contracts
from achats_durables.contracts.refs import normalize_ref
from achats_durables.core.errors import ContractError
from achats_durables.core.text import fold

FLAG_COLUMNS = {"reuse": "reuse_share", "recycled": "recycled_share"}
INVALID = "agec-register-value-invalid"


def register_flags(contracts: Contracts | None) -> dict[str, dict[str, float]]:
    """kind → {normalised contract number → share of its spend}; a bad flag stops here (the
    register's own located error)."""
    if contracts is None:
        return {}
    bad = [i for i in contracts.issues if i.code == INVALID]
    if bad:
        first = bad[0]
        raise ContractError(first.code, first.location, **first.params, count=len(bad))
    frame = contracts.frame
    out: dict[str, dict[str, float]] = {}
    if frame.empty:
        return out
    refs = normalize_ref(frame["contract_ref"]).to_numpy(dtype=object)
    for kind, column in FLAG_COLUMNS.items():
        if column not in frame:
            continue
        values = frame[column].to_numpy(dtype=float, na_value=np.nan)
        keep = (refs != "") & ~np.isnan(values)
        # a number repeated in the register keeps its last flag (the latest record)
        out[kind] = {str(r): float(v) for r, v in zip(refs[keep], values[keep], strict=True)}
    return {k: v for k, v in out.items() if v}


def register_sirets(contracts: Contracts | None) -> dict[str, str]:
    """Folded entity name → the buyer SIRET of its contracts, when they give exactly one."""
    if contracts is None or contracts.frame.empty or "buyer_siret" not in contracts.frame:
        return {}
    frame = pd.DataFrame(
        {
            "entity": contracts.frame["entity"].astype(str).map(fold),
            "siret": contracts.frame["buyer_siret"].astype(str),
        }
    )
    frame = frame[frame["siret"].str.fullmatch(r"\d{14}")]
    unique = frame.groupby("entity")["siret"].nunique()
    single = unique[unique == 1].index
    firsts = frame[frame["entity"].isin(single)].drop_duplicates("entity")
    return dict(zip(firsts["entity"], firsts["siret"], strict=True))
