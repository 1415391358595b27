"""Safe YAML loading, and the line of every key path of a document (for located errors)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from achats_durables.core.errors import AchatsError, Location

if TYPE_CHECKING:
    import yaml


@cache
def _safe_loader() -> type[yaml.SafeLoader]:
    """libyaml's safe loader: the same documents as ``yaml.SafeLoader``, ~8× faster (the pure
    Python one stands in where PyYAML was built without libyaml). PyYAML is imported here, on
    the first file read: a run on the cached shipped files never imports it."""
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


# One step of a key path: a mapping key (``str``, or ``int`` for a year key) or a list index.
PathPart = str | int


def read_text(path: Path, error: type[AchatsError]) -> str:
    """The UTF-8 text of a YAML file; a missing or unreadable file becomes ``error``."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise error("file-not-found", Location(str(path))) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise error("yaml-unreadable", Location(str(path)), detail=str(exc)) from exc


def load_yaml(path: Path, error: type[AchatsError]) -> Any:
    """``yaml.safe_load`` a file; wraps every failure in ``error`` located at the file."""
    return parse_yaml(read_text(path, error), path, error)


def parse_yaml(text: str, path: Path, error: type[AchatsError]) -> Any:
    """Parse YAML text read from ``path``; a syntax fault becomes ``error`` with its line."""
    loader = _safe_loader()
    import yaml

    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error("yaml-unreadable", Location(str(path), row=row), detail=problem) from exc


def key_path(doc: Any, parts: Sequence[PathPart]) -> str:
    """``rules[3].when.account`` for the parts ``("rules", 3, "when", "account")``.

    ``doc`` tells a list index (``[3]``) from an integer mapping key (``years.2025``).
    """
    out = ""
    node = doc
    for part in parts:
        if isinstance(node, list) and isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if 0 <= part < len(node) else None
            continue
        out += f".{part}" if out else str(part)
        node = node.get(part) if isinstance(node, dict) else None
    return out or "(document)"


def value_at(doc: Any, parts: Sequence[PathPart]) -> Any:
    """The value of ``doc`` at a key path (None when the path leads nowhere)."""
    node = doc
    for part in parts:
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


class LineMap:
    """Key path (as :func:`key_path` writes it) → 1-based line, from the YAML node tree.

    Composing the node tree costs more than loading the document: it is built only when an
    error is to be reported.
    """

    def __init__(self, text: str) -> None:
        import yaml

        self.lines: dict[str, int] = {}
        try:
            node = yaml.compose(text, Loader=_safe_loader())
        except yaml.YAMLError:
            node = None
        if node is not None:
            self.lines["(document)"] = node.start_mark.line + 1
            self._walk(node, "")

    def _walk(self, node: yaml.Node, prefix: str) -> None:
        import yaml

        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = f"{prefix}.{k.value}" if prefix else str(k.value)
                self.lines.setdefault(key, k.start_mark.line + 1)
                self._walk(v, key)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                key = f"{prefix}[{i}]"
                self.lines[key] = v.start_mark.line + 1
                self._walk(v, key)

    def line(self, key: str) -> int | None:
        """The line of ``key``, else of its nearest parent present in the file."""
        while key:
            if key in self.lines:
                return self.lines[key]
            cut = max(key.rfind("."), key.rfind("["))
            key = key[:cut] if cut > 0 else ""
        return None


@dataclass
class YamlSource:
    """A YAML file as read: its path, text and document; the line map on demand."""

    path: Path
    text: str
    doc: Any
    _lines: LineMap | None = field(default=None, repr=False)

    @classmethod
    def read(cls, path: Path, error: type[AchatsError]) -> YamlSource:
        text = read_text(path, error)
        return cls(path, text, parse_yaml(text, path, error))

    def key(self, parts: Sequence[PathPart]) -> str:
        return key_path(self.doc, parts)

    def line(self, key: str) -> int | str:
        """The line of a key path, ``?`` when it cannot be found."""
        if self._lines is None:
            self._lines = LineMap(self.text)
        found = self._lines.line(key)
        return "?" if found is None else found

    def error(
        self, error: type[AchatsError], parts: Sequence[PathPart], code: str, **params: Any
    ) -> AchatsError:
        """``error`` of template ``code`` at a key path: ``key`` and ``line`` filled in."""
        key = self.key(parts)
        return error(code, Location(str(self.path)), key=key, line=self.line(key), **params)
