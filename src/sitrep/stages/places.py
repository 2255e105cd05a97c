"""Place mentions: the names :mod:`sitrep.stages.place_names` finds, with the cue words around them
read, then geocoded against the gazetteer.

A mention is a place name plus the cue words around it that say what kind of place it is ("camp
Handarate", "Aleppo province") and how the event relates to it ("près de X", "the outskirts of X",
"20 km north of X", "les quartiers est d'Alep"). The cue words are language data
(lang/<code>/places.yaml); the resolution is :mod:`sitrep.geo.resolver`.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from sitrep.actors.kb import knowledge_base
from sitrep.geo.names import exact_key
from sitrep.models import GeoPrecision, Location, PlaceMention
from sitrep.stages.place_cues import MAX_CUE_TOKENS
from sitrep.stages.place_names import find_names
from sitrep.stages.place_words import PlaceWords, place_words, type_after, word_key
from sitrep.stages.place_roles import mark_roles
from sitrep.text import span_of

if TYPE_CHECKING:
    from sitrep.geo.store import Gazetteer

# punctuation that joins a place to its container: "Kismaayo (Lower Juba)", "Dawlat Abad, Balkh"
CONTAINER_PUNCTUATION = frozenset({",", "("})


def _indefinite(noun: Token) -> bool:
    return any("Ind" in child.morph.get("Definite") for child in noun.children if child.dep_ == "det")


def _bearing(word: str, words: PlaceWords) -> int | None:
    """The compass bearing a cue word names ("north": 0, "northeastern": 45); None for other words."""
    direction = max((d for d in words.directions if word.startswith(d)), key=len, default=None)
    return None if direction is None else words.directions[direction]


def _read_cues(doc: Doc, mention: PlaceMention, floor: int, words: PlaceWords) -> int:
    """Fill the mention's cues from the words before (down to token ``floor``) and after its name;
    returns the token index the backward scan stopped at."""
    index = mention.name_start - 1
    phrase_start = mention.name_start
    inside = False  # "a village in X": the place word names some place inside X, not X
    while index >= floor and mention.name_start - index <= MAX_CUE_TOKENS:
        token = doc[index]
        w = word_key(token)
        if w in words.types_before and (inside or _indefinite(token)) and mention.feature_hint is None:
            # "a village in X", "a neighbourhood of X": some place of X; "the village of X" is X
            mention.relation = mention.relation or "part"
        elif w in words.types_before and mention.feature_hint is None and mention.relation is None:
            mention.feature_hint = words.types_before[w]
        elif (w in words.parts_before or w in words.directions) and not (
                _bearing(w, words) is not None and word_key(doc[index + 1]) in words.types_before):
            # not "the western city of X" (but "west of the city of X"): the compass word places the
            # city in its country
            mention.relation = mention.relation or "part"
            if mention.bearing is None:
                mention.bearing = _bearing(w, words)
        elif w in words.types_before:
            mention.feature_hint = mention.feature_hint or words.types_before[w]
        elif w in words.near_before or w in words.distance_units or (
                token.like_num and token.pos_ != "DET" and mention.relation):  # "5 km from", not "un quartier"
            mention.relation = "near"
        elif w in words.connectors or w in words.inside_prepositions:
            inside = inside or w in words.inside_prepositions
            index -= 1
            continue
        else:
            break
        phrase_start = index
        index -= 1
    phrase_end = mention.name_end
    if phrase_end < len(doc):
        after = word_key(doc[phrase_end])
        kind = type_after(doc, phrase_end, words)
        if kind is not None and mention.feature_hint is None:
            phrase_end += kind[0]
            mention.feature_hint = kind[1]
        elif after in words.parts_after or (after in words.directions and doc[phrase_end].text[:1].isupper()):
            mention.relation = mention.relation or "part"
            if after in words.directions and mention.bearing is None:
                mention.bearing = words.directions[after]
            phrase_end += 1
    mention.token_start, mention.token_end = phrase_start, phrase_end
    phrase = doc[phrase_start:phrase_end]
    mention.text = phrase.text
    mention.span = span_of(phrase)
    return index


def _sentence_start(token: Token) -> int:
    doc = token.doc
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return token.sent.start
    return 0


def mention_for(doc: Doc, start: int, end: int) -> PlaceMention:
    """A bare mention of the name at tokens [start, end), before its cues are read."""
    name = doc[start:end]
    return PlaceMention(text=name.text, span=span_of(name),
                        token_start=start, token_end=end, name=name.text, name_start=start, name_end=end,
                        sentence_start=_sentence_start(doc[start]))


def _listed_with(doc: Doc, first: PlaceMention, second: PlaceMention) -> bool:
    """"à Gao, Kidal et Tombouctou": a name the parse coordinates with the one before it, or
    hangs beside it on the same word in the same role, is the next item of a list, not the area
    that one lies in ("Dawlat Abad, Balkh")."""
    names = range(first.name_start, first.name_end)
    heads = {t.head.i: t.dep_ for t in doc[first.name_start:first.name_end] if t.head.i not in names}
    return any(t.dep_ == "conj" and t.head.i in names or heads.get(t.head.i) == t.dep_
               for t in doc[second.name_start:second.name_end])


def _apposed_container(apposition: Span, words: PlaceWords) -> bool:
    """"X, a town in the municipality of Y", "X, un village de la commune de Y": the words between
    two names (cue words included) are an apposition that calls X a place and puts it in Y (only
    articles, modifiers, place words and prepositions)."""
    if len(apposition) < 3 or apposition[0].text != "," \
            or not any(word_key(t) in words.types_before for t in apposition):
        return False
    return all(t.pos_ in ("DET", "ADJ", "ADV") or word_key(t) in words.types_before or word_key(t) in words.types_after
               or word_key(t) in words.connectors for t in apposition[1:])


def read_cues(doc: Doc, mentions: list[PlaceMention], lang: str) -> list[PlaceMention]:
    """Read each mention's cue words and link it to the next mention where that one names its
    container ("camp X dans le nord-est de la province d'Alep", "Kismaayo (Lower Juba)")."""
    words = place_words(lang)
    previous_end = 0
    for index, mention in enumerate(mentions):
        floor = max(previous_end, mention.sentence_start)
        stopped = _read_cues(doc, mention, floor, words)
        if index > 0 and mentions[index - 1].sentence_start == mention.sentence_start:
            gap = doc[previous_end:mention.token_start]
            joined = stopped < floor or all(t.text in CONTAINER_PUNCTUATION for t in gap) \
                or _apposed_container(doc[previous_end:mention.name_start], words)
            if joined and mentions[index - 1].container is None and not _listed_with(doc, mentions[index - 1], mention):
                mentions[index - 1].container = index
        previous_end = mention.token_end
    return mentions


def find_places(doc: Doc, lang: str, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Every place mention of ``doc``, in text order, with its cue words read (``gazetteer``:
    the one that confirms names after a bare preposition; default: the embedded default)."""
    from sitrep.geo.build import area_abbreviations, open_gazetteer

    gazetteer = gazetteer or open_gazetteer()
    found = find_names(doc, lang, lambda name: bool(gazetteer.by_key(exact_key(name))), area_abbreviations())
    words = place_words(lang)
    mentions = read_cues(doc, [mention_for(doc, start, end) for start, end in found], lang)
    mark_roles(doc, mentions, words)
    return _with_back_references(doc, mentions, words)


