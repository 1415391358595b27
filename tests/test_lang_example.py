"""The example rendered in French and in English (issue 11: reports are data, ``--lang en``).

French is unchanged: the terminal summary equals the snapshot taken before the engine stopped
formatting numbers (``snapshots/example-2025-terminal-fr.txt``), and the issues' messages equal
those of the JSON report of that time (``snapshots/example-2025-issues-fr.json``).

English has no French label left. The rule: a text the report shows is either **data** — a value
read from the user's files or from the knowledge files, written in the language its author
chose: supplier and entity names, ledger labels, accounts, categories (factor labels), account
labels and exclusion reasons of mapping rules, file and sheet names, rule and factor ids — or
**words of the tool**, which must be English. A cell equal to a data value is data. In any other
text, the data values it quotes and the names between quotes (« Quantité », 'Origine du CPV': the
column headers of French ledgers, which the user's files really carry) are removed; what is left
must hold no accented letter and none of the French-only words of :data:`FRENCH_WORDS`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.knowledge.mapping import load_mapping_rules
from achats_durables.operations.pipeline import load_setup, run_footprint

from .conftest import REPO

EXAMPLE = REPO / "examples" / "grand-livre-2025.xlsx"
CONFIG = REPO / "examples" / "achats.yaml"
SNAPSHOTS = Path(__file__).parent / "snapshots"
ARGS = ["footprint", str(EXAMPLE), "--config", str(CONFIG)]

ACCENTED = re.compile(r"[àâäçéèêëîïôöûùüÿœæ]", re.IGNORECASE)
# words that are French and not English (so « information », « Total », « Code » are not here)
FRENCH_WORDS = (
    "de des du la le les et ou une pour avec sans dans sur par aux est sont oui lignes ligne "
    "marché marchés montant exercice exercices feuille fichier compte affectée affectées exclue "
    "exclues ignorée rejetée alertes synthèse poste libellé règle règles dépense émissions taux "
    "HT TTC entité fournisseur catégorie quantité rapprochement tirages intervalle"
).split()
_WORD = re.compile(r"\b(" + "|".join(FRENCH_WORDS) + r")\b", re.IGNORECASE)
_QUOTED = re.compile(r"«[^»]*»|'[^'\n]*'|\"[^\"\n]*\"")


@pytest.fixture(scope="module")
def data_values() -> list[str]:
    return example_data_values()


def example_data_values() -> list[str]:
    """Every text of the example that is data (see the module docstring), longest first."""
    setup = load_setup(CONFIG)
    report = run_footprint([EXAMPLE], setup)
    values: set[str] = set()
    # the example's activity and supplier files: what their authors wrote, and the labels of
    # the factors they name
    for a in setup.activities:
        values.update((a.source, a.entity, a.supplier_name, a.contract, a.unit, a.factor, a.ref))
    for s in setup.suppliers:
        values.update((s.name, s.scope, s.source))
    values.update(f.label for fs in setup.factor_sets for f in fs.factors.values())
    for column in (
        "source", "sheet", "entity", "supplier", "label", "account", "rule", "factor",
        "factor_label", "contract_ref", "activity_ref",
    ):  # fmt: skip
        values.update(str(v) for v in report.lines[column].astype(object).dropna().unique())
    values.update(Path(str(v)).name for v in report.lines["source"].astype(object).unique())
    for name in ("by_factor", "by_account", "by_supplier", "by_entity"):
        values.update(r.label for r in report.tables[name])
    for rule in load_mapping_rules().rules:
        values.update(v for v in (rule.exclude, rule.label) if v)
    return sorted((v for v in values if v.strip()), key=len, reverse=True)


def french_left(text: str, data: list[str]) -> list[str]:
    """The accented letters and French-only words of ``text`` once data and quotes are removed."""
    if text in data:
        return []
    if text.endswith("…") and any(v.startswith(text[:-1]) for v in data):
        return []  # a data value cut short (the chart's labels)
    for value in data:
        if len(value) > 3 and value in text:
            text = text.replace(value, " ")
    text = _QUOTED.sub(" ", text)
    return ACCENTED.findall(text) + _WORD.findall(text)


def test_the_rule_finds_french(data_values: list[str]) -> None:
    assert french_left("Dépense lue (€)", data_values)
    assert french_left("1 ligne(s) ignorée(s)", data_values)
    assert french_left("Spend by category", data_values) == []
    assert french_left("columns « Quantité » and « Unité »", data_values) == []
    supplier = next(v for v in data_values if ACCENTED.search(v) and " " in v)
    assert french_left(f"Supplier {supplier} (€12.00)", data_values) == []


def _terminal(lang: str, columns: int) -> str:
    result = CliRunner().invoke(cli.app, [*ARGS, "--lang", lang], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def _plain(text: str) -> str:
    """Terminal text with its no-break spaces (numbers bound to their units) as spaces."""
    return text.replace("\u00a0", " ")


def test_french_terminal_summary_is_unchanged() -> None:
    expected = (SNAPSHOTS / "example-2025-terminal-fr.txt").read_text(encoding="utf-8")
    assert _terminal("fr", 100) == expected


def test_english_terminal_summary_has_no_french_label(data_values: list[str]) -> None:
    text = _plain(_terminal("en", 400))  # wide: names are never cut, so they read as data
    assert "Carbon footprint of purchases" in text
    assert "30,952.4 tCO2e ± 5,212.6 (± 16.8%, 95% interval)" in text
    assert "Reconciliation with the ledger" in text
    left = {
        line.strip(): found
        for line in text.splitlines()
        if (found := french_left(line, data_values))
    }
    assert left == {}


def _issues(lang: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli.app, [*ARGS, "--format", "json", "--lang", lang])
    assert result.exit_code == 0, result.output
    issues: list[dict[str, Any]] = json.loads(result.stdout)["issues"]
    return issues


def test_french_issue_messages_are_unchanged_and_params_are_raw() -> None:
    issues = _issues("fr")
    expected = json.loads((SNAPSHOTS / "example-2025-issues-fr.json").read_text(encoding="utf-8"))
    assert [{"code": i["code"], "message": i["message"]} for i in issues] == expected
    assert all(list(i) == ["code", "severity", "params", "message", "location"] for i in issues)
    by_code = {i["code"]: i["params"] for i in issues}
    # the figures the French messages show (« 4 976 618,32 € », « 2025 × 0,9712 »), as numbers
    assert by_code["intra-group-excluded"] == {"count": 15, "amount": 4976618.32}
    assert by_code["euro-year-converted"] == {
        "count": 1987,
        "years": [2025],
        "target": 2023,
        "ratio": [{"year": 2025, "ratio": 0.9712}],
        "available": [2019, 2023],
    }
    assert by_code["energy-unquantified"]["accounts"][0] == {
        "account": "60621",  # the example's activity file quantifies the rest of the energy
        "amount": 49484.08,
    }
    # the waste lines the activity file's tonnages do not cover
    assert by_code["waste-monetary-estimate"]["amount"] == 227135.45
    assert by_code["waste-monetary-estimate"]["emissions"] == pytest.approx(70.4, abs=0.05)
    assert by_code["waste-monetary-estimate"]["share"] == pytest.approx(0.0023, abs=0.00005)


def test_english_issue_messages_have_no_french(data_values: list[str]) -> None:
    issues = _issues("en")
    assert [i["code"] for i in issues] == [i["code"] for i in _issues("fr")]
    messages = {i["message"]: french_left(i["message"], data_values) for i in issues}
    assert {m: f for m, f in messages.items() if f} == {}
    waste = next(i["message"] for i in issues if i["code"] == "waste-monetary-estimate")
    assert "(€227,135.45 excl. VAT)" in waste
    assert "70.4 tCO2e (0.2% of the total" in waste


def test_english_xlsx_has_no_french_label(tmp_path: Path, data_values: list[str]) -> None:
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(cli.app, [*ARGS, "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Report written:" in result.stderr
    assert "30,952.4 ± 5,212.6 tCO2e" in result.stderr
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames[:3] == ["Summary", "By BEGES post", "By category"]
    left: dict[str, list[str]] = {}
    cells = 0
    for ws in wb.worksheets:
        left.update({f"sheet {ws.title}": f for f in [french_left(ws.title, data_values)] if f})
        for row in ws.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    cells += 1
                    if found := french_left(value, data_values):
                        left[value] = found
    wb.close()  # a read-only workbook keeps its file open until closed
    assert cells > 10_000  # every sheet was read, the lines included
    assert left == {}


def test_english_csv_labels(tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    result = CliRunner().invoke(cli.app, [*ARGS, "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    summary = out.read_text(encoding="utf-8-sig").splitlines()
    assert summary[0] == (
        'Table,Key,Label,Spend excl. VAT (€),Emissions (tCO2e),"Uncertainty ± (tCO2e, 95%)"'
    )
    assert "By method,ratio,Spend × monetary ratio,31385733.56," in "\n".join(summary)
    lines = (tmp_path / "report-lignes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith('"File","Sheet","Row","Status","Reason","Entity","Date","Year"')
    # row 6 of the sheet: a toner cartridge mapped by its contract's CPV, read HT, ISO date
    assert lines[1].startswith('"grand-livre-2025.xlsx","Mandats 2025","6","mapped","",')
    assert '"2025-01-08","2025","6064"' in lines[1]
    assert '"927.74","1113.29","0.2","excl. VAT"' in lines[1]
