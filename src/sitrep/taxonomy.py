"""The event taxonomy (data/taxonomy.yaml): ACLED types and sub-types with PLOVER and CAMEO codes."""
from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel


class SubEventType(BaseModel):
    event_type: str
    sub_event_type: str
    plover: str
    cameo: str


@cache
def sub_event_types() -> dict[str, SubEventType]:
    """All sub-types by name (sub-type names are unique across types)."""
    raw = yaml.safe_load(resources.files("sitrep.data").joinpath("taxonomy.yaml").read_text("utf-8"))
    return {
        sub: SubEventType(event_type=etype, sub_event_type=sub, **codes)
        for etype, subs in raw.items()
        for sub, codes in subs.items()
    }


def lookup(sub_event_type: str) -> SubEventType:
    try:
        return sub_event_types()[sub_event_type]
    except KeyError:
        raise ValueError(f"unknown sub_event_type {sub_event_type!r}; see data/taxonomy.yaml") from None