def _with_back_references(doc: Doc, mentions: list[PlaceMention], words: PlaceWords) -> list[PlaceMention]:
    """Add "ces quartiers (Est)", "this town": a demonstrative with a place word names the latest
    earlier mention whose phrase has that word ("les quartiers est d'Alep")."""
    taken = {i for m in mentions for i in range(m.token_start, m.token_end)}
    place_words_ = set(words.parts_before) | set(words.types_before)
    added: list[PlaceMention] = []
    for token in doc[:-1]:
        noun = doc[token.i + 1]
        if word_key(token) not in words.demonstratives or word_key(noun) not in place_words_ or noun.i in taken:
            continue
        earlier = [i for i, m in enumerate(mentions) if m.token_end <= token.i
                   and any(word_key(t) == word_key(noun) for t in doc[m.token_start:m.token_end])]
        if not earlier:
            continue
        end = noun.i + 1 + (noun.i + 1 < len(doc) and word_key(doc[noun.i + 1]) in words.directions)
        back = mention_for(doc, token.i, end)
        back.antecedent = earlier[-1]
        added.append(back)
    return sorted(mentions + added, key=lambda m: m.token_start) if added else mentions


def geocode(doc: Doc, places: list[PlaceMention], lang: str, gazetteer: Gazetteer | None = None,
            hints: Sequence[str] = ()) -> str | None:
    """Fill every mention's location; return the document's country focus as ACLED names countries
    (e.g. "Syria"), or None where no place resolves. Datelines and organisations' seats are
    resolved apart: they say where a story was filed or an organisation sits, not what the article
    is about, and count for the focus only where nothing else does. ``hints``: countries the rest
    of the text points to (the home of an armed group it names), votes for the focus
    (geo/context.py HINT_VOTES)."""
    from sitrep.geo.build import open_gazetteer

    gazetteer = gazetteer or open_gazetteer()
    hinted = frozenset(code for code, country in gazetteer.countries().items()
                       if acled_country(country.name) in hints) if hints else frozenset()
    named = [p for p in places if p.antecedent is None]  # antecedent indices count these, in text order
    focus = _resolve_apart(named, [p for p in named if p.role is None], gazetteer, hinted)
    apart_focus = _resolve_apart(named, [p for p in named if p.role is not None], gazetteer)
    focus = acled_country(focus or apart_focus)
    for place in named:
        if place.location is not None and place.location.country is not None:
            place.location = place.location.model_copy(update={"country": acled_country(place.location.country)})
    _read_alike(named, focus)
    for place in places:
        if place.antecedent is not None:
            antecedent = named[place.antecedent]
            place.location = antecedent.location.model_copy(update={
                "text": place.text, "span": place.span,
                "reason": f"points back to '{antecedent.text}'" + (f"; {antecedent.location.reason}"
                                                                    if antecedent.location.reason else "")})
    return focus


