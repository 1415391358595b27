"""``achats compare``: years and entities side by side, and why emissions changed.

Between two footprint reports the change in tCO2e is split, category (factor) by category, into

* a **volume effect**, spend change at the earlier year's intensity: (S₁ − S₀) × i₀;
* a **factor effect**, intensity change on the later spend: S₁ × (i₁ − i₀) — the ratio of a
  different euro-year, a different price-index conversion or another factor version;
* a **perimeter and mapping effect**: emissions of categories present in one year only (new or
  vanished purchases, a rule moving lines to another category).

For a category present in both years E₁ − E₀ = (S₁ − S₀)·i₀ + S₁·(i₁ − i₀) exactly, so the three
parts always add up to the total change. The comparison reads the JSON reports only.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from achats_durables.clauses.coverage import year_figures
from achats_durables.core.errors import CompareError, Location
from achats_durables.i18n.messages import Text
from achats_durables.knowledge.config import Trajectory

SCHEMA = "achats.compare/1"


@dataclass(frozen=True)
class NamedReport:
    label: str
    year: int | None
    entity: str
    data: dict[str, Any]
    clauses: dict[str, Any] | None = None
    path: str = ""


@dataclass(frozen=True)
class Comparison:
    rows: list[dict[str, Any]]
    steps: list[dict[str, Any]]
    categories: list[dict[str, Any]]
    trajectory: list[dict[str, Any]]
    clause_targets: list[dict[str, Any]]
    notes: list[Text] = field(default_factory=list)

    def notes_in(self, lang: str = "fr") -> list[str]:
        """The notes written in ``lang``."""
        return [note.render(lang) for note in self.notes]

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "reports": self.rows,
            "changes": self.steps,
            "by_factor": self.categories,
            "trajectory": self.trajectory,
            "clause_targets": self.clause_targets,
            "notes": self.notes_in(lang),
        }


def load_report(
    path: Path | str, clauses: Path | str | None = None, label: str | None = None
) -> NamedReport:
    """A footprint JSON report (``achats.footprint/1``), with its clause report if given."""
    path = Path(path)
    data = _load_json(path, "achats.footprint/1")
    years = [int(r["key"]) for r in data.get("by_year", []) if str(r.get("key", "")).isdigit()]
    year = years[0] if len(years) == 1 else None
    entities = [r["key"] for r in data.get("by_entity", [])]
    entity = entities[0] if len(entities) == 1 else ("groupe" if entities else "")
    clause_data = _load_json(Path(clauses), "achats.clauses/1") if clauses is not None else None
    name = label or (f"{year}" if year is not None else path.stem)
    return NamedReport(
        label=name, year=year, entity=entity, data=data, clauses=clause_data, path=str(path)
    )


def _load_json(path: Path, schema: str) -> dict[str, Any]:
    loc = Location(str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CompareError("file-not-found", loc) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CompareError(
            "compare-not-a-report", loc, schema=schema, detail=str(exc)[:120]
        ) from exc
    if not isinstance(data, dict) or data.get("schema") != schema:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise CompareError(
            "compare-not-a-report", loc, schema=schema, detail=f"schéma lu : {found}"
        )
    return data


def _by_factor(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The report's rows by factor. Activity-data rows are keyed by their factors' labels, not
    by the file row that holds them (``activity:activites.csv:18`` one year, ``…:4`` the next):
    the same waste streams stay one category from year to year, not one leaving the perimeter
    and another entering it."""
    out: dict[str, dict[str, Any]] = {}
    for row in data.get("by_factor", []):
        key = str(row["key"])
        if key.startswith("activity:"):
            key = f"activity:{row.get('label') or key}"
        if key in out:
            first = out[key]
            out[key] = {
                **first,
                "emissions_tco2e": first["emissions_tco2e"] + row["emissions_tco2e"],
                "spend_excl_vat_eur": first["spend_excl_vat_eur"] + row["spend_excl_vat_eur"],
            }
        else:
            out[key] = row
    return out


