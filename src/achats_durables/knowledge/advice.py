"""The buyers' advice file (issue 15): what a buyer can do at a category's next renewal.

The shipped file is ``factors/conseils/fiches-acheteurs.yaml``. A collectivité writes its own
(``advice: conseils-locaux.yaml`` in achats.yaml), same format: its entries replace the shipped
ones by id (new ids are added), its sources are added to the shipped ones (same id: replaced).
Validated by :mod:`.schemas.advice`: a wrong key or value, or a lever naming a source that no
file lists, is a located French error (exit 3).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from achats_durables.core.errors import ConfigError
from achats_durables.core.validation import validate
from achats_durables.core.yamlio import YamlSource
from achats_durables.knowledge.factors import factors_dir


@dataclass(frozen=True)
class AdviceSource:
    id: str
    title: str
    url: str | None


@dataclass(frozen=True)
class Lever:
    kind: str  # besoin, specification, critere, clause, suivi
    text: str
    source: str | None  # a source id; None: « proposition de l'outil, à valider »


@dataclass(frozen=True)
class AdviceEntry:
    id: str
    title: str
    factors: tuple[str, ...]
    families: tuple[str, ...]
    summary: str | None
    summary_source: str | None
    levers: tuple[Lever, ...]
    origin: str  # the file the entry comes from


@dataclass(frozen=True)
class Advice:
    files: tuple[str, ...]
    sources: dict[str, AdviceSource]
    entries: tuple[AdviceEntry, ...]

    def match(self, factor: str) -> AdviceEntry | None:
        """The entry of a footprint category: by factor id, then by family (see :func:`family`)."""
        for entry in self.entries:
            if factor in entry.factors:
                return entry
        fam = family(factor)
        for entry in self.entries:
            if fam in entry.families:
                return entry
        return None


def family(factor: str) -> str:
    """A factor's family: its id up to the first hyphen (``dechets-omr-incineration`` →
    ``dechets``); a monetary ratio (``naf-…``) has none of its own (``naf``)."""
    return factor.split("-", 1)[0]


def shipped_advice_path() -> Path:
    return factors_dir() / "conseils" / "fiches-acheteurs.yaml"


def load_advice(user: Path | str | None = None, shipped: Path | str | None = None) -> Advice:
    """The shipped advice, with the entries and sources of ``user``'s file laid over it."""
    base_path = Path(shipped) if shipped is not None else shipped_advice_path()
    sources, entries = _read(base_path, set())
    files = [str(base_path)]
    if user is not None:
        more_sources, more_entries = _read(Path(user), set(sources))
        sources = {**sources, **more_sources}
        replaced = {e.id: e for e in more_entries}
        entries = [replaced.pop(e.id, e) for e in entries] + list(replaced.values())
        files.append(str(user))
    return Advice(tuple(files), sources, tuple(entries))


def _read(path: Path, known: set[str]) -> tuple[dict[str, AdviceSource], list[AdviceEntry]]:
    from achats_durables.i18n.messages import Text
    from achats_durables.knowledge.schemas.advice import AdviceModel, unknown_source

    source = YamlSource.read(path, ConfigError)
    if source.doc is None:
        source.doc = {}
    model = validate(AdviceModel, source, ConfigError)
    bad = unknown_source(model, known)
    if bad is not None:
        listed = ", ".join(sorted(known | {s.id for s in model.sources}))
        detail = Text("advice-source-unknown", source=bad[1], known=listed or "—")
        raise source.error(ConfigError, bad[0], "yaml-invalid", detail=detail)
    sources = {s.id: AdviceSource(s.id, s.title, s.url) for s in model.sources}
    entries = [
        AdviceEntry(
            id=e.id,
            title=e.title,
            factors=tuple(e.factors),
            families=tuple(e.families),
            summary=e.summary,
            summary_source=e.summary_source,
            levers=tuple(Lever(lv.kind, lv.text, lv.source) for lv in e.levers),
            origin=str(path),
        )
        for e in model.entries
    ]
    return sources, entries
