"""Mapping rules (``factors/mappings/*.yaml``): which factor, or which exclusion, for each line.

Precedence (DESIGN §4): files the user names (layer 0) beat the shipped defaults (layer 1);
within a layer the most specific rule wins, compared in this order: has ``supplier_siret``, has
``contract``, length of the ``cpv`` prefix, length of the ``account`` prefix, number of
conditions; then the first in file order. Rules are ranked once by that key; a line's winner is
the best-ranked rule whose conditions all hold.

The engine is vectorised: structured conditions (account, cpv, SIRET, entity, contract) are
evaluated on the distinct values of each column and gathered to lines by integer codes; label and
supplier patterns are matched once per distinct folded text, and only for rules that can still
beat the structured winner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from achats_durables.core.errors import Location, MappingError
from achats_durables.core.text import CARRIERS, PHYSICAL_UNITS, base_unit, fold
from achats_durables.core.yamlio import Checker, load_yaml
from achats_durables.knowledge.factors import Factor, default_mapping_paths, sha256_file

CONDITIONS = (
    "account",
    "cpv",
    "supplier_siret",
    "label",
    "supplier",
    "entity",
    "contract",
    "nomenclature",
)
STRUCTURED = ("account", "cpv", "supplier_siret", "entity", "contract", "nomenclature")
PATTERNS = ("label", "supplier")
_RULE_KEYS = {
    "id",
    "when",
    "factor",
    "exclude",
    "proxy",
    "uncertainty",
    "status",
    "note",
    "label",
    "beges",
    "vat_rate",
    "physical",
    "quantify",
    "carrier",
}
_FILE_KEYS = {"id", "name", "factor_set", "source", "status", "rules", "licence", "version"}
NO_RULE = -1


@dataclass(frozen=True)
class Rule:
    id: str
    when: dict[str, str]
    factor: str | None
    exclude: str | None
    proxy: bool
    uncertainty: float | None
    status: str
    note: str
    label: str
    beges: str | None
    vat_rate: float | None
    layer: int
    order: int
    source: str
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False)
    # unit → physical factor: lines with a quantity in that unit are computed from it
    physical: dict[str, str] = field(default_factory=dict)
    # counted from a quantity only (energy): without one the line is « à quantifier »
    quantify: bool = False
    # energy carrier (:data:`~achats_durables.ledger.values.CARRIERS`): spend → quantity with a price
    carrier: str = ""

    @property
    def specificity(self) -> tuple[int, ...]:
        w = self.when
        return (
            self.layer,
            -int("supplier_siret" in w),
            -int("contract" in w),
            -len(w.get("cpv", "")),
            -len(w.get("account", "")),
            -len(w),
            self.order,
        )

    def matches(self, line: dict[str, str]) -> bool:
        """Scalar check of one line (folded label/supplier expected), for ``explain``."""
        for key, value in self.when.items():
            cell = line.get(key, "")
            if key in ("account", "cpv"):
                if not cell.startswith(value):
                    return False
            elif key == "supplier_siret":
                if not (cell == value if len(value) == 14 else cell[:9] == value):
                    return False
            elif key in PATTERNS:
                if not self.patterns[key].search(fold(cell)):
                    return False
            elif key == "nomenclature":
                if not (cell and cell.upper().startswith(value)):
                    return False
            elif cell != value:
                return False
        return True


@dataclass(frozen=True)
class RuleFile:
    id: str
    name: str
    path: str
    sha256: str
    layer: int
    rules: int
    factor_set: str = ""  # the factor set the file's rules refer to (``factor_set:``)


@dataclass(frozen=True)
class SetAside:
    """Shipped rules that step aside because their factors are not loaded (:mod:`rule_scope`)."""

    file: str  # file name
    rules: int  # rules set aside
    physical: int  # quantity references (``physical:``) dropped from the rules kept
    missing: tuple[str, ...]  # factor set ids or factor ids not loaded


@dataclass(frozen=True)
class RuleSet:
    """Rules ranked by precedence (index 0 wins over all others)."""

    rules: tuple[Rule, ...]
    files: tuple[RuleFile, ...]
    set_aside: tuple[SetAside, ...] = ()

    def ranked(self) -> list[Rule]:
        return sorted(self.rules, key=lambda r: r.specificity)


def load_mapping_file(
    path: Path | str, layer: int, start_order: int = 0
) -> tuple[RuleFile, list[Rule]]:
    path = Path(path)
    doc = load_yaml(path, MappingError)
    check = Checker(path, MappingError)
    top = check.mapping(doc, "(document)")
    check.only_keys(top, _FILE_KEYS, "")
    file_status = check.text(top.get("status", "valide"), "status")
    rules: list[Rule] = []
    for i, raw in enumerate(check.sequence(top.get("rules"), "rules")):
        key = f"rules[{i}]"
        item = check.mapping(raw, key)
        check.only_keys(item, _RULE_KEYS, key)
        rid = check.text(item.get("id", f"{path.stem}-{i + 1}"), f"{key}.id")
        when_raw = check.mapping(item.get("when"), f"{key}.when")
        check.only_keys(when_raw, set(CONDITIONS), f"{key}.when")
        if not when_raw:
            raise check.fail(f"{key}.when", "au moins une condition est attendue")
        when: dict[str, str] = {}
        patterns: dict[str, re.Pattern[str]] = {}
        for cond, value in when_raw.items():
            text = check.text(value, f"{key}.when.{cond}").strip()
            if cond in ("account", "cpv", "supplier_siret"):
                text = re.sub(r"[\s.\-]", "", text)
                if not text.isdigit():
                    raise check.fail(
                        f"{key}.when.{cond}", f"des chiffres sont attendus (lu : {value!r})"
                    )
                if cond == "supplier_siret" and len(text) not in (9, 14):
                    raise check.fail(
                        f"{key}.when.{cond}", "un SIREN (9 chiffres) ou un SIRET (14) est attendu"
                    )
            if cond == "nomenclature":
                text = text.upper()
                if not re.fullmatch(r"M\d+", text):
                    raise check.fail(
                        f"{key}.when.{cond}",
                        f"un code comme M57, M14 ou M4 est attendu (lu : {value!r})",
                    )
            if cond in PATTERNS:
                try:
                    patterns[cond] = re.compile(fold(text))
                except re.error as exc:
                    raise MappingError(
                        "rule-regex-invalid",
                        Location(str(path)),
                        rule=rid,
                        pattern=text,
                        detail=str(exc),
                    ) from exc
            when[cond] = text
        factor = item.get("factor")
        exclude = item.get("exclude")
        quantify = item.get("quantify", False)
        if not isinstance(quantify, bool):
            raise check.fail(f"{key}.quantify", "true ou false est attendu")
        if (factor is not None) + (exclude is not None) + quantify != 1:
            raise check.fail(
                key, "une règle a soit « factor », soit « exclude », soit « quantify: true »"
            )
        carrier = check.text(item.get("carrier"), f"{key}.carrier", required=False)
        if carrier and carrier not in CARRIERS:
            raise check.fail(f"{key}.carrier", f"énergie attendue parmi {', '.join(CARRIERS)}")
        uncertainty = item.get("uncertainty")
        vat = item.get("vat_rate")
        if vat is not None:
            vat = check.number(vat, f"{key}.vat_rate", minimum=0)
            if vat >= 1:
                vat = vat / 100.0
        rules.append(
            Rule(
                id=rid,
                when=when,
                factor=check.text(factor, f"{key}.factor") if factor is not None else None,
                exclude=check.text(exclude, f"{key}.exclude") if exclude is not None else None,
                proxy=bool(item.get("proxy", False)),
                uncertainty=check.number(uncertainty, f"{key}.uncertainty", minimum=0)
                if uncertainty is not None
                else None,
                status=check.text(item.get("status", file_status), f"{key}.status"),
                note=check.text(item.get("note", ""), f"{key}.note", required=False),
                label=check.text(item.get("label", ""), f"{key}.label", required=False),
                beges=check.text(item["beges"], f"{key}.beges") if "beges" in item else None,
                vat_rate=vat,
                layer=layer,
                order=start_order + i,
                source=str(path),
                patterns=patterns,
                physical=_physical(item.get("physical"), check, f"{key}.physical"),
                quantify=quantify,
                carrier=carrier,
            )
        )
    info = RuleFile(
        id=check.text(top.get("id", path.stem), "id"),
        name=check.text(top.get("name", ""), "name", required=False),
        path=str(path),
        sha256=sha256_file(path),
        layer=layer,
        rules=len(rules),
        factor_set=check.text(top.get("factor_set", ""), "factor_set", required=False),
    )
    return info, rules


def load_mapping_rules(user_paths: Iterable[Path | str] = (), *, defaults: bool = True) -> RuleSet:
    """Load the user's rule files (layer 0, in the order given) over the shipped defaults (layer 1)."""
    files: list[RuleFile] = []
    rules: list[Rule] = []
    order = 0
    layers: list[tuple[int, list[Path]]] = [(0, _expand(user_paths))]
    if defaults:
        layers.append((1, default_mapping_paths()))
    for layer, paths in layers:
        for p in paths:
            info, loaded = load_mapping_file(p, layer, order)
            order += len(loaded)
            files.append(info)
            rules.extend(loaded)
    seen: dict[tuple[int, str], str] = {}
    for r in rules:
        if (r.layer, r.id) in seen:
            raise MappingError(
                "yaml-invalid",
                Location(r.source),
                key=f"rules.{r.id}",
                detail=f"identifiant de règle en double (déjà dans {Path(seen[(r.layer, r.id)]).name})",
            )
        seen[(r.layer, r.id)] = r.source
    return RuleSet(rules=tuple(rules), files=tuple(files))


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


