"""What a place mention is in its sentence when it may not be where anything happened.

- a dateline: the opening words of a story that say where it was filed ("KABUL, Afghanistan (AP)
  —", "GAO —", "Tunis —", "Lyon (AFP) -", "Bamako, 3 juin (AFP) -", "MOSUL:");
- the seat of an organisation ("the London-based monitor", "une ONG basée à Londres");
- a place standing for its government or people: the subject of a verb ("Moscow warned ...",
  "Paris and Rome disagreed") other than the few whose subject can be where something happened
  ("X saw heavy fighting", "X fell"), or the owner of what is not a place ("Moscow's troops");
- where someone speaks: a place attached to a verb of speech ("à Tunis, le ministère a nié");
- where something came from ("rockets fired from X"), or a reference point far from the event
  ("420 km south of X").

The first two are marked on the mention (``role``) when places are found, and leave the article's
country focus alone; the others depend on the parse around the event and are read when the
event's place is chosen (:mod:`sitrep.stages.event_place`). The words are language data
(lang/<code>/places.yaml); the dateline's shape is the wires' own, in every language.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from sitrep.models import PlaceMention
from sitrep.stages.place_words import PlaceWords, word_key
from sitrep.text import fold

# a dateline opens one of a story's first lines (after a headline and a standfirst)
DATELINE_LINES = 4
_WORD = r"[^\W\d_][\w'’.\-]*"
_DATELINE = re.compile(
    rf"[ \t]*(?P<place>{_WORD}(?:[ \t]+{_WORD}){{0,3}})"           # KABUL, Rio de Janeiro
    r"(?P<more>(?:[ \t]*,[ \t]*[^,()|—–:\n]{1,30}?){0,2})"          # , Afghanistan / , Nov 3
    r"[ \t]*(?P<agency>\([^()\n]{1,40}\)|\|[^|\n]{1,40}\|[^—–\n]{0,40}?)?"  # (AP) / | AFP | jeudi 28/11
    r"[ \t]*(?P<sep>[—–:]|-(?=\s)|$)")
# how far the words before a name are read for where something came from ("fired from the town of X")
ORIGIN_REACH = 4
# dependency labels of a verb's object (the one who speaks, where the subject comes after its verb)
OBJECT_LABELS = frozenset({"obj", "dobj"})
# dependency labels of the agent of a passive ("by X" in English, "par X" in French)
AGENT_LABELS = frozenset({"agent", "obl:agent"})


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the datelines of ``text``: the opening words of one of its first lines
    before a dash or a colon, with an optional area, date and agency ("KABUL, Afghanistan (AP) —"),
    written in capitals, or with an agency, or before a long dash ("Tunis —"); or a line that
    holds nothing but a name in capitals ("KHARTOUM"). A headline's topic in lower case ("Niger :
    deux soldats tués") is no dateline: it names where the news is."""
    spans: list[tuple[int, int]] = []
    offset, lines_read = 0, 0
    for line in text.split("\n"):
        if line.strip():
            lines_read += 1
            found = _DATELINE.match(line)
            if found is not None and _is_dateline(found):
                spans.append((offset + found.start("place"), offset + found.start("sep")))
            if lines_read >= DATELINE_LINES:
                break
        offset += len(line) + 1
    return spans


def _is_dateline(found: re.Match) -> bool:
    place, sep = found["place"], found["sep"]
    words = place.split()
    if not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    capitals = place == place.upper() and sum(c.isalpha() for c in place) >= 3
    if not sep:  # a line of its own
        return capitals and not found["more"] and not found["agency"]
    return capitals or bool(found["agency"]) or sep in "—–"


def mark_roles(doc: Doc, mentions: list[PlaceMention], words: PlaceWords) -> None:
    """Set ``role`` on the mentions that lie in a dateline or name an organisation's seat."""
    datelines = dateline_spans(doc.text)
    for mention in mentions:
        if any(start <= mention.span.start and mention.span.end <= end for start, end in datelines):
            mention.role = "dateline"
        elif _names_seat(doc, mention, words):
            mention.role = "seat"


def _names_seat(doc: Doc, mention: PlaceMention, words: PlaceWords) -> bool:
    """"the London-based monitor", "Paris based", "based in Geneva", "basée à Londres", "dont le
    siège est à Genève"."""
    after = mention.name_end
    if after < len(doc) and doc[after].text == "-" and after + 1 < len(doc):
        after += 1
    if after < len(doc) and word_key(doc[after]) in words.seat_words:
        return True
    index = mention.token_start - 1
    while index >= max(0, mention.token_start - 3):
        token = doc[index]
        if word_key(token) in words.seat_words:
            return True
        if word_key(token) not in words.connectors and word_key(token) not in words.locative_prepositions \
                and token.pos_ != "AUX":
            return False
        index -= 1
    return False


def _name_root(doc: Doc, mention: PlaceMention) -> Token:
    """The token of the name that the parse hangs on a word outside it."""
    name = range(mention.name_start, mention.name_end)
    return next((t for t in doc[mention.name_start:mention.name_end] if t.head.i not in name or t.head.i == t.i),
                doc[mention.name_start])


