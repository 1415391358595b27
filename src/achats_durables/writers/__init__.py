"""Report writers: terminal (rich), xlsx, csv, json. They render reports; they compute nothing."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from achats_durables.errors import Location, OutputError

if TYPE_CHECKING:
    from openpyxl import Workbook

FORMATS = ("table", "xlsx", "csv", "json")


def format_for(path: Path | None, fmt: str | None) -> str:
    """The output format: explicit, else from the file suffix, else the terminal table."""
    if fmt:
        return fmt
    if path is None:
        return "table"
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("xlsx", "csv", "json"):
        return suffix
    raise OutputError("output-format-unknown", fmt=suffix or "(sans extension)", path=str(path))


def guard_inputs(outputs: Iterable[Path], inputs: Iterable[str | Path]) -> None:
    """Refuse to write a report over one of the input files."""
    ins = {Path(p).resolve() for p in inputs}
    for out in outputs:
        if out.resolve() in ins:
            raise OutputError("input-would-be-overwritten", Location(str(out)), path=str(out))


def write_atomic(path: Path, produce: Callable[[Path], None]) -> None:
    """Write ``path`` through a temporary file in the same folder, then ``os.replace`` it."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise OutputError(
            "output-not-writable", Location(str(path)), detail=exc.strerror or str(exc)
        ) from exc
    tmp = Path(tmp_name)
    try:
        produce(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600 files; a report is an ordinary file
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(
            "output-not-writable", Location(str(path)), detail=exc.strerror or str(exc)
        ) from exc
    finally:
        if tmp.exists():
            tmp.unlink()


@contextlib.contextmanager
def write_only_workbook(path: Path) -> Iterator[Workbook]:
    """A write-only workbook to fill in the ``with`` block, then saved atomically to ``path``.

    Write-only sheets stream their rows to temporary files as they are appended, so a full
    disk can fail while the workbook is still being filled: any ``OSError`` becomes an
    ``output-not-writable`` error, and the sheets' half-written streams are closed and removed
    here, quietly (left to the garbage collector they print « Exception ignored … » tracebacks).
    """
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    try:
        yield wb
        write_atomic(path, wb.save)
    except OSError as exc:
        raise OutputError(
            "output-not-writable", Location(str(path)), detail=exc.strerror or str(exc)
        ) from exc
    finally:
        discard_workbook(wb)


def discard_workbook(wb: Workbook) -> None:
    """Close the row streams of a write-only workbook and remove their temporary files."""
    from openpyxl.worksheet import _writer

    for ws in getattr(wb, "_sheets", []):
        rows, writer = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
        for stream in (rows, getattr(writer, "xf", None)):
            with contextlib.suppress(Exception):  # a stream on a full disk fails to close
                if stream is not None:
                    stream.close()
        out = getattr(writer, "out", None)
        if isinstance(out, str):
            with contextlib.suppress(OSError):
                os.remove(out)
            with contextlib.suppress(ValueError):
                _writer.ALL_TEMP_FILES.remove(out)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def json_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_json(data: dict[str, Any], path: Path) -> None:
    text = json_text(data)
    write_atomic(path, lambda tmp: _write_text(tmp, text))


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    write_atomic(path, lambda tmp: _write_bytes(tmp, data))


def _write_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)
