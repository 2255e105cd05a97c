"""Place names in a parsed document: place entities, capitalised names that cue words introduce
("the village of X", "X province", "near X") or a locative preposition puts before a name the
gazetteer knows, names coordinated with a place or sounding like one, the area a place is in
("Dawlat Abad, Balkh", "Kismaayo (Lower Juba)"); not a person's or an organisation's name. The cue
words are language data (lang/<code>/places.yaml). :mod:`sitrep.stages.places` reads each name's
cue words and geocodes it.
"""
from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Collection

from spacy.tokens import Doc, Token

from sitrep.geo.names import exact_key, is_article, sound_key, starts_with_article
from sitrep.stages.place_cues import (after_locative, capitalised_run, cued, is_actor, is_capitalised, is_possessive,
                                     labelled, not_a_place)
from sitrep.stages.place_people import modifies_noun, without_people
from sitrep.stages.place_words import MAX_TYPE_TOKENS, PlaceWords, bare, place_words, type_after, word_key

# the Doc extension where the actor ruler records every actor phrase it matched (stages/actors.py)
ACTOR_MATCHES = "sitrep_actor_matches"
BRACKETS = frozenset({"(", ")", "[", "]"})


def _type_tail(doc: Doc, start: int, end: int, words: PlaceWords) -> int:
    """How many of the last tokens of [start, end) are a place-kind phrase ("Maradun Local
    Government Area": 3); 0 where none."""
    return next((length for length in range(min(MAX_TYPE_TOKENS, end - start), 0, -1)
                 if (found := type_after(doc, end - length, words)) and found[0] == length), 0)


def find_names(doc: Doc, lang: str, known: Callable[[str], bool], area_abbreviations: Collection[str]
               ) -> list[tuple[int, int]]:
    """Token ranges of the place names of ``doc``, in text order; ``known``: whether the gazetteer
    knows a name; ``area_abbreviations``: abbreviations of areas' names ("Minn.")."""
    words = place_words(lang)
    names = FoundNames(_name_spans(doc, words, known))
    _add_coordinated(doc, names, words, known)
    _add_siblings(doc, names, words)
    names = FoundNames(without_people(doc, names.spans, words))
    _add_containers(doc, names, words, known)
    _add_bracketed(doc, names, words, known)
    return _abbreviations_with_period(doc, names.spans, area_abbreviations)


