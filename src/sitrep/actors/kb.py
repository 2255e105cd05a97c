"""The actor and source knowledge base: reviewed YAML files in sitrep/actors/data/, loaded once.

Files:
- ``generic.yaml``: generic roles ("military", "civilians", "rebels"...) with the ACLED-style name
  template and actor type each gets for a country, and per-country overrides of those names.
- ``countries.yaml``: countries as ACLED names them, and how they appear inside actor names.
- ``sources.yaml``: outlets, monitors and government bodies that report events.
- ``cues.yaml``: transliterated words that mark an armed group's name (any language).
- every other ``*.yaml``: ``actors:`` named actors of one conflict or region.

Each actor or source carries ``sources:``, the references its facts come from.
"""
from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from sitrep.models import ActorType

SourceKind = Literal["media", "monitor", "government", "armed_group", "other"]
RESERVED_FILES = ("generic.yaml", "countries.yaml", "cues.yaml")


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Period(Entry):
    """A name an actor bore between two dates (ACLED dates state forces by regime)."""

    name: str
    start: date | None = None
    end: date | None = Field(None, description="first day the name no longer applies")

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


class Membership(Entry):
    coalition: str = Field(description="id of the coalition actor")
    start: date | None = None
    end: date | None = None

    def covers(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


class Actor(Entry):
    id: str
    name: str | None = Field(None, description="canonical ACLED-style name; or give periods")
    periods: tuple[Period, ...] = ()
    type: ActorType
    country: str | None = Field(None, description="the country whose conflict the actor belongs to")
    operates_in: tuple[str, ...] = Field((), description="other countries where its name is used")
    role: str | None = Field(None, description="generic role this actor fills for its country (military...)")
    coalition: bool = False
    aliases: dict[str, tuple[str, ...]] = Field(default_factory=dict,
                                                description="language code (or 'any') -> aliases")
    parent: str | None = None
    member_of: tuple[Membership, ...] = ()
    start: date | None = Field(None, description="first day the actor existed under this identity")
    end: date | None = Field(None, description="first day it no longer did (renamed, dissolved)")
    renamed_to: str | None = Field(None, description="id of the identity it took on ``end``")
    note: str | None = None
    sources: tuple[str, ...] = ()

    def name_on(self, day: date | None) -> str:
        """The canonical name on ``day`` (the latest one where the day is unknown)."""
        if not self.periods:
            assert self.name is not None
            return self.name
        if day is not None:
            for period in self.periods:
                if period.covers(day):
                    return period.name
            if self.periods[0].start is not None and day < self.periods[0].start:
                return self.periods[0].name
        return self.periods[-1].name

    def active_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def all_aliases(self) -> list[str]:
        names = [self.name] if self.name else []
        names += [p.name for p in self.periods]
        return names + [a for group in self.aliases.values() for a in group]


class Source(Entry):
    id: str
    name: str
    kind: SourceKind
    alignment: str | None = Field(None, description="known leaning: independent, pro-government (Syria)...")
    country: str | None = None
    aliases: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    note: str | None = None
    sources: tuple[str, ...] = ()

    def all_aliases(self) -> list[str]:
        return [self.name] + [a for group in self.aliases.values() for a in group]


class Role(Entry):
    """A generic role: the name template ACLED uses for it and the actor type it carries."""

    template: str = Field(description="name with {country}, e.g. 'Civilians ({country})', or {country_in_name} "
                                      "where the country reads as inside a name ('Military Forces of "
                                      "{country_in_name}': 'of the Philippines')")
    type: ActorType
    party: bool = Field(True, description="a party to armed conflict or political unrest; police, civilians "
                                          "and guards are not: alone they are the everyday of crime news")
    party_when_attacking: bool = Field(False, description="a role that is no party as a victim or bystander but "
                                                          "is one as the attacker (police using force)")
    party_in: tuple[str, ...] = Field((), description="countries (as ACLED names them) where a role that is "
                                                      "no party elsewhere is one: gangs where ACLED codes "
                                                      "their violence")
    unnamed: bool = Field(False, description="coded for want of a name the text gives: another report's named "
                                             "actor of the same incident does not contradict it")
    dated_like: str | None = Field(None, description="a role whose named entry's regime period the name takes "
                                                     "('Government of Syria (2024-)' like its military)")
    named_template: str | None = Field(None, description="name with {name} of a group of the role that the text "
                                                         "names ('{name} Ethnic Militia': 'Pokot Ethnic Militia'; "
                                                         "the country follows in brackets)")
    note: str | None = None


class GenericSourceRole(Entry):
    template: str
    kind: SourceKind
    alignment: str | None = Field(None, description="with {country}")


class Country(Entry):
    name: str = Field(description="as ACLED names the country")
    in_actor_name: str | None = Field(None, description="as it appears in 'Military Forces of ...' "
                                                         "where different ('the United States')")
    overrides: dict[str, str] = Field(default_factory=dict,
                                      description="role -> another role or a name for this country")
    aliases: tuple[str, ...] = Field((), description="other names of the country (the gazetteer's among them)")

    @property
    def actor_form(self) -> str:
        return self.in_actor_name or self.name


class KnowledgeBase(BaseModel):

    actors: dict[str, Actor]
    sources: dict[str, Source]
    roles: dict[str, Role]
    source_roles: dict[str, GenericSourceRole]
    countries: dict[str, Country]
    implied_by_event_type: dict[str, str] = Field(default_factory=dict,
                                                  description="event type -> role of the actor it implies")
    implied_when_unnamed: dict[str, str] = Field(
        default_factory=dict, description="sub-event type -> role of the attacker it implies where none is named")
    implied_when_no_attacker: dict[str, str] = Field(
        default_factory=dict, description="sub-event type or event type -> role of the attacker coded where the "
                                          "whole article names none")
    implied_military_when_unnamed: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="sub-event type -> {country where it happens: the state whose "
                                          "military forces carry it out there} where no author is named")
    type_cues: dict[str, tuple[str, ...]] = Field(default_factory=dict,
                                                  description="actor type -> words marking a group name")
    files: dict[str, str] = Field(default_factory=dict, description="actor/source id -> data file")
    _roles: dict[tuple[str, str], Actor] = PrivateAttr(default_factory=dict)

    _country_names: dict[str, str] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object) -> None:
        self._roles = {(a.role, a.country): a for a in self.actors.values() if a.role and a.country}
        self._country_names = {alias: c.name for c in self.countries.values() for alias in (c.name, *c.aliases)}

    def country_named(self, name: str | None) -> str | None:
        """The country as ACLED names it ("Palestinian Territory" -> "Palestine"); a name the
        knowledge base does not know is kept as it is."""
        return self._country_names.get(name, name) if name else name

    def actor_for_role(self, role: str, country: str) -> Actor | None:
        """The named entry that fills ``role`` for ``country`` (e.g. Syria's dated military)."""
        return self._roles.get((role, country))

    def coalitions_of(self, actor_id: str, day: date | None) -> list[Actor]:
        actor = self.actors[actor_id]
        return [self.actors[m.coalition] for m in actor.member_of if m.covers(day)]

    def members_of(self, coalition_id: str, day: date | None = None) -> list[Actor]:
        return [a for a in self.actors.values()
                if (day is None or a.active_on(day))
                and any(m.coalition == coalition_id and m.covers(day) for m in a.member_of)]

    def successor_on(self, actor: Actor, day: date | None) -> Actor:
        """Follow renames: the identity ``actor`` had on ``day``."""
        seen = {actor.id}
        while day is not None and actor.renamed_to and actor.end is not None and day >= actor.end:
            actor = self.actors[actor.renamed_to]
            if actor.id in seen:
                break
            seen.add(actor.id)
        return actor


