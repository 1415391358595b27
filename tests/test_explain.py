"""``achats explain``: the explanation is data (steps with codes and raw numbers), rendered in
French word for word as before the steps became data, and in English with ``--lang en``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from achats_durables import cli
from achats_durables.footprint.explain import Step
from achats_durables.i18n.messages import TEMPLATES
from achats_durables.operations.commands import explain_job
from achats_durables.writers.explain import step_text

from .conftest import LedgerFactory

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "grand-livre-2025.xlsx"
CONFIG = REPO / "examples" / "achats.yaml"
# `achats explain examples/grand-livre-2025.xlsx --row 10 --config examples/achats.yaml`, saved
# before the explanation became data
SAVED = REPO / "tests" / "snapshots" / "explain-2025-row-10.txt"
runner = CliRunner()


@pytest.fixture(scope="module")
def row_10() -> tuple[str, str, str]:
    """The terminal output in French and English, and the JSON, of the example's row 10."""
    args = ["explain", str(EXAMPLE), "--row", "10", "--config", str(CONFIG)]
    outputs = []
    for extra in ([], ["--lang", "en"], ["--format", "json"]):
        result = runner.invoke(cli.app, [*args, *extra])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    return outputs[0], outputs[1], outputs[2]


def test_french_output_is_word_for_word_the_saved_one(row_10: tuple[str, str, str]) -> None:
    french, _, _ = row_10
    saved = SAVED.read_text(encoding="utf-8")
    # the same words, in the same order (rich may wrap lines at other widths), then the method
    # hierarchy added by issue 12 (tests/test_method_shares.py)
    before, hierarchy = french.split("Quelle donnée l'emporte", 1)
    assert before.split() == saved.split()
    assert "Ratio monétaire du secteur (s'applique) : naf-F" in " ".join(hierarchy.split())


def test_english_output_leaves_no_french_label(row_10: tuple[str, str, str]) -> None:
    _, english, _ = row_10
    text = " ".join(english.split())
    assert "sheet 'Mandats 2025', row 10 — status: mapped" in text
    assert (
        "Rule applied: m57-2315 (m57.yaml, default layer) — account = 2315 → factor naf-F" in text
    )
    assert "Amount excluding VAT read: €33,274.13." in text
    assert "(117.47 / 120.95 = 0.9712): €33,274.13 → €32,316.76 of 2023." in text
    assert "= 7,917.6 kgCO2e (7.918 tCO2e), uncertainty ± 80%." in text
    for french in ("Règle retenue", "statut", "montant HT", "Émissions", "Poste BEGES", "exercice"):
        assert french not in text


def test_json_steps_are_codes_and_raw_numbers(row_10: tuple[str, str, str]) -> None:
    data = json.loads(row_10[2])
    assert data["fields"]["amount_excl_vat"] == pytest.approx(33274.13)
    assert data["fields"]["account"] == "2315"
    codes = [s["code"] for s in data["steps"]]
    assert codes == [
        "explain-step-ht-read",
        "explain-step-euro-year-converted",
        "explain-step-monetary-emissions",
        "explain-step-post",
    ]
    converted = data["steps"][1]["params"]
    # INSEE CPI 2023 / 2025 = 117.47 / 120.95, applied to the amount read
    assert converted["ratio"] == pytest.approx(117.47 / 120.95, abs=5e-5)
    assert converted["converted_eur"] == pytest.approx(33274.13 * converted["ratio"])
    emissions = data["steps"][2]["params"]
    assert emissions["emissions_kgco2e"] == pytest.approx(converted["converted_eur"] / 1000 * 245)
    assert emissions["uncertainty"] == pytest.approx(0.80)