def acled_country(name: str | None) -> str | None:
    """A country as ACLED names it, from GeoNames' name: "Palestine", not "Palestinian Territory";
    "Democratic Republic of Congo", not "... of the Congo" (the actor knowledge base's countries)."""
    return (knowledge_base().country_named(name) or name) if name else None


def _resolve_apart(named: list[PlaceMention], group: list[PlaceMention], gazetteer: Gazetteer,
                   hinted: frozenset[str] = frozenset()) -> str | None:
    """Resolve ``group``, some of the ``named`` mentions, on its own (its container links
    renumbered within it, links to mentions outside it left out); return its focus."""
    from sitrep.geo.resolver import resolve_mentions

    if not group:
        return None
    position = {id(m): i for i, m in enumerate(group)}
    links = [m.container for m in group]
    for mention in group:
        container = named[mention.container] if mention.container is not None else None
        mention.container = position.get(id(container)) if container is not None else None
    try:
        return resolve_mentions(group, gazetteer, hinted=hinted)
    finally:
        for mention, link in zip(group, links):
            mention.container = link


def _read_alike(named: list[PlaceMention], focus: str | None) -> None:
    """One name, one place in one article: a mention resolved to a place abroad ("the Kamenka
    region": a province of that name in Kazakhstan) or not resolved takes the reading of another
    mention of the same name in the country the article is about (Kamenka, Ukraine); one that names
    an area around it, precision 2."""
    at_home: dict[str, Location] = {}
    for mention in named:
        location = mention.location
        if location is not None and location.resolved and location.country == focus and location.feature != "country":
            at_home.setdefault(exact_key(mention.name), location)
    for mention in named:
        location = mention.location
        home = at_home.get(exact_key(mention.name))
        if home is None or (location is not None and location.resolved
                            and (location.country == focus or location.feature == "country")):
            continue
        area = mention.relation is not None or mention.feature_hint not in (None, "populated_place", "city")
        precision = max(int(home.geo_precision or 1), int(GeoPrecision.NEAR_OR_PART_OF) if area else 1)
        mention.location = home.model_copy(update={
            "text": mention.text, "span": mention.span, "geo_precision": GeoPrecision(precision),
            "reason": f"read as '{home.text}' elsewhere in the article, in {focus}"})
