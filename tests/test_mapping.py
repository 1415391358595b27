from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from achats_durables.core.errors import MappingError
from achats_durables.knowledge.assign import assign_rules
from achats_durables.knowledge.mapping import (
    NO_RULE,
    RuleSet,
    candidate_rules,
    load_mapping_file,
    load_mapping_rules,
)

LINE = {
    "account": "606410",
    "cpv": "30197630",
    "supplier_siret": "12345678900012",
    "label": "Ramettes PAPIER recyclé",
    "supplier": "Papeterie Ligérienne",
    "entity": "Ville de Blois",
    "contract": "2024-001",
    "nomenclature": "M57",
}


def ruleset(tmp_path: Path, rules: list[dict[str, object]], layer: int = 0) -> RuleSet:
    path = tmp_path / f"rules{layer}.yaml"
    path.write_text(
        yaml.safe_dump({"id": "t", "rules": rules}, allow_unicode=True), encoding="utf-8"
    )
    info, loaded = load_mapping_file(path, layer)
    return RuleSet(rules=tuple(loaded), files=(info,))


def winner(rs: RuleSet, line: dict[str, str] = LINE) -> str | None:
    got = assign_rules(pd.DataFrame([line]), rs)[0]
    vectorised = None if got == NO_RULE else rs.ranked()[got].id
    scalar = candidate_rules(line, rs)
    assert (scalar[0].id if scalar else None) == vectorised  # explain agrees with the engine
    return vectorised


def r(rid: str, **when: str) -> dict[str, object]:
    return {"id": rid, "when": when, "factor": "naf-C17"}


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        # has supplier_siret beats has contract
        ([r("contract", contract="2024-001"), r("siret", supplier_siret="123456789")], "siret"),
        # has contract beats a long CPV prefix
        ([r("cpv", cpv="30197630"), r("contract", contract="2024-001", account="6")], "contract"),
        # the longer CPV prefix wins
        ([r("cpv2", cpv="30"), r("cpv5", cpv="30197")], "cpv5"),
        # any CPV prefix beats any account prefix
        ([r("account", account="606410"), r("cpv", cpv="30")], "cpv"),
        # the longer account prefix wins
        ([r("a2", account="60"), r("a4", account="6064")], "a4"),
        # with equal prefixes, more conditions win
        ([r("plain", account="6064"), r("label", account="6064", label="papier")], "label"),
        # then the first in file order
        (
            [
                r("first", account="6064", label="papier"),
                r("second", account="6064", supplier="papeterie"),
            ],
            "first",
        ),
    ],
)
def test_precedence(tmp_path: Path, rules: list[dict[str, object]], expected: str) -> None:
    assert winner(ruleset(tmp_path, rules)) == expected
    assert winner(ruleset(tmp_path, list(reversed(rules)))) == expected or expected == "first"


def test_user_layer_beats_more_specific_default(tmp_path: Path) -> None:
    user_file = tmp_path / "local.yaml"
    user_file.write_text(yaml.safe_dump({"rules": [r("local-6", account="6")]}), encoding="utf-8")
    rs = load_mapping_rules([user_file])
    assert winner(rs) == "local-6"
    defaults_only = load_mapping_rules([])
    assert winner(defaults_only) != "local-6"


def test_conditions_all_must_hold_and_patterns_ignore_case_and_accents(tmp_path: Path) -> None:
    rs = ruleset(
        tmp_path, [r("lab", account="6064", label="recycle"), r("sup", supplier="LIGERIENNE")]
    )
    assert winner(rs) == "lab"
    assert winner(rs, {**LINE, "label": "Enveloppes"}) == "sup"
    assert winner(rs, {**LINE, "label": "Enveloppes", "supplier": "Autre"}) is None


def test_siret_condition_matches_siren_or_exact_siret(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, [r("siret14", supplier_siret="12345678900099")])
    assert winner(rs) is None
    rs = ruleset(tmp_path, [r("siren", supplier_siret="123 456 789")])
    assert winner(rs) == "siren"


def test_nomenclature_condition(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, [r("any", account="6064"), r("m14", account="6064", nomenclature="m14")])
    assert winner(rs) == "any"
    assert winner(rs, {**LINE, "nomenclature": "M14"}) == "m14"
    assert winner(rs, {**LINE, "nomenclature": ""}) == "any"
    rs = ruleset(tmp_path, [r("m4", account="611", nomenclature="M4")])
    assert winner(rs, {**LINE, "account": "611", "nomenclature": "M49"}) == "m4"


def test_entity_and_contract_are_exact(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, [r("ent", entity="Ville")])
    assert winner(rs) is None
    rs = ruleset(tmp_path, [r("ent", entity="Ville de Blois")])
    assert winner(rs) == "ent"


