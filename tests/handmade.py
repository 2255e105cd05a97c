"""Parsed documents and event-coding records written by hand, so the event coding steps are tested
on exactly the parse and mentions a test states, without loading a spaCy model.

A sentence is written one token a word: ``word/POS/dep/head``, optionally followed by ``/lemma``
and ``/Feature=Value|...`` (morphology), the head being the index of the head word within its
sentence (the root names itself). A token ``¶`` ends a paragraph (a line break after the previous
sentence).
"""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitrep import taxonomy
from sitrep.lang.schemas import TriggerEntry
from sitrep.models import (
    ActorMention,
    ActorRef,
    DateMention,
    DocumentContext,
    Event,
    EventFrame,
    Evidence,
    FatalityMention,
    GeoPrecision,
    Location,
    PlaceMention,
    SourceRef,
    Span,
    TimePrecision,
    Trigger,
)
from sitrep.text import span_of

NO_SPACE_BEFORE = frozenset({".", ",", ")", ";", ":", "\n"})
VOCAB = Vocab()


def hand_doc(*sentences: str) -> Doc:
    words, heads, deps, pos, lemmas, morphs, starts = [], [], [], [], [], [], []
    for sentence in sentences:
        offset = len(words)
        for n, item in enumerate(sentence.split()):
            if item == "¶":
                words.append("\n")
                heads.append(offset - 1 if n == 0 else offset)
                deps.append("dep")
                pos.append("SPACE")
                lemmas.append("\n")
                morphs.append("")
                starts.append(False)
                continue
            word, tag, dep, head, *rest = item.split("/")
            words.append(word)
            heads.append(offset + int(head))
            deps.append(dep)
            pos.append(tag)
            lemmas.append(rest[0] if rest and rest[0] else word.lower())
            morphs.append(rest[1] if len(rest) > 1 else "")
            starts.append(n == 0)
    spaces = [index + 1 < len(words) and words[index + 1] not in NO_SPACE_BEFORE and word != "\n"
              for index, word in enumerate(words)]
    return Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
               morphs=morphs, sent_starts=starts)


def char_span(doc: Doc, start: int, end: int) -> Span:
    return span_of(doc[start:end])


def entry(sub_event_type: str, *, entry_id: str = "test", priority: int = 1, **flags) -> TriggerEntry:
    return TriggerEntry(id=entry_id, sub_event_type=sub_event_type, priority=priority, words=["x"], **flags)


def frame(doc: Doc, start: int, end: int, trigger_entry: TriggerEntry, **arguments) -> EventFrame:
    """A frame for the trigger at tokens [start, end) (its head the first token whose head lies outside)."""
    head = next((t.i for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i), start)
    trigger = Trigger(entry=trigger_entry, head=start, token_start=start, token_end=end, span=char_span(doc, start, end))
    return EventFrame(trigger=trigger, head=head, **arguments)


def place(doc: Doc, start: int, end: int, name: str, lat: float, lon: float, *, precision: int = 1,
          country: str = "Syria") -> PlaceMention:
    span = char_span(doc, start, end)
    location = Location(text=span.text, name=name, latitude=lat, longitude=lon, country=country,
                        geo_precision=GeoPrecision(precision), resolved=True, span=span)
    return PlaceMention(text=span.text, span=span, token_start=start, token_end=end, location=location, name=span.text,
                        name_start=start, name_end=end, sentence_start=doc[start].sent.start)


def actor(doc: Doc, start: int, end: int, name: str | None, actor_type: str | None = None,
          role: str | None = None) -> ActorMention:
    span = char_span(doc, start, end)
    ref = ActorRef(text=span.text, name=name, actor_type=actor_type, role=role, resolved=name is not None, span=span)
    return ActorMention(text=span.text, span=span, token_start=start, token_end=end, actor=ref)


def day(doc: Doc, start: int, end: int, when: date, precision: TimePrecision = TimePrecision.DAY,
        after_previous: int | None = None) -> DateMention:
    return DateMention(span=char_span(doc, start, end), date=when, time_precision=precision,
                       earliest=when, latest=when, after_previous=after_previous)


def toll(doc: Doc, start: int, end: int, count: int | None, *, vague: bool = False, additional: bool = False) -> FatalityMention:
    return FatalityMention(span=char_span(doc, start, end), count=count, vague=vague, additional=additional)


def context(doc: Doc, *, lang: str = "en", published: date | None = date(2020, 3, 10), places=(), actors=(),
            dates=(), tolls=(), trigger_tokens=frozenset()) -> DocumentContext:
    return DocumentContext(doc=doc, text=doc.text, lang=lang, published=published, doc_id="doc", actors=list(actors),
                           places=list(places), dates=list(dates), tolls=list(tolls), country="Syria",
                           trigger_tokens=frozenset(trigger_tokens))


def event(event_id: str, sub_event_type: str, when: date | None, *, start: int = 0, place_name: str | None = "Aleppo",
          fatalities: int | None = None, toll_text: str | None = None, actor1: ActorRef | None = None,
          actor2: ActorRef | None = None, sources: tuple[str, ...] = (), claim_status: str = "asserted",
          precision: TimePrecision = TimePrecision.DAY, dated_in_text: bool = True, rule: str = "test") -> Event:
    """An event record whose trigger starts at character ``start``."""
    kind = taxonomy.lookup(sub_event_type)
    location = Location(text=place_name, name=place_name, resolved=True, latitude=36.2, longitude=37.16, country="Syria",
                        geo_precision=GeoPrecision.NAMED_PLACE) if place_name else None
    toll_span = Span(start=start + 50, end=start + 50 + len(toll_text), text=toll_text) if toll_text else None
    return Event(
        event_id=event_id, doc_id="doc", event_type=kind.event_type, sub_event_type=sub_event_type,
        plover_event_type=kind.plover, cameo_root=kind.cameo, date=when, time_precision=precision if when else None,
        actor1=actor1, actor2=actor2, location=location, fatalities=fatalities, fatalities_text=toll_text,
        reported_by=[SourceRef(text=s, name=s, resolved=True) for s in sources], claim_status=claim_status,
        evidence=Evidence(sentence="s", sentence_span=Span(start=start, end=start + 1, text="s"),
                          trigger=Span(start=start, end=start + 1, text="s"), rule=rule,
                          date=Span(start=start + 20, end=start + 25, text="Sunday") if dated_in_text else None,
                          fatalities=toll_span, language="en", confidence=0.5),
    )


def named(name: str, actor_type: str = "state_forces", role: str | None = None, *, in_words: bool = True) -> ActorRef:
    """An actor the text names (``in_words``: its words are in the telling; else implied by the
    event's type)."""
    span = Span(start=0, end=len(name), text=name) if in_words else None
    return ActorRef(text=name, name=name, actor_type=actor_type, role=role, resolved=True, span=span)
