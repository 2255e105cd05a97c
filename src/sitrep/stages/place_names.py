"""Place names in a parsed document: place entities, capitalised names that cue words introduce
("the village of X", "X province", "near X") or a locative preposition puts before a name the
gazetteer knows, names coordinated with a place or sounding like one, the area a place is in
("Dawlat Abad, Balkh", "Kismaayo (Lower Juba)"); not a person's or an organisation's name. The cue
words are language data (lang/<code>/places.yaml). :mod:`sitrep.stages.places` reads each name's
cue words and geocodes it.
"""
from __future__ import annotations

from bisect import insort
from collections import Counter
from collections.abc import Callable, Collection

from spacy.tokens import Doc, Token

from sitrep.geo.names import exact_key, is_article, sound_key, starts_with_article
from sitrep.stages.place_words import MAX_TYPE_TOKENS, PlaceWords, bare, place_words, type_after, word_key
from sitrep.text import fold

# entity labels the actor ruler sets: an actor or outlet is never a place
ACTOR_LABELS = frozenset({"ACTOR", "SOURCE"})
# the Doc extension where the actor ruler records every actor phrase it matched (stages/actors.py)
ACTOR_MATCHES = "sitrep_actor_matches"
BRACKETS = frozenset({"(", ")", "[", "]"})
# the longest name a capitalised run may be, in tokens
MAX_NAME_TOKENS = 6
# how many cue/connector words a scan crosses on the way from a name to its cues
MAX_CUE_TOKENS = 9
# how many words (an article, adjectives) may stand between "X," and the place word after it
APPOSITION_REACH = 3


def _not_a_place(text: str, words: PlaceWords) -> bool:
    return bare(text) in words.not_places


def _type_tail(doc: Doc, start: int, end: int, words: PlaceWords) -> int:
    """How many of the last tokens of [start, end) are a place-kind phrase ("Maradun Local
    Government Area": 3); 0 where none."""
    return next((length for length in range(min(MAX_TYPE_TOKENS, end - start), 0, -1)
                 if (found := type_after(doc, end - length, words)) and found[0] == length), 0)


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def _is_actor(token: Token) -> bool:
    return token.ent_type_ in ACTOR_LABELS


def _is_possessive(token: Token) -> bool:
    return token.tag_ == "POS" or token.text in ("'s", "’s", "'", "’")


def find_names(doc: Doc, lang: str, known: Callable[[str], bool], area_abbreviations: Collection[str]
               ) -> list[tuple[int, int]]:
    """Token ranges of the place names of ``doc``, in text order; ``known``: whether the gazetteer
    knows a name; ``area_abbreviations``: abbreviations of areas' names ("Minn.")."""
    words = place_words(lang)
    names = FoundNames(_name_spans(doc, words, known))
    _add_coordinated(doc, names, words, known)
    _add_siblings(doc, names, words)
    names = FoundNames(_without_people(doc, names.spans, words))
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
        if not _is_capitalised(token):
            return True
        w = word_key(token)
        compass = any(w.startswith(d) for d in words.directions)
        if (w in words.types_before or w in words.parts_before) and not compass and not token.is_sent_start \
                and token.i + 1 < end and _is_capitalised(doc[token.i + 1]):
            return False
        return w in words.types_before or w in words.parts_before or w in words.directions

    def is_tail(token: Token) -> bool:
        return not any(c.isalnum() for c in token.text) or _is_possessive(token)

    while start < end and not _is_capitalised(doc[start]) and not starts_with_article(doc[start].text):
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


