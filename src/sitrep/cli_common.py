"""What every sub-command shares: exit codes, the store option, opening the store, checking input
paths, and writing events to a file or standard output. The sub-command modules import this,
never the top-level ``sitrep.cli``."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, NoReturn, Optional, TextIO

import typer

from sitrep.exports import BINARY_FORMATS, write_events
from sitrep.models import Event

if TYPE_CHECKING:
    from sitrep.store import Store

# Exit status of a command that could not do its work: the store cannot be opened or written.
EXIT_FAILED = 1
# Exit status of a wrong command line (Typer's and Click's own), an input path that names nothing included.
EXIT_USAGE = 2
# Exit status of a run in which at least one document was skipped (the others were processed).
EXIT_SKIPPED = 3

DbOption = Annotated[Optional[str], typer.Option(
    "--db", envvar="SITREP_DB", help="SQLite file or postgresql://... URL (default ./sitrep.db)")]


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    """End the command with one line on standard error and exit status ``code``."""
    typer.echo(f"sitrep: error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def open_store(db: str | None) -> Iterator[Store]:
    """The store named by ``db``; a store that cannot be opened, read or written (now or while the
    command works) ends the command with one line saying why and what to do."""
    from sqlalchemy.exc import SQLAlchemyError

    from sitrep.store import Store
    from sitrep.store.opening import StoreError, describe, render

    try:
        with Store(db) as store:
            yield store
    except StoreError as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        from sitrep.store.store import database_url

        fail(describe(exc, render(database_url(db))))


def check_inputs(paths: Iterable[str]) -> None:
    """Every input path names something readable ("-" is standard input), else a usage error in one line."""
    for path in paths:
        if path == "-":
            continue
        given = Path(path)
        if not given.exists():
            fail(f"no such file or folder: {path}", EXIT_USAGE)
        if given.is_file() and not _readable(given):
            fail(f"cannot read {path}: permission denied", EXIT_USAGE)


def _readable(path: Path) -> bool:
    try:
        with path.open("rb"):
            return True
    except OSError:
        return False


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
