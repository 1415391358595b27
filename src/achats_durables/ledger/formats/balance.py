"""DGFiP « balances comptables » open-data CSV (collectivités, groupements, budgets annexes).

Header ``exer;ident;ndept;lbudg;…;nomen;…;compte;bedeb;becre;obnetdeb;obnetcre;…;sd;sc`` in
upper or lower case, ``;`` separator, decimal point. Files run to millions of rows: they are
read with the pyarrow CSV engine, only the needed columns, and every step is vectorised.

One frame row per CSV row (row number = physical line, header = line 1): entity = ``lbudg``,
entity_id = ``ident`` (SIRET of the budget),
year = ``exer``, account = ``compte``, nomenclature = ``nomen``, amount = ``obnetdeb`` (net
budget debits of the year) — TTC for M14/M57 and other budgets, HT for M4x budgets (services
subject to VAT), as for TOTEM. Accounts outside classes 2 and 6 are skipped with a reason;
within those classes the mapping rules decide what is a purchase.

Encoding, delimiter and header row: :mod:`~achats_durables.ledger.csv_text`, as for every
text table (UTF-8 with or without BOM, else windows-1252). The pyarrow engine ignores blank
lines: a blank line in the middle of a file (not seen in DGFiP files) would shift the row
numbers of the rows below it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from achats_durables.core.errors import LedgerError, Location
from achats_durables.i18n.messages import Text
from achats_durables.ledger.csv_text import (
    MIXED_ERRORS,
    contradicted_note,
    head_rows,
    sample_csv,
)
from achats_durables.ledger.headers import HeaderMatch
from achats_durables.ledger.tabular import RawTable
from achats_durables.ledger.vat_basis import ht_note, vat_subject_lines

FORMAT = "balance-dgfip"
SNIFF_COLUMNS = ("exer", "ident", "compte", "obnetdeb")
REQUIRED = ("compte", "obnetdeb")
KEPT_CLASSES = ("2", "6")
SKIP_NO_ACCOUNT = "aucun compte : ligne non lue"

# key (lower-case CSV name), canonical field or None (extra column), header label
_COLUMNS: tuple[tuple[str, str | None, str], ...] = (
    ("lbudg", "entity", "lbudg"),
    ("exer", "year", "exer"),
    ("nomen", "nomenclature", "nomen"),
    ("compte", "account", "compte"),
    ("ident", "entity_id", "ident"),
    ("cbudg", None, "cbudg"),
    ("insee", None, "insee"),
)


def skip_text(account_class: str) -> str:
    return (
        f"compte de classe {account_class} : hors dépenses d'achat "
        "(seules les classes 2 et 6 sont lues)"
    )


def _names(row: list[str]) -> list[str]:
    return [c.strip().lower() for c in row]


def sniff(path: Path, head: bytes) -> bool:
    """A balance file: its first line names exer, ident, compte and obnetdeb."""
    names = set(_names(head_rows(head)[0]))
    return all(c in names for c in SNIFF_COLUMNS)


def read(path: Path) -> list[RawTable]:
    """The rows of a DGFiP balance as one raw table (header on line 1)."""
    loc = Location(str(path))
    sample = sample_csv(path)
    raw_names = [c.strip() for c in sample.rows[0]]
    by_lower = {n.lower(): n for n in raw_names}
    for req in REQUIRED:
        if req not in by_lower:
            raise LedgerError(
                "ledger-column-missing",
                loc,
                column=req,
                available=", ".join(f"« {n} »" for n in raw_names),
                hint=" Une balance comptable DGFiP doit avoir les colonnes « compte » et "
                "« obnetdeb ».",
            )
    usecols = [by_lower[k] for k in [k for k, _f, _h in _COLUMNS if k in by_lower] + ["obnetdeb"]]
    encoding, delimiter = sample.encoding, sample.delimiter
    notes: list[str | Text] = []
    try:
        data = _read(path, delimiter, encoding, usecols)
    except Exception as exc:  # pyarrow.lib.ArrowInvalid and kin, OSError, ValueError
        if not encoding.startswith("utf-8"):
            raise LedgerError("ledger-corrupt", loc, detail=str(exc).splitlines()[0]) from exc
        # UTF-8 at the top of the file, something else further down
        notes.append(contradicted_note(encoding))
        try:
            data = _read(path, delimiter, encoding, usecols, MIXED_ERRORS)
        except Exception as exc2:
            raise LedgerError("ledger-corrupt", loc, detail=str(exc2).splitlines()[0]) from exc2
    data.columns = [str(c).lower() for c in data.columns]
    table = _table(path, data, encoding, delimiter)
    return [replace(table, notes=notes + table.notes)]


def _read(
    path: Path, delimiter: str, encoding: str, usecols: list[str], errors: str | None = None
) -> pd.DataFrame:
    """The needed columns as text: Arrow's reader, or pandas' C reader with the ``errors``
    handler of a file mixing encodings (Arrow has none)."""
    return pd.read_csv(
        path,
        sep=delimiter,
        encoding=encoding,
        engine="pyarrow" if errors is None else "c",
        encoding_errors=errors or "strict",
        usecols=usecols,
        dtype=str,
        keep_default_na=False,
    )


def _text(data: pd.DataFrame, key: str) -> pd.Series:
    return data[key].fillna("").astype("str").str.strip()


def _cells(text: pd.Series) -> pd.Series:
    """The text column (Arrow-backed, as the CSV reader of ``csv_table`` gives), null where empty."""
    return text.where(text != "")


def _table(path: Path, data: pd.DataFrame, encoding: str, delimiter: str) -> RawTable:
    account_class = _text(data, "compte").str[:1]
    nomen = (
        _text(data, "nomen").str.upper()
        if "nomen" in data.columns
        else pd.Series([""] * len(data), dtype="str")
    )
    vat_subject = vat_subject_lines(nomen)
    columns = _Columns()
    for key, fname, header in _COLUMNS:
        if key in data.columns:
            columns.add(_cells(_text(data, key)), fname, header)
    columns.add(_cells(_section(account_class)), "section", "Section (déduite du compte)")
    values = _cells(_text(data, "obnetdeb"))
    if not vat_subject.all():
        columns.add(values.where(~vat_subject), "amount_incl_vat", "obnetdeb (TTC)")
    if vat_subject.any():
        columns.add(values.where(vat_subject), "amount_excl_vat", "obnetdeb (HT, budgets M4x)")
    notes: list[str | Text] = []
    if vat_subject.any():
        notes.extend(ht_note(x) for x in sorted(str(x) for x in nomen[vat_subject].unique()))
    return RawTable(
        path=str(path),
        sheet=None,
        header=HeaderMatch(
            row_index=0, columns=columns.fields, headers=columns.headers, ignored=columns.ignored
        ),
        frame=pd.DataFrame({i: v.reset_index(drop=True) for i, v in columns.cells.items()}),
        first_row=2,
        rows_above=1,
        format=FORMAT,
        encoding=encoding,
        delimiter=delimiter,
        notes=notes,
        skip_reason=_skip_reasons(account_class),
        meta=_meta(data, nomen),
    )


class _Columns:
    """The columns of the raw table, in order: cells, canonical fields, headers, extra columns."""

    def __init__(self) -> None:
        self.cells: dict[int, pd.Series] = {}
        self.fields: dict[str, int] = {}
        self.headers: list[str] = []
        self.ignored: list[str] = []

    def add(self, values: pd.Series, fname: str | None, header: str) -> None:
        pos = len(self.headers)
        self.cells[pos] = values
        self.headers.append(header)
        if fname is None:
            self.ignored.append(header)
        else:
            self.fields[fname] = pos


def _skip_reasons(account_class: pd.Series) -> np.ndarray:
    """Per row: "" for classes 2 and 6, else why the row is set aside (one text per class)."""
    codes, classes = pd.factorize(account_class)
    reasons = np.array(
        [
            "" if c in KEPT_CLASSES else (skip_text(c) if c else SKIP_NO_ACCOUNT)
            for c in classes.tolist()
        ]
        + [SKIP_NO_ACCOUNT],
        dtype=object,
    )
    return np.asarray(reasons[codes], dtype=object)  # code -1 (missing) → last entry


def _section(account_class: pd.Series) -> pd.Series:
    """``I`` for class 2 (investissement), ``F`` for class 6 (fonctionnement), else ""."""
    return pd.Series(
        np.select(
            [
                (account_class == "2").to_numpy(dtype=bool),
                (account_class == "6").to_numpy(dtype=bool),
            ],
            ["I", "F"],
            default="",
        ),
        dtype="str",
    )


def _meta(data: pd.DataFrame, nomen: pd.Series) -> dict[str, str]:
    """What the file says of itself: the entity, SIRET, year and nomenclature shared by all rows."""
    meta: dict[str, str] = {"producer": "DGFiP", "document": "balance comptable"}
    for key, meta_key in (("lbudg", "entity"), ("ident", "siret"), ("exer", "year")):
        if key in data.columns:
            uniq = _text(data, key).unique()
            if len(uniq) == 1 and uniq[0]:
                meta[meta_key] = str(uniq[0])
                if key == "lbudg":
                    meta["budget"] = str(uniq[0])
    uniq_nomen = nomen.unique()
    if len(uniq_nomen) == 1 and uniq_nomen[0]:
        meta["nomenclature"] = str(uniq_nomen[0])
    return meta
