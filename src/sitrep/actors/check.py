"""Validation of the knowledge base and the languages' actor wording (``sitrep actors check``)."""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Literal, get_args

from pydantic import BaseModel

from sitrep import lang as langdata
from sitrep.actors.kb import Actor, KnowledgeBase
from sitrep.actors.resolver import NATIONALITY_SLOT, words_of
from sitrep.lang.schemas import ActorWords
from sitrep.models import ActorType


class Problem(BaseModel):
    level: Literal["error", "warning"]
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.where}: {self.message}"


def _countries(actor: Actor) -> set[str]:
    return ({actor.country} if actor.country else set()) | set(actor.operates_in)


def _periods_overlap(a: Actor, b: Actor) -> bool:
    return not ((a.end and b.start and a.end <= b.start) or (b.end and a.start and b.end <= a.start))


def _renamed_into(kb: KnowledgeBase, a: Actor, b: Actor) -> bool:
    """True where ``b`` is an identity ``a`` later took on (or the reverse)."""
    for first, second in ((a, b), (b, a)):
        seen, actor = set(), first
        while actor.renamed_to and actor.id not in seen:
            seen.add(actor.id)
            actor = kb.actors[actor.renamed_to]
            if actor.id == second.id:
                return True
    return False


def disambiguated(kb: KnowledgeBase, a: Actor, b: Actor) -> bool:
    """Two actors may share an alias where the article's country or date tells them apart:
    different countries, periods that do not overlap, or one renamed into the other; or where
    one is an organisation of no country and the other its branch in a country (the branch
    where the article is about its country, the organisation elsewhere)."""
    countries_a, countries_b = _countries(a), _countries(b)
    if countries_a and countries_b and not countries_a & countries_b:
        return True
    if bool(countries_a) != bool(countries_b):
        return True
    return not _periods_overlap(a, b) or _renamed_into(kb, a, b)


def _check_entries(kb: KnowledgeBase) -> list[Problem]:
    problems = []
    for actor in kb.actors.values():
        where = f"{kb.files.get(actor.id)}: {actor.id}"
        if not actor.name and not actor.periods:
            problems.append(Problem(level="error", where=where, message="no name and no periods"))
        for ref, what in ((actor.parent, "parent"), (actor.renamed_to, "renamed_to"),
                          *((m.coalition, "member_of") for m in actor.member_of)):
            if ref is not None and ref not in kb.actors:
                problems.append(Problem(level="error", where=where, message=f"{what} {ref!r} is no actor id"))
        if actor.renamed_to and actor.end is None:
            problems.append(Problem(level="error", where=where, message="renamed_to without an end date"))
        if actor.start and actor.end and actor.end <= actor.start:
            problems.append(Problem(level="error", where=where, message="end is not after start"))
        for earlier, later in zip(actor.periods, actor.periods[1:]):
            if earlier.end is None or later.start is None or later.start < earlier.end:
                problems.append(Problem(level="error", where=where,
                                        message=f"periods {earlier.name!r} and {later.name!r} overlap or are open"))
        if actor.role and actor.role not in kb.roles:
            problems.append(Problem(level="error", where=where, message=f"unknown role {actor.role!r}"))
        for country in _countries(actor):
            if country not in kb.countries:
                problems.append(Problem(level="error", where=where,
                                        message=f"country {country!r} is not in countries.yaml"))
        if not actor.sources:
            problems.append(Problem(level="error", where=where, message="no sources: give a reference for the facts"))
    for source in kb.sources.values():
        where = f"{kb.files.get(source.id)}: {source.id}"
        if source.country and source.country not in kb.countries:
            problems.append(Problem(level="error", where=where,
                                    message=f"country {source.country!r} is not in countries.yaml"))
        if not source.sources:
            problems.append(Problem(level="error", where=where, message="no sources: give a reference for the facts"))
    known_types = set(get_args(ActorType))
    for kind in kb.type_cues:
        if kind not in known_types:
            problems.append(Problem(level="error", where="cues.yaml", message=f"unknown actor type {kind!r}"))
    for key, implied in (("implied_by_event_type", kb.implied_by_event_type),
                         ("implied_when_unnamed", kb.implied_when_unnamed),
                         ("implied_when_no_attacker", kb.implied_when_no_attacker)):
        for event_type, role in implied.items():
            if role not in kb.roles:
                problems.append(Problem(level="error", where="generic.yaml",
                                        message=f"{key}: {event_type} -> unknown role {role!r}"))
    for sub_event_type, strikers in kb.implied_military_when_unnamed.items():
        for country in {*strikers, *strikers.values()} - set(kb.countries):
            problems.append(Problem(level="error", where="generic.yaml", message=(
                f"implied_military_when_unnamed: {sub_event_type}: unknown country {country!r}")))
    for name, role in kb.roles.items():
        if role.dated_like is not None and role.dated_like not in kb.roles:
            problems.append(Problem(level="error", where=f"generic.yaml: {name}",
                                    message=f"dated_like names unknown role {role.dated_like!r}"))
    for country in kb.countries.values():
        for role in country.overrides:
            if role not in kb.roles:
                problems.append(Problem(level="error", where=f"countries.yaml: {country.name}",
                                        message=f"override of unknown role {role!r}"))
    return problems


