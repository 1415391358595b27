"""Fiches acheteurs (issue 15 item 3): advice file, category selection, contracts, HTML."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.core.errors import ConfigError
from achats_durables.footprint.report import FootprintReport, TableRow
from achats_durables.knowledge.advice import family, load_advice, shipped_advice_path
from achats_durables.knowledge.config import load_config
from achats_durables.knowledge.factors import default_factor_paths, load_factor_set
from achats_durables.operations.pipeline import (
    compute_coverage,
    compute_ledger_footprint,
    load_setup,
    read_contract_files,
    read_ledgers,
)
from achats_durables.planning.fiches import FicheReport, compute_fiches, select_categories
from achats_durables.writers.fiches import render_fiches

from .conftest import REPO, write_xlsx
from .test_lang_example import example_data_values, french_left

EXAMPLES = REPO / "examples"
REGISTER = EXAMPLES / "registre-marches.xlsx"
TODAY = dt.date(2026, 12, 2)


# --- the advice file ------------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "sources:\n  - {id: s1, title: Guide}\nentries:\n  - id: a\n    title: A\n"
            "    factors: [naf-F]\n    levers:\n      - {kind: clause, text: x, source: s1}\n"
            "      - {kind: clause, text: y, source: s2}\n",
            "clé « entries[0].levers[1].source » (ligne 9) : source « s2 » absente de la liste "
            "« sources » (sources connues : s1)",
        ),
        (
            "entries:\n  - id: a\n    title: A\n    levers:\n      - {kind: clause, text: x}\n",
            "clé « entries[0] » (ligne 2) : une entrée de conseil nomme au moins un facteur",
        ),
        (
            "entries:\n  - id: a\n    title: A\n    factors: naf-F\n    levers:\n"
            "      - {kind: clauses, text: x}\n",
            "clé « entries[0].levers[0].kind » (ligne 6) : une valeur parmi « besoin »",
        ),
        (
            "entries:\n  - {id: a, title: A, families: [gaz], levers: [{kind: suivi, text: x}]}\n"
            "  - {id: a, title: B, families: [gaz], levers: [{kind: suivi, text: y}]}\n",
            "clé « entries[1].id » (ligne 3) : identifiant",
        ),
        ("entrees: []\n", "clé inconnue « entrees » (ligne 1)"),
    ],
)
def test_a_bad_advice_file_is_a_located_french_error(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _write(tmp_path / "conseils.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_advice(shipped=path)
    assert str(info.value).startswith("conseils.yaml : ")
    assert message in str(info.value)


def test_a_local_file_replaces_entries_by_id_and_adds_sources(tmp_path: Path) -> None:
    local = _write(
        tmp_path / "conseils-locaux.yaml",
        "sources:\n  - {id: spaser-blois, title: SPASER de la Ville (fictif)}\n"
        "entries:\n"
        "  - id: restauration\n    title: Nos cantines\n    families: [alimentation]\n"
        "    levers:\n      - {kind: clause, text: Pain bio local, source: spaser-blois}\n"
        "      - {kind: suivi, text: Pesées mensuelles, source: egalim}\n"
        "  - id: nettoyage-local\n    title: Nettoyage\n    factors: [naf-S96]\n"
        "    levers:\n      - {kind: clause, text: Microfibres}\n",
    )
    shipped = load_advice()
    advice = load_advice(local)
    assert len(advice.entries) == len(shipped.entries) + 1
    canteen = advice.match("alimentation-repas-moyen")
    assert canteen is not None
    assert (canteen.title, len(canteen.levers)) == ("Nos cantines", 2)
    assert canteen.levers[1].source == "egalim"  # a shipped source, cited by the local file
    assert "spaser-blois" in advice.sources
    assert "egalim" in advice.sources
    # the shipped entry naming naf-S96 comes first: the new entry adds no match for it
    entry = advice.match("naf-S96")
    assert entry is not None
    assert entry.id == "entretien-nettoyage"
    assert advice.files == (str(shipped_advice_path()), str(local))


def test_the_shipped_file_covers_every_category_the_tool_knows() -> None:
    advice = load_advice()
    sets = [load_factor_set(p) for p in default_factor_paths()]
    monetary = [f for s in sets for f in s.factors.values() if f.id.startswith("naf-")]
    physical = {family(f.id) for s in sets for f in s.factors.values()} - {"naf"}
    assert len(monetary) == 56  # the 56 categories of the Base Carbone ratios
    assert [f.id for f in monetary if advice.match(f.id) is None] == []
    assert sorted(fam for fam in physical if advice.match(f"{fam}-x") is None) == []
    for entry in advice.entries:
        assert 3 <= len(entry.levers) <= 5, entry.id
        for lever in entry.levers:
            assert lever.source is None or lever.source in advice.sources
    assert all(s.url for s in advice.sources.values())
    # an exact id wins over a family: naf-C30 (vehicles) is not the « naf » family
    assert family("dechets-omr-incineration") == "dechets"
    assert family("naf-C30") == "naf"


def test_the_shipped_file_marks_unsourced_levers_as_proposals() -> None:
    """A lever without a source is displayed « proposition de l'outil, à valider »: the shipped
    file has both kinds, and every source it lists is cited at least once."""
    advice = load_advice()
    levers = [lv for e in advice.entries for lv in e.levers]
    assert any(lv.source is None for lv in levers)
    assert any(lv.source is not None for lv in levers)
    cited = {lv.source for lv in levers} | {e.summary_source for e in advice.entries}
    assert set(advice.sources) <= cited


def test_the_config_names_a_local_advice_file(tmp_path: Path) -> None:
    _write(tmp_path / "achats.yaml", "advice: absent.yaml\n")
    with pytest.raises(ConfigError, match=r"clé « advice » \(ligne 1\)"):
        load_config(tmp_path / "achats.yaml")
    _write(tmp_path / "conseils.yaml", "entries: []\n")
    _write(tmp_path / "achats.yaml", "advice: conseils.yaml\n")
    assert load_config(tmp_path / "achats.yaml").advice == "conseils.yaml"


# --- selection ------------------------------------------------------------------------------


def _row(key: str, tco2e: float, spend: float = 0.0) -> TableRow:
    return TableRow(key, key, spend, tco2e, 0.0)


def test_selection_keeps_the_top_categories_or_those_above_a_share() -> None:
    rows = [_row("c", 5), _row("a", 50), _row("b", 30), _row("d", 0), _row("e", 15)]
    assert [r.key for r in select_categories(rows, 100, top=3)] == ["a", "b", "e"]
    assert [r.key for r in select_categories(rows, 100, top=None, min_share=0.1)] == [
        "a",
        "b",
        "e",
    ]
    # a category without emissions never gets a fiche
    assert [r.key for r in select_categories(rows, 100, top=None)] == ["a", "b", "e", "c"]
    assert [r.key for r in select_categories(rows, 100, top=2, min_share=0.01)] == ["a", "b"]


@pytest.fixture(scope="module")
def example() -> tuple[FootprintReport, FicheReport, FicheReport]:
    """The example's 2025 group fiches, and those of the CIAS du Blaisois."""
    setup = load_setup(EXAMPLES / "achats.yaml")
    ledger = read_ledgers([EXAMPLES / "grand-livre-2025.xlsx"], setup)
    out: list[Any] = []
    for entity in (None, "CIAS du Blaisois"):
        footprint = compute_ledger_footprint(ledger, setup, year=2025, entity=entity)
        contracts = read_contract_files([str(REGISTER)], setup, entity=entity)
        clauses = compute_coverage(contracts, setup, footprint=footprint)
        out += [footprint, compute_fiches(footprint, clauses, load_advice(), today=TODAY)]
    return out[0], out[1], out[3]


