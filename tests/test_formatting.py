"""Numbers, amounts, shares and dates for people (i18n.formatting) and the message specs."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from achats_durables.core.errors import Issue, Location
from achats_durables.i18n.catalog import EN, tr
from achats_durables.i18n.formatting import (
    format_date,
    format_eur,
    format_number,
    format_percent,
    format_share_bound,
    format_year_ranges,
)
from achats_durables.i18n.messages import TEMPLATES, Text, beges_post_title, render, term
from achats_durables.knowledge.beges import POSTS

NNBSP = "\u202f"


def test_numbers_in_both_languages() -> None:
    assert format_number(1234567.891) == f"1{NNBSP}234{NNBSP}567,89"
    assert format_number(1234567.891, lang="en") == "1,234,567.89"
    assert format_number(-0.5, 1) == "-0,5"
    assert format_number(3374.695, 1, "en") == "3,374.7"
    assert format_eur(12874917.46) == f"12{NNBSP}874{NNBSP}917,46 €"
    assert format_eur(12874917.46, "en") == "€12,874,917.46"
    assert format_eur(-12, "en") == "-€12.00"


def test_shares_dates_and_years() -> None:
    assert format_percent(0.21328) == "21,3 %"
    assert format_percent(0.21328, lang="en") == "21.3%"
    assert format_percent(1.0, 0) == "100 %"
    assert format_share_bound(0.055) == "5.5"
    assert format_date(dt.date(2027, 2, 21)) == "21/02/2027"
    assert format_date("2027-02-21", "en") == "2027-02-21"
    assert format_date(None) == ""
    assert format_year_ranges([2009, 2005, 2006, 2007]) == "2005–2007, 2009"
    assert format_year_ranges([]) == ""


def test_message_specs_format_raw_parameters() -> None:
    params = {
        "share": 0.213,
        "amount": 10892380.03,
        "count": 50,
        "accounts": [{"account": "60612", "amount": 1543267.8}, {"account": "", "amount": 10.0}],
    }
    fr = render("unmapped-spend", "fr", **params)
    assert fr.startswith(f"21,3 % de la dépense (10{NNBSP}892{NNBSP}380,03 €, 50 ligne(s))")
    assert fr.endswith(f"60612 (1{NNBSP}543{NNBSP}267,80 €), (sans compte) (10,00 €).")
    en = render("unmapped-spend", "en", **params)
    assert en.startswith("21.3% of spend (€10,892,380.03, 50 line(s))")
    assert en.endswith("60612 (€1,543,267.80), (no account) (€10.00).")


def test_a_list_of_records_with_its_separator_and_an_optional_part() -> None:
    detail = [
        {"basis": "HT", "vat_rate": None, "lines": 1, "amount_incl_vat_eur": 12.0,
         "amount_excl_vat_eur": 10.0},
        {"basis": "TTC ÷ (1 + taux de la ligne)", "vat_rate": 0.055, "lines": 2,
         "amount_incl_vat_eur": 105.5, "amount_excl_vat_eur": 100.0},
    ]  # fmt: skip
    fr = render("vat-converted", "fr", amount=117.5, count=3, detail=detail)
    assert fr == (
        "117,50 € TTC de 3 ligne(s) converti(s) en HT (HT : 1 ligne(s), 12,00 € TTC → 10,00 € HT; "
        "TTC ÷ (1 + taux de la ligne), taux 5,5 % : 2 ligne(s), 105,50 € TTC → 100,00 € HT)."
    )
    en = render("vat-converted", "en", amount=117.5, count=3, detail=detail)
    assert "(excl. VAT: 1 line(s), €12.00 incl. VAT → €10.00 excl. VAT; " in en
    assert "incl. VAT ÷ (1 + the line's rate), rate 5.5%: 2 line(s)" in en


def test_issue_json_keeps_raw_json_safe_params() -> None:
    issue = Issue(
        "input-note",
        {"note": Text("contract-filter-dropped", count=2, filter="--year 2025")},
        Location("m.csv"),
        "info",
    )
    data = issue.to_dict("en")
    assert data["params"] == {
        "note": {"code": "contract-filter-dropped", "params": {"count": 2, "filter": "--year 2025"}}
    }
    assert data["message"] == "m.csv: 2 contract(s) left out by the filter --year 2025"
    assert issue.message("fr") == "m.csv : 2 marché(s) écarté(s) par le filtre --year 2025"


def test_terms_and_beges_titles() -> None:
    assert term("TTC ÷ (1 + taux par défaut)", "en") == "incl. VAT ÷ (1 + the default rate)"
    assert term("TTC ÷ (1 + taux par défaut)", "fr") == "TTC ÷ (1 + taux par défaut)"
    assert term("Papier et carton", "en") == "Papier et carton"  # data: not a term of the tool
    for post, title in POSTS.items():  # one French title, in knowledge and in the messages
        assert beges_post_title(post, "fr") == title
        assert TEMPLATES[f"beges-post-{post}"][1] != title
    assert beges_post_title("9.9", "en") == "Post 9.9"


def _tr_literals() -> list[str]:
    """The French texts the writers pass to ``tr`` directly."""
    found = []
    for path in (Path(__file__).parents[1] / "src/achats_durables/writers").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append(first.value)
    return found


def test_every_writer_text_has_its_english() -> None:
    from achats_durables.writers import (
        clauses_csv,
        clauses_labels,
        compare,
        labels,
        terminal,
        validate,
        xlsx_method,
        xlsx_summary,
    )

    texts = [
        *_tr_literals(),
        *labels.STATUS_LABELS.values(),
        *labels.TABLE_TITLES.values(),
        *labels.TABLE_KEYS.values(),
        *labels.LINE_HEADERS.values(),
        *xlsx_summary.STATUS_EXPLAINED.values(),
        *xlsx_summary.LIMITS,
        *(text for pair in xlsx_method.METHOD for text in pair),
        terminal.DETAIL_IN_REPORT,
        *clauses_labels.TABLE_TITLES.values(),
        *clauses_labels.TABLE_KEYS.values(),
        *clauses_labels.ENGINE_WORDS,
        *clauses_labels.JOIN_LABELS.values(),
        *clauses_labels.CONTRACT_COLUMNS.values(),
        *clauses_labels.MET.values(),
        clauses_labels.UNKNOWN,
        clauses_labels.DETAIL_IN_REPORT,
        *clauses_csv.HEADER,
        *compare.EFFECTS.values(),
        *compare.TRAJECTORY_HEADERS,
        *validate.SHEET_REASONS,
    ]
    assert len(texts) > 150
    assert [t for t in texts if t not in EN] == []
    assert tr("Par compte", "en") == "By account"
    assert tr("Émissions de l'exercice {year}", "fr", year=2025) == "Émissions de l'exercice 2025"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_english_and_french_templates_take_the_same_fields(lang: str) -> None:
    import string

    def fields(template: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(template) if f}

    for code, (fr, en) in TEMPLATES.items():
        assert fields(fr) == fields(en), code