def _check_aliases(kb: KnowledgeBase) -> list[Problem]:
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    problems = []
    for entry in [*kb.actors.values(), *kb.sources.values()]:
        for alias in entry.all_aliases():
            words = words_of(alias)
            if words:
                owners[words].add(entry.id)
            else:
                problems.append(Problem(level="error", where=f"{kb.files.get(entry.id)}: {entry.id}",
                                        message=f"alias {alias!r} has no words"))
    for words, ids in sorted(owners.items()):
        for a, b in combinations(sorted(ids), 2):
            if a in kb.sources or b in kb.sources:
                ok = False
            else:
                ok = disambiguated(kb, kb.actors[a], kb.actors[b])
            if not ok:
                problems.append(Problem(
                    level="error", where=f"alias {' '.join(words)!r}",
                    message=f"points to {a} and {b} with no rule to tell them apart "
                            "(give them different countries or non-overlapping dates)"))
    return problems


def _check_language(kb: KnowledgeBase, lang: str, words: ActorWords) -> list[Problem]:
    where = f"lang/{lang}/actors.yaml"
    problems = []
    nationalities = words.nationalities
    for country in nationalities:
        if country not in kb.countries:
            problems.append(Problem(level="error", where=where,
                                    message=f"nationality of {country!r}, which is not in countries.yaml"))
    for country in kb.countries:
        if country not in nationalities:
            problems.append(Problem(level="warning", where=where, message=f"no nationality adjective for {country!r}"))
    for section, known in (("generic", kb.roles), ("generic_sources", kb.source_roles)):
        for role, phrases in getattr(words, section).items():
            if role not in known:
                problems.append(Problem(level="error", where=where, message=f"{section}: unknown role {role!r}"))
            for phrase in phrases:
                if not words_of(phrase.replace(NATIONALITY_SLOT, "")):
                    problems.append(Problem(level="error", where=where, message=f"{section}: empty phrase {phrase!r}"))
    for kind in words.type_cues:
        if kind not in set(get_args(ActorType)):
            problems.append(Problem(level="error", where=where, message=f"type_cues: unknown actor type {kind!r}"))
    return problems


def check(kb: KnowledgeBase, languages: dict[str, ActorWords] | None = None) -> list[Problem]:
    """Every problem in the knowledge base and the languages' wording (errors first)."""
    if languages is None:
        languages = {code: langdata.load(code, "actors") for code in langdata.supported_languages()}
    problems = _check_entries(kb) + _check_aliases(kb)
    for code, words in sorted(languages.items()):
        problems += _check_language(kb, code, words)
    return sorted(problems, key=lambda p: p.level != "error")
