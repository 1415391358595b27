"""Every command has French help and appears in the README; every shipped file loads."""

from __future__ import annotations

import pytest
import typer

from achats_durables import cli
from achats_durables.knowledge.factors import (
    default_factor_paths,
    load_factor_set,
    load_price_index,
)
from achats_durables.knowledge.mapping import load_mapping_rules

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def command_paths() -> list[tuple[str, typer.models.CommandInfo]]:
    out = [(c.name or c.callback.__name__, c) for c in cli.app.registered_commands]  # type: ignore[union-attr]
    for group in cli.app.registered_groups:
        for c in group.typer_instance.registered_commands:  # type: ignore[union-attr]
            out.append((f"{group.name} {c.name or c.callback.__name__}", c))  # type: ignore[union-attr]
    return out


@pytest.mark.parametrize(("name", "info"), command_paths())
def test_command_has_help_and_is_in_readme(name: str, info: typer.models.CommandInfo) -> None:
    doc = info.callback.__doc__ or ""  # type: ignore[union-attr]
    assert "Exemple" in doc, name
    assert f"achats {name}" in README, name


def test_every_factor_file_loads() -> None:
    paths = default_factor_paths()
    assert paths
    for path in paths:
        assert load_factor_set(path).factors
    assert load_price_index().values
    assert load_mapping_rules([]).rules


def test_license_file_matches_pyproject() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert project["license"] == "MIT"
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text
    holders = ", ".join(a["name"] for a in project["authors"])
    assert f"Copyright (c) 2026 {holders}\n" in text
