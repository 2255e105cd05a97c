"""Attribution and claim status: who the article says reports an event, and whether the event is
asserted, denied or only possible (words in lang/<code>/claims.yaml and attribution.yaml).

:func:`attribute` is the stage: it gives every frame the sources its sentence cites and its claim
status."""
from __future__ import annotations

from functools import cache, lru_cache

from pydantic import BaseModel, Field
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep import lang as langdata
from sitrep import taxonomy
from sitrep.models import Claim, DocumentContext, EventFrame, SourceRef
from sitrep.stages.anchors import anchor_words
from sitrep.stages.source_phrases import coordinated, source_of, source_phrase
from sitrep.stages.syntax import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, dep_is, is_verbless
from sitrep.stages.triggers import compile_pattern, match_at
from sitrep.text import fold, folded, span_of

# how far up the tree a denial or a modal can govern the event ("a nié avoir bombardé"), in
# content words: a preposition heading its noun (English parses) is no step of its own, as it is
# none where the noun heads it (French parses): "denied reports that she was beaten during a raid"
CLAIM_REACH = 3
FUNCTION_WORD_POS = ("ADP",)
# links through which a governing word's denial or modality reaches the event: complements, not
# subjects ("la prise du camp permettra..." stays asserted) nor adverbial or coordinated clauses
GOVERNED_BY = ("xcomp", "ccomp", "acomp", "pcomp", "obj", "dobj", "obl", "obl:arg", "obl:mod", "nmod", "pobj", "prep",
               "acl", "case", "mark", "fixed", "flat", "compound", "amod", "advmod", "attr")


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
    fulfilling_verbs: frozenset[str]
    presupposing_verbs: frozenset[str]
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
        fulfilling_verbs=folded(claims.fulfilling_verbs),
        presupposing_verbs=folded(claims.presupposing_verbs),
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
        if frame.claim.status == "hypothetical" and taxonomy.lookup(frame.trigger.entry.sub_event_type).demonstration \
                and protests_by_doing(head, context.lang):
            frame.claim = Claim()
        sentence = head.sent
        if sentence.start not in cited:
            cited[sentence.start] = reporters(sentence, context)
        frame.sources = list(cited[sentence.start])


def protests_by_doing(head: Token, lang: str) -> bool:
    """A demonstration verb saying what a done action was for ("residents burned tyres and blocked
    the road to protest over ...", "ont bloqué la route pour protester"): the action is the
    protest, which happened as the action did; not what someone was called on, told or meant to do
    (a complement: "unions called on workers to protest")."""
    return _purpose_of_a_done_action(head, lang)


def _purpose_of_a_done_action(verb: Token, lang: str) -> bool:
    """``verb`` says what an action that was done was for ("gathered outside City Hall to rally",
    "fired tear gas to disperse a demonstration")."""
    words = claim_words(lang)
    if verb.dep_ != "advcl" or not any(
            c._.text_key in words.purpose_markers and c.dep_ in ("mark", "aux", "case") for c in verb.children):
        return False
    action = verb.head
    # a participle heading its sentence with no auxiliary is a finite past the tagger misread ("gathered")
    done = "Past" in action.morph.get("Tense") and (
        "Fin" in action.morph.get("VerbForm") or any(c.dep_.startswith("aux") for c in action.children)
        or action.dep_ == "ROOT")
    return action.pos_ == "VERB" and done and action._.lemma_key not in words.hypothetical_verbs \
        and claim_status(action, lang).status == "asserted"


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
                and token.dep_ in ("advcl", "acl") and "VerbForm=Inf" in str(token.morph) \
                and not _carried_out_by(token.head, words):
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
        if child.dep_ == "conj" and not any(dep_is(c, SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS) for c in child.children):
            child = governor  # a verb coordinated under the same subject shares its clause: "denied that
            continue          # its fighters had looted and burned homes"
        if depth >= CLAIM_REACH or child.dep_ not in GOVERNED_BY:
            break
        if governor._.lemma_key in words.presupposing_verbs and dep_is(child, OBJECT_DEPS) \
                and not any(c._.lemma_key in words.hypothetical_verbs for c in child.children) \
                and _purpose_of_a_done_action(governor, lang):
            break  # "fired tear gas to disperse a demonstration": it was there (not "a planned demonstration")
        child = governor
        if governor.pos_ in FUNCTION_WORD_POS:
            continue
        depth += 1
        key = governor._.lemma_key
        if key in words.denial_verbs:
            return Claim(status="denied", span=span_of(governor))
        if (key in words.hypothetical_verbs or key in words.hypothetical_nouns) and not _fulfilled(governor, words):
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
            and trigger.head._.lemma_key not in words.implicative_verbs and not _carried_out_by(trigger.head, words):
        # a bare infinitive says what someone meant, wanted or was told to do, not what happened
        return Claim(status="hypothetical", span=span_of(trigger.head))
    return Claim()


