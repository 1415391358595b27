"""The other reports of the example in French and in English: clauses, compare, validate, run.

The same rule as :mod:`tests.test_lang_example`: French is unchanged (the snapshots
``snapshots/{clauses,compare,validate,run}-*-fr.*`` were written by the code before the
English texts came, by ``python -m tests.test_lang_reports``), and English has no French label
left once the data values (the user's files, the knowledge files) are taken out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.knowledge.mapping import load_mapping_rules
from achats_durables.operations.pipeline import load_setup, read_contract_files

from .conftest import REPO
from .test_lang_example import example_data_values, french_left

EXAMPLES = REPO / "examples"
CONFIG = EXAMPLES / "achats.yaml"
LEDGER = EXAMPLES / "grand-livre-2025.xlsx"
CONTRACTS = [EXAMPLES / "registre-marches.xlsx", EXAMPLES / "decp-2025.json"]
SNAPSHOTS = Path(__file__).parent / "snapshots"
COLUMNS = 100
CLAUSES = ["clauses", *map(str, CONTRACTS), "--config", str(CONFIG)]
WITH_LEDGER = [*CLAUSES, "--ledger", str(LEDGER)]
VALIDATE = ["validate", str(LEDGER), "--config", str(CONFIG)]


def invoke(args: list[str], lang: str, columns: int) -> str:
    """The command's stdout, at ``columns`` wide (exit code 0 required)."""
    result = CliRunner().invoke(cli.app, [*args, "--lang", lang], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def workbook_values(path: Path) -> dict[str, list[list[Any]]]:
    """Every cell value of every sheet, dates as ISO text (comparable as JSON)."""
    wb = load_workbook(path, read_only=True)
    out: dict[str, list[list[Any]]] = {}
    for ws in wb.worksheets:
        out[ws.title] = [
            [v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v for v in row]
            for row in ws.iter_rows(values_only=True)
        ]
    wb.close()  # a read-only workbook keeps its file open until closed
    return out


def footprints(folder: Path) -> list[Path]:
    """The example's 2024 and 2025 JSON footprints, written in ``folder``."""
    paths = []
    for year in (2024, 2025):
        path = folder / f"empreinte-{year}.json"
        ledger = EXAMPLES / f"grand-livre-{year}.xlsx"
        args = ["footprint", str(ledger), "--config", str(CONFIG), "-o", str(path)]
        result = CliRunner().invoke(cli.app, args)
        assert result.exit_code == 0, result.output
        paths.append(path)
    return paths


def run_table(folder: Path, lang: str, columns: int) -> str:
    """``achats run --year 2025`` in a copy of the example: its table of reports."""
    for name in (
        "achats.yaml",
        "grand-livre-2025.xlsx",
        "grand-livre-2024.xlsx",
        "activites.csv",
        "fournisseurs.yaml",
        "plan.yaml",
    ):
        shutil.copy(EXAMPLES / name, folder / name)
    shutil.copy(CONTRACTS[0], folder / CONTRACTS[0].name)
    args = ["run", "--config", str(folder / "achats.yaml"), "--year", "2025"]
    return invoke([*args, "--no-xlsx"], lang, columns)


def outputs(folder: Path, lang: str) -> dict[str, Any]:
    """Every output the snapshots pin, by snapshot file name (English: 400 columns wide, so
    that names are never cut and read as data)."""
    columns = COLUMNS if lang == "fr" else 400
    out: dict[str, Any] = {
        f"clauses-2025-terminal-{lang}.txt": invoke(WITH_LEDGER, lang, columns),
        f"clauses-2025-no-ledger-terminal-{lang}.txt": invoke(CLAUSES, lang, columns),
        f"validate-2025-terminal-{lang}.txt": invoke(VALIDATE, lang, columns),
    }
    xlsx, csv = folder / "clauses.xlsx", folder / "clauses.csv"
    invoke([*WITH_LEDGER, "-o", str(xlsx)], lang, columns)
    out[f"clauses-2025-xlsx-{lang}.json"] = workbook_values(xlsx)
    invoke([*WITH_LEDGER, "-o", str(csv)], lang, columns)
    out[f"clauses-2025-csv-{lang}.csv"] = csv.read_text(encoding="utf-8-sig")
    detail = (folder / "clauses-marches.csv").read_text(encoding="utf-8-sig")
    out[f"clauses-2025-csv-header-{lang}.csv"] = detail.splitlines()[0]
    compare = ["compare", *map(str, footprints(folder))]
    out[f"compare-2024-2025-terminal-{lang}.txt"] = invoke(compare, lang, columns)
    invoke([*compare, "-o", str(folder / "compare.xlsx")], lang, columns)
    out[f"compare-2024-2025-xlsx-{lang}.json"] = workbook_values(folder / "compare.xlsx")
    invoke([*compare, "-o", str(folder / "compare.csv")], lang, columns)
    out[f"compare-2024-2025-csv-{lang}.csv"] = (folder / "compare.csv").read_text(
        encoding="utf-8-sig"
    )
    run = folder / "run"
    run.mkdir()
    out[f"run-2025-terminal-{lang}.txt"] = run_table(run, lang, columns)
    return out


def _dump(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, indent=1)


def write_snapshots(folder: Path) -> None:
    """Write the French snapshots (run once, from the code before the English texts)."""
    for name, value in outputs(folder, "fr").items():
        (SNAPSHOTS / name).write_text(_dump(value), encoding="utf-8")


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return outputs(tmp_path_factory.mktemp("fr"), "fr")


@pytest.fixture(scope="module")
def english_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("en")


@pytest.fixture(scope="module")
def english(english_folder: Path) -> dict[str, Any]:
    return outputs(english_folder, "en")


@pytest.fixture(scope="module")
def data_values() -> list[str]:
    """The data of the example's reports: contracts' fields, factor labels (every factor of
    the factor sets: the 2024 ledger has categories the 2025 one has not) and rule labels, the
    ledger's entities, suppliers and labels, file names (longest first)."""
    values = set(example_data_values())
    setup = load_setup(CONFIG)
    values.update(f.label for fs in setup.factor_sets for f in fs.factors.values())
    contracts = read_contract_files(CONTRACTS, setup).frame
    for column in contracts.columns:
        if contracts[column].dtype == object:
            values.update(str(v) for v in contracts[column].dropna().unique())
    for cell in contracts.get("social", []):
        values.update(str(cell).split("|"))
    for cell in contracts.get("environmental", []):
        values.update(str(cell).split("|"))
    values.update(p.name for p in CONTRACTS)
    values.update(r.label for r in load_mapping_rules().rules if r.label)
    return sorted((v for v in values if v.strip()), key=len, reverse=True)


SNAPSHOT_NAMES = [
    "clauses-2025-terminal",
    "clauses-2025-no-ledger-terminal",
    "clauses-2025-xlsx",
    "clauses-2025-csv",
    "clauses-2025-csv-header",
    "compare-2024-2025-terminal",
    "compare-2024-2025-xlsx",
    "compare-2024-2025-csv",
    "validate-2025-terminal",
    "run-2025-terminal",
]


def _named(outputs_: dict[str, Any], stem: str, lang: str) -> tuple[str, Any]:
    return next((k, v) for k, v in outputs_.items() if k.startswith(f"{stem}-{lang}."))


@pytest.mark.parametrize("stem", SNAPSHOT_NAMES)
def test_french_is_unchanged(french: dict[str, Any], stem: str) -> None:
    name, value = _named(french, stem, "fr")
    saved = (SNAPSHOTS / name).read_text(encoding="utf-8")
    assert _dump(value) == saved


def _texts(value: Any) -> list[str]:
    """The cells of a terminal text's tables and its other lines, or the text cells of a
    workbook (sheet names included)."""
    if isinstance(value, str):
        lines = value.replace("\u00a0", " ").splitlines()
        return [c.strip() for line in lines for c in re.split("[│┃]", line) if c.strip()]
    texts = list(value)
    for rows in value.values():
        texts += [v for row in rows for v in row if isinstance(v, str)]
    return texts


def _cut_data(text: str, data: list[str]) -> bool:
    """A name cut with « … » to fit its column (the priorities' categories)."""
    return text.endswith("…") and any(v.startswith(text[:-1]) for v in data)


@pytest.mark.parametrize("stem", SNAPSHOT_NAMES)
def test_english_has_no_french_label(
    english: dict[str, Any], data_values: list[str], stem: str
) -> None:
    _, value = _named(english, stem, "en")
    left = {
        t: f
        for t in _texts(value)
        if not _cut_data(t, data_values) and (f := french_left(t, data_values))
    }
    assert left == {}


def test_english_figures_and_words(english: dict[str, Any]) -> None:
    clauses = english["clauses-2025-terminal-en.txt"].replace("\u00a0", " ")
    assert "226 contracts, €362,571,284 excl. VAT" in clauses
    assert "social consideration: 78 (34.5% of contracts, 67.2% of the amount)" in clauses
    assert "integration hours: 37,430 planned, 19,767 done (i.e. 12.3 FTE at 1,607 h)" in clauses
    sheets = english["clauses-2025-xlsx-en.json"]
    assert list(sheets)[:3] == ["Priorities", "Summary", "By year"]
    assert sheets["Summary"][2][:3] == ["Contracts read", 226, pytest.approx(362571284, abs=1)]
    csv = english["clauses-2025-csv-en.csv"].splitlines()
    assert csv[0] == (
        "Table,Key,Label,Contracts,Social share / tCO2e,Environmental share / spend,"
        "Amount excl. VAT (€) / action"
    )
    compare = english["compare-2024-2025-terminal-en.txt"].replace("\u00a0", " ")
    assert "From 2024 to 2025: why emissions changed" in compare
    assert "Change significant given the uncertainty: no" in compare
    assert (
        english["compare-2024-2025-csv-en.csv"].splitlines()[0]
        == "Table,Key,Value 1,Value 2,Value 3"
    )
    validate = english["validate-2025-terminal-en.txt"].replace("\u00a0", " ")
    assert (
        "grand-livre-2025.xlsx — format xlsx, 2485 rows read (5 of them title and header)"
        in validate
    )
    assert "  column 'Libellé' → label" in validate
    run = english["run-2025-terminal-en.txt"].replace("\u00a0", " ")
    assert "Reports written" in run
    assert "Group (consolidated)" in run
    assert "30,952.4" in run
    assert "0.1%" in run


def test_run_writes_its_reports_and_log_in_english(
    english: dict[str, Any], english_folder: Path
) -> None:
    out = english_folder / "run" / "rapports"
    log = (out / "achats-run.log").read_text(encoding="utf-8")
    assert "run started (1 year(s), folder" in log
    assert "run ended in" in log
    summary = (out / "2025" / "groupe" / "clauses.csv").read_text(encoding="utf-8-sig")
    assert summary.startswith("Table,Key,Label,Contracts,")
    lines = (out / "2025" / "groupe" / "empreinte-lignes.csv").read_text(encoding="utf-8-sig")
    assert lines.startswith('"File","Sheet","Row","Status"')
