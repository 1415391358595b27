"""Checks on the shipped AGEC art. 58 category rules (factors/agec/categories.yaml).

Pure data tests: the rule file is read with PyYAML and judged here, without the engine. The
category labels come from factors/agec/declaration.yaml, checked against the official
data.gouv schema; CPV prefixes and labels are checked against CPV 2008 (both cross-checks on
../shared/reference: they skip outside CI, fail under CI=true). A reference evaluator written
in this file (prefix match, folded regular expressions, the shipped layer's precedence) runs a
table of lines whose category is written by hand, so that the intent of the rules is pinned.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from achats_durables.knowledge.rules import CONDITIONS, PATTERNS

REPO = Path(__file__).resolve().parents[1]
AGEC_DIR = REPO / "factors" / "agec"
RULES_FILE = AGEC_DIR / "categories.yaml"
DECLARATION_FILE = AGEC_DIR / "declaration.yaml"
NOMENCLATURES = REPO / "factors" / "nomenclatures"
M57_CHART = NOMENCLATURES / "m57-2025-comptes-classes-2-6.csv"
M14_CHART = NOMENCLATURES / "m14-2022-comptes-classes-2-6.csv"
SCHEMA_JSON = Path("agec") / "schema_declaration_biens_valorisation_v0.1.0.json"
CPV_CSV = "cpv_2008_fr_en.csv"

FILE_KEYS = {"id", "name", "source", "status", "signals", "rules"}
RULE_KEYS = {"id", "when", "category", "exclude", "note", "status", "label"}
WHEN_KEYS = set(CONDITIONS)  # the mapping rules' conditions: one rule language
PATTERN_KEYS = PATTERNS
GOODS_ACCOUNTS = ("60", "21", "23")
STATUSES = {"proposition", "valide"}
RULE_ID = re.compile(r"agec-(cpv-)?\d+(-[a-z0-9]+)*")
EXCLUDED = "exclu"  # expected outcome of a line an `exclude` rule takes


def fold(text: str) -> str:
    """Lower case, accents removed: how the engine compares labels and suppliers."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@functools.cache
def _yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict), path
    return data


def _rules() -> list[dict[str, Any]]:
    rules = _yaml(RULES_FILE)["rules"]
    assert isinstance(rules, list)
    return rules


def _categories() -> list[str]:
    categories = _yaml(DECLARATION_FILE)["categories"]
    assert isinstance(categories, list)
    return categories


@functools.cache
def _chart(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["libelle"] for row in csv.DictReader(handle)}


@functools.cache
def _cpv_labels(shared: Path) -> dict[str, str]:
    with (shared / CPV_CSV).open(encoding="utf-8", newline="") as handle:
        return {row["code_8"]: row["label_fr"] for row in csv.DictReader(handle)}


def _patterns() -> list[tuple[str, str]]:
    """(where, pattern) for every regular expression of the file, signals included."""
    out = [(f"signals.{key}", value) for key, value in _yaml(RULES_FILE)["signals"].items()]
    for rule in _rules():
        out += [
            (f"{rule['id']}.{key}", rule["when"][key])
            for key in PATTERN_KEYS
            if key in rule["when"]
        ]
    return out


# --------------------------------------------------------------------------- the categories


def test_declaration_lists_17_distinct_categories() -> None:
    categories = _categories()
    assert len(categories) == 17
    assert len(set(categories)) == 17
    assert set(_yaml(DECLARATION_FILE)) >= {"source", "categories"}


def test_declaration_categories_are_the_schema_enum_in_order(shared_dir: Path) -> None:
    schema = json.loads((shared_dir / SCHEMA_JSON).read_text(encoding="utf-8"))
    field = next(f for f in schema["fields"] if f["name"] == "type_produit_acquis")
    assert _categories() == field["constraints"]["enum"]


# --------------------------------------------------------------------------- rule structure


def test_file_header() -> None:
    data = _yaml(RULES_FILE)
    assert set(data) <= FILE_KEYS
    assert data["id"] == "agec"
    assert data["status"] in STATUSES
    assert {"name", "source", "rules"} <= set(data)
    assert set(data["signals"]) == {"reuse", "recycled"}


def test_rule_ids_are_unique_and_well_formed() -> None:
    ids = [rule["id"] for rule in _rules()]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    assert [i for i in ids if not RULE_ID.fullmatch(i)] == []


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r["id"])
def test_rule_shape(rule: dict[str, Any]) -> None:
    assert set(rule) <= RULE_KEYS
    when = rule["when"]
    assert isinstance(when, dict)
    assert when, "empty when"
    assert set(when) <= WHEN_KEYS
    assert all(isinstance(v, str) and v for v in when.values())
    for key in ("account", "cpv"):
        if key in when:
            assert when[key].isdigit(), when[key]
    if "nomenclature" in when:
        assert re.fullmatch(r"M\d+", when["nomenclature"])
    assert ("category" in rule) != ("exclude" in rule), "exactly one of category, exclude"
    if "category" in rule:
        assert rule["category"] in _categories()
    else:
        assert isinstance(rule["exclude"], str)
        assert rule["exclude"].strip()
    assert isinstance(rule.get("note"), str)
    assert rule["note"].strip()
    assert rule.get("status", "proposition") in STATUSES


