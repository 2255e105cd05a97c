"""Resolve place mentions against the gazetteer, using the whole document as context.

1. Candidates: places with a name of the same exact key, and places whose name shares the sound key
   and is close under rapidfuzz (only for names of 5+ letters).
2. Country focus: the country most unambiguous mentions point to.
3. Each mention's candidates are scored: match quality, focus country, population, fit with the
   kind of place the cue words name, nearness to the other places of the document. A fuzzy match or
   a small place outside the focus is refused rather than guessed.
4. A mention whose name is unknown but whose container the text gives ("camp X in the north-east of
   Aleppo province"), or that the cue words call a camp/neighbourhood/village inside a place of the
   same sentence, is coded at that container, coarser; its namesakes later in the text follow it.
5. geo_precision as taxonomy.md defines it: 1 the named place, 2 near/part of a place, 3 a region.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from sitrep.geo.build import area_abbreviations, open_gazetteer
from sitrep.geo.names import exact_key, sound_key
from sitrep.geo.store import Gazetteer, Place
from sitrep.models import GeoPrecision, Location, PlaceMention

# names shorter than this (in key letters) match exactly or not at all; a name the gazetteer holds
# exactly is never matched fuzzily to another
FUZZY_MIN_LENGTH = 5
# the least rapidfuzz ratio between two exact keys for a fuzzy match
FUZZY_MIN_RATIO = 85.0
# the words of a name, for the check that a fuzzy match keeps them all
WORD_SPLIT = re.compile(r"[\s\-]+")
# an acronym has at most this many letters
ACRONYM_MAX_LETTERS = 4
# candidates per other mention that count as context (the likeliest before context)
CONTEXT_CANDIDATES = 5
# places of one document within this distance support each other
CONTEXT_KM = 100.0
# a camp or neighbourhood must lie this close to the place the text puts it in
INSIDE_KM = 30.0
# a place the text puts in an admin area must lie this close to the area's main town where the
# gazetteer cannot tell otherwise ("X district, Ghazni"); one put in a town, this close to it
ADMIN1_KM = 400.0
AREA_KM = 150.0
TOWN_KM = 50.0
# an area's main town lies at the area's point (the default gazetteer places areas at their main town)
MAIN_TOWN_KM = 1.0
# where the focus is clear (this many votes: a named country, a named admin area, two places), a
# place of another country is taken only if the document names that country, or if it is this big
FOCUS_MIN_VOTES = 1.5
FOREIGN_MIN_POPULATION = 1_000_000
# ... or if this many other names of the article lie near it (one may be a namesake's: "Koro")
FOREIGN_MIN_SUPPORT = 2
# what a place's own name adds over another place's alternate name ("Gao" is Gao, not Guantánamo)
PRIMARY_BONUS = 0.5
NOT_FOUND = "name not in the gazetteer"
NOT_ACCEPTABLE = "only candidates far from the article's places or of another kind"
# people per km² of a town, to size it from its population; a part named by a compass direction
# is coded half its radius from the centre, at most MAX_PART_OFFSET_KM
URBAN_DENSITY = 5000
MAX_PART_OFFSET_KM = 8.0
KM_PER_DEGREE = 111.32
RELATION_REASONS = {"part": "the text names part of this place", "near": "the text places it near this place"}
REGION_FEATURES = frozenset({"country", "admin1", "admin2", "region"})
LOCAL_HINTS = frozenset({"neighbourhood", "camp", "site"})
# kinds of place that, unknown, are coded at the settlement or region their sentence names
INSIDE_HINTS = LOCAL_HINTS | {"populated_place"}


@dataclass(frozen=True)
class Candidate:
    place: Place
    match: float  # 1.0 for an exact key, the rapidfuzz ratio / 100 otherwise
    primary: bool = False  # the key is the place's own name, not one of its alternate names


def km_between(a: Place, b: Place) -> float:
    """Great-circle distance in km (infinite where one has no point)."""
    if not (a.has_point and b.has_point):
        return math.inf
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def is_acronym(name: str) -> bool:
    """True for an acronym or abbreviation written in capitals: at most ACRONYM_MAX_LETTERS
    letters, two or more of them capitals ("UF", "NGO", "MoD", "U.S.", "NoMa")."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) <= ACRONYM_MAX_LETTERS and sum(c.isupper() for c in letters) >= 2


