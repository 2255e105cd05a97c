"""What the source knowledge base (src/sitrep/actors/data/sources.yaml) says about an outlet or a
cited source named in the store: its kind (media, monitor, government, armed group) and its
alignment. Names match the entry's name or any alias, case, accents and punctuation ignored."""
from __future__ import annotations

from functools import cache

from sitrep.actors.kb import Source, knowledge_base
from sitrep.store.dedup import normalise_name


@cache
def _sources_by_name() -> dict[str, Source]:
    found: dict[str, Source] = {}
    for source in knowledge_base().sources.values():
        for alias in source.all_aliases():
            found.setdefault(normalise_name(alias), source)
    return found


def known_source(name: str | None) -> Source | None:
    """The knowledge base's entry for an outlet or source name, if it has one."""
    return _sources_by_name().get(normalise_name(name)) if name else None


def alignment_matches(alignment: str | None, wanted: str) -> bool:
    """Whether an alignment ("pro-government (Syria); Hezbollah") contains the words asked for."""
    return bool(alignment) and wanted.strip().lower() in alignment.lower()
