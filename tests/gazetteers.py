"""Small gazetteers the geocoding tests write themselves (importable: pytest puts tests/ on the path)."""
from __future__ import annotations

from pathlib import Path

from sitrep.geo.store import Gazetteer, NewPlace


def place(name: str, feature: str, cc: str, lat: float, lon: float, population: int = 0,
          admin1: str | None = None, names: tuple[str, ...] = (), geonameid: int | None = None,
          admin1_code: str | None = None) -> NewPlace:
    """A place of a test gazetteer."""
    return NewPlace(name=name, feature=feature, names=list(names), country_code=cc, admin1=admin1,
                    latitude=lat, longitude=lon, population=population, source="test", geonameid=geonameid,
                    admin1_code=admin1_code)


def gazetteer_of(path: Path, places: list[NewPlace], description: str) -> Gazetteer:
    """A gazetteer file holding ``places`` only."""
    gazetteer = Gazetteer(path)
    gazetteer.add(places)
    gazetteer.finish(description)
    return gazetteer