def _carried_out_by(head: Token, words: ClaimWords) -> bool:
    """An infinitive on ``head`` tells what was done, not only meant: ``head`` is a call carried out
    or the verb that carries one out ("responded to the call to demonstrate": the parser hangs the
    infinitive on either; not "carried explosives to attack the base")."""
    if head._.lemma_key in words.fulfilling_verbs:
        return any(_fulfilled(word, words) and word._.lemma_key in words.hypothetical_verbs | words.hypothetical_nouns
                   for child in head.children for word in (child, *child.children))
    return _fulfilled(head, words)


def _fulfilled(call: Token, words: ClaimWords) -> bool:
    """A call, order or plan named by a noun that a verb says was carried out: "responded to the
    call for demonstrations", "heeded the call" (also where the parser took a bare "call" for a
    verb: "responded to call made by ... to demonstrate")."""
    if call.pos_ not in ("NOUN", "PROPN") and call.dep_ != "xcomp":
        return False
    verb = call.head.head if call.head.pos_ in FUNCTION_WORD_POS else call.head
    return verb._.lemma_key in words.fulfilling_verbs


@cache
def _according_to_patterns(lang: str):
    return tuple(compile_pattern(p) for p in langdata.load(lang, "attribution").according_to)


def _according_to_sources(sentence: SpacySpan, lang: str) -> list[Token]:
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
                found.append(head)
    return found


def _reporting_verb_sources(sentence: SpacySpan, lang: str) -> list[Token]:
    words = claim_words(lang)
    found = []
    for verb in sentence:
        if not is_reporting_verb(verb, words):
            continue
        # of two subjects (a misparse of "rebels killed ten civilians, officials said"), the nearest
        subject = min((c for c in verb.children if dep_is(c, SUBJECT_DEPS)), key=lambda c: abs(c.i - verb.i),
                      default=None)
        if subject is None:
            # postposed subject: "..., assure al-Manar", "a indiqué le ministère" (the parser may
            # call it an object); not where the verb has a subject ("they accused the Houthis")
            subject = next((c for c in verb.children if c.i > verb.i and c.pos_ in ("PROPN", "NOUN")
                            and (dep_is(c, OBJECT_DEPS) or c.dep_ in ("obl:arg", "nsubj"))), None)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
            found.append(subject)
    return found


def _reporter_heads(sentence: SpacySpan, lang: str) -> list[Token]:
    """The heads of the phrases naming who reports what this sentence says, in text order."""
    heads = _according_to_sources(sentence, lang) + _reporting_verb_sources(sentence, lang)
    return sorted({t.i: t for head in heads for t in coordinated(head)}.values(), key=lambda t: t.i)


def find_reporters(sentence: SpacySpan, lang: str) -> list[SpacySpan]:
    """The phrases naming who reports what this sentence says ("selon l'OSDH", "X a indiqué que")."""
    return [source_phrase(head, lang) for head in _reporter_heads(sentence, lang)]


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
    """The sources the sentence cites (stages/source_phrases.py tells which phrases name one); a
    verbless fragment just before the sentence in its paragraph ("Selon Media de Guerre, instance
    médiatique," split off by the parser) counts as its own."""
    fragment = _leading_fragment(sentence)
    heads = _reporter_heads(sentence, context.lang) + (_reporter_heads(fragment, context.lang) if fragment else [])
    dates = _date_tokens(context)
    found: list[SourceRef] = []
    for head in heads:
        source = source_of(head, context, dates)
        if source is not None and all((s.name or s.text) != (source.name or source.text) for s in found):
            found.append(source)
    return found


@lru_cache(maxsize=1)  # documents are coded one at a time
def _date_tokens(context: DocumentContext) -> frozenset[int]:
    """The tokens of the document's date mentions ("le chef de l'Etat ce mardi": no part of a source)."""
    return frozenset(t.i for d in context.dates
                     if (span := context.doc.char_span(d.span.start, d.span.end, alignment_mode="expand")) is not None
                     for t in span)


def _leading_fragment(sentence: SpacySpan) -> SpacySpan | None:
    """The sentence before ``sentence`` in its paragraph where it has no verb (the parser split it off)."""
    if sentence.start == 0:
        return None
    last = sentence.doc[sentence.start - 1]  # the white space after it is all that separates the sentences
    return last.sent if "\n" not in last.whitespace_ and is_verbless(last.sent) else None