class FoundNames:
    """The token ranges of the names found so far, in text order, and the tokens they take."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.taken = {i for start, end in spans for i in range(start, end)}

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))
        self.taken.update(range(start, end))


def _trim(doc: Doc, start: int, end: int, words: PlaceWords, known: Callable[[str], bool]) -> tuple[int, int] | None:
    """The name inside an entity: leading cue/connector words and trailing type words removed,
    unless the name with them is one the gazetteer knows ("North Las Vegas", "West Virginia",
    "Kansas City"). A capitalised type or part word before another capitalised word, inside a
    sentence, is part of the name ("City Hall", "Center Street"), not a cue; a compass word is a
    cue ("Eastern Ghouta": the eastern part of Ghouta), after the name too where the gazetteer
    knows the name without it only ("Imphal West")."""
    def is_cue(token: Token) -> bool:
        if starts_with_article(token.text):
            return False
        if not is_capitalised(token):
            return True
        w = word_key(token)
        compass = any(w.startswith(d) for d in words.directions)
        if (w in words.types_before or w in words.parts_before) and not compass and not token.is_sent_start \
                and token.i + 1 < end and is_capitalised(doc[token.i + 1]):
            return False
        return w in words.types_before or w in words.parts_before or w in words.directions

    def is_tail(token: Token) -> bool:
        return not any(c.isalnum() for c in token.text) or is_possessive(token)

    while start < end and not is_capitalised(doc[start]) and not starts_with_article(doc[start].text):
        start += 1
    # an entity the NER ran on past a bracket or a comma holds two names: "Balangoda (Balangoda,
    # Sabaragamuwa", "Muyuka, Cameroon" (the second is the first's container, found as such)
    end = next((t.i for t in doc[start:end] if t.text in BRACKETS or t.text == ","), end)
    while end > start and is_tail(doc[end - 1]):
        end -= 1
    if start < end and known(doc[start:end].text):
        return start, end
    while start < end and is_cue(doc[start]):
        start += 1
    while end > start and (tail := _type_tail(doc, start, end, words) or int(is_tail(doc[end - 1]))):
        end -= tail
    end = _without_compass_tail(doc, start, end, words, known)
    return (start, end) if start < end else None


def _without_compass_tail(doc: Doc, start: int, end: int, words: PlaceWords, known: Callable[[str], bool]) -> int:
    """The end of the name [start, end) without a last compass word where the gazetteer knows the
    name without it only ("Imphal West": the west of Imphal; the cue words read it)."""
    if end - start > 1 and word_key(doc[end - 1]) in words.directions and not known(doc[start:end].text) \
            and known(doc[start:end - 1].text):
        return end - 1
    return end


def _without_type_tail(doc: Doc, start: int, end: int, words: PlaceWords, known: Callable[[str], bool]) -> int:
    """The end of the name [start, end) without a capitalised place-kind phrase that ends it, where
    the gazetteer knows the name without it only ("Maradun Local Government Area", "Zamfara State";
    not "Kansas City")."""
    tail = _type_tail(doc, start, end, words)
    if 0 < tail < end - start and not known(doc[start:end].text) and known(doc[start:end - tail].text):
        return end - tail
    return end


def _name_run_at(doc: Doc, index: int, taken: set[int]) -> int | None:
    """End of the capitalised name that starts at token ``index`` (see :func:`capitalised_run`);
    None where the token is taken, not capitalised or an actor's."""
    token = doc[index]
    if index in taken or not is_capitalised(token) or is_actor(token):
        return None
    return capitalised_run(doc, index, len(doc))


def _actor_phrase_tokens(doc: Doc) -> frozenset[int]:
    """Tokens of the actor phrases the actor ruler found that are longer than a word: a country
    named inside one ("US military forces") says whose forces they are, not where anything was."""
    matches = doc._.get(ACTOR_MATCHES) if Doc.has_extension(ACTOR_MATCHES) else None
    return frozenset(i for start, end, _ in matches or () if end - start > 1 for i in range(start, end))


def _name_spans(doc: Doc, words: PlaceWords, known: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Token ranges of place names: place entities, capitalised names that cue words introduce,
    and capitalised names after a locative preposition that the gazetteer knows (``known``) and
    the NER gives no label that is never a place's (a date: "on Jan. 18"); none inside an actor
    phrase."""
    spans: list[tuple[int, int]] = []
    taken: set[int] = set()
    for entity in doc.ents:
        if entity.label_ in words.entity_labels:
            # the cue words trimmed off ("North" of "North Richmond") are no name of their own
            taken.update(range(entity.start, entity.end))
            trimmed = _trim(doc, entity.start, entity.end, words, known)
            if trimmed is not None:
                spans.append(trimmed)
    spans = _joined_by_hyphens(doc, sorted(spans))
    index = 0
    while index < len(doc):
        end = _name_run_at(doc, index, taken)
        if end is None or doc[index].is_sent_start and word_key(doc[index]) in words.locative_prepositions:
            index += 1  # "In Tahoua, ...", "À Arlit, ...": the sentence's capitalised preposition is no name
            continue
        end = _without_compass_tail(doc, index, next((i for i in range(index, end) if i in taken), end), words, known)
        end = _without_type_tail(doc, index, end, words, known)
        if end > index and not doc[index].is_sent_start and (
                cued(doc, index, end, words) or (after_locative(doc, index, words) and known(doc[index:end].text)
                                                 and not labelled(doc, index, end, words.never_place_labels))):
            spans.append((index, end))
            taken.update(range(index, end))
        index = max(end, index + 1)
    in_actor = _actor_phrase_tokens(doc)
    return _joined_when_adjacent(sorted(s for s in spans if not not_a_place(doc[s[0]:s[1]].text, words)
                                        and not all(i in in_actor for i in range(*s))))


def _joined(spans: list[tuple[int, int]], one_name: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """``spans`` in order, each joined to the one before where ``one_name(previous end, start)``."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and one_name(joined[-1][1], start):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _joined_when_adjacent(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name the NER cut short and the capitalised word after it, both found ("Dawlat" and
    "Abad district"), are one name: two places are never written side by side with nothing between."""
    return _joined(spans, lambda previous_end, start: previous_end == start)


def _joined_by_hyphens(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names the NER split at a hyphen written without spaces ("Athens-Clarke"), joined."""
    return _joined(spans, lambda previous_end, start: previous_end + 1 == start and doc[start - 1].text == "-"
                   and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_)


