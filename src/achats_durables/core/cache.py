"""The fast path of the shipped files: their validated form, kept between runs.

Loading the shipped factor sets and rules parses ~6,000 lines of YAML and validates them with
pydantic (whose import alone costs a few hundred milliseconds). Neither changes between two runs
of the same installation, so the validated result is kept in a cache folder, keyed by the file's
path and SHA-256 and by a fingerprint of the code that reads it: a changed file or a changed
tool reads and validates again. Only the shipped files are cached (one entry per file, older
entries replaced), never the user's. ``ACHATS_CACHE_DIR`` names the folder (empty: no cache);
by default ``$XDG_CACHE_HOME/achats-durables`` or ``~/.cache/achats-durables``. A cache that
cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar, cast

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parents[1]
# the code that turns a YAML file into its loaded objects
_READERS = ("core", "knowledge", "i18n")


def cache_dir() -> Path | None:
    configured = os.environ.get("ACHATS_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "achats-durables"


@cache
def code_fingerprint() -> str:
    """SHA-256 of the readers' source files and of the Python, PyYAML and pydantic versions."""
    digest = hashlib.sha256(sys.version.encode())
    for name in ("pyyaml", "pydantic"):
        try:
            digest.update(f"{name} {metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    for folder in _READERS:
        for file in sorted((_PACKAGE / folder).rglob("*.py")):
            digest.update(file.relative_to(_PACKAGE).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def cached(kind: str, path: Path, sha256: str, expected: type, build: Callable[[], T]) -> T:
    """``build()``, or what it returned for the same file contents and code before."""
    directory = cache_dir()
    if directory is None:
        return build()
    slot = hashlib.sha256(f"{kind}\0{path.resolve()}".encode()).hexdigest()[:32]
    version = hashlib.sha256(f"{sha256}\0{code_fingerprint()}".encode()).hexdigest()[:32]
    entry = directory / f"{slot}-{version}.pickle"
    try:
        with entry.open("rb") as handle:
            value = pickle.load(handle)
        if isinstance(value, expected):
            return cast(T, value)
    except Exception:  # absent, truncated or foreign entry: a cache is best-effort, read again
        pass
    value = build()
    _store(directory, slot, entry, value)
    return value


def _store(directory: Path, slot: str, entry: Path, value: object) -> None:
    """Write ``entry`` atomically and drop the older entries of the same slot."""
    tmp = ""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        for old in directory.glob(f"{slot}-*.pickle"):
            if old != entry:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        if tmp:
            Path(tmp).unlink(missing_ok=True)