def test_vectorised_assignment_on_many_lines(tmp_path: Path) -> None:
    rs = ruleset(
        tmp_path,
        [
            r("a60", account="60"),
            r("a6064", account="6064"),
            r("lab", account="6064", label="toner"),
            r("cpv", cpv="301"),
        ],
    )
    lines = pd.DataFrame(
        [
            {**LINE, "account": "6064", "cpv": "", "label": "Toner HP"},
            {**LINE, "account": "6064", "cpv": "", "label": "Papier"},
            {**LINE, "account": "6068", "cpv": "", "label": "Divers"},
            {**LINE, "account": "6068", "cpv": "30190000", "label": "Divers"},
            {**LINE, "account": "611", "cpv": "", "label": "Toner"},
        ]
    )
    ranked = rs.ranked()
    got = [ranked[i].id if i != NO_RULE else None for i in assign_rules(lines, rs)]
    assert got == ["lab", "a6064", "a60", "cpv", None]


@pytest.mark.parametrize(
    ("rule", "detail"),
    [
        ({"id": "x", "when": {"account": "60"}}, "soit « factor », soit « exclude »"),
        ({"id": "x", "when": {"account": "60"}, "factor": "f", "exclude": "e"}, "soit « factor »"),
        ({"id": "x", "when": {"acount": "60"}, "factor": "f"}, "clé inconnue"),
        ({"id": "x", "when": {"account": "6O"}, "factor": "f"}, "des chiffres sont attendus"),
        ({"id": "x", "when": {}, "factor": "f"}, "au moins une condition"),
    ],
)
def test_invalid_rules_name_file_and_key(
    tmp_path: Path, rule: dict[str, object], detail: str
) -> None:
    with pytest.raises(MappingError) as info:
        ruleset(tmp_path, [rule])
    assert detail in str(info.value)
    assert "rules0.yaml" in str(info.value)
    assert "rules[0]" in str(info.value)


def test_invalid_regex_is_reported(tmp_path: Path) -> None:
    with pytest.raises(MappingError) as info:
        ruleset(tmp_path, [{"id": "bad", "when": {"label": "papier("}, "factor": "f"}])
    assert info.value.code == "rule-regex-invalid"


def test_shipped_rules_load_and_reference_known_factors() -> None:
    from achats_durables.knowledge.factors import load_factor_sets, merge_factors
    from achats_durables.knowledge.mapping import check_factors

    rs = load_mapping_rules([])
    sets = load_factor_sets()
    check_factors(rs, merge_factors(sets), [s.id for s in sets])
    assert len(rs.rules) > 300


def test_labels_no_label_rule_can_reach_are_never_folded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import achats_durables.knowledge.assign as assign

    # a contract rule outranks the label rule: the lines under contract cannot be reached by it
    rs = ruleset(tmp_path, [r("contract", contract="2024-001"), r("lab", label="toner")])
    folded: list[str] = []
    real_fold = assign.fold
    monkeypatch.setattr(assign, "fold", lambda t: folded.append(t) or real_fold(t))
    lines = pd.DataFrame(
        [
            {**LINE, "contract": "2024-001", "label": "Toner sous marché"},
            {**LINE, "contract": "", "label": "TONER hors marché"},
            {**LINE, "contract": "", "label": "TONER hors marché"},
            {**LINE, "contract": "", "label": "Papier"},
        ]
    )
    ranked = rs.ranked()
    got = [ranked[i].id if i != NO_RULE else None for i in assign_rules(lines, rs)]
    assert got == ["contract", "lab", "lab", None]
    assert sorted(folded) == ["Papier", "TONER hors marché"]  # each distinct text once


def test_fold_of_ascii_text_is_the_accent_free_lower_case() -> None:
    import unicodedata

    from achats_durables.core.text import fold

    def by_definition(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()

    ascii_text = "".join(chr(i) for i in range(128))
    assert fold(ascii_text) == by_definition(ascii_text)
    assert fold("Électricité – ŒUVRE ﬁn") == "electricite – œuvre fin"


def test_patterns_read_back_from_a_pickle_compile_when_first_read() -> None:
    import pickle
    import re

    from achats_durables.knowledge.rules import Patterns

    original = Patterns({"label": re.compile("toner|encre"), "supplier": re.compile("^hp\\b")})
    again = pickle.loads(pickle.dumps(original))
    assert dict.__len__(again) == 0  # nothing compiled yet
    assert "label" in again
    assert "entity" not in again
    assert again["label"].search("cartouche d'encre") is not None
    assert dict.__len__(again) == 1  # the one read
    assert list(again) == ["label", "supplier"]  # a full view compiles all, in the rule's order
    assert {k: p.pattern for k, p in again.items()} == {
        "label": "toner|encre",
        "supplier": "^hp\\b",
    }
    with pytest.raises(KeyError):
        again["entity"]
