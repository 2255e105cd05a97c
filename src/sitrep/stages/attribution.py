"""Attribution and claim status: who the article says reports an event, and whether the event is
asserted, denied or only possible (words in lang/<code>/claims.yaml and attribution.yaml).

:func:`attribute` is the stage: it gives every frame the sources its sentence cites and its claim
status."""
from __future__ import annotations

from bisect import bisect_left
from functools import cache, lru_cache

from pydantic import BaseModel, Field
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep import lang as langdata
from sitrep.models import ActorMention, Claim, DocumentContext, EventFrame, SourceRef
from sitrep.stages.actors import resolve_source
from sitrep.stages.anchors import anchor_words
from sitrep.stages.syntax import OBJECT_DEPS, SUBJECT_DEPS, dep_is, is_verbless
from sitrep.stages.triggers import compile_pattern, match_at
from sitrep.text import fold, folded, span_of

# how far up the tree a denial or a modal can govern the event ("a nié avoir bombardé"), in
# content words: a preposition heading its noun (English parses) is no step of its own, as it is
# none where the noun heads it (French parses): "denied reports that she was beaten during a raid"
CLAIM_REACH = 3
FUNCTION_WORD_POS = ("ADP",)
# links through which a governing word's denial or modality reaches the event: complements, not
# subjects ("la prise du camp permettra..." stays asserted) nor adverbial or coordinated clauses
GOVERNED_BY = ("xcomp", "ccomp", "obj", "dobj", "obl", "obl:arg", "obl:mod", "nmod", "pobj", "prep",
               "acl", "case", "mark", "fixed", "flat", "compound", "amod", "advmod")


class ClaimWords(BaseModel):
    denial_verbs: frozenset[str]
    negation_words: frozenset[str]
    hypothetical_verbs: frozenset[str]
    hypothetical_nouns: frozenset[str]
    modal_words: frozenset[str]
    purpose_markers: frozenset[str]
    condition_markers: frozenset[str]
    hypothetical_morph: tuple[str, ...]
    implicative_verbs: frozenset[str]
    reporting_verbs: dict[str, frozenset[str]] = Field(
        description="reporting verb lemma -> the word it needs beside it ('faire' -> 'part', 'état'); empty: none")


@cache
def claim_words(lang: str) -> ClaimWords:
    claims = langdata.load(lang, "claims")
    return ClaimWords(
        denial_verbs=folded(claims.denial_verbs),
        negation_words=folded(claims.negation_words),
        hypothetical_verbs=folded(claims.hypothetical_verbs),
        hypothetical_nouns=folded(claims.hypothetical_nouns),
        modal_words=folded(claims.modal_words),
        purpose_markers=folded(claims.purpose_markers),
        condition_markers=folded(claims.condition_markers),
        hypothetical_morph=tuple(claims.hypothetical_morph),
        implicative_verbs=folded(claims.implicative_verbs),
        reporting_verbs=_reporting_verbs(langdata.load(lang, "attribution").reporting_verbs),
    )


def _reporting_verbs(entries: list[str]) -> dict[str, frozenset[str]]:
    """"faire part" -> {"faire": {"part"}}: a multi-word reporting verb counts only with its particle."""
    verbs: dict[str, set[str]] = {}
    for entry in entries:
        verb, *particle = fold(entry).split()
        verbs.setdefault(verb, set()).update(particle[:1])
    return {verb: frozenset(p) for verb, p in verbs.items()}


def attribute(frames: list[EventFrame], context: DocumentContext) -> None:
    """Give each frame its claim status and the sources its sentence cites (read once a sentence)."""
    cited: dict[int, list[SourceRef]] = {}
    for frame in frames:
        head = context.doc[frame.head]
        frame.claim = claim_of(head, context.lang)
        sentence = head.sent
        if sentence.start not in cited:
            cited[sentence.start] = reporters(sentence, context)
        frame.sources = list(cited[sentence.start])


def reporting_verb_tokens(doc: Doc, lang: str) -> frozenset[int]:
    """The tokens that are reporting verbs ("said", "a indiqué"): their subjects are sources, never agents."""
    words = claim_words(lang)
    return frozenset(t.i for t in doc if is_reporting_verb(t, words))