def test_the_example_fiches_are_its_eight_largest_categories(
    example: tuple[FootprintReport, FicheReport, FicheReport],
) -> None:
    """By hand from ``achats footprint examples/grand-livre-2025.xlsx --config
    examples/achats.yaml --format json``: its by_factor table, largest first, total 30 952.4."""
    _, group, _ = example
    expected = [
        ("activity:activites.csv:18", 8836.7, "dechets"),  # collecte sélective (3 flows)
        ("dechets-omr-incineration", 7966.2, "dechets"),
        ("naf-F", 7231.073095, "travaux"),
        ("naf-H49", 2268.678251, "transports-services"),
        ("activity:activites.csv:21", 1040.4, "restauration"),  # repas moyen + végétarien
        ("gazole-routier-b7-litre", 757.95, "flotte-carburants"),
        ("gaz-naturel-kwh-pcs", 657.255, "energie-batiments"),
        ("electricite-mix-moyen", 415.719, "energie-batiments"),
    ]
    got = [(f.factor, f.emissions_tco2e, f.advice) for f in group.fiches]
    assert got == expected
    assert group.total_tco2e == 30952.416397
    assert group.fiches[2].share == pytest.approx(7231.073095 / 30952.416397, abs=1e-6)
    assert group.fiches[2].spend_excl_vat_eur == 32246519.96
    # above 2 % of the total: electricity (1.3 %) is left out
    rows = example[0].tables["by_factor"]
    above = select_categories(rows, group.total_tco2e, top=None, min_share=0.02)
    assert [r.key for r in above] == [k for k, _, _ in expected[:7]]


