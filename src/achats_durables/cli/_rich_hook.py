"""Typer's help and error renderer (``typer.rich_utils``), patched when it is first imported.

``typer.rich_utils`` imports ``rich.markdown`` (markdown-it, pygments) and ``rich.traceback``:
≈ 0.2 s of start on every command, though only a help page or a usage error uses it. Typer
imports it on demand; the changes the CLI makes to it (French frame, usage errors, width) are
applied by :func:`when_imported` at that moment, or at once when it is already imported.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType

NAME = "typer.rich_utils"
_pending: list[Callable[[ModuleType], None]] = []


def when_imported(patch: Callable[[ModuleType], None]) -> None:
    """Run ``patch(typer.rich_utils)`` now if it is imported, else right after its import."""
    module = sys.modules.get(NAME)
    if module is not None:
        patch(module)
        return
    _pending.append(patch)
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())


class _Loader(Loader):
    def __init__(self, inner: Loader) -> None:
        self.inner = inner

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.inner.exec_module(module)
        while _pending:
            _pending.pop(0)(module)


class _Finder(MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != NAME:
            return None
        sys.meta_path.remove(self)
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)
        return spec