def _read(text: str, origin: str) -> dict:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{origin}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{origin}: expected a mapping at the top level")
    return data


def load_from(files: dict[str, str]) -> KnowledgeBase:
    """Build a knowledge base from file name -> YAML text (duplicate ids raise ValueError)."""
    actors: dict[str, Actor] = {}
    sources: dict[str, Source] = {}
    origin: dict[str, str] = {}
    generic = _read(files.get("generic.yaml", ""), "generic.yaml")
    countries = _read(files.get("countries.yaml", ""), "countries.yaml")
    cues = _read(files.get("cues.yaml", ""), "cues.yaml")
    for file_name, text in sorted(files.items()):
        if file_name in RESERVED_FILES:
            continue
        data = _read(text, file_name)
        for raw in data.get("actors") or []:
            actor = Actor.model_validate(raw)
            if actor.id in actors or actor.id in sources:
                raise ValueError(f"{file_name}: id {actor.id!r} already defined in {origin[actor.id]}")
            actors[actor.id], origin[actor.id] = actor, file_name
        for raw in data.get("sources") or []:
            source = Source.model_validate(raw)
            if source.id in actors or source.id in sources:
                raise ValueError(f"{file_name}: id {source.id!r} already defined in {origin[source.id]}")
            sources[source.id], origin[source.id] = source, file_name
    country_list = [Country.model_validate(c) for c in countries.get("countries") or []]
    return KnowledgeBase(
        actors=actors, sources=sources,
        roles={k: Role.model_validate(v) for k, v in (generic.get("roles") or {}).items()},
        source_roles={k: GenericSourceRole.model_validate(v)
                      for k, v in (generic.get("source_roles") or {}).items()},
        countries={c.name: c for c in country_list},
        implied_by_event_type=dict(generic.get("implied_by_event_type") or {}),
        implied_when_unnamed=dict(generic.get("implied_when_unnamed") or {}),
        implied_when_no_attacker=dict(generic.get("implied_when_no_attacker") or {}),
        implied_military_when_unnamed=dict(generic.get("implied_military_when_unnamed") or {}),
        type_cues={k: tuple(v) for k, v in (cues.get("type_cues") or {}).items()},
        files=origin,
    )


def data_files() -> dict[str, str]:
    root = resources.files("sitrep.actors").joinpath("data")
    return {p.name: p.read_text("utf-8") for p in root.iterdir() if p.name.endswith(".yaml")}


@cache
def knowledge_base() -> KnowledgeBase:
    """The knowledge base shipped with sitrep, loaded once per process."""
    return load_from(data_files())
