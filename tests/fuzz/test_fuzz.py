"""Fuzz suite: malformed and hostile inputs of every format, generated from a seed.

Each input is a valid seed file of one format (ledger CSV/xlsx/ods, TOTEM, PES, DGFiP balance,
contract register, DECP JSON) put through seeded mutations (cells replaced by hostile values,
bytes flipped, truncated, zip members corrupted, headers shuffled). Every run must end with an
exit code in 0–3 (never 4: an internal error is a defect), no traceback, strict JSON (no
non-finite number), a reconciliation that adds up, and inputs left untouched.

    python -m pytest tests/fuzz -q                         # short profile (CI): 40 inputs
    ACHATS_FUZZ_N=10000 python -m pytest tests/fuzz -q -s  # long profile; prints the figures
"""

from __future__ import annotations

import collections
import hashlib
import io
import json
import os
import random
import signal
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from achats_durables import cli
from tests.conftest import assert_reconciled, strict_json, write_csv, write_ods, write_xlsx
from tests.test_contracts import _decp_marches
from tests.test_formats import BALANCE_HEADER, BALANCE_ROWS, BUDGETS, PES_DOC, totem_doc

N = int(os.environ.get("ACHATS_FUZZ_N", "40"))
HANG_SECONDS = 30  # one input of a few rows: anything longer is a hang
SEED = int(os.environ.get("ACHATS_FUZZ_SEED", "20261201"))
runner = CliRunner()

HOSTILE = [
    "", " ", "=1+1", "@SUM(A1)", "-", "1e25", "1e308", "inf", "-Infinity", "NaN", "9" * 400,
    "21410018200019", "31/12/9999", "01/01/0001", "2958465", "999999", "\x00", "\x07\x1b",
    "é" * 300, "ЖЖЖ", "\u202e", "1 234,56 €", "(12,50)", "12,50-", "0,0.0", "TRUE", "[]",
    "{}", "<!DOCTYPE x>", "&amp;", "\ufeff", "-0", "2025", "1900", "6064", "20 %", "150 %",
]  # fmt: skip
LEDGER_HEADER = ["Exercice", "Nature", "Libellé", "Fournisseur", "SIRET", "Montant HT",
                 "Montant TTC", "Taux TVA", "Date mandat", "N° marché", "Quantité", "Unité"]  # fmt: skip
LEDGER_ROWS = [
    [2025, "6064", "Ramettes", "Papeterie", "99999000000111", "1000", "", "20", "15/03/2025",
     "M1", "", ""],
    [2025, "60612", "Électricité", "Énergie", "", "", "1200", "20", "16/03/2025", "", "40",
     "MWh"],
    [2025, "611", "Collecte des déchets", "Valor", "", "5000", "", "10", "17/03/2025", "M2",
     "12", "t"],
    [2025, "2183", "Portables", "Info", "", "-300", "", "20", "18/03/2025", "", "", ""],
]  # fmt: skip
REGISTER = [
    ["N° marché", "Objet", "Montant HT", "Date de notification", "Considérations sociales",
     "Considérations environnementales", "Heures d'insertion prévues"],
    ["M1", "Papier", "1000", "15/03/2025", "Clause sociale", "Critère environnemental", "35"],
    ["M2", "Déchets", "50000", "01/01/2024", "Sans objet", "Clause environnementale", ""],
]  # fmt: skip


def _rows_mutated(rng: random.Random, header: list[Any], rows: list[list[Any]]) -> list[list[Any]]:
    table = [list(header)] + [list(r) for r in rows]
    for _ in range(rng.randint(1, 6)):
        r, c = rng.randrange(len(table)), rng.randrange(len(header))
        table[r][c] = rng.choice(HOSTILE)
    if rng.random() < 0.2:
        rng.shuffle(table[0])
    if rng.random() < 0.2:
        table.append([rng.choice(HOSTILE) for _ in header])
    return table


def _bytes_mutated(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    kind = rng.random()
    if kind < 0.4 and out:
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] = rng.randrange(256)
    elif kind < 0.7:
        out = out[: rng.randrange(max(1, len(out)))]
    else:
        pos = rng.randrange(max(1, len(out)))
        out[pos:pos] = rng.choice(HOSTILE).encode("utf-8", "replace") * rng.randint(1, 50)
    return bytes(out)


def _zip_mutated(rng: random.Random, path: Path) -> None:
    """Rewrite one member of an xlsx/ods with flipped bytes (a corrupt member or bad XML)."""
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    name = rng.choice(sorted(members))
    members[name] = _bytes_mutated(rng, members[name])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for k, v in members.items():
            zf.writestr(k, v)
    path.write_bytes(buf.getvalue())


def ledger_csv(rng: random.Random, d: Path) -> tuple[list[str], Path]:
    p = write_csv(d / "gl.csv", _rows_mutated(rng, LEDGER_HEADER, LEDGER_ROWS))
    if rng.random() < 0.3:
        p.write_bytes(_bytes_mutated(rng, p.read_bytes()))
    return ["footprint", str(p), "--format", "json"], p


