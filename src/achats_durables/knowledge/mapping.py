"""Mapping rules (``factors/mappings/*.yaml``): which factor, or which exclusion, for each line.

Loading and validation live here (the file model is :mod:`.schemas.mapping`); the rule types
are in :mod:`.rules`, the engine that picks each line's winner in :mod:`.assign` (numpy and
pandas, not imported by loading). Precedence
(DESIGN §4): files the user names (layer 0) beat the shipped defaults (layer 1); within a layer
the most specific rule wins (see :class:`~achats_durables.knowledge.rules.Rule`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from achats_durables.core.cache import cached
from achats_durables.core.errors import Location, MappingError
from achats_durables.core.text import quantity_ratio
from achats_durables.core.validation import validate
from achats_durables.core.yamlio import YamlSource
from achats_durables.knowledge.factors import (
    Factor,
    default_mapping_paths,
    sha256_file,
    shipped_digest,
)
from achats_durables.knowledge.rules import (
    CONDITIONS,
    NO_RULE,
    PATTERNS,
    STRUCTURED,
    Patterns,
    Rule,
    RuleFile,
    RuleSet,
    SetAside,
    candidate_rules,
    rule_summary,
)

if TYPE_CHECKING:
    from achats_durables.knowledge.schemas.mapping import RuleModel


def load_mapping_file(
    path: Path | str, layer: int, start_order: int = 0
) -> tuple[RuleFile, list[Rule]]:
    """One rule file, validated; errors name the file, key path and line."""
    path = Path(path)
    digest = shipped_digest(path)
    if digest is None:
        own = sha256_file(path) if path.is_file() else ""
        return _read_mapping_file(path, own, layer, start_order)
    kind = f"rules-{layer}-{start_order}"
    read = lambda: _read_mapping_file(path, digest, layer, start_order)  # noqa: E731
    return cached(kind, path, digest, tuple, read)


def _read_mapping_file(
    path: Path, digest: str, layer: int, start_order: int
) -> tuple[RuleFile, list[Rule]]:
    """The rule file's rules and record; ``digest`` is its SHA-256, computed once by the caller."""
    from achats_durables.knowledge.schemas.mapping import RuleFileModel

    source = YamlSource.read(path, MappingError)
    model = validate(RuleFileModel, source, MappingError)
    rules = [
        _rule(item, f"{path.stem}-{i + 1}", model.status, layer, start_order + i, str(path))
        for i, item in enumerate(model.rules)
    ]
    info = RuleFile(
        id=model.id if model.id is not None else path.stem,
        name=model.name or "",
        path=str(path),
        sha256=digest,
        layer=layer,
        rules=len(rules),
        factor_set=model.factor_set or "",
    )
    return info, rules


def _rule(item: RuleModel, default_id: str, status: str, layer: int, order: int, path: str) -> Rule:
    vat = item.vat_rate
    return Rule(
        id=item.id if item.id is not None else default_id,
        when={str(k): v for k, v in item.when.items()},
        factor=item.factor,
        exclude=item.exclude,
        proxy=item.proxy,
        uncertainty=item.uncertainty,
        status=item.status if item.status is not None else status,
        note=item.note or "",
        label=item.label or "",
        beges=item.beges,
        vat_rate=vat / 100.0 if vat is not None and vat >= 1 else vat,
        layer=layer,
        order=order,
        source=path,
        patterns=Patterns(item.patterns),
        physical=dict(item.physical or {}),
        quantify=item.quantify,
        carrier=item.carrier or "",
    )


def load_mapping_rules(user_paths: Iterable[Path | str] = (), *, defaults: bool = True) -> RuleSet:
    """Load the user's rule files (layer 0, in the order given) over the shipped defaults (layer 1)."""
    files: list[RuleFile] = []
    rules: list[Rule] = []
    layers: list[tuple[int, list[Path]]] = [(0, _expand(user_paths))]
    if defaults:
        layers.append((1, default_mapping_paths()))
    for layer, paths in layers:
        for p in paths:
            info, loaded = load_mapping_file(p, layer, len(rules))
            files.append(info)
            rules.extend(loaded)
    _check_unique_ids(rules)
    return RuleSet(rules=tuple(rules), files=tuple(files))


def _check_unique_ids(rules: list[Rule]) -> None:
    """A rule id is unique within its layer (the user's files, the shipped ones)."""
    seen: dict[tuple[int, str], str] = {}
    for r in rules:
        key = (r.layer, r.id)
        if key in seen:
            raise _duplicate(r, seen[key])
        seen[key] = r.source


def _duplicate(rule: Rule, first: str) -> MappingError:
    """The second rule of an id, located at its ``id`` key."""
    from achats_durables.i18n.messages import Text

    source = YamlSource.read(Path(rule.source), MappingError)
    items = source.doc.get("rules") if isinstance(source.doc, dict) else None
    at = [i for i, x in enumerate(items or []) if isinstance(x, dict) and x.get("id") == rule.id]
    index = at[1] if first == rule.source and len(at) > 1 else (at[0] if at else None)
    parts: tuple[str | int, ...] = ("rules",) if index is None else ("rules", index, "id")
    detail = Text("expect-duplicate-rule", found=f"« {rule.id} »", other=Path(first).name)
    error = source.error(MappingError, parts, "yaml-invalid", detail=detail)
    assert isinstance(error, MappingError)
    return error


def _expand(paths: Iterable[Path | str]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(p.glob("*.yaml")))
        elif not p.exists():
            raise MappingError("file-not-found", Location(str(p)))
        else:
            out.append(p)
    return out


def check_factors(ruleset: RuleSet, factors: dict[str, Factor], set_ids: list[str]) -> None:
    """Every rule's factor must exist in the loaded sets (physical ones in the right unit)."""
    for r in ruleset.rules:
        if r.factor is not None and r.factor not in factors:
            raise MappingError(
                "factor-unknown",
                Location(r.source),
                rule=r.id,
                factor=r.factor,
                sets=", ".join(set_ids),
            )
        for unit, fid in r.physical.items():
            f = factors.get(fid)
            if f is None or f.kind != "physical" or quantity_ratio(unit, f.physical_unit) is None:
                raise MappingError(
                    "factor-unknown",
                    Location(r.source),
                    rule=r.id,
                    factor=f"{fid} (facteur physique par {unit})",
                    sets=", ".join(set_ids),
                )


__all__ = [
    "CONDITIONS",
    "NO_RULE",
    "PATTERNS",
    "STRUCTURED",
    "Rule",
    "RuleFile",
    "RuleSet",
    "SetAside",
    "candidate_rules",
    "check_factors",
    "load_mapping_file",
    "load_mapping_rules",
    "rule_summary",
]
