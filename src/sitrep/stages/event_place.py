"""Where an event happened.

The candidates are the places named in the event's own clause, then in the rest of its sentence
less the relative clauses that describe someone ("a commander who was indicted in the U.S."; not
"people who were protesting at X", told in the progressive or the imperfect);
else the nearest place named before it in its paragraph, else the article's most named place (of
the country the article is about first), both coded no finer than precision 2 since the text does
not tie them to the event. A dateline, an organisation's seat, a place standing for its government
("Moscow warned ...") and where someone speaks are never candidates (:mod:`sitrep.stages.place_roles`),
nor an area of a country the article neither is about nor names (a namesake's).
Within the clause or the sentence the smallest place wins: a town before its district, province
and country, the place named before one the event is near; where the clause names an area only,
a smaller place of that area the sentence names wins; a place the event only came from
("fired from X") or lies far from ("420 km south of X") is taken only where nothing else is named.
Where the text names a village the gazetteer lacks ("the village of X", "à X") and the smallest
place known is an area, the event is coded at that area (precision 2 for a district, 3 for a
province or country) with the reason.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Token

from sitrep.geo.resolver import NOT_FOUND, haversine_km
from sitrep.models import DocumentContext, EventFrame, GeoPrecision, Location, PlaceMention
from sitrep.stages.place_words import place_words, word_key
from sitrep.stages.place_roles import came_from, distance_km, stands_for_people, where_someone_speaks

# the size of a kind of place, for "the smallest place wins" (settlements, camps and sites: 0)
AREA_RANK = {"admin2": 1, "admin1": 2, "region": 2, "country": 3}
# an event put further than this from a place ("420 km south of X") is not at that place
FAR_KM = 50.0
# an area of a country the article does not name needs another of its places this close
NAMESAKE_SUPPORT_KM = 300.0
# two places coordinated with an event closer than this are one place told twice
SAME_PLACE_KM = 10.0
# a date this close after a place name, with only spaces, commas and a short word between ("Bamako
# le 20 novembre", "Aleppo on Monday"), is told of that place
DATE_GAP_CHARS = 5
DATE_ARTICLE_CHARS = 2
# dependency labels of the clauses inside a clause ("..., according to workers who said ...")
CLAUSE_LABELS = frozenset({"relcl", "acl:relcl", "acl", "advcl", "ccomp", "csubj", "parataxis", "conj"})
RELATIVE_LABELS = frozenset({"relcl", "acl:relcl"})

# The reason given for a place the text does not name with the event, and the reasons that follow it.
INFERRED = "not named with the event"
EARLIER_IN_PARAGRAPH = "place named earlier in the paragraph"
ARTICLE_FOCUS = "the article's most named place"


def choose_location(frame: EventFrame, context: DocumentContext) -> Location | None:
    """The event's place (see the module's doc)."""
    never, remote = _never_event_places(context), _remote_places(context) | _dated_apart(frame, context)
    candidates = [i for i in frame.places if i not in never and i not in _regions_abroad(context)]
    clause = _clause_tokens(context.doc[frame.head])
    own = [i for i in candidates if context.places[i].name_start in clause]
    describing = _in_relative_clauses(context.doc[frame.head])
    rest = [i for i in candidates if i not in own and context.places[i].name_start not in describing]
    unknown = [context.places[i] for i in own + rest if i not in remote and _unknown_place(context, i)]
    own_best = _smallest([i for i in own if i not in remote], context, unknown)
    rest_best = _smallest([i for i in rest if i not in remote], context, unknown)
    if own_best is not None and rest_best is not None and not unknown and _inside(rest_best, own_best):
        return rest_best  # "rebels quit X as soldiers entered the town in eastern Ukraine": X
    if own_best is not None or rest_best is not None:
        return own_best or rest_best
    trigger_start = frame.trigger.span.start
    paragraph_start, _ = context.lines.bounds(trigger_start)
    earlier = _latest_resolved_between(context, paragraph_start, trigger_start)
    if earlier is not None:
        return _inferred(earlier.location, EARLIER_IN_PARAGRAPH)
    focus = _most_named_place(context)
    if focus is not None:
        return _inferred(focus, ARTICLE_FOCUS)
    named_with = [context.places[i] for i in candidates if _resolved(context.places[i])]
    return named_with[0].location if named_with else None  # a place it came from or lies far from


def coordinated_places(frame: EventFrame, context: DocumentContext, chosen: Location | None) -> list[Location]:
    """The other towns the event's clause coordinates with its chosen one, each a place of its own
    ("des frappes ont visé Saraqib et Ariha", "clashes broke out in Nanterre and Colombes"): ACLED
    codes one event per place. Only settlements the gazetteer knows, more than SAME_PLACE_KM apart,
    never the ends of a route ("between X and Y") nor the chosen place's own district or province
    ("Ratgama (Hikkaduwa, Galle)")."""
    if chosen is None or _area_rank(chosen) > 0 or chosen.latitude is None:
        return []
    first = next((context.places[i] for i in frame.places if context.places[i].location == chosen), None)
    if first is None:
        return []
    doc, found = context.doc, []
    several = _told_as_several(doc[frame.head], context.lang)
    # a word told as several events takes the towns of its sentence, however the parser attached them
    scope = {t.i for t in doc[frame.head].sent} if several else _clause_tokens(doc[frame.head])
    for i in frame.places:
        place = context.places[i]
        where = place.location
        if place is first or place.name_start not in scope or not _resolved(place) or _area_rank(where) > 0 \
                or where.latitude is None or where.name in (chosen.admin1, chosen.admin2) \
                or any(where.name == other.name for other in [chosen, *found]) or _in_brackets(doc[place.name_start]):
            continue
        if haversine_km(chosen.latitude, chosen.longitude, where.latitude, where.longitude) > SAME_PLACE_KM \
                and (several or _coordinated(doc[first.name_start], doc[place.name_start], context.lang)):
            found.append(where)
    return found


def _coordinated(a: Token, b: Token, lang: str) -> bool:
    """Whether the places at ``a`` and ``b`` are told as coordinated: one of them, or the noun it
    is the place of, is a conjunct of the other or of its noun; not the two ends of "between",
    nor names in brackets."""
    between = place_words(lang).between_words  # by their text: French "entre" has the lemma of "entrer"
    near = (a, b, a.head, b.head)
    if any(word_key(c) in between for t in near for c in t.children) or any(word_key(t) in between for t in near):
        return False
    if _in_brackets(a):
        return False  # "Ratgama (Hikkaduwa, Galle, Southern)": the place's containers (``b`` checked by the caller)
    return any(x.dep_ == "conj" and x.head in (y, y.head) for x, y in ((b, a), (b.head, a), (a, b), (a.head, b)))


def _told_as_several(head: Token, lang: str) -> bool:
    """Whether the event word is told as several events ("un double attentat", "twin bombings")."""
    several = place_words(lang).several_words
    before = [head.doc[head.i - 1]] if head.i > 0 else []  # "double attentat", whatever the parser made of it
    return any(word_key(t) in several for t in [*before, *(t for t in head.children if t.dep_ == "amod")])


def _in_brackets(token: Token) -> bool:
    """Whether a bracket opened before ``token`` in its sentence is still open there."""
    before = [t.text for t in token.sent if t.i < token.i and t.text in "()"]
    return bool(before) and before[-1] == "("


def _resolved(place: PlaceMention) -> bool:
    return place.location is not None and place.location.resolved


def _area_rank(location: Location) -> int:
    return AREA_RANK.get(location.feature or "", 0)


def _smallest(tier: list[int], context: DocumentContext, unknown: list[PlaceMention]) -> Location | None:
    """The smallest resolved place of ``tier`` (the first in it among equals); where it is an area
    and the text names a village the gazetteer lacks (``unknown``), coded as that village's area."""
    resolved = [(order, context.places[i].location) for order, i in enumerate(tier) if _resolved(context.places[i])]
    if not resolved:
        return None
    _, best = min(resolved, key=lambda pair: (_area_rank(pair[1]), int(pair[1].geo_precision or 1), pair[0]))
    if unknown and _area_rank(best) > 0:
        return _at_area(best, unknown[0])
    return best