def is_reporting_verb(token: Token, words: ClaimWords) -> bool:
    particles = words.reporting_verbs.get(token._.lemma_key)
    if particles is None or token.pos_ not in ("VERB", "AUX"):
        return False
    return not particles or any(c._.text_key in particles for c in token.children)


def _negation(token: Token, words: ClaimWords) -> Token | None:
    return next((c for c in token.children
                 if c.dep_ in ("advmod", "neg", "det") and c._.text_key in words.negation_words), None)


def _own_modality(token: Token, words: ClaimWords) -> Token | None:
    """Future, conditional, modal auxiliary, purpose or condition marker on the trigger's own
    clause ("si l'Ukraine poursuivait ses attaques")."""
    verbs = [token] + [c for c in token.children if c.dep_.startswith("aux")]
    for verb in verbs:
        if any(m in str(verb.morph) for m in words.hypothetical_morph):
            return verb
    for child in token.children:
        if child.dep_.startswith("aux") and child._.text_key in words.modal_words:
            return child
        if child._.text_key in words.purpose_markers and child.dep_ in ("mark", "case", "aux") \
                and token.dep_ in ("advcl", "acl") and "VerbForm=Inf" in str(token.morph):
            return child
        if child._.text_key in words.condition_markers and child.dep_ == "mark":
            return child
    return None


def claim_status(trigger: Token, lang: str) -> Claim:
    """Denied where a denial verb governs the event or its verb is negated; hypothetical where a
    modal, future, conditional, threat, plan or ban governs it; asserted otherwise. Climbing stops
    at a reporting verb: "X said the army shelled" stays asserted."""
    words = claim_words(lang)
    negation = _negation(trigger, words)
    if negation is not None:
        return Claim(status="denied", span=span_of(negation))
    modality = _own_modality(trigger, words)
    if modality is not None:
        return Claim(status="hypothetical", span=span_of(modality))
    child, depth = trigger, 0
    for governor in trigger.ancestors:
        if depth >= CLAIM_REACH or child.dep_ not in GOVERNED_BY:
            break
        child = governor
        if governor.pos_ in FUNCTION_WORD_POS:
            continue
        depth += 1
        key = governor._.lemma_key
        if key in words.denial_verbs:
            return Claim(status="denied", span=span_of(governor))
        if key in words.hypothetical_verbs or key in words.hypothetical_nouns:
            return Claim(status="hypothetical", span=span_of(governor))
        if is_reporting_verb(governor, words):
            break
        if governor.pos_ in ("VERB", "AUX"):
            negation = _negation(governor, words)
            if negation is not None:
                return Claim(status="denied", span=span_of(negation))
            modality = _own_modality(governor, words)
            if modality is not None:
                return Claim(status="hypothetical", span=span_of(modality))
    if "Inf" in trigger.morph.get("VerbForm") and trigger.head.i != trigger.i \
            and trigger.head._.lemma_key not in words.implicative_verbs:
        # a bare infinitive says what someone meant, wanted or was told to do, not what happened
        return Claim(status="hypothetical", span=span_of(trigger.head))
    return Claim()


def _noun_phrase(head: Token) -> SpacySpan:
    """The phrase a token heads, cut at the first comma or parenthesis (appositions describe it)."""
    tokens = list(head.subtree)
    start, end = tokens[0].i, tokens[-1].i + 1
    doc = head.doc
    for token in doc[head.i + 1:end]:
        if token.text in (",", "(", ";", ":", "«", '"'):
            end = token.i
            break
    for token in reversed(doc[start:head.i]):
        if token.text in (",", "(", ";", ":"):
            start = token.i + 1
            break
    while start < head.i and doc[start].dep_ in ("case", "mark", "fixed"):
        start += 1  # "selon le correspondant" -> "le correspondant"
    return doc[start:end]


@cache
def _according_to_patterns(lang: str):
    return tuple(compile_pattern(p) for p in langdata.load(lang, "attribution").according_to)


def _according_to_sources(sentence: SpacySpan, lang: str) -> list[SpacySpan]:
    found = []
    for token in sentence:
        for pattern in _according_to_patterns(lang):
            end = match_at(sentence.doc, token.i, pattern)
            if end is None:
                continue
            cue = sentence.doc[end - 1]
            head = cue.head if cue.dep_ in ("case", "mark", "fixed") else \
                next((c for c in cue.children if dep_is(c, ("pobj", "obj", "nmod", "obl"))), None)
            if head is None and end < sentence.end:
                head = sentence.doc[end]
            if head is not None and head.i >= end:
                found.append(_noun_phrase(head))
    return found


