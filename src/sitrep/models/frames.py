"""What event coding works on: a trigger with the mentions attached to it (:class:`EventFrame`)
and what is known of the whole document (:class:`DocumentContext`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
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
from sitrep.models.record import SourceRef

if TYPE_CHECKING:
    from spacy.tokens import Doc


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


@dataclass
class DocumentContext:
    """What event coding needs to know about the whole document."""

    doc: Doc
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