def _physical(value: Any, check: Checker, key: str) -> dict[str, str]:
    if value is None:
        return {}
    table = check.mapping(value, key)
    out: dict[str, str] = {}
    for unit, factor in table.items():
        if unit not in PHYSICAL_UNITS:
            raise check.fail(f"{key}.{unit}", f"unité attendue parmi {', '.join(PHYSICAL_UNITS)}")
        out[str(unit)] = check.text(factor, f"{key}.{unit}")
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
            if f is None or f.kind != "physical" or base_unit(f.physical_unit) != base_unit(unit):
                raise MappingError(
                    "factor-unknown",
                    Location(r.source),
                    rule=r.id,
                    factor=f"{fid} (facteur physique par {unit})",
                    sets=", ".join(set_ids),
                )


def _structured_mask(rule: Rule, column: str, uniques: np.ndarray) -> np.ndarray:
    value = rule.when[column]
    if column in ("account", "cpv"):
        return np.fromiter((u.startswith(value) for u in uniques), dtype=bool, count=len(uniques))
    if column == "supplier_siret":
        if len(value) == 14:
            return np.asarray(uniques == value, dtype=bool)
        return np.fromiter((u[:9] == value for u in uniques), dtype=bool, count=len(uniques))
    if column == "nomenclature":
        return np.fromiter(
            (bool(u) and str(u).upper().startswith(value) for u in uniques),
            dtype=bool,
            count=len(uniques),
        )
    return np.asarray(uniques == value, dtype=bool)