def _keeps_words(name: str, other_key: str) -> bool:
    """True where a fuzzy match keeps every word of a multi-word name: each word of 5+ letters is
    found, spelt nearly alike, in the other name, each shorter word exactly ("Yuba City" is not
    "Cuba City", "Red Line" not "Red Lion", "Kansas City" not "Kansas")."""
    words = [k for k in (exact_key(w) for w in WORD_SPLIT.split(name)) if len(k) > 2]
    if len(words) < 2:
        return True
    return all(word in other_key if len(word) < FUZZY_MIN_LENGTH
               else fuzz.partial_ratio(word, other_key) >= FUZZY_MIN_RATIO for word in words)


def candidates(gazetteer: Gazetteer, name: str) -> list[Candidate]:
    key = exact_key(name)
    if not key:
        return []
    found = {p.id: Candidate(p, 1.0, exact_key(p.name) == key) for p in gazetteer.by_key(key)}
    letters = "".join(c for c in name if c.isalpha())
    abbreviations = area_abbreviations()
    if key in abbreviations and letters not in abbreviations[key]:
        # an area's abbreviation names it only written so: "La." is Louisiana, "L.A." is not
        found = {i: c for i, c in found.items() if c.primary or c.place.feature not in REGION_FEATURES}
    if is_acronym(name):
        # an acronym names a country or an area by its abbreviation ("U.S.", "UAE"), a place whose
        # own name it is, written alike ("NoMa"), or a city of a million people known by one
        # written with periods ("L.A."); another place's name that reads so is a code or another
        # word ("MoD" is no Maud, "UF" no Ufa, "U.S." no Us in France)
        return [c for c in found.values() if c.place.feature in REGION_FEATURES
                or (c.primary and "".join(ch for ch in c.place.name if ch.isalpha()) == letters)
                or ("." in name and c.place.population >= FOREIGN_MIN_POPULATION)]
    if not found and len(key) >= FUZZY_MIN_LENGTH:
        for other_key, place in gazetteer.by_sound(sound_key(key)):
            if place.id not in found:
                ratio = fuzz.ratio(key, other_key)
                if ratio >= FUZZY_MIN_RATIO and _keeps_words(name, other_key):
                    found[place.id] = Candidate(place, ratio / 100.0)
    return list(found.values())


def _prior(candidate: Candidate) -> tuple:
    """How likely a place is, before context: countries, then admin areas, then by population."""
    rank = {"country": 2, "admin1": 1}.get(candidate.place.feature, 0)
    return candidate.match, rank, candidate.place.population


def country_focus(per_mention: list[list[Candidate]], names: list[str] | None = None,
                  named_areas: dict[tuple[str | None, str], set[str]] | None = None,
                  near: Callable[[Place, str], bool] | None = None) -> tuple[str | None, float]:
    """The country exactly matched mentions point to most, and its votes.

    A mention counts, of its exactly matched candidates, those that lie in a first-level area
    another name of the document names (``named_areas``: (country, area key) -> names naming it;
    "Alexandria" beside "Virginia"); else a country by its own name ("Russia", not Russia, Ohio;
    not where an area elsewhere has that name too: "Georgia"); else the places near another name's
    likeliest place (``near``; "Paris" beside Urbana, Illinois); else the places of that own name
    ("Gao" is Gao, not Guantánamo's alternate name). If they all lie in one country it gives it one
    vote (two for the country's name, 1.5 for an admin area's), else it splits one vote among their
    countries by population. Mentions of one name (``names``) are read alike."""
    named_areas = named_areas or {}
    keys = [exact_key(n) for n in names] if names is not None else [str(i) for i in range(len(per_mention))]
    repeats = Counter(keys)
    votes: Counter[str] = Counter()
    seen: set[str] = set()
    for key, found in zip(keys, per_mention):
        if key in seen:
            continue
        seen.add(key)
        weight_of_name = repeats[key]
        exact = [c for c in found if c.match == 1.0 and c.place.country_code]
        in_area = [c for c in exact if c.place.feature not in REGION_FEATURES
                   and named_areas.get((c.place.country_code, exact_key(c.place.admin1 or "")), set()) - {key}]
        # a country's own name, unless an area elsewhere bears it too ("Georgia")
        countries = [c for c in exact if c.primary and c.place.feature == "country"]
        if any(c.primary and c.place.feature == "admin1" and c.place.country_code not in
               {k.place.country_code for k in countries} for c in exact):
            countries = []
        supported = [c for c in exact if near is not None and c.place.feature not in REGION_FEATURES
                     and c.place.has_point and near(c.place, key)]
        exact = in_area or countries or supported or [c for c in exact if c.primary] or exact
        places = [c.place for c in exact]
        named = {p.country_code for p in places if p.feature == "country"}
        areas = {p.country_code for p in places if p.feature == "admin1"}
        weight: Counter[str] = Counter()
        for place in places:
            weight[place.country_code] = max(weight[place.country_code], place.population + 1000)
        if len(weight) == 1:
            code = next(iter(weight))
            votes[code] += weight_of_name * (2.0 if code in named else 1.5 if code in areas else 1.0)
            continue
        total = sum(weight.values())
        for code, population in weight.items():
            votes[code] += weight_of_name * population / total
    if not votes:
        return None, 0.0
    return votes.most_common(1)[0]


