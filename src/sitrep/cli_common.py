"""What every sub-command shares: exit codes, the store option, and writing events to a file or
standard output. The sub-command modules import this, never the top-level ``sitrep.cli``."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Annotated, BinaryIO, Optional, TextIO

import typer

from sitrep.exports import BINARY_FORMATS, write_events
from sitrep.models import Event

# Exit status of a run in which at least one document was skipped (the others were processed).
EXIT_SKIPPED = 3
# Exit status of a wrong command line (Typer's and Click's own).
EXIT_USAGE = 2

DbOption = Annotated[Optional[str], typer.Option(
    "--db", envvar="SITREP_DB", help="SQLite file or postgresql://... URL (default ./sitrep.db)")]


@contextmanager
def output(path: str | None, binary: bool) -> Iterator[TextIO | BinaryIO]:
    """The file at ``path`` or standard output, text or binary."""
    if path is None:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    with open(path, "wb") if binary else open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


def write_output(events: Iterable[Event], fmt: str, path: str | None = None) -> None:
    """``events`` in format ``fmt`` to ``path`` or standard output; a binary format is refused on a
    terminal."""
    binary = fmt in BINARY_FORMATS
    if binary and path is None and sys.stdout.isatty():
        raise typer.BadParameter(f"{fmt} is binary: give --output FILE or redirect standard output")
    with output(path, binary) as out:
        write_events(events, fmt, out)
