"""The example's footprint report and its HTML page, computed once per test process."""

from __future__ import annotations

from functools import lru_cache

from achats_durables.footprint.report import FootprintReport
from achats_durables.operations.pipeline import load_setup, run_footprint
from achats_durables.writers.html.footprint import footprint_html

from .conftest import REPO

EXAMPLE = REPO / "examples" / "grand-livre-2025.xlsx"
CONFIG = REPO / "examples" / "achats.yaml"
COMMITTED_HTML = REPO / "examples" / "rapport-2025.html"
# the command that writes examples/rapport-2025.html (README, examples/README.md)
COMMAND = [
    "footprint",
    "examples/grand-livre-2025.xlsx",
    "--config",
    "examples/achats.yaml",
    "-o",
    "examples/rapport-2025.html",
]


@lru_cache(maxsize=1)
def example_report() -> FootprintReport:
    return run_footprint([EXAMPLE], load_setup(CONFIG))


@lru_cache(maxsize=2)
def example_html(lang: str = "fr") -> str:
    return footprint_html(example_report(), lang)


def french_number(value: float, decimals: int) -> str:
    """``30952.4`` → ``30 952,4``, written here without the code under test: the French
    thousands separator is the narrow no-break space U+202F, the decimal mark a comma."""
    whole, _, fraction = f"{abs(value):.{decimals}f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = "\u202f".join(groups) + ("," + fraction if fraction else "")
    return ("-" if value < 0 else "") + text


REGISTER = REPO / "examples" / "registre-marches.xlsx"
PLAN = REPO / "examples" / "plan.yaml"


@lru_cache(maxsize=1)
def example_clauses():  # type: ignore[no-untyped-def]
    from achats_durables.operations.commands import clauses_job

    return clauses_job([REGISTER], ledgers=[EXAMPLE], config=CONFIG)


@lru_cache(maxsize=1)
def example_plan():  # type: ignore[no-untyped-def]
    from achats_durables.operations.plan import plan_job

    return plan_job(PLAN, config=CONFIG)


@lru_cache(maxsize=1)
def example_agec():  # type: ignore[no-untyped-def]
    from achats_durables.operations.agec import agec_job

    return agec_job([EXAMPLE], config=CONFIG, year=2025)


EXAMPLE_2024 = REPO / "examples" / "grand-livre-2024.xlsx"


@lru_cache(maxsize=1)
def example_report_2024() -> FootprintReport:
    return run_footprint([EXAMPLE_2024], load_setup(CONFIG))


@lru_cache(maxsize=2)
def example_comparison(with_targets: bool = True):  # type: ignore[no-untyped-def]
    """2024 then 2025; with a PCAET trajectory (base 2024, -5 %/year to 2030) and the 2025
    clause report when ``with_targets``."""
    from achats_durables.knowledge.config import Trajectory
    from achats_durables.tracking.compare import NamedReport, compare_reports

    named = [
        NamedReport("2024", 2024, "groupe", example_report_2024().to_dict(), None, "a.json"),
        NamedReport(
            "2025",
            2025,
            "groupe",
            example_report().to_dict(),
            example_clauses().to_dict() if with_targets else None,
            "b.json",
        ),
    ]
    if not with_targets:
        return compare_reports(named)
    trajectory = Trajectory(base_year=2024, yearly_reduction=0.05, target_year=2030)
    return compare_reports(named, trajectory=trajectory, clause_targets={"social": 0.3})
