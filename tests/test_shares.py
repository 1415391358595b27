"""One reading of a share (``max_unmapped``, targets, ``--max-unmapped``) in every command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.core.errors import ConfigError
from achats_durables.core.shares import parse_share
from achats_durables.knowledge.config import load_config

from .conftest import write_xlsx
from .test_run import test_config_errors_name_key_path_and_line as check_config_error

runner = CliRunner()
HEADER = ["Exercice", "Collectivité", "Nature", "Libellé", "Fournisseur", "Montant HT"]
# 900 € on a shipped M57 rule, 100 € on an account no rule knows: 10 % of spend is unmapped.
ROWS = [
    [2025, "Ville", "6064", "Ramettes", "Papeterie", 900],
    [2025, "Ville", "9999", "Inconnu", "Y", 100],
]
UNMAPPED_SHARE = 100 / (900 + 100)


def flat(text: str) -> str:
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.05, 0.05),
        (5, 0.05),
        ("5 %", 0.05),
        ("5%", 0.05),
        ("5,5 %", 0.055),
        ("0.05", 0.05),
        ("0,5 %", 0.005),  # a text with « % » is always a percentage
        (1, 0.01),  # values >= 1 are percentages
        (100, 1.0),
        ("100 %", 1.0),
        (0, 0.0),
    ],
)
def test_parse_share(value: object, expected: float) -> None:
    assert parse_share(value) == pytest.approx(expected)


@pytest.mark.parametrize("value", [101, -1, "150 %", "-5 %", "cinq", "", None, True, [5]])
def test_parse_share_refuses(value: object) -> None:
    with pytest.raises(ValueError, match=r".*"):
        parse_share(value)


def test_one_is_whole_only_when_asked() -> None:
    assert parse_share(1, one_is_whole=True) == 1.0
    assert parse_share(1.0, one_is_whole=True) == 1.0
    assert parse_share(30, one_is_whole=True) == pytest.approx(0.30)
    assert parse_share(1) == pytest.approx(0.01)


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_a_share_read_twice_is_not_divided_twice(x: float) -> None:
    share = parse_share(x)
    assert 0 <= share <= 1
    # writing the share back as a percentage text gives the same share
    assert parse_share(f"{share * 100:.12f} %") == pytest.approx(share, abs=1e-12)


def _workspace(tmp_path: Path, max_unmapped: object) -> Path:
    write_xlsx(tmp_path / "gl-2025.xlsx", [HEADER, *ROWS])
    config = {
        "output": "rapports",
        "entities": [{"name": "Ville"}],
        "max_unmapped": max_unmapped,
        "years": {2025: {"ledgers": ["gl-2025.xlsx"]}},
    }
    path = tmp_path / "achats.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("max_unmapped", "exit_code"),
    [(100, 0), ("100 %", 0), (50, 0), (5, 1), ("5 %", 1), (0.05, 1)],
)
def test_footprint_and_run_read_max_unmapped_alike(
    tmp_path: Path, max_unmapped: object, exit_code: int
) -> None:
    config = _workspace(tmp_path, max_unmapped)
    assert load_config(config).max_unmapped == pytest.approx(parse_share(max_unmapped))
    footprint = runner.invoke(
        cli.app, ["footprint", str(tmp_path / "gl-2025.xlsx"), "-c", str(config), "-q"]
    )
    assert footprint.exit_code == exit_code, footprint.output
    run = runner.invoke(cli.app, ["run", "-c", str(config), "--no-xlsx", "--quiet"])
    assert run.exit_code == exit_code, run.output
    if exit_code:
        limit = parse_share(max_unmapped) * 100
        assert (
            f"part non comptée {UNMAPPED_SHARE * 100:.1f} % (dépense non affectée + énergie à "
            f"quantifier) supérieure au seuil --max-unmapped {limit:.1f} %"
            in flat(footprint.stderr)
        )


@pytest.mark.parametrize(("option", "exit_code"), [("100", 0), ("9 %", 1), ("11%", 0), ("0.09", 1)])
def test_max_unmapped_option_is_read_like_the_config(
    tmp_path: Path, option: str, exit_code: int
) -> None:
    config = _workspace(tmp_path, 100)  # the option replaces the config's threshold
    result = runner.invoke(
        cli.app,
        [
            "footprint",
            str(tmp_path / "gl-2025.xlsx"),
            "-c",
            str(config),
            "-q",
            "--max-unmapped",
            option,
        ],
    )
    assert result.exit_code == exit_code, result.output


@pytest.mark.parametrize("option", ["150", "-3", "beaucoup"])
def test_max_unmapped_option_out_of_range_is_a_usage_error(tmp_path: Path, option: str) -> None:
    write_xlsx(tmp_path / "gl.xlsx", [HEADER, *ROWS])
    result = runner.invoke(
        cli.app, ["footprint", str(tmp_path / "gl.xlsx"), "--max-unmapped", option]
    )
    assert result.exit_code == 2
    assert f"« {option} » n'est pas une part entre 0 et 100 %" in flat(result.output)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "max_unmapped: 150\n",
            "clé « max_unmapped » (ligne 1) : « 150 » n'est pas une part entre 0 et 100 %. "
            "Écrivez-la par exemple 0.05 ou « 5 % »",
        ),
        ("max_unmapped: -2\n", "clé « max_unmapped » (ligne 1) : « -2 » n'est pas une part"),
        (
            "targets:\n  social: beaucoup\n",
            "clé « targets.social » (ligne 2) : « beaucoup » n'est pas une part",
        ),
        (
            "targets:\n  pcaet:\n    base_year: 2024\n    yearly_reduction: 400\n    target_year: 2030\n",
            "clé « targets.pcaet.yearly_reduction » (ligne 4) : « 400 » n'est pas une part",
        ),
    ],
)
def test_config_share_errors_name_the_key_path(tmp_path: Path, text: str, message: str) -> None:
    check_config_error(tmp_path, text, message)  # located ConfigError, and exit 3 from achats run


def test_config_share_error_in_english(tmp_path: Path) -> None:
    path = tmp_path / "achats.yaml"
    path.write_text("max_unmapped: 5 pour cent\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "key 'max_unmapped' (line 1): '5 pour cent' is not a share" in info.value.render("en")


def test_targets_and_reduction_use_the_same_reading(tmp_path: Path) -> None:
    path = tmp_path / "achats.yaml"
    path.write_text(
        "targets:\n  social: 30 %\n  environmental: 1.0\n"
        "  pcaet: {base_year: 2024, yearly_reduction: '4 %', target_year: 2030}\n",
        encoding="utf-8",
    )
    cfg = load_config(path)
    assert cfg.clause_targets == {"social": pytest.approx(0.30), "environmental": 1.0}
    assert cfg.trajectory is not None
    assert cfg.trajectory.yearly_reduction == pytest.approx(0.04)
