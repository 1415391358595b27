"""``achats run``: the reports of one year (group and entities), computed, then written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from achats_durables.circular.report import AgecReport
from achats_durables.clauses.coverage import ClauseReport
from achats_durables.contracts.read import filter_contracts
from achats_durables.contracts.read import read_contract_files as read_contract_parts
from achats_durables.core.errors import AchatsError, Issue, Location
from achats_durables.footprint.perimeter import other_entity_reason
from achats_durables.footprint.report import FootprintReport
from achats_durables.i18n.messages import render
from achats_durables.knowledge.advice import Advice, load_advice
from achats_durables.knowledge.config import GROUP_FOLDER, Config, entity_folder
from achats_durables.ledger.read import Ledger
from achats_durables.operations.agec import agec_inputs, compute_setup_agec
from achats_durables.operations.pipeline import (
    Setup,
    compute_coverage,
    compute_ledger_footprint,
    read_ledgers,
)
from achats_durables.planning.fiches import FicheReport, compute_fiches
from achats_durables.planning.report import PlanReport

GROUP = GROUP_FOLDER
GROUP_LABEL = "Groupe (consolidé)"
FOOTPRINT_STEM = "empreinte"
CLAUSES_STEM = "clauses"
AGEC_STEM = "agec"
DECLARATION_STEM = "declaration-agec"
DOCUMENT_STEM = "rapport"


def slug(name: str) -> str:
    """A folder name for an entity: « Ville de Blois » → ``ville-de-blois`` (unique per
    configuration: :func:`config.load_config` refuses collisions)."""
    return entity_folder(name)


@dataclass
class PlannedReport:
    year: int
    scope: str  # GROUP or an entity slug
    label: str
    footprint: FootprintReport | None = None
    clauses: ClauseReport | None = None
    agec: AgecReport | None = None
    fiches: FicheReport | None = None  # the fiches acheteurs of the footprint's top categories
    issues: list[Issue] = field(default_factory=list)


def report_scopes(config: Config) -> list[tuple[str, str, str | None]]:
    """(folder, label, entity filter) of every report of a year: the group, then each entity.

    One collectivité: its report is the whole ledger. Several: an entity's lines are found by
    its name, or by its SIREN where the file gives one.
    """
    if len(config.entities) == 1:
        return [(slug(config.entities[0].name), config.entities[0].name, None)]
    return [
        (GROUP, GROUP_LABEL, None),
        *(
            (slug(e.name), e.name, f"{e.name}|{e.siren}" if e.siren else e.name)
            for e in config.entities
        ),
    ]


def year_reports(
    year: int,
    ledgers: tuple[str, ...],
    contracts: tuple[str, ...],
    setup: Setup,
    step: Callable[[str], None],
    lang: str = "fr",
) -> list[PlannedReport]:
    """Every report of ``year``, in memory: the ledger is read once for all the scopes."""
    ledger: Ledger | None = read_ledgers(ledgers, setup) if ledgers else None
    # each contract file read once, then filtered for every scope
    files = read_contract_parts(contracts, profile=setup.config.contract_columns or None)
    # the register's reuse/recycled flags and buyer SIRETs: every contract of the year's files
    register = filter_contracts(files) if contracts and ledger is not None else None
    # the AGEC rules, targets and register flags: loaded once for every scope of the year
    agec = agec_inputs(setup, register) if ledger is not None else None
    reports = []
    advice = setup_advice(setup) if ledger is not None else None
    for scope, label, entity in report_scopes(setup.config):
        shown = render("run-group-label", lang) if scope == GROUP else label
        step(render("run-step-scope", lang, year=year, label=shown))
        item = PlannedReport(year=year, scope=scope, label=label)
        if ledger is not None:
            item.footprint = _scope_footprint(ledger, setup, item, entity, ledgers[0])
        if item.footprint is not None:
            item.agec = compute_setup_agec(setup, item.footprint, year, inputs=agec)
        if contracts:
            read = filter_contracts(files, entity=entity or None)
            item.clauses = compute_coverage(read, setup, footprint=item.footprint)
        if item.footprint is not None and advice is not None:
            item.fiches = compute_fiches(item.footprint, item.clauses, advice, scope=scope)
        if item.footprint is not None or item.clauses is not None:
            reports.append(item)
    return reports


def setup_advice(setup: Setup) -> Advice:
    """The advice of the fiches acheteurs: the shipped file, with the config's ``advice:``."""
    cfg = setup.config
    return load_advice(cfg.resolve(cfg.advice) if cfg.advice else None)


