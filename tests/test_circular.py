"""AGEC art. 58 cells (« Réemploi », « Matières recyclées »): kinds and values by hand, read from
text, from numbers typed in a spreadsheet, from a ledger's lines."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from achats_durables.i18n.messages import Text, render
from achats_durables.ledger.circular import (
    AMOUNT,
    EMPTY,
    KIND_NAMES,
    NEGATIVE,
    NO,
    PROBLEM_CODES,
    SHARE,
    SHARE_OUT_OF_RANGE,
    UNREADABLE,
    YES,
    parse_circular,
)

NAN = math.nan
# cell, kind, value, problem (0: none)
CASES: list[tuple[Any, int, float, int]] = [
    ("", EMPTY, NAN, 0),
    ("   ", EMPTY, NAN, 0),
    (None, EMPTY, NAN, 0),
    ("oui", YES, NAN, 0),
    (" OUI ", YES, NAN, 0),
    ("O", YES, NAN, 0),
    ("yes", YES, NAN, 0),
    ("x", YES, NAN, 0),
    ("Vrai", YES, NAN, 0),
    ("TRUE", YES, NAN, 0),
    ("1", YES, NAN, 0),
    ("Non", NO, NAN, 0),
    ("n", NO, NAN, 0),
    ("no", NO, NAN, 0),
    ("faux", NO, NAN, 0),
    ("false", NO, NAN, 0),
    ("0", NO, NAN, 0),
    ("-", NO, NAN, 0),
    ("30 %", SHARE, 0.30, 0),
    ("30%", SHARE, 0.30, 0),
    ("30,5 %", SHARE, 0.305, 0),
    ("100 %", SHARE, 1.0, 0),
    ("0 %", SHARE, 0.0, 0),
    ("130 %", EMPTY, NAN, SHARE_OUT_OF_RANGE),
    ("-5 %", EMPTY, NAN, SHARE_OUT_OF_RANGE),
    ("0,3", SHARE, 0.3, 0),
    ("0.25", SHARE, 0.25, 0),
    ("1200", AMOUNT, 1200.0, 0),
    ("1 200,50", AMOUNT, 1200.5, 0),
    ("1.234,56", AMOUNT, 1234.56, 0),
    ("1,234.56", AMOUNT, 1234.56, 0),
    ("1 200 €", AMOUNT, 1200.0, 0),
    ("1\u202f200,00\u00a0€", AMOUNT, 1200.0, 0),  # the spaces a French spreadsheet writes
    ("30\u00a0%", SHARE, 0.30, 0),
    ("0,50 €", AMOUNT, 0.5, 0),  # with a currency, an amount even below 1
    ("EUR 300", AMOUNT, 300.0, 0),
    ("300 euros HT", AMOUNT, 300.0, 0),
    ("1 200 € TTC", EMPTY, NAN, UNREADABLE),  # the declaration counts HT
    ("-200 €", EMPTY, NAN, NEGATIVE),
    ("-3", EMPTY, NAN, NEGATIVE),
    ("beaucoup", EMPTY, NAN, UNREADABLE),
    ("oui.", EMPTY, NAN, UNREADABLE),
    ("%", EMPTY, NAN, UNREADABLE),
    ("12,5 k€", EMPTY, NAN, UNREADABLE),
    # cells typed as numbers in a spreadsheet
    (0.3, SHARE, 0.3, 0),
    (1.0, YES, NAN, 0),
    (0.0, NO, NAN, 0),
    (1200.0, AMOUNT, 1200.0, 0),
    (2, AMOUNT, 2.0, 0),
    (-0.5, EMPTY, NAN, NEGATIVE),
    (NAN, EMPTY, NAN, 0),
    (True, YES, NAN, 0),
    (False, NO, NAN, 0),
    (math.inf, EMPTY, NAN, UNREADABLE),
    (dt.date(2025, 3, 1), EMPTY, NAN, UNREADABLE),
]


@pytest.mark.parametrize(("cell", "kind", "value", "problem"), CASES)
def test_one_cell(cell: Any, kind: int, value: float, problem: int) -> None:
    parsed = parse_circular(pd.Series([cell], dtype=object))
    assert KIND_NAMES[int(parsed.kind[0])] == KIND_NAMES[kind]
    assert int(parsed.problem[0]) == problem
    assert bool(parsed.bad[0]) == (problem != 0)
    if math.isnan(value):
        assert math.isnan(parsed.value[0])
    else:
        assert parsed.value[0] == pytest.approx(value)


def test_a_whole_column_at_once_and_the_bad_texts_in_order() -> None:
    cells = [c for c, *_ in CASES]
    parsed = parse_circular(pd.Series(cells + cells, dtype=object))
    assert parsed.kind.dtype == np.int8
    assert parsed.kind.tolist() == [k for _c, k, _v, _p in CASES] * 2
    assert parsed.bad_texts == (
        "130 %",
        "-5 %",
        "1 200 € TTC",
        "-200 €",
        "-3",
        "beaucoup",
        "oui.",
        "%",
        "12,5 k€",
        "-0.5",
        "inf",
        "2025-03-01",
    )


def test_text_columns_of_every_reader() -> None:
    """Categorical text (ledger lines), pyarrow strings (CSV) and plain object columns."""
    expected = [YES, EMPTY, SHARE, NO]
    for values in (
        pd.Series(pd.Categorical(["oui", "", "40 %", "non"])),
        pd.Series(["oui", None, "40 %", "non"], dtype="string[pyarrow]"),
        np.array(["oui", "", "40 %", "non"], dtype=object),
    ):
        parsed = parse_circular(values)
        assert parsed.kind.tolist() == expected
        assert parsed.value[2] == pytest.approx(0.4)
    assert parse_circular(pd.Series([], dtype=object)).kind.tolist() == []


@given(st.lists(st.one_of(st.text(max_size=12), st.floats(), st.none(), st.booleans())))
def test_any_cell_gives_a_kind_never_an_exception(cells: list[Any]) -> None:
    parsed = parse_circular(pd.Series(cells, dtype=object))
    kind, value = parsed.kind, parsed.value
    assert set(kind.tolist()) <= {EMPTY, NO, YES, SHARE, AMOUNT}
    share, amount = kind == SHARE, kind == AMOUNT
    assert ((value[share] >= 0) & (value[share] <= 1)).all()
    assert (value[amount] >= 0).all()
    assert np.isnan(value[~(share | amount)]).all()
    assert (kind[parsed.bad] == EMPTY).all()


def test_the_messages_of_each_problem() -> None:
    assert set(PROBLEM_CODES) == {UNREADABLE, SHARE_OUT_OF_RANGE, NEGATIVE}
    assert render("agec-ledger-value-invalid", value="beaucoup", more="") == (
        "valeur « beaucoup » illisible. Attendu : oui/non, une part (30 % ou 0,3) ou un montant "
        "HT en euros (1 200,00 €). Corrigez la cellule, ou videz-la si la ligne n'est pas "
        "concernée."
    )
    more = Text("agec-more-errors", count=3)
    assert render("agec-ledger-share-invalid", "en", value="130 %", more=more) == (
        "share '130 %' outside 0 to 100 %: give the share of the line's spend, between 0 % and "
        "100 % ('oui' for the whole line). (3 other cell(s) of these columns in error too)"
    )
    text = render(
        "agec-ledger-amount-above-spend",
        amount=1500.0,
        spend=1200.0,
        field=Text("agec-field-recycled"),
        more="",
    )
    assert text.startswith("montant déclaré (matières recyclées) de 1\u202f500,00 € supérieur")
    assert "(1\u202f200,00 €)" in text


def test_ledger_lines_carry_the_columns_as_typed(make_ledger: Any, tmp_path: Path) -> None:
    from achats_durables.ledger.read import read_ledger

    from .conftest import HEADER

    row = [2025, "Ville", "2025-03-01", "6064", "Papier", "Papeterie", "", 1000, 0.2, 1200]
    path = make_ledger(
        [
            [*row, "", "", "oui", 0.3],
            [*row, "", "", "", "250 €"],
            [*row, "", "", 1200.0, None],
        ],
        header=[*HEADER, "Réemploi", "Matières recyclées (part)"],
    )
    ledger = read_ledger(path)
    assert ledger.inputs[0].columns["reuse"] == "Réemploi"
    assert ledger.inputs[0].columns["recycled"] == "Matières recyclées (part)"
    assert ledger.lines["reuse"].tolist() == ["oui", "", "1200"]
    assert ledger.lines["recycled"].tolist() == ["0.3", "250 €", ""]
    reuse = parse_circular(ledger.lines["reuse"])
    assert reuse.kind.tolist() == [YES, EMPTY, AMOUNT]
    recycled = parse_circular(ledger.lines["recycled"])
    assert recycled.kind.tolist() == [SHARE, AMOUNT, EMPTY]
    assert recycled.value[:2].tolist() == pytest.approx([0.3, 250.0])
    plain = read_ledger(make_ledger([[*row, "", ""]]))
    assert plain.lines["reuse"].tolist() == [""]
    assert plain.lines["recycled"].tolist() == [""]


def _without_inputs(data: Any) -> Any:
    """The report's data without what names the input files (paths, hashes)."""
    if isinstance(data, dict):
        return {k: _without_inputs(v) for k, v in data.items() if k not in ("inputs", "sha256")}
    if isinstance(data, list):
        return [_without_inputs(v) for v in data]
    return data


