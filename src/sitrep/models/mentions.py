"""What the stages find in a document, before event coding: dates, death tolls, places, actors and
sources, triggers and claims. Each mention carries the span of the words it stands for and, where
a parse gave them, their token range."""
from __future__ import annotations

from datetime import date as Date
from typing import Literal

from pydantic import BaseModel, Field

from sitrep.lang.schemas import TriggerEntry
from sitrep.models.record import (
    ActorRef,
    ClaimStatus,
    Location,
    SourceRef,
    Span,
    TimePrecision,
)

Relation = Literal["part", "near"]
# what a place is in its sentence when it is not where anything happened: the dateline's city, the
# seat of the organisation it modifies ("the Britain-based observatory")
PlaceRole = Literal["dateline", "seat"]


class DateMention(BaseModel):
    """A temporal expression resolved against the publication date."""

    span: Span
    date: Date = Field(description="the day, or the middle of the span/month")
    time_precision: TimePrecision
    earliest: Date | None = None
    latest: Date | None = None
    after_previous: int | None = Field(
        None, description="days after the date the text gave last ('le même jour': 0, 'the next day': 1); "
                          "`date` then holds the same count from publication, for want of that date")
    to_now: bool = Field(False, description="a span running up to publication ('since Monday', 'for the past two "
                                            "weeks', 'in recent weeks'): deaths told over it are a period's total")
    introduces_earlier: bool = Field(False, description="'a day after six were killed': the words after it tell of "
                                                        "an event after_previous (negative) days from the date told "
                                                        "last; the clause before it keeps its own date")
    dateline: bool = Field(False, description="the dateline of a wire story ('BAMAKO, 3 mars (Reuters) -'): the "
                                              "day relative dates count from")


class FatalityMention(BaseModel):
    """A death toll and the words it came from."""

    span: Span
    count: int | None = Field(description="None where the text gives deaths but no usable number")
    vague: bool = Field(False, description="count comes from a vague quantity ('dozens', 'une dizaine')")
    trigger_span: Span | None = Field(None, description="the death word ('killed', 'la mort de', 'ont péri')")
    additional: bool = Field(False, description="deaths on top of a toll already told ('6 militants were also killed')")
    period_total: bool = Field(False, description="a total over a period ('10 have died since Monday', 'the conflict "
                                                  "has killed 300 since 2019'): no event's toll, count None")
    day: Span | None = Field(None, description="the date words a figure is given for, where the text gives one "
                                               "figure a day ('36 dead on Sunday and 85 on Saturday')")


class PlaceMention(BaseModel):
    """A place mention: the whole phrase (cue words and name) and the name within it."""

    text: str
    span: Span
    token_start: int
    token_end: int
    location: Location | None = None
    name: str = Field("", description="the place name itself, without cue words")
    name_start: int = Field(0, description="token range of the name")
    name_end: int = 0
    feature_hint: str | None = Field(None, description="kind of place the cue words say: camp, admin1...")
    relation: Relation | None = Field(None, description="the event is in part of ('part') or near the place")
    bearing: int | None = Field(None, description="compass bearing of the part named ('quartiers est d'Alep': 90)")
    antecedent: int | None = Field(None, description="index of the earlier mention a demonstrative phrase "
                                                     "('ces quartiers') points back to")
    container: int | None = Field(None, description="index of the mention named as this one's container")
    sentence_start: int = Field(0, description="token index where the mention's sentence starts")
    role: PlaceRole | None = Field(None, description="'dateline' or 'seat': a place the text names as no "
                                                     "event's place, left out of the country focus")


class ActorMention(BaseModel):
    """One mention of an actor or a source in a document."""

    text: str
    span: Span
    token_start: int
    token_end: int
    is_source: bool = Field(False, description="a reporting outlet, monitor or government body")
    actor: ActorRef | None = None
    source: SourceRef | None = None
    member_of: list[str] = Field(default_factory=list,
                                 description="coalitions the actor belonged to on the article's date")


class Trigger(BaseModel):
    """One trigger found in a parsed document: words of a lexicon entry, in its sense."""

    entry: TriggerEntry
    head: int = Field(description="token index of the trigger's head word")
    token_start: int
    token_end: int
    span: Span


class Claim(BaseModel):
    """Whether an event is asserted, denied or only possible, and the words that say so."""

    status: ClaimStatus = "asserted"
    span: Span | None = None
