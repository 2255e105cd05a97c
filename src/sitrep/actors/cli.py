"""``sitrep actors list|show|search|check``: inspect and validate the actor knowledge base."""
from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from sitrep.actors.check import check as check_kb
from sitrep.actors.kb import Actor, Source, knowledge_base
from sitrep.actors.resolver import choose_actor, language_data, words_of
from sitrep.text import fold

app = typer.Typer(help="Inspect and validate the actor and source knowledge base.", no_args_is_help=True)


def _actor_line(actor: Actor, day: date | None) -> str:
    where = actor.country or "-"
    return f"{actor.id:<28} {actor.type:<18} {where:<22} {actor.name_on(day)}"


def _source_line(source: Source) -> str:
    return f"{source.id:<28} {source.kind:<18} {source.country or '-':<22} {source.name} [{source.alignment or '-'}]"


@app.command("list")
def list_entries(
    country: Annotated[str | None, typer.Option(help="only actors of this country (as ACLED names it)")] = None,
    actor_type: Annotated[str | None, typer.Option("--type", help="only actors of this type (state_forces...)")] = None,
    sources: Annotated[bool, typer.Option("--sources", help="list sources instead of actors")] = False,
    on: Annotated[str | None, typer.Option(help="show names as on this date (YYYY-MM-DD)")] = None,
) -> None:
    """List actors (or sources) with id, type, country and canonical name."""
    kb = knowledge_base()
    day = date.fromisoformat(on) if on else None
    if sources:
        for source in kb.sources.values():
            if country is None or source.country == country:
                typer.echo(_source_line(source))
        return
    for actor in kb.actors.values():
        if country is not None and actor.country != country and country not in actor.operates_in:
            continue
        if actor_type is not None and actor.type != actor_type:
            continue
        typer.echo(_actor_line(actor, day))


def _lookup(kb, key: str, day: date | None, country: str | None) -> Actor | Source | None:
    if key in kb.actors:
        return kb.actors[key]
    if key in kb.sources:
        return kb.sources[key]
    targets = language_data("en").index.targets(key)
    actors = [t.ref for t in targets if t.kind == "actor"]
    if actors:
        return choose_actor(kb, actors, day, country)
    sources = [t.ref for t in targets if t.kind == "source"]
    return kb.sources[sources[0]] if sources else None


@app.command()
def show(
    key: Annotated[str, typer.Argument(help="an actor or source id, or an alias ('al-Nosra')")],
    on: Annotated[str | None, typer.Option(help="resolve as for an article of this date (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, typer.Option(help="resolve as for an article about this country")] = None,
) -> None:
    """Everything the knowledge base says about one actor or source."""
    kb = knowledge_base()
    day = date.fromisoformat(on) if on else None
    entry = _lookup(kb, key, day, country)
    if entry is None:
        typer.echo(f"no actor or source known as {key!r}; try `sitrep actors search`", err=True)
        raise typer.Exit(1)
    typer.echo(f"id: {entry.id}    (file {kb.files.get(entry.id)})")
    if isinstance(entry, Source):
        typer.echo(f"name: {entry.name}\nkind: {entry.kind}\nalignment: {entry.alignment or '-'}")
    else:
        typer.echo(f"name: {entry.name_on(day)}\ntype: {entry.type}\ncountry: {entry.country or '-'}")
        for period in entry.periods:
            typer.echo(f"  period: {period.name}  {period.start or '...'} to {period.end or '...'}")
        if entry.start or entry.end:
            typer.echo(f"active: {entry.start or '...'} to {entry.end or '...'}")
        if entry.renamed_to:
            typer.echo(f"renamed to: {kb.actors[entry.renamed_to].name_on(entry.end)} on {entry.end}")
        if entry.parent:
            typer.echo(f"parent: {kb.actors[entry.parent].name_on(day)}")
        for membership in entry.member_of:
            coalition = kb.actors[membership.coalition]
            typer.echo(f"member of: {coalition.name_on(day)}  {membership.start or '...'} to {membership.end or '...'}")
        if entry.coalition:
            for member in kb.members_of(entry.id, day):
                typer.echo(f"  member: {member.name_on(day)}")
    for code, aliases in entry.aliases.items():
        typer.echo(f"aliases ({code}): {', '.join(aliases)}")
    if entry.note:
        typer.echo(f"note: {entry.note}")
    for reference in entry.sources:
        typer.echo(f"source: {reference}")


@app.command()
def search(text: Annotated[str, typer.Argument(help="words to look for in names and aliases")]) -> None:
    """Actors and sources whose name or an alias contains the words (case and accents ignored)."""
    kb = knowledge_base()
    wanted = " ".join(words_of(text))
    hits = 0
    for entry in [*kb.actors.values(), *kb.sources.values()]:
        matching = [a for a in entry.all_aliases() if wanted in " ".join(words_of(a))]
        if matching:
            hits += 1
            label = "source" if isinstance(entry, Source) else "actor"
            typer.echo(f"{label:<7} {entry.id:<28} {matching[0]}")
    if not hits:
        typer.echo(f"nothing matches {fold(text)!r}", err=True)
        raise typer.Exit(1)


@app.command()
def check() -> None:
    """Validate the data files: references, dates, countries, types, and aliases shared by two
    actors with no rule (country or dates) to tell them apart. Exit code 1 on any error."""
    kb = knowledge_base()
    problems = check_kb(kb)
    for problem in problems:
        typer.echo(str(problem))
    errors = sum(p.level == "error" for p in problems)
    typer.echo(f"{len(kb.actors)} actors, {len(kb.sources)} sources, {len(kb.countries)} countries: "
               f"{errors} errors, {len(problems) - errors} warnings")
    if errors:
        raise typer.Exit(1)
