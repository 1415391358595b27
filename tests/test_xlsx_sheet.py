"""The workbooks print as documents: landscape, one page wide, header rows repeated, headers
wrapped in columns wide enough for their words, detail sheets printing their first rows only,
the category chart on the top 10 and « autres »; the sheet helpers on hand-made values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.writers.xlsx import chart_rows
from achats_durables.writers.xlsx_sheet import (
    PRINTED_ROWS,
    _Sheet,
    fit_widths,
    header_widths,
    line_count,
)

from .conftest import REPO

EXAMPLES = REPO / "examples"
CONFIG = str(EXAMPLES / "achats.yaml")
LEDGER = str(EXAMPLES / "grand-livre-2025.xlsx")
# sheets of one row per line or contract: a note on row 1, the header on row 2
DETAIL = {"Lignes", "Non affectées", "À quantifier", "Exclues", "Rejetées et ignorées"}
DETAIL |= {"Lignes AGEC", "Marchés"}


def _run(args: list[str]) -> None:
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code in (0, 1), result.output  # 1: --strict issues, still written


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example's five workbooks, as the README's commands write them."""
    folder = tmp_path_factory.mktemp("print")
    out = {name: folder / f"{name}.xlsx" for name in ("footprint", "clauses", "plan", "agec")}
    _run(["footprint", LEDGER, "--config", CONFIG, "-o", str(out["footprint"])])
    registre = str(EXAMPLES / "registre-marches.xlsx")
    _run(["clauses", registre, "--ledger", LEDGER, "-o", str(out["clauses"])])
    _run(["plan", str(EXAMPLES / "plan.yaml"), "--config", CONFIG, "-o", str(out["plan"])])
    _run(["agec", "--config", CONFIG, "--year", "2025", "-o", str(out["agec"])])
    reports = []
    for year in (2024, 2025):
        path = folder / f"empreinte-{year}.json"
        ledger = str(EXAMPLES / f"grand-livre-{year}.xlsx")
        _run(["footprint", ledger, "--config", CONFIG, "--year", str(year), "-o", str(path)])
        reports.append(str(path))
    out["compare"] = folder / "compare.xlsx"
    _run(["compare", *reports, "-o", str(out["compare"])])
    return out


@pytest.mark.parametrize("name", ["footprint", "clauses", "plan", "agec", "compare"])
def test_every_sheet_prints_landscape_one_page_wide(workbooks: dict[str, Path], name: str) -> None:
    wb = load_workbook(workbooks[name])
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth == 1, ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title  # as many pages high as needed
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        if ws.print_title_rows:  # the repeated row is a header: bold, wrapped
            row = int(ws.print_title_rows.split(":")[0].lstrip("$"))
            first = ws.cell(row=row, column=1)
            assert first.font.bold, ws.title
            assert first.alignment.wrap_text, ws.title
        for cell in _header_cells(ws):  # every word of a header fits its column
            longest = max(len(w) for w in str(cell.value).split())
            width = ws.column_dimensions[cell.column_letter].width
            assert width >= longest + 1, (ws.title, cell.value, width)


def _header_cells(ws: Any) -> list[Any]:
    return [
        c
        for row in ws.iter_rows(max_row=min(ws.max_row, 60))
        for c in row
        if c.value and c.fill.fgColor.rgb == "00DDEBF7"
    ]


def test_table_sheets_repeat_their_header(workbooks: dict[str, Path]) -> None:
    wb = load_workbook(workbooks["footprint"])
    for title in ("Par catégorie", "Par compte", "Par fournisseur", "Alertes"):
        assert wb[title].print_title_rows == "$1:$1", title
    assert wb["Tableau BEGES"].print_title_rows == "$4:$4"  # title, note, blank, header
    assert wb["Lignes"].print_title_rows == "$2:$2"
    # several tables one below the other: none of their headers is repeated
    assert wb["Synthèse"].print_title_rows is None
    assert wb["Méthode"].print_title_rows is None


@pytest.mark.parametrize("name", ["footprint", "clauses", "agec"])
def test_detail_sheets_print_their_first_rows_only(workbooks: dict[str, Path], name: str) -> None:
    wb = load_workbook(workbooks[name])
    details = [ws for ws in wb.worksheets if ws.title in DETAIL]
    assert details
    for ws in details:
        assert str(ws["A1"].value).startswith("Feuille de détail, pour filtrer et trier")
        assert "200 premières lignes" in str(ws["A1"].value)
        area = ws.print_area
        last_row = int(area.rsplit("$", 1)[1])
        assert last_row == min(ws.max_row, 2 + 200), (ws.title, area, ws.max_row)
        assert ws.auto_filter.ref.startswith("A2:"), ws.title
    lines = wb["Lignes"] if name == "footprint" else None
    if lines is not None:
        assert lines.max_row == 2 + 2480  # the file keeps every line: 2 485 read, 5 skipped
        assert lines.print_area.endswith("$202")


