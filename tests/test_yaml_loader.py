"""The fast YAML loader (libyaml) builds the very documents the pure-Python safe loader builds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from achats_durables.core import yamlio
from achats_durables.core.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted([*ROOT.glob("factors/**/*.yaml"), *ROOT.glob("examples/*.yaml")])


def test_shipped_files_are_found() -> None:
    assert len(SHIPPED) >= 8


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_fast_loader_builds_the_same_document(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yamlio.load_yaml(path, ConfigError) == yaml.load(text, Loader=yaml.SafeLoader)


def test_syntax_error_keeps_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "achats.yaml"
    bad.write_text("year: 2025\nentities:\n  - name: [\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        yamlio.load_yaml(bad, ConfigError)
    assert info.value.location.row is not None
    assert info.value.location.row >= 3


def test_python_tags_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "achats.yaml"
    bad.write_text("x: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        yamlio.load_yaml(bad, ConfigError)