def _scope_footprint(
    ledger: Ledger, setup: Setup, item: PlannedReport, entity: str | None, source: str
) -> FootprintReport | None:
    """The footprint of one scope; an entity without lines that year gets an issue instead."""
    try:
        return compute_ledger_footprint(ledger, setup, year=item.year, entity=entity)
    except AchatsError as exc:
        if entity is None or exc.code != "ledger-entity-absent":
            raise
        item.issues.append(
            Issue(
                "run-entity-without-lines",
                {"entity": item.label, "year": item.year},
                Location(source),
            )
        )
        return None


def write_reports(
    item: PlannedReport,
    folder: Path,
    xlsx: bool,
    lang: str = "fr",
    plan: PlanReport | None = None,
) -> list[Path]:
    """Write one scope's reports, in ``lang``, through the same emit path as the single commands.

    Footprint: JSON, CSV summary and lines, xlsx. Clauses: JSON, CSV summary, xlsx. AGEC:
    JSON, xlsx, and the official declaration's CSV when every buyer's SIRET is known. With
    ``xlsx`` (not ``--no-xlsx``), the documents people read: ``rapport.html`` and
    ``rapport.pdf`` (footprint, clauses, ``plan``'s trajectory, AGEC summary), and the fiches
    acheteurs (``fiches-acheteurs.html`` and ``.pdf``).
    """
    from achats_durables.writers.emit import write_report

    formats = ("json", "csv", "xlsx") if xlsx else ("json", "csv")
    written: list[Path] = []
    for report, kind, stem in (
        (own_lines(item), "footprint", FOOTPRINT_STEM),
        (item.clauses, "clauses", CLAUSES_STEM),
    ):
        if report is None:
            continue
        for fmt in formats:
            path = folder / f"{stem}.{fmt}"
            written += write_report(report, fmt, path, lang, kind, side_file=kind == "footprint")
    if item.fiches is not None and xlsx:
        from achats_durables.writers.fiches import write_fiches

        label = render("run-group-label", lang) if item.scope == GROUP else item.label
        written += write_fiches(item.fiches, folder, label, lang)
    if item.agec is not None:
        for fmt in ("json", "xlsx") if xlsx else ("json",):
            written += write_report(item.agec, fmt, folder / f"{AGEC_STEM}.{fmt}", lang, "agec")
        if all(b.siret for b in item.agec.buyers):
            path = folder / f"{DECLARATION_STEM}-{item.year}.csv"
            written += write_report(item.agec, "csv", path, lang, "agec")
    if xlsx:
        written += write_documents(item, folder, lang, plan)
    return written


def own_lines(item: PlannedReport) -> FootprintReport | None:
    """An entity's footprint with its own lines only, for its files.

    The footprint of an entity is computed on the whole ledger, the other entities' lines
    skipped (counted in its reconciliation, like ``achats footprint --entity``); its line CSV
    and workbook used to repeat all of them. They now hold the entity's lines, with the lines
    the reader skipped (blank, title, total rows); the JSON and the summary tables are unchanged.
    """
    report = item.footprint
    if report is None or item.scope == GROUP:
        return report
    lines = report.lines
    other = (lines["status"] == "skipped") & (lines["reason"] == other_entity_reason(item.label))
    if not other.any():
        return report
    return replace(report, lines=lines[~other.to_numpy()].reset_index(drop=True))


def write_documents(
    item: PlannedReport, folder: Path, lang: str, plan: PlanReport | None
) -> list[Path]:
    """``rapport.html`` and the same document as ``rapport.pdf``, for one scope."""
    from achats_durables.writers import write_bytes
    from achats_durables.writers.html.combined import combined_html
    from achats_durables.writers.html.pdf import html_to_pdf

    label = render("run-group-label", lang) if item.scope == GROUP else item.label
    parts = (item.footprint, item.clauses, plan, item.agec)
    page = combined_html(label, item.year, parts, lang)
    html_path, pdf_path = folder / f"{DOCUMENT_STEM}.html", folder / f"{DOCUMENT_STEM}.pdf"
    write_bytes(html_path, page.encode("utf-8"))
    write_bytes(pdf_path, html_to_pdf(page))
    return [html_path, pdf_path]