def _type_fit(hint: str | None, feature: str, contains: bool = False) -> float:
    """How well a place's kind fits the cue words; a name the text gives as a container
    ("Dawlat Abad district, Balkh") is read as an area where it can be one."""
    if hint is None and contains:
        return 1.0 if feature in REGION_FEATURES else 0.0
    if hint is None:
        return {"country": 2.0, "admin1": 0.5, "admin2": -0.2}.get(feature, 0.0)
    if feature == hint or (hint == "city" and feature == "populated_place"):
        return 1.0
    if hint in REGION_FEATURES or feature in REGION_FEATURES:
        return -1.5
    return 0.0


@dataclass(frozen=True)
class Context:
    """What the rest of the document says: its focus, the countries it names, the likeliest places
    of its other mentions (by name), the admin1 areas it names."""

    focus: str | None
    focus_votes: float
    named_countries: frozenset[str]
    places_by_name: dict[str, tuple[Place, ...]]
    # (country, area key) -> the keys of the names that name the area, and the area's places
    admin1_areas: dict[tuple[str | None, str], tuple[frozenset[str], tuple[Place, ...]]]
    # country code -> the keys of the names that name the country
    country_names: dict[str, frozenset[str]] = field(default_factory=dict)

    def support(self, place: Place, own_name: str, local: bool = False) -> int:
        """How many other names of the document have a likely place within CONTEXT_KM of ``place``
        or are the admin1 area it lies in or (unless ``local``, for a city of a million) the country
        it lies in, where that is not the focus."""
        count = _near_count(self.places_by_name, place, own_name)
        # a city of a million people in another country than the focus that the document names
        # ("London" beside "Britain" in a story about Russia)
        if not local and place.feature not in REGION_FEATURES and place.population >= FOREIGN_MIN_POPULATION \
                and place.country_code != self.focus \
                and self.country_names.get(place.country_code or "", frozenset()) - {own_name}:
            count += 1
        # the admin1 area it lies in, named by another name, or by its own where the town bears
        # the area's name or is its main town ("Alep" is Aleppo, the town; "Washington" is the
        # capital of the District of Columbia; "Montana" is no support for Montana City, a town
        # that has the state's name among its alternate names)
        naming, areas = self.admin1_areas.get((place.country_code, exact_key(place.admin1 or "")), (frozenset(), ()))
        if place.feature not in REGION_FEATURES and naming and (
                naming - {own_name} or any(exact_key(area.name) == exact_key(place.name)
                                           or km_between(place, area) <= MAIN_TOWN_KM for area in areas)):
            count += 1
        return count

    def country_support(self, code: str | None, own_name: str) -> bool:
        """True where another name's likeliest place lies in country ``code``."""
        return any(name != own_name and places and places[0].country_code == code
                   for name, places in self.places_by_name.items())


