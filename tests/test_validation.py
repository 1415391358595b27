"""Rules confirmed by the finance team (``validated:`` in achats.yaml): status, listing, footprint.

The expected emissions are computed here by hand from the factor file and the price index, as
in ``test_footprint.py``; the engine only has to agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.core.errors import ConfigError
from achats_durables.knowledge.config import load_config
from achats_durables.knowledge.mapping import load_mapping_rules
from achats_durables.knowledge.validation import (
    effective_status,
    is_pending,
    rule_rows,
    status_counts,
    unknown_validated,
    validated_issues,
)
from achats_durables.operations.pipeline import load_setup, run_footprint

from .conftest import REPO, LedgerFactory

FACTORS = yaml.safe_load(
    (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
)
VALUES = {f["id"]: f["values"] for f in FACTORS["factors"]}
IPC = yaml.safe_load(
    (REPO / "factors" / "indices" / "insee-ipc-base2015.yaml").read_text(encoding="utf-8")
)["values"]

# A local rule file of proposals, with one rule the project already validated.
RULES = {
    "id": "local",
    "status": "proposition",
    "rules": [
        {"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17", "note": "Papier."},
        {"id": "info", "when": {"account": "2183"}, "factor": "naf-C26"},
        {"id": "etudes", "when": {"account": "617"}, "factor": "naf-M71", "status": "valide"},
        {"id": "personnel", "when": {"account": "64"}, "exclude": "Personnel : hors achats"},
    ],
}
HEADER = ["Exercice", "Nature", "Libellé", "Fournisseur", "Montant HT"]
ROWS = [
    [2023, "6064", "Ramettes", "A", 1000],
    [2023, "6064", "Enveloppes", "A", 500],
    [2023, "2183", "Portables", "B", 2000],
    [2023, "617", "Étude", "C", 4000],
    [2023, "6411", "Salaires", "", 9000],
]
runner = CliRunner()


def _by_hand() -> dict[str, float]:
    """kgCO2e per rule: 2023 euros, 2023 ratios (no price-index conversion)."""
    return {
        "papier": 1500 / 1000 * VALUES["naf-C17"][2023],
        "info": 2000 / 1000 * VALUES["naf-C26"][2023],
        "etudes": 4000 / 1000 * VALUES["naf-M71"][2023],
    }


@pytest.fixture
def workspace(tmp_path: Path, make_ledger: LedgerFactory) -> tuple[Path, Path]:
    (tmp_path / "local.yaml").write_text(yaml.safe_dump(RULES), encoding="utf-8")
    return tmp_path, make_ledger(ROWS, header=HEADER)


def _config(folder: Path, validated: list[str] | None) -> Path:
    doc: dict[str, object] = {"mappings": ["local.yaml"]}
    if validated is not None:
        doc["validated"] = validated
    path = folder / "achats.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def _pending_kg(folder: Path, ledger: Path, validated: list[str] | None) -> tuple[float, object]:
    """Emissions (kgCO2e) of the lines resting on rules « à valider », and the report."""
    # the local rules (layer 0) beat the shipped ones on every line
    setup = load_setup(_config(folder, validated))
    report = run_footprint([ledger], setup, year=2023)
    lines = report.lines
    return float(lines.loc[lines["proposition"], "emissions_kgco2e"].sum()), report


def test_validating_a_rule_moves_exactly_its_emissions(workspace: tuple[Path, Path]) -> None:
    folder, ledger = workspace
    by_hand = _by_hand()
    before, report = _pending_kg(folder, ledger, None)
    # « etudes » is validated in its file: only papier and info are « à valider »
    assert before == pytest.approx(by_hand["papier"] + by_hand["info"], rel=1e-12)
    total_kg = report.totals.emissions_tco2e * 1000  # type: ignore[attr-defined]
    assert total_kg == pytest.approx(sum(by_hand.values()), rel=1e-12)
    after, report = _pending_kg(folder, ledger, ["papier"])
    assert before - after == pytest.approx(by_hand["papier"], rel=1e-12)
    assert after == pytest.approx(by_hand["info"], rel=1e-12)
    assert report.options["validated_rules"] == ["papier"]  # type: ignore[attr-defined]
    codes = [i.code for i in report.issues]  # type: ignore[attr-defined]
    assert "proposition-rules-used" in codes
    assert "validated-rule-unknown" not in codes


def test_all_validated_no_share_left(workspace: tuple[Path, Path]) -> None:
    folder, ledger = workspace
    pending, report = _pending_kg(folder, ledger, ["papier", "info"])
    assert pending == 0
    codes = [i.code for i in report.issues]  # type: ignore[attr-defined]
    assert "proposition-rules-used" not in codes


def test_unknown_validated_id_is_a_french_warning(workspace: tuple[Path, Path]) -> None:
    folder, ledger = workspace
    _, report = _pending_kg(folder, ledger, ["papier", "papeir", "m57-9999"])
    (issue,) = [i for i in report.issues if i.code == "validated-rule-unknown"]  # type: ignore[attr-defined]
    assert issue.severity == "warning"
    text = issue.message("fr")
    assert text.startswith("achats.yaml : validated : 2 identifiant(s) ne désignent aucune règle")
    assert "papeir, m57-9999" in text


def test_config_reads_validated(tmp_path: Path) -> None:
    path = tmp_path / "achats.yaml"
    path.write_text("validated:\n  - m57-6064\n  - ' cpv-30 '\n", encoding="utf-8")
    assert load_config(path).validated_rules == ("m57-6064", "cpv-30")
    path.write_text("validated: m57-6064\n", encoding="utf-8")
    assert load_config(path).validated_rules == ("m57-6064",)
    path.write_text("{}\n", encoding="utf-8")
    assert load_config(path).validated_rules == ()


def test_config_rejects_a_validated_table(tmp_path: Path) -> None:
    path = tmp_path / "achats.yaml"
    path.write_text("validated: {m57-6064: oui}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert "validated" in err.value.render("fr")
    assert "une liste est attendue" in err.value.render("fr")


def test_status_helpers(tmp_path: Path) -> None:
    path = tmp_path / "local.yaml"
    path.write_text(yaml.safe_dump(RULES), encoding="utf-8")
    rules = load_mapping_rules([path], defaults=False)
    by_id = {r.id: r for r in rules.rules}
    validated = {"papier"}
    assert [is_pending(by_id[i], validated) for i in ("papier", "info", "etudes")] == [
        False,
        True,
        False,
    ]
    assert effective_status(by_id["papier"], validated) == "validated-config"
    assert effective_status(by_id["info"], validated) == "proposition"
    assert effective_status(by_id["etudes"], validated) == "valide"
    assert status_counts(rules, validated) == {
        "validated-config": 1,
        "proposition": 2,
        "valide": 1,
    }
    assert unknown_validated(rules, ["papier", "x", "x", "info"]) == ["x"]
    assert validated_issues(rules, ["papier"]) == []
    rows = rule_rows(rules, validated, propositions=True)
    assert [(r.id, r.reason, r.status) for r in rows] == [
        ("info", "", "proposition"),
        ("personnel", "Personnel : hors achats", "proposition"),
    ]


def test_factors_rules_propositions_and_validated(workspace: tuple[Path, Path]) -> None:
    folder, _ = workspace
    config = _config(folder, ["papier", "nope"])
    args = ["factors", "rules", "--config", str(config)]
    listed = runner.invoke(cli.app, args, env={"COLUMNS": "250"})
    assert listed.exit_code == 0, listed.output
    row = next(line for line in listed.stdout.splitlines() if " papier " in line)
    assert "validée (achats.yaml)" in row
    assert "Papier." in row  # the reason
    pending = runner.invoke(cli.app, [*args, "--propositions"], env={"COLUMNS": "250"})
    assert pending.exit_code == 0
    ids = {line.split("│")[1].strip() for line in pending.stdout.splitlines() if "│" in line}
    assert "papier" not in ids
    assert {"info", "personnel"} <= ids
    assert "etudes" not in ids
    assert "nope" in pending.stderr


def test_explain_shows_a_validated_rule_as_validated(workspace: tuple[Path, Path]) -> None:
    from achats_durables.footprint.explain import explain_row

    folder, ledger = workspace
    setup = load_setup(_config(folder, ["papier"]))
    report = run_footprint([ledger], setup, year=2023)
    papier = explain_row(report, setup.rules, setup.factor_sets, setup.index, 2)  # row 2: 6064
    info = explain_row(report, setup.rules, setup.factor_sets, setup.index, 4)  # row 4: 2183
    assert papier.winner is not None
    assert info.winner is not None
    assert (papier.winner["id"], papier.winner["status"]) == ("papier", "validated-config")
    assert (info.winner["id"], info.winner["status"]) == ("info", "proposition")