def _xlsx_safe(table: list[list[Any]]) -> list[list[Any]]:
    """openpyxl cannot write control characters: they reach xlsx files by zip mutation only."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return [
        [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in r] for r in table
    ]


def ledger_xlsx(rng: random.Random, d: Path) -> tuple[list[str], Path]:
    table = _xlsx_safe(_rows_mutated(rng, LEDGER_HEADER, LEDGER_ROWS))
    p = write_xlsx(d / "gl.xlsx", table)
    if rng.random() < 0.3:
        _zip_mutated(rng, p)
    return ["footprint", str(p), "--format", "json"], p


def ledger_ods(rng: random.Random, d: Path) -> tuple[list[str], Path]:
    p = write_ods(d / "gl.ods", _rows_mutated(rng, LEDGER_HEADER, LEDGER_ROWS))
    if rng.random() < 0.3:
        _zip_mutated(rng, p)
    return ["footprint", str(p), "--format", "json"], p


def _text_file(name: str, text: str) -> Callable[[random.Random, Path], tuple[list[str], Path]]:
    def make(rng: random.Random, d: Path) -> tuple[list[str], Path]:
        p = d / name
        p.write_bytes(_bytes_mutated(rng, text.encode("utf-8")))
        return ["footprint", str(p), "--format", "json"], p

    return make


def balance(rng: random.Random, d: Path) -> tuple[list[str], Path]:
    rows = [BALANCE_HEADER.split(";"), *(r.split(";") for r in BALANCE_ROWS)]
    header, body = rows[0], rows[1:]
    p = write_csv(d / "balance.csv", _rows_mutated(rng, header, body), encoding="utf-8")
    return ["footprint", str(p), "--format", "json"], p


def register(rng: random.Random, d: Path) -> tuple[list[str], Path]:
    p = write_csv(d / "registre.csv", _rows_mutated(rng, REGISTER[0], REGISTER[1:]))
    return ["clauses", str(p), "--format", "json"], p


def decp(rng: random.Random, d: Path) -> tuple[list[str], Path]:
    records: list[Any] = json.loads(json.dumps(_decp_marches()))
    for _ in range(rng.randint(1, 5)):
        rec = rng.choice([r for r in records if isinstance(r, dict)])
        key = rng.choice(sorted(rec) or ["id"])
        rec[key] = rng.choice([*HOSTILE, True, None, 1e308, [], {}, [[[[]]]], {"a": {"b": 1}}])
    p = d / "decp.json"
    text = json.dumps({"marches": records}, ensure_ascii=False)
    data = text.encode("utf-8")
    p.write_bytes(_bytes_mutated(rng, data) if rng.random() < 0.3 else data)
    return ["clauses", str(p), "--format", "json"], p


FORMATS: dict[str, Callable[[random.Random, Path], tuple[list[str], Path]]] = {
    "ledger-csv": ledger_csv,
    "ledger-xlsx": ledger_xlsx,
    "ledger-ods": ledger_ods,
    "totem": _text_file("budget.xml", totem_doc("UTF-8", BUDGETS)),
    "pes": _text_file("pes.xml", PES_DOC),
    "balance": balance,
    "register": register,
    "decp": decp,
}


def _check_reconciliation(data: dict[str, Any]) -> None:
    if data.get("reconciliation") is None:
        return
    assert_reconciled(data["reconciliation"])
    assert abs(data["totals"]["emissions_tco2e"]) < 1e9  # no absurd headline


class Hang(BaseException):  # not an Exception: the CLI's exit-4 handler must not catch it
    """An input that took longer than HANG_SECONDS."""


def _on_alarm(signum: int, frame: object) -> None:
    raise Hang


def test_fuzz_every_format_ends_cleanly(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    exits: collections.Counter[tuple[str, int]] = collections.Counter()
    names = sorted(FORMATS)
    slowest = (0.0, "")
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    started = time.perf_counter()
    for i in range(N):
        fmt = names[i % len(names)]
        d = tmp_path / f"{i % 4}"
        d.mkdir(exist_ok=True)
        for old in d.iterdir():
            old.unlink()
        args, path = FORMATS[fmt](rng, d)
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        listing = sorted(p.name for p in d.iterdir())
        where = f"{fmt} #{i} (ACHATS_FUZZ_SEED={SEED}): {path.name}"
        t0 = time.perf_counter()
        signal.alarm(HANG_SECONDS)
        try:
            result = runner.invoke(cli.app, args, catch_exceptions=False)
        except Hang:
            pytest.fail(f"{where}: no answer after {HANG_SECONDS} s (hang)")
        finally:
            signal.alarm(0)
        slowest = max(slowest, (time.perf_counter() - t0, where))
        assert result.exit_code in (0, 1, 2, 3), (
            f"{where}: exit {result.exit_code}\n{result.output}"
        )
        assert "Traceback" not in result.output, where
        assert result.exception is None or isinstance(result.exception, SystemExit), where
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before, f"{where}: input changed"
        assert sorted(p.name for p in d.iterdir()) == listing, f"{where}: a file was written"
        if result.exit_code in (0, 1) and result.stdout.strip():
            _check_reconciliation(strict_json(result.stdout))
        exits[(fmt, result.exit_code)] += 1
    signal.signal(signal.SIGALRM, previous)
    if os.environ.get("ACHATS_FUZZ_N"):
        elapsed = time.perf_counter() - started
        print(f"\n{elapsed:.0f} s in all; slowest input {slowest[0]:.2f} s: {slowest[1]}")  # noqa: T201
        per_format = collections.Counter(f for f, _ in exits.elements())
        by_code = collections.Counter(c for _, c in exits.elements())
        print(f"\nfuzz: {N} inputs, seed {SEED}; per format {dict(sorted(per_format.items()))}")  # noqa: T201
        print(f"exits by code {dict(sorted(by_code.items()))}; 0 exit 4, 0 traceback")  # noqa: T201
        print(f"by format and code {dict(sorted(exits.items()))}")  # noqa: T201
    assert sum(exits.values()) == N


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_seed_file_is_read(fmt: str, tmp_path: Path) -> None:
    """The generator's seeds are valid inputs: exit 0, so mutations start from real files."""

    class Quiet(random.Random):
        def random(self) -> float:  # no byte-level mutation, no shuffled header
            return 0.99

        def randint(self, a: int, b: int) -> int:
            return 0

    args, _ = FORMATS[fmt](Quiet(1), tmp_path)
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 0, result.output