def test_json_equals_the_library_explanation(make_ledger: LedgerFactory) -> None:
    path = make_ledger(
        [[2023, "6064", "Ramettes papier", 1200, None], [2023, "6064", "Ramettes", 1200, 200]],
        header=["Exercice", "Nature", "Libellé", "Montant TTC", "Montant TVA"],
    )
    shown = runner.invoke(cli.app, ["explain", str(path), "--row", "3", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout) == explain_job(path, 3).to_dict()


def test_every_step_kind_reads_the_same_in_french_and_has_an_english_text() -> None:
    steps = [
        (
            Step("explain-step-ht-read", {"amount_eur": 1234.5}),
            "Montant HT lu : 1\u202f234,50 €.",
            "Amount excluding VAT read: €1,234.50.",
        ),
        (
            Step(
                "explain-step-ht-from-default-rate",
                {"amount_incl_vat_eur": 1200.0, "vat_rate": 0.2, "amount_eur": 1000.0},
            ),
            "Montant HT = TTC 1\u202f200,00 € ÷ (1 + 20,0 %) = 1\u202f000,00 € (par défaut).",
            "Amount excl. VAT = incl. VAT €1,200.00 ÷ (1 + 20.0%) = €1,000.00 (default rate).",
        ),
        (
            Step(
                "explain-step-physical-emissions",
                {
                    "quantity": 1000.0,
                    "physical_factor": 3.1,
                    "emissions_kgco2e": 3100.0,
                    "emissions_tco2e": 3.1,
                    "uncertainty": 0.1,
                },
            ),
            "Émissions = 1\u202f000,00 × 3,1000 = 3\u202f100,0 kgCO2e (3,100 tCO2e), incertitude ± 10 %.",
            "Emissions = 1,000.00 × 3.1000 = 3,100.0 kgCO2e (3.100 tCO2e), uncertainty ± 10%.",
        ),
        (
            Step("explain-step-euro-year-same", {"year": 2023, "euro_year": 2023}),
            "Exercice 2023 : le ratio en euros 2023 s'applique directement.",
            "Fiscal year 2023: the ratio in euros of 2023 applies directly.",
        ),
        (
            Step(
                "explain-step-supplier",
                {
                    "siren": "732829320",
                    "supplier_value": 120.5,
                    "euro_year": 2021,
                    "source": "BEGES 2023",
                    "factor": "naf-C17",
                    "label": "Papier et carton",
                },
            ),
            "Le fournisseur (SIREN 732829320) figure dans le fichier des fournisseurs : son "
            "intensité, 120,50 kgCO2e par k€ HT en euros 2021 (source : BEGES 2023), remplace le "
            "ratio sectoriel naf-C17 (Papier et carton).",
            "The supplier (SIREN 732829320) is in the supplier file: its intensity, 120.50 kgCO2e "
            "per k€ excl. VAT in euros of 2021 (source: BEGES 2023), replaces the sector ratio "
            "naf-C17 (Papier et carton).",
        ),
        (
            Step(
                "explain-step-supplier-unit",
                {
                    "siren": "552032534",
                    "quantity": 0.5,
                    "unit": "t",
                    "physical_factor": 200.0,
                    "emissions_kgco2e": 100.0,
                    "emissions_tco2e": 0.1,
                    "uncertainty": 0.15,
                    "source": "FDES 2023",
                    "factor": "dechets-omr-incineration",
                    "label": "Déchets",
                },
            ),
            "Le fournisseur (SIREN 552032534) figure dans le fichier des fournisseurs avec une "
            "intensité par unité livrée (source : FDES 2023) : émissions = 0,50 t × 200,0000 "
            "kgCO2e/t = 100,0 kgCO2e (0,100 tCO2e), incertitude ± 15 % ; elle remplace le "
            "facteur dechets-omr-incineration (Déchets).",
            "The supplier (SIREN 552032534) is in the supplier file with an intensity per unit "
            "delivered (source: FDES 2023): emissions = 0.50 t × 200.0000 kgCO2e/t = 100.0 kgCO2e "
            "(0.100 tCO2e), uncertainty ± 15%; it replaces the factor dechets-omr-incineration "
            "(Déchets).",
        ),
        (
            Step(
                "explain-step-activity-share",
                {
                    "line_spend": 6000.0,
                    "group_spend": 10000.0,
                    "share": 0.6,
                    "line_kg": 3978.0,
                    "line_uncertainty": 0.47,
                    "post": "4.1",
                },
            ),
            "Cette ligne en porte la part de sa dépense : 6\u202f000,00 € ÷ 10\u202f000,00 € = "
            "60,00 %, soit 3\u202f978,0 kgCO2e, incertitude ± 47 %, poste BEGES 4.1.",
            "This line carries the share of its spend: €6,000.00 ÷ €10,000.00 = 60.00%, i.e. "
            "3,978.0 kgCO2e, uncertainty ± 47%, BEGES post 4.1.",
        ),
    ]
    for step, french, english in steps:
        assert step_text(step) == french
        assert step_text(step, "en") == english
    codes = [c for c in TEMPLATES if c.startswith("explain-step-")]
    # 17 + the supplier steps (per k€, per unit) and its euro-year one + the activity steps (the
    # rows, the line's share, no positive spend to share)
    assert len(codes) == 23
    for code in codes:
        fr, en = TEMPLATES[code]
        assert fr != en, code


def test_field_labels_are_the_ledger_labels_in_french() -> None:
    from achats_durables.footprint.explain import SHOWN_FIELDS
    from achats_durables.ledger.headers import FIELD_LABELS_FR

    for name in SHOWN_FIELDS:
        fr, en = TEMPLATES[f"explain-field-{name}"]
        assert fr == FIELD_LABELS_FR[name], name
        assert (en and en != fr) or name == "date", name