def _near_count(places_by_name: dict[str, tuple[Place, ...]], place: Place, own_name: str) -> int:
    """How many other names have a likely place within CONTEXT_KM of ``place`` (a country's point
    is its capital: naming a country says nothing of what lies near it)."""
    return sum(1 for name, places in places_by_name.items()
               if name != own_name and any(p.id != place.id and p.feature != "country"
                                           and abs(p.latitude - place.latitude) < 1.0
                                           and km_between(place, p) <= CONTEXT_KM for p in places))


def _likely_places(mentions: list[PlaceMention], found: list[list[Candidate]]) -> dict[str, tuple[Place, ...]]:
    """Each name's likeliest places before context (CONTEXT_CANDIDATES of them, by :func:`_prior`),
    of those it names by their own name where there are such ("Washington" is the state and the
    towns of that name, not the town that once bore it)."""
    likely: dict[str, tuple[Place, ...]] = {}
    for mention, candidates_here in zip(mentions, found):
        with_point = [c for c in candidates_here if c.place.has_point]
        own = [c for c in with_point if c.primary and c.match == 1.0] or with_point
        ranked = sorted(own, key=_prior, reverse=True)
        likely.setdefault(exact_key(mention.name), tuple(c.place for c in ranked[:CONTEXT_CANDIDATES]))
    return likely


def lies_in(place: Place, area: Place) -> bool:
    """True where ``place`` can be inside ``area``: in the country; in the admin1 area (by GeoNames
    code, else by admin1 name, else within ADMIN1_KM); within AREA_KM of another area's main town,
    within TOWN_KM of a town."""
    if place.country_code != area.country_code:
        return False
    if area.feature == "country":
        return True
    if area.feature == "admin1":
        if area.admin1_code and place.admin1_code:
            return place.admin1_code == area.admin1_code
        if area.admin1 and place.admin1:
            return exact_key(place.admin1) == exact_key(area.admin1)
        return km_between(place, area) <= ADMIN1_KM
    return km_between(place, area) <= (AREA_KM if area.feature in REGION_FEATURES else TOWN_KM)


def _acceptable(candidate: Candidate, mention: PlaceMention, context: Context, support: int,
                inside: Place | None) -> bool:
    place = candidate.place
    if mention.feature_hint in LOCAL_HINTS and place.feature not in LOCAL_HINTS and inside is not None:
        return km_between(place, inside) <= INSIDE_KM
    if mention.container is not None and inside is not None and not lies_in(place, inside):
        return False
    clear_focus = context.focus is not None and context.focus_votes >= FOCUS_MIN_VOTES
    if candidate.match < 1.0:
        # a near-spelling abroad, where the article is clearly about one country, is a guess too far
        return place.country_code == context.focus or (
            not clear_focus and context.support(place, exact_key(mention.name), local=True) > 0)
    if clear_focus and place.country_code != context.focus:
        return (place.feature in REGION_FEATURES or place.country_code in context.named_countries
                or place.population >= FOREIGN_MIN_POPULATION or support >= FOREIGN_MIN_SUPPORT)
    return True


def _score(candidate: Candidate, mention: PlaceMention, context: Context, support: int, contains: bool,
           local_rival: bool = False) -> float:
    place = candidate.place
    fit = _type_fit(mention.feature_hint, place.feature, contains)
    if local_rival and place.feature == "country" and place.country_code != context.focus:
        # a foreign country's name is read as a town of the focus country that lies among the
        # document's other places ("a Lebanon woman" beside Fairfield, Ohio: Lebanon, Ohio)
        fit = min(fit, 0.0)
    score = candidate.match + 0.1 * math.log10(place.population + 1) + fit
    if context.focus is not None and place.country_code == context.focus:
        score += 1.5
    if candidate.primary:
        score += PRIMARY_BONUS
    return score + 0.7 * min(support, 3)


def _best(found: list[Candidate], mention: PlaceMention, context: Context, inside: Place | None,
          contains: bool) -> Place | None:
    own_name = exact_key(mention.name)
    scored = [(candidate, context.support(candidate.place, own_name)) for candidate in found
              if candidate.place.has_point]
    scored = [(candidate, support) for candidate, support in scored
              if _acceptable(candidate, mention, context, support, inside)]
    # a town of the focus country, so named, among the document's other places, where nothing
    # else of the document lies in the foreign country of the same name
    local_rival = context.focus is not None and any(
        c.primary and c.place.country_code == context.focus and c.place.feature not in REGION_FEATURES
        and context.support(c.place, own_name, local=True) > 0 for c, _ in scored) and not any(
        c.place.feature == "country" and c.place.country_code != context.focus
        and context.country_support(c.place.country_code, own_name) for c, _ in scored)
    best, best_score = None, -math.inf
    for candidate, support in scored:
        score = _score(candidate, mention, context, support, contains, local_rival)
        if score > best_score:
            best, best_score = candidate.place, score
    return best


