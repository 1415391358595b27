"""``achats factors check`` on the rules: coverage of the M57 leaves, labels, statuses, proxies."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.core.errors import FactorError
from achats_durables.knowledge.mapping import RuleSet, load_mapping_file, load_mapping_rules
from achats_durables.knowledge.rule_checks import check_rules, leaf_accounts

from .conftest import REPO, skip_without_shared

NOMENCLATURE = REPO / "factors" / "nomenclatures" / "m57-2025-comptes-classes-2-6.csv"
runner = CliRunner()


def _nomenclature(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["code", "libelle", "classe"])
        writer.writerows(rows)
    return path


def _shipped_layer(path: Path, doc: dict[str, object]) -> RuleSet:
    """A rule file loaded as the shipped layer (1), where labels and statuses are checked."""
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    info, rules = load_mapping_file(path, layer=1)
    return RuleSet(rules=tuple(rules), files=(info,))


def test_shipped_rules_pass() -> None:
    result = check_rules(load_mapping_rules())
    assert result.ok, [i.message() for i in result.problems]
    # factors/nomenclatures/README.md: M57 628 + 355 leaves of classes 2 and 6, M14 627
    assert [(c.nomenclature, c.leaves, c.unreached) for c in result.charts] == [
        ("M57", 628 + 355, ()),
        ("M14", 627, ()),
    ]
    assert result.labels_checked > 150
    assert result.warnings == ()
    assert result.statuses == {"proposition": 362 + 26 + 41 + 223}


def test_unreached_leaf_and_wrong_label(tmp_path: Path) -> None:
    nomenclature = _nomenclature(
        tmp_path / "m57.csv",
        [("6064", "Fournitures de bureau", "6"), ("8881", "Compte fictif", "8")],
    )
    result = check_rules(load_mapping_rules(), charts={"M57": nomenclature})
    (chart,) = result.charts
    assert (chart.leaves, chart.unreached) == (2, ("8881",))
    assert result.labels_checked == 1
    codes = [i.code for i in result.problems]
    assert codes == ["rules-leaf-unreached", "rules-label-mismatch"]
    assert result.problems[0].message() == (
        "m57.csv : 1 compte(s) feuille(s) des classes 2 et 6 de la M57 sans règle : 8881. "
        "Ajoutez une règle sur le compte ou sur un préfixe parent."
    )
    assert result.problems[1].message() == (
        "m57.yaml : règle « m57-6064 » : libellé « Fournitures administratives », alors que la "
        "nomenclature M57 nomme le compte 6064 « Fournitures de bureau »."
    )


def test_a_local_rule_reaches_a_leaf_and_its_label_is_free(tmp_path: Path) -> None:
    nomenclature = _nomenclature(tmp_path / "m57.csv", [("8881", "Compte fictif", "8")])
    local = tmp_path / "local.yaml"
    local.write_text(
        "rules:\n  - {id: l-8881, when: {account: '8881'}, factor: naf-C17, label: Autre}\n",
        encoding="utf-8",
    )
    result = check_rules(load_mapping_rules([local]), charts={"M57": nomenclature})
    assert result.ok
    assert result.charts[0].unreached == ()
    assert result.labels_checked == 0  # only the shipped rules carry the nomenclature's labels


def test_a_label_subrule_does_not_reach_a_leaf(tmp_path: Path) -> None:
    nomenclature = _nomenclature(tmp_path / "m57.csv", [("8881", "Compte fictif", "8")])
    rules = _shipped_layer(
        tmp_path / "x.yaml",
        {
            "rules": [
                {"id": "x", "when": {"account": "8881", "label": "papier"}, "factor": "naf-C17"}
            ]
        },
    )
    assert check_rules(rules, charts={"M57": nomenclature}).charts[0].unreached == ("8881",)


def test_status_and_proxy_note(tmp_path: Path) -> None:
    nomenclature = _nomenclature(tmp_path / "m57.csv", [("8881", "Compte fictif", "8")])
    rules = _shipped_layer(
        tmp_path / "x.yaml",
        {
            "rules": [
                {
                    "id": "a",
                    "when": {"account": "8881"},
                    "factor": "naf-C17",
                    "label": "Compte fictif",
                    "status": "validée",
                },
                {"id": "b", "when": {"account": "88"}, "factor": "naf-C17", "proxy": True},
            ]
        },
    )
    result = check_rules(rules, charts={"M57": nomenclature})
    assert [i.message() for i in result.problems] == [
        "x.yaml : règle « a » : statut « validée » inconnu (attendu : proposition, valide).",
        "x.yaml : règle « b » : approximation (proxy: true) sans note qui dise pourquoi.",
    ]


def test_validated_counts_and_unknown_ids() -> None:
    result = check_rules(load_mapping_rules(), frozenset({"m57-6064", "m57-6046"}))
    assert result.statuses["validated-config"] == 1
    assert result.statuses["proposition"] == 362 + 26 + 41 + 223 - 1
    (warning,) = result.warnings
    assert warning.code == "validated-rule-unknown"
    assert warning.params == {"count": 1, "ids": "m57-6046"}
    assert result.ok  # a warning, not a failure


def test_unreadable_nomenclature(tmp_path: Path) -> None:
    bad = tmp_path / "m57.csv"
    bad.write_text("numero,nom\n6064,x\n", encoding="utf-8")
    with pytest.raises(FactorError) as err:
        leaf_accounts(bad)
    assert err.value.code == "nomenclature-unreadable"


def test_shipped_nomenclature_is_the_chart_leaves() -> None:
    """The leaves the check uses are those of the full M57 chart (../shared)."""
    from .conftest import shared_reference

    ref = shared_reference()
    chart = ref / "m57_plan_de_comptes_2025_nature.csv" if ref else None
    if chart is None or not chart.is_file():
        skip_without_shared()
    with chart.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    leaves = {
        r["code"]: r["libelle"]
        for r in rows
        if r["est_feuille"] == "oui" and r["classe"] in "26" and r.get("supprime") != "oui"
    }
    assert {code: label for code, label, _ in leaf_accounts(NOMENCLATURE)} == leaves


def test_cli_check_fails_on_a_broken_shipped_rule(tmp_path: Path) -> None:
    factors = shutil.copytree(REPO / "factors", tmp_path / "factors")
    m57 = factors / "mappings" / "m57.yaml"
    text = m57.read_text(encoding="utf-8")
    old = (
        '    when: {account: "6064"}\n    factor: naf-C17\n    label: "Fournitures administratives"'
    )
    assert old in text
    m57.write_text(text.replace(old, old.replace("administratives", "de bureau")), "utf-8")
    result = runner.invoke(cli.app, ["factors", "check"], env={"ACHATS_FACTORS": str(factors)})
    assert result.exit_code == 3
    assert "règle « m57-6064 » : libellé « Fournitures de bureau »" in " ".join(
        result.stderr.split()
    )


def test_cli_check_warns_on_unknown_validated(tmp_path: Path) -> None:
    config = tmp_path / "achats.yaml"
    config.write_text("validated: [m57-6064, m57-606400]\n", encoding="utf-8")
    result = runner.invoke(
        cli.app, ["factors", "check", "--config", str(config)], env={"COLUMNS": "300"}
    )
    assert result.exit_code == 0, result.output
    assert "aucune règle chargée et ne valident rien : m57-606400" in result.stdout
    assert "1 validée(s) dans achats.yaml (validated)" in result.stdout
    assert "983 comptes feuilles des classes 2 et 6 (M57), tous atteints" in result.stdout
    assert "627 comptes feuilles des classes 2 et 6 (M14), tous atteints" in result.stdout


def test_gaps_left_by_set_aside_rules_are_a_warning(tmp_path: Path) -> None:
    """With the user's own factor sets, shipped rules step aside: the check does not fail."""
    from achats_durables.knowledge.mapping import SetAside

    nomenclature = _nomenclature(tmp_path / "m57.csv", [("8881", "Compte fictif", "8")])
    rules = RuleSet(rules=(), files=(), set_aside=(SetAside("m57.yaml", 362, 0, ("naf-C17",)),))
    result = check_rules(rules, charts={"M57": nomenclature})
    assert result.ok
    assert result.charts[0].unreached == ("8881",)
    (warning,) = result.warnings
    assert (warning.code, warning.severity) == ("rules-leaf-unreached", "warning")