@pytest.mark.parametrize(("where", "pattern"), _patterns(), ids=[w for w, _ in _patterns()])
def test_patterns_compile_and_are_folded(where: str, pattern: str) -> None:
    re.compile(pattern)
    assert pattern == fold(pattern), f"{where}: write it folded (lower case, no accents)"


def test_label_rules_carry_an_account_or_a_cpv() -> None:
    bare = [
        r["id"]
        for r in _rules()
        if "label" in r["when"] and not {"account", "cpv"} & set(r["when"])
    ]
    assert bare == []


def test_accounts_are_goods_accounts() -> None:
    off = [
        r["id"]
        for r in _rules()
        if "account" in r["when"] and not r["when"]["account"].startswith(GOODS_ACCOUNTS)
    ]
    assert off == []


def test_account_prefixes_exist_in_the_shipped_charts() -> None:
    codes = set(_chart(M57_CHART)) | set(_chart(M14_CHART))
    unknown = [
        r["id"]
        for r in _rules()
        if "account" in r["when"] and not any(c.startswith(r["when"]["account"]) for c in codes)
    ]
    assert unknown == []


def test_account_rule_labels_are_the_chart_labels() -> None:
    m57, m14 = _chart(M57_CHART), _chart(M14_CHART)
    for rule in _rules():
        when = rule["when"]
        if "label" not in rule or "account" not in when or set(when) - {"account", "nomenclature"}:
            continue
        code = when["account"]
        chart = m14 if when.get("nomenclature") == "M14" else m57
        assert rule["label"] == chart.get(code, m14.get(code)), rule["id"]


def test_cpv_prefixes_drop_their_padding_zeros() -> None:
    padded = [
        r["id"]
        for r in _rules()
        if "cpv" in r["when"] and 2 < len(r["when"]["cpv"]) < 8 and r["when"]["cpv"].endswith("0")
    ]
    assert padded == []


def test_cpv_prefixes_exist_in_cpv_2008(shared_dir: Path) -> None:
    codes = _cpv_labels(shared_dir)
    unknown = [
        r["id"]
        for r in _rules()
        if "cpv" in r["when"] and not any(c.startswith(r["when"]["cpv"]) for c in codes)
    ]
    assert unknown == []


def test_cpv_rule_labels_are_the_cpv_labels(shared_dir: Path) -> None:
    codes = _cpv_labels(shared_dir)
    for rule in _rules():
        when = rule["when"]
        if "label" in rule and set(when) == {"cpv"}:
            assert rule["label"] == codes.get(when["cpv"].ljust(8, "0")), rule["id"]


def test_every_category_is_reached() -> None:
    reached = {r["category"] for r in _rules() if "category" in r}
    assert [c for c in _categories() if c not in reached] == []


# --------------------------------------------------------------------------- reference evaluator


def _matches(rule: dict[str, Any], line: dict[str, str]) -> bool:
    for key, value in rule["when"].items():
        cell = line.get(key, "")
        if key in ("account", "cpv"):
            if not cell or not cell.startswith(value):
                return False
        elif key in PATTERN_KEYS:
            if not re.search(fold(value), fold(cell)):
                return False
        elif key == "nomenclature":
            if not cell or not cell.upper().startswith(value.upper()):
                return False
        elif cell != value:
            return False
    return True


def _rank(rule: dict[str, Any], order: int) -> tuple[int, ...]:
    """Higher wins: siret, contract, label, cpv length, account length, conditions, file order."""
    when = rule["when"]
    return (
        int("supplier_siret" in when),
        int("contract" in when),
        int("label" in when),
        len(when.get("cpv", "")),
        len(when.get("account", "")),
        len(when),
        -order,
    )


def classify(label: str, account: str, cpv: str, nomenclature: str = "") -> str | None:
    """The category of a line, ``EXCLUDED``, or None (no rule, or not a goods line)."""
    if account and not account.startswith(GOODS_ACCOUNTS):
        return None
    line = {"label": label, "account": account, "cpv": cpv, "nomenclature": nomenclature}
    candidates = [(_rank(r, i), r) for i, r in enumerate(_rules()) if _matches(r, line)]
    if not candidates:
        return None
    winner = max(candidates, key=lambda c: c[0])[1]
    return EXCLUDED if "exclude" in winner else str(winner["category"])