def test_category_chart_shows_the_top_ten_and_the_rest(workbooks: dict[str, Path]) -> None:
    ws = load_workbook(workbooks["footprint"])["Par catégorie"]
    rows = list(ws.iter_rows(values_only=True))
    table = [r for r in rows[1:] if r[0] is not None and isinstance(r[3], float)]
    assert len(table) == 39  # the example's categories
    (bar,) = ws._charts
    (series,) = bar.series
    ref = series.val.numRef.f  # the chart reads the small table below the categories
    first, last = (int(part.rsplit("$", 1)[1]) for part in ref.split("!")[1].split(":"))
    assert last - first + 1 == 11
    chart_table = rows[first - 1 : last]
    assert [r[0] for r in chart_table] == [*range(1, 11), None]
    assert [r[2] for r in chart_table[:10]] == [r[3] for r in table[:10]]
    assert chart_table[10][1] == "Autres (29)"
    assert chart_table[10][2] == pytest.approx(sum(r[3] for r in table[10:]))
    assert bar.x_axis.delete is False
    assert bar.y_axis.delete is False


def test_chart_rows_sum_the_rest_and_cut_long_labels() -> None:
    rows = [(f"catégorie {k}", float(k)) for k in range(12, 0, -1)]  # 12, 11, …, 1
    shown = chart_rows(rows, "fr")
    assert len(shown) == 11
    assert shown[9] == ("catégorie 3", 3.0)
    assert shown[10] == ("Autres (2)", 3.0)  # 2 + 1
    assert chart_rows(rows, "en")[10] == ("Others (2)", 3.0)
    assert chart_rows(rows[:10], "fr") == rows[:10]  # ten or fewer: no « autres »
    label = "Produits de l'industrie textile, articles d'habillement, cuir"  # 61 characters
    ((cut, _),) = chart_rows([(label, 1.0)], "fr")
    assert cut == "Produits de l'industrie textile, articles d'habil…"  # 49 characters and « … »
    assert len(cut) == 50


def test_widths_fit_header_words_and_content_up_to_a_max() -> None:
    # « dépense » (7) + 2; a third of « Part de la dépense » (18) is 6
    assert header_widths(["Part de la dépense", "SIREN"]) == [9, 7]
    assert fit_widths([10, 10], [["x" * 30, None], ["y" * 100]]) == [60, 10]
    assert fit_widths([10], [[1234.5]]) == [11]  # « 1,234.50 » (8), a space, « € » and 1
    assert fit_widths([], [["abc"]]) == [8]


def test_line_count_of_wrapped_texts() -> None:
    assert line_count("court", 20) == 1
    # 11 characters a line: « un deux », « trois », « quatre cinq », « six »
    assert line_count("un deux trois quatre cinq six", 10) == 4
    assert line_count("a\nb", 20) == 2


def test_a_long_single_text_spans_the_sheet_and_a_long_cell_wraps(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    s = _Sheet(wb, "Feuille", (10, 20, 30))
    s.append(["Une note longue " * 10])  # 160 characters over 60 columns wide
    s.append(["court", "un texte de plus de vingt caractères", 3.0])
    path = tmp_path / "s.xlsx"
    wb.save(path)
    ws = load_workbook(path)["Feuille"]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:C1"]
    assert ws["A1"].alignment.wrap_text
    assert ws.row_dimensions[1].height == 45  # 66 characters a line: 3 lines of 15 pt
    assert ws["B2"].alignment.wrap_text
    assert not ws["A2"].alignment.wrap_text
    assert ws["A2"].alignment.vertical == "top"  # beside a wrapped text, at the top
    assert ws.row_dimensions[2].height == 30
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows is None


def test_print_area_of_a_short_detail_sheet(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    s = _Sheet(wb, "Lignes", (10, 10), detail=True)
    s.append(["note"])
    s.header(["A", "B"])
    for k in range(PRINTED_ROWS + 5):
        s.append([k, "un texte bien plus long que sa colonne"])
    s.finish_detail(2)
    path = tmp_path / "d.xlsx"
    wb.save(path)
    ws = load_workbook(path)["Lignes"]
    assert ws.print_area == "'Lignes'!$A$1:$B$202"
    assert ws.auto_filter.ref == "A2:B207"
    assert not ws["B3"].alignment.wrap_text  # detail sheets never wrap (long files stay fast)
