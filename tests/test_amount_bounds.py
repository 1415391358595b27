"""One amount validation for every reader: finite and plausible, else the row is rejected
with its location; the JSON never holds a non-finite number (issue 10 item 2)."""

from __future__ import annotations

import pytest

from .conftest import LedgerFactory, strict_json
from .test_cli import invoke

HEADER = ["Exercice", "Nature", "Libellé", "Montant HT"]
ABSURD = ["21410018200019", "1e25", "9" * 400, "1e308", "inf", "-Infinity", "214 100 182 00019"]


def _number_or_text(value: object) -> object:
    try:
        number = float(str(value))
    except ValueError:
        return value
    return number if abs(number) < float("inf") else value


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_absurd_amounts_are_rejected_with_their_location(
    make_ledger: LedgerFactory, fmt: str
) -> None:
    rows: list[list[object]] = [[2025, "6064", "Ramettes", "1000"]]
    rows += [[2025, "6064", f"absurde {i}", v] for i, v in enumerate(ABSURD)]
    if fmt == "xlsx":  # numeric cells too, where the spreadsheet can hold the number
        rows = [[y, a, lab, _number_or_text(v)] for y, a, lab, v in rows]
    path = make_ledger(rows, header=HEADER, fmt=fmt)
    result = invoke("footprint", str(path), "--format", "json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    data = strict_json(result.stdout)  # type: ignore[attr-defined]
    rec = data["reconciliation"]
    assert isinstance(rec, dict)
    assert rec["rows_rejected"] == len(ABSURD)
    assert rec["spend_read_eur"] == 1000.0  # only the plausible line is read
    rejected = [i for i in data["issues"] if i["code"] == "row-amount-implausible"]  # type: ignore[union-attr, index]
    assert {i["location"]["row"] for i in rejected} == set(range(3, 3 + len(ABSURD)))
    assert all(i["location"]["column"] == "Montant HT" for i in rejected)
    assert rejected[0]["message"].endswith(
        "montant invraisemblable « 21410018200019 » (10 milliards d'euros ou plus, ou infini) : "
        "sans doute un SIRET, une date ou un autre nombre collé dans la colonne du montant. "
        "Corrigez la cellule. Ligne écartée (statut « rejetée »)."
    )


def test_json_writer_refuses_non_finite_numbers() -> None:
    from achats_durables.writers import json_text

    with pytest.raises(ValueError, match="not JSON compliant"):
        json_text({"x": float("inf")})