def _reporting_verb_sources(sentence: SpacySpan, lang: str) -> list[SpacySpan]:
    words = claim_words(lang)
    found = []
    for verb in sentence:
        if not is_reporting_verb(verb, words):
            continue
        subject = next((c for c in verb.children if dep_is(c, SUBJECT_DEPS)), None)
        if subject is None or subject.pos_ == "PRON":
            # postposed subject: "..., assure al-Manar", "a indiqué le ministère"
            subject = next((c for c in verb.children if c.i > verb.i and c.pos_ in ("PROPN", "NOUN")
                            and (dep_is(c, OBJECT_DEPS) or c.dep_ in ("obl:arg", "nsubj"))), None)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
            found.append(_noun_phrase(subject))
    return found


def find_reporters(sentence: SpacySpan, lang: str) -> list[SpacySpan]:
    """The phrases naming who reports what this sentence says ("selon l'OSDH", "X a indiqué que")."""
    spans = _according_to_sources(sentence, lang) + _reporting_verb_sources(sentence, lang)
    unique: dict[tuple[int, int], SpacySpan] = {(s.start, s.end): s for s in spans if len(s)}
    return [unique[k] for k in sorted(unique)]


def claim_of(head: Token, lang: str) -> Claim:
    """The trigger's claim status; a noun trigger carried by a verb of occurrence takes that
    verb's ("une offensive pourrait être lancée" is hypothetical, "an offensive was launched" not)."""
    claim = claim_status(head, lang)
    if claim.status != "asserted" or head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
        return claim
    occurrence = anchor_words(lang).occurrence_verbs
    governor = head.head
    carriers = [governor, *(c for c in governor.children if c.dep_ == "xcomp")]
    carrier = next((c for c in carriers if c._.lemma_key in occurrence and c.pos_ in ("VERB", "AUX")), None)
    return claim_status(carrier, lang) if carrier is not None else claim


def reporters(sentence: SpacySpan, context: DocumentContext) -> list[SourceRef]:
    """The sources the sentence cites; a phrase that holds a known source ("le correspondant
    d'al-Manar") is that source. A verbless fragment just before the sentence in its paragraph
    ("Selon Media de Guerre, instance médiatique," split off by the parser) counts as its own."""
    fragment = _leading_fragment(sentence)
    phrases = find_reporters(sentence, context.lang) + (find_reporters(fragment, context.lang) if fragment else [])
    known = _known_sources(context)
    found: list[SourceRef] = []
    for phrase in phrases:
        if not any(c.isalpha() for c in phrase.text):
            continue
        inside = next((m for m in known.starting_in(phrase.start_char, phrase.end_char)
                       if m.span.end <= phrase.end_char), None)
        if inside is not None:
            source = inside.source.model_copy(update={"span": inside.span})
        else:
            source = resolve_source(phrase.text, context.lang, context.country).model_copy(update={"span": span_of(phrase)})
        if all((s.name or s.text) != (source.name or source.text) for s in found):
            found.append(source)
    return found


class _Sources:
    """A document's mentions of known sources, by where they start."""

    def __init__(self, mentions: list[ActorMention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.starts = [m.span.start for m in self.mentions]

    def starting_in(self, start: int, end: int) -> list[ActorMention]:
        return self.mentions[bisect_left(self.starts, start):bisect_left(self.starts, end)]


@lru_cache(maxsize=1)  # documents are coded one at a time
def _known_sources(context: DocumentContext) -> _Sources:
    return _Sources([m for m in context.actors if m.is_source and m.source is not None])


def _leading_fragment(sentence: SpacySpan) -> SpacySpan | None:
    """The sentence before ``sentence`` in its paragraph where it has no verb (the parser split it off)."""
    if sentence.start == 0:
        return None
    last = sentence.doc[sentence.start - 1]  # the white space after it is all that separates the sentences
    return last.sent if "\n" not in last.whitespace_ and is_verbless(last.sent) else None
