"""The cell index of a document's likely places counts exactly the names that reading every name
counts, at the dateline and near the poles too."""
import random

from sitrep.geo.candidates import km_between
from sitrep.geo.nearby import NearbyPlaces
from sitrep.geo.store import Place

WITHIN_KM = 100.0


def _place(ident: int, latitude: float, longitude: float, feature: str = "city") -> Place:
    return Place(id=ident, name=f"P{ident}", feature=feature, latitude=latitude, longitude=longitude, source="test")


def _read_every_name(places_by_name: dict[str, tuple[Place, ...]], place: Place, own_name: str) -> int:
    return sum(1 for name, places in places_by_name.items()
               if name != own_name and any(p.id != place.id and p.feature != "country"
                                           and abs(p.latitude - place.latitude) < 1.0
                                           and km_between(place, p) <= WITHIN_KM for p in places))


def _clustered(rng: random.Random, count: int) -> list[Place]:
    """Places around a few centres: the dateline, the poles, the equator, a city."""
    centres = [(0.0, 179.9), (0.0, -179.9), (89.5, 10.0), (-89.2, -100.0), (65.0, 179.5), (48.8, 2.3), (0.2, 0.1)]
    found = []
    for ident in range(count):
        latitude, longitude = rng.choice(centres)
        latitude = max(-90.0, min(90.0, latitude + rng.uniform(-1.5, 1.5)))
        longitude = (longitude + rng.uniform(-3.0, 3.0) + 180) % 360 - 180
        found.append(_place(ident, latitude, longitude, rng.choice(["city", "city", "admin2", "country"])))
    return found


def test_the_cells_count_what_reading_every_name_counts():
    rng = random.Random(7)
    places = _clustered(rng, 400)
    places_by_name = {f"name{index}": tuple(places[index * 2:index * 2 + 2]) for index in range(200)}
    nearby = NearbyPlaces(places_by_name, WITHIN_KM)
    counts = []
    for name, own in list(places_by_name.items())[:120]:
        for place in own:
            expected = _read_every_name(places_by_name, place, name)
            assert nearby.count(place, name) == expected, (place.latitude, place.longitude)
            counts.append(expected)
    assert max(counts) > 3 and min(counts) == 0  # the draw has crowded places and lonely ones


def test_a_place_across_the_dateline_is_near():
    east, west = _place(1, 10.0, 179.8), _place(2, 10.0, -179.8)
    nearby = NearbyPlaces({"east": (east,), "west": (west,)}, WITHIN_KM)
    assert nearby.count(east, "east") == 1 and nearby.count(west, "west") == 1


def test_a_country_or_a_place_without_a_point_is_no_neighbour():
    town = _place(1, 10.0, 10.0)
    country = _place(2, 10.1, 10.1, "country")
    pointless = Place(id=3, name="P3", feature="city", source="test")
    nearby = NearbyPlaces({"town": (town,), "country": (country,), "pointless": (pointless,)}, WITHIN_KM)
    assert nearby.count(_place(4, 10.2, 10.2), "other") == 1
    assert nearby.count(pointless, "other") == 0
