"""One schema path for every YAML file: typed models, errors located by file, line and key path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.core.errors import ConfigError, FactorError, MappingError
from achats_durables.i18n import messages
from achats_durables.knowledge.config import load_config
from achats_durables.knowledge.factors import load_factor_set, load_price_index
from achats_durables.knowledge.mapping import load_mapping_rules

from .conftest import REPO

SET_HEAD = "id: s\nuncertainty: 0.5\nfactors:\n"
GOOD_FACTOR = "  - id: f1\n    beges: '4.1'\n    values: {2023: 100}\n"


def _factor_error(tmp_path: Path, text: str) -> FactorError:
    path = tmp_path / "jeu.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FactorError) as info:
        load_factor_set(path)
    return info.value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            SET_HEAD + GOOD_FACTOR + "    valeur: 3\n",
            "jeu.yaml : clé inconnue « factors[0].valeur » (ligne 7). Clés possibles : beges, "
            "id, kind, label, naf, note, ref, refs, type, uncertainty, unit, upstream, "
            "upstream_beges, upstream_values, value, values.",
        ),
        (
            SET_HEAD + "  - id: f1\n    beges: '4.1'\n    values: {2023: beaucoup}\n",
            "jeu.yaml : clé « factors[0].values.2023 » (ligne 6) : un nombre est attendu "
            '(lu : "beaucoup").',
        ),
        (
            SET_HEAD + "  - id: f1\n    beges: '4.1'\n    values: {2023: -4}\n",
            "jeu.yaml : clé « factors[0].values.2023 » (ligne 6) : un nombre ≥ 0 est attendu "
            "(lu : -4).",
        ),
        (
            SET_HEAD + "  - id: f1\n    beges: '4.1'\n    values: {deux: 4}\n",
            "jeu.yaml : clé « factors[0].values.deux » (ligne 6) : une année (nombre entier) est "
            'attendue comme clé (lu : "deux").',
        ),
        (
            SET_HEAD + "  - id: f1\n    values: {2023: 4}\n",
            "jeu.yaml : clé « factors[0].beges » (ligne 4) : valeur obligatoire manquante.",
        ),
        (
            SET_HEAD + GOOD_FACTOR + GOOD_FACTOR,
            'jeu.yaml : clé « factors[1].id » (ligne 7) : identifiant "f1" en double.',
        ),
        (
            SET_HEAD + "  - id: f1\n    beges: '4.1'\n    kind: physique\n    value: 2\n",
            "jeu.yaml : clé « factors[0].kind » (ligne 6) : une valeur parmi « monetary », "
            '« physical » est attendue (lu : "physique").',
        ),
        (
            SET_HEAD + "  - id: f1\n    beges: '4.1'\n    kind: physical\n",
            "jeu.yaml : clé « factors[0].value » (ligne 4) : un nombre est attendu (lu : vide).",
        ),
        (
            "id: s\nuncertainty: true\nfactors: []\n",
            "jeu.yaml : clé « uncertainty » (ligne 2) : un nombre est attendu (lu : true).",
        ),
        ("- a\n- b\n", "jeu.yaml : clé « (document) » (ligne 1) : une table (clé: valeur) est"),
    ],
)
def test_factor_set_errors_are_located(tmp_path: Path, text: str, message: str) -> None:
    assert str(_factor_error(tmp_path, text)).startswith(message)


def test_factor_set_error_in_english(tmp_path: Path) -> None:
    error = _factor_error(
        tmp_path, SET_HEAD + "  - id: f1\n    beges: 4.1\n    values: {2023: x}\n"
    )
    assert error.render("en") == (
        "jeu.yaml: key 'factors[0].values.2023' (line 6): a number is expected (found: \"x\")."
    )
    assert error.exit_code == 3


def test_price_index_errors_are_located(tmp_path: Path) -> None:
    path = tmp_path / "ipc.yaml"
    path.write_text("id: ipc\nvalues:\n  2015: 100\n  2016: 0\n", encoding="utf-8")
    with pytest.raises(FactorError) as info:
        load_price_index(path)
    assert str(info.value) == (
        "ipc.yaml : clé « values.2016 » (ligne 4) : un nombre ≥ 0.0001 est attendu (lu : 0)."
    )


def _rules_error(tmp_path: Path, text: str, name: str = "regles.yaml") -> MappingError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as info:
        load_mapping_rules([path], defaults=False)
    return info.value


RULES_HEAD = "id: local\nrules:\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            RULES_HEAD + "  - id: a\n    when: {account: '6O64'}\n    factor: f\n",
            "regles.yaml : clé « rules[0].when.account » (ligne 4) : des chiffres sont attendus "
            '(lu : "6O64").',
        ),
        (
            RULES_HEAD + "  - id: a\n    when: {acount: '6064'}\n    factor: f\n",
            "regles.yaml : clé inconnue « rules[0].when.acount » (ligne 4). Clés possibles : "
            "account, contract, cpv, entity, label, nomenclature, supplier, supplier_siret.",
        ),
        (
            RULES_HEAD + "  - id: a\n    when: {supplier_siret: '1234'}\n    factor: f\n",
            "regles.yaml : clé « rules[0].when.supplier_siret » (ligne 4) : un SIREN (9 chiffres)"
            ' ou un SIRET (14) est attendu (lu : "1234").',
        ),
        (
            RULES_HEAD + "  - id: a\n    when: {account: '60'}\n",
            "regles.yaml : clé « rules[0] » (ligne 3) : une règle a soit « factor », soit "
            "« exclude », soit « quantify: true ».",
        ),
        (
            RULES_HEAD + "  - id: a\n    when: {account: '60'}\n    factor: f\n"
            "    physical: {litre: g}\n",
            "regles.yaml : clé inconnue « rules[0].physical.litre » (ligne 6). Clés possibles : "
            "L, kWh, kWh PCI, kWh PCS, kg, km, m, m2, m3, m3.km, passager.km, personne.mois, "
            "repas, t, t.km, u.",
        ),
        (
            RULES_HEAD + "  - id: a\n    when: {label: 'papier('}\n    factor: f\n",
            "regles.yaml : clé « rules[0].when.label » (ligne 4) : règle « a », expression "
            "« papier( » invalide (missing ), unterminated subpattern at position 6).",
        ),
        (
            RULES_HEAD + "  - id: a\n    when: {account: '60'}\n    factor: f\n"
            "  - id: a\n    when: {account: '61'}\n    factor: f\n",
            "regles.yaml : clé « rules[1].id » (ligne 6) : identifiant de règle « a » en double "
            "(déjà dans regles.yaml).",
        ),
    ],
)
def test_mapping_errors_are_located(tmp_path: Path, text: str, message: str) -> None:
    assert str(_rules_error(tmp_path, text)) == message


def test_factors_check_exits_3_with_the_located_message(tmp_path: Path) -> None:
    path = tmp_path / "jeu.yaml"
    path.write_text(SET_HEAD + GOOD_FACTOR + "    valeur: 3\n", encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["factors", "check", "--factors", str(path)])
    assert result.exit_code == 3
    assert "clé inconnue « factors[0].valeur » (ligne 7)" in " ".join(result.stderr.split())
    english = CliRunner().invoke(
        cli.app, ["factors", "check", "--factors", str(path), "--lang", "en"]
    )
    assert english.exit_code == 3
    assert "unknown key 'factors[0].valeur' (line 7)" in " ".join(english.stderr.split())


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "achats.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_validated_rules_are_read_from_the_config(tmp_path: Path) -> None:
    path = _config(tmp_path, "validated: [m57-6064-papier, m57-611, m57-6064-papier]\n")
    assert load_config(path).validated_rules == ("m57-6064-papier", "m57-611")
    assert load_config(_config(tmp_path, "validated: m57-611\n")).validated_rules == ("m57-611",)
    assert load_config(_config(tmp_path, "output: r\n")).validated_rules == ()


def test_a_validated_entry_that_is_no_rule_id_is_refused(tmp_path: Path) -> None:
    path = _config(tmp_path, "validated:\n  - m57-611\n  - {id: x}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value) == (
        'achats.yaml : clé « validated[1] » (ligne 3) : un texte est attendu (lu : {"id": "x"}).'
    )
    with pytest.raises(ConfigError) as info:
        load_config(_config(tmp_path, "validated: ['m57 611']\n"))
    assert "clé « validated[0] » (ligne 1) : un identifiant de règle est attendu" in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "amortisation_years: 0\n",
            "clé « amortisation_years » (ligne 1) : un nombre ≥ 1 est attendu (lu : 0).",
        ),
        ("output: '  '\n", "clé « output » (ligne 1) : un texte non vide est attendu"),
        (
            "factors: [absent.yaml]\n",
            "clé « factors[0] » (ligne 1) : fichier introuvable : absent.yaml.",
        ),
        (
            "targets:\n  spaser_threshold_eur: -5\n",
            "clé « targets.spaser_threshold_eur » (ligne 2) : un nombre ≥ 0 est attendu (lu : -5)",
        ),
        (
            "energy_prices: {gaz: 0.09, source: [factures]}\n",
            'clé « energy_prices.source » (ligne 1) : un texte est attendu (lu : ["factures"])',
        ),
        (
            "years:\n  vingt: {ledgers: [a.xlsx]}\n",
            'clé « years.vingt » (ligne 2) : une année est attendue, par exemple 2025 (lu : "vingt")',
        ),
    ],
)
def test_config_errors_say_what_is_expected_and_found(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(_config(tmp_path, text))
    assert message in str(info.value)


def test_every_schema_fault_code_has_french_and_english_text() -> None:
    used: set[str] = set()
    for path in (REPO / "src" / "achats_durables").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'schema_fault\(\s*"([a-z0-9-]+)"', text))
        used |= set(re.findall(r'"(expect-[a-z0-9-]+)"', text))
    assert len(used) > 20
    assert sorted(c for c in used if not messages.has(c)) == []


def test_loading_rules_does_not_import_pandas() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from achats_durables.knowledge.mapping import load_mapping_rules\n"
        "from achats_durables.knowledge.factors import load_factor_sets\n"
        "load_mapping_rules(); load_factor_sets()\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
