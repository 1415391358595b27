"""Checks on the shipped mapping rules (factors/mappings/*.yaml).

Structural tests run everywhere. Coverage cross-checks against the M57 2025 and M14 2022
charts, the CPV 2008 nomenclature and two real TOTEM ledgers (M14, M49) run only when the
shared reference folder is available: `<repo>/../shared/reference`, or
`$ACHATS_SHARED_DIR` (they skip without it, and fail under `CI=true`). The data checks use
PyYAML, csv and xml.etree only; the checks of which rule wins for a line (waste, energy,
renting, doubtful rules) run the rule engine (`load_mapping_rules`, `assign_rules`) on
hand-written lines, with the expected rule and factor written by hand.
"""

from __future__ import annotations

import csv
import functools
import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import skip_without_shared

REPO_ROOT = Path(__file__).resolve().parents[1]
MAPPINGS_DIR = REPO_ROOT / "factors" / "mappings"
FACTORS_FILE = REPO_ROOT / "factors" / "ademe-base-carbone-v23.6.yaml"
M57_FILE = MAPPINGS_DIR / "m57.yaml"
CPV_FILE = MAPPINGS_DIR / "cpv.yaml"
M14_FILE = MAPPINGS_DIR / "m14.yaml"
M4_FILE = MAPPINGS_DIR / "m4.yaml"
ACCOUNT_FILES = (M57_FILE, M14_FILE, M4_FILE)

M57_CHART_CSV = "m57_plan_de_comptes_2025_nature.csv"
M14_CHART_CSV = "m14_plan_de_comptes_nature.csv"
TOTEM_NS = "{http://www.minefi.gouv.fr/cp/demat/docbudgetaire}"
REAL_LEDGERS = (
    "montreuil_ville_ca_2022_totem.xml",  # M14
    "montpellier_metropole_ca_2019_budget_assainissement_totem.xml",  # M49
)
MIN_REAL_COVERAGE = 0.95
CPV_CSV = "cpv_2008_fr_en.csv"
SKIP_REASON = "../shared/reference absent : contrôle croisé impossible hors CI"

WHEN_KEYS = {
    "account",
    "cpv",
    "supplier_siret",
    "label",
    "supplier",
    "entity",
    "contract",
    "nomenclature",
}
RULE_KEYS = {
    "id",
    "when",
    "factor",
    "exclude",
    "quantify",
    "carrier",
    "beges",
    "label",
    "status",
    "note",
    "proxy",
    "uncertainty",
    "vat_rate",
    "physical",
}
FILE_KEYS = {"id", "name", "factor_set", "source", "status", "rules"}
# parsing.CARRIERS, written again here: the energies a user can price in achats.yaml
CARRIERS = {"electricite", "gaz", "chaleur", "fioul", "gazole", "essence", "gnr", "gpl", "bois"}
FACTOR_SET = "ademe-base-carbone-v23.6-ratios-monetaires"

# Fallback when the factor file is absent: the 54 NAF codes of the V23.6 monetary ratios
# (56 categories; A01 and A03 exist both as goods and as services).
NAF_CODES = (
    "A01 A02 A03 C10_11_12 C13_14_15 C16 C17 C18 C20 C21 C22 C23 C24 C25 C26 C28 C30 C31 "
    "C32 C33 F G46 G47 H49 H50 H51 H52 H53 I J58 J59_60 J61 J62_63 K64 K65 K66 L M69_70 "
    "M71 M72 M73 M74 M75 N78 N79 O84 P85 Q86 R90_91_92 R93 S94 S95 S96 T"
).split()
SERVICE_TWINS = ("naf-A01-services", "naf-A03-services")


# --------------------------------------------------------------------------- helpers


def _shared_dir() -> Path:
    env = os.environ.get("ACHATS_SHARED_DIR")
    base = Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "reference"
    # Accept the `shared/` folder itself as well as `shared/reference/`.
    if not (base / M57_CHART_CSV).is_file() and (base / "reference" / M57_CHART_CSV).is_file():
        return base / "reference"
    return base


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _fold(text: str) -> str:
    """Lower-case and strip accents, as the engine does before matching labels."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.cache
def _load(path: Path) -> dict[str, Any]:
    """A rule file, read once (tests only read it)."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict), path
    return data