def _capitalised_run(doc: Doc, start: int, limit: int) -> int:
    """End of the capitalised name starting at ``start`` ("Cheikh Saïd", "al-Bab", "Ras al-Ain")."""
    end = start
    while end < min(limit, start + MAX_NAME_TOKENS):
        token = doc[end]
        if _is_actor(token) or token.is_sent_start and end > start:
            break
        if _is_capitalised(token):
            end += 1
        elif token.text == "-" and end + 1 < limit and _is_capitalised(doc[end + 1]) and end > start:
            end += 1
        elif is_article(token.text) and end + 2 < limit and doc[end + 1].text == "-" \
                and _is_capitalised(doc[end + 2]):
            end += 2  # an article written apart by the tokenizer: "Jisr", "al", "-", "Shughur"
        else:
            break
    return end


def _name_run_at(doc: Doc, index: int, taken: set[int]) -> int | None:
    """End of the capitalised name that starts at token ``index`` (see :func:`_capitalised_run`);
    None where the token is taken, not capitalised or an actor's."""
    token = doc[index]
    if index in taken or not _is_capitalised(token) or _is_actor(token):
        return None
    return _capitalised_run(doc, index, len(doc))


def _cue_before(doc: Doc, start: int, words: PlaceWords) -> bool:
    """True where a cue word (not just a connector) stands before ``start``, across connectors; a
    capitalised word that ends another name ("Walker County on Jan. 18") is no cue."""
    index = start - 1
    while index >= 0 and start - index <= MAX_CUE_TOKENS:
        token = doc[index]
        w = word_key(token)
        if w in words.types_before or w in words.parts_before or w in words.near_before or w in words.directions:
            return not (_is_capitalised(token) and index > 0 and _is_capitalised(doc[index - 1])
                        and not token.is_sent_start)
        if w not in words.connectors:
            return False
        index -= 1
    return False


def _cued(doc: Doc, start: int, end: int, words: PlaceWords) -> bool:
    """True where cue words before or right after the name say it is a place ("the village of X",
    "X province", "near X", "X, a town of ...")."""
    after = word_key(doc[end]) if end < len(doc) else ""
    return _cue_before(doc, start, words) or type_after(doc, end, words) is not None or after in words.parts_after \
        or _apposed_type(doc, end, words)


def _apposed_type(doc: Doc, end: int, words: PlaceWords) -> bool:
    """True where a comma and a place word in apposition follow the name ("X, a town on the main
    road", "X, a city of 100,000", "X, une petite ville"), across an article and adjectives."""
    if end >= len(doc) or doc[end].text != ",":
        return False
    for token in doc[end + 1:end + 1 + APPOSITION_REACH]:
        if word_key(token) in words.types_before:
            return True
        if not (token.pos_ in ("DET", "ADJ") or word_key(token) in words.connectors):
            return False
    return False


def _labelled(doc: Doc, start: int, end: int, labels: frozenset[str]) -> bool:
    """True where every token of the name lies in an entity with one of ``labels``."""
    return bool(labels) and all(doc[i].ent_type_ in labels for i in range(start, end))


def _title_before(doc: Doc, index: int, words: PlaceWords) -> bool:
    """True where a person's title stands right before token ``index`` ("Gov. Perry", "coach Ripley")."""
    before = index - 1
    if before >= 0 and doc[before].text == ".":
        before -= 1
    return before >= 0 and word_key(doc[before]).rstrip(".") in words.person_titles