def stands_for_people(doc: Doc, mention: PlaceMention, words: PlaceWords) -> bool:
    """True where the place is the subject (or one of the coordinated subjects) of a verb whose
    subject is not where something happened ("Moscow warned", "Paris and Rome disagreed"; not "X
    saw heavy fighting", "X was shelled", "X is a town"), the agent of a passive ("a truce brokered
    by Qatar"), the owner of what is not a place ("Moscow's troops"; not "Darfur's villages"; "a chain
    belonging to France"), or a
    country that qualifies what is not a place ("a U.S. drone strike": whose, not where)."""
    token = _name_root(doc, mention)
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "poss" or (token.dep_ in ("compound", "amod") and _names_a_country(mention)):
        return token.head.pos_ == "NOUN" and not _place_word(token.head, words)
    if token.head.dep_ in AGENT_LABELS or token.dep_ in AGENT_LABELS:
        return True  # "a truce brokered by Qatar", "une frappe menée par l'aviation de X"
    governor = token.head.head if token.dep_ == "pobj" else token.head  # English "to" heads its object
    if token.dep_ != "nsubj" and fold(governor.lemma_) in words.owner_words:
        return True  # "l'appartenance à la France de l'enseigne": whose, not where
    if token.dep_ != "nsubj":
        return False
    return fold(token.head.lemma_) not in words.location_subject_verbs \
        and not _said_to_be_something(token.head, words)


def _said_to_be_something(predicate: Token, words: PlaceWords) -> bool:
    """True for a predicate that says what its subject is ("X is a place where ...", "X est la
    capitale") or what state it is in (`state_prepositions`: "X was under curfew"): the place is
    described, not standing for its people ("X is ready", "X and Y have been at odds" are not)."""
    return predicate.pos_ in ("NOUN", "PROPN") or any(c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")
                                                       for c in predicate.children) \
        or any(c.dep_ == "prep" and word_key(c) in words.state_prepositions for c in predicate.children)


def _names_a_country(mention: PlaceMention) -> bool:
    return mention.location is not None and mention.location.feature == "country"


def _place_word(token: Token, words: PlaceWords) -> bool:
    key = word_key(token)
    return any(key in kind for kind in (words.types_before, words.types_after, words.parts_before, words.parts_after))


def where_someone_speaks(doc: Doc, mention: PlaceMention, words: PlaceWords,
                         reporting_verbs: frozenset[int] = frozenset()) -> bool:
    """True where the place hangs on a verb of speech, itself or through a preposition ("à Tunis,
    le ministère a nié", "speaking in Geneva", "blamed Moscow"), or on a reporting verb (token
    indices ``reporting_verbs``), or on a word of speech ("in a speech in Rabat"), or on who
    speaks ("a spokesman in Tunis said"); not a place
    inside what is said or whom it is said of ("accused the organisers of the protest in Belgrade")."""
    def speech(token: Token) -> bool:
        return token.pos_ in ("VERB", "AUX") and (token.i in reporting_verbs or fold(token.lemma_) in words.speech_verbs)

    root = _name_root(doc, mention)
    token = root.head
    if token.pos_ == "ADP":  # "in X" hangs on the preposition in English, on the word it qualifies in French
        token = token.head
    if token.pos_ in ("VERB", "AUX"):
        return speech(token)
    if word_key(token) in words.speech_nouns:  # "in a speech in Rabat", "lors d'un discours à Paris"
        return True
    # who speaks, where: "a spokesman in Tunis said", "the X health ministry said", "a appris le
    # correspondant de l'agence à X"
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    if token.i == root.i or token.pos_ not in ("NOUN", "PROPN") or not speech(token.head):
        return False
    # the subject; or the object of a verb that has none, a subject put after it ("a appris le correspondant")
    return token.dep_ == "nsubj" or (token.dep_ in OBJECT_LABELS
                                     and not any(c.dep_.startswith("nsubj") for c in token.head.children))


def came_from(doc: Doc, mention: PlaceMention, words: PlaceWords) -> bool:
    """True where a word of origin stands before the place, across connectors ("fired from X",
    "des obus venus de X")."""
    index = mention.token_start - 1
    while index >= max(0, mention.token_start - ORIGIN_REACH):
        key = word_key(doc[index])
        if key in words.origin_words:
            return True
        if key not in words.connectors:
            return False
        index -= 1
    return False


def distance_km(doc: Doc, mention: PlaceMention, words: PlaceWords) -> float | None:
    """The distance the cue words put between the event and the place ("20 km north of X": 20),
    or None."""
    for token in doc[mention.token_start:mention.name_start]:
        factor = words.distance_units.get(word_key(doc[token.i + 1])) if token.i + 1 < len(doc) else None
        if factor is not None:
            try:
                return float(token.text.replace(",", "")) * factor
            except ValueError:  # "a few km", "dozens of km"
                return None
    return None
