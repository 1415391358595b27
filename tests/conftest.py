"""Shared fixtures: ledgers written by the tests themselves (no committed binaries)."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import pytest
from hypothesis import HealthCheck, settings
from openpyxl import Workbook

settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

REPO = Path(__file__).resolve().parents[1]
HEADER = [
    "Exercice",
    "Collectivité",
    "Date mandat",
    "Nature",
    "Libellé",
    "Fournisseur",
    "SIRET",
    "Montant HT",
    "Taux TVA",
    "Montant TTC",
    "N° marché",
    "Code CPV",
]


def shared_reference() -> Path | None:
    env = os.environ.get("ACHATS_SHARED_DIR")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared")
    for c in candidates:
        for p in (c / "reference", c):
            if (p / "ademe_base_carbone_v23.6_ratios_monetaires_2019_2023.csv").exists():
                return p
    return None


def strict_json(text: str) -> dict[str, Any]:
    """A JSON report parsed strictly: ``Infinity`` or ``NaN`` in it fails the test."""

    def refuse(constant: str) -> Any:
        raise AssertionError(f"non-finite number in the JSON: {constant}")

    data: dict[str, Any] = json.loads(text, parse_constant=refuse)
    return data


def assert_reconciled(rec: dict[str, Any]) -> None:
    """The JSON reconciliation adds up, recomputed here: spend to the cent, rows to the row."""
    parts = ("mapped", "unmapped", "excluded", "unquantified")
    cents = sum(round(rec[f"spend_{p}_eur"] * 100) for p in parts)
    assert cents == round(rec["spend_read_eur"] * 100)
    rows = (*parts, "rejected", "skipped")
    assert sum(rec[f"rows_{p}"] for p in rows) == rec["rows_read"]


SHARED_MISSING = "../shared/reference absent : contrôle croisé impossible hors CI"


def skip_without_shared(reason: str = SHARED_MISSING) -> NoReturn:
    """Skip a cross-check against ../shared when it is absent; under CI=true, fail instead.

    CI runs with ../shared beside the clone: a missing reference there is a broken set-up, and a
    skipped cross-check would hide it.
    """
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true : les contrôles croisés sont obligatoires)")
    pytest.skip(reason)


@pytest.fixture
def shared_dir() -> Path:
    ref = shared_reference()
    if ref is None:
        skip_without_shared()
    return ref


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    sheet: str = "Mandats",
    extra_sheets: dict[str, Sequence[Sequence[Any]]] | None = None,
) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a text that looks like a formula, as exports contain
    for name, other in (extra_sheets or {}).items():
        ws2 = wb.create_sheet(name)
        for row in other:
            ws2.append(list(row))
    wb.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], *, delimiter: str = ";", encoding: str = "utf-8-sig"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


LedgerFactory = Callable[..., Path]


@pytest.fixture
def make_ledger(tmp_path: Path) -> LedgerFactory:
    """``make_ledger(rows, header=HEADER, title=[...], fmt='xlsx'|'csv', name=...)``."""
    counter = {"n": 0}

    def factory(
        rows: Sequence[Sequence[Any]],
        *,
        header: Sequence[str] = HEADER,
        title: Sequence[Sequence[Any]] = (),
        fmt: str = "xlsx",
        name: str | None = None,
        sheet: str = "Mandats",
        **kwargs: Any,
    ) -> Path:
        counter["n"] += 1
        path = tmp_path / (name or f"ledger{counter['n']}.{fmt}")
        table = [*title, list(header), *rows]
        if fmt == "xlsx":
            return write_xlsx(path, table, sheet=sheet, **kwargs)
        return write_csv(path, table, **kwargs)

    return factory


def write_ods(path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Mandats") -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice saves), written by hand."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value: Any) -> str:
        if value is None or value == "":
            return "<table:table-cell/>"
        if isinstance(value, (int, float)):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    body = "".join(
        f"<table:table-row>{''.join(cell(v) for v in row)}</table:table-row>" for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def texts(notes: Any) -> list[str]:
    """Reader notes as French text: a note is a str or an i18n ``Text`` (rendered by ``str``)."""
    return [str(n) for n in notes]


def skip_without_tool(reason: str) -> NoReturn:
    """Skip a test whose program (Chromium, pdftotext…) or package (playwright) is absent;
    under CI=true, fail instead: ``.ci/run`` installs them, so their absence is a broken set-up."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true : .ci/run installe les outils de ce test)")
    pytest.skip(reason)
