"""The likely places of a document's names filed by one-degree cell, so that counting the names
near a place reads the cells around it instead of every name (a long text names thousands, and
each of its mentions asks)."""
from __future__ import annotations

import math

from sitrep.geo.candidates import EARTH_RADIUS_KM, km_between
from sitrep.geo.store import Place


class NearbyPlaces:
    """The places of ``places_by_name`` that have a point and are not countries (a country's point
    is its capital: naming a country says nothing of what lies near it), by cell."""

    def __init__(self, places_by_name: dict[str, tuple[Place, ...]], within_km: float) -> None:
        self.within_km = within_km
        self.cells: dict[tuple[int, int], list[tuple[str, Place]]] = {}
        for name, places in places_by_name.items():
            for place in places:
                if place.has_point and place.feature != "country":
                    self.cells.setdefault(_cell(place), []).append((name, place))

    def count(self, place: Place, own_name: str) -> int:
        """How many names other than ``own_name`` have a place other than ``place`` within
        ``within_km`` of it and less than a degree of latitude away."""
        if not place.has_point:
            return 0
        return len({name for name, other in self._around(place)
                    if name != own_name and other.id != place.id and abs(other.latitude - place.latitude) < 1.0
                    and km_between(place, other) <= self.within_km})

    def _around(self, place: Place):
        """The places of the cells that can hold a place within a degree of latitude and
        ``within_km`` of ``place``."""
        row, column = _cell(place)
        reach = _longitude_cells(place.latitude, self.within_km)
        columns = range(-180, 180) if reach >= 180 else {(column + step + 180) % 360 - 180
                                                         for step in range(-reach, reach + 1)}
        for near_row in (row - 1, row, row + 1):
            for near_column in columns:
                yield from self.cells.get((near_row, near_column), ())


def _cell(place: Place) -> tuple[int, int]:
    return math.floor(place.latitude), (math.floor(place.longitude) + 180) % 360 - 180


def _longitude_cells(latitude: float, within_km: float) -> int:
    """How many one-degree columns either side of a point at ``latitude`` can hold a point within
    ``within_km`` and a degree of latitude of it. The haversine gives, for two points at latitudes
    p1, p2 and a difference of longitude dl at distance d: sin^2(d/2R) >= cos p1 cos p2 sin^2(dl/2),
    and the other point's latitude is at most a degree further from the equator."""
    farthest = min(90.0, abs(latitude) + 1.0)
    cosines = math.cos(math.radians(abs(latitude))) * math.cos(math.radians(farthest))
    bound = math.sin(within_km / (2 * EARTH_RADIUS_KM)) / math.sqrt(cosines) if cosines > 0 else math.inf
    if bound >= 1.0:
        return 180
    return math.ceil(math.degrees(2 * math.asin(bound))) + 1
