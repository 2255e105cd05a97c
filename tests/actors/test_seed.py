"""On the development seed (../shared, read-only): the groups spaCy's French model calls places
are actors, and the outlets and monitors are sources."""
from datetime import date
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold" / "seed" / "article.txt"


@pytest.fixture(scope="module")
def seed_mentions(mentions):
    if not SEED.exists():
        pytest.skip(f"development seed not found at {SEED} (../shared is absent on this machine)")
    return mentions(SEED.read_text("utf-8"), "fr", date(2016, 9, 24), "Syria")


def test_groups_resolve_to_canonical_actors(seed_mentions):
    names = {m.actor.name for m in seed_mentions if m.actor}
    assert {"Military Forces of Syria (2000-2024)", "Nour al-Din al-Zenki Movement", "Jaish al-Fateh",
            "Jabhat Fateh al-Sham", "Ahrar al-Sham", "Opposition Rebels (Syria)"} <= names


def test_outlets_and_monitors_are_sources_not_actors(seed_mentions):
    sources = {m.source.source_id for m in seed_mentions if m.is_source}
    assert {"al_manar", "sohr", "hezbollah_war_media", "defence_ministry:Syria"} <= sources
    assert all(m.actor is None for m in seed_mentions if m.is_source)