def test_the_footprint_outputs_do_not_change(tmp_path: Path) -> None:
    """The columns ride along in the lines; the footprint's JSON, line CSV and xlsx ignore them."""
    from achats_durables.operations.pipeline import load_setup, run_footprint
    from achats_durables.writers.csv import lines_csv
    from achats_durables.writers.xlsx import write_xlsx as write_report_xlsx

    from .conftest import HEADER, write_xlsx
    from .test_lang_reports import workbook_values

    rows = [
        [2025, "Ville", "2025-03-01", "6064", "Papier", "Papeterie", "", 1000, 0.2, 1200, "", ""],
        [2025, "Ville", "2025-04-01", "2183", "Ordinateurs", "Info", "", 5000, 0.2, 6000, "", ""],
        [2025, "Ville", "2025-05-01", "60632", "Mobilier", "Meubles", "", 800, 0.2, 960, "", ""],
    ]
    extra = [["oui", "30 %"], ["1 200 €", ""], ["beaucoup", 0.4]]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    plain = write_xlsx(tmp_path / "a" / "gl.xlsx", [HEADER, *rows])
    header = [*HEADER, "Réemploi", "Matières recyclées"]
    circular = write_xlsx(
        tmp_path / "b" / "gl.xlsx", [header, *(r + e for r, e in zip(rows, extra, strict=True))]
    )
    setup = load_setup()
    before = run_footprint([plain], setup, year=2025)
    after = run_footprint([circular], setup, year=2025)
    assert after.lines["reuse"].tolist() == ["oui", "1 200 €", "beaucoup"]
    assert _without_inputs(after.to_dict()) == _without_inputs(before.to_dict())
    assert lines_csv(after) == lines_csv(before)
    assert "Réemploi" not in lines_csv(after).splitlines()[0]
    sheets = []
    for report, name in ((before, "a"), (after, "b")):
        write_report_xlsx(report, tmp_path / name / "empreinte.xlsx")
        hashes = {i["sha256"] for i in report.to_dict()["inputs"]}
        values = workbook_values(tmp_path / name / "empreinte.xlsx")
        sheets.append(
            {
                k: [["#" if v in hashes else v for v in r] for r in rows]
                for k, rows in values.items()
            }
        )
    assert sheets[1] == sheets[0]
