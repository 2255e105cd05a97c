"""What event coding works on: a trigger with the mentions attached to it (:class:`EventFrame`)
and what is known of the whole document (:class:`DocumentContext`)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date as Date
from functools import cached_property
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from sitrep.models.mentions import (
    ActorMention,
    Claim,
    DateMention,
    FatalityMention,
    PlaceMention,
    Trigger,
)
from sitrep.models.record import ModelReading, SourceRef

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.text import Lines


class EventFrame(BaseModel):
    """A trigger with the mentions attached to it (stages/arguments.py), who reports it and
    whether it is asserted (stages/attribution.py)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    trigger: Trigger
    head: int = Field(description="token index of the trigger's syntactic head")
    agent: ActorMention | None = None
    targets: list[ActorMention] = Field(default_factory=list)
    target_tokens: list[int] = Field(default_factory=list)
    places: list[int] = Field(default_factory=list, description="indices of attached place mentions, best first")
    date: DateMention | None = None
    fatalities: FatalityMention | None = None
    claim: Claim = Field(default_factory=Claim)
    sources: list[SourceRef] = Field(default_factory=list, description="who the trigger's sentence says reports it")
    reading: ModelReading | None = Field(None, description="the learned event reader's reading of its sentence")
    grievance: frozenset[int] = Field(frozenset(), description="a protest's: the token indices of what it was about")


@dataclass(eq=False)  # one document: hashed and compared by identity, so steps can cache per document
class DocumentContext:
    """What event coding needs to know about the whole document. ``text`` is the document's text,
    read once: spaCy rebuilds ``doc.text`` from its tokens at every reading."""

    doc: Doc
    text: str
    lang: str
    published: Date | None
    doc_id: str | None
    actors: list[ActorMention]
    places: list[PlaceMention]
    dates: list[DateMention]
    tolls: list[FatalityMention]
    reporting_verbs: frozenset[int] = field(default_factory=frozenset)
    country: str | None = None  # the article's country focus (the geocoder's)
    trigger_tokens: frozenset[int] = field(default_factory=frozenset)  # tokens of every trigger found

    @cached_property
    def lines(self) -> Lines:
        from sitrep.text import Lines  # sitrep.text imports the models: not at module level

        return Lines(self.text)

    @cached_property
    def key(self) -> str:
        """The document's id, or a digest of its text where it has none (event ids start with it)."""
        return self.doc_id or hashlib.sha1(self.text.encode()).hexdigest()[:12]