def decompose(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Volume, factor and perimeter effects of the change between two reports (tCO2e)."""
    f0, f1 = _by_factor(before), _by_factor(after)
    volume = factor = perimeter = 0.0
    for key in sorted(set(f0) | set(f1)):
        a, b = f0.get(key), f1.get(key)
        e0 = a["emissions_tco2e"] if a else 0.0
        e1 = b["emissions_tco2e"] if b else 0.0
        if a is None or b is None or not a["spend_excl_vat_eur"]:
            perimeter += e1 - e0
            continue
        i0 = e0 / a["spend_excl_vat_eur"]
        v = (b["spend_excl_vat_eur"] - a["spend_excl_vat_eur"]) * i0
        volume += v
        factor += (e1 - e0) - v  # = S₁ × (i₁ − i₀)
    total = after["totals"]["emissions_tco2e"] - before["totals"]["emissions_tco2e"]
    return {
        "change_tco2e": round(total, 6),
        "volume_effect_tco2e": round(volume, 6),
        "factor_effect_tco2e": round(factor, 6),
        "perimeter_effect_tco2e": round(perimeter, 6),
        "residual_tco2e": round(total - volume - factor - perimeter, 6),
        "same_factor_sets": [f["sha256"] for f in before.get("factor_sets", [])]
        == [f["sha256"] for f in after.get("factor_sets", [])],
    }


def compare_reports(
    reports: Sequence[NamedReport],
    *,
    trajectory: Trajectory | None = None,
    clause_targets: dict[str, float] | None = None,
) -> Comparison:
    """Reports side by side (in the order given), the decomposition of each step, the targets."""
    if not reports:
        raise CompareError("compare-nothing", Location())
    steps, notes = _steps(reports)
    return Comparison(
        rows=[_report_row(r) for r in reports],
        steps=steps,
        categories=_categories(reports),
        trajectory=_trajectory(reports, trajectory),
        clause_targets=_clauses(reports, clause_targets or {}),
        notes=notes,
    )


def _report_row(r: NamedReport) -> dict[str, Any]:
    """One report's totals, as the comparison shows them."""
    t, rec = r.data["totals"], r.data["reconciliation"]
    return {
        "label": r.label,
        "year": r.year,
        "entity": r.entity,
        "path": r.path,
        "emissions_tco2e": t["emissions_tco2e"],
        "uncertainty_tco2e": t["uncertainty_tco2e"],
        "spend_excl_vat_eur": t["spend_excl_vat_eur"],
        "intensity_kgco2e_per_keur": t["intensity_kgco2e_per_keur"],
        "unmapped_share": round(rec["spend_unmapped_eur"] / rec["spend_read_eur"], 6)
        if rec["spend_read_eur"]
        else 0.0,
        "factor_sets": ", ".join(
            f"{f['id']} {f['version']}" for f in r.data.get("factor_sets", [])
        ),
    }


def _steps(reports: Sequence[NamedReport]) -> tuple[list[dict[str, Any]], list[Text]]:
    """The decomposition of each step between consecutive reports, and the notes."""
    steps = []
    notes: list[Text] = []
    for a, b in itertools.pairwise(reports):
        step = {"from": a.label, "to": b.label, **decompose(a.data, b.data)}
        u = (
            a.data["totals"]["uncertainty_tco2e"] ** 2 + b.data["totals"]["uncertainty_tco2e"] ** 2
        ) ** 0.5
        step["significant"] = abs(step["change_tco2e"]) > u
        steps.append(step)
        if not step["same_factor_sets"]:
            notes.append(Text("compare-note-factor-sets", start=a.label, end=b.label))
    notes.append(Text("compare-note-uncertainty"))
    return steps, notes


def _categories(reports: Sequence[NamedReport]) -> list[dict[str, Any]]:
    """Emissions by factor, one column per report, the largest categories first."""
    tables = [_by_factor(r.data) for r in reports]
    categories = []
    for key in sorted({k for table in tables for k in table}):
        row: dict[str, Any] = {
            "factor": key,
            "label": next((table[key]["label"] for table in tables if key in table), key),
        }
        for r, table in zip(reports, tables, strict=True):
            found = table.get(key)
            row[r.label] = round(found["emissions_tco2e"], 6) if found else 0.0
        categories.append(row)
    categories.sort(key=lambda c: -max(float(c[r.label]) for r in reports))
    return categories


def _trajectory(
    reports: Sequence[NamedReport], trajectory: Trajectory | None
) -> list[dict[str, Any]]:
    if trajectory is None:
        return []
    by_year = {r.year: r for r in reports if r.year is not None}
    base = trajectory.base_emissions_tco2e
    if base is None and trajectory.base_year in by_year:
        base = float(by_year[trajectory.base_year].data["totals"]["emissions_tco2e"])
    if base is None:
        return [
            {
                "year": trajectory.base_year,
                "target_tco2e": None,
                "actual_tco2e": None,
                "on_track": None,
                "detail": "émissions de l'année de référence inconnues : ajoutez son rapport ou "
                "targets.pcaet.base_emissions_tco2e",
            }
        ]
    rows = []
    last = max([trajectory.target_year, *by_year])
    for year in range(trajectory.base_year, last + 1):
        target = trajectory.target_for(year, base)
        actual = float(by_year[year].data["totals"]["emissions_tco2e"]) if year in by_year else None
        rows.append(
            {
                "year": year,
                "target_tco2e": round(target, 6),
                "actual_tco2e": None if actual is None else round(actual, 6),
                "gap_tco2e": None if actual is None else round(actual - target, 6),
                "on_track": None if actual is None else actual <= target,
            }
        )
    return rows


def _clauses(reports: Sequence[NamedReport], targets: dict[str, float]) -> list[dict[str, Any]]:
    social = targets.get("social", 0.30)
    env = targets.get("environmental", 1.0)
    rows = []
    for r in reports:
        if r.clauses is None:
            continue
        t = year_figures(r.clauses, r.year)
        rows.append(
            {
                "label": r.label,
                "contracts": t["contracts"],
                "contracts_scope": t["scope"],
                "share_social": t["share_social"],
                "target_social": social,
                "met_social": t["share_social"] >= social - 1e-9,
                "share_environmental": t["share_environmental"],
                "target_environmental": env,
                "met_environmental": t["share_environmental"] >= env - 1e-9,
            }
        )
    return rows


def reports_from_output(output: Path, years: Sequence[int], scope: str) -> list[NamedReport]:
    """The reports an ``achats run`` wrote for ``scope`` (``groupe`` or an entity folder)."""
    found = []
    for year in years:
        folder = output / str(year) / scope
        path = folder / "empreinte.json"
        if not path.exists():
            raise CompareError("compare-run-missing", Location(str(path)), year=year)
        clauses = folder / "clauses.json"
        found.append(load_report(path, clauses if clauses.exists() else None, label=str(year)))
    return found
