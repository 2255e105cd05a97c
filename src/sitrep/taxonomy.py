"""The event taxonomy (data/taxonomy.yaml): ACLED types and sub-types with PLOVER and CAMEO codes,
and how event coding treats each."""
from __future__ import annotations

from functools import cache
from importlib import resources

from pydantic import BaseModel

from sitrep.lang import DataFileError, read_validated
from sitrep.lang.schemas import Taxonomy

WHERE = "data/taxonomy.yaml"


class SubEventType(BaseModel):
    event_type: str
    sub_event_type: str
    plover: str
    cameo: str
    violent: bool = False
    armed: bool = False
    crowd_violence: bool = False
    demonstration: bool = False
    place_changes_hands: bool = False
    part_of_attacks: bool = False
    loser_side_of_takeovers: bool = False
    two_sided: bool = False
    attacker_carries_over: bool = False
    deathless: bool = False
    deadly_form: str | None = None


def _read() -> Taxonomy:
    return read_validated(resources.files("sitrep.data").joinpath("taxonomy.yaml").read_text("utf-8"), Taxonomy, WHERE)


@cache
def sub_event_types() -> dict[str, SubEventType]:
    """All sub-types by name (sub-type names are unique across types)."""
    return {
        sub: SubEventType(event_type=etype, sub_event_type=sub, violent=entry.violent, armed=entry.armed, crowd_violence=entry.crowd_violence,
                          demonstration=entry.demonstration, **codes.model_dump())
        for etype, entry in _read().event_types.items()
        for sub, codes in entry.sub_event_types.items()
    }


def lookup(sub_event_type: str) -> SubEventType:
    try:
        return sub_event_types()[sub_event_type]
    except KeyError:
        raise ValueError(f"unknown sub_event_type {sub_event_type!r}; see {WHERE}") from None


@cache
def event_types_where(flag: str) -> frozenset[str]:
    """The event types whose ``flag`` (violent, armed, crowd_violence, demonstration) is set."""
    return frozenset(s.event_type for s in sub_event_types().values() if getattr(s, flag))


def check() -> list[str]:
    """The taxonomy's problems, one line each: its shape, and sub-type names used twice."""
    try:
        taxonomy = _read()
    except DataFileError as exc:
        return exc.problems
    seen: dict[str, str] = {}
    problems = []
    for etype, entry in taxonomy.event_types.items():
        for sub in entry.sub_event_types:
            if sub in seen:
                problems.append(f"{WHERE}: sub-type {sub!r} is under both {seen[sub]!r} and {etype!r}")
            seen[sub] = etype
    return problems
