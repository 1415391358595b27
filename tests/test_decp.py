"""DECP JSON records of the wrong JSON type are refused one by one, the rest read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.contracts.model import ContractError
from achats_durables.contracts.read import read_contracts

from .test_contracts import _concession, _marche

runner = CliRunner()
WRONG_VALUES: list[Any] = [{"a": 1}, [1, "x"], True, "texte", 12.5, [[[[[["profond"]]]]]]]


def _write(path: Path, records: list[Any], concessions: list[Any] | None = None) -> Path:
    data = {"marches": {"marche": records, "contrat-concession": concessions or []}}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _refusals(path: Path) -> list[str]:
    result = read_contracts([path])
    return [i.message() for i in result.issues if i.code == "decp-field-type"]


def test_wrong_types_refuse_the_record_with_the_schema_reason(tmp_path: Path) -> None:
    bad = _marche("B1", ["Clause sociale"], ["Sans objet"], objet={"texte": "x"}, dureeMois=True)
    path = _write(tmp_path / "decp.json", [bad, _marche("OK", ["Clause sociale"], ["Sans objet"])])
    result = runner.invoke(cli.app, ["clauses", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["totals"]["contracts"] == 1
    messages = [i["message"] for i in report["issues"] if i["code"] == "decp-field-type"]
    assert messages == [
        "decp.json : enregistrement « B1 » (n° 1) refusé : le champ « objet » n'a pas le type "
        'prévu par le schéma DECP 2.0.3 (attendu : string, trouvé : object {"texte": "x"}). '
        "Corrigez l'enregistrement à la source ou téléchargez à nouveau les données."
    ]


@pytest.mark.parametrize("kind", ["marche", "contrat-concession"])
def test_every_field_of_every_wrong_type_never_breaks_the_run(tmp_path: Path, kind: str) -> None:
    good = _marche("OK", ["Clause sociale"], ["Sans objet"]) if kind == "marche" else _concession()
    records: list[dict[str, Any]] = []
    for name in good:
        for n, value in enumerate(WRONG_VALUES):
            record = json.loads(json.dumps(good))
            record["id"] = f"W{len(records)}" if name != "id" else record["id"]
            record[name] = value
            records.append(record)
            if n == 0 and isinstance(good.get(name), dict):
                nested = json.loads(json.dumps(good))
                nested[name] = dict.fromkeys(good[name], value)
                records.append(nested)
    holder = json.loads(json.dumps(good))
    holders = "titulaires" if kind == "marche" else "concessionnaires"
    holder[holders] = [{"titulaire": {"id": {"x": 1}}}, "x"]
    records.append(holder)
    marches, concessions = (records, []) if kind == "marche" else ([], records)
    path = _write(tmp_path / "decp.json", marches, concessions)
    result = runner.invoke(cli.app, ["clauses", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    refused = [i for i in report["issues"] if i["code"] == "decp-field-type"]
    assert refused, "some wrong types must be refused"
    assert report["totals"]["contracts"] + len(refused) <= len(records)


def test_bool_is_not_a_number(tmp_path: Path) -> None:
    bad = _marche("B1", ["Clause sociale"], ["Sans objet"], montant=False)
    path = _write(tmp_path / "decp.json", [bad])
    (message,) = _refusals(path)
    assert "« montant »" in message
    assert "attendu : number, trouvé : boolean false" in message


def test_deep_record_is_refused_and_the_rest_read(tmp_path: Path) -> None:
    nested: Any = "x"
    for _ in range(40):
        nested = [nested]
    bad = _marche("D1", ["Clause sociale"], ["Sans objet"], modifications=nested)
    path = _write(tmp_path / "decp.json", [bad, _marche("OK", ["Clause sociale"], ["Sans objet"])])
    result = read_contracts([path])
    assert len(result.frame) == 1
    (issue,) = [i for i in result.issues if i.code == "decp-record-too-deep"]
    assert "plus de 32 niveaux d'imbrication" in issue.message()


def test_nesting_beyond_the_parser_refuses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "decp.json"
    path.write_text('{"marches": {"marche": [' + "[" * 100_000 + "]" * 100_000 + "]}}")
    with pytest.raises(ContractError) as err:
        read_contracts([path])
    assert err.value.code == "contract-json-too-deep"
    result = runner.invoke(cli.app, ["clauses", str(path)])
    assert result.exit_code == 3
    assert "imbrication trop profonde" in " ".join(result.stderr.split())


def test_the_shipped_schema_is_the_official_one_unchanged() -> None:
    from achats_durables.contracts.decp_schema import SCHEMA_FILE, SCHEMA_VERSION, schema

    from .conftest import REPO, shared_reference

    shipped = REPO / "src" / "achats_durables" / "contracts" / "schemas"
    readme = (shipped / "README.md").read_text(encoding="utf-8")
    assert f"version {SCHEMA_VERSION}" in readme
    assert "139bercy/format-commande-publique" in readme
    assert "Unlicense" in readme
    assert schema()["$schema"] == "http://json-schema.org/draft-07/schema#"
    ref = shared_reference()
    if ref is None:
        pytest.skip("../shared/reference absent")
    official = (ref / "decp" / SCHEMA_FILE).read_bytes()
    assert (shipped / SCHEMA_FILE).read_bytes() == official


def test_a_wrong_type_deep_in_the_record_is_refused_with_its_path(tmp_path: Path) -> None:
    good = _marche("OK", ["Clause sociale"], ["Sans objet"])
    bad = json.loads(json.dumps(good))
    bad["id"] = "B2"
    bad["titulaires"] = [{"titulaire": {"typeIdentifiant": "SIRET", "id": ["49062619900049"]}}]
    path = _write(tmp_path / "decp.json", [bad, good])
    result = read_contracts([path])
    assert list(result.frame["record_id"]) == ["OK"]
    (message,) = _refusals(path)
    assert "le champ « titulaires[0].titulaire.id » n'a pas le type" in message
    assert 'attendu : string, trouvé : array ["49062619900049"]' in message


@pytest.mark.parametrize("kind", ["marche", "contrat-concession"])
def test_the_fast_type_walk_agrees_with_jsonschema(kind: str) -> None:
    """The fast path of type_fault says « no fault » exactly when jsonschema finds none."""
    from achats_durables.contracts import decp_schema

    good = _marche("OK", ["Clause sociale"], ["Sans objet"]) if kind == "marche" else _concession()
    assert decp_schema.type_fault(good, kind) is None
    checked = 0
    for name in good:
        for value in WRONG_VALUES[:-1]:
            record = {**json.loads(json.dumps(good)), name: value}
            fast = decp_schema._fits(record, decp_schema.types_only_schema(kind), top=True)
            faults = [
                e
                for e in decp_schema.validator(kind).iter_errors(record)
                if e.validator == "type"
                and not str(next(iter(e.absolute_path), "")).startswith("considerations")
                and not decp_schema.type_fits(e.instance, e.validator_value)
            ]
            assert fast == (not faults), (name, value)
            checked += not fast
    assert checked > 20


@pytest.mark.parametrize("kind", ["marche", "contrat-concession"])
def test_compiled_type_walk_agrees_with_the_plain_walk_and_depth(kind: str) -> None:
    from achats_durables.contracts.decp_schema import (
        MAX_DEPTH,
        _fits,
        compiled_fits,
        depth,
        types_only_schema,
    )

    good = _marche("OK", ["Clause sociale"], ["Sans objet"]) if kind == "marche" else _concession()
    deep: Any = "x"
    for _ in range(MAX_DEPTH + 1):
        deep = [deep]
    cases: list[dict[str, Any]] = [good]
    for name in good:
        for value in [*WRONG_VALUES, deep, None, 3]:
            record = json.loads(json.dumps(good))
            record[name] = value
            cases.append(record)
            if isinstance(good[name], dict):
                nested = json.loads(json.dumps(good))
                nested[name] = dict.fromkeys(good[name], value)
                cases.append(nested)
    check = compiled_fits(kind)
    verdicts = set()
    for record in cases:
        plain = depth(record) <= MAX_DEPTH and _fits(record, types_only_schema(kind), top=True)
        assert check(record, 1) == plain, record
        verdicts.add(plain)
    assert verdicts == {True, False}