def _add_coordinated(doc: Doc, names: FoundNames, words: PlaceWords, known: Callable[[str], bool]) -> None:
    """Known capitalised names coordinated with a place already found ("near Ras al-Ain and Deir
    ez-Zor", "à Dakar et Ziguinchor"): the cue words before the first cover them all."""
    taken = names.taken
    for token in doc:
        if token.i in taken or token.dep_ != "conj" or token.head.i not in taken:
            continue
        start = token.i
        while start > 0 and start - 1 not in taken and (is_capitalised(doc[start - 1]) or doc[start - 1].text == "-"
                                                        or is_article(doc[start - 1].text)):
            start -= 1  # "Deir ez-Zor": the conjunct is the name's last word
        end = capitalised_run(doc, start, len(doc))
        if end > token.i and (is_capitalised(doc[start]) or is_article(doc[start].text)) and not is_actor(doc[start]) \
                and known(doc[start:end].text) and not not_a_place(doc[start:end].text, words):
            names.add(start, end)


def _add_siblings(doc: Doc, names: FoundNames, words: PlaceWords) -> None:
    """Capitalised names that sound like a place already found ("Hanadarte" after "Handarate"),
    unless the NER gives them a label that is never a place's or they lie in an actor phrase."""
    sounds = {sound_key(doc[s:e].text) for s, e in names.spans}
    sounds.discard("")
    texts = {bare(doc[s:e].text) for s, e in names.spans}
    in_actor = _actor_phrase_tokens(doc)
    taken = set(names.taken)  # the names found before: siblings do not take tokens from each other
    index = 0
    while index < len(doc):
        end = _name_run_at(doc, index, taken)
        if end is None or any(i in taken for i in range(index, end)):
            index += 1
            continue
        if end - index > 1 and not_a_place(doc[index].text, words) and bare(doc[index:end].text) not in texts:
            index += 1  # "An MoD spokesman": the capitalised article is no part of the name ("The Woodlands" is)
            continue
        if sound_key(doc[index:end].text) in sounds and not not_a_place(doc[index:end].text, words) \
                and not labelled(doc, index, end, words.never_place_labels) \
                and not all(i in in_actor for i in range(index, end)):
            names.add(index, end)
        index = max(end, index + 1)


