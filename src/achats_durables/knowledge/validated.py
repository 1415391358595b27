"""Rules confirmed by the finance team (``validated:`` in ``achats.yaml``) against the rules loaded.

The config is read before the rule files it may name are known (``--mapping`` comes from the
command line), so an unknown id is not an error at load: once the rules are loaded,
:func:`unknown_validated_rules` returns one located warning per id that names no rule.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from achats_durables.core.errors import ConfigError, Issue, Location
from achats_durables.core.yamlio import YamlSource
from achats_durables.i18n.messages import Text
from achats_durables.knowledge.config import Config
from achats_durables.knowledge.rules import RuleSet


def unknown_validated_rules(config: Config, ruleset: RuleSet) -> list[Issue]:
    """A warning (``config-validated-unknown``: file, line, key) per validated id of no rule."""
    known = {r.id for r in ruleset.rules}
    unknown = [rule for rule in config.validated_rules if rule not in known]
    if not unknown or not config.path:
        return []
    source = YamlSource.read(Path(config.path), ConfigError)
    listed = source.doc.get("validated") if isinstance(source.doc, dict) else None
    issues: list[Issue] = []
    for rule in unknown:
        if isinstance(listed, list) and rule in listed:
            key = source.key(("validated", listed.index(rule)))
        else:
            key = "validated"
        close = difflib.get_close_matches(rule, sorted(known), n=3, cutoff=0.6)
        issues.append(
            Issue(
                "config-validated-unknown",
                {
                    "key": key,
                    "line": source.line(key),
                    "rule": rule,
                    "close": ", ".join(close) or Text("close-none"),
                },
                Location(config.path),
            )
        )
    return issues
