"""Model of the buyers' advice file (``factors/conseils/fiches-acheteurs.yaml``, issue 15).

Sources listed once with an id; each lever names its source by that id, or none (the fiche then
shows it as « proposition de l'outil, à valider »). An entry matches the footprint's categories
by factor id (``factors``) or by family (``families``: the start of a physical factor's id).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from achats_durables.core.validation import schema_fault
from achats_durables.knowledge.schemas.common import Model, Text, TextList

LeverKind = Literal["besoin", "specification", "critere", "clause", "suivi"]
Filled = Annotated[Text, Field(min_length=1)]


class SourceModel(Model):
    id: Filled
    title: Filled
    url: Text | None = None


class LeverModel(Model):
    kind: LeverKind
    text: Filled
    source: Text | None = None


class EntryModel(Model):
    id: Filled
    title: Filled
    factors: TextList = Field(default_factory=list)
    families: TextList = Field(default_factory=list)
    summary: Text | None = None
    summary_source: Text | None = None
    levers: Annotated[list[LeverModel], Field(min_length=1)]

    @model_validator(mode="after")
    def _target(self) -> EntryModel:
        if not self.factors and not self.families:
            raise schema_fault("expect-advice-target")
        return self


class AdviceModel(Model):
    id: Text | None = None
    name: Text | None = None
    version: Text | None = None
    sources: list[SourceModel] = Field(default_factory=list)
    entries: list[EntryModel] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ids(self) -> AdviceModel:
        lists = (
            ("sources", [s.id for s in self.sources]),
            ("entries", [e.id for e in self.entries]),
        )
        for key, ids in lists:
            seen: set[str] = set()
            for i, ident in enumerate(ids):
                if ident in seen:
                    raise schema_fault("expect-duplicate-id", (key, i, "id"))
                seen.add(ident)
        return self


def unknown_source(model: AdviceModel, known: set[str]) -> tuple[tuple[str | int, ...], str] | None:
    """The first source a summary or lever names that is listed neither in this file nor in
    ``known`` (the shipped file's, for a user's file): its key path and the id; else None."""
    listed = known | {s.id for s in model.sources}
    for i, entry in enumerate(model.entries):
        if entry.summary_source is not None and entry.summary_source not in listed:
            return ("entries", i, "summary_source"), entry.summary_source
        for j, lever in enumerate(entry.levers):
            if lever.source is not None and lever.source not in listed:
                return ("entries", i, "levers", j, "source"), lever.source
    return None
