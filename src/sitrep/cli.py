"""The one command-line entry point: ``sitrep`` (also ``python -m sitrep``)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date as Date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from pydantic import ValidationError

from sitrep import inputs
from sitrep.actors.cli import app as actors_app
from sitrep.cli_common import EXIT_SKIPPED, EXIT_USAGE, check_inputs, fail, write_output
from sitrep.exports import EventFormat
from sitrep.evaluation.cli import evaluate as evaluate_gazetteer
from sitrep.geo.cli import app as gazetteer_app
from sitrep.lang.cli import app as lang_app
from sitrep.learn.cli import train_command
from sitrep.models import Document, Event
from sitrep.scale.cli import app as scale_app
from sitrep.store.cli import app as store_app
from sitrep.watch.cli import watch
from sitrep.web.cli import serve

app = typer.Typer(help="Turn conflict news into a verifiable event dataset.", no_args_is_help=True,
                  add_completion=False)
app.add_typer(store_app)  # ingest, events, stats
app.command()(serve)
app.command()(watch)
app.add_typer(actors_app, name="actors")  # actors list|show|search|check
gazetteer_app.command("evaluate")(evaluate_gazetteer)  # runs the place stage: registered from above the stages
app.add_typer(gazetteer_app, name="gazetteer")  # gazetteer build|import|info|lookup|evaluate
app.add_typer(scale_app)  # ray-extract, load
app.add_typer(lang_app, name="lang")  # lang check
app.command("train")(train_command)  # the event reader from an ACLED export


class VagueTolls(str, Enum):
    null = "null"
    acled = "acled"


class Language(str, Enum):
    auto = "auto"
    fr = "fr"
    en = "en"


def _report(doc_id: str | None, status: str, reason: str | None) -> None:
    typer.secho(f"sitrep: {status} {doc_id or 'document'}: {reason}", err=True, fg=typer.colors.YELLOW)


@app.command()
def extract(
    file: Annotated[Optional[str], typer.Argument(help="text or HTML file; - for standard input")] = None,
    input: Annotated[Optional[str], typer.Option("--input", "-i", help="JSON Lines batch: one document a line "
                                                 '{"id", "text"|"html", "published", "language"?, "url"?, "outlet"?}')] = None,
    published: Annotated[Optional[str], typer.Option(help="publication date YYYY-MM-DD (relative dates resolve against it)")] = None,
    lang: Annotated[Language, typer.Option(help="language of FILE")] = Language.auto,
    format: Annotated[EventFormat, typer.Option("--format", "-f", help="output format")] = EventFormat.jsonl,
    workers: Annotated[int, typer.Option(help="worker processes for a batch")] = 1,
    vague_tolls: Annotated[Optional[VagueTolls], typer.Option(
        "--vague-tolls", help="a vague toll ('dozens', 'plusieurs'): null (no number, the default) or acled "
                              "(ACLED's conventional figure: dozens 12, hundreds 100, several 3); "
                              "sets SITREP_VAGUE_TOLLS")] = None,
) -> None:
    """Extract the events a news article (or a batch of them) reports."""
    from sitrep.pipeline import extract_documents
    from sitrep.stages.fatalities import VAGUE_TOLLS_VARIABLE

    if vague_tolls is not None:
        os.environ[VAGUE_TOLLS_VARIABLE] = vague_tolls.value  # worker processes inherit it

    if (file is None) == (input is None):
        raise typer.BadParameter("give either FILE (or -) or --input docs.jsonl")
    try:
        published_date = Date.fromisoformat(published) if published else None
    except ValueError:
        raise typer.BadParameter(f"--published must be YYYY-MM-DD, not {published!r}") from None
    try:
        Document(published=published_date)
    except ValidationError as exc:
        raise typer.BadParameter(f"--published: {inputs.first_problem(exc)[1]}") from None
    check_inputs([input if input is not None else file])
    if input is not None:
        if Path(input).is_dir():
            fail(f"--input takes a JSON Lines file, and {input} is a folder (sitrep ingest reads folders)", EXIT_USAGE)
        stream = inputs.read_jsonl(input)
    else:
        stream = iter([inputs.read_file(file, published_date, None if lang is Language.auto else lang.value)])
    skipped = 0

    def events() -> Iterator[Event]:
        nonlocal skipped
        for result in extract_documents(stream, n_process=workers):
            if result.status != "ok":
                skipped += 1
                _report(result.doc_id, result.status, result.reason)
            yield from result.events

    try:
        write_output(events(), format.value)
    except FileNotFoundError as exc:
        raise typer.BadParameter(f"cannot open {exc.filename}") from None
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the event record (docs/event.schema.json is this output)."""
    import json

    typer.echo(json.dumps(Event.model_json_schema(), indent=2, ensure_ascii=False))

