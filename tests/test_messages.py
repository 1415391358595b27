from __future__ import annotations

import re

from achats_durables.i18n import messages

from .conftest import REPO


def test_every_code_used_has_french_and_english_text() -> None:
    used: set[str] = set()
    for path in (REPO / "src" / "achats_durables").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'(?:Error|Issue)\(\s*"([a-z0-9]+-[a-z0-9-]+)"', text))
        used |= set(re.findall(r'render\(\s*"([a-z0-9]+-[a-z0-9-]+)"', text))
        used |= set(re.findall(r'Text\(\s*"([a-z0-9]+-[a-z0-9_-]+)"', text))
    assert used, "no message code found: the pattern is wrong"
    missing = sorted(c for c in used if not messages.has(c))
    assert missing == []
    for code, (fr, en) in messages.TEMPLATES.items():
        assert fr, code
        assert en, code
        assert set(re.findall(r"{(\w+)}", fr)) == set(re.findall(r"{(\w+)}", en)), code


def test_message_parts_built_from_names_exist() -> None:
    """Parts whose code is built at run time: field names, missing fields, file kinds."""
    from achats_durables.ledger.headers import FIELD_LABELS_FR

    codes = [f"field-{f}" for f in FIELD_LABELS_FR]
    codes += ["missing-amount", "missing-descriptive", "missing-amount-descriptive"]
    codes += ["missing-contract_ref", "missing-register-columns"]
    codes += ["kind-register", "kind-clause-register", "kind-decp"]
    assert [c for c in codes if not messages.has(c)] == []


def test_a_text_part_is_rendered_in_the_language_of_its_message() -> None:
    part = messages.Text("field-amount_incl_vat")
    assert messages.render("hint-guess", "fr", column="Mt", what=part) == (
        "« Mt » est bien le montant TTC"
    )
    assert messages.render("hint-guess", "en", column="Mt", what=part) == (
        "'Mt' is the amount incl. VAT"
    )


def test_no_code_is_defined_in_two_domains() -> None:
    """The templates live in one module per domain (i18n/templates/): a code defined twice would
    silently take the later text."""
    from collections import Counter

    from achats_durables.i18n import messages

    counts = Counter(code for domain in messages.DOMAINS for code in domain)
    assert [code for code, n in counts.items() if n > 1] == []
    assert len(messages.TEMPLATES) == sum(counts.values())
