"""AGEC art. 58 knowledge: the declaration's fields and categories, the targets, the config's
``agec:`` section and the buyers' SIRET (issue 14 item 1)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from achats_durables.core.errors import ConfigError, ExitCode
from achats_durables.knowledge.agec import (
    Target,
    load_declaration,
    load_targets,
    target_for,
)
from achats_durables.knowledge.config import load_config

from .conftest import REPO

TEXTILES = "Produits textiles à l'exception des équipements de protection individuels"
FURNITURE = "Mobilier et aménagement d'intérieur"
STREET = "Mobilier urbain"


def test_the_shipped_files_are_the_build_scripts_output(shared_dir: Path) -> None:
    shared = shared_dir
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "build_agec.py"),
            "--shared",
            str(shared),
            "--check",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_the_declaration_is_the_official_schema(shared_dir: Path) -> None:
    official = json.loads(
        (shared_dir / "agec" / "schema_declaration_biens_valorisation_v0.1.0.json").read_text(
            encoding="utf-8"
        )
    )
    declaration = load_declaration()
    assert [f.name for f in declaration.fields] == [f["name"] for f in official["fields"]]
    enum = next(f for f in official["fields"] if f["name"] == "type_produit_acquis")
    assert list(declaration.categories) == enum["constraints"]["enum"]
    assert declaration.version == official["version"] == "v0.1.0"


def test_seventeen_categories_in_schema_order() -> None:
    categories = load_declaration().categories
    assert len(categories) == 17
    assert categories[0] == TEXTILES
    assert categories[-1] == "Jeux et jouets"


def test_targets_as_the_sources_give_them() -> None:
    targets = load_targets(load_declaration())
    assert len(targets) == 51  # 17 categories × 2024, 2027, 2030
    textiles_2024 = target_for(targets, TEXTILES, 2024)
    assert textiles_2024 is not None
    assert (textiles_2024.reuse, textiles_2024.recycled) == (0.08, 0.20)
    # a target holds from its year until the next target year
    assert target_for(targets, TEXTILES, 2026) == textiles_2024
    later = target_for(targets, TEXTILES, 2028)
    assert later is not None
    assert (later.year, later.reuse, later.recycled) == (2027, 0.15, 0.25)
    street = target_for(targets, STREET, 2031)
    assert street is not None
    assert (street.reuse, street.recycled) == (None, 0.40)
    # never invented: a category without a sourced rate keeps None
    paper = target_for(targets, "Papier", 2025)
    assert paper is not None
    assert (paper.reuse, paper.recycled) == (None, None)
    assert target_for(targets, TEXTILES, 2023) is None  # before the decree


def test_a_config_target_wins_over_the_shipped_one() -> None:
    shipped = load_targets(load_declaration())
    mine = Target("Papier", 2024, None, 0.4, "annexe du décret", from_config=True)
    found = target_for((mine, *shipped), "Papier", 2025)
    assert found is mine


def _config(tmp_path: Path, doc: dict[str, object]) -> Path:
    path = tmp_path / "achats.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_entity_siret_is_checked_with_its_check_digit(tmp_path: Path) -> None:
    ok = _config(
        tmp_path,
        {"entities": [{"name": "Ville", "siren": "299941013", "siret": "299 941 013 00011"}]},
    )
    assert load_config(ok).entities[0].siret == "29994101300011"
    for siret, words in (
        ("29994101300012", "clé de contrôle"),
        ("2999410130001", "14 chiffres"),
        ("29994102100014", "SIREN 299941013"),
    ):
        bad = _config(
            tmp_path, {"entities": [{"name": "Ville", "siren": "299941013", "siret": siret}]}
        )
        with pytest.raises(ConfigError) as err:
            load_config(bad)
        message = err.value.render("fr")
        assert words in message, message
        assert "entities[0].siret" in message or "siret" in message
        assert err.value.exit_code == ExitCode.INPUT


def test_agec_section_read(tmp_path: Path) -> None:
    rules = tmp_path / "agec-local.yaml"
    rules.write_text("rules: []\n", encoding="utf-8")
    path = _config(
        tmp_path,
        {
            "agec": {
                "rules": ["agec-local.yaml"],
                "reuse_suppliers": ["299941013", "29994102100014"],
                "count_label_signals": True,
                "targets": [
                    {"category": "Papier", "year": 2024, "recycled": "40 %", "source": "annexe"}
                ],
                "gifts": [{"year": 2025, "category": FURNITURE, "amount": 600, "source": "grille"}],
            }
        },
    )
    agec = load_config(path).agec
    assert agec.rules == ("agec-local.yaml",)
    assert agec.reuse_suppliers == ("299941013", "299941021")  # a SIRET is kept as its SIREN
    assert agec.count_label_signals is True
    assert agec.targets[0].recycled == pytest.approx(0.40)
    assert agec.targets[0].reuse is None
    assert agec.targets[0].from_config
    assert agec.gifts[0].amount_eur == 600.0


@pytest.mark.parametrize(
    ("section", "words"),
    [
        (
            {"targets": [{"category": "Papiers", "year": 2024, "recycled": 0.4, "source": "x"}]},
            "« Papier »",
        ),
        (
            {"targets": [{"category": "Papier", "year": 2024, "recycled": "150 %", "source": "x"}]},
            "entre 0 et",
        ),
        ({"targets": [{"category": "Papier", "year": 2024, "recycled": 0.4}]}, "source"),
        (
            {"gifts": [{"year": 2025, "category": "Mobilier", "amount": 10, "source": "x"}]},
            "Mobilier",
        ),
        ({"gifts": [{"year": 2025, "category": FURNITURE, "amount": 0, "source": "x"}]}, "amount"),
        ({"reuse_suppliers": ["123456789"]}, "SIREN"),
        ({"rules": ["absent.yaml"]}, "absent.yaml"),
    ],
)
def test_bad_agec_section_is_a_located_error(
    tmp_path: Path, section: dict[str, object], words: str
) -> None:
    path = _config(tmp_path, {"agec": section})
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = err.value.render("fr")
    assert words in message, message
    assert "agec" in message
