"""Method shares, data quality and the method hierarchy of ``explain`` (issue 12 item 5).

Every expected figure is computed here from the figures the test writes (supplier intensity,
physical factor) and from the shipped ratio file read as plain YAML.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from achats_durables.footprint.compute import METHODS, compute_footprint
from achats_durables.footprint.explain import explain_row
from achats_durables.footprint.hierarchy import method_levels
from achats_durables.footprint.report import FootprintOptions, FootprintReport, MethodRow
from achats_durables.i18n import messages
from achats_durables.knowledge.factors import load_factor_set, load_factor_sets, load_price_index
from achats_durables.knowledge.mapping import load_mapping_rules
from achats_durables.knowledge.suppliers import Supplier, load_suppliers
from achats_durables.ledger.read import read_ledger
from achats_durables.writers.explain import level_text

from .conftest import REPO, LedgerFactory
from .test_cli import flat, invoke

HEADER = [
    "Exercice",
    "Nature",
    "Libellé",
    "Fournisseur",
    "SIRET",
    "Montant HT",
    "Quantité",
    "Unité",
]
LISTED = "732829320"  # a valid SIREN (check digit right)
OTHER_SIRET = "44306184100047"
SUPPLIER = {
    "siren": LISTED,
    "name": "Papeterie Exemple",
    "intensity_kgco2e_per_keur": 120,
    "euro_year": 2023,
    "scope": "scopes 1, 2 et 3 amont",
    "source": "BEGES 2023 publié sur la plateforme ADEME",
    "uncertainty": 0.1,
}
PHYSICAL = {
    "id": "test-physique",
    "factors": [
        {
            "id": "omr-incineration",
            "kind": "physical",
            "unit": "kgCO2e/t",
            "value": 374,
            "beges": "4.3",
            "uncertainty": 0.20,
        },
        {
            "id": "gaz-pcs",
            "kind": "physical",
            "unit": "kgCO2e/kWh PCS",
            "value": 0.215,
            "beges": "1.1",
            "uncertainty": 0.05,
        },
    ],
}
RULES = {
    "id": "test",
    "rules": [
        {
            "id": "gaz",
            "when": {"account": "60621"},
            "quantify": True,
            "carrier": "gaz",
            "physical": {"kWh": "gaz-pcs"},
        },
        {
            "id": "dechets",
            "when": {"account": "611", "label": "dechet|ordure"},
            "factor": "naf-H49",
            "proxy": True,
            "beges": "4.3",
        },
        {
            "id": "dechets-incineration",
            "when": {"account": "611", "label": "incinera"},
            "factor": "naf-H49",
            "proxy": True,
            "beges": "4.3",
            "physical": {"t": "omr-incineration"},
        },
        {"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"},
        {"id": "personnel", "when": {"account": "641"}, "exclude": "personnel"},
    ],
}
# spreadsheet rows 2 to 8 (the header is row 1)
ROWS = [
    [2023, "6064", "Ramettes", "Papeterie Exemple", LISTED + "00074", 10000, None, None],
    [2023, "6064", "Cahiers", "Autre papetier", OTHER_SIRET, 4000, 12, "m3"],
    [2023, "611", "Incinération OM", "Valo", OTHER_SIRET, 50000, 400, "t"],
    [2023, "611", "Collecte ordures ménagères", "Valo", OTHER_SIRET, 20000, None, None],
    [2023, "6188", "Divers", "Autre", OTHER_SIRET, 3000, None, None],
    [2023, "60621", "Gaz naturel", "Gazier", OTHER_SIRET, 2500, None, None],
    [2023, "641", "Salaires", "", "", 5000, None, None],
]
RATIO = {
    f["id"]: f["values"]
    for f in yaml.safe_load(
        (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
    )["factors"]
}
# by hand, in kgCO2e: supplier 10 k€ × 120; ratio 4 k€ × C17; 400 t × 374; proxy 20 k€ × H49
E_SUPPLIER = 10 * 120
E_RATIO = 4 * RATIO["naf-C17"][2023]
E_QUANTITY = 400 * 374
E_PROXY = 20 * RATIO["naf-H49"][2023]
E_TOTAL = E_SUPPLIER + E_RATIO + E_QUANTITY + E_PROXY
SPEND_IN_SCOPE = 10000 + 4000 + 50000 + 20000 + 3000 + 2500  # the excluded 5000 € left out


def write_yaml(path: Path, doc: Any) -> Path:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "factors": write_yaml(tmp_path / "physique.yaml", PHYSICAL),
        "rules": write_yaml(tmp_path / "rules.yaml", RULES),
        "suppliers": write_yaml(tmp_path / "fournisseurs.yaml", {"suppliers": [SUPPLIER]}),
    }


def _setup(files: dict[str, Path]) -> tuple[list[Any], Any]:
    sets = [*load_factor_sets([REPO / "factors" / "ademe-base-carbone-v23.6.yaml"])]
    sets.append(load_factor_set(files["factors"]))
    return sets, load_mapping_rules([files["rules"]], defaults=False)


def footprint(
    ledger: Path, files: dict[str, Path], suppliers: tuple[Supplier, ...]
) -> FootprintReport:
    sets, rules = _setup(files)
    return compute_footprint(
        read_ledger(ledger), sets, rules, load_price_index(), FootprintOptions(suppliers=suppliers)
    )


@pytest.fixture
def report(make_ledger: LedgerFactory, files: dict[str, Path]) -> FootprintReport:
    return footprint(make_ledger(ROWS, header=HEADER), files, load_suppliers(files["suppliers"]))


def test_methods_are_the_fixed_codes() -> None:
    assert METHODS == (
        "",
        "quantity",
        "quantity_estimated",
        "ratio",
        "proxy",
        "supplier",
        "activity",
        "not_counted",
    )
    for code in METHODS[1:]:
        assert messages.has(f"method-{code}")
    assert messages.render("method-activity", "fr") == (
        "Donnée d'activité (quantité × facteur physique, remplace la dépense couverte)"
    )


def test_every_line_carries_its_method(report: FootprintReport) -> None:
    assert [str(m) for m in report.lines["method"]] == [
        "supplier",
        "ratio",
        "quantity",
        "proxy",
        "not_counted",  # no rule
        "not_counted",  # energy without quantity
        "",  # excluded
    ]


def test_by_method_rows_and_shares_computed_by_hand(report: FootprintReport) -> None:
    rows = report.tables["by_method"]
    assert all(isinstance(r, MethodRow) for r in rows)
    assert [r.key for r in rows] == ["supplier", "quantity", "ratio", "proxy", "not_counted"]
    spend = [10000, 50000, 4000, 20000, 3000 + 2500]
    emissions = [E_SUPPLIER, E_QUANTITY, E_RATIO, E_PROXY, 0]
    assert [r.spend_excl_vat_eur for r in rows] == spend
    assert [r.emissions_tco2e for r in rows] == pytest.approx([e / 1000 for e in emissions])
    got = [(r.spend_share, r.emissions_share) for r in rows if isinstance(r, MethodRow)]
    expected = [(s / SPEND_IN_SCOPE, e / E_TOTAL) for s, e in zip(spend, emissions, strict=True)]
    assert [g[0] for g in got] == pytest.approx([x[0] for x in expected], abs=1e-6)
    assert [g[1] for g in got] == pytest.approx([x[1] for x in expected], abs=1e-6)
    assert rows[-1].uncertainty_tco2e == 0.0
    # the totals and the reconciliation stay on the counted lines
    assert report.totals.emissions_tco2e == pytest.approx(E_TOTAL / 1000)
    assert report.totals.spend_excl_vat_eur == 84000
    rec = report.reconciliation
    assert (rec.spend_unmapped_eur, rec.spend_unquantified_eur) == (3000, 2500)
    assert rec.spend_excluded_eur == 5000
    assert rec.balanced


def test_data_quality_score_by_hand(report: FootprintReport) -> None:
    data = report.to_dict()["data_quality"]
    assert data == pytest.approx(
        {
            "score": (E_SUPPLIER + E_QUANTITY) / E_TOTAL,
            "emissions_measured_tco2e": (E_SUPPLIER + E_QUANTITY) / 1000,
            "spend_measured_eur": 60000,
            "emissions_ratio_tco2e": E_RATIO / 1000,
            "emissions_proxy_tco2e": E_PROXY / 1000,
            "spend_not_counted_eur": 5500,
        },
        abs=1e-6,
    )
    assert [r["key"] for r in report.to_dict()["by_method"]][-1] == "not_counted"


def test_a_quantity_estimated_from_a_price_is_not_measured(
    make_ledger: LedgerFactory, files: dict[str, Path]
) -> None:
    sets, rules = _setup(files)
    options = FootprintOptions(energy_prices=(("gaz", 0.10),))  # 0,10 € HT per kWh
    ledger = make_ledger([ROWS[1], ROWS[5]], header=HEADER)
    r = compute_footprint(read_ledger(ledger), sets, rules, load_price_index(), options)
    assert [r.key for r in r.tables["by_method"]] == ["quantity_estimated", "ratio"]
    estimated = 2500 / 0.10 * 0.215
    dq = r.data_quality
    assert dq is not None
    assert dq.score == 0.0
    assert r.totals.emissions_tco2e == pytest.approx((estimated + E_RATIO) / 1000)


def _levels(report: FootprintReport, files: dict[str, Path], row: int, **kw: Any) -> Any:
    sets, rules = _setup(files)
    return explain_row(report, rules, sets, load_price_index(), row, **kw)


def _said(explanation: Any, lang: str) -> list[str]:
    return [level_text(level, lang).replace("\u202f", " ") for level in explanation.hierarchy]


def test_explain_hierarchy_of_a_supplier_line(report: FootprintReport, files: Any) -> None:
    listed = load_suppliers(files["suppliers"])
    e = _levels(report, files, 2, suppliers=listed)
    assert [(lv.level, lv.applied, lv.reason) for lv in e.hierarchy] == [
        ("supplier", True, "supplier-used"),
        ("quantity", False, "quantity-none"),
        ("activity", False, "activity-none"),
        ("ratio", False, "ratio-superseded"),
        ("proxy", False, "proxy-superseded"),
    ]
    assert _said(e, "fr") == [
        f"Donnée du fournisseur (s'applique) : le SIREN {LISTED} (Papeterie Exemple) figure dans "
        "le fichier des fournisseurs : 120 kgCO2e par k€ HT en euros 2023, source : BEGES 2023 "
        "publié sur la plateforme ADEME.",
        "Quantité physique (ne s'applique pas) : la ligne n'a pas de quantité (colonnes Quantité "
        "et Unité).",
        "Donnée d'activité (ne s'applique pas) : aucune ligne du fichier d'activités ne couvre "
        "cette ligne.",
        "Ratio monétaire du secteur (ne s'applique pas) : inutile, la ligne est calculée avec une "
        "donnée plus précise : Donnée du fournisseur.",
        "Ratio d'un secteur voisin (ne s'applique pas) : inutile, la ligne est calculée avec une "
        "donnée plus précise : Donnée du fournisseur.",
    ]
    assert _said(e, "en")[0] == (
        f"Supplier data (applies): SIREN {LISTED} (Papeterie Exemple) is in the supplier file: "
        "120 kgCO2e per k€ excl. VAT in euros of 2023, source: BEGES 2023 publié sur la "
        "plateforme ADEME."
    )
    data = e.to_dict()
    assert data["method"] == "supplier"
    assert data["method_hierarchy"][0] == {
        "level": "supplier",
        "applied": True,
        "reason": "supplier-used",
        "params": {
            "siren": LISTED,
            "name": "Papeterie Exemple",
            "supplier_value": 120.0,
            "euro_year": 2023,
            "source": "BEGES 2023 publié sur la plateforme ADEME",
        },
    }


def test_explain_hierarchy_of_a_ratio_line(report: FootprintReport, files: Any) -> None:
    e = _levels(report, files, 3, suppliers=load_suppliers(files["suppliers"]))
    said = _said(e, "fr")
    assert said[0] == (
        "Donnée du fournisseur (ne s'applique pas) : le SIREN 443061841 ne figure pas dans le "
        "fichier des fournisseurs."
    )
    # 12 m3 read, but the paper rule has no physical factor
    assert said[1] == (
        "Quantité physique (ne s'applique pas) : 12 m3 lus, mais la règle papier n'a pas de "
        "facteur physique : la quantité n'est pas utilisée."
    )
    ratio = f"{RATIO['naf-C17'][2023]:.0f}"
    assert said[3].startswith("Ratio monétaire du secteur (s'applique) : naf-C17 (")
    assert said[3].endswith(f") : {ratio} kgCO2e par k€ HT en euros 2023.")
    assert said[4] == (
        "Ratio d'un secteur voisin (ne s'applique pas) : inutile, le secteur a son propre ratio."
    )
    assert _said(e, "en")[4] == (
        "Neighbouring sector's ratio (does not apply): not needed, the sector has its own ratio."
    )


def test_explain_hierarchy_of_a_quantity_line_without_supplier_file(
    report: FootprintReport, files: Any
) -> None:
    e = _levels(report, files, 4)  # no supplier file given
    said = _said(e, "fr")
    assert said[0] == (
        "Donnée du fournisseur (ne s'applique pas) : aucun fichier des fournisseurs n'est donné "
        "(suppliers: dans achats.yaml)."
    )
    assert said[1] == (
        "Quantité physique (s'applique) : 400 t lus, soit 400,00 t × le facteur physique."
    )
    assert said[3] == (
        "Ratio monétaire du secteur (ne s'applique pas) : inutile, la ligne est calculée avec une "
        "donnée plus précise : Quantité physique × facteur physique."
    )
    assert _said(e, "en")[1] == (
        "Physical quantity (applies): 400 t read, i.e. 400.00 t × the physical factor."
    )


def test_explain_hierarchy_of_lines_not_counted(report: FootprintReport, files: Any) -> None:
    listed = load_suppliers(files["suppliers"])
    unmapped = _levels(report, files, 6, suppliers=listed)
    assert [lv.applied for lv in unmapped.hierarchy] == [False] * 5
    assert [lv.reason for lv in unmapped.hierarchy] == [
        "supplier-not-listed",
        "quantity-none",
        "activity-none",
        "ratio-no-rule",
        "proxy-no-rule",
    ]
    assert _said(unmapped, "fr")[3] == (
        "Ratio monétaire du secteur (ne s'applique pas) : aucune règle ne donne de catégorie à la "
        "ligne : elle n'est pas dans le total. Ajoutez une règle (regles-locales.yaml)."
    )
    assert _said(unmapped, "en")[3] == (
        "Sector monetary ratio (does not apply): no rule gives the line a category: it is not in "
        "the total. Add a rule (regles-locales.yaml)."
    )
    gas = _levels(report, files, 7, suppliers=listed)
    assert [lv.reason for lv in gas.hierarchy][3:] == ["ratio-unquantified", "proxy-unquantified"]
    # an excluded line is out of scope: no hierarchy
    assert _levels(report, files, 8, suppliers=listed).hierarchy == []


def test_activity_ref_column_says_which_row_replaced_the_spend(report: FootprintReport) -> None:
    line = report.lines.iloc[1].copy()
    assert method_levels(line, None, None)[2].reason == "activity-none"
    line["activity_ref"] = "activites.csv ligne 4"
    line["method"] = "activity"
    levels = method_levels(line, None, None)
    assert (levels[2].applied, levels[2].params) == (True, {"ref": "activites.csv ligne 4"})
    assert level_text(levels[2], "fr") == (
        "Donnée d'activité (s'applique) : la dépense est remplacée par une donnée d'activité "
        "(activites.csv ligne 4), comptée avec son facteur physique."
    )
    assert levels[3].reason == "ratio-superseded"


def test_every_hierarchy_reason_has_a_template() -> None:
    source = (REPO / "src" / "achats_durables" / "footprint" / "hierarchy.py").read_text("utf-8")
    import re

    reasons = set(re.findall(r'"((?:supplier|quantity|activity|ratio|proxy)-[a-z-]+)"', source))
    reasons |= {f"{lv}-{r}" for lv in ("ratio", "proxy") for r in ("no-rule", "unquantified")}
    assert len(reasons) > 20
    assert sorted(r for r in reasons if not messages.has(f"explain-level-{r}")) == []


def _cli_files(tmp_path: Path, files: dict[str, Path]) -> Path:
    return write_yaml(
        tmp_path / "achats.yaml",
        {
            "suppliers": "fournisseurs.yaml",
            "factors": [str(REPO / "factors" / "ademe-base-carbone-v23.6.yaml"), "physique.yaml"],
            "mappings": ["rules.yaml"],
        },
    )


def test_cli_summary_json_and_xlsx_show_methods_and_quality(
    make_ledger: LedgerFactory, files: dict[str, Path], tmp_path: Path
) -> None:
    config = _cli_files(tmp_path, files)
    ledger = make_ledger(ROWS, header=HEADER)
    result: Any = invoke("footprint", str(ledger), "--config", str(config), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    score = data["data_quality"]["score"]
    # the default rules map the line without a rule of the library test: the score differs
    # from it, and is the share of the measured rows of the same report
    measured = sum(r["emissions_tco2e"] for r in data["by_method"][:2])
    assert score == pytest.approx(measured / data["totals"]["emissions_tco2e"], abs=1e-6)
    methods = [r["key"] for r in data["by_method"]]
    assert methods[0] == "supplier"
    assert methods[-1] == "not_counted"
    shown = f"{score * 100:.1f}"
    result = invoke("footprint", str(ledger), "--config", str(config))
    assert result.exit_code == 0, result.output
    text = flat(result.stdout).replace("\xa0", " ")
    assert f"Qualité des données : {shown.replace('.', ',')} % des émissions" in text
    assert "pas seulement de montant" in text
    assert "Par méthode" in text
    result = invoke("footprint", str(ledger), "--config", str(config), "--lang", "en")
    text = flat(result.stdout).replace("\xa0", " ")
    assert f"Data quality: {shown}% of the emissions rest on measured data" in text
    assert "not only in euros" in text
    assert "By method" in text
    out = tmp_path / "rapport.xlsx"
    result = invoke("footprint", str(ledger), "--config", str(config), "-o", str(out))
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    summary = [r for r in wb["Synthèse"].iter_rows(values_only=True) if r and r[0]]
    quality = next(
        r for r in summary if r[0] == "Qualité des données (part des émissions mesurées)"
    )
    assert quality[1] == pytest.approx(score)
    assert "pas seulement de montant" in str(quality[4])
    sheet = list(wb["Par méthode"].iter_rows(values_only=True))
    assert sheet[0][-1] == "Part de la dépense"
    assert [r[0] for r in sheet[1:]][-1] == "not_counted"
    assert sheet[-1][-1] == pytest.approx(data["by_method"][-1]["spend_share"])


def test_cli_explain_json_gives_the_hierarchy(
    make_ledger: LedgerFactory, files: dict[str, Path], tmp_path: Path
) -> None:
    config = _cli_files(tmp_path, files)
    ledger = make_ledger(ROWS, header=HEADER)
    args = ["explain", str(ledger), "--row", "2", "--config", str(config)]
    result: Any = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    hierarchy = json.loads(result.stdout)["method_hierarchy"]
    assert [(h["level"], h["applied"]) for h in hierarchy] == [
        ("supplier", True),
        ("quantity", False),
        ("activity", False),
        ("ratio", False),
        ("proxy", False),
    ]
    result = invoke(*args, "--lang", "en")
    text = flat(result.stdout)
    assert "Which data wins (supplier > quantity > activity data > ratio > proxy):" in text
    assert f"Supplier data (applies): SIREN {LISTED} (Papeterie Exemple) is in the supplier" in text
