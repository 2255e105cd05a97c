"""Resolve place mentions against the gazetteer, using the whole document as context.

1. Candidates: places with a name of the same exact key, and places whose name shares the sound key
   and is close under rapidfuzz (only for names of 5+ letters).
2. Country focus: the country most unambiguous mentions point to.
3. Each mention's candidates are scored: match quality, focus country, population, fit with the
   kind of place the cue words name, nearness to the other places of the document. A fuzzy match or
   a small place outside the focus is refused rather than guessed; outside the countries the
   article is about (the focus, its neighbours, the countries it names) a namesake needs strong
   evidence (:mod:`sitrep.geo.context`).
4. A mention whose name is unknown but whose container the text gives ("camp X in the north-east of
   Aleppo province"), or that the cue words call a camp/neighbourhood/village inside a place of the
   same sentence, is coded at that container, coarser; its namesakes later in the text follow it.
5. geo_precision as taxonomy.md defines it: 1 the named place, 2 near/part of a place or a district,
   3 a province or country.
"""
from __future__ import annotations

import math
import re

from sitrep.geo.build import open_gazetteer
from sitrep.geo.candidates import (BROAD_REGIONS, FOREIGN_MIN_POPULATION, REGION_FEATURES, Candidate, candidates,
                                   haversine_km, km_between)
from sitrep.geo.context import Context, document_context
from sitrep.geo.layers import PROVINCE_POINT_SOURCE
from sitrep.geo.names import exact_key, sound_key, starts_with_article
from sitrep.geo.store import Gazetteer, Place
from sitrep.models import GeoPrecision, Location, PlaceMention

__all__ = ["candidates", "haversine_km", "lies_in", "resolve_mentions"]

# a camp or neighbourhood must lie this close to the place the text puts it in
INSIDE_KM = 30.0
# a place the text puts in an admin area must lie this close to the area's main town where the
# gazetteer cannot tell otherwise ("X district, Ghazni"); one put in a town, this close to it
ADMIN1_KM = 400.0
AREA_KM = 150.0
TOWN_KM = 50.0
# where the focus is clear (this many votes: a named country, a named admin area, two places), a
# place outside the countries the document is about (Context.home) needs strong evidence
FOCUS_MIN_VOTES = 1.5
# ... this many other names of the article near it (one may be a namesake's: "Koro")
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
PROVINCE_POINT_REASON = "a district the embedded gazetteer has no point for: coded at its province's main town"
# the levels of area: cue words for one level fit a place of another level in part ("the Beni
# region" is a district of North Kivu; countries cut themselves up differently)
AREA_LEVELS = frozenset({"admin1", "admin2", "region"})
LOCAL_HINTS = frozenset({"neighbourhood", "camp", "site"})
# a country named in part ("le nord du Togo") is coded at a province where it has this many
MIN_PROVINCES_FOR_PART = 3
# the shortest name of each of two places an unknown name joins by a hyphen ("Aguelhoc-Anéfis")
MIN_PAIR_PART = 4
# how such a name joins its two: a hyphen, or "wa" ("and" in Arabic and Dari) in districts' names
# as English and French transliterate them ("Narang wa Badil", "Tarnak wa Jaldak")
PAIR_JOIN = re.compile(r"-| [Ww]a ")
# areas too large to stand for the pair: only a town or a district does
PROVINCE_FEATURES = frozenset({"country", "admin1", "region"})
# ... and two such places known further apart than this are the ends of a long road: no one point
PAIR_NEAR_KM = 50.0
# kinds of place that, unknown, are coded at the settlement or region their sentence names
INSIDE_HINTS = LOCAL_HINTS | {"populated_place"}


