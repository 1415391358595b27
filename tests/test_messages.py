from __future__ import annotations

import re

from achats_durables import messages

from .conftest import REPO


def test_every_code_used_has_french_and_english_text() -> None:
    used: set[str] = set()
    for path in (REPO / "src" / "achats_durables").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'(?:Error|Issue)\(\s*"([a-z0-9]+-[a-z0-9-]+)"', text))
        used |= set(re.findall(r'render\(\s*"([a-z0-9]+-[a-z0-9-]+)"', text))
    assert used, "no message code found: the pattern is wrong"
    missing = sorted(c for c in used if not messages.has(c))
    assert missing == []
    for code, (fr, en) in messages.TEMPLATES.items():
        assert fr, code
        assert en, code
        assert set(re.findall(r"{(\w+)}", fr)) == set(re.findall(r"{(\w+)}", en)), code
