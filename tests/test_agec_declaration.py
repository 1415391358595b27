"""The official AGEC declaration's rows: the tool's own check (jsonschema + stdnum + amounts),
and an independent reading of the official Table Schema file to check what the tool writes."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.circular.declaration import check_rows, row_schema
from achats_durables.knowledge.agec import load_declaration

FURNITURE = "Mobilier et aménagement d'intérieur"
GOOD = {
    "annee": 2025,
    "siret": "29994101300011",
    "raison_sociale": "Ville de Blois",
    "type_produit_acquis": FURNITURE,
    "montant_total": 6600.0,
    "montant_reemploi_et_reutilisation": 2600.0,
    "montant_produits_issus_don": 600.0,
    "montant_produits_recycles": 0.0,
    "commentaires": None,
}


def official_problems(text: str, schema: dict[str, Any]) -> list[str]:
    """Every departure of a CSV text from a Table Schema, read here without the tool's code:
    header = the fields in order, required cells filled, year/number types, pattern, enum."""
    fields = schema["fields"]
    rows = list(csv.reader(io.StringIO(text)))
    problems = []
    if rows[0] != [f["name"] for f in fields]:
        problems.append(f"header {rows[0]}")
    for n, row in enumerate(rows[1:], start=2):
        for f, value in zip(fields, row, strict=True):
            cons = f.get("constraints", {})
            if value == "":
                if cons.get("required"):
                    problems.append(f"row {n} {f['name']} empty")
                continue
            if f["type"] == "year" and not re.fullmatch(r"\d{4}", value):
                problems.append(f"row {n} {f['name']} not a year: {value}")
            if f["type"] == "number" and not re.fullmatch(r"-?\d+(\.\d+)?", value):
                problems.append(f"row {n} {f['name']} not a number: {value}")
            if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
                problems.append(f"row {n} {f['name']} pattern: {value}")
            if "enum" in cons and value not in cons["enum"]:
                problems.append(f"row {n} {f['name']} enum: {value}")
    return problems


def test_the_row_schema_follows_the_declaration_fields() -> None:
    schema = row_schema(load_declaration())
    assert schema["required"] == [
        "annee",
        "siret",
        "raison_sociale",
        "type_produit_acquis",
        "montant_total",
        "montant_reemploi_et_reutilisation",
        "montant_produits_issus_don",
        "montant_produits_recycles",
    ]
    assert schema["properties"]["siret"] == {"type": "string", "pattern": "^\\d{14}$"}
    assert len(schema["properties"]["type_produit_acquis"]["enum"]) == 17


def test_a_good_row_passes() -> None:
    assert check_rows([GOOD], load_declaration()) == []


@pytest.mark.parametrize(
    ("change", "code", "column"),
    [
        ({"siret": "2999410130001"}, "agec-row-siret", "siret"),
        ({"siret": "29994101300012"}, "agec-row-siret-checksum", "siret"),
        ({"type_produit_acquis": "Mobilier"}, "agec-row-category", "type_produit_acquis"),
        ({"montant_total": "6600,00"}, "agec-row-type", "montant_total"),
        ({"annee": "2025a"}, "agec-row-type", "annee"),
        (
            {"montant_reemploi_et_reutilisation": 7000.0},
            "agec-row-above-total",
            "montant_reemploi_et_reutilisation",
        ),
        ({"montant_produits_recycles": -1.0}, "agec-row-negative", "montant_produits_recycles"),
        (
            {"montant_produits_issus_don": 3000.0},
            "agec-row-gifts-above-reuse",
            "montant_produits_issus_don",
        ),
    ],
)
def test_each_bad_cell_is_named(change: dict[str, Any], code: str, column: str) -> None:
    issues = check_rows([{**GOOD, **change}], load_declaration(), "declaration.csv")
    assert code in [i.code for i in issues]
    first = next(i for i in issues if i.code == code)
    assert (first.location.row, first.location.column) == (2, column)
    assert first.message("fr").startswith("declaration.csv, ligne 2, colonne")


def test_a_missing_column_is_named() -> None:
    row = {k: v for k, v in GOOD.items() if k != "raison_sociale"}
    issues = check_rows([row], load_declaration())
    assert [i.code for i in issues] == ["agec-row-missing"]
    assert "raison_sociale" in issues[0].message("fr")


def test_check_command_on_a_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "declaration.csv"
    header = list(GOOD)
    rows = [
        {**GOOD},
        {**GOOD, "siret": "29994101300012"},
        {**GOOD, "type_produit_acquis": "Jouets"},
        {**GOOD, "montant_reemploi_et_reutilisation": 9000},
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if r[k] is None else r[k] for k in header])
    result = CliRunner().invoke(cli.app, ["agec", "--check", str(path)])
    assert result.exit_code == 3, result.output
    err = result.stderr
    assert "ligne 3, colonne « siret »" in err
    assert "ligne 4, colonne « type_produit_acquis »" in err
    assert "« Jeux et jouets »" in err
    assert "ligne 5, colonne « montant_reemploi_et_reutilisation »" in err


def test_check_command_on_the_official_example(shared_dir: Path) -> None:
    """The schema's own valid example passes its format checks; its amounts above the total
    (the README says so) are what the tool refuses."""
    example = shared_dir / "agec" / "exemple_valide_declaration.csv"
    result = CliRunner().invoke(cli.app, ["agec", "--check", str(example)])
    assert result.exit_code == 3
    assert "supérieur au montant total" in result.stderr
    assert "siret" not in result.stderr.lower().replace("siret »", "")  # SIRETs are valid


def test_official_problems_reader_catches_a_bad_csv(shared_dir: Path) -> None:
    """The independent reader of the official schema can fail (else it proves nothing)."""
    schema = json.loads(
        (shared_dir / "agec" / "schema_declaration_biens_valorisation_v0.1.0.json").read_text(
            encoding="utf-8"
        )
    )
    header = ",".join(f["name"] for f in schema["fields"])
    bad = f"{header}\n2025,123,Ville,Meubles,10,1,0,0,\n"
    assert len(official_problems(bad, schema)) == 2