def test_m14_leaf_and_label(tmp_path: Path) -> None:
    """An M14 leaf is reached for an M14 line; an M14 rule carries the M14 chart's label."""
    m14 = _nomenclature(
        tmp_path / "m14.csv",
        [("6023", "Alimentation", "6"), ("2185", "Bétail", "2")],  # m14-2185 says « Cheptel »
    )
    result = check_rules(load_mapping_rules(), charts={"M14": m14})
    assert result.charts[0].unreached == ()
    assert [i.message() for i in result.problems] == [
        "m14.yaml : règle « m14-2185 » : libellé « Cheptel », alors que la nomenclature M14 "
        "nomme le compte 2185 « Bétail »."
    ]


def test_shipped_m14_list_is_the_script_output() -> None:
    """factors/nomenclatures/m14-2022-comptes-classes-2-6.csv = build_nomenclature (../shared)."""
    import importlib.util

    from .conftest import shared_reference

    ref = shared_reference()
    if ref is None or not (ref / "m14_plan_de_comptes_nature.csv").is_file():
        skip_without_shared()
    spec = importlib.util.spec_from_file_location(
        "build_nomenclature", REPO / "scripts" / "build_nomenclature.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = REPO / "factors" / "nomenclatures" / "m14-2022-comptes-classes-2-6.csv"
    assert shipped.read_text(encoding="utf-8") == module.build_m14(ref)