def _after_locative(doc: Doc, start: int, words: PlaceWords) -> bool:
    """True where a locative preposition ("à", "in", "near") stands right before ``start``, or
    before the one article between them."""
    before = [word_key(doc[i]) for i in range(max(0, start - 2), start)]
    return bool(before) and (before[-1] in words.locative_prepositions
                             or (len(before) == 2 and before[0] in words.locative_prepositions
                                 and before[1] in words.connectors))


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
        cued = _cued(doc, index, end, words)
        if end > index and not doc[index].is_sent_start and (
                cued or (_after_locative(doc, index, words) and known(doc[index:end].text)
                         and not _labelled(doc, index, end, words.never_place_labels))):
            spans.append((index, end))
            taken.update(range(index, end))
        index = max(end, index + 1)
    in_actor = _actor_phrase_tokens(doc)
    return _joined_when_adjacent(sorted(s for s in spans if not _not_a_place(doc[s[0]:s[1]].text, words)
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
        while start > 0 and start - 1 not in taken and (_is_capitalised(doc[start - 1]) or doc[start - 1].text == "-"
                                                        or is_article(doc[start - 1].text)):
            start -= 1  # "Deir ez-Zor": the conjunct is the name's last word
        end = _capitalised_run(doc, start, len(doc))
        if end > token.i and (_is_capitalised(doc[start]) or is_article(doc[start].text)) and not _is_actor(doc[start]) \
                and known(doc[start:end].text) and not _not_a_place(doc[start:end].text, words):
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
        if end - index > 1 and _not_a_place(doc[index].text, words) and bare(doc[index:end].text) not in texts:
            index += 1  # "An MoD spokesman": the capitalised article is no part of the name ("The Woodlands" is)
            continue
        if sound_key(doc[index:end].text) in sounds and not _not_a_place(doc[index:end].text, words) \
                and not _labelled(doc, index, end, words.never_place_labels) \
                and not all(i in in_actor for i in range(index, end)):
            names.add(index, end)
        index = max(end, index + 1)


def _add_containers(doc: Doc, names: FoundNames, words: PlaceWords, known: Callable[[str], bool]) -> None:
    """Known names right after a place and a comma or parenthesis ("in Qarabagh district, Ghazni",
    "Kismaayo (Lower Juba)", "Belgrade, Minn."): the area the place is in, whatever person or
    organisation label the NER gave them; not a nationality before a noun ("Israel, Arab leaders")."""
    taken = names.taken
    ends = [end for _, end in names.spans]
    for end in ends:  # grows: a container's own container follows ("Andar (Shalgar) district, Ghazni")
        index = end
        while index < len(doc) and (word_key(doc[index]) in words.types_after or word_key(doc[index]) in words.types_before
                                    or doc[index].text == ")"):
            index += 1  # "Qarabagh district, ...", "Andar (Shalgar) district, Ghazni"
        if index + 1 >= len(doc) or doc[index].text not in (",", "(") or index + 1 in taken:
            continue
        start = index + 1
        if not _is_capitalised(doc[start]) or _is_actor(doc[start]):
            continue
        stop = _capitalised_run(doc, start, len(doc))
        while stop > start and _is_possessive(doc[stop - 1]):
            stop -= 1
        if doc[index].text == "(" and not known(doc[start:stop].text):
            # "Narahenpita (Thimbirigasyaya, Colombo, Western)": the first name the gazetteer knows
            start, stop = _next_known_in_brackets(doc, stop, known) or (start, stop)
        demonym = _labelled(doc, start, stop, words.demonym_labels) and _modifies_noun(doc[stop - 1])
        if _known_place(doc, start, stop, words, known) and not demonym:
            names.add(start, stop)
            ends.append(stop)


def _add_bracketed(doc: Doc, names: FoundNames, words: PlaceWords, known: Callable[[str], bool]) -> None:
    """A bracket that opens on a name the gazetteer knows, then a comma or its end, locates what
    it follows ("a demonstration in front of the Kollupitiya headquarters (Colombo, Western)",
    "to Kandy (Kandy, Central)"): that name is a place mention, wherever the text puts it."""
    taken = set(names.taken)  # the names found before
    for bracket in doc[:-1]:
        start = bracket.i + 1
        if bracket.text != "(" or start in taken or not _is_capitalised(doc[start]) or _is_actor(doc[start]):
            continue
        stop = _capitalised_run(doc, start, len(doc))
        if stop < len(doc) and doc[stop].text in (",", ")") and _known_place(doc, start, stop, words, known):
            names.add(start, stop)


def _known_place(doc: Doc, start: int, stop: int, words: PlaceWords, known: Callable[[str], bool]) -> bool:
    """Whether ``doc[start:stop]`` is a name the gazetteer knows that is no common word and carries
    no label that is never a place's."""
    text = doc[start:stop].text
    return known(text) and not _not_a_place(text, words) and not _labelled(doc, start, stop, words.never_place_labels)


def _next_known_in_brackets(doc: Doc, index: int, known: Callable[[str], bool]) -> tuple[int, int] | None:
    """The first known capitalised name of the comma-separated list that goes on at ``index``,
    up to its closing bracket."""
    while index + 1 < len(doc) and doc[index].text == "," and _is_capitalised(doc[index + 1]):
        start = index + 1
        index = _capitalised_run(doc, start, len(doc))
        if known(doc[start:index].text):
            return start, index
    return None


def _people(doc: Doc, found: list[tuple[int, int]], words: PlaceWords) -> frozenset[str]:
    """Keys of the one-word names found that the document uses for a person or an organisation
    more than for a place. Every capitalised use of the word votes: a place label, a locative
    preposition or a parenthesis before it and cue words around it count for a place; a person
    label (not on a town before a common noun: "Alexandria police"), a place in a full person's
    name ("James Tyler Williams"), a one-word organisation entity ("UF"), a title before it ("coach
    Ripley", "Hurricane Harvey") and being the subject of a person's verb ("said Noma") count
    against."""
    keys = {exact_key(doc[s].text) for s, e in found if e - s == 1}
    keys.discard("")
    if not keys:
        return frozenset()
    place: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for token in doc:
        if not _is_capitalised(token):
            continue
        key = exact_key(token.text)
        if key not in keys:
            continue
        label = token.ent_type_
        if label in words.entity_labels:
            place[key] += 1
        elif label in words.person_labels and not _modifies_noun(token):
            other[key] += 1 + (_entity_length(token) > 1)
        elif label in words.organisation_labels and _entity_length(token) == 1:
            other[key] += 1  # an organisation's own name; a town's name is often part of one ("Alexandria police")
        if _after_locative(doc, token.i, words) or (token.i > 0 and doc[token.i - 1].text == "("):
            place[key] += 1  # "in X", "(X, Y)"
        if _cued(doc, token.i, token.i + 1, words):
            place[key] += 2
        if _title_before(doc, token.i, words):
            other[key] += 2
        if token.dep_ in ("nsubj", "nsubjpass") and fold(token.head.lemma_) in words.person_verbs:
            other[key] += 1
    return frozenset(key for key in keys if other[key] > place[key])


def _modifies_noun(token: Token) -> bool:
    """True for a name before the common noun it modifies ("Alexandria police", "an Alexandria
    grand jury"): the small model calls such towns persons."""
    return token.dep_ in ("compound", "amod", "nmod") and token.head.i > token.i and token.head.pos_ == "NOUN"


def _entity_length(token: Token) -> int:
    """Tokens in the entity ``token`` lies in (0 outside one)."""
    if not token.ent_type_:
        return 0
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return end - start


def _without_people(doc: Doc, found: list[tuple[int, int]], words: PlaceWords) -> list[tuple[int, int]]:
    """The names found less the one-word ones the document uses for a person or an organisation
    (:func:`_people`), unless cue words make that use a place ("the town of Tyler")."""
    people = _people(doc, found, words)
    return [(s, e) for s, e in found
            if not (e - s == 1 and exact_key(doc[s].text) in people and not _cued(doc, s, e, words))]


def _abbreviations_with_period(doc: Doc, found: list[tuple[int, int]], abbreviations: Collection[str]
                               ) -> list[tuple[int, int]]:
    """The names found less area abbreviations written without their period: "Minn." and "Miss."
    name states, "Miss Smith" and "at Mass" do not."""
    def written_short(start: int, end: int) -> bool:
        return doc[end - 1].text.endswith(".") or (end < len(doc) and doc[end].text == ".")

    return [(s, e) for s, e in found if exact_key(doc[s:e].text) not in abbreviations or written_short(s, e)]
