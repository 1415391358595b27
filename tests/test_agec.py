"""``achats agec`` on a small ledger: shares computed by hand from the lines (issue 14 item 1).

The rules are the test's own file (the shipped rules have their own data tests), so that every
figure below follows from the lines and the rules written here.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.circular.build import AgecInputs, compute_agec
from achats_durables.circular.report import AgecReport, CategoryRow
from achats_durables.core.errors import ContractError, LedgerError
from achats_durables.knowledge.agec import (
    AgecSettings,
    Gift,
    load_agec_rules,
    load_declaration,
    load_targets,
)
from achats_durables.operations.pipeline import load_setup, run_footprint

from .conftest import HEADER, LedgerFactory
from .test_agec_declaration import official_problems

TEXTILES = "Produits textiles à l'exception des équipements de protection individuels"
FURNITURE = "Mobilier et aménagement d'intérieur"
IT = "Matériel informatique et téléphonie"
OFFICE = "Fournitures de bureau"
RESSOURCERIE = "41234567000019"  # fictitious, check digits right
CITY = "Ville de Blois"
CITY_SIRET = "29994101300011"
COLUMNS = [*HEADER, "Réemploi", "Matières recyclées"]
RULES = f"""
id: test
signals: {{reuse: "reconditionn|occasion", recycled: "recycl"}}
rules:
  - {{id: t-6064, when: {{account: "6064"}}, category: "{OFFICE}", note: x}}
  - {{id: t-6064-papier, when: {{account: "6064", label: "papier|ramette"}}, category: "Papier", note: x}}
  - {{id: t-cpv-30192, when: {{cpv: "30192"}}, category: "{OFFICE}", note: x}}
  - {{id: t-2184, when: {{account: "2184"}}, category: "{FURNITURE}", note: x}}
  - {{id: t-2183, when: {{account: "2183"}}, category: "{IT}", note: x}}
  - {{id: t-60636, when: {{account: "60636"}}, category: "{TEXTILES}", note: x}}
  - {{id: t-60636-epi, when: {{account: "60636", label: "\\\\bepi\\\\b|protection"}}, exclude: "EPI", note: x}}