def _inside(place: Location, area: Location) -> bool:
    """True where ``place`` is smaller than ``area`` and lies in it (its country; its province)."""
    if _area_rank(place) >= _area_rank(area) or place.country_code != area.country_code:
        return False
    return area.feature == "country" or (area.admin1 is not None and place.admin1 == area.admin1)


def _at_area(area: Location, village: PlaceMention) -> Location:
    """An event in a village the gazetteer lacks, coded at the smallest area the text names."""
    precision = GeoPrecision.NEAR_OR_PART_OF if area.feature == "admin2" else GeoPrecision.REGION
    return area.model_copy(update={
        "geo_precision": precision,
        "reason": f"'{village.name}' is not in the gazetteer; coded at the smallest area the text names "
                  f"with it, {area.name}"})


def _unknown_place(context: DocumentContext, index: int) -> bool:
    """True for a mention whose name the gazetteer lacks that the text calls a place: a place word
    before it ("the village of X"), a locative preposition ("à X") or another place it contains."""
    place = context.places[index]
    if place.location is None or place.location.resolved or place.location.reason != NOT_FOUND \
            or place.name.isupper():  # a name in capitals is an acronym: a channel, an agency, a unit
        return False
    if place.feature_hint is not None or place.relation is not None:
        return True
    if any(other.container == index for other in context.places):
        return True
    words = place_words(context.lang)
    before = context.doc[place.name_start - 1] if place.name_start > 0 else None
    return before is not None and word_key(before) in words.locative_prepositions