def _register() -> dict[str, dict[str, Any]]:
    """The example register read directly (header on row 5), by contract number."""
    book = openpyxl.load_workbook(REGISTER, read_only=True)
    rows = list(book.worksheets[0].iter_rows(min_row=5, values_only=True))
    book.close()
    header = [str(h) for h in rows[0]]
    return {str(r[0]): dict(zip(header, r, strict=True)) for r in rows[1:] if r[0]}


def _yes(value: Any) -> bool:
    """A register's consideration cell: anything but « Pas de … » or « Sans objet »."""
    text = str(value or "")
    return bool(text) and not text.startswith("Pas de") and text != "Sans objet"


def test_a_fiches_contracts_and_renewals_match_the_register(
    example: tuple[FootprintReport, FicheReport, FicheReport],
) -> None:
    register = _register()
    _, group, cias = example
    # the incinerator's fiche: the register has one contract of that supplier
    omr = group.fiches[1]
    # the register has two contracts of that supplier; the other one ended before 2025
    incinerator = [k for k, r in register.items() if r["Titulaire"] == omr.suppliers[0]["name"]]
    assert sorted(incinerator) == ["AGGLO-2022-012", "AGGLO-2024-007"]
    assert register["AGGLO-2022-012"]["Date de fin"].year == 2024
    assert [c.contract_ref for c in omr.contracts] == ["AGGLO-2024-007"]
    row = register["AGGLO-2024-007"]
    contract = omr.contracts[0]
    assert contract.end_date == row["Date de fin"].date().isoformat() == "2030-05-06"
    assert contract.renewal_year == 2031  # the year after the end, as the plan's renewals
    assert not contract.expired
    assert contract.has_environmental is _yes(row["Considérations environnementales"]) is False
    assert contract.has_social is _yes(row["Considérations sociales"]) is False
    assert omr.coverage is not None
    assert omr.coverage["share_environmental"] == 0.0
    # the CIAS's works: every contract checked against its register row
    works = next(f for f in cias.fiches if f.factor == "naf-F")
    assert {c.contract_ref for c in works.contracts} == {
        "CIAS-2024-012",
        "CIAS-2023-006",
        "CIAS-2023-018",
    }
    for c in works.contracts:
        row = register[c.contract_ref]
        end = row["Date de fin"].date()
        assert (c.object, c.supplier) == (row["Objet"], row["Titulaire"])
        assert (c.end_date, c.renewal_year, c.expired) == (
            end.isoformat(),
            end.year + 1,
            end < TODAY,
        )
        assert c.has_social is _yes(row["Considérations sociales"])
        assert c.has_environmental is _yes(row["Considérations environnementales"])
    # CIAS-2023-018 ends on 20/04/2027, the only one not yet ended on 2 December 2026
    assert works.next_renewal == "2027-04-20"
    assert sum(c.spend_excl_vat_eur for c in works.contracts) <= works.spend_excl_vat_eur


# --- rendering ------------------------------------------------------------------------------