def _add_containers(doc: Doc, names: FoundNames, words: PlaceWords, known: Callable[[str], bool]) -> None:
    """Known names right after a place and a comma or parenthesis ("in Qarabagh district, Ghazni",
    "Kismaayo (Lower Juba)", "Belgrade, Minn."), or after a name the gazetteer lacks that a locative
    preposition introduces ("in Waliassi, Mayo Sava"): the area the place is in, whatever person or
    organisation label the NER gave them; not a nationality before a noun ("Israel, Arab leaders")."""
    taken = names.taken
    ends = [end for _, end in names.spans] + _unknown_names_after_locatives(doc, taken, words)
    for end in ends:  # grows: a container's own container follows ("Andar (Shalgar) district, Ghazni")
        index = end
        while index < len(doc) and (word_key(doc[index]) in words.types_after or word_key(doc[index]) in words.types_before
                                    or doc[index].text == ")"):
            index += 1  # "Qarabagh district, ...", "Andar (Shalgar) district, Ghazni"
        if index + 1 >= len(doc) or doc[index].text not in (",", "(") or index + 1 in taken:
            continue
        start = index + 1
        if not is_capitalised(doc[start]) or is_actor(doc[start]):
            continue
        stop = capitalised_run(doc, start, len(doc))
        while stop > start and is_possessive(doc[stop - 1]):
            stop -= 1
        if doc[index].text == "(" and not known(doc[start:stop].text):
            # "Narahenpita (Thimbirigasyaya, Colombo, Western)": the first name the gazetteer knows
            start, stop = _next_known_in_brackets(doc, stop, known) or (start, stop)
        demonym = labelled(doc, start, stop, words.demonym_labels) and modifies_noun(doc[stop - 1])
        if _known_place(doc, start, stop, words, known) and not demonym:
            names.add(start, stop)
            ends.append(stop)


def _unknown_names_after_locatives(doc: Doc, taken: set[int], words: PlaceWords) -> list[int]:
    """Ends of the capitalised names a locative preposition introduces that no name found covers
    (villages the gazetteer lacks)."""
    return [capitalised_run(doc, token.i, len(doc)) for token in doc
            if token.i not in taken and not token.is_sent_start and is_capitalised(token) and not is_actor(token)
            and after_locative(doc, token.i, words)]


def _add_bracketed(doc: Doc, names: FoundNames, words: PlaceWords, known: Callable[[str], bool]) -> None:
    """A bracket that opens on a name the gazetteer knows, then a comma or its end, locates what
    it follows ("a demonstration in front of the Kollupitiya headquarters (Colombo, Western)",
    "to Kandy (Kandy, Central)"): that name is a place mention, wherever the text puts it."""
    taken = set(names.taken)  # the names found before
    for bracket in doc[:-1]:
        start = bracket.i + 1
        if bracket.text != "(" or start in taken or not is_capitalised(doc[start]) or is_actor(doc[start]):
            continue
        stop = capitalised_run(doc, start, len(doc))
        if stop < len(doc) and doc[stop].text in (",", ")") and _known_place(doc, start, stop, words, known):
            names.add(start, stop)


def _known_place(doc: Doc, start: int, stop: int, words: PlaceWords, known: Callable[[str], bool]) -> bool:
    """Whether ``doc[start:stop]`` is a name the gazetteer knows that is no common word and carries
    no label that is never a place's."""
    text = doc[start:stop].text
    return known(text) and not not_a_place(text, words) and not labelled(doc, start, stop, words.never_place_labels)


def _next_known_in_brackets(doc: Doc, index: int, known: Callable[[str], bool]) -> tuple[int, int] | None:
    """The first known capitalised name of the comma-separated list that goes on at ``index``,
    up to its closing bracket."""
    while index + 1 < len(doc) and doc[index].text == "," and is_capitalised(doc[index + 1]):
        start = index + 1
        index = capitalised_run(doc, start, len(doc))
        if known(doc[start:index].text):
            return start, index
    return None


def _abbreviations_with_period(doc: Doc, found: list[tuple[int, int]], abbreviations: Collection[str]
                               ) -> list[tuple[int, int]]:
    """The names found less area abbreviations written without their period: "Minn." and "Miss."
    name states, "Miss Smith" and "at Mass" do not."""
    def written_short(start: int, end: int) -> bool:
        return doc[end - 1].text.endswith(".") or (end < len(doc) and doc[end].text == ".")

    return [(s, e) for s, e in found if exact_key(doc[s:e].text) not in abbreviations or written_short(s, e)]
