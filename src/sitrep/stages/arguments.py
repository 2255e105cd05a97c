"""Argument attachment by syntax: who acted (agent), on whom (target), where, when, how many died.

Each trigger gets the mentions its clause governs: the subject or "by/par" agent, the object or
"contre/against" target (stages/sides.py), and the place, date and death-toll mentions nearest to
it in the tree.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from sitrep.models import DocumentContext, EventFrame, FatalityMention, Trigger
from sitrep.stages.sides import ActorIndex, actors_beside, agent_phrase, case_words, target_phrases, targets_on_other_words
from sitrep.stages.syntax import clause_on_another_noun, is_passive, is_verbless, objects_of, tree_distance
from sitrep.stages.triggers import head_of

# How many tokens after a holding phrase ("aux mains de", "under the control of") its holder may start.
HOLDER_REACH = 3


def syntactic_head(doc: Doc, trigger: Trigger) -> Token:
    """The trigger token whose head lies outside the trigger ("raids" in "raids aériens")."""
    return head_of(doc, trigger.token_start, trigger.token_end)


class RangesBySentence:
    """Token ranges of one kind of mention (places, dates, tolls), grouped by sentence; None for a
    mention that lies on no token boundary."""

    def __init__(self, doc: Doc, ranges: list[tuple[int, int] | None]) -> None:
        self.doc = doc
        self.ranges = ranges
        self.in_sentence: dict[int, list[int]] = {}
        for index, found in enumerate(ranges):
            if found is not None:
                self.in_sentence.setdefault(doc[found[0]].sent.start, []).append(index)

    def nearest(self, head: Token) -> list[int]:
        """Indices of the ranges in the head's sentence, nearest in the tree first."""
        scored = []
        for index in self.in_sentence.get(head.sent.start, ()):
            start, end = self.ranges[index]
            in_subtree = any(head.i == t.i or head in t.ancestors for t in self.doc[start:end])
            scored.append((not in_subtree, tree_distance(head, self.doc[start]), index))
        return [index for *_, index in sorted(scored)]


class DocumentMentions:
    """What frames are made of, indexed once per document: actors by token, places, dates and
    death tolls by sentence."""

    def __init__(self, context: DocumentContext) -> None:
        doc = context.doc
        self.actors = ActorIndex(context.actors)
        self.places = RangesBySentence(doc, [(p.token_start, p.token_end) for p in context.places])
        self.dates = RangesBySentence(doc, [_token_range(doc, d.span.start, d.span.end) for d in context.dates])
        self.tolls = RangesBySentence(doc, [_token_range(doc, *_fatality_anchor(f)) for f in context.tolls])
        self._verbless: dict[int, bool] = {}

    def verbless(self, sentence: Span) -> bool:
        """Whether ``sentence`` has no verb (read once a sentence)."""
        if sentence.start not in self._verbless:
            self._verbless[sentence.start] = is_verbless(sentence)
        return self._verbless[sentence.start]


def _token_range(doc: Doc, start_char: int, end_char: int) -> tuple[int, int] | None:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return (span.start, span.end) if span is not None else None


def find_frames(triggers: list[Trigger], context: DocumentContext) -> list[EventFrame]:
    """Each trigger's frame: the actors, places, date and toll its clause governs."""
    mentions = DocumentMentions(context)
    return [attach(t, mentions, context) for t in triggers]


def attach(trigger: Trigger, mentions: DocumentMentions, context: DocumentContext) -> EventFrame:
    """The frame of one trigger (the subjects of the context's reporting verbs are sources, never agents)."""
    doc = context.doc
    head = syntactic_head(doc, trigger)
    cases = case_words(context.lang)
    actors = mentions.actors
    agent_token = agent_phrase(head, context.reporting_verbs, cases, actors)
    targets = target_phrases(head, cases, actors) or targets_on_other_words(doc, trigger, head, cases, actors)
    if mentions.verbless(head.sent):
        # a headline the parser read as one noun phrase ("Janjaweed attack civilians in Taradona"):
        # the actor right before the event word did it, the one right after it suffered it
        before, after = actors_beside(doc, trigger, actors)
        agent_token = agent_token or before
        targets = targets or ([after] if after is not None and after is not agent_token else [])
    if trigger.entry.describes_only:
        # "entre les mains de X", "under the control of X": the holder is the name that follows
        holder = actors.first_starting_in(trigger.token_end, trigger.token_end + HOLDER_REACH)
        agent_token = doc[holder.token_start] if holder is not None else agent_token
    if trigger.entry.subject_is_target and agent_token is not None:
        # "des dizaines de miliciens ont péri": the subject of a death word is the dead
        targets, agent_token = [agent_token, *targets], None
    if trigger.entry.armed_subject and is_passive(head) and targets:
        # "Al Shabaab were observed near X": who was seen is who moved
        agent_token, targets = targets[0], targets[1:]
    frame = EventFrame(trigger=trigger, head=head.i,
                       agent=actors.mention_for(agent_token),
                       target_tokens=[t.i for t in targets] or [t.i for t in objects_of(head)])
    frame.targets = [m for m in (actors.mention_for(t) for t in targets) if m is not None]
    frame.places = mentions.places.nearest(head)
    nearest_dates = [i for i in mentions.dates.nearest(head)
                     if not _dates_another_event(doc, mentions.dates.ranges[i], head, trigger, context.trigger_tokens)]
    frame.date = context.dates[nearest_dates[0]] if nearest_dates else None
    nearest_tolls = mentions.tolls.nearest(head)
    frame.fatalities = context.tolls[nearest_tolls[0]] if nearest_tolls else None
    return frame


def _dates_another_event(doc: Doc, date: tuple[int, int], head: Token, trigger: Trigger,
                         trigger_tokens: frozenset[int]) -> bool:
    """A date that modifies another event noun: "staged a protest ... calling for participation in
    June 30 nationwide demonstrations" (June 30 is the demonstrations', whatever the parser hung it
    on); not a date before a verb, which dates its whole clause ("on Monday attacked ..., killing two").
    Or one in a clause on another noun that tells its event ("gathered in memory of a man killed by
    the police six years ago")."""
    def others(index: int) -> bool:
        return index in trigger_tokens and not trigger.token_start <= index < trigger.token_end

    clause = clause_on_another_noun(doc[date[0]], head)
    if clause is not None and others(clause.i):
        return True
    after = date[1]
    while after < len(doc) and doc[after].pos_ == "ADJ":
        after += 1  # "June 30 nationwide demonstrations"
    return after < len(doc) and others(after) and doc[after].pos_ == "NOUN"


def _fatality_anchor(toll: FatalityMention) -> tuple[int, int]:
    anchor = toll.trigger_span or toll.span
    return anchor.start, anchor.end