def _in_relative_clauses(head: Token) -> frozenset[int]:
    """The tokens of the sentence's relative clauses that do not hold ``head``: they describe someone
    or something ("an operative who was indicted in the U.S."), not where the event happened;
    not one that tells what someone was doing at the time ("people who were protesting at X",
    "des gens qui manifestaient à X": the progressive or the imperfect)."""
    return frozenset(t.i for clause in head.sent if clause.dep_ in RELATIVE_LABELS and head not in clause.subtree
                     and not _ongoing(clause) for t in clause.subtree)


def _ongoing(verb: Token) -> bool:
    """A verb in the progressive ("were protesting") or the imperfect ("manifestaient")."""
    return verb.tag_ == "VBG" or "Imp" in verb.morph.get("Tense")


def _clause_tokens(head: Token) -> frozenset[int]:
    """The tokens of the clause of ``head``: the subtree of its verb (the head itself where it is
    one) less the clauses inside it that do not hold the head."""
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        verb = head
    tokens = {t.i for t in verb.subtree}
    for token in verb.subtree:
        if token.i != verb.i and token.dep_ in CLAUSE_LABELS and not (token.dep_ == "conj" and token.pos_ not in ("VERB", "AUX")) \
                and head.i not in {t.i for t in token.subtree}:
            tokens.difference_update(t.i for t in token.subtree)
    return frozenset(tokens)


@lru_cache(maxsize=1)  # documents are coded one at a time
def _remote_places(context: DocumentContext) -> frozenset[int]:
    """Indices of the mentions of places the event came from ("fired from X") or lies far from
    ("420 km south of X")."""
    doc, words = context.doc, place_words(context.lang)
    return frozenset(i for i, place in enumerate(context.places) if place.antecedent is None and (
        came_from(doc, place, words) or (distance_km(doc, place, words) or 0.0) > FAR_KM))


@lru_cache(maxsize=1)  # documents are coded one at a time
def _regions_abroad(context: DocumentContext) -> frozenset[int]:
    """Indices of the mentions resolved to an area of a country the article neither is about nor
    names, far from every other place it names: a namesake's (a region of that name in South
    America for an article on Central Africa, a demonym read as a like-spelt province abroad),
    not taken without stronger evidence than the
    name; an area near the article's other places is no namesake (Gaza beside Ashkelon)."""
    resolved = [p for p in context.places if _resolved(p) and p.role is None]
    named = {p.location.country for p in resolved if p.location.feature == "country"} | {context.country}
    abroad = [i for i, p in enumerate(context.places) if _resolved(p) and p.location.feature in ("admin1", "admin2")
              and p.location.country not in named]
    return frozenset(i for i in abroad if not any(
        p.location.country != context.places[i].location.country
        and haversine_km(p.location.latitude, p.location.longitude, context.places[i].location.latitude,
                         context.places[i].location.longitude) <= NAMESAKE_SUPPORT_KM for p in resolved))