def _type_fit(hint: str | None, feature: str, contains: bool = False) -> float:
    """How well a place's kind fits the cue words; a name the text gives as a container
    ("Dawlat Abad district, Balkh") is read as an area where it can be one."""
    if hint is None and contains:
        return 1.0 if feature in REGION_FEATURES else 0.0
    if hint is None:
        return {"country": 2.0, "admin1": 0.5, "admin2": -0.2}.get(feature, 0.0)
    if feature == hint or (hint == "city" and feature == "populated_place"):
        return 1.0
    if hint in AREA_LEVELS and feature in AREA_LEVELS:
        return 0.5
    if hint in REGION_FEATURES or feature in REGION_FEATURES:
        return -1.5
    return 0.0


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
                inside: Place | None, home_rival: bool) -> bool:
    """Whether a candidate may be the place meant: inside the place the text puts it in; a
    near-spelling only in the focus country (or near the article's places where the focus is
    unclear); where the focus is clear, a place of another country only with evidence, and outside
    the countries the article is about (``home_rival``: a place of one of them bears the name as its own)
    only with strong evidence."""
    place = candidate.place
    if mention.feature_hint in LOCAL_HINTS and place.feature not in LOCAL_HINTS and inside is not None:
        # a camp or quarter lies near the town the text puts it in (not Daraa's Sheikh Saeed for
        # Aleppo's); a town by its own name, that cue words take for a site ("the base in Semdinli
        # town of Hakkari province"), anywhere in the container's province
        return km_between(place, inside) <= INSIDE_KM or (
            candidate.primary and candidate.match == 1.0 and place.feature not in REGION_FEATURES
            and place.admin1_code is not None and (place.country_code, place.admin1_code)
            == (inside.country_code, inside.admin1_code))
    if mention.container is not None and inside is not None and not lies_in(place, inside):
        return False
    if place.is_continent:
        return candidate.match == 1.0  # a continent lies abroad of no country: its name or adjective will do
    clear_focus = context.focus is not None and context.focus_votes >= FOCUS_MIN_VOTES
    if candidate.match < 1.0:
        # a near-spelling abroad, where the article is clearly about one country, is a guess too far
        return place.country_code == context.focus or (
            not clear_focus and context.support(place, exact_key(mention.name), local=True) > 0)
    if not clear_focus or place.country_code == context.focus or support >= FOREIGN_MIN_SUPPORT:
        return True
    if place.country_code in context.home:
        # a country the article names, or a neighbour of its focus: a place by its own name near
        # one of the article's other places will do (a raid across the border)
        return (place.feature in BROAD_REGIONS or place.country_code in context.named_countries
                or place.population >= FOREIGN_MIN_POPULATION or (candidate.primary and support > 0))
    # a namesake abroad (Beni in Bolivia for Beni in North Kivu; Jizan, one of whose alternate
    # names is "Gazan", in a story about Gaza): only a province or a city of a million by its own
    # name, where none of the article's countries has a place of that name
    return not home_rival and candidate.primary and (
        place.feature in BROAD_REGIONS or place.population >= FOREIGN_MIN_POPULATION)


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
    # a district placed at its province's main town tells only its province: another place of the
    # name in that country ("Garmser" the town for "Garmsīr district") says better where
    scored = [(c, support) for c, support in scored if c.place.source != PROVINCE_POINT_SOURCE or not any(
        o.place.source != PROVINCE_POINT_SOURCE and o.place.country_code == c.place.country_code for o, _ in scored)]
    home_rival = any(c.primary and c.place.country_code in context.home for c, _ in scored)
    if mention.feature_hint not in AREA_LEVELS and not contains and any(c.primary for c, _ in scored):
        # a district's name without its type word ("Ohio" for Ohio County) names it only where
        # cue words call the mention an area, or where no place bears the name as its own
        scored = [(c, support) for c, support in scored if c.primary or c.place.feature != "admin2"]
    scored = [(candidate, support) for candidate, support in scored
              if _acceptable(candidate, mention, context, support, inside, home_rival)]
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


def _precision(place: Place, mention: PlaceMention) -> GeoPrecision:
    if place.feature in BROAD_REGIONS or place.source == PROVINCE_POINT_SOURCE:
        return GeoPrecision.REGION
    if place.feature in REGION_FEATURES:
        return GeoPrecision.NEAR_OR_PART_OF  # a district, coded at its main town
    # "the Kamenka region" where only the town is known: the area around it
    near = mention.relation is not None or mention.feature_hint in AREA_LEVELS
    return GeoPrecision.NEAR_OR_PART_OF if near else GeoPrecision.NAMED_PLACE


