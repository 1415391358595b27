"""The help of every command, in French and in English, against text snapshots.

The snapshots live in ``tests/snapshots/help/<lang>/<command>.txt``: the ``--help`` output at 100
columns, without colour, trailing spaces removed. After changing a help text, regenerate them with

    ACHATS_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_help.py

and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer import rich_utils
from typer.main import get_command
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.cli import _help_en

SNAPSHOTS = Path(__file__).parent / "snapshots" / "help"
UPDATE = os.environ.get("ACHATS_UPDATE_SNAPSHOTS") == "1"
LANGS = ("fr", "en")
SAME_IN_ENGLISH = {"N", "FORMAT", "DATE", "SIREN", "SIRET", "fr|en"}


def command_tree() -> list[tuple[str, Any]]:
    """Every command and group: (``"factors list"``, the Click command)."""
    out: list[tuple[str, Any]] = []

    def walk(command: Any, key: str) -> None:
        out.append((key, command))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{key} {name}".strip())

    walk(get_command(cli.app), "")
    return out


KEYS = [key for key, _ in command_tree()]


def snapshot_path(key: str, lang: str) -> Path:
    return SNAPSHOTS / lang / f"{key.replace(' ', '-') or 'achats'}.txt"


def render_help(args: list[str], monkeypatch: pytest.MonkeyPatch, **env: str) -> str:
    """``achats … --help`` as a user reads it at 100 columns, without colour."""
    monkeypatch.setattr(rich_utils, "MAX_WIDTH", 100)
    monkeypatch.setattr(rich_utils, "FORCE_TERMINAL", None)
    monkeypatch.setattr(rich_utils, "COLOR_SYSTEM", None)
    result = CliRunner().invoke(
        cli.app, [*args, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1", **env}
    )
    assert result.exit_code == 0, result.output
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()).strip("\n") + "\n"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", KEYS)
def test_help_matches_snapshot(key: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = render_help(key.split(), monkeypatch, ACHATS_LANG=lang)
    path = snapshot_path(key, lang)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: ACHATS_UPDATE_SNAPSHOTS=1 pytest tests/test_help.py"
    assert text == path.read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) <= 100


def test_no_snapshot_without_its_command() -> None:
    expected = {snapshot_path(key, lang) for key in KEYS for lang in LANGS}
    assert set(SNAPSHOTS.rglob("*.txt")) == expected


@pytest.mark.parametrize("key", KEYS)
def test_french_help_has_no_english_frame_nor_python_types(
    key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = render_help(key.split(), monkeypatch, ACHATS_LANG="fr")
    for english in ("Usage:", "[default", "[required]", "env var", "Show this", "Commands", "<"):
        assert english not in text, (key, english)
    assert "Utilisation : achats" in text
    assert "Afficher cette aide et quitter." in text


@pytest.mark.parametrize("key", KEYS)
def test_english_help_is_english(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = render_help(key.split(), monkeypatch, ACHATS_LANG="en")
    for french in ("Utilisation", "[défaut", "[obligatoire]", "Afficher", "Exemple", "<"):
        assert french not in text, (key, french)
    assert "Usage: achats" in text


def test_lang_option_and_environment_give_the_same_help(monkeypatch: pytest.MonkeyPatch) -> None:
    by_option = render_help(["footprint", "--lang", "en"], monkeypatch)
    by_env = render_help(["footprint"], monkeypatch, ACHATS_LANG="en")
    assert by_option == by_env
    assert "Usage: achats footprint [OPTIONS] LEDGER…" in by_option
    # the French help is back for the next command: English only lasted while it was written
    assert "Utilisation : achats footprint [OPTIONS] GRAND-LIVRE…" in render_help(
        ["footprint"], monkeypatch
    )


def test_every_help_text_has_its_english_translation() -> None:
    missing = []
    for key, command in command_tree():
        if command.help and _help_en.command_help(key) is None:
            missing.append(key or "achats")
        for param in command.params:
            if param.help and _help_en.param_help(key, param.name) is None:
                missing.append(f"{key}:{param.name}")
            metavar = param.metavar
            if metavar and metavar not in _help_en.METAVARS and metavar not in SAME_IN_ENGLISH:
                missing.append(f"metavar {metavar}")
    assert missing == []


def test_no_english_translation_without_its_french_text() -> None:
    tree = dict(command_tree())
    assert set(_help_en.COMMANDS) <= set(tree)
    names = {p.name for command in tree.values() for p in command.params}
    for key in _help_en.PARAMS:
        path, _, name = key.rpartition(":")
        assert name in names, key
        if path:
            assert name in {p.name for p in tree[path].params}, key
