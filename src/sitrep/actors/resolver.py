"""Phrase index over the knowledge base and the language's generic wording, and resolution of a
match to a canonical actor or source using the article's date and country.

Matching works on words: case, accents and punctuation are ignored ("al-Nosra" = "Al Nosra"),
except short acronyms ("IS", "EI", "LeT"), which must appear as written. The longest phrase
wins; a generic word joined to a named group ("les miliciens de Jaïsh al-Fateh", "Taliban
militants") is one mention of the named group.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache, lru_cache
from typing import NamedTuple

from sitrep import lang as langdata
from sitrep.actors.kb import Actor, KnowledgeBase, knowledge_base
from sitrep.lang.schemas import ActorWords
from sitrep.models import ActorRef, SourceRef
from sitrep.text import fold

WORD = re.compile(r"[^\W_]+")
NATIONALITY_SLOT = "{nat}"
# an alias this short in capitals ("IS") or with capitals inside ("LeT") is an acronym that must match
# as written ("IS" is not "is", "LeT" not "let")
ACRONYM_MAX_LEN = 4
# the regime period that ends a dated state name: "Military Forces of Syria (2000-2024)"
REGIME_PERIOD = re.compile(r"\(\d{4}-(\d{4})?\)$")


def words_of(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(fold(text)))


class Target(NamedTuple):
    """What a phrase stands for: ``kind`` is actor, source, role, source_role, member (a word
    such as "fighters" that names an actor only when joined to a named group) or anaphor ("the
    group", "ce groupuscule": the group named just before)."""

    kind: str
    ref: str
    country: str | None = None
    exact: str | None = None

    @property
    def is_source(self) -> bool:
        return self.kind in ("source", "source_role")

    @property
    def is_named(self) -> bool:
        return self.kind in ("actor", "source")


class Match(NamedTuple):
    """Words [start, end) of a word stream and what they stand for (best candidates first)."""

    start: int
    end: int
    targets: tuple[Target, ...]


def _exact_form(alias: str) -> str | None:
    """The form a short acronym must be written in: all capitals ("IS"), or capitals inside the word
    ("LeT" is not "let")."""
    letters = [c for c in alias if c.isalpha()]
    acronym = letters and (all(c.isupper() for c in letters) or any(c.isupper() for c in letters[1:]))
    return alias if acronym and len(alias) <= ACRONYM_MAX_LEN else None


class PhraseIndex:
    """Phrases as word tuples, looked up by their first word; longest match first."""

    def __init__(self) -> None:
        self._targets: dict[tuple[str, ...], list[Target]] = {}
        self._lengths: dict[str, list[int]] = {}

    def add(self, phrase: str, target: Target) -> None:
        self.add_words(words_of(phrase), target)

    def add_words(self, words: tuple[str, ...], target: Target) -> None:
        if not words:
            return
        targets = self._targets.setdefault(words, [])
        if target not in targets:
            targets.append(target)
        lengths = self._lengths.setdefault(words[0], [])
        if len(words) not in lengths:
            lengths.append(len(words))
            lengths.sort(reverse=True)

    def targets(self, phrase: str) -> list[Target]:
        return list(self._targets.get(words_of(phrase), ()))

    def phrases(self) -> dict[tuple[str, ...], list[Target]]:
        return self._targets

    def _longest_at(self, words: Sequence[str], i: int, accept: Callable[[int, int, Target], bool]) -> Match | None:
        for length in self._lengths.get(words[i], ()):
            if i + length > len(words):
                continue
            kept = tuple(t for t in self._targets.get(tuple(words[i:i + length]), ()) if accept(i, i + length, t))
            if kept:
                return Match(i, i + length, tuple(sorted(kept, key=lambda t: not t.is_named)))  # stable
        return None

    def scan(self, words: Sequence[str], accept: Callable[[int, int, Target], bool]) -> list[Match]:
        """Left to right, longest first; a match gives way to a longer one starting inside it ("le
        Groupe de soutien à l'islam": the group's name, not the anaphor "le groupe"); ``accept``
        vets each candidate (acronym case)."""
        found: list[Match] = []
        i = 0
        while i < len(words):
            match = self._longest_at(words, i, accept)
            if match is None:
                i += 1
                continue
            inside = (self._longest_at(words, j, accept) for j in range(i + 1, match.end))
            if any(other is not None and other.end - other.start > match.end - match.start for other in inside):
                i += 1
                continue
            found.append(match)
            i = match.end
        return found


def _expand(phrase: str, nationalities: dict[tuple[str, ...], str]) -> list[tuple[tuple[str, ...], str | None]]:
    """The words of ``phrase`` with each nationality adjective in its slot, and the adjective's
    country (``nationalities``: adjective words -> country); the phrase's own words without a slot."""
    if NATIONALITY_SLOT not in phrase:
        return [(words_of(phrase), None)]
    before, after = (words_of(part) for part in phrase.split(NATIONALITY_SLOT, 1))
    return [(before + adjective + after, country) for adjective, country in nationalities.items()]


class LanguageData(NamedTuple):
    index: PhraseIndex
    links: frozenset[tuple[str, ...]]
    type_cues: dict[str, str]
    nationalities: dict[tuple[str, ...], str]  # adjective words -> country
    coordinators: frozenset[str]
    identity_cues: dict[tuple[str, ...], str]  # words ("clans", "ethnic groups") -> role
    not_group_names: frozenset[str]


def _add_named(index: PhraseIndex, kb: KnowledgeBase) -> None:
    for actor in kb.actors.values():
        for alias in actor.all_aliases():
            index.add(alias, Target("actor", actor.id, exact=_exact_form(alias)))
    for source in kb.sources.values():
        for alias in source.all_aliases():
            index.add(alias, Target("source", source.id, exact=_exact_form(alias)))


@cache
def language_data(lang: str) -> LanguageData:
    """The phrase index for ``lang``: every knowledge-base alias (whatever its language: news
    borrows names across languages) and the language's generic wording."""
    return build_language_data(knowledge_base(), langdata.load(lang, "actors"))


def build_language_data(kb: KnowledgeBase, words: ActorWords) -> LanguageData:
    index = PhraseIndex()
    _add_named(index, kb)
    nationalities = {words_of(adjective): country
                     for country, adjectives in words.nationalities.items() for adjective in adjectives}
    for kind, section in (("role", "generic"), ("source_role", "generic_sources")):
        for role, phrases in getattr(words, section).items():
            for phrase in phrases:
                for expanded, country in _expand(phrase, nationalities):
                    index.add_words(expanded, Target(kind, role, country=country))
    cues = {w: kind for kind, group in kb.type_cues.items() for w in group}
    cues.update({fold(w): kind for kind, group in words.type_cues.items() for w in group})
    for kind, section in (("member", "member_words"), ("anaphor", "anaphora")):
        for phrase in getattr(words, section):
            index.add(phrase, Target(kind, ""))
    links = frozenset(words_of(link) for link in words.links)
    return LanguageData(index=index, links=links, type_cues={fold(k): v for k, v in cues.items()},
                        nationalities=nationalities, coordinators=frozenset(fold(w) for w in words.coordinators),
                        identity_cues={words_of(cue): role for role, cues in words.identity_groups.items()
                                       for cue in cues},
                        not_group_names=frozenset(fold(w) for w in words.not_group_names))


def first_named_side(match: Match, words: Sequence[str], data: LanguageData) -> Match:
    """A generic phrase whose nationality comes after another one it is coordinated with ("Syrian
    or Russian jets") names the first side: the match then starts at the first adjective and
    takes its country."""
    target = match.targets[0]
    if target.kind != "role" or target.country is None or match.start < 2 \
            or words[match.start - 1] not in data.coordinators:
        return match
    for adjective, country in data.nationalities.items():
        start = match.start - 1 - len(adjective)
        if start >= 0 and tuple(words[start:match.start - 1]) == adjective:
            return Match(start, match.end, (target._replace(country=country),))
    return match


# (kind before, kind after) of two matches that name one actor when nothing but a link separates them
JOINABLE = frozenset({("role", "actor"), ("actor", "role"), ("member", "actor"), ("actor", "member"),
                      ("anaphor", "actor")})


def merge_generic_with_named(matches: list[Match], words: Sequence[str],
                             links: frozenset[tuple[str, ...]],
                             punctuated: Callable[[int, int], bool]) -> list[Match]:
    """One mention for a generic word joined to a named actor: "miliciens de Jaïsh al-Fateh",
    "Taliban militants", "Hezbollah fighters"; member words left alone name no actor.
    ``punctuated(end, start)`` tells whether punctuation separates word ``end - 1`` from word
    ``start`` ("... the Taliban. Civilians fled" stays two mentions)."""
    merged: list[Match] = []
    for match in matches:
        if merged:
            previous = merged[-1]
            between = tuple(words[previous.end:match.start])
            joined = (not between or between in links) and not punctuated(previous.end, match.start)
            kinds = (previous.targets[0].kind, match.targets[0].kind)
            if joined and kinds in JOINABLE:
                named = previous if kinds[0] == "actor" else match
                merged[-1] = Match(previous.start, match.end, named.targets)
                continue
        merged.append(match)
    return [m for m in merged if m.targets[0].kind != "member"]


def _fits(actor: Actor, country: str | None, day: date | None) -> tuple[bool, bool, bool]:
    in_country = country is not None and (actor.country == country or country in actor.operates_in)
    in_time = day is None or actor.active_on(day)
    return in_country, in_time, actor.country is None


def choose_actor(kb: KnowledgeBase, ids: Sequence[str], day: date | None, country: str | None) -> Actor:
    """Among actors sharing an alias: the one of the article's country, then the one active on
    its date, then one of no country (the whole organisation, where its branches are of other
    countries: "Islamic State" in an article about Turkey), then the first listed; renames
    followed to the identity of that date."""
    actors = [kb.actors[i] for i in ids]
    best = max(actors, key=lambda a: _fits(a, country, day))  # max keeps the first of equals
    return kb.successor_on(best, day)


def _actor_ref(actor: Actor, day: date | None, country: str | None) -> ActorRef:
    actor_type = actor.type
    if actor_type == "state_forces" and actor.country and country and actor.country != country:
        actor_type = "external_other"  # ACLED codes state forces abroad as external forces
    return ActorRef(text="", name=actor.name_on(day), actor_id=actor.id, actor_type=actor_type,
                    role=actor.role, country=actor.country, resolved=True)


def _role_ref(kb: KnowledgeBase, role: str, country: str | None, day: date | None,
              context: str | None) -> ActorRef:
    definition = kb.roles[role]
    if country is None and "{" in definition.template:
        return ActorRef(text="", actor_type=definition.type, role=role, resolved=False)
    if country is None:  # a name of no country ("Militia (Pro-Government)"): known wherever it is
        return ActorRef(text="", name=definition.template, actor_id=role, actor_type=definition.type, role=role,
                        resolved=True)
    override = kb.countries[country].overrides.get(role) if country in kb.countries else None
    if override in kb.roles:
        role, definition, override = override, kb.roles[override], None
    named = kb.actor_for_role(role, country)
    if named is not None:
        return _actor_ref(named, day, context)
    country_form = kb.countries[country].actor_form if country in kb.countries else country
    actor_type = definition.type
    if actor_type == "state_forces" and context and country != context:
        actor_type = "external_other"
    name = override or definition.template.format(country=country, country_in_name=country_form)
    regime = kb.actor_for_role(definition.dated_like, country) if definition.dated_like else None
    period = REGIME_PERIOD.search(regime.name_on(day)) if regime is not None and regime.periods else None
    if period is not None:
        name = f"{name} {period.group(0)}"
    return ActorRef(text="", name=name,
                    actor_id=f"{role}:{country}", actor_type=actor_type, role=role, country=country, resolved=True)


def named_group(role: str, name: str, country: str | None) -> ActorRef:
    """A group of ``role`` that the text names ("Pokot" herders, the "Garba" clan), named as ACLED
    names such groups: "Pokot Ethnic Militia (Kenya)", with the article's country where known."""
    kb = knowledge_base()
    country = kb.country_named(country)
    definition = kb.roles[role]
    full_name = definition.named_template.format(name=name) + (f" ({country})" if country else "")
    return ActorRef(text="", name=full_name, actor_id=f"{role}:{name}:{country}", actor_type=definition.type,
                    role=role, country=country, resolved=True)


@lru_cache(maxsize=4096)
def resolve_actor(targets: tuple[Target, ...], day: date | None, country: str | None) -> ActorRef:
    """The actor a match stands for, as an ActorRef without text or span (cached); ``country``:
    the article's country focus (any name the knowledge base knows for it)."""
    kb = knowledge_base()
    country = kb.country_named(country)
    named = [t.ref for t in targets if t.kind == "actor"]
    role = next((t for t in targets if t.kind == "role"), None)
    if named:
        best = choose_actor(kb, named, day, country)
        # words that are one country's name for its forces and generic wording elsewhere ("forces de
        # défense et de sécurité": Burkina Faso's FDS, any army's in an article about Togo)
        if role is None or country is None or best.country is None or _fits(best, country, day)[0]:
            return _actor_ref(best, day, country)
    return _role_ref(kb, role.ref, role.country or country, day, country)


@cache
def _nationality_words() -> dict[str, frozenset[tuple[str, ...]]]:
    """Country -> the words of its nationality adjectives in every language."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for code in langdata.supported_languages():
        for country, adjectives in langdata.load(code, "actors").nationalities.items():
            found.setdefault(country, set()).update(words_of(a) for a in adjectives)
    return {country: frozenset(words) for country, words in found.items()}


def _names_its_country(ref: ActorRef) -> bool:
    words = words_of(ref.text)
    return any(words[i:i + len(adjective)] == adjective
               for adjective in _nationality_words().get(ref.country or "", ()) for i in range(len(words)))


def relocated(ref: ActorRef | None, country: str | None, day: date | None) -> ActorRef | None:
    """A generic non-state actor ("civilians", "gunmen", "protesters") named for the country where
    its event happened: its words gave it no country of their own ("civils burkinabè" keep theirs),
    so it took the article's, which an outlet or a government speaking of the event may have
    given. State forces keep theirs ("the army" of an article about Mali acting across the border)."""
    kb = knowledge_base()
    country = kb.country_named(country)
    role = kb.roles.get(ref.role or "") if ref is not None else None
    if role is None or role.type == "state_forces" or not ref.resolved or country in (None, ref.country) \
            or ref.actor_id != f"{ref.role}:{ref.country}" or _names_its_country(ref):
        return ref
    moved = _role_ref(kb, ref.role, country, day, country)
    return moved.model_copy(update={"text": ref.text, "span": ref.span})


def implied_actor(event_type: str, day: date | None, country: str | None,
                  sub_event_type: str | None = None) -> ActorRef | None:
    """The actor an event type implies whatever the words ("Protesters (Sri Lanka)" for any
    protest), else the one a sub-event type implies where the text names no attacker (an
    unidentified armed group for a bomb; the military that carries out the air strikes of the
    event's country); None where neither implies one."""
    kb = knowledge_base()
    country = kb.country_named(country)
    role = kb.implied_by_event_type.get(event_type) or kb.implied_when_unnamed.get(sub_event_type or "")
    if role is not None:
        return _role_ref(kb, role, country, day, country)
    striker = kb.implied_military_when_unnamed.get(sub_event_type or "", {}).get(country or "")
    return None if striker is None else _role_ref(kb, "military", striker, day, country)


def unnamed_attacker(event_type: str, sub_event_type: str, day: date | None, country: str | None) -> ActorRef | None:
    """The attacker ACLED codes for an event whose article names none (an unidentified armed group
    of ``country``, unidentified military forces for an air strike); None for other event types or
    without a country."""
    kb = knowledge_base()
    implied, country = kb.implied_when_no_attacker, kb.country_named(country)
    role = implied.get(sub_event_type) or implied.get(event_type)
    return None if role is None or country is None else _role_ref(kb, role, country, day, country)


@lru_cache(maxsize=4096)
def resolve_source_target(targets: tuple[Target, ...], country: str | None) -> SourceRef:
    kb = knowledge_base()
    country = kb.country_named(country)
    named = [kb.sources[t.ref] for t in targets if t.kind == "source"]
    if named:
        source = next((s for s in named if s.country == country), named[0])
        return SourceRef(text="", name=source.name, source_id=source.id, kind=source.kind,
                         alignment=source.alignment, resolved=True)
    role = next(t for t in targets if t.kind == "source_role")
    definition = kb.source_roles[role.ref]
    where = role.country or country
    if where is None:
        return SourceRef(text="", kind=definition.kind, resolved=False)
    alignment = definition.alignment.format(country=where) if definition.alignment else None
    return SourceRef(text="", name=definition.template.format(country=where),
                     source_id=f"{role.ref}:{where}", kind=definition.kind, alignment=alignment,
                     resolved=True)


def coalitions(actor_id: str | None, day: date | None) -> list[str]:
    """Canonical names of the coalitions ``actor_id`` belonged to on ``day``."""
    kb = knowledge_base()
    if actor_id not in kb.actors:
        return []
    return [c.name_on(day) for c in kb.coalitions_of(actor_id, day)]
