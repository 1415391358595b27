"""Safe YAML loading with located, French errors (file, key path, line)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from achats_durables.core.errors import AchatsError, Location

# libyaml's safe loader builds the same documents as ``yaml.SafeLoader``, ~8× faster; the pure
# Python one stands in where PyYAML was built without libyaml.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, error: type[AchatsError]) -> Any:
    """``yaml.safe_load`` a file; wraps every failure in ``error`` located at the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise error("file-not-found", Location(str(path))) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise error("yaml-unreadable", Location(str(path)), detail=str(exc)) from exc
    return parse_yaml(text, path, error)


def parse_yaml(text: str, path: Path, error: type[AchatsError]) -> Any:
    """Parse YAML text read from ``path``; a syntax fault becomes ``error`` with its line."""
    try:
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error("yaml-unreadable", Location(str(path), row=row), detail=problem) from exc


class Checker:
    """Validates a loaded YAML document, raising ``error`` with the key path on the first fault."""

    def __init__(self, path: Path, error: type[AchatsError]) -> None:
        self.path = path
        self.error = error

    def fail(self, key: str, detail: str) -> AchatsError:
        return self.error("yaml-invalid", Location(str(self.path)), key=key, detail=detail)

    def mapping(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, "une table (clé: valeur) est attendue")
        return value

    def sequence(self, value: Any, key: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(key, "une liste est attendue")
        return value

    def text(self, value: Any, key: str, *, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(key, "un texte est attendu")
        return str(value)

    def number(self, value: Any, key: str, *, minimum: float | None = None) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"un nombre est attendu (lu : {value!r})")
        if minimum is not None and value < minimum:
            raise self.fail(key, f"un nombre ≥ {minimum} est attendu (lu : {value!r})")
        return float(value)

    def only_keys(self, value: dict[str, Any], allowed: set[str], key: str) -> None:
        unknown = sorted(set(value) - allowed)
        if unknown:
            where = f"{key}.{unknown[0]}" if key else unknown[0]
            raise self.fail(where, f"clé inconnue ; clés possibles : {', '.join(sorted(allowed))}")
