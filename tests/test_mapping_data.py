"""Checks on the shipped mapping rules (factors/mappings/*.yaml).

Structural tests run everywhere. Coverage cross-checks against the M57 2025 and M14 2022
charts, the CPV 2008 nomenclature and two real TOTEM ledgers (M14, M49) run only when the
shared reference folder is available: `<repo>/../shared/reference`, or
`$ACHATS_SHARED_DIR`. Only PyYAML, csv and xml.etree are used: the project code is not
imported.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
MAPPINGS_DIR = REPO_ROOT / "factors" / "mappings"
FACTORS_FILE = REPO_ROOT / "factors" / "ademe-base-carbone-v23.6.yaml"
M57_FILE = MAPPINGS_DIR / "m57.yaml"
CPV_FILE = MAPPINGS_DIR / "cpv.yaml"
M14_FILE = MAPPINGS_DIR / "m14.yaml"
M4_FILE = MAPPINGS_DIR / "m4.yaml"
ACCOUNT_FILES = (M57_FILE, M14_FILE, M4_FILE)
BUILD_SCRIPT = REPO_ROOT / "scripts" / "build_mappings.py"

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
    "label",
    "status",
    "note",
    "proxy",
    "uncertainty",
    "vat_rate",
    "physical",
}
FILE_KEYS = {"id", "name", "factor_set", "source", "status", "rules"}
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


def _load(path: Path) -> dict[str, Any]:
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
        pytest.skip(SKIP_REASON)
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
        assert ("factor" in rule) != ("exclude" in rule), f"{rid}: one of factor/exclude"
        if "factor" in rule:
            assert rule["factor"] in factor_ids, f"{rid}: unknown factor {rule['factor']}"
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
            assert set(when) == {"account", "nomenclature"}, rule["id"]
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


@pytest.mark.parametrize("code", ["64111", "6611", "60612", "60622", "60221", "6574", "163"])
def test_out_of_scope_accounts_are_excluded(code: str, m57_rules: list[dict[str, Any]]) -> None:
    assert "exclude" in _m57(code, m57_rules)


def test_energy_reason(m57_rules: list[dict[str, Any]]) -> None:
    reason = _m57("60612", m57_rules)["exclude"]
    assert reason.startswith("Énergie et carburants")
    assert "kWh" in reason


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


def test_cpv_energy_excluded(cpv_rules: list[dict[str, Any]]) -> None:
    by_prefix = _account_only(cpv_rules, "cpv")
    for code in ("09134100", "09310000", "65300000"):
        rule = _resolve(code, by_prefix)
        assert rule is not None, code
        assert "exclude" in rule, code
    assert "factor" in (_resolve("65110000", by_prefix) or {})  # water distribution
    assert (_resolve("66510000", by_prefix) or {}).get("factor") == "naf-K65"
    assert (_resolve("45000000", by_prefix) or {}).get("factor") == "naf-F"


def test_build_script_reproduces_the_committed_files(shared: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--shared", str(shared), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for path in (M57_FILE, M14_FILE, M4_FILE, CPV_FILE):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


# --------------------------------------------------------------------------- M14, M4


def test_every_m14_class_2_and_6_leaf_is_reached(shared: Path) -> None:
    if not (shared / M14_CHART_CSV).is_file():
        pytest.skip(SKIP_REASON)
    chart = _read_csv(shared / M14_CHART_CSV)
    leaves = [row["code"] for row in chart if row["est_feuille"] == "oui" and row["classe"] in "26"]
    assert len(leaves) > 500
    rules = _account_rules("M14")
    missing = [code for code in leaves if _resolve_line(code, rules) is None]
    assert not missing, f"{len(missing)} M14 leaves without rule: {missing[:20]}"


def test_m14_rules_carry_the_m14_label(shared: Path) -> None:
    if not (shared / M14_CHART_CSV).is_file():
        pytest.skip(SKIP_REASON)
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
    [("M14", "6574"), ("M14", "6521"), ("M14", "6711"), ("M49", "6066"), ("M49", "6371")],
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
        pytest.skip(SKIP_REASON)
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
