"""Report writers: terminal (rich), xlsx, csv, json. They render reports; they compute nothing."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from achats_durables.errors import Location, OutputError

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
