"""The plan report's writers (terminal, xlsx, csv) on a plan report built by hand.

The plan: base year 2025 (1 000 tCO2e ± 150), horizon 2030, no growth, so the baseline is
1 000 every year. Three actions:
- « repas » (−20 % of a 300 tCO2e selection, ramp 2026 → 2028): avoids 20, 40, then 60 a year;
- « papier » (−30 % of the spend of a 50 tCO2e selection from 2026): 15 a year; it shares
  lines with « repas », so together they avoid 1, 2, then 3 tCO2e less than their sum;
- « beton » (at the renewal of contract AGGLO-2024-009, ending 31/12/2026): effect to estimate.
Plan: 1 000, 966 (1 000 − 20 − 15 + 1), 947, 928, 928, 928; band ± 15 %.
Targets: −30 % in 2030 on the whole footprint (path 1 000 → 700, 60 a year): 928 − 700 = 228
short; −25 % of the paper (50 → 37,5) in 2028: the plan gives 35, met by 2,5.
Actuals: 2026 950 (ahead of 966), 2027 960 (behind 947).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console

from achats_durables.core.errors import Issue
from achats_durables.i18n.catalog import EN
from achats_durables.planning.report import (
    FOLLOWUP,
    ActionFollowup,
    ActionResult,
    ContractRef,
    PlanReport,
    TargetResult,
    YearPoint,
)
from achats_durables.writers import (
    emit,
    plan_csv,
    plan_labels,
    plan_xlsx,
    xlsx_sheet,
)
from achats_durables.writers.plan_csv import plan_csv as render_csv
from achats_durables.writers.plan_csv import write_plan_csv
from achats_durables.writers.plan_labels import waterfall_steps
from achats_durables.writers.plan_terminal import render_plan
from achats_durables.writers.plan_xlsx import write_plan_xlsx

YEARS = range(2025, 2031)
PLAN = {2025: 1000.0, 2026: 966.0, 2027: 947.0, 2028: 928.0, 2029: 928.0, 2030: 928.0}
TARGET = {2025: 1000.0, 2026: 940.0, 2027: 880.0, 2028: 820.0, 2029: 760.0, 2030: 700.0}
ACTUAL = {2026: (950.0, "ahead"), 2027: (960.0, "behind")}


def _point(year: int) -> YearPoint:
    actual, followup = ACTUAL.get(year, (None, None))
    return YearPoint(
        year=year,
        baseline_tco2e=1000.0,
        plan_tco2e=PLAN[year],
        plan_low_tco2e=PLAN[year] * 0.85,
        plan_high_tco2e=PLAN[year] * 1.15,
        target_tco2e=TARGET[year],
        actual_tco2e=actual,
        followup=followup,
    )


def _action(id_: str, label: str, avoided: dict[int, float], **kw: object) -> ActionResult:
    fields: dict[str, object] = {
        "kind": "emissions",
        "effect": -0.20,
        "substitute_factor": None,
        "start": 2026,
        "full": None,
        "renewal": False,
        "estimated": True,
        "selection_lines": 10,
        "selection_spend_eur": 100_000.0,
        "selection_tco2e": 100.0,
        "gap_share": None,
    }
    fields.update(kw)
    per_year = {y: avoided.get(y, 0.0) for y in YEARS}
    return ActionResult(
        id=id_,
        label=label,
        avoided_tco2e=per_year,
        avoided_tco2e_horizon=sum(per_year.values()),
        **fields,  # type: ignore[arg-type]
    )


def make_report() -> PlanReport:
    repas = _action(
        "repas",
        "Deux repas végétariens par semaine",
        {2026: 20.0, 2027: 40.0, 2028: 60.0, 2029: 60.0, 2030: 60.0},
        full=2028,
        selection_tco2e=300.0,
        gap_share=0.2,  # 60 of the 300 the target asks in 2030
        overlaps=["papier"],
        followup=[
            ActionFollowup(2026, 275.0, 280.0, "ahead"),
            ActionFollowup(2027, 262.0, 260.0, "on_track"),
        ],
    )
    papier = _action(
        "papier",
        "Sobriété d'impression",
        dict.fromkeys(range(2026, 2031), 15.0),
        kind="spend",
        effect=-0.30,
        selection_tco2e=50.0,
        gap_share=0.05,
        overlaps=["repas"],
    )
    beton = _action(
        "beton",
        "Béton bas carbone",
        {},
        effect=0.0,
        start=None,
        renewal=True,
        estimated=False,
        selection_tco2e=200.0,
        gap_share=0.0,
        contracts=[
            ContractRef("AGGLO-2024-009", "Agglopolys", "2026-12-31", 2027, 120_000.0, False)
        ],
    )
    targets = [
        TargetResult(
            "total-2030", "−30 % en 2030", 2030, 0.30, False, 1000.0, 700.0, 928.0, False, 228.0
        ),
        TargetResult("papier-2028", "Papier −25 %", 2028, 0.25, True, 50.0, 37.5, 35.0, True, -2.5),
    ]
    return PlanReport(
        base_year=2025,
        horizon=2030,
        growth=0.0,
        plan_file={"path": "plan.yaml", "sha256": "ab" * 32},
        footprint_inputs=[],
        base_tco2e=1000.0,
        base_uncertainty_tco2e=150.0,
        trajectory=[_point(y) for y in YEARS],
        actions=[repas, papier, beton],
        targets=targets,
        issues=[Issue("year-defaulted", {"count": 3, "year": 2025})],
        tool_version="test",
    )


def terminal(report: PlanReport, lang: str) -> str:
    console = Console(width=200, file=io.StringIO(), color_system=None, highlight=False)
    render_plan(report, console, lang=lang)
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _rows(text: str, first: str) -> list[list[str]]:
    """The cells of each table row starting with ``first``."""
    rows = [[c.strip() for c in line.strip("│┃ ").split("│")] for line in text.splitlines()]
    return [cells for cells in rows if cells[0] == first]


def _row(text: str, first: str) -> list[str]:
    """The cells of the first table row starting with ``first``."""
    rows = _rows(text, first)
    assert rows, f"no row {first!r}"
    return rows[0]


def test_terminal_in_french() -> None:
    text = terminal(make_report(), "fr")
    assert "Année de base 2025 : 1 000,0 tCO2e ± 150,0 (± 15,0 %, intervalle à 95 %)" in text
    assert "En 2030 : 1 000,0 tCO2e sans plan (volumes 0,0 % par an)" in text
    assert "928,0 tCO2e avec le plan (de 788,8 à 1 067,2)" in text
    assert "Objectif « −30 % en 2030 » : 700,0 tCO2e en 2030 (-30,0 % par rapport à 2025)" in text
    assert "Il manque 228,0 tCO2e en 2030 pour atteindre l'objectif" in text
    assert "1 action(s) dont l'effet reste à estimer, comptée(s) à 0 : beton." in text
    assert "Réalisé 2027 : 960,0 tCO2e pour 947,0 tCO2e prévues par le plan, en retard." in text
    # trajectory: year, sans plan, plan, band, target, actual, follow-up
    assert _row(text, "2026") == [
        "2026", "1 000,0", "966,0", "821,1 – 1 110,9", "940,0", "950,0", "en avance"
    ]  # fmt: skip
    assert _row(text, "2027")[-2:] == ["960,0", "en retard"]
    assert _row(text, "2030")[-2:] == ["—", "—"]
    # actions ranked: effect, start, selection, avoided 2030, cumulated, share, overlaps, follow-up
    # actions ranked: start, selection, avoided 2030, cumulated, share of the gap
    assert _row(text, "1") == [
        "1", "repas — Deux repas végétariens par semaine", "2026 → 2028", "300,0", "60,0",
        "240,0", "20,0 %"
    ]  # fmt: skip
    assert _row(text, "2")[2:] == ["2026", "50,0", "15,0", "75,0", "5,0 %"]
    assert _row(text, "3")[2:] == ["au renouvellement", "200,0", "0,0", "0,0", "0,0 %"]
    # then each action's effect, overlaps and follow-up
    assert "• repas : émissions -20,0 % ; recouvre papier ; suivi 2026 en avance, " \
           "2027 dans la trajectoire" in text  # fmt: skip
    assert "• papier : dépense -30,0 % ; recouvre repas\n" in text
    assert "• beton : effet à estimer, compté à 0\n" in text
    assert _row(text, "−30 % en 2030")[1:] == [
        "total", "2030", "-30,0 %", "700,0", "928,0", "228,0", "non atteint"
    ]  # fmt: skip
    assert _row(text, "Papier −25 %")[-1] == "atteint"
    # the contract to renew: the year after its end, the action that waits for it
    assert _rows(text, "2027")[1] == [
        "2027", "AGGLO-2024-009", "Agglopolys", "31/12/2026", "Béton bas carbone", "120 000",
        "non",
    ]  # fmt: skip
    assert "À savoir" in text
    assert "3 ligne(s) sans exercice ni date : exercice 2025 retenu." in text


def test_terminal_says_when_the_target_is_met() -> None:
    report = make_report()
    met = TargetResult(
        "total-2030", "−5 %", 2030, 0.05, False, 1000.0, 950.0, 928.0, True, -22.0
    )  # fmt: skip
    report.targets[0] = met
    text = terminal(report, "fr")
    assert "L'objectif est atteint : le plan fait 22,0 tCO2e de mieux en 2030." in text
    assert "Il manque" not in text
    english = terminal(report, "en")
    assert "The target is met: the plan does 22.0 tCO2e better in 2030." in english


def test_labels_are_not_markup(tmp_path: Path) -> None:
    report = make_report()
    report.targets[0] = TargetResult(
        "total-2030", "[pcaet] −30 %", 2030, 0.3, False, 1000.0, 700.0, 928.0, False, 228.0
    )  # fmt: skip
    text = terminal(report, "fr")
    assert "Objectif « [pcaet] −30 % » : 700,0 tCO2e" in text
    assert _row(text, "[pcaet] −30 %")[1] == "total"
    write_plan_xlsx(report, tmp_path / "plan.xlsx")
    wb = load_workbook(tmp_path / "plan.xlsx")
    try:
        cells = [r[0] for r in wb["Synthèse"].iter_rows(values_only=True)]
        assert any(str(c).startswith("Objectif « [pcaet] −30 % » : 700,0 tCO2e") for c in cells)
    finally:
        wb.close()


def test_terminal_without_a_total_target() -> None:
    report = make_report()
    report.targets.pop(0)
    text = terminal(report, "fr")
    assert "Aucun objectif sur toute l'empreinte" in text
    assert "Il manque" not in text


def test_terminal_in_english_has_no_french_left() -> None:
    text = terminal(make_report(), "en")
    assert "Base year 2025: 1,000.0 tCO2e ± 150.0 (± 15.0%, 95% interval)" in text
    assert "228.0 tCO2e short in 2030" in text
    assert "Actual 2027: 960.0 tCO2e for 947.0 tCO2e planned, behind." in text
    assert _row(text, "2026")[-1] == "ahead"
    assert _row(text, "2027")[-1] == "behind"
    assert _row(text, "3")[2] == "at renewal"
    assert "• beton: effect to estimate, counted as 0" in text
    assert "• repas: emissions -20.0%; overlaps papier; follow-up 2026 ahead, 2027 on track" in text
    assert _row(text, "Papier −25 %")[-1] == "met"
    for french in ("Année", "Objectif", "en avance", "au renouvellement", "Marché", "atteint"):
        assert french not in text, french


def test_terminal_fits_a_narrow_console() -> None:
    """At 100 columns every line fits, no number is cut, the long names end with « … »."""
    numbers = {
        "fr": ("1 000,0", "788,8 – 1 067,2", "240,0", "20,0 %", "228,0", "120 000"),
        "en": ("1,000.0", "788.8 – 1,067.2", "240.0", "20.0%", "228.0", "120,000"),
    }
    for lang, expected in numbers.items():
        console = Console(width=100, file=io.StringIO(), color_system=None, highlight=False)
        render_plan(make_report(), console, lang=lang)
        lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
        assert max(len(line) for line in lines) <= 100
        text = "\n".join(lines).replace("\u00a0", " ").replace("\u202f", " ")
        assert [n for n in expected if n not in text] == []
        assert "…" in _row(text, "1")[1]


def test_plan_reports_need_no_side_file() -> None:
    from achats_durables.writers import format_for, report_files

    assert report_files(Path("plan.csv"), "csv", "plan") == [Path("plan.csv")]
    assert format_for(Path("plan.xlsx"), None) == "xlsx"


def _waterfall_rows(ws) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Étape")
    return [r[:3] for r in rows[start + 1 :]]


def test_xlsx_sheets_charts_and_waterfall(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_plan_xlsx(make_report(), path, lang="fr")
    wb = load_workbook(path)
    try:
        assert wb.sheetnames == [
            "Synthèse", "Trajectoire", "Actions", "Objectifs", "Contrats à renouveler", "Alertes"
        ]  # fmt: skip
        for ws in wb.worksheets:  # print setup on every sheet
            assert ws.page_setup.orientation == "landscape"
            assert ws.page_setup.fitToWidth == 1
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.print_title_rows
        traj = wb["Trajectoire"]
        assert traj.print_title_rows == "$1:$1"
        rows = list(traj.iter_rows(values_only=True))
        assert rows[0][:3] == ("Année", "Sans plan (tCO2e)", "Plan (tCO2e)")
        assert rows[2] == (2026, 1000.0, 966.0, 821.1, 1110.9, 940.0, 950.0, "en avance")
        assert rows[6][6:] == (None, None)
        (line,) = traj._charts
        assert line.tagname == "lineChart"
        assert len(line.series) == 4  # baseline, plan, target, actuals
        actions = wb["Actions"]
        header = next(actions.iter_rows(values_only=True))
        assert header[-6:] == tuple(f"Évité {y} (tCO2e)" for y in YEARS)
        first = next(actions.iter_rows(min_row=2, max_row=2, values_only=True))
        assert first[:5] == (1, "repas", "Deux repas végétariens par semaine",
                             "émissions -20,0 %", "2026 → 2028")  # fmt: skip
        assert first[8:12] == (60.0, 240.0, 0.2, "papier")
        assert first[12] == "2026 : en avance ; 2027 : dans la trajectoire"
        (bar,) = actions._charts
        assert (bar.tagname, bar.grouping, bar.overlap) == ("barChart", "stacked", 100)
        assert bar.x_axis.delete is False
        assert bar.y_axis.delete is False
        assert len(bar.series) == 2
        assert bar.series[0].graphicalProperties.noFill  # the invisible base
        # from the baseline 1 000 down to the plan 928: bases by hand
        assert _waterfall_rows(actions) == [
            ("Sans plan", 0.0, 1000.0),
            ("Deux repas végétariens par semaine", 940.0, 60.0),
            ("Sobriété d'impression", 925.0, 15.0),
            ("Béton bas carbone", 925.0, 0.0),
            ("Recouvrements entre actions", 925.0, 3.0),
            ("Avec le plan", 0.0, 928.0),
        ]
        targets = list(wb["Objectifs"].iter_rows(values_only=True))
        assert targets[1] == ("total-2030", "−30 % en 2030", "total", 2030, -0.3,
                              1000.0, 700.0, 928.0, 228.0, "non atteint")  # fmt: skip
        assert targets[2][-1] == "atteint"
        contracts = list(wb["Contrats à renouveler"].iter_rows(values_only=True))
        assert contracts[1][:3] == (2027, "AGGLO-2024-009", "Agglopolys")
        assert contracts[1][3].date().isoformat() == "2026-12-31"  # type: ignore[union-attr]
        assert contracts[1][4:] == ("Béton bas carbone", 120000.0, "non")
        synthesis = {r[0]: r[1] for r in wb["Synthèse"].iter_rows(values_only=True)}
        assert synthesis["Écart à l'objectif (tCO2e)"] == 228.0
        assert synthesis["Actions dont l'effet reste à estimer"] == 1
        assert "Il manque 228,0 tCO2e en 2030 pour atteindre l'objectif : il faut d'autres " \
               "actions ou des effets plus forts." in synthesis  # fmt: skip
        alerts = list(wb["Alertes"].iter_rows(values_only=True))
        assert (alerts[1][0], alerts[1][-1]) == ("attention", "year-defaulted")
    finally:
        wb.close()


def test_xlsx_in_english(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_plan_xlsx(make_report(), path, lang="en")
    wb = load_workbook(path, read_only=True)
    try:
        assert wb.sheetnames == [
            "Summary", "Trajectory", "Actions", "Targets", "Contracts to renew", "Alerts"
        ]  # fmt: skip
    finally:
        wb.close()


def test_waterfall_without_overlap_has_no_closing_step() -> None:
    report = make_report()
    point = report.trajectory[-1]
    report.trajectory[-1] = YearPoint(2030, 1000.0, 925.0, 786.25, 1063.75, 700.0, None)
    steps = waterfall_steps(report, "fr")
    assert [s[1] for s in steps] == [0.0, 940.0, 925.0, 925.0, 0.0]
    assert steps[-1] == ("Avec le plan", 0.0, 925.0)
    assert point.plan_tco2e == 928.0


def _csv_rows(text: str, lang: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";" if lang == "fr" else ","))


def test_csv_rows(tmp_path: Path) -> None:
    report = make_report()
    rows = _csv_rows(render_csv(report, "fr"), "fr")
    assert rows[0][:4] == ["Tableau", "Clé", "Libellé", "Année"]
    assert len(rows) == 1 + 6 + 3 + 2
    assert rows[2] == ["Trajectoire", "2026", "", "2026", "", "1000,0", "966,0", "821,1",
                       "1110,9", "940,0", "950,0", "26,0", "", "", "", "en avance"]  # fmt: skip
    assert rows[7] == ["Actions", "repas", "Deux repas végétariens par semaine", "2030", "300,0",
                       "", "", "", "", "", "", "", "60,0", "240,0", "0,2", "2026 → 2028"]  # fmt: skip
    assert (rows[9][1], rows[9][-1]) == ("beton", "effet à estimer")
    assert rows[10] == ["Objectifs", "total-2030", "−30 % en 2030", "2030", "", "", "928,0", "",
                        "", "700,0", "", "228,0", "", "", "", "non atteint"]  # fmt: skip
    assert rows[11][-1] == "atteint"
    english = _csv_rows(render_csv(report, "en"), "en")
    assert english[0][:4] == ["Table", "Key", "Label", "Year"]
    assert (english[2][-1], english[9][-1]) == ("ahead", "effect to estimate")
    path = tmp_path / "plan.csv"
    assert write_plan_csv(report, path, "fr") == [path]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_emit_delivers_the_plan_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = make_report()
    for fmt in ("json", "csv", "xlsx"):
        out = tmp_path / f"plan.{fmt}"
        assert emit.write_report(report, fmt, out, "fr", "plan") == [out]
        assert out.stat().st_size > 0
    emit.emit(report, "json", None, "fr", "plan")
    assert '"schema": "achats.plan/1"' in capsys.readouterr().out
    emit.emit(report, "table", None, "en", "plan")
    assert "Contracts to renew" in capsys.readouterr().out.replace("\u00a0", " ")


def test_every_plan_text_has_its_english() -> None:
    texts = [
        *plan_labels.FOLLOWUP_LABELS.values(),
        *plan_labels.MET.values(),
        *plan_labels.SCOPE.values(),
        *plan_labels.KINDS.values(),
        plan_labels.TO_ESTIMATE,
        plan_labels.AT_RENEWAL,
        plan_labels.DETAIL_IN_REPORT,
        *plan_xlsx.TRAJECTORY_HEADERS,
        *plan_xlsx.ACTION_HEADERS,
        *plan_xlsx.WATERFALL_HEADERS,
        *plan_xlsx.TARGET_HEADERS,
        *plan_xlsx.CONTRACT_HEADERS,
        *xlsx_sheet.SEVERITIES.values(),
        *xlsx_sheet.ISSUE_HEADERS,
        *plan_csv.HEADER,
    ]
    assert [t for t in texts if t not in EN] == []
    assert tuple(plan_labels.FOLLOWUP_LABELS) == FOLLOWUP


def test_the_plan_catalog_never_changes_another_reports_english() -> None:
    from achats_durables.i18n import (
        catalog_en,
        catalog_en_activities,
        catalog_en_methods,
        catalog_en_plan,
        catalog_en_reports,
    )

    others = {
        **catalog_en.EN,
        **catalog_en_reports.EN_REPORTS,
        **catalog_en_methods.EN_METHODS,
        **catalog_en_activities.EN_ACTIVITIES,
    }
    assert [k for k in catalog_en_plan.EN_PLAN if k in others] == []