def assign_rules(lines: pd.DataFrame, ruleset: RuleSet) -> np.ndarray:
    """Index into ``ruleset.ranked()`` of each line's winning rule, ``NO_RULE`` (-1) if none.

    ``lines`` holds the text columns of :data:`CONDITIONS` ('' when absent).
    """
    ranked = ruleset.ranked()
    n = len(lines)
    if n == 0 or not ranked:
        return np.full(n, NO_RULE, dtype=np.int64)
    used_struct = [c for c in STRUCTURED if any(c in r.when for r in ranked)]
    codes: dict[str, np.ndarray] = {}
    uniques: dict[str, np.ndarray] = {}
    for col in used_struct:
        c, u = pd.factorize(lines[col], sort=False)
        codes[col] = c
        uniques[col] = np.asarray(u, dtype=object)
    # Combine the structured columns into one key per line.
    if used_struct:
        key = np.zeros(n, dtype=np.int64)
        for col in used_struct:
            key = key * (len(uniques[col]) + 1) + codes[col]
        key_codes, key_uniques = pd.factorize(key, sort=False)
        first = np.zeros(len(key_uniques), dtype=np.int64)
        first[key_codes[::-1]] = np.arange(n - 1, -1, -1)
        key_col_codes = {col: codes[col][first] for col in used_struct}
        n_keys = len(key_uniques)
    else:
        key_codes = np.zeros(n, dtype=np.int64)
        key_col_codes = {}
        n_keys = 1

    def struct_match(rule: Rule) -> np.ndarray:
        mask = np.ones(n_keys, dtype=bool)
        for col in used_struct:
            if col in rule.when:
                per_unique = _structured_mask(rule, col, uniques[col])
                mask &= per_unique[key_col_codes[col]]
        return mask

    # 1. Structured-only rules: the best rank per key.
    best_key = np.full(n_keys, np.iinfo(np.int64).max, dtype=np.int64)
    pattern_rules: list[tuple[int, Rule, np.ndarray]] = []
    for rank, rule in enumerate(ranked):
        m = struct_match(rule)
        if any(p in rule.when for p in PATTERNS):
            if m.any():
                pattern_rules.append((rank, rule, m))
            continue
        upd = m & (best_key > rank)
        best_key[upd] = rank
    line_best = best_key[key_codes]
    # 2. Rules with label/supplier patterns, only where they can beat the structured winner.
    folded: dict[str, tuple[np.ndarray, pd.Series]] = {}
    for rank, rule, m in pattern_rules:
        if not (m & (best_key > rank)).any():
            continue
        candidates = m[key_codes] & (line_best > rank)
        if not candidates.any():
            continue
        ok = candidates
        for col in PATTERNS:
            if col not in rule.when:
                continue
            if col not in folded:
                c, u = pd.factorize(lines[col], sort=False)
                folded[col] = (c, pd.Series(u, dtype=object).map(fold))
            c, u_folded = folded[col]
            # only the distinct texts of the lines still in the running are searched
            present = np.zeros(len(u_folded), dtype=bool)
            present[c[ok]] = True
            idx = np.flatnonzero(present)
            search = rule.patterns[col].search
            hit = np.zeros(len(u_folded), dtype=bool)
            hit[idx] = [search(t) is not None for t in u_folded.iloc[idx]]
            ok = ok & hit[c]
            if not ok.any():
                break
        line_best[ok] = rank
    line_best[line_best == np.iinfo(np.int64).max] = NO_RULE
    return line_best


def candidate_rules(line: dict[str, str], ruleset: RuleSet) -> list[Rule]:
    """All rules that match one line, best first (``explain``)."""
    return [r for r in ruleset.ranked() if r.matches(line)]


def rule_summary(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "when": dict(rule.when),
        "factor": rule.factor,
        "exclude": rule.exclude,
        "quantify": rule.quantify,
        "physical": dict(rule.physical),
        "proxy": rule.proxy,
        "status": rule.status,
        "note": rule.note,
        "source": Path(rule.source).name,
        "layer": "utilisateur" if rule.layer == 0 else "défaut",
    }
