"""Report writers: terminal (rich), xlsx, csv, json, html and pdf. They render reports; they
compute nothing."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from achats_durables.core.errors import Location, OutputError

if TYPE_CHECKING:
    from openpyxl import Workbook

FORMATS = ("table", "xlsx", "csv", "json", "html", "pdf")
FILE_SUFFIXES = ("xlsx", "csv", "json", "html", "pdf")


def format_for(path: Path | None, fmt: str | None) -> str:
    """The output format: explicit, else from the file suffix, else the terminal table."""
    if fmt:
        return fmt
    if path is None:
        return "table"
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "htm":
        return "html"
    if suffix in FILE_SUFFIXES:
        return suffix
    raise OutputError("output-format-unknown", fmt=suffix or "(sans extension)", path=str(path))


SIDE_FILES = {"footprint": "-lignes", "clauses": "-marches"}


def report_files(output: Path, fmt: str, kind: str) -> list[Path]:
    """Every file a report writes: ``output`` and, for CSV, its detail file beside it."""
    side = SIDE_FILES.get(kind) if fmt == "csv" else None
    if side is None:
        return [output]
    return [output, output.with_name(f"{output.stem}{side}{output.suffix or '.csv'}")]


def _input_files(inputs: Iterable[str | Path | None]) -> list[Path]:
    """The input files: folders (``--factors factors/``) stand for the YAML files in them."""
    files: list[Path] = []
    for p in inputs:
        if p is None:
            continue
        path = Path(p)
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return files


def _same_file(a: Path, b: Path) -> bool:
    """Same file by resolved path, or by device and inode (symlinks, hard links)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def guard_inputs(outputs: Iterable[Path], inputs: Iterable[str | Path | None]) -> None:
    """Refuse to write any report file (main or side file) over an input: ledgers, contracts,
    reports compared, and the ``--config``, ``--mapping`` and ``--factors`` files."""
    ins = _input_files(inputs)
    for out in outputs:
        for inp in ins:
            if _same_file(out, inp):
                raise OutputError("input-would-be-overwritten", Location(str(out)), path=str(inp))


def write_atomic(path: Path, produce: Callable[[Path], None]) -> None:
    """Write ``path`` through a temporary file in the same folder, then ``os.replace`` it.

    The temporary file's name carries the process id (``.rapport.xlsx.<pid>.<random>.tmp``):
    one left by a killed process is removed by the next write to the same folder.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(folder)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder
        )
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


_TEMPORARY = re.compile(r"^\.(?:.+\.(\d+)\.[^.]+\.tmp|achats-tmp-(\d+)-.+)$")


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files and folders of writers in ``folder`` whose process is gone
    (``kill -9``, power cut): ``.<report>.<pid>.<random>.tmp`` and ``.achats-tmp-<pid>-…``."""
    import shutil

    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        found = _TEMPORARY.match(entry.name)
        if found is None:
            continue
        pid = int(found.group(1) or found.group(2))
        if pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


@contextlib.contextmanager
def write_only_workbook(path: Path) -> Iterator[Workbook]:
    """A write-only workbook to fill in the ``with`` block, then saved atomically to ``path``.

    Its sheets' temporary files live in a private folder beside ``path``, removed at the end
    (or, after a ``kill -9``, by the next writer in that folder).

    Write-only sheets stream their rows to temporary files as they are appended, so a full
    disk can fail while the workbook is still being filled: any ``OSError`` becomes an
    ``output-not-writable`` error, and the sheets' half-written streams are closed and removed
    here, quietly (left to the garbage collector they print « Exception ignored … » tracebacks).
    """
    import shutil

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    folder = path.parent if str(path.parent) else Path(".")
    previous, scratch = tempfile.tempdir, None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(folder)
        # openpyxl streams each sheet to a temporary file: beside the report, not in $TMPDIR,
        # so that a killed run leaves nothing behind that the next one does not remove.
        scratch = tempfile.mkdtemp(prefix=f".achats-tmp-{os.getpid()}-", dir=folder)
        tempfile.tempdir = scratch
        yield wb
        write_atomic(path, lambda tmp: save_workbook(wb, tmp))
    except OSError as exc:
        raise OutputError(
            "output-not-writable", Location(str(path)), detail=exc.strerror or str(exc)
        ) from exc
    finally:
        tempfile.tempdir = previous
        discard_workbook(wb)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def save_workbook(wb: Workbook, path: Path) -> None:
    """``wb.save(path)``, its parts deflated at level 1 rather than 6: three times faster to
    compress the XML of a large detail sheet, for a file about a quarter larger."""
    import datetime as dt
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    archive = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=1)
    wb.properties.modified = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
    ExcelWriter(wb, archive).save()


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
    """The JSON text of a report; a non-finite number is a defect, never written (strict JSON)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False) + "\n"


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