def _may_be_inferred(context: DocumentContext, index: int, people: bool = False) -> bool:
    """True for a resolved mention that may stand for an event not named with it (``people``: a
    country named for its government or people counts too: it says what country the article is about)."""
    place = context.places[index]
    if not _resolved(place) or index in _remote_places(context) or index in _regions_abroad(context):
        return False
    return index not in _never_event_places(context) or (
        people and place.role is None and place.location.feature == "country")


@lru_cache(maxsize=1)  # documents are coded one at a time
def _never_event_places(context: DocumentContext) -> frozenset[int]:
    """Indices of the mentions that are never an event's place: datelines, organisations' seats,
    places standing for their government or people, places where someone speaks."""
    doc, words = context.doc, place_words(context.lang)
    return frozenset(i for i, place in enumerate(context.places) if place.role is not None or (
        place.antecedent is None and (stands_for_people(doc, place, words)
                                      or where_someone_speaks(doc, place, words, context.reporting_verbs))))


def _inferred(location: Location, why: str) -> Location:
    precision = max(int(location.geo_precision or 1), int(GeoPrecision.NEAR_OR_PART_OF))
    return location.model_copy(update={"geo_precision": GeoPrecision(precision), "reason": f"{INFERRED}: {why}"})


def _latest_resolved_between(context: DocumentContext, start: int, end: int) -> PlaceMention | None:
    """The smallest place of the last sentence that names a resolved place in [start, end) that
    may be an event's place ("Kharkiv, the second city of Ukraine": Kharkiv)."""
    found: list[PlaceMention] = []
    indices, starts = _inferable_places(context)
    for index in reversed(indices[:bisect_left(starts, end)]):
        place = context.places[index]
        if place.span.start < start or (found and place.sentence_start != found[0].sentence_start):
            break
        found.append(place)
    return min(found, key=lambda p: (_area_rank(p.location), int(p.location.geo_precision or 1))) if found else None


def _dated_apart(frame: EventFrame, context: DocumentContext) -> frozenset[int]:
    """The frame's places told with a day of their own that is not the event's ("Après Bamako le 20
    novembre 2015 et Ouagadougou le 15 janvier 2016, c'était le tour de Grand-Bassam"): other
    events' places."""
    starts = _date_starts(context)
    apart = set()
    for index in frame.places:
        end = context.places[index].span.end
        for date in context.dates[bisect_left(starts, end):bisect_left(starts, end + DATE_GAP_CHARS + 1)]:
            between = context.text[end:date.span.start].strip(" ,")
            if len(between) <= DATE_ARTICLE_CHARS and (not between or between.isalpha()) \
                    and date.after_previous is None and (frame.date is None or date.date != frame.date.date):
                apart.add(index)
    return frozenset(apart)


@lru_cache(maxsize=1)  # documents are coded one at a time
def _date_starts(context: DocumentContext) -> list[int]:
    """Where each date mention starts (mentions are in text order)."""
    return [date.span.start for date in context.dates]


@lru_cache(maxsize=1)  # documents are coded one at a time
def _inferable_places(context: DocumentContext) -> tuple[list[int], list[int]]:
    """The indices of the mentions that may stand for an event not named with them, and where each
    starts (mentions are in text order; a long text's events would each read every mention)."""
    indices = [index for index in range(len(context.places)) if _may_be_inferred(context, index)]
    return indices, [context.places[index].span.start for index in indices]


@lru_cache(maxsize=1)  # documents are coded one at a time
def _most_named_place(context: DocumentContext) -> Location | None:
    """The place the article names most often (as a place that may be an event's), those of the
    country it is about first, the smallest among equals."""
    counts: dict[tuple, tuple[int, Location]] = {}
    for index, place in enumerate(context.places):
        loc = place.location
        if not _may_be_inferred(context, index, people=True):
            continue
        key = (loc.name, loc.latitude, loc.longitude)
        count, first = counts.get(key, (0, loc))
        counts[key] = (count + 1, first)
    if not counts:
        return None
    return max(counts.values(), key=lambda c: (c[1].country == context.country, c[0], -_area_rank(c[1])))[1]


def is_coarse(location: Location) -> bool:
    """A place that is a country or an area, or the article's focus for want of one named with the
    event (a place named earlier in its paragraph is the event's as the story goes on)."""
    return location.geo_precision == GeoPrecision.REGION or (location.reason or "").endswith(ARTICLE_FOCUS)
