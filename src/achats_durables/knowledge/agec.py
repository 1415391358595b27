"""AGEC art. 58 (décret n° 2024-134): the declaration's categories and fields, the targets by
category and year, and the category rules (shipped in ``factors/agec/``, the user's own files
above them).

Category rules use the mapping rules' language (``when`` on account, CPV, label, supplier…) and
engine (:mod:`.assign`); each names a ``category`` (one of the declaration's 17 labels) or an
``exclude`` reason. User files (layer 0) beat the shipped file (layer 1); within a layer the
most specific rule wins, a ``label`` condition first (:attr:`.rules.Rule.label_first`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from achats_durables.core.errors import ConfigError, Location, MappingError
from achats_durables.core.validation import validate
from achats_durables.core.yamlio import YamlSource
from achats_durables.knowledge.factors import factors_dir, sha256_file
from achats_durables.knowledge.rules import Patterns, Rule, RuleFile, RuleSet

if TYPE_CHECKING:
    from achats_durables.knowledge.schemas.agec import AgecConfigModel, AgecRuleModel

TARGET_YEARS = (2024, 2027, 2030)


@dataclass(frozen=True)
class DeclarationField:
    name: str
    type: str  # year, string, number (Table Schema types)
    required: bool
    pattern: str | None
    description: str


@dataclass(frozen=True)
class Declaration:
    """The official declaration's fields and its 17 categories, in the schema's order."""

    source: str
    name: str
    version: str
    fields: tuple[DeclarationField, ...]
    categories: tuple[str, ...]

    def closest(self, label: str) -> str:
        """The labels closest to ``label`` (for a message), or « — »."""
        close = difflib.get_close_matches(label, list(self.categories), n=2, cutoff=0.3)
        return " ; ".join(f"« {c} »" for c in close) or "—"


@dataclass(frozen=True)
class Target:
    """A share to reach from ``year`` on (``None``: no target found, never invented)."""

    category: str
    year: int
    reuse: float | None
    recycled: float | None
    source: str
    remark: str = ""
    from_config: bool = False


@dataclass(frozen=True)
class Gift:
    """Goods received as gifts in ``year``, valued with the arrêté du 29 février 2024's grid
    (``entity``: the receiving entity's name; empty with a single entity)."""

    year: int
    category: str
    amount_eur: float
    source: str
    entity: str = ""


@dataclass(frozen=True)
class AgecSettings:
    """The ``agec:`` section of achats.yaml."""

    rules: tuple[str, ...] = ()  # the user's category rule files, relative to the config
    reuse_suppliers: tuple[str, ...] = ()  # SIREN of reuse suppliers (ressourceries…)
    recycled_suppliers: tuple[str, ...] = ()
    count_label_signals: bool = False
    targets: tuple[Target, ...] = ()  # set or replace the shipped ones
    gifts: tuple[Gift, ...] = ()


@dataclass(frozen=True)
class Signals:
    """Label keywords (folded regular expressions) of reuse and recycled goods."""

    reuse: str = ""
    recycled: str = ""


@dataclass(frozen=True)
class AgecRules:
    ruleset: RuleSet
    signals: Signals
    sources: tuple[str, ...] = field(default_factory=tuple)  # the rule files' own sources


def agec_dir() -> Path:
    return factors_dir() / "agec"


def load_declaration(path: Path | None = None) -> Declaration:
    from achats_durables.knowledge.schemas.agec import DeclarationModel

    source = YamlSource.read(path or agec_dir() / "declaration.yaml", MappingError)
    model = validate(DeclarationModel, source, MappingError)
    return Declaration(
        source=model.source,
        name=model.name,
        version=model.version,
        fields=tuple(
            DeclarationField(f.name, f.type, f.required, f.pattern, f.description)
            for f in model.fields
        ),
        categories=tuple(model.categories),
    )


def load_targets(declaration: Declaration, path: Path | None = None) -> tuple[Target, ...]:
    """The shipped targets (``cibles-decret-2024-134.yaml``)."""
    return load_target_file(declaration, path)[0]


def load_target_file(
    declaration: Declaration, path: Path | None = None
) -> tuple[tuple[Target, ...], str]:
    """The shipped targets and the file's ``status`` (how far its sources go)."""
    from achats_durables.knowledge.schemas.agec import TargetFileModel

    source = YamlSource.read(path or agec_dir() / "cibles-decret-2024-134.yaml", MappingError)
    model = validate(TargetFileModel, source, MappingError)
    out = []
    for i, row in enumerate(model.targets):
        _check_category(row.category, declaration, source, ("targets", i, "category"), MappingError)
        out.append(
            Target(
                row.category,
                row.year,
                None if row.reuse_pct is None else row.reuse_pct / 100.0,
                None if row.recycled_pct is None else row.recycled_pct / 100.0,
                row.source,
                row.remark,
            )
        )
    return tuple(out), model.status


def target_for(targets: Sequence[Target], category: str, year: int) -> Target | None:
    """The target in force in ``year``: the latest of the category at or before ``year`` (the
    config's own row of that year wins over the shipped one)."""
    rows = [t for t in targets if t.category == category and t.year <= year]
    if not rows:
        return None
    latest = max(t.year for t in rows)
    same = [t for t in rows if t.year == latest]
    return next((t for t in same if t.from_config), same[0])


def load_agec_rules(
    declaration: Declaration, user_paths: Iterable[Path | str] = (), *, defaults: bool = True
) -> AgecRules:
    """The user's category rule files (layer 0, in order) over the shipped one (layer 1)."""
    files: list[RuleFile] = []
    rules: list[Rule] = []
    signals = Signals()
    sources: list[str] = []
    layers: list[tuple[int, list[Path]]] = [(0, [Path(p) for p in user_paths])]
    if defaults:
        layers.append((1, [agec_dir() / "categories.yaml"]))
    for layer, paths in layers:
        for path in paths:
            info, loaded, own = _read_rule_file(path, declaration, layer, len(rules))
            files.append(info)
            rules.extend(loaded)
            # the first file that gives a keyword list wins (the user's before the shipped one)
            signals = Signals(signals.reuse or own.reuse, signals.recycled or own.recycled)
            sources.append(info.name)
    _unique_ids(rules)
    return AgecRules(RuleSet(rules=tuple(rules), files=tuple(files)), signals, tuple(sources))


def _read_rule_file(
    path: Path, declaration: Declaration, layer: int, start: int
) -> tuple[RuleFile, list[Rule], Signals]:
    from achats_durables.knowledge.schemas.agec import AgecRuleFileModel

    if not path.is_file():
        raise MappingError("file-not-found", Location(str(path)))
    source = YamlSource.read(path, MappingError)
    model = validate(AgecRuleFileModel, source, MappingError)
    rules = []
    for i, item in enumerate(model.rules):
        if item.category is not None:
            at = ("rules", i, "category")
            _check_category(item.category, declaration, source, at, MappingError)
        rules.append(_rule(item, f"{path.stem}-{i + 1}", model.status, layer, start + i, path))
    info = RuleFile(
        id=model.id or path.stem,
        name=model.name or "",
        path=str(path),
        sha256=sha256_file(path),
        layer=layer,
        rules=len(rules),
    )
    sig = model.signals
    own = Signals(sig.reuse or "", sig.recycled or "") if sig is not None else Signals()
    return info, rules, own


def _rule(
    item: AgecRuleModel, default_id: str, status: str, layer: int, order: int, path: Path
) -> Rule:
    return Rule(
        id=item.id if item.id is not None else default_id,
        when={str(k): v for k, v in item.when.items()},
        factor=None,
        exclude=item.exclude,
        proxy=False,
        uncertainty=None,
        status=item.status if item.status is not None else status,
        note=item.note or "",
        label=item.label or "",
        beges=None,
        vat_rate=None,
        layer=layer,
        order=order,
        source=str(path),
        patterns=Patterns(item.patterns),
        category=item.category or "",
        label_first=True,
    )


def _unique_ids(rules: list[Rule]) -> None:
    seen: dict[tuple[int, str], str] = {}
    for r in rules:
        if (r.layer, r.id) in seen:
            raise MappingError(
                "agec-rule-duplicate", Location(r.source), rule=r.id, other=seen[(r.layer, r.id)]
            )
        seen[(r.layer, r.id)] = Path(r.source).name


def _check_category(
    label: str,
    declaration: Declaration,
    source: YamlSource,
    at: tuple[str | int, ...],
    error: type[MappingError] | type[ConfigError],
) -> None:
    from achats_durables.i18n.messages import Text

    if label in declaration.categories:
        return
    detail = Text("expect-agec-category", found=f"« {label} »", close=declaration.closest(label))
    raise source.error(error, at, "yaml-invalid", detail=detail)


def agec_settings(source: YamlSource, model: AgecConfigModel | None) -> AgecSettings:
    """achats.yaml's ``agec:`` section; its categories (targets, gifts) must be the schema's."""
    if model is None:
        return AgecSettings()
    declaration = load_declaration()
    for key in ("targets", "gifts"):
        for i, item in enumerate(getattr(model, key)):
            at = ("agec", key, i, "category")
            _check_category(item.category, declaration, source, at, ConfigError)
    return AgecSettings(
        rules=tuple(model.rules),
        reuse_suppliers=tuple(dict.fromkeys(model.reuse_suppliers)),
        recycled_suppliers=tuple(dict.fromkeys(model.recycled_suppliers)),
        count_label_signals=model.count_label_signals,
        targets=tuple(
            Target(t.category, t.year, t.reuse, t.recycled, t.source, from_config=True)
            for t in model.targets
        ),
        gifts=tuple(
            Gift(g.year, g.category, float(g.amount), g.source, g.entity or "") for g in model.gifts
        ),
    )
