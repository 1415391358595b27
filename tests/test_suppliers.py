"""Supplier-specific intensities (issue 12 item 4): ``fournisseurs.yaml`` ahead of the ratios.

Every expected figure is computed here from the figures the test writes and from the shipped
ratio and price index files read as plain YAML.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from achats_durables.core.errors import ConfigError
from achats_durables.footprint.compute import compute_footprint
from achats_durables.footprint.report import FootprintOptions, FootprintReport
from achats_durables.knowledge.factors import load_factor_sets, load_price_index
from achats_durables.knowledge.mapping import load_mapping_rules
from achats_durables.knowledge.suppliers import load_suppliers
from achats_durables.ledger.read import read_ledger

from .conftest import REPO, LedgerFactory
from .test_cli import flat, invoke

HEADER = ["Exercice", "Nature", "Libellé", "Fournisseur", "SIRET", "Montant HT"]
LISTED = "732829320"  # a valid SIREN (check digit right)
OTHER_SIRET = "44306184100047"
RULES = {
    "id": "test",
    "rules": [{"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"}],
}
MONETARY = yaml.safe_load(
    (REPO / "factors" / "ademe-base-carbone-v23.6.yaml").read_text(encoding="utf-8")
)
RATIO = {f["id"]: f["values"] for f in MONETARY["factors"]}
IPC = yaml.safe_load(
    (REPO / "factors" / "indices" / "insee-ipc-base2015.yaml").read_text(encoding="utf-8")
)["values"]
SUPPLIER = {
    "siren": LISTED,
    "name": "Papeterie Exemple",
    "intensity_kgco2e_per_keur": 120,
    "euro_year": 2021,
    "scope": "scopes 1, 2 et 3 amont, activité France",
    "source": "BEGES 2023 publié sur la plateforme ADEME",
    "uncertainty": 0.1,
}
ROWS = [
    [2023, "6064", "Ramettes", "Papeterie Exemple", LISTED + "00074", 10000],
    [2023, "6064", "Enveloppes", "Papeterie Exemple", LISTED + "00074", 5000],
    [2023, "6064", "Cahiers", "Autre papetier", OTHER_SIRET, 4000],
]


def write_yaml(path: Path, doc: Any) -> Path:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    return write_yaml(tmp_path / "rules.yaml", RULES)


def footprint(ledger: Path, rules: Path, suppliers: Path | None) -> FootprintReport:
    sets = load_factor_sets([REPO / "factors" / "ademe-base-carbone-v23.6.yaml"])
    listed = load_suppliers(suppliers) if suppliers is not None else ()
    return compute_footprint(
        read_ledger(ledger),
        sets,
        load_mapping_rules([rules], defaults=False),
        load_price_index(),
        FootprintOptions(suppliers=listed),
    )


def test_listed_supplier_uses_its_intensity_with_the_euro_year_converted(
    make_ledger: LedgerFactory, rules_file: Path, tmp_path: Path
) -> None:
    suppliers = write_yaml(tmp_path / "fournisseurs.yaml", {"suppliers": [SUPPLIER]})
    r = footprint(make_ledger(ROWS, header=HEADER), rules_file, suppliers)
    conversion = IPC[2021] / IPC[2023]  # euros of 2023 brought to the supplier's 2021 euros
    listed_kg = [10 * 120 * conversion, 5 * 120 * conversion]
    other_kg = 4 * RATIO["naf-C17"][2023]  # same euro-year as the line: no conversion
    assert r.lines["emissions_kgco2e"].to_list() == pytest.approx([*listed_kg, other_kg])
    assert [str(m) for m in r.lines["method"]] == ["supplier", "supplier", "ratio"]
    assert [str(s) for s in r.lines["supplier_source"]] == [SUPPLIER["source"]] * 2 + [""]
    assert r.lines["uncertainty_rel"].to_list()[:2] == pytest.approx([0.1, 0.1])
    assert r.lines["euro_year"].to_list() == [2021, 2021, 2023]
    total_t = (sum(listed_kg) + other_kg) / 1000
    assert r.totals.emissions_tco2e == pytest.approx(total_t)
    methods = {row.key: row for row in r.tables["by_method"]}
    assert methods["supplier"].spend_excl_vat_eur == 15000.0
    assert methods["supplier"].emissions_tco2e == pytest.approx(sum(listed_kg) / 1000)
    assert methods["ratio"].spend_excl_vat_eur == 4000.0
    assert methods["ratio"].emissions_tco2e == pytest.approx(other_kg / 1000)
    share = (sum(listed_kg) / 1000) / total_t
    assert methods["supplier"].emissions_tco2e / r.totals.emissions_tco2e == pytest.approx(share)
    # the reconciliation does not move: every line stays « mapped »
    rec = r.reconciliation
    assert (rec.rows_mapped, rec.spend_mapped_eur, rec.spend_read_eur) == (3, 19000.0, 19000.0)
    assert rec.balanced
    doc = r.to_dict()
    assert doc["suppliers_used"] == [
        {
            **SUPPLIER,
            "intensity_kgco2e_per_keur": 120.0,
            "uncertainty": 0.1,
            "lines": 2,
            "spend_excl_vat_eur": 15000.0,
            "emissions_tco2e": round(sum(listed_kg) / 1000, 6),
        }
    ]
    labels = {row["key"]: row["label"] for row in doc["by_method"]}
    assert labels["supplier"] == "Donnée du fournisseur"
    assert {row["key"]: row["label"] for row in r.to_dict("en")["by_method"]}[
        "supplier"
    ] == "Supplier data"


def test_without_supplier_file_every_line_keeps_the_sector_ratio(
    make_ledger: LedgerFactory, rules_file: Path
) -> None:
    r = footprint(make_ledger(ROWS, header=HEADER), rules_file, None)
    ratio = RATIO["naf-C17"][2023]
    assert r.lines["emissions_kgco2e"].to_list() == pytest.approx(
        [10 * ratio, 5 * ratio, 4 * ratio]
    )
    assert {str(m) for m in r.lines["method"]} == {"ratio"}
    assert "suppliers_used" not in r.to_dict()


def test_same_euro_year_no_conversion_and_excluded_lines_ignored(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    rules = write_yaml(
        tmp_path / "rules.yaml",
        {
            "id": "test",
            "rules": [
                {"id": "papier", "when": {"account": "6064"}, "factor": "naf-C17"},
                {"id": "subv", "when": {"account": "657"}, "exclude": "subvention"},
            ],
        },
    )
    suppliers = write_yaml(
        tmp_path / "fournisseurs.yaml", {"suppliers": [{**SUPPLIER, "euro_year": 2023}]}
    )
    rows = [
        [2023, "6064", "Ramettes", "Papeterie Exemple", LISTED + "00074", 2000],
        [2023, "657", "Subvention", "Papeterie Exemple", LISTED + "00074", 1000],
        [2023, "6064", "Sans SIRET", "Inconnu", None, 3000],
        [2023, "6064", "SIREN seul", "Papeterie Exemple", LISTED, 500],
    ]
    r = footprint(make_ledger(rows, header=HEADER), rules, suppliers)
    ratio = RATIO["naf-C17"][2023]
    assert r.lines["emissions_kgco2e"].to_list() == pytest.approx(
        [2 * 120, 0.0, 3 * ratio, 0.5 * 120]
    )
    assert [str(m) for m in r.lines["method"]] == ["supplier", "", "ratio", "supplier"]
    assert r.reconciliation.spend_excluded_eur == 1000.0
    assert r.to_dict()["suppliers_used"][0]["spend_excl_vat_eur"] == 2500.0


def test_cli_declared_in_config_and_summary_says_the_share(
    make_ledger: LedgerFactory, rules_file: Path, tmp_path: Path
) -> None:
    write_yaml(tmp_path / "fournisseurs.yaml", {"suppliers": [SUPPLIER]})
    config = write_yaml(
        tmp_path / "achats.yaml", {"suppliers": "fournisseurs.yaml", "mappings": ["rules.yaml"]}
    )
    ledger = make_ledger(ROWS, header=HEADER)
    result: Any = invoke("footprint", str(ledger), "--config", str(config), "--format", "json")
    assert result.exit_code == 0, result.output
    used = json.loads(result.stdout)["suppliers_used"]
    assert [u["siren"] for u in used] == [LISTED]
    result = invoke("footprint", str(ledger), "--config", str(config))
    assert result.exit_code == 0, result.output
    assert "reposent sur les données de 1 fournisseur(s)" in flat(result.stdout)


def test_cli_option_suppliers(make_ledger: LedgerFactory, tmp_path: Path) -> None:
    suppliers = write_yaml(tmp_path / "f.yaml", {"suppliers": [SUPPLIER]})
    ledger = make_ledger(ROWS, header=HEADER)
    result: Any = invoke(
        "footprint", str(ledger), "--suppliers", str(suppliers), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["suppliers_used"][0]["siren"] == LISTED


@pytest.mark.parametrize(
    ("change", "key", "expected"),
    [
        ({"siren": "732829321"}, "suppliers[0].siren", "clé de contrôle"),
        ({"siren": "73282932"}, "suppliers[0].siren", "SIREN de 9 chiffres"),
        ({"intensity_kgco2e_per_keur": -5}, "suppliers[0].intensity_kgco2e_per_keur", "≥ 0"),
        ({"emissions": 3}, "suppliers[0].emissions", "Clés possibles : euro_year"),
        (
            {"intensity_kgco2e_per_unit": 3, "unit": "t"},
            "suppliers[0].intensity_kgco2e_per_unit",
            "une seule intensité est attendue",
        ),
        (
            {"intensity_kgco2e_per_keur": None},
            "suppliers[0].intensity_kgco2e_per_keur",
            "une seule",
        ),
        ({"unit": "t"}, "suppliers[0].unit", "qu'avec une intensité par unité"),
        ({"siren": LISTED + "00075"}, "suppliers[0].siren", "SIRET invalide"),
    ],
)
def test_invalid_supplier_file_is_a_located_french_error(
    make_ledger: LedgerFactory, tmp_path: Path, change: dict[str, Any], key: str, expected: str
) -> None:
    path = write_yaml(tmp_path / "fournisseurs.yaml", {"suppliers": [{**SUPPLIER, **change}]})
    with pytest.raises(ConfigError) as err:
        load_suppliers(path)
    text = str(err.value)
    assert text.startswith("fournisseurs.yaml : ")
    assert f"« {key} » (ligne " in text
    assert expected in text
    ledger = make_ledger(ROWS, header=HEADER)
    result: Any = invoke("footprint", str(ledger), "--suppliers", str(path))
    assert result.exit_code == 3, result.output
    assert expected in flat(result.output)


def test_explain_says_the_supplier_figure_won(
    make_ledger: LedgerFactory, rules_file: Path, tmp_path: Path
) -> None:
    write_yaml(tmp_path / "fournisseurs.yaml", {"suppliers": [SUPPLIER]})
    config = write_yaml(
        tmp_path / "achats.yaml", {"suppliers": "fournisseurs.yaml", "mappings": ["rules.yaml"]}
    )
    ledger = make_ledger(ROWS, header=HEADER)
    result: Any = invoke("explain", str(ledger), "--row", "2", "--config", str(config))
    assert result.exit_code == 0, result.output
    text = flat(result.stdout).replace("\u202f", " ").replace("\xa0", " ")
    assert f"Le fournisseur (SIREN {LISTED}) figure dans le fichier des fournisseurs" in text
    assert "120,00 kgCO2e par k€ HT en euros 2021" in text
    assert "BEGES 2023 publié sur la plateforme ADEME" in text
    assert "Le chiffre du fournisseur est en euros 2021" in text
    kg = 10 * 120 * IPC[2021] / IPC[2023]
    assert f"= {kg:,.1f} kgCO2e".replace(",", " ").replace(".", ",") in text


def test_supplier_uncertainty_is_independent_of_the_sector_ratio(
    make_ledger: LedgerFactory, rules_file: Path, tmp_path: Path
) -> None:
    suppliers = write_yaml(tmp_path / "fournisseurs.yaml", {"suppliers": [SUPPLIER]})
    r = footprint(make_ledger(ROWS, header=HEADER), rules_file, suppliers)
    paper = next(f for f in MONETARY["factors"] if f["id"] == "naf-C17")
    u_ratio = paper.get("uncertainty", MONETARY["uncertainty"])
    listed_kg = 15 * 120 * IPC[2021] / IPC[2023]  # the two lines of one supplier move together
    other_kg = 4 * RATIO["naf-C17"][2023]
    expected = ((0.1 * listed_kg) ** 2 + (u_ratio * other_kg) ** 2) ** 0.5 / 1000
    assert r.totals.uncertainty_tco2e == pytest.approx(expected)
    assert r.totals.uncertainty_correlated_tco2e == pytest.approx(
        (0.1 * listed_kg + u_ratio * other_kg) / 1000
    )


def test_config_naming_a_missing_supplier_file_is_located(
    make_ledger: LedgerFactory, tmp_path: Path
) -> None:
    config = write_yaml(tmp_path / "achats.yaml", {"suppliers": "absent.yaml"})
    result: Any = invoke(
        "footprint", str(make_ledger(ROWS, header=HEADER)), "--config", str(config)
    )
    assert result.exit_code == 3, result.output
    text = flat(result.output)
    assert "achats.yaml" in text
    assert "« suppliers » (ligne 1)" in text
    assert "fichier introuvable : absent.yaml" in text


def test_a_siret_in_the_siren_field_is_reduced_to_its_siren(tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path / "fournisseurs.yaml", {"suppliers": [{**SUPPLIER, "siren": LISTED + "00074"}]}
    )
    assert [s.siren for s in load_suppliers(path)] == [LISTED]