def test_the_html_has_one_section_per_category_and_no_network_resource(
    example: tuple[FootprintReport, FicheReport, FicheReport],
) -> None:
    _, group, _ = example
    html = unescape(render_fiches(group, "Groupe (consolidé)"))
    assert html.count('<section class="fiche"') == len(group.fiches) == 8
    assert "break-before: page" in html
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert not re.search(r"""(src|href)\s*=|url\(|@import""", html)
    assert "Pas encore de conseil" not in html  # the example's 8 categories all have advice
    assert "proposition de l'outil, à valider" in html
    assert "[agec-biodechets]" in html  # a cited source, listed at the end
    assert "Sources des conseils" in html


def test_a_category_without_advice_says_so(
    example: tuple[FootprintReport, FicheReport, FicheReport], tmp_path: Path
) -> None:
    footprint, _, _ = example
    empty = load_advice(shipped=_write(tmp_path / "vide.yaml", "entries: []\n"))
    report = compute_fiches(footprint, None, empty, top=2, today=TODAY)
    assert [f.advice for f in report.fiches] == [None, None]
    html = unescape(render_fiches(report, "Groupe (consolidé)"))
    assert html.count("Pas encore de conseil pour cette catégorie : à compléter dans") == 2
    assert html.count("Pas de registre des marchés pour cette année") == 2


def _text(html: str) -> str:
    body = re.sub(r"<style>.*?</style>", " ", html, flags=re.DOTALL)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_english_fiches_have_no_french_label(
    example: tuple[FootprintReport, FicheReport, FicheReport],
) -> None:
    """Data stays as written: the ledger's and register's texts, and the advice file's (its
    texts are the collectivité's, in its language, like a supplier's name)."""
    _, group, _ = example
    advice = group.advice
    data = set(example_data_values())
    for row in _register().values():
        data.update(str(row[k]) for k in ("Objet", "Titulaire") if row[k])
    data.update(v for s in advice.sources.values() for v in (s.title, s.url or ""))
    for e in advice.entries:
        data.update([e.title, e.summary or "", *(lv.text for lv in e.levers)])
    values = sorted((v for v in data if v.strip()), key=len, reverse=True)
    text = _text(render_fiches(group, "Group (consolidated)", "en"))
    assert "Buyers' fiches" in text
    assert "At the next renewal" in text
    assert french_left(text, values) == []


# --- achats run -----------------------------------------------------------------------------


def test_achats_run_writes_the_fiches_of_each_scope(tmp_path: Path) -> None:
    header = ["Exercice", "Collectivité", "Nature", "Libellé", "Fournisseur", "Montant HT"]
    header += ["N° marché"]
    write_xlsx(
        tmp_path / "gl.xlsx",
        [
            header,
            [2025, "Ville", "6064", "Ramettes", "Papeterie", 1000, "M-1"],
            [2025, "Agglo", "2183", "Portables", "Info", 3000, ""],
        ],
    )
    write_xlsx(
        tmp_path / "marches.xlsx",
        [
            ["N° marché", "Entité", "Objet", "Code CPV", "Montant HT", "Date de notification"],
            ["M-1", "Ville", "Papier", "30197630", 4000, "01/01/2024"],
        ],
    )
    config = {
        "entities": [{"name": "Ville"}, {"name": "Agglo"}],
        "years": {2025: {"ledgers": ["gl.xlsx"], "contracts": ["marches.xlsx"]}},
    }
    (tmp_path / "achats.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["run", "--config", str(tmp_path / "achats.yaml")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "rapports" / "2025"
    for scope in ("groupe", "ville", "agglo"):
        html = (out / scope / "fiches-acheteurs.html").read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>")
        assert (out / scope / "fiches-acheteurs.pdf").read_bytes().startswith(b"%PDF")
    ville = (out / "ville" / "fiches-acheteurs.html").read_text(encoding="utf-8")
    assert ville.count('<section class="fiche"') == 1
    assert "M-1" in ville
    # --no-xlsx: JSON and CSV only, no fiches
    quick = tmp_path / "quick.yaml"
    quick.write_text(yaml.safe_dump({**config, "output": "rapide"}), encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["run", "--config", str(quick), "--no-xlsx"])
    assert result.exit_code == 0, result.output
    assert not list((tmp_path / "rapide").rglob("fiches-acheteurs.*"))