def _precision(place: Place, relation: str | None) -> GeoPrecision:
    if place.feature in REGION_FEATURES:
        return GeoPrecision.REGION
    return GeoPrecision.NEAR_OR_PART_OF if relation else GeoPrecision.NAMED_PLACE


def _location(gazetteer: Gazetteer, mention: PlaceMention, place: Place, precision: GeoPrecision,
              reason: str | None) -> Location:
    admin1 = place.admin1 or gazetteer.admin1_names(place.country_code or "").get(place.admin1_code or "")
    return Location(text=mention.text, name=place.name, latitude=place.latitude, longitude=place.longitude,
                    admin1=admin1, admin2=place.admin2, country=gazetteer.country_name(place.country_code),
                    country_code=place.country_code, feature=place.feature, geonameid=place.geonameid,
                    geo_precision=precision, resolved=True, reason=reason, span=mention.span)


def _unresolved(mention: PlaceMention, reason: str) -> Location:
    return Location(text=mention.text, name=mention.name, resolved=False, reason=reason, span=mention.span)


def _container_place(index: int, mentions: list[PlaceMention], picks: list[Place | None]) -> Place | None:
    """The place the text puts mention ``index`` in: its linked container (or that one's, where it
    is unknown), else (for a camp,
    neighbourhood or village) the nearest resolved settlement or region of the same sentence."""
    mention = mentions[index]
    # an unknown container passes the question up to its own ("the X area of Y district, Herat")
    container = mention.container
    while container is not None and picks[container] is None:
        container = mentions[container].container
    if container is not None:
        return picks[container]
    if mention.feature_hint not in INSIDE_HINTS:
        return None
    same_sentence = [(abs(j - index), picks[j]) for j, other in enumerate(mentions)
                     if j != index and other.sentence_start == mention.sentence_start and picks[j] is not None
                     and other.relation != "near"]
    ordered = sorted(same_sentence, key=lambda pair: (pair[1].feature in REGION_FEATURES, pair[0]))
    return ordered[0][1] if ordered else None


