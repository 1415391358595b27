"""No file a command writes (main or side file) may replace one of its inputs (issue 10 items 3, 4)."""

from __future__ import annotations

import os
from pathlib import Path

from .conftest import REPO, write_csv
from .test_cli import invoke

REGISTER = [
    ["N° marché", "Objet", "Montant HT", "Date de notification", "Considérations sociales",
     "Considérations environnementales"],
    ["2025-001", "Nettoyage des locaux", "120000", "15/03/2025", "Clause sociale",
     "Pas de considération environnementale"],
    ["2025-002", "Fournitures de bureau", "30000", "02/04/2025", "Pas de considération sociale",
     "Critère environnemental"],
]  # fmt: skip


def test_clauses_csv_detail_file_never_replaces_the_register(tmp_path: Path) -> None:
    register = write_csv(tmp_path / "registre-marches.csv", REGISTER)
    before = register.read_bytes()
    # « -o registre.csv » writes its detail file at registre-marches.csv: the register itself
    result = invoke("clauses", str(register), "-o", str(tmp_path / "registre.csv"))
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert "le rapport écraserait un fichier d'entrée" in result.stderr  # type: ignore[attr-defined]
    assert register.read_bytes() == before
    assert not (tmp_path / "registre.csv").exists()  # nothing written


def test_output_never_replaces_config_mapping_or_factors(tmp_path: Path) -> None:
    ledger = REPO / "examples" / "grand-livre-2025.xlsx"
    config = tmp_path / "achats.yaml"
    config.write_text("default_vat_rate: 0.2\n", encoding="utf-8")
    rules = tmp_path / "regles.yaml"
    rules.write_text("rules: []\n", encoding="utf-8")
    factors = tmp_path / "facteurs"
    factors.mkdir()
    own = factors / "mes-facteurs.yaml"
    own.write_text((REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text("utf-8"), "utf-8")
    link = tmp_path / "lien.json"
    link.symlink_to(config)
    hard = tmp_path / "dur.json"
    os.link(rules, hard)
    cases = [
        ["-c", str(config), "-o", str(config), "--format", "json"],
        ["--mapping", str(rules), "-o", str(rules), "--format", "json"],
        ["--factors", str(factors), "-o", str(own), "--format", "json"],
        ["-c", str(config), "-o", str(link)],  # a symlink to the config
        ["--mapping", str(rules), "-o", str(hard)],  # a hard link to the rules
    ]
    snapshot = {p: p.read_bytes() for p in (config, rules, own)}
    for args in cases:
        result = invoke("footprint", str(ledger), *args)
        assert result.exit_code == 3, (args, result.output)  # type: ignore[attr-defined]
        assert "le rapport écraserait un fichier d'entrée" in result.stderr  # type: ignore[attr-defined]
    assert {p: p.read_bytes() for p in snapshot} == snapshot
