"""The one command-line entry point: ``sitrep`` (also ``python -m sitrep``)."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date as Date
from enum import Enum
from typing import Annotated, Optional

import typer

from sitrep import inputs
from sitrep.exports import FORMATS, write_events
from sitrep.models import Event

app = typer.Typer(help="Turn conflict news into a verifiable event dataset.", no_args_is_help=True,
                  add_completion=False)

# Exit status of a run in which at least one document was skipped (the others were processed).
EXIT_SKIPPED = 3

OutputFormat = Enum("OutputFormat", {name.replace("-", "_"): name for name in FORMATS}, type=str)


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
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="output format")] = OutputFormat.jsonl,
    workers: Annotated[int, typer.Option(help="worker processes for a batch")] = 1,
) -> None:
    """Extract the events a news article (or a batch of them) reports."""
    from sitrep.pipeline import extract_documents

    if (file is None) == (input is None):
        raise typer.BadParameter("give either FILE (or -) or --input docs.jsonl")
    try:
        published_date = Date.fromisoformat(published) if published else None
    except ValueError:
        raise typer.BadParameter(f"--published must be YYYY-MM-DD, not {published!r}") from None
    if input is not None:
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
        write_events(events(), format.value, sys.stdout)
    except FileNotFoundError as exc:
        raise typer.BadParameter(f"cannot open {exc.filename}") from None
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the event record (docs/event.schema.json is this output)."""
    import json

    typer.echo(json.dumps(Event.model_json_schema(), indent=2, ensure_ascii=False))


# Sub-commands of the other areas (each module registers its own Typer app or commands below).
from sitrep.store.cli import app as store_app  # noqa: E402  (ingest, events, stats)
app.add_typer(store_app)
from sitrep.web.cli import serve  # noqa: E402  (serve)
app.command()(serve)
from sitrep.actors.cli import app as actors_app  # noqa: E402  (actors list|show|search|check)
app.add_typer(actors_app, name="actors")
from sitrep.geo.cli import app as gazetteer_app  # noqa: E402  (gazetteer build|import|info|lookup|evaluate)
app.add_typer(gazetteer_app, name="gazetteer")
from sitrep.scale.cli import app as scale_app  # noqa: E402  (ray-extract, load)
app.add_typer(scale_app)