TEXTILES = "Produits textiles à l'exception des équipements de protection individuels"
INFO = "Matériel informatique et téléphonie"
REPRO = "Matériel de reprographie et d'impression"
CONSO = "Consommables d'impression"
PAPIER = "Papier"
BUREAU = "Fournitures de bureau"
ENGINS = "Engins de transport et pièces détachées"
VEHICULES = "Véhicules et pièces détachées"
MOBILIER = "Mobilier et aménagement d'intérieur"
URBAIN = "Mobilier urbain"
COLLECTE = "Equipements de collecte de déchets"
BOCAUX = "Bocaux et flacons"
SPORT = "Articles et équipement sportifs"
ESPACES_VERTS = "Matériel d'entretien des espaces verts"
MODULAIRES = "Bâtiments modulaires ou préfabriqués"
GEM = "Gros électroménager, y compris appareils professionnels"
JEUX = "Jeux et jouets"

# (label, account, cpv, nomenclature, expected). Labels of examples/make_example.py first
# (its goods families draw their CPV at random among the family's codes, hence the label
# rules), then realistic lines.
CASES: list[tuple[str, str, str, str, str | None]] = [
    ("Cartouches toner imprimantes écoles", "6064", "30192700", "", CONSO),
    ("Fourniture ramettes papier A4 recyclé – commande 1207", "6064", "30125100", "", PAPIER),
    ("Fournitures de bureau – commande 3381", "6064", "30197630", "", BUREAU),
    ("Fournitures scolaires école Jules Ferry", "6064", "30125100", "", BUREAU),
    ("Sièges ergonomiques – commande 254383", "21848", "39112000", "", MOBILIER),
    ("Mobilier de bureau Hôtel de ville", "21848", "39130000", "", MOBILIER),
    ("Mobilier scolaire école des Tilleuls", "21841", "39160000", "", MOBILIER),
    ("Acquisition postes de travail et écrans – commande 88", "21838", "30232110", "", INFO),
    ("Acquisition imprimantes laser", "21838", "30213100", "", REPRO),
    ("Acquisition ordinateurs portables – commande 12", "21838", "30213300", "", INFO),
    ("Équipement numérique classes école Jules Ferry", "21831", "30213100", "", INFO),
    ("Acquisition benne à ordures ménagères 26 t", "21828", "34144510", "", VEHICULES),
    ("Acquisition véhicule utilitaire électrique", "21828", "34144900", "", VEHICULES),
    ("Acquisition conteneurs enterrés centre-ville", "2188", "44613800", "", COLLECTE),
    ("Équipements aire de jeux parc des Mées", "2188", "37535200", "", JEUX),
    ("Acquisition mobilier urbain", "2188", "34928400", "", URBAIN),
    ("Vêtements de travail agents espaces verts", "6068", "18110000", "", TEXTILES),
    ("Sacs de collecte et bacs roulants", "6068", "34928480", "", COLLECTE),
    ("Plants et fleurs massifs saison printemps", "6068", "03451000", "", None),
    ("Panneaux de signalisation temporaire", "6068", "34992200", "", None),
    ("Équipements de protection individuelle – commande 5", "60632", "35000000", "", EXCLUDED),
    ("Petit équipement électroménager crèche", "60632", "39700000", "", None),
    ("Papier hygiénique et essuie-mains – commande 7", "60631", "33760000", "", None),
    ("Acquisition livres jeunesse – commande 9", "6065", "22113000", "", None),
    ("Gants de protection", "60636", "", "", EXCLUDED),
    ("Tenues de travail cuisine centrale", "60636", "", "", TEXTILES),
    ("Chaussures de sécurité agents voirie", "60636", "18830000", "", EXCLUDED),
    ("Polos brodés", "", "18333000", "", TEXTILES),
    ("Gants anti-coupures", "", "18424000", "", EXCLUDED),
    ("Copieur multifonction A3 mairie", "21848", "", "", REPRO),
    ("Vélos à assistance électrique agents", "21828", "34430000", "", ENGINS),
    ("Abri vélos gare", "2188", "", "", URBAIN),
    ("Tondeuse autoportée espaces verts", "2158", "16311100", "", ESPACES_VERTS),
    ("Lave-vaisselle cuisine centrale", "215741", "", "", GEM),
    ("Réfrigérateur crèche", "2188", "", "", GEM),
    ("Micro-ondes salle de pause", "60632", "39711362", "", None),
    ("Bâtiment modulaire école maternelle", "2313", "", "", MODULAIRES),
    ("Installation bornes de recharge IRVE parking", "2315", "", "", URBAIN),
    ("Ballons de football et chasubles", "6068", "", "", SPORT),
    ("Jeux de société ludothèque", "6065", "37524200", "", JEUX),
    ("Jeu de clés plates atelier", "60632", "", "", None),
    ("Bocaux en verre cuisine centrale", "60632", "", "", BOCAUX),
    ("Gel hydroalcoolique flacons 500 ml", "60631", "", "", None),
    ("Pneus véhicules de service", "60632", "34351100", "", VEHICULES),
    ("Maintenance copieurs", "6156", "50313000", "", None),
    ("Achat de chevaux", "2185", "", "M14", EXCLUDED),
    ("Standard téléphonique", "2185", "", "M57", INFO),
    ("Souris et claviers", "21838", "30237460", "", EXCLUDED),
    ("Imprimantes et traceurs", "", "30232100", "", REPRO),
    ("Vidéoprojecteurs salles de réunion", "2183", "38652120", "", INFO),
    ("Rames de tramway", "21821", "", "", EXCLUDED),
    ("Balayeuse de voirie", "21571", "", "M14", VEHICULES),
    ("Rails et aiguillages", "21571", "", "M57", EXCLUDED),
    ("Ramettes papier", "", "30197630", "", PAPIER),
    ("Lots de stylos", "", "30192121", "", BUREAU),
    ("Chaises salle du conseil", "6068", "", "", MOBILIER),
    ("Table de ping-pong extérieure", "2188", "", "", SPORT),
    ("Banc public en bois recyclé", "2152", "", "", URBAIN),
    ("Tables de cuisson induction", "2188", "", "", GEM),
    ("Poubelles de tri bureaux", "60632", "", "", COLLECTE),
    ("Déchiqueteuse de bureau", "", "30191400", "", BUREAU),
    ("Adoucisseur d'eau", "", "39137000", "", EXCLUDED),
    ("Ramettes papier classes", "6067", "", "", PAPIER),
    # Words that must not trigger a rule: site names, food, cleaning products, building works.
    ("Fourniture électricité siège communautaire", "60612", "09310000", "", None),
    ("Goûters et collations siège du CIAS", "60623", "15800000", "", None),
    ("Mobilier de bureau siège du CIAS", "21848", "39112000", "", MOBILIER),
    ("Raisins de table cuisine centrale", "60623", "", "", None),
    ("Produits pour lave-vaisselle cuisine centrale", "60631", "39832000", "", None),
    ("Lave-linge buanderie résidence autonomie", "2188", "", "", GEM),
    ("Revêtements de sol souples", "60632", "", "", None),
    ("Vélos d'exercice salle de sport", "2188", "37441300", "", SPORT),
    ("Table de baby-foot foyer des jeunes", "2188", "37461220", "", SPORT),
    ("Four crématorium", "2158", "", "", None),
    ("Horodateurs", "2152", "38720000", "", None),
    ("Sièges pour véhicules", "60632", "34370000", "", VEHICULES),
    ("Mobilier de jardin parc", "2188", "", "", URBAIN),
    ("Produits nettoyants pour écrans", "60631", "39831400", "", None),
    ("Blouses de protection laboratoire", "60636", "", "", EXCLUDED),
    ("Vêtements de protection contre les intempéries", "60636", "18220000", "", TEXTILES),
]


