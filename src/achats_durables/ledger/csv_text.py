"""CSV text: the one reading of text tables, for ledgers, balances, registers and DECP CSV.

* encoding (:func:`detect_encoding`): byte-order mark, then strict UTF-8, then charset-normalizer
  restricted to the code pages French finance software writes (the latin family read as cp1252);
  a file whose head is UTF-8 but whose body is not (two exports put end to end) is read again
  as UTF-8 with the other bytes read as cp1252 (:data:`MIXED_ERRORS`), with a note
  (:func:`contradicted_note`);
* delimiter (:func:`detect_delimiter`): ``;``, tab, ``,`` or ``|``, the one that splits most
  sample lines into the same number of fields;
* rows: :func:`sample_csv` decodes the head of a file for the header search (the ledger and
  balance readers then give the whole file to Arrow or pandas); :func:`decode_rows` decodes a
  whole file into rows (registers, DECP CSV), quoted cells holding line breaks as one cell, as
  Arrow and pandas read them.

The header search itself is :func:`achats_durables.ledger.headers.search_header`. Errors are
the callers' (a ledger raises ``ledger-*`` codes, a register ``contract-*`` ones): this module
raises only on an unreadable ledger sample (:func:`sample_csv`).
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from achats_durables.core.errors import LedgerError, Location
from achats_durables.i18n.messages import Text
from achats_durables.ledger.headers import HEADER_SCAN

SAMPLE_BYTES = 256 * 1024  # the head of a file: encoding and delimiter are detected on it
SAMPLE_LINES = HEADER_SCAN + 5
DELIMITERS = (";", "\t", ",", "|")  # first one wins a tie
FALLBACK_ENCODING = "cp1252"  # French exports from Windows software: the superset of latin-1
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
BINARY_DETAIL = "fichier binaire, pas un texte CSV"
MIXED_ERRORS = "achats-cp1252"  # decoding error handler: a byte that is not UTF-8 read as cp1252
# Guesses of charset-normalizer read as cp1252 (its superset for the printable characters).
_LATIN = frozenset(
    {"latin_1", "iso8859_1", "iso8859_15", "cp1250", "cp1252", "windows_1252", "mac_roman"}
)


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode(FALLBACK_ENCODING, errors="replace"), exc.end


codecs.register_error(MIXED_ERRORS, _cp1252_bytes)


@dataclass(frozen=True)
class CsvSample:
    """The head of a CSV file: its encoding, delimiter and first rows (for the header search)."""

    encoding: str
    delimiter: str
    rows: list[list[str]]


@dataclass(frozen=True)
class CsvRows:
    """Every row of a CSV file, with the encoding and delimiter read and the notes to report."""

    rows: list[list[str]]
    encoding: str
    delimiter: str
    notes: list[str | Text] = field(default_factory=list)


def detect_encoding(sample: bytes) -> str:
    """Encoding of a CSV sample: BOM, then strict UTF-8, then charset-normalizer's guess."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith(UTF16_BOMS):
        return "utf-16"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # a character cut at the end of the sample
            return "utf-8"
    from charset_normalizer import from_bytes

    # Restricted to the encodings French finance software writes: on short samples an open
    # guess often lands on an exotic code page.
    best = from_bytes(sample, cp_isolation=["cp1252", "iso8859_15", "mac_roman", "cp850"]).best()
    guess = (best.encoding if best is not None else FALLBACK_ENCODING).lower().replace("-", "_")
    return FALLBACK_ENCODING if guess in _LATIN else guess


def detect_delimiter(lines: list[str]) -> str:
    """The delimiter of :data:`DELIMITERS` that splits most sample lines into the same number
    of fields (``;`` when none splits a line in two)."""
    best, best_score = DELIMITERS[0], -1
    for delim in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delim) if any(c.strip() for c in r)]
        if not counts:
            continue
        widest = max(counts)
        if widest < 2:
            continue
        score = sum(1 for c in counts if c == widest) * 100 + widest
        if score > best_score:
            best, best_score = delim, score
    return best


def is_binary(sample: bytes) -> bool:
    """NUL bytes near the top of a file without a UTF-16 BOM: not a text table."""
    return b"\x00" in sample[:4096] and not sample.startswith(UTF16_BOMS)


def contradicted_note(encoding: str) -> Text:
    """The note of a file whose head read as ``encoding`` but whose body does not."""
    return Text("note-encoding-contradicted", encoding=encoding, fallback=FALLBACK_ENCODING)


def mixed_encoding(encoding: str) -> tuple[str, str]:
    """(encoding, errors) to read again a file whose head read as ``encoding`` but whose body
    does not: UTF-8 with the other bytes as cp1252; any other encoding with the bytes it cannot
    decode replaced."""
    if encoding.startswith("utf-8"):
        return encoding, MIXED_ERRORS
    return encoding, "replace"


def sample_lines(sample: bytes, encoding: str, whole: bool) -> list[str]:
    """The first lines of a sample (the last one dropped unless the sample is the whole file:
    it may be cut)."""
    lines = sample.decode(encoding, errors="replace").splitlines()[:SAMPLE_LINES]
    return lines if whole or not lines else lines[:-1]


def head_rows(head: bytes) -> list[list[str]]:
    """The first rows of a file's head, split without guessing the encoding: for sniffing a
    format by its column names, which are ASCII in every sniffed format."""
    encoding = "utf-16" if head.startswith(UTF16_BOMS) else "utf-8-sig"
    lines = head.decode(encoding, errors="replace").splitlines()[:SAMPLE_LINES]
    lines = lines[:-1] if len(lines) > 1 else lines  # the last line may be cut
    rows = [list(r) for r in csv.reader(lines, delimiter=detect_delimiter(lines))]
    return rows or [[]]


def sample_csv(path: Path) -> CsvSample:
    """Encoding, delimiter and first rows of a CSV file; ``ledger-empty`` or ``ledger-corrupt``
    when it is blank, binary or unreadable."""
    loc = Location(str(path))
    try:
        with path.open("rb") as handle:
            sample = handle.read(SAMPLE_BYTES)
    except OSError as exc:
        raise LedgerError("ledger-corrupt", loc, detail=str(exc)[:200]) from exc
    if not sample.strip():
        raise LedgerError("ledger-empty", loc)
    if is_binary(sample):
        raise LedgerError("ledger-corrupt", loc, detail=BINARY_DETAIL)
    encoding = detect_encoding(sample)
    lines = sample_lines(sample, encoding, whole=len(sample) < SAMPLE_BYTES)
    delimiter = detect_delimiter(lines)
    return CsvSample(encoding, delimiter, [list(r) for r in csv.reader(lines, delimiter=delimiter)])


def decode_rows(data: bytes) -> CsvRows:
    """Every row of a CSV file's bytes (encoding and delimiter detected on its head).

    Bytes the detected encoding cannot decode further down: read as :func:`mixed_encoding`
    says, with a note. Raises :class:`csv.Error` on a malformed file (a cell beyond the csv
    module's field limit).
    """
    sample = data[:SAMPLE_BYTES]
    encoding = detect_encoding(sample)
    notes: list[str | Text] = []
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        notes.append(contradicted_note(encoding))
        text = data.decode(*mixed_encoding(encoding))
    delimiter = detect_delimiter(sample_lines(sample, encoding, whole=len(data) == len(sample)))
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return CsvRows(rows, encoding, delimiter, notes)
