"""The public API: a static ``__all__``, names visible to type checkers, the version from the
package metadata, and the README's Python examples run as written."""

from __future__ import annotations

import ast
import contextlib
import importlib.metadata
import io
import re
import tomllib
from pathlib import Path

import pytest

import achats_durables

from .conftest import REPO

INIT = Path(achats_durables.__file__)


def _type_checking_imports() -> dict[str, str]:
    """name → module of the imports under ``if TYPE_CHECKING:`` in the package's __init__."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom)
                for alias in imp.names:
                    out[alias.asname or alias.name] = str(imp.module)
    return out


def test_all_is_a_static_list_of_every_lazy_name() -> None:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    static = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__"
    ]
    assert len(static) == 1
    assert isinstance(static[0], ast.List)  # a literal list, readable without running code
    names = [ast.literal_eval(e) for e in static[0].elts]
    assert names == sorted(names)
    assert set(names) - {"__version__"} == set(achats_durables._API)


def test_type_checkers_see_the_same_names_from_the_same_modules() -> None:
    seen = _type_checking_imports()
    assert set(seen) == set(achats_durables._API)
    for name, module in achats_durables._API.items():
        assert seen[name] == f"achats_durables.{module}", name


@pytest.mark.parametrize("name", achats_durables.__all__)
def test_every_public_name_resolves(name: str) -> None:
    value = getattr(achats_durables, name)
    assert value is not None
    if name != "__version__":
        module = importlib.import_module(f"achats_durables.{achats_durables._API[name]}")
        assert value is getattr(module, name)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = achats_durables.nope  # type: ignore[attr-defined]


def test_version_comes_from_the_package_metadata() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert importlib.metadata.version("achats-durables") == project["version"]
    assert achats_durables.__version__ == project["version"]


def _readme_python_blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_readme_has_python_examples() -> None:
    assert _readme_python_blocks()


@pytest.mark.parametrize("block", _readme_python_blocks())
def test_readme_python_example_runs(block: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO / "examples")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {"__name__": "readme_example"})
    printed = out.getvalue().split()
    assert printed, "the example prints its figures"
    assert all(float(x) > 0 for x in printed)  # tCO2e and euros read: both positive figures