def resolve_mentions(mentions: list[PlaceMention], gazetteer: Gazetteer | None = None) -> str | None:
    """Fill ``location`` on every mention; return the focus country's name."""
    gazetteer = gazetteer or open_gazetteer()
    found = [candidates(gazetteer, m.name) for m in mentions]
    named_areas: dict[tuple[str | None, str], set[str]] = {}
    for f, m in zip(found, mentions):
        for c in f:
            if c.place.feature == "admin1" and c.match == 1.0 and c.primary:
                named_areas.setdefault((c.place.country_code, exact_key(c.place.name)), set()).add(exact_key(m.name))
    likely = _likely_places(mentions, found)
    # for the focus, a place is supported by the likeliest reading of another name only: namesakes
    # cluster (New England's Norwich, Sunderland and Yorkshire) where the readings are many
    likeliest = {name: places[:1] for name, places in likely.items()}
    focus, focus_votes = country_focus(found, [m.name for m in mentions], named_areas,
                                       lambda place, key: _near_count(likeliest, place, key) > 0)
    named_countries = frozenset(c.place.country_code for f in found for c in f
                                if c.match == 1.0 and c.place.feature == "country")
    naming: dict[tuple[str | None, str], tuple[set[str], dict[int, Place]]] = {}
    for f, m in zip(found, mentions):
        for c in f:
            if c.place.feature == "admin1" and c.match == 1.0:
                for key in (exact_key(c.place.name), exact_key(m.name)):
                    names, areas = naming.setdefault((c.place.country_code, key), (set(), {}))
                    names.add(exact_key(m.name))
                    areas[c.place.id] = c.place
    admin1_areas = {area: (frozenset(names), tuple(places.values())) for area, (names, places) in naming.items()}
    country_names: dict[str, set[str]] = {}
    for f, m in zip(found, mentions):
        for c in f:
            if c.place.feature == "country" and c.match == 1.0 and c.place.country_code:
                country_names.setdefault(c.place.country_code, set()).add(exact_key(m.name))
    context = Context(focus, focus_votes, named_countries, likely, admin1_areas,
                      {code: frozenset(names) for code, names in country_names.items()})
    # "X district, Balkh", "Balapitiya (Galle, Southern)": a container is read as an area where it
    # can be one (Balkh province, not the town), unless the cue words call what it contains a town,
    # camp or site
    containers = {m.container for m in mentions
                  if m.container is not None and (m.feature_hint is None or m.feature_hint in REGION_FEATURES)}
    first = [_best(f, m, context, None, i in containers) for i, (f, m) in enumerate(zip(found, mentions))]
    picks: list[Place | None] = []
    for index, (candidates_here, mention) in enumerate(zip(found, mentions)):
        inside = _container_place(index, mentions, first)
        if inside is not None and inside.feature not in REGION_FEATURES and first[index] is not None \
                and first[index].feature in REGION_FEATURES:
            inside = None  # an area is never inside a town: "Louisville, Ky., New Haven, Conn." is a list
        picks.append(first[index] if inside is None
                     else _best(candidates_here, mention, context, inside, index in containers))
    coded_at_container: dict[str, Location] = {}
    for index, mention in enumerate(mentions):
        place = picks[index]
        if place is not None:
            reason = RELATION_REASONS.get(mention.relation or "")
            mention.location = _toward_part(
                _location(gazetteer, mention, place, _precision(place, mention.relation), reason), mention, place)
            continue
        why = NOT_FOUND if not found[index] else NOT_ACCEPTABLE
        container = _container_place(index, mentions, picks)
        if container is not None:
            mention.location = _coded_at_container(gazetteer, mention, container, why)
            coded_at_container.setdefault(sound_key(mention.name), mention.location)
        else:
            mention.location = _unresolved(mention, why)
    _follow_namesakes(mentions, coded_at_container)
    return gazetteer.country_name(focus)


def _toward_part(location: Location, mention: PlaceMention, place: Place) -> Location:
    """"Les quartiers est d'Alep", "northern Kharkiv": a part of a town named by a compass direction
    is coded in that part, half the town's radius from its centre (radius from its population at
    URBAN_DENSITY), never further than MAX_PART_OFFSET_KM; regions keep their main town's point."""
    if mention.relation != "part" or mention.bearing is None or place.feature in REGION_FEATURES \
            or not place.population or location.latitude is None or location.longitude is None:
        return location
    radius_km = math.sqrt(place.population / URBAN_DENSITY / math.pi)
    offset_km = min(radius_km / 2, MAX_PART_OFFSET_KM)
    bearing = math.radians(mention.bearing)
    latitude = location.latitude + offset_km * math.cos(bearing) / KM_PER_DEGREE
    longitude = location.longitude + offset_km * math.sin(bearing) / (KM_PER_DEGREE * math.cos(math.radians(location.latitude)))
    reason = f"{location.reason or RELATION_REASONS['part']}; coded {offset_km:.1f} km from its centre, in the part named"
    return location.model_copy(update={"latitude": round(latitude, 5), "longitude": round(longitude, 5), "reason": reason})


def _coded_at_container(gazetteer: Gazetteer, mention: PlaceMention, container: Place, why: str) -> Location:
    # issue 3's rule: an unknown place in a known district or province is coded at it, precision 2
    precision = GeoPrecision.NEAR_OR_PART_OF
    reason = f"'{mention.name}': {why}; coded at the place the text puts it in, {container.name}"
    return _location(gazetteer, mention, container, precision, reason)


def _follow_namesakes(mentions: list[PlaceMention], coded_at_container: dict[str, Location]) -> None:
    """An unresolved mention takes the container coding of a namesake ("Hanadarte" after "camp
    Handarate")."""
    for mention in mentions:
        if mention.location is not None and not mention.location.resolved:
            namesake = coded_at_container.get(sound_key(mention.name))
            if namesake is not None:
                mention.location = namesake.model_copy(update={"text": mention.text, "span": mention.span})
