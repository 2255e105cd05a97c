from datetime import date

import pytest

from sitrep.models import ActorMention
from sitrep.stages.actors import find_actors
from sitrep.stages.parse import parse


@pytest.fixture(scope="session")
def mentions():
    """find_actors over a sentence parsed by the real pipeline (models load once per session)."""

    def run(text: str, lang: str, published: date | None = None, country: str | None = None) -> list[ActorMention]:
        return find_actors(parse(text, lang), lang, published=published, country=country)

    return run


@pytest.fixture(scope="session")
def by_text(mentions):
    """Mapping from each mention's words to the mention."""

    def run(text: str, lang: str, published: date | None = None, country: str | None = None) -> dict[str, ActorMention]:
        return {m.text: m for m in mentions(text, lang, published, country)}

    return run