@pytest.mark.parametrize(("label", "account", "cpv", "nomenclature", "expected"), CASES)
def test_reference_lines(
    label: str, account: str, cpv: str, nomenclature: str, expected: str | None
) -> None:
    assert classify(label, account, cpv, nomenclature) == expected


def test_the_cases_cover_every_category() -> None:
    expected = {case[-1] for case in CASES}
    assert [c for c in _categories() if c not in expected] == []


def test_label_beats_cpv_and_cpv_beats_account() -> None:
    # The same 6064 line, three CPV codes: the label decides when a label rule matches.
    for cpv in ("30192700", "30197630", "30125100"):
        assert classify("Cartouches toner imprimantes", "6064", cpv) == CONSO
    # Without a label rule, the CPV code (paper) beats the account (office supplies).
    assert classify("Commande 42", "6064", "30197630") == PAPIER
    assert classify("Commande 42", "6064", "") == BUREAU


# --------------------------------------------------------------------------- signals


@pytest.mark.parametrize(
    ("label", "reuse", "recycled"),
    [
        ("Ordinateurs portables reconditionnés", True, False),
        ("Mobilier de bureau d'occasion", True, False),
        ("Fourniture ramettes papier A4 recyclé", False, True),
        ("Polaires en fibres recyclées", False, True),
        ("Toners régénérés", True, False),
        ("Réception à l'occasion du départ en retraite", False, False),
        ("Gobelets réutilisables", False, False),
        ("Bacs de recyclage", False, False),
    ],
)
def test_signals(label: str, reuse: bool, recycled: bool) -> None:
    signals = _yaml(RULES_FILE)["signals"]
    assert bool(re.search(signals["reuse"], fold(label))) is reuse
    assert bool(re.search(signals["recycled"], fold(label))) is recycled