def _account_only(rules: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    """Rules whose only condition is `key` (account or cpv), by prefix."""
    out: dict[str, dict[str, Any]] = {}
    for rule in rules:
        if set(rule["when"]) == {key}:
            prefix = rule["when"][key]
            assert prefix not in out, f"two {key}-only rules on {prefix!r}"
            out[prefix] = rule
    return out


def _account_rules(nomenclature: str) -> list[dict[str, Any]]:
    """Account rules (`account`, optionally `nomenclature`) that apply to a line of the
    given nomenclature ("M14", "M49"…), from all shipped account files."""
    out = []
    for path in ACCOUNT_FILES:
        for rule in _load(path)["rules"]:
            when = rule["when"]
            if "account" not in when or not set(when) <= {"account", "nomenclature"}:
                continue
            wanted = when.get("nomenclature")
            if wanted is not None and not nomenclature.upper().startswith(wanted.upper()):
                continue
            out.append(rule)
    return out


def _resolve_line(code: str, rules: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Winner among account rules: longest prefix, then more conditions (DESIGN §4)."""
    best: tuple[int, int] | None = None
    winner = None
    for rule in rules:
        prefix = rule["when"]["account"]
        if code.startswith(prefix):
            rank = (len(prefix), len(rule["when"]))
            if best is None or rank > best:
                best, winner = rank, rule
    return winner


def _resolve(code: str, by_prefix: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """Longest-prefix rule for `code`, or None."""
    for length in range(len(code), 0, -1):
        rule = by_prefix.get(code[:length])
        if rule is not None:
            return rule
    return None


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def rule_files() -> dict[str, dict[str, Any]]:
    files = sorted(MAPPINGS_DIR.glob("*.yaml"))
    assert files, "no rule file in factors/mappings"
    return {path.name: _load(path) for path in files}


@pytest.fixture(scope="module")
def all_rules(rule_files: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [rule for data in rule_files.values() for rule in data["rules"]]


@pytest.fixture(scope="module")
def m57_rules() -> list[dict[str, Any]]:
    return _load(M57_FILE)["rules"]


@pytest.fixture(scope="module")
def cpv_rules() -> list[dict[str, Any]]:
    return _load(CPV_FILE)["rules"]


@pytest.fixture(scope="module")
def factor_ids() -> set[str]:
    if FACTORS_FILE.is_file():
        data = _load(FACTORS_FILE)
        ids = {factor["id"] for factor in data.get("factors") or []}
        if ids:
            return ids
    return {f"naf-{code}" for code in NAF_CODES} | set(SERVICE_TWINS)


@pytest.fixture(scope="module")
def shared() -> Path:
    base = _shared_dir()
    if not (base / M57_CHART_CSV).is_file() or not (base / CPV_CSV).is_file():
        skip_without_shared(SKIP_REASON)
    return base


# --------------------------------------------------------------------------- structure


def test_expected_files_present(rule_files: dict[str, dict[str, Any]]) -> None:
    assert {"m57.yaml", "m14.yaml", "m4.yaml", "cpv.yaml"} <= set(rule_files)


def test_factor_id_list_has_56_categories(factor_ids: set[str]) -> None:
    convention = {f"naf-{code}" for code in NAF_CODES} | set(SERVICE_TWINS)
    assert len(convention) == 56
    assert convention <= factor_ids, sorted(convention - factor_ids)


def test_file_headers(rule_files: dict[str, dict[str, Any]]) -> None:
    for name, data in rule_files.items():
        assert set(data) <= FILE_KEYS, name
        assert data["id"] == name.removesuffix(".yaml")
        assert data["factor_set"] == FACTOR_SET, name
        assert data["status"] == "proposition", name
        assert isinstance(data["name"], str), name
        assert data["name"], name
        assert isinstance(data["source"], str), name
        assert len(data["source"]) > 40, name
        assert isinstance(data["rules"], list), name
        assert data["rules"], name


def test_rule_ids_unique_across_files(all_rules: list[dict[str, Any]]) -> None:
    ids = [rule["id"] for rule in all_rules]
    duplicates = sorted({rule_id for rule_id in ids if ids.count(rule_id) > 1})
    assert not duplicates


def test_rule_shape(all_rules: list[dict[str, Any]], factor_ids: set[str]) -> None:
    for rule in all_rules:
        rid = rule.get("id")
        assert isinstance(rid, str), rule
        assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", rid), rule
        assert set(rule) <= RULE_KEYS, rid
        kinds = [key for key in ("factor", "exclude", "quantify") if key in rule]
        assert len(kinds) == 1, f"{rid}: one of factor/exclude/quantify, not {kinds}"
        if "factor" in rule:
            assert rule["factor"] in factor_ids, f"{rid}: unknown factor {rule['factor']}"
        elif "quantify" in rule:
            assert rule["quantify"] is True, rid
            assert rule["note"].startswith("Énergie : "), rid
        else:
            reason = rule["exclude"]
            assert isinstance(reason, str), rid
            assert len(reason) > 15, rid
            assert " : " in reason, f"{rid}: reason should read « Catégorie : raison »"
        assert isinstance(rule.get("label"), str), f"{rid}: label"
        assert rule["label"], f"{rid}: label"
        if "status" in rule:
            assert rule["status"] == "proposition", rid
        if "note" in rule:
            assert isinstance(rule["note"], str), rid
            assert rule["note"], rid
        if "vat_rate" in rule:
            rate = rule["vat_rate"]
            assert isinstance(rate, float | int), rid
            assert not isinstance(rate, bool), rid
            assert 0 <= rate < 0.2, f"{rid}: vat_rate only where it differs from 20 %"
        if "carrier" in rule:
            assert rule["carrier"] in CARRIERS, rid
            assert rule.get("quantify") is True, f"{rid}: a carrier only on an energy rule"
        if "beges" in rule:
            assert rule["beges"] in {"4.3", "4.4"}, rid


def test_proxies_are_documented(all_rules: list[dict[str, Any]]) -> None:
    for rule in all_rules:
        rid = rule["id"]
        if "proxy" in rule:
            assert rule["proxy"] is True, rid
            assert "factor" in rule, rid
            assert isinstance(rule.get("note"), str), rid
            assert len(rule["note"]) > 30, rid
            uncertainty = rule.get("uncertainty")
            assert isinstance(uncertainty, float | int), rid
            assert uncertainty > 0.8, rid
        else:
            assert "uncertainty" not in rule, f"{rid}: uncertainty only on proxies"


def test_when_conditions(all_rules: list[dict[str, Any]]) -> None:
    for rule in all_rules:
        rid = rule["id"]
        when = rule.get("when")
        assert isinstance(when, dict), rid
        assert when, rid
        assert set(when) <= WHEN_KEYS, f"{rid}: {sorted(set(when) - WHEN_KEYS)}"
        for key in ("account", "cpv"):
            if key in when:
                value = when[key]
                assert isinstance(value, str), f"{rid}: {key} {value!r}"
                assert value.isdigit(), f"{rid}: {key} {value!r}"
        if "supplier_siret" in when:
            assert re.fullmatch(r"\d{9}|\d{14}", str(when["supplier_siret"])), rid
        for key in ("label", "supplier"):
            if key in when:
                assert isinstance(when[key], str), rid
                re.compile(when[key])
        for key in ("entity", "contract"):
            if key in when:
                assert isinstance(when[key], str), rid
                assert when[key], rid
        if "nomenclature" in when:
            value = when["nomenclature"]
            assert isinstance(value, str), rid
            assert re.fullmatch(r"M\d+", value), f"{rid}: nomenclature {value!r}"


def test_no_two_rules_with_the_same_conditions(all_rules: list[dict[str, Any]]) -> None:
    seen: dict[tuple, str] = {}
    for rule in all_rules:
        key = tuple(sorted((k, str(v)) for k, v in rule["when"].items()))
        assert key not in seen, f"{rule['id']} and {seen[key]}: same conditions {key}"
        seen[key] = rule["id"]


def test_rule_files_use_one_code_kind(rule_files: dict[str, dict[str, Any]]) -> None:
    for rule in rule_files["m57.yaml"]["rules"]:
        assert "account" in rule["when"], rule["id"]
        assert "cpv" not in rule["when"], rule["id"]
    for name, expected in (("m14.yaml", {"M14"}), ("m4.yaml", {"M4", "M43", "M49"})):
        for rule in rule_files[name]["rules"]:
            when = rule["when"]
            extra = {"label"} if name == "m4.yaml" else set()  # M4 6066 fuels by label
            assert {"account", "nomenclature"} <= set(when) <= {"account", "nomenclature"} | extra
            assert set(when) == {"account", "nomenclature"} or when["account"] == "6066", rule["id"]
            assert when["nomenclature"] in expected, rule["id"]
    for rule in rule_files["cpv.yaml"]["rules"]:
        assert "cpv" in rule["when"], rule["id"]
        assert "account" not in rule["when"], rule["id"]
        assert not rule["when"]["cpv"].endswith("0") or len(rule["when"]["cpv"]) == 2, (
            f"{rule['id']}: CPV prefix without padding zeros"
        )


def test_label_subrules_have_a_fallback(all_rules: list[dict[str, Any]]) -> None:
    """A label sub-rule refines an account/CPV rule that exists on the same prefix."""
    plain = {
        (k, r["when"][k])
        for r in all_rules
        for k in ("account", "cpv")
        if r["when"] == {k: r["when"].get(k)}
    }
    for rule in all_rules:
        when = rule["when"]
        if "label" in when:
            key = "account" if "account" in when else "cpv"
            assert (key, when[key]) in plain, rule["id"]


# --------------------------------------------------------------------------- meaning


def _m57(code: str, m57_rules: list[dict[str, Any]]) -> dict[str, Any]:
    rule = _resolve(code, _account_only(m57_rules, "account"))
    assert rule is not None, f"no rule reaches account {code}"
    return rule


@pytest.mark.parametrize("code", ["64111", "6611", "6574", "163"])
def test_out_of_scope_accounts_are_excluded(code: str, m57_rules: list[dict[str, Any]]) -> None:
    assert "exclude" in _m57(code, m57_rules)


@pytest.mark.parametrize(
    ("code", "factor"),
    [
        ("6064", "naf-C17"),
        ("2183", "naf-C26"),
        ("21838", "naf-C26"),
        ("616", "naf-K65"),
        ("6161", "naf-K65"),
        ("2031", "naf-M71"),
        ("2051", "naf-J62_63"),
        ("6218", "naf-N78"),
        ("6027", "naf-C10_11_12"),
    ],
)
def test_account_factor(code: str, factor: str, m57_rules: list[dict[str, Any]]) -> None:
    assert _m57(code, m57_rules).get("factor") == factor


def test_water_is_a_proxy_not_energy(m57_rules: list[dict[str, Any]]) -> None:
    rule = _m57("60611", m57_rules)
    assert "factor" in rule
    assert rule.get("proxy") is True


def test_label_subrule_matches_accent_insensitively(m57_rules: list[dict[str, Any]]) -> None:
    by_id = {rule["id"]: rule for rule in m57_rules}
    assert re.search(by_id["m57-6251-hebergement"]["when"]["label"], _fold("Nuitée HÔTEL Lyon"))
    assert re.search(by_id["m57-6064-toner"]["when"]["label"], _fold("Cartouches TONER"))


# --------------------------------------------------------------------------- coverage


def test_every_class_2_and_6_leaf_is_reached(shared: Path, m57_rules: list[dict[str, Any]]) -> None:
    chart = _read_csv(shared / M57_CHART_CSV)
    leaves = [row["code"] for row in chart if row["est_feuille"] == "oui" and row["classe"] in "26"]
    assert len(leaves) > 900
    by_prefix = _account_only(m57_rules, "account")
    missing = [code for code in leaves if _resolve(code, by_prefix) is None]
    assert not missing, f"{len(missing)} leaves without rule: {missing[:20]}"


def test_every_class_1_loan_account_is_excluded(
    shared: Path, m57_rules: list[dict[str, Any]]
) -> None:
    chart = _read_csv(shared / M57_CHART_CSV)
    by_prefix = _account_only(m57_rules, "account")
    for row in chart:
        if row["code"].startswith("16") and row["est_feuille"] == "oui":
            rule = _resolve(row["code"], by_prefix)
            assert rule is not None, row["code"]
            assert "exclude" in rule, row["code"]


def test_account_rules_exist_in_chart(shared: Path, m57_rules: list[dict[str, Any]]) -> None:
    """Every account prefix reaches at least one account of the 2025 chart (69 aside)."""
    codes = [row["code"] for row in _read_csv(shared / M57_CHART_CSV)]
    for rule in m57_rules:
        prefix = rule["when"]["account"]
        if prefix == "69":  # income tax: absent from the M57 chart, kept for safety
            continue
        assert any(code.startswith(prefix) for code in codes), rule["id"]


def test_every_cpv_division_is_covered(shared: Path, cpv_rules: list[dict[str, Any]]) -> None:
    divisions = {row["division"] for row in _read_csv(shared / CPV_CSV)}
    assert len(divisions) == 45
    by_prefix = _account_only(cpv_rules, "cpv")
    assert divisions <= set(by_prefix), sorted(divisions - set(by_prefix))


def test_cpv_prefixes_exist(shared: Path, cpv_rules: list[dict[str, Any]]) -> None:
    codes = {row["code_8"] for row in _read_csv(shared / CPV_CSV)}
    for rule in cpv_rules:
        prefix = rule["when"]["cpv"]
        assert prefix.ljust(8, "0") in codes, f"{rule['id']}: {prefix} is not a CPV code"


def test_cpv_energy_is_quantified(cpv_rules: list[dict[str, Any]]) -> None:
    by_prefix = _account_only(cpv_rules, "cpv")
    for code, carrier in (
        ("09134100", "gazole"),
        ("09134200", "gazole"),
        ("09132000", "essence"),
        ("09135100", "fioul"),
        ("09123000", "gaz"),
        ("09310000", "electricite"),
        ("09323000", "chaleur"),
        ("65300000", "electricite"),
        ("65210000", "gaz"),
    ):
        rule = _resolve(code, by_prefix)
        assert rule is not None, code
        assert rule.get("quantify") is True, code
        assert rule.get("carrier") == carrier, code
        assert "exclude" not in rule, code
    for code in ("09000000", "09100000", "09300000", "65000000", "65400000"):
        rule = _resolve(code, by_prefix) or {}
        assert rule.get("quantify") is True, code
        assert "carrier" not in rule, code
        assert "physical" not in rule, code
    assert "factor" in (_resolve("65110000", by_prefix) or {})  # water distribution
    assert (_resolve("66510000", by_prefix) or {}).get("factor") == "naf-K65"
    assert (_resolve("45000000", by_prefix) or {}).get("factor") == "naf-F"


# Labels: every rule carries the label of its code in the nomenclature, except the waste
# streams' label sub-rules, named after the stream (« Déchets : … »), and M57 69 (income tax,
# absent from the M57 chart, kept for safety).
WASTE_STREAM_LABEL = "Déchets : "


def test_m57_rules_carry_the_chart_label(shared: Path, m57_rules: list[dict[str, Any]]) -> None:
    labels = {row["code"]: row["libelle"] for row in _read_csv(shared / M57_CHART_CSV)}
    for rule in m57_rules:
        code = rule["when"]["account"]
        if code == "69" or rule["label"].startswith(WASTE_STREAM_LABEL):
            continue
        assert rule["label"] == labels.get(code), rule["id"]


def test_cpv_rules_carry_the_cpv_label(shared: Path, cpv_rules: list[dict[str, Any]]) -> None:
    # CPV prefix = code without its padding zeros (divisions keep their two digits)
    labels = {
        row["code_8"].rstrip("0").ljust(2, "0"): row["label_fr"]
        for row in _read_csv(shared / CPV_CSV)
    }
    for rule in cpv_rules:
        if rule["label"].startswith(WASTE_STREAM_LABEL):
            continue
        assert rule["label"] == labels.get(rule["when"]["cpv"]), rule["id"]


def test_waste_stream_labels_only_on_label_subrules(all_rules: list[dict[str, Any]]) -> None:
    for rule in all_rules:
        if rule["label"].startswith(WASTE_STREAM_LABEL):
            assert "dechets" in rule["id"], rule["id"]


def test_rule_ids_follow_the_file_and_code(rule_files: dict[str, dict[str, Any]]) -> None:
    """``<file>-<code>[-<slug>]``: an id says where a rule lives and which code it is on."""
    for name, data in rule_files.items():
        prefix = name.removesuffix(".yaml")
        for rule in data["rules"]:
            code = rule["when"].get("account") or rule["when"]["cpv"]
            rid = rule["id"]
            assert rid == f"{prefix}-{code}" or rid.startswith(f"{prefix}-{code}-"), rid


def test_rule_files_carry_no_generator_header() -> None:
    """The YAML files are the source of truth: no « generated, edit the script » notice."""
    for path in sorted(MAPPINGS_DIR.glob("*.yaml")):
        head = path.read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("# Source of truth: edit the rules here"), path.name


# --------------------------------------------------------------------------- M14, M4


def test_every_m14_class_2_and_6_leaf_is_reached(shared: Path) -> None:
    if not (shared / M14_CHART_CSV).is_file():
        skip_without_shared(SKIP_REASON)
    chart = _read_csv(shared / M14_CHART_CSV)
    leaves = [row["code"] for row in chart if row["est_feuille"] == "oui" and row["classe"] in "26"]
    assert len(leaves) > 500
    rules = _account_rules("M14")
    missing = [code for code in leaves if _resolve_line(code, rules) is None]
    assert not missing, f"{len(missing)} M14 leaves without rule: {missing[:20]}"


def test_m14_rules_carry_the_m14_label(shared: Path) -> None:
    if not (shared / M14_CHART_CSV).is_file():
        skip_without_shared(SKIP_REASON)
    labels = {row["code"]: row["libelle"] for row in _read_csv(shared / M14_CHART_CSV)}
    for rule in _load(M14_FILE)["rules"]:
        code = rule["when"]["account"]
        assert code in labels, rule["id"]
        assert rule["label"] == labels[code], rule["id"]


@pytest.mark.parametrize(
    ("nomenclature", "code", "factor"),
    [
        ("M14", "6023", "naf-C10_11_12"),  # M14 alimentation, M57 fournitures de voirie
        ("M57", "6023", "naf-C23"),
        ("M14", "2185", "naf-A01"),  # M14 cheptel, M57 téléphonie
        ("M57", "2185", "naf-C26"),
        ("M14", "6512", "naf-J62_63"),  # M14 informatique en nuage, M57 stagiaires
        ("M14", "6257", "naf-I"),
        ("M14", "6562", "naf-C32"),
        ("M14", "611", "naf-M74"),  # same meaning: M57 rule
        ("M49", "605", "naf-O84"),  # achats d'eau, M57 travaux
        ("M57", "605", "naf-F"),
        ("M49", "61521", "naf-F"),  # bâtiments, M57 terrains
        ("M49", "6211", "naf-N78"),  # intérim, M57 personnel affecté (exclu)
        ("M43", "611", "naf-H49"),
        ("M49", "2315", "naf-F"),
    ],
)
def test_nomenclature_specific_meaning(nomenclature: str, code: str, factor: str) -> None:
    rule = _resolve_line(code, _account_rules(nomenclature))
    assert rule is not None, code
    assert rule.get("factor") == factor, rule["id"]


@pytest.mark.parametrize(
    ("nomenclature", "code"),
    [("M14", "6574"), ("M14", "6521"), ("M14", "6711"), ("M49", "6371")],
)
def test_nomenclature_specific_exclusions(nomenclature: str, code: str) -> None:
    rule = _resolve_line(code, _account_rules(nomenclature))
    assert rule is not None, code
    assert "exclude" in rule, rule["id"]


def _nomenclature_of(root: ET.Element) -> str:
    node = root.find(f".//{TOTEM_NS}Nomenclature")
    assert node is not None
    codes = re.findall(r"M\d+", node.get("V", ""))
    assert codes, node.get("V")
    return codes[-1]  # "M14-M14_COM_SUP3500" -> M14, "M4-M49_D" -> M49


def _real_spend(path: Path) -> tuple[str, dict[str, float]]:
    root = ET.parse(path).getroot()
    spend: dict[str, float] = defaultdict(float)
    for line in root.iter(f"{TOTEM_NS}LigneBudget"):
        values = {child.tag.removeprefix(TOTEM_NS): child.get("V") for child in line}
        if values.get("CodRD") == "D" and values.get("OpBudg") == "0":
            spend[values["Nature"]] += float(values.get("MtReal") or 0)
    return _nomenclature_of(root), dict(spend)


@pytest.mark.parametrize("name", REAL_LEDGERS)
def test_real_ledger_spend_is_reached(shared: Path, name: str) -> None:
    path = shared / "ledgers" / name
    if not path.is_file():
        skip_without_shared(SKIP_REASON)
    nomenclature, spend = _real_spend(path)
    rules = _account_rules(nomenclature)
    total = sum(spend.values())
    assert total > 0
    unmatched = {code: amount for code, amount in spend.items() if not _resolve_line(code, rules)}
    share = 1 - sum(unmatched.values()) / total
    listing = ", ".join(f"{code} {amount:,.2f} €" for code, amount in sorted(unmatched.items()))
    assert share >= MIN_REAL_COVERAGE, (
        f"{name} ({nomenclature}) : {share:.1%} de la dépense réelle atteinte ; "
        f"comptes sans règle : {listing}"
    )


# --------------------------------------------------------------------------- VAT

# Account (M57 unless stated) -> expected default VAT rate of the winning rule.
VAT_EXPECTED = [
    ("M57", "6161", 0.0),  # assurance
    ("M57", "6168", 0.0),
    ("M57", "627", 0.0),  # services bancaires
    ("M57", "6261", 0.0),  # affranchissement
    ("M57", "6184", 0.0),  # organismes de formation
    ("M57", "6247", 0.10),  # transports collectifs
    ("M57", "6245", 0.10),
    ("M57", "6251", 0.10),  # voyages et déplacements
    ("M57", "6234", 0.10),  # réceptions
    ("M57", "60623", 0.055),  # alimentation
    ("M57", "6027", 0.055),
    ("M57", "6065", 0.055),  # livres
    ("M57", "6182", 0.055),  # documentation
    ("M57", "60611", 0.055),  # eau
    ("M14", "6023", 0.055),
    ("M14", "6256", 0.10),
    ("M49", "605", 0.055),
    # Non-VAT flows, excluded: the engine converts TTC with this rate.
    ("M57", "64111", 0.0),
    ("M57", "6336", 0.0),
    ("M57", "66111", 0.0),
    ("M57", "6574", 0.0),
    ("M57", "65548", 0.0),
    ("M57", "1641", 0.0),
    ("M57", "204112", 0.0),
    ("M14", "6521", 0.0),
    ("M14", "6711", 0.0),
]


@pytest.mark.parametrize(("nomenclature", "code", "rate"), VAT_EXPECTED)
def test_default_vat_rate(nomenclature: str, code: str, rate: float) -> None:
    rule = _resolve_line(code, _account_rules(nomenclature))
    assert rule is not None, code
    assert rule.get("vat_rate") == pytest.approx(rate), rule["id"]


@pytest.mark.parametrize("code", ["2313", "2315", "615231", "605", "6064"])
def test_standard_rate_categories_have_no_vat_rate(code: str) -> None:
    rule = _resolve_line(code, _account_rules("M57"))
    assert rule is not None, code
    assert "vat_rate" not in rule, rule["id"]


def test_vat_rates_in_range(all_rules: list[dict[str, Any]]) -> None:
    allowed = {0.0, 0.021, 0.055, 0.10, 0.20}
    for rule in all_rules:
        if "vat_rate" in rule:
            rate = rule["vat_rate"]
            assert 0 <= rate <= 0.2, rule["id"]
            assert any(abs(rate - a) < 1e-9 for a in allowed), f"{rule['id']}: {rate}"
            if "factor" in rule and rate != 0.2:
                assert rule.get("note") or rule.get("status"), rule["id"]


def test_press_subrule_uses_press_rate(m57_rules: list[dict[str, Any]]) -> None:
    by_id = {rule["id"]: rule for rule in m57_rules}
    rule = by_id["m57-6182-presse"]
    assert rule["vat_rate"] == pytest.approx(0.021)
    assert re.search(rule["when"]["label"], _fold("Abonnement Le Monde (presse)"))


# --------------------------------------------------------------------------- issue 8 (data)
# Which rule wins for a line is checked with the engine, on lines written here; the expected
# rule ids, factors, posts and rates are written by hand from the choices in
# factors/mappings/README.md.

WASTE_FILE = REPO_ROOT / "factors" / "ademe-base-carbone-v23.6-dechets.yaml"
PHYSICAL_FILE = REPO_ROOT / "factors" / "ademe-base-carbone-v23.6-physiques.yaml"
BLANK_LINE = dict.fromkeys(WHEN_KEYS, "")


@pytest.fixture(scope="module")
def engine() -> Any:
    from achats_durables.knowledge.mapping import load_mapping_rules

    return load_mapping_rules([])


def _winners(engine: Any, lines: list[dict[str, str]]) -> list[Any]:
    import pandas as pd

    from achats_durables.knowledge.assign import assign_rules
    from achats_durables.knowledge.mapping import NO_RULE

    frame = pd.DataFrame([{**BLANK_LINE, "nomenclature": "M57", **line} for line in lines])
    ranked = engine.ranked()
    return [None if i == NO_RULE else ranked[i] for i in assign_rules(frame, engine)]


def _winner(engine: Any, **line: str) -> Any:
    (rule,) = _winners(engine, [line])
    assert rule is not None, line
    return rule


def _waste_rules(all_rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [rule for rule in all_rules if "dechets" in rule["id"]]


def test_no_rule_regex_has_capture_groups(all_rules: list[dict[str, Any]]) -> None:
    """pandas warns on a pattern with groups (``str.contains``): only (?:…) and (?=…)."""
    for rule in all_rules:
        for key in ("label", "supplier"):
            if key in rule["when"]:
                assert re.compile(rule["when"][key]).groups == 0, rule["id"]


# ----------------------------------------------------------------- waste (item 1)


def test_waste_account_rule_is_post_4_3_with_tonnage(m57_rules: list[dict[str, Any]]) -> None:
    rule = {r["id"]: r for r in m57_rules}["m57-611-dechets"]
    assert rule["beges"] == "4.3"
    assert rule["physical"] == {"t": "dechets-omr-fin-de-vie-moyenne"}
    assert rule["factor"] == "naf-H49"  # the monetary proxy, for lines without tonnage
    assert rule["proxy"] is True
    assert rule["note"].startswith("Déchets : ")
    assert rule["label"].startswith("Déchets : ")
    assert rule["vat_rate"] == 0.10


def test_every_waste_rule_is_tagged_and_counted_per_tonne(all_rules: list[dict[str, Any]]) -> None:
    factors = {f["id"]: f for f in _load(WASTE_FILE)["factors"]}
    rules = _waste_rules(all_rules)
    assert len(rules) == 70
    for rule in rules:
        rid = rule["id"]
        assert rule["beges"] == "4.3", rid
        assert set(rule["physical"]) == {"t"}, rid
        assert factors[rule["physical"]["t"]]["beges"] == "4.3", rid
        assert factors[rule["physical"]["t"]]["unit"] == "kgCO2e/t", rid
        assert rule["proxy"] is True, rid
        assert rule["note"].startswith("Déchets : "), rid
        assert rule["label"].startswith("Déchets : "), rid


def test_waste_no_longer_reports_as_road_transport(all_rules: list[dict[str, Any]]) -> None:
    """Before: m57-611-dechets, cpv-90, cpv-905 were naf-H49 in H49's own post, no tonnage.
    Every rule on the waste CPV group 905 or the 611 waste labels is now a waste rule."""
    for rule in all_rules:
        cpv = rule["when"].get("cpv", "")
        if cpv in ("90", "905") or cpv.startswith("905"):
            assert "dechets" in rule["id"], rule["id"]
        if rule.get("factor") == "naf-H49" and "physical" in rule:
            assert "dechets" in rule["id"], rule["id"]
    ids = {rule["id"] for rule in all_rules}
    assert {"cpv-90", "cpv-905"}.isdisjoint(ids)
    assert {"cpv-90-dechets", "cpv-905-dechets", "m57-611-dechets"} <= ids


@pytest.mark.parametrize(
    ("account", "cpv", "label", "rule_id", "factor", "vat"),
    [
        (
            "611",
            "",
            "Collecte OM secteur Nord – janvier",
            "m57-611-dechets",
            "omr-fin-de-vie-moyenne",
            0.10,
        ),
        (
            "611",
            "",
            "Incinération des OMR à l'UVE",
            "m57-611-dechets-incineration",
            "omr-incineration",
            0.10,
        ),
        (
            "611",
            "",
            "Valorisation énergétique des déchets résiduels",
            "m57-611-dechets-incineration",
            "omr-incineration",
            0.10,
        ),
        (
            "611",
            "",
            "Enfouissement des déchets ultimes",
            "m57-611-dechets-enfouissement",
            "omr-stockage",
            0.10,
        ),
        (
            "611",
            "",
            "Stockage ISDND des refus",
            "m57-611-dechets-enfouissement",
            "omr-stockage",
            0.10,
        ),
        (
            "611",
            "",
            "Compostage des biodéchets",
            "m57-611-dechets-biodechets",
            "biodechets-compostage",
            0.055,
        ),
        (
            "611",
            "",
            "Méthanisation des biodéchets de cantine",
            "m57-611-dechets-methanisation",
            "biodechets-methanisation",
            0.055,
        ),
        (
            "611",
            "",
            "Broyage des déchets verts",
            "m57-611-dechets-verts",
            "biodechets-compostage",
            0.055,
        ),
        (
            "611",
            "",
            "Collecte sélective emballages secteur Sud",
            "m57-611-dechets-recyclage",
            "carton-recyclage",
            0.055,
        ),
        (
            "611",
            "",
            "Centre de tri : tri des emballages",
            "m57-611-dechets-recyclage",
            "carton-recyclage",
            0.055,
        ),
        (
            "611",
            "",
            "Collecte du verre en points d'apport",
            "m57-611-dechets-verre",
            "verre-recyclage",
            0.055,
        ),
        (
            "611",
            "",
            "Collecte des papiers et cartons",
            "m57-611-dechets-papier-carton",
            "carton-recyclage",
            0.055,
        ),
        ("611", "", "Enlèvement des encombrants", "m57-611-dechets-encombrants", "dea-moyen", 0.10),
        ("611", "", "Benne mobilier déchèterie (DEA)", "m57-611-dechets-dea", "dea-moyen", 0.055),
        ("611", "", "Collecte des DEEE en déchèterie", "m57-611-dechets-deee", "deee-moyen", 0.055),
        (
            "611",
            "",
            "Évacuation des gravats",
            "m57-611-dechets-gravats",
            "gravats-fin-de-vie-moyenne",
            0.055,
        ),
        (
            "611",
            "",
            "Benne bois déchèterie",
            "m57-611-dechets-bois",
            "bois-fin-de-vie-moyenne",
            0.055,
        ),
        (
            "611",
            "",
            "Enlèvement des ferrailles",
            "m57-611-dechets-metaux",
            "metaux-ferreux-fin-de-vie-moyenne",
            0.055,
        ),
        (
            "611",
            "",
            "Collecte des textiles usagés",
            "m57-611-dechets-textiles",
            "textiles-fin-de-vie-moyenne",
            0.055,
        ),
        (
            "611",
            "",
            "Collecte des déchets dangereux (DDS)",
            "m57-611-dechets-dangereux",
            "dis-incineration",
            0.10,
        ),
        (
            "611",
            "",
            "Exploitation de la déchèterie sud",
            "m57-611-dechets-decheterie",
            "dib-fin-de-vie-moyenne",
            0.055,
        ),
        (
            "611",
            "90511000",
            "Collecte OM secteur Nord – janvier",
            "cpv-905-dechets",
            "omr-fin-de-vie-moyenne",
            0.10,
        ),
        (
            "611",
            "90511000",
            "Collecte sélective emballages secteur Nord",
            "cpv-905-dechets-recyclage",
            "carton-recyclage",
            0.055,
        ),
        (
            "611",
            "90513000",
            "Traitement des déchets résiduels – mars",
            "cpv-905-dechets",
            "omr-fin-de-vie-moyenne",
            0.10,
        ),
        (
            "611",
            "90513000",
            "Incinération des déchets résiduels",
            "cpv-905-dechets-incineration",
            "omr-incineration",
            0.10,
        ),
        (
            "611",
            "90513300",
            "Prestation mars",
            "cpv-905133-dechets-incineration",
            "omr-incineration",
            0.10,
        ),
        (
            "611",
            "90514000",
            "Prestation mars",
            "cpv-90514-dechets-recyclage",
            "carton-recyclage",
            0.055,
        ),
        (
            "611",
            "90514000",
            "Recyclage du verre",
            "cpv-90514-dechets-verre",
            "verre-recyclage",
            0.055,
        ),
        (
            "611",
            "90533000",
            "Gestion du casier",
            "cpv-9053-dechets-enfouissement",
            "omr-stockage",
            0.10,
        ),
        ("611", "90524100", "Collecte", "cpv-90524-dechets-medicaux", "das-incineration", None),
        ("611", "90520000", "Enlèvement", "cpv-9052-dechets-dangereux", "dis-incineration", None),
        ("611", "90000000", "Prestation", "cpv-90-dechets", "omr-fin-de-vie-moyenne", 0.10),
    ],
)
def test_waste_treatment_from_label_and_cpv(
    engine: Any, account: str, cpv: str, label: str, rule_id: str, factor: str, vat: float | None
) -> None:
    rule = _winner(engine, account=account, cpv=cpv, label=label)
    assert rule.id == rule_id
    assert rule.physical == {"t": f"dechets-{factor}"}
    assert rule.beges == "4.3"
    assert rule.factor == "naf-H49"
    assert rule.vat_rate == vat


@pytest.mark.parametrize(
    ("label", "rule_id"),
    [
        ("Blanchisserie du linge de l'EHPAD", "m57-611"),
        ("Collecte et livraison du linge", "m57-611"),
        ("Entretien des bois communaux", "m57-611"),
        ("Tri et mise sous pli du courrier", "m57-611"),
        ("Soins infirmiers à domicile", "m57-611"),
        ("Montage du mobilier de la salle des fêtes", "m57-611"),
        ("Stockage des archives", "m57-611"),
        ("Élagage des platanes", "m57-611-espaces-verts"),
        ("Nettoyage des locaux", "m57-611-nettoyage"),
        ("Transport scolaire", "m57-611-transport"),
    ],
)
def test_non_waste_services_keep_their_rule(engine: Any, label: str, rule_id: str) -> None:
    assert _winner(engine, account="611", label=label).id == rule_id


# ----------------------------------------------------------------- energy (item 2)

GAS = {
    "kWh": "gaz-naturel-kwh-pcs",
    "kWh PCS": "gaz-naturel-kwh-pcs",
    "kWh PCI": "gaz-naturel-kwh-pci",
    "m3": "gaz-naturel-m3",
}


def test_energy_rules_are_quantified_not_excluded(all_rules: list[dict[str, Any]]) -> None:
    physical = {f["id"]: f for f in _load(PHYSICAL_FILE)["factors"]}
    quantified = [rule for rule in all_rules if rule.get("quantify")]
    assert len(quantified) > 40
    for rule in all_rules:
        assert not rule.get("exclude", "").startswith("Énergie"), rule["id"]
    for rule in quantified:
        rid = rule["id"]
        assert "factor" not in rule, rid
        assert "exclude" not in rule, rid
        for unit, fid in rule.get("physical", {}).items():
            base = physical[fid]["unit"].split("/")[1].split(" ")[0]
            assert base == unit.split(" ")[0], rid  # kWh PCS factor under a "kWh" key: fine
        if "carrier" not in rule:
            assert "physical" not in rule, f"{rid}: an unknown energy is always « à quantifier »"
        if rule.get("carrier") == "gaz":
            assert rule["physical"] in (GAS, {**GAS, "L": "fioul-domestique-litre"}), rid


@pytest.mark.parametrize(
    ("line", "rule_id", "carrier", "physical"),
    [
        (
            {"account": "60622", "label": "Carburant SP95 véhicules"},
            "m57-60622-essence",
            "essence",
            {"L": "essence-sp95-e10-litre"},
        ),
        (
            {"account": "60622", "label": "Sans plomb 98"},
            "m57-60622-essence",
            "essence",
            {"L": "essence-sp95-e10-litre"},
        ),
        (
            {"account": "60622", "label": "Superéthanol E85"},
            "m57-60622-e85",
            "essence",
            {"L": "essence-e85-litre"},
        ),
        (
            {"account": "60622", "label": "GNR engins"},
            "m57-60622-gnr",
            "gnr",
            {"L": "gazole-non-routier-litre"},
        ),
        (
            {"account": "60622", "label": "Livraison gazole non routier"},
            "m57-60622-gnr",
            "gnr",
            {"L": "gazole-non-routier-litre"},
        ),
        (
            {"account": "60622", "label": "GPL véhicules"},
            "m57-60622-gpl",
            "gpl",
            {"L": "gpl-carburant-litre"},
        ),
        (
            {"account": "60622", "label": "Cartes carburant – relevé mars"},
            "m57-60622",
            "gazole",
            {"L": "gazole-routier-b7-litre"},
        ),
        (
            {"account": "60221", "label": "Fuel cuve atelier"},
            "m57-60221-fioul",
            "fioul",
            {"L": "fioul-domestique-litre"},
        ),
        (
            {"account": "60221", "label": "Stock carburant"},
            "m57-60221",
            "gazole",
            {"L": "gazole-routier-b7-litre"},
        ),
        (
            {"account": "60621", "label": "Fourniture gaz naturel école"},
            "m57-60621",
            "gaz",
            {**GAS, "L": "fioul-domestique-litre"},
        ),
        (
            {"account": "60621", "label": "Fioul chaufferie"},
            "m57-60621-fioul",
            "fioul",
            {"L": "fioul-domestique-litre"},
        ),
        (
            {"account": "60621", "label": "Granulés chaudière bois"},
            "m57-60621-bois",
            "bois",
            {"kWh": "granules-bois-kwh", "kWh PCI": "granules-bois-kwh"},
        ),
        (
            {"account": "60621", "label": "Propane gymnase"},
            "m57-60621-propane",
            "gpl",
            {"L": "propane-litre"},
        ),
        (
            {"account": "60612", "label": "Électricité mairie"},
            "m57-60612",
            "electricite",
            {"kWh": "electricite-mix-moyen"},
        ),
        ({"account": "60612", "label": "Gaz naturel mairie"}, "m57-60612-gaz", "gaz", GAS),
        (
            {"account": "60613", "label": "Chauffage urbain"},
            "m57-60613",
            "chaleur",
            {"kWh": "reseau-chaleur-moyen"},
        ),
        (
            {"account": "6061", "label": "Électricité station"},
            "m57-6061-electricite",
            "electricite",
            {"kWh": "electricite-mix-moyen"},
        ),
        ({"account": "6061", "label": "Fournitures non stockables"}, "m57-6061", None, {}),
        ({"account": "60618", "label": "Gaz de réseau"}, "m57-60618-gaz", "gaz", GAS),
        (
            {"account": "6066", "nomenclature": "M49", "label": "Gazole"},
            "m4-6066",
            "gazole",
            {"L": "gazole-routier-b7-litre"},
        ),
        (
            {"account": "6066", "nomenclature": "M49", "label": "SP95"},
            "m4-6066-essence",
            "essence",
            {"L": "essence-sp95-e10-litre"},
        ),
        (
            {"account": "60622", "cpv": "09134100", "label": "SP95 véhicules"},
            "cpv-09134-essence",
            "essence",
            {"L": "essence-sp95-e10-litre"},
        ),
        (
            {"account": "60622", "cpv": "09134100", "label": "Cartes carburant"},
            "cpv-09134",
            "gazole",
            {"L": "gazole-routier-b7-litre"},
        ),
        (
            {"account": "60622", "cpv": "09132100", "label": "Cartes carburant"},
            "cpv-09132",
            "essence",
            {"L": "essence-sp95-e10-litre"},
        ),
        ({"account": "60621", "cpv": "09123000", "label": "Gaz"}, "cpv-0912", "gaz", GAS),
        (
            {"account": "60621", "cpv": "09135100", "label": "Fioul"},
            "cpv-09135",
            "fioul",
            {"L": "fioul-domestique-litre"},
        ),
        (
            {"account": "60612", "cpv": "09310000", "label": "Électricité"},
            "cpv-0931",
            "electricite",
            {"kWh": "electricite-mix-moyen"},
        ),
        (
            {"account": "60613", "cpv": "09323000", "label": "Réseau"},
            "cpv-0932",
            "chaleur",
            {"kWh": "reseau-chaleur-moyen"},
        ),
    ],
)
def test_energy_carrier_from_label_account_and_cpv(
    engine: Any, line: dict[str, str], rule_id: str, carrier: str | None, physical: dict[str, str]
) -> None:
    rule = _winner(engine, **line)
    assert rule.id == rule_id
    assert rule.quantify is True
    assert rule.factor is None
    assert rule.exclude is None
    assert (rule.carrier or None) == carrier
    assert rule.physical == physical


@pytest.mark.parametrize(
    ("line", "rule_id"),
    [
        ({"account": "60622", "label": "AdBlue 10 L"}, "m57-60622-hors-carburant"),
        ({"account": "60622", "label": "Huile moteur 5W30"}, "m57-60622-hors-carburant"),
        ({"account": "60221", "label": "Lave-glace"}, "m57-60221-hors-carburant"),
        ({"account": "60622", "cpv": "09134100", "label": "AdBlue"}, "cpv-09134-hors-carburant"),
        ({"account": "6066", "nomenclature": "M49", "label": "AdBlue"}, "m4-6066-hors-carburant"),
    ],
)
def test_what_comes_with_the_fuel_is_not_fuel(
    engine: Any, line: dict[str, str], rule_id: str
) -> None:
    """AdBlue or oil in litres must not be counted as litres of diesel."""
    rule = _winner(engine, **line)
    assert rule.id == rule_id
    assert (rule.factor, rule.quantify, rule.proxy) == ("naf-C20", False, True)
    assert rule.physical == {}


def test_water_stays_a_proxy_with_m3(engine: Any) -> None:
    for line in ({"account": "60611", "label": "Eau"}, {"account": "6061", "label": "Eau potable"}):
        rule = _winner(engine, **line)
        assert (rule.factor, rule.proxy, rule.quantify) == ("naf-O84", True, False)
        assert rule.physical == {"m3": "eau-reseau-m3"}
        assert rule.vat_rate == 0.055


# ----------------------------------------------------------------- renting (item 7)


@pytest.mark.parametrize(
    ("nomenclature", "account", "factor"),
    [
        ("M57", "61221", "naf-C30"),  # crédit-bail : matériel roulant
        ("M57", "61228", "naf-C28"),
        ("M14", "6122", "naf-C28"),  # feuille en M14
        ("M57", "6125", "naf-L"),  # crédit-bail immobilier
        ("M57", "6132", "naf-L"),  # locations immobilières
        ("M57", "61351", "naf-C30"),  # locations mobilières : matériel roulant
        ("M57", "61358", "naf-C28"),
        ("M14", "6135", "naf-C28"),
        ("M57", "614", "naf-M74"),  # charges locatives (proxy, was L)
    ],
)
def test_renting_is_an_upstream_leased_asset(
    engine: Any, nomenclature: str, account: str, factor: str
) -> None:
    rule = _winner(engine, account=account, nomenclature=nomenclature, label="Loyer")
    assert rule.beges == "4.4", rule.id
    assert rule.factor == factor, rule.id
    assert "4.4" in rule.note, rule.id


# ----------------------------------------------------------------- VAT (item 8)


@pytest.mark.parametrize(
    ("line", "rate", "basis"),
    [
        ({"account": "6132", "label": "Loyer bureaux"}, 0.0, "261 D"),
        ({"account": "614", "label": "Charges de copropriété"}, 0.0, "261 D"),
        ({"account": "6281", "label": "Cotisation AMF"}, 0.0, "art. 256"),
        ({"account": "6161", "label": "Prime multirisque"}, 0.0, "TSCA"),
        ({"account": "65881", "label": "Restauration collège"}, 0.0, "256 B"),
        ({"account": "6065", "label": "Livres jeunesse"}, 0.055, "278-0 bis A"),
        ({"account": "6065", "label": "CD et DVD médiathèque"}, None, "taux normal"),
        ({"account": "60225", "label": "Disques vinyles"}, None, "taux normal"),
        ({"account": "611", "label": "Collecte sélective des emballages"}, 0.055, "278-0 bis M"),
        ({"account": "611", "label": "Collecte des ordures ménagères"}, 0.10, "279 h"),
        ({"account": "611", "label": "Collecte des DASRI"}, None, "médicaux"),
    ],
)
def test_default_vat_with_its_legal_basis(
    engine: Any, line: dict[str, str], rate: float | None, basis: str
) -> None:
    rule = _winner(engine, **line)
    assert rule.vat_rate == rate, rule.id
    assert basis in rule.note, rule.id


def test_discs_are_recordings_not_books(engine: Any) -> None:
    assert _winner(engine, account="6065", label="DVD jeunesse").factor == "naf-J59_60"
    assert _winner(engine, account="6065", label="Romans").factor == "naf-J58"


# ----------------------------------------------------------------- doubtful rules


@pytest.mark.parametrize(
    ("line", "rule_id", "factor"),
    [
        # 60631: small supplies by default (C32), chemicals (C20) only by label
        ({"account": "60631", "label": "Balais et seaux"}, "m57-60631", "naf-C32"),
        ({"account": "60631", "label": "Détergent désinfectant"}, "m57-60631-produits", "naf-C20"),
        ({"account": "60631", "label": "Essuie-mains"}, "m57-60631-papier", "naf-C17"),
        ({"account": "60631", "label": "Sacs poubelle 100 L"}, "m57-60631-sacs", "naf-C22"),
        ({"account": "60222", "label": "Produits d'entretien"}, "m57-60222", "naf-C20"),
        # 6023 / 60633 road supplies: mineral products kept, signs and paint by label
        ({"account": "60633", "label": "Enrobé à froid"}, "m57-60633", "naf-C23"),
        (
            {"account": "60633", "label": "Panneaux de signalisation"},
            "m57-60633-signalisation",
            "naf-C25",
        ),
        (
            {"account": "6023", "label": "Peinture de marquage au sol"},
            "m57-6023-marquage",
            "naf-C20",
        ),
        (
            {"account": "6023", "nomenclature": "M14", "label": "Panneau"},
            "m14-6023",
            "naf-C10_11_12",
        ),
        # 614 charges locatives: generic service proxy instead of L (21 kg/k€)
        ({"account": "614", "label": "Charges locatives"}, "m57-614", "naf-M74"),
        # 6281 dues kept on S94
        ({"account": "6281", "label": "Cotisation"}, "m57-6281", "naf-S94"),
        # 652: placements and funerals are bought services
        ({"account": "652411", "label": "Foyer de l'enfance"}, "m57-6524", "naf-Q86"),
        ({"account": "65243", "label": "EHPAD"}, "m57-6524", "naf-Q86"),
        ({"account": "6525", "label": "Obsèques"}, "m57-6525", "naf-S96"),
        # 65881 kept on I (restaurant service of the EPLE)
        ({"account": "65881", "label": "Demi-pension"}, "m57-65881", "naf-I"),
        # nursery plants: A02 proxy (CPV and account agree)
        ({"account": "60628", "cpv": "03451000", "label": "Plants"}, "cpv-0345", "naf-A02"),
        ({"account": "2121", "label": "Plantation d'arbres"}, "m57-2121", "naf-A02"),
        # 60618 is not energy
        ({"account": "60618", "label": "Fournitures"}, "m57-60618", "naf-C32"),
        # printing paper: paper, not miscellaneous office supplies
        ({"account": "6064", "cpv": "30197630", "label": "Ramettes"}, "cpv-301976", "naf-C17"),
        (
            {"account": "6064", "cpv": "30197642", "label": "Papier copieur"},
            "cpv-301976",
            "naf-C17",
        ),
        ({"account": "6064", "cpv": "30192000", "label": "Stylos"}, "cpv-3019", "naf-C32"),
        # 213 buildings: works stay counted
        ({"account": "21318", "label": "Travaux de réhabilitation"}, "m57-21318", "naf-F"),
    ],
)
def test_doubtful_rule_decisions(
    engine: Any, line: dict[str, str], rule_id: str, factor: str
) -> None:
    rule = _winner(engine, **line)
    assert rule.id == rule_id
    assert rule.factor == factor
    if rule_id not in ("m57-60222", "m57-21318"):  # unchanged neighbours, shown for contrast
        assert rule.note, rule.id


@pytest.mark.parametrize(
    ("account", "label"),
    [
        ("21321", "Acquisition immeuble 12 rue du Commerce"),
        ("21318", "Acquisition d'un bâtiment rue Porte-Côté"),
        ("2138", "Préemption maison 3 rue Denis-Papin"),
        ("21312", "Acquisition de locaux pour l'école"),
    ],
)
def test_purchase_of_an_existing_building_is_excluded(
    engine: Any, account: str, label: str
) -> None:
    rule = _winner(engine, account=account, label=label)
    assert rule.exclude is not None, rule.id
    assert rule.exclude.startswith("Acquisition d'un bâtiment existant")
    assert rule.vat_rate == 0.0


def test_other_652_stays_excluded(engine: Any) -> None:
    for account in ("65211", "6522", "6523", "6526"):
        assert _winner(engine, account=account, label="Frais").id == "m57-652"


def test_proxies_of_the_reviewed_rules(engine: Any) -> None:
    for line in (
        {"account": "614", "label": "Charges"},
        {"account": "6524", "label": "Séjour"},
        {"account": "2121", "label": "Plants"},
        {"account": "60628", "cpv": "03451000", "label": "Plants"},
    ):
        rule = _winner(engine, **line)
        assert rule.proxy is True, rule.id
        assert rule.uncertainty == 1.0, rule.id


@pytest.mark.parametrize(
    ("account", "rule_id"),
    [("60633", "m57-60633"), ("6023", "m57-6023"), ("6281", "m57-6281"), ("65881", "m57-65881")],
)
def test_kept_choices_say_so(engine: Any, account: str, rule_id: str) -> None:
    """A doubtful rule kept after review carries the reason in its note."""
    rule = _winner(engine, account=account, label="Divers")
    assert rule.id == rule_id
    assert "gardé après revue" in rule.note