def _location(gazetteer: Gazetteer, mention: PlaceMention, place: Place, precision: GeoPrecision,
              reason: str | None) -> Location:
    admin1 = place.admin1 or gazetteer.admin1_names(place.country_code or "").get(place.admin1_code or "")
    return Location(text=mention.text, name=place.name, latitude=place.latitude, longitude=place.longitude,
                    admin1=admin1, admin2=place.admin2, country=gazetteer.country_name(place.country_code),
                    country_code=place.country_code, feature=place.feature, geonameid=place.geonameid,
                    geo_precision=precision, resolved=True, reason=reason, span=mention.span)


def _unresolved(mention: PlaceMention, reason: str) -> Location:
    return Location(text=mention.text, name=mention.name, resolved=False, reason=reason, span=mention.span)


def _container_place(index: int, mentions: list[PlaceMention], picks: list[Place | None],
                     by_sentence: dict[int, list[int]]) -> Place | None:
    """The place the text puts mention ``index`` in: its linked container (or that one's, where it
    is unknown), else (for a camp, neighbourhood or village) the nearest resolved settlement or
    region of the same sentence (``by_sentence``: the mentions' indices by their sentence's start)."""
    mention = mentions[index]
    # an unknown container passes the question up to its own ("the X area of Y district, Herat")
    container = mention.container
    while container is not None and picks[container] is None:
        container = mentions[container].container
    if container is not None:
        return picks[container]
    if mention.feature_hint not in INSIDE_HINTS:
        return None
    same_sentence = [(abs(j - index), picks[j]) for j in by_sentence[mention.sentence_start]
                     if j != index and picks[j] is not None and mentions[j].relation != "near"]
    ordered = sorted(same_sentence, key=lambda pair: (pair[1].feature in REGION_FEATURES, pair[0]))
    return ordered[0][1] if ordered else None


def resolve_mentions(mentions: list[PlaceMention], gazetteer: Gazetteer | None = None,
                     demonyms: bool = False, hinted: frozenset[str] = frozenset()) -> str | None:
    """Fill ``location`` on every mention; return the focus country's name. With ``demonyms``, a
    nationality adjective is read as its country (corpora that annotate them as toponyms);
    ``hinted``: country codes the rest of the text points to (HINT_VOTES each for the focus)."""
    gazetteer = gazetteer or open_gazetteer()
    found = [candidates(gazetteer, m.name, demonyms) for m in mentions]
    context = document_context([m.name for m in mentions], found, hinted)
    # "X district, Balkh", "Balapitiya (Galle, Southern)": a container is read as an area where it
    # can be one (Balkh province, not the town), unless the cue words call what it contains a town,
    # camp or site
    containers = {m.container for m in mentions
                  if m.container is not None and (m.feature_hint is None or m.feature_hint in REGION_FEATURES)}
    first = [_best(f, m, context, None, i in containers) for i, (f, m) in enumerate(zip(found, mentions))]
    by_sentence: dict[int, list[int]] = {}
    for index, mention in enumerate(mentions):
        by_sentence.setdefault(mention.sentence_start, []).append(index)
    picks: list[Place | None] = []
    for index, (candidates_here, mention) in enumerate(zip(found, mentions)):
        inside = _container_place(index, mentions, first, by_sentence)
        if inside is not None and inside.feature not in REGION_FEATURES and first[index] is not None \
                and first[index].feature in REGION_FEATURES:
            inside = None  # an area is never inside a town: "Louisville, Ky., New Haven, Conn." is a list
        picks.append(first[index] if inside is None
                     else _best(candidates_here, mention, context, inside, index in containers))
    coded_at_container: dict[str, Location] = {}
    for index, mention in enumerate(mentions):
        place = picks[index]
        if place is not None:
            reason = PROVINCE_POINT_REASON if place.source == PROVINCE_POINT_SOURCE \
                else RELATION_REASONS.get(mention.relation or "")
            located = _location(gazetteer, mention, place, _precision(place, mention), reason)
            mention.location = _in_country_part(gazetteer, located, mention, place) if place.feature == "country" \
                else _toward_part(located, mention, place)
            continue
        why = NOT_FOUND if not found[index] else NOT_ACCEPTABLE
        container = _container_place(index, mentions, picks, by_sentence)
        first_of_pair = _first_of_pair(gazetteer, mention, context)
        if first_of_pair is not None:
            mention.location = first_of_pair
        elif container is not None:
            mention.location = _coded_at_container(gazetteer, mention, container, why)
            coded_at_container.setdefault(sound_key(mention.name), mention.location)
        else:
            mention.location = _unresolved(mention, why)
    _follow_namesakes(mentions, coded_at_container)
    return gazetteer.country_name(context.focus)


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