"""


def line(account: str, label: str, ht: float, *, supplier: str = "Fournisseur", siret: str = "",
         contract: str = "", cpv: str = "", reuse: Any = None, recycled: Any = None) -> list[Any]:  # fmt: skip
    return [2025, CITY, "2025-03-01", account, label, supplier, siret or None, ht, 0.2,
            round(ht * 1.2, 2), contract or None, cpv or None, reuse, recycled]  # fmt: skip


LINES = [
    line("6064", "Ramettes papier A4", 1000, cpv="30192700", recycled="oui"),
    line("6064", "Stylos et classeurs", 500),
    line("21848", "Chaises de bureau", 2000, reuse="50 %"),
    line("21848", "Bureaux", 3000, contract="M-2025-01"),
    line("21848", "Armoires d'occasion", 1000, supplier="Ressourcerie", siret=RESSOURCERIE),
    line("6156", "Maintenance photocopieurs", 800, reuse="oui"),  # a service: no category
    line("60636", "Vêtements de travail", 400, reuse="120 €"),
    line("60636", "Gants de protection EPI", 100),
    line("21838", "Ordinateurs portables reconditionnés", 1500),
    line("6068", "Plants et fleurs", 300),
]


def _rules(tmp_path: Path) -> Path:
    path = tmp_path / "agec-test.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


def agec(
    tmp_path: Path,
    ledger: Path,
    settings: AgecSettings | None = None,
    shares: dict[str, dict[str, float]] | None = None,
) -> AgecReport:
    declaration = load_declaration()
    inputs = AgecInputs(
        rules=load_agec_rules(declaration, [_rules(tmp_path)], defaults=False),
        declaration=declaration,
        targets=load_targets(declaration),
        settings=settings or AgecSettings(reuse_suppliers=(RESSOURCERIE[:9],)),
        contract_shares=shares or {},
    )
    return compute_agec(run_footprint([ledger], load_setup()), inputs)


def row(report: AgecReport, category: str) -> CategoryRow:
    return next(c for c in report.buyers[0].categories if c.category == category)


def test_shares_by_hand(tmp_path: Path, make_ledger: LedgerFactory) -> None:
    report = agec(tmp_path, make_ledger(LINES, header=COLUMNS))
    assert report.year == 2025
    assert [b.entity for b in report.buyers] == [CITY]
    assert len(report.buyers[0].categories) == 17
    paper = row(report, "Papier")  # label rule first, though the CPV says office supplies
    assert (paper.total_eur, paper.recycled_eur, paper.share("recycled")) == (1000, 1000, 1.0)
    assert paper.recycled_by_source == {"column": 1000}
    assert paper.target_share("recycled") is None  # no sourced target: never invented
    assert (row(report, OFFICE).total_eur, row(report, OFFICE).reuse_eur) == (500, 0)
    furniture = row(report, FURNITURE)
    # 50 % of 2 000 (column) + 1 000 (reuse supplier) over 2 000 + 3 000 + 1 000
    assert furniture.total_eur == 6000
    assert furniture.reuse_eur == 2000
    assert furniture.reuse_by_source == {"column": 1000, "supplier": 1000}
    assert furniture.share("reuse") == pytest.approx(1 / 3)
    assert (furniture.target_share("reuse"), furniture.target_share("recycled")) == (0.20, 0.15)
    assert (furniture.met("reuse"), furniture.met("recycled")) == (True, False)
    textiles = row(report, TEXTILES)  # the EPI line is excluded by its rule
    assert (textiles.total_eur, textiles.reuse_eur) == (400, 120)
    assert textiles.share("reuse") == pytest.approx(0.30)
    assert (textiles.met("reuse"), textiles.met("recycled")) == (True, False)
    it = row(report, IT)  # « reconditionnés » in the label alone: shown apart, not counted
    assert (it.total_eur, it.reuse_eur, it.label_reuse_eur) == (1500, 0, 1500)
    assert report.unclassified["lines"] == 1
    assert report.unclassified["spend_eur"] == 300
    assert report.unclassified["excluded_lines"] == 1
    assert report.unclassified["excluded_spend_eur"] == 100
    assert "agec-label-signals" in [i.code for i in report.issues]
    assert "agec-siret-missing" in [i.code for i in report.issues]


def test_gifts_count_in_total_and_reuse(tmp_path: Path, make_ledger: LedgerFactory) -> None:
    settings = AgecSettings(
        reuse_suppliers=(RESSOURCERIE[:9],),
        gifts=(
            Gift(2025, FURNITURE, 600.0, "grille de l'arrêté"),
            Gift(2024, FURNITURE, 99.0, "x"),
        ),
    )
    furniture = row(agec(tmp_path, make_ledger(LINES, header=COLUMNS), settings), FURNITURE)
    assert (furniture.gifts_eur, furniture.total_eur, furniture.reuse_eur) == (600, 6600, 2600)
    assert furniture.share("reuse") == pytest.approx(2600 / 6600)


def test_label_signals_counted_when_configured(tmp_path: Path, make_ledger: LedgerFactory) -> None:
    settings = AgecSettings(reuse_suppliers=(RESSOURCERIE[:9],), count_label_signals=True)
    it = row(agec(tmp_path, make_ledger(LINES, header=COLUMNS), settings), IT)
    assert (it.reuse_eur, it.reuse_by_source) == (1500, {"label": 1500})


def test_register_flag_covers_its_contract(tmp_path: Path, make_ledger: LedgerFactory) -> None:
    shares = {"reuse": {"M-2025-01": 0.25}}  # as normalize_ref writes it
    furniture = row(agec(tmp_path, make_ledger(LINES, header=COLUMNS), shares=shares), FURNITURE)
    assert furniture.reuse_eur == 2000 + 750  # 25 % of the 3 000 of contract M-2025-01
    assert furniture.reuse_by_source["register"] == 750


def test_an_explicit_no_beats_the_supplier_list(tmp_path: Path, make_ledger: LedgerFactory) -> None:
    lines = [line("21848", "Armoires", 1000, supplier="R", siret=RESSOURCERIE, reuse="non")]
    furniture = row(agec(tmp_path, make_ledger(lines, header=COLUMNS)), FURNITURE)
    assert (furniture.total_eur, furniture.reuse_eur) == (1000, 0)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("beaucoup", "agec-ledger-value-invalid"),
        ("150 %", "agec-ledger-share-invalid"),
        ("5 000 €", "agec-ledger-amount-above-spend"),
    ],
)
def test_a_bad_ledger_value_is_located(
    tmp_path: Path, make_ledger: LedgerFactory, value: str, code: str
) -> None:
    lines = [line("6064", "Stylos", 500), line("21848", "Chaises", 2000, reuse=value)]
    ledger = make_ledger(lines, header=COLUMNS)
    with pytest.raises(LedgerError) as err:
        agec(tmp_path, ledger)
    assert err.value.code == code
    loc = err.value.location
    assert (Path(str(loc.path)).name, loc.row, loc.column) == (ledger.name, 3, "Réemploi")


def test_reuse_above_the_category_total_is_refused(
    tmp_path: Path, make_ledger: LedgerFactory
) -> None:
    lines = [line("21848", "Chaises", 1000, reuse="oui"), line("21848", "Avoir chaises", -800)]
    with pytest.raises(LedgerError) as err:
        agec(tmp_path, make_ledger(lines, header=COLUMNS))
    assert err.value.code == "agec-above-total"
    assert "avoir" in err.value.render("fr")


def test_no_ledger_column_no_signal(tmp_path: Path, make_ledger: LedgerFactory) -> None:
    rows = [r[: len(HEADER)] for r in LINES]
    report = agec(tmp_path, make_ledger(rows))
    assert row(report, "Papier").recycled_eur == 0
    assert row(report, FURNITURE).reuse_eur == 1000  # the supplier list only


def _workspace(tmp_path: Path, make_ledger: LedgerFactory, siret: str | None) -> Path:
    ledger = make_ledger(LINES, header=COLUMNS, name="grand-livre-2025.xlsx")
    _rules(tmp_path)
    entity: dict[str, Any] = {"name": CITY, "siren": "299941013"}
    if siret:
        entity["siret"] = siret
    doc = {
        "entities": [entity],
        "agec": {"rules": ["agec-test.yaml"], "reuse_suppliers": [RESSOURCERIE[:9]]},
        "years": {2025: {"ledgers": [ledger.name]}},
    }
    path = tmp_path / "achats.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_cli_writes_the_official_csv(
    tmp_path: Path, make_ledger: LedgerFactory, shared_dir: Path
) -> None:
    config = _workspace(tmp_path, make_ledger, CITY_SIRET)
    out = tmp_path / "declaration.csv"
    args = ["agec", "--config", str(config), "--year", "2025", "-o", str(out)]
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    schema = json.loads(
        (shared_dir / "agec" / "schema_declaration_biens_valorisation_v0.1.0.json").read_text(
            encoding="utf-8"
        )
    )
    assert official_problems(text, schema) == []
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 17
    furniture = next(r for r in rows if r["type_produit_acquis"] == FURNITURE)
    assert furniture == {
        "annee": "2025",
        "siret": CITY_SIRET,
        "raison_sociale": CITY,
        "type_produit_acquis": FURNITURE,
        "montant_total": "6000.00",
        "montant_reemploi_et_reutilisation": "2000.00",
        "montant_produits_issus_don": "0.00",
        "montant_produits_recycles": "0.00",
        "commentaires": "",
    }


def test_cli_without_siret_writes_nothing(tmp_path: Path, make_ledger: LedgerFactory) -> None:
    config = _workspace(tmp_path, make_ledger, None)
    out = tmp_path / "declaration.csv"
    args = ["agec", "--config", str(config), "--year", "2025", "-o", str(out)]
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 3
    assert "siret" in result.stderr.lower()
    assert "achats.yaml" in result.stderr
    assert not out.exists()


def test_cli_terminal_json_and_xlsx(tmp_path: Path, make_ledger: LedgerFactory) -> None:
    config = _workspace(tmp_path, make_ledger, CITY_SIRET)
    base = ["agec", "--config", str(config), "--year", "2025"]
    shown = CliRunner().invoke(cli.app, base, env={"COLUMNS": "100"})
    assert shown.exit_code == 0, shown.output
    assert "Mobilier et aménagement d'intérieur" in shown.stdout
    furniture_row = next(
        r
        for r in shown.stdout.replace("\u00a0", " ").replace("\u202f", " ").splitlines()
        if "Mobilier et" in r
    )
    # share of reuse, its target; share of recycled, its target
    assert [c.strip() for c in furniture_row.split("│")[2:7]] == [
        "6 000 €",
        "33,3 %",
        "20,0 %",
        "0,0 %",
        "15,0 %",
    ]
    data = json.loads(CliRunner().invoke(cli.app, [*base, "--format", "json"]).stdout)
    assert data["schema"] == "achats.agec/1"
    furniture = next(c for c in data["buyers"][0]["categories"] if c["category"] == FURNITURE)
    assert furniture["reuse_share"] == pytest.approx(1 / 3, abs=1e-6)
    xlsx = tmp_path / "agec.xlsx"
    assert CliRunner().invoke(cli.app, [*base, "-o", str(xlsx)]).exit_code == 0
    from openpyxl import load_workbook

    wb = load_workbook(xlsx, read_only=True)
    assert wb.sheetnames == ["Catégories AGEC", "Déclaration", "Lignes AGEC", "Alertes"]
    wb.close()


def test_bad_register_flag_stops(tmp_path: Path) -> None:
    from achats_durables.circular.register import register_flags
    from achats_durables.contracts.model import Contracts
    from achats_durables.core.errors import Issue, Location

    bad = Issue(
        "agec-register-value-invalid",
        {"value": "beaucoup", "column": "Réemploi"},
        Location("registre.xlsx", "Marchés", 4, "Réemploi"),
        severity="error",
    )
    import pandas as pd

    with pytest.raises(ContractError) as err:
        register_flags(Contracts(pd.DataFrame(), [], [bad]))
    assert err.value.location.row == 4


def test_a_negative_category_is_declared_at_zero(
    tmp_path: Path, make_ledger: LedgerFactory
) -> None:
    lines = [line("21848", "Avoir chaises 2024", -300), line("6064", "Stylos", 50)]
    report = agec(tmp_path, make_ledger(lines, header=COLUMNS))
    assert row(report, FURNITURE).total_eur == -300
    assert "agec-negative-total" in [i.code for i in report.issues]
    from achats_durables.circular.declaration import declaration_rows

    declared = next(r for r in declaration_rows(report) if r["type_produit_acquis"] == FURNITURE)
    assert declared["montant_total"] == 0.0
    assert declared["commentaires"] == (
        "avoirs supérieurs aux achats de l'année (solde -300,00 € HT) : déclaré à 0"
    )


def test_several_years_need_one(tmp_path: Path, make_ledger: LedgerFactory) -> None:
    lines = [line("6064", "Stylos", 50), [2024, *line("6064", "Stylos", 40)[1:]]]
    with pytest.raises(LedgerError) as err:
        agec(tmp_path, make_ledger(lines, header=COLUMNS))
    assert err.value.code == "agec-year-ambiguous"
    assert "2024, 2025" in err.value.render("fr")
    assert "--year 2025" in err.value.render("fr")


def test_factors_rules_lists_the_agec_rules() -> None:
    result = CliRunner().invoke(cli.app, ["factors", "rules", "--agec"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Règles de catégorie AGEC art. 58" in result.stdout
    shipped = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / "factors" / "agec" / "categories.yaml").read_text(
            encoding="utf-8"
        )
    )
    assert f"{len(shipped['rules'])} règle(s)." in result.stderr
    assert "agec-6064" in result.stdout


def test_unreadable_rows_are_said(tmp_path: Path, make_ledger: LedgerFactory) -> None:
    bad = line("6064", "Stylos", 50)
    bad[7] = bad[9] = "douze euros"  # neither amount can be read
    report = agec(tmp_path, make_ledger([line("6064", "Stylos", 50), bad], header=COLUMNS))
    rejected = next(i for i in report.issues if i.code == "agec-rows-rejected")
    assert rejected.params["count"] == 1
    assert row(report, OFFICE).total_eur == 50
