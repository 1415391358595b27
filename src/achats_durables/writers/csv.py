"""CSV for Excel: UTF-8 with BOM; French: ``;`` separator, decimal comma, dates ``31/12/2025``;
English (``lang="en"``): ``,`` separator, decimal point, ISO dates."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.footprint.report import COUNTED_STATUSES, TABLES, FootprintReport, row_label
from achats_durables.i18n.catalog import tr, yes_no
from achats_durables.i18n.messages import term

from . import report_files, write_atomic, write_bytes
from .labels import LINE_HEADERS, line_headers, status_label, table_title

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def delimiter(lang: str = "fr") -> str:
    return "," if lang == "en" else ";"


def _cell(value: Any, lang: str = "fr") -> str:
    if value is None or value is pd.NaT or value is pd.NA:
        return ""
    if isinstance(value, float) and np.isnan(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return yes_no(bool(value), lang)
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        text = repr(round(float(value), 6))
        return text if lang == "en" else text.replace(".", ",")
    if isinstance(value, pd.Timestamp):
        return "" if pd.isna(value) else value.strftime(_date_format(lang))
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text  # never let a spreadsheet run a cell as a formula
    return text


def _date_format(lang: str) -> str:
    return "%Y-%m-%d" if lang == "en" else "%d/%m/%Y"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], lang: str = "fr") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter(lang), lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v, lang) for v in row])
    return buf.getvalue()


def summary_rows(report: FootprintReport, lang: str = "fr") -> list[list[Any]]:
    t, r = report.totals, report.reconciliation
    total, reconciliation = tr("Total", lang), tr("Rapprochement", lang)
    emissions = (
        tr("Somme des exercices {years} (tCO2e)", lang, years=", ".join(map(str, t.years)))
        if t.multi_year
        else tr("Émissions (tCO2e)", lang)
    )
    if t.partial:
        emissions += tr(" — total partiel : annuité de l'exercice seule", lang)
    rows: list[list[Any]] = [
        [total, "emissions_tco2e", emissions, "", t.emissions_tco2e, t.uncertainty_tco2e],
        [
            total,
            "spend_excl_vat_eur",
            tr("Dépense affectée (€ HT)", lang),
            t.spend_excl_vat_eur,
            "",
            "",
        ],
        [
            total,
            "intensity",
            tr("Intensité (kgCO2e par k€ HT)", lang),
            "",
            t.intensity_kgco2e_per_keur,
            "",
        ],
    ]
    for part in COUNTED_STATUSES:
        rows.append(
            [
                reconciliation,
                f"spend_{part}",
                status_label(part, lang),
                getattr(r, f"spend_{part}_eur"),
                "",
                "",
            ]
        )
    rows.append([reconciliation, "spend_read", tr("Dépense lue", lang), r.spend_read_eur, "", ""])
    for name in TABLES:
        title = table_title(name, lang)
        for row in report.tables[name]:
            rows.append(
                [
                    title,
                    term(row.key, lang),
                    row_label(name, row, lang),
                    row.spend_excl_vat_eur,
                    row.emissions_tco2e,
                    row.uncertainty_tco2e,
                ]
            )
    beges = tr("Tableau BEGES v5", lang)
    for post in report.beges_v5_rows(lang):
        label = post["label"] + (f" ({post['status']})" if post["status"] else "")
        figures = [post["spend_excl_vat_eur"], post["emissions_tco2e"], post["uncertainty_tco2e"]]
        rows.append([beges, post["post"], label, *("" if v is None else v for v in figures)])
    return rows


SUMMARY_HEADER = [
    "Tableau",
    "Clé",
    "Libellé",
    "Dépense HT (€)",
    "Émissions (tCO2e)",
    "Incertitude ± (tCO2e, 95 %)",
]


def summary_csv(report: FootprintReport, *, lang: str = "fr") -> str:
    return csv_text([tr(h, lang) for h in SUMMARY_HEADER], summary_rows(report, lang), lang)


def _protect(values: pd.Series) -> np.ndarray:
    """Texts that a spreadsheet would run as formulas get a leading apostrophe."""
    text = values.astype(object).fillna("").astype(str)
    risky = text.str.startswith(_FORMULA_START)
    return np.asarray(text.where(~risky, "'" + text), dtype=object)


# lines rendered and written at a time: a million-line CSV never sits whole in memory
CHUNK_LINES = 65_536


def _line_columns(report: FootprintReport, lang: str) -> list[Callable[[int, int], Any]]:
    """For each column of :data:`LINE_HEADERS`, a function of a slice of lines (start, stop)
    giving their texts as an Arrow array; text columns are rendered once per distinct value."""
    import pyarrow as pa

    from achats_durables.core.frames import codes_of

    lines = report.lines
    columns: list[Callable[[int, int], Any]] = []
    for c in LINE_HEADERS:
        s = lines[c]
        if c in ("year", "euro_year"):
            columns.append(partial(_numbers, s.astype("Int64")))
        elif pd.api.types.is_bool_dtype(s.dtype):
            words = np.array([yes_no(False, lang), yes_no(True, lang)], dtype=object)
            columns.append(partial(_flags, s.to_numpy(dtype=bool), words))
        elif pd.api.types.is_float_dtype(s.dtype):
            columns.append(partial(_floats, s.round(6).to_numpy(), lang))
        elif pd.api.types.is_integer_dtype(s.dtype):
            columns.append(partial(_numbers, s.to_numpy()))
        else:  # text, categories, dates: rendered once per distinct value
            codes, values = codes_of(s)
            shown = _shown(c, s, values, lang).astype(object).fillna("").astype(str)
            columns.append(partial(_taken, pa.array(shown.tolist(), pa.string()), codes))
    return columns


def _numbers(values: Any, start: int, stop: int) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.cast(pa.array(values[start:stop], from_pandas=True), pa.string())


def _flags(values: np.ndarray, words: np.ndarray, start: int, stop: int) -> Any:
    import pyarrow as pa

    return pa.array(words[values[start:stop].astype(np.int64)], pa.string())


def _floats(values: np.ndarray, lang: str, start: int, stop: int) -> Any:
    import pyarrow.compute as pc

    text = _numbers(values, start, stop)
    return text if lang == "en" else pc.replace_substring(text, ".", ",")


def _taken(dictionary: Any, codes: np.ndarray, start: int, stop: int) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.take(dictionary, pa.array(codes[start:stop]))


def _shown(column: str, s: pd.Series, values: np.ndarray, lang: str) -> pd.Series:
    """The distinct values of a text, category or date column as the CSV shows them."""
    if column == "status":
        return pd.Series(values, dtype=object).map(lambda v: status_label(str(v), lang))
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        dates = pd.to_datetime(pd.Series(values))
        return dates.dt.strftime(_date_format(lang)).fillna("")
    texts = pd.Series(values, dtype=object)
    if lang == "en" and column in ("vat_basis", "cpv_source", "reason"):
        texts = texts.map(lambda v: term(v, lang) if isinstance(v, str) else v)
    return pd.Series(_protect(texts), dtype=object)


def _line_tables(report: FootprintReport, lang: str) -> Iterator[Any]:
    """The annotated lines as Arrow tables of :data:`CHUNK_LINES` rows (one, empty, if none)."""
    import pyarrow as pa

    columns = _line_columns(report, lang)
    names = line_headers(lang)
    total = len(report.lines)
    for start in range(0, max(total, 1), CHUNK_LINES):
        stop = min(start + CHUNK_LINES, total)
        yield pa.Table.from_arrays([col(start, stop) for col in columns], names=names)


def _write_lines(report: FootprintReport, lang: str, sink: Any) -> None:
    """Every annotated line to ``sink`` (a binary file or Arrow stream), chunk by chunk, the
    header once."""
    import pyarrow.csv as pacsv

    options = pacsv.WriteOptions(delimiter=delimiter(lang), quoting_style="needed", eol="\r\n")
    writer = None
    for table in _line_tables(report, lang):
        if writer is None:
            writer = pacsv.CSVWriter(sink, table.schema, write_options=options)
        writer.write_table(table)
    if writer is not None:
        writer.close()


def lines_csv(report: FootprintReport, *, lang: str = "fr") -> str:
    """Every annotated line, vectorised with Arrow (a million lines in a few seconds).

    Same conventions as :func:`csv_text`: ``;``, decimal comma, dates ``31/12/2025``, booleans
    « oui »/« non », formula-looking texts behind an apostrophe. :func:`write_csv` streams the
    same text to its file.
    """
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    _write_lines(report, lang, sink)
    return bytes(sink.getvalue()).decode("utf-8")


def _write_lines_file(report: FootprintReport, lang: str, path: Path) -> None:
    with path.open("wb") as fh:
        fh.write(codecs.BOM_UTF8)
        _write_lines(report, lang, fh)


def lines_path(path: Path) -> Path:
    return report_files(path, "csv", "footprint")[1]


def write_csv(report: FootprintReport, path: Path, *, lang: str = "fr") -> list[Path]:
    """The summary tables at ``path`` and every annotated line at ``<stem>-lignes.csv``."""
    summary = summary_csv(report, lang=lang).encode("utf-8-sig")
    detail = lines_path(path)
    write_atomic(detail, partial(_write_lines_file, report, lang))
    write_bytes(path, summary)
    return [path, detail]