def _in_country_part(gazetteer: Gazetteer, location: Location, mention: PlaceMention, country: Place) -> Location:
    """"Le nord du Togo", "eastern Chad": a part of a country named by a compass direction is coded
    in the country, precision 3, at the point (the main town) of the province lying furthest that
    way from the middle of the country's provinces, not at the capital; it stays the country for
    the choice of an event's place (a town it holds is finer)."""
    if mention.relation != "part" or mention.bearing is None:
        return location
    provinces = gazetteer.provinces(country.country_code or "")
    if len(provinces) < MIN_PROVINCES_FOR_PART:
        return location
    middle_latitude = sum(p.latitude for p in provinces) / len(provinces)
    middle_longitude = sum(p.longitude for p in provinces) / len(provinces)
    north, east = math.cos(math.radians(mention.bearing)), math.sin(math.radians(mention.bearing))
    scale = math.cos(math.radians(middle_latitude))
    furthest = max(provinces, key=lambda p: (p.latitude - middle_latitude) * north
                   + (p.longitude - middle_longitude) * scale * east)
    reason = f"the text names part of {country.name}; coded at its province lying furthest that way, {furthest.name}"
    return location.model_copy(update={"latitude": furthest.latitude, "longitude": furthest.longitude,
                                       "admin1": furthest.name, "reason": reason})


def _coded_at_container(gazetteer: Gazetteer, mention: PlaceMention, container: Place, why: str) -> Location:
    # issue 3's rule: an unknown place in a known district or province is coded at it, precision 2
    precision = GeoPrecision.NEAR_OR_PART_OF
    reason = f"'{mention.name}': {why}; coded at the place the text puts it in, {container.name}"
    return _location(gazetteer, mention, container, precision, reason)


def _first_of_pair(gazetteer: Gazetteer, mention: PlaceMention, context: Context) -> Location | None:
    """An unknown name that joins two names ("l'axe Aguelhoc-Anéfis", "the Jagargunda-Cholnar road",
    "Narang wa Badil district"), the first of them a town or district of the country the article is
    about: coded near it, precision 2; not where the second is a town too, far from it (a long road,
    "the Colombo-Puttalam road", has no one point)."""
    parts = PAIR_JOIN.split(mention.name)
    if len(parts) != 2 or not all(len(p) >= MIN_PAIR_PART and p[:1].isupper() and not starts_with_article(p)
                                  for p in parts):
        return None
    def best_named(name: str) -> Place | None:
        return _best(candidates(gazetteer, name), mention.model_copy(update={"name": name}), context, None, False)

    place = best_named(parts[0])
    if place is None or place.feature in PROVINCE_FEATURES or place.country_code != context.focus:
        return None
    second = best_named(parts[1])
    if second is not None and haversine_km(place.latitude, place.longitude, second.latitude,
                                           second.longitude) > PAIR_NEAR_KM:
        return None
    reason = f"'{mention.name}': {NOT_FOUND}; coded near the first place it joins, {place.name}"
    return _location(gazetteer, mention, place, GeoPrecision.NEAR_OR_PART_OF, reason)


def _follow_namesakes(mentions: list[PlaceMention], coded_at_container: dict[str, Location]) -> None:
    """An unresolved mention takes the container coding of a namesake ("Hanadarte" after "camp
    Handarate")."""
    for mention in mentions:
        if mention.location is not None and not mention.location.resolved:
            namesake = coded_at_container.get(sound_key(mention.name))
            if namesake is not None:
                mention.location = namesake.model_copy(update={"text": mention.text, "span": mention.span})
