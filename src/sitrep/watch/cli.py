"""``sitrep watch``: poll feeds and news sitemaps, store and link each new article (docs/watch.md)."""
from __future__ import annotations

import logging
import re
import sys
from typing import Annotated, Optional

import typer

from sitrep.cli_common import EXIT_SKIPPED, DbOption, open_store

DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)?", re.IGNORECASE)
SECONDS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, None: 1.0}
# Rounds start at most this often: a feed polled more often than that is no politer for the
# conditional GET.
MIN_EVERY_SECONDS = 10.0
# Exit status of a watch stopped by Ctrl-C (the shell's own for SIGINT).
EXIT_INTERRUPTED = 130


def parse_duration(text: str) -> float:
    """'15m', '1h30m', '30s', '500ms' or plain seconds ('90') in seconds."""
    compact = text.strip().replace(" ", "")
    parts = list(DURATION.finditer(compact))
    if not compact or "".join(p.group(0) for p in parts) != compact:
        raise typer.BadParameter(f"a duration such as 15m, 1h, 30s or 1h30m, not {text!r}")
    return sum(float(p.group(1)) * SECONDS[(p.group(2) or "").lower() or None] for p in parts)


def _duration_option(help_text: str):
    return typer.Option(help=help_text, metavar="DURATION")


def watch(
    sources: Annotated[list[str], typer.Argument(help="sources files (YAML or CSV: url, outlet, language) or feed URLs")],
    db: DbOption = None,
    every: Annotated[str, _duration_option("time between the starts of two rounds (15m, 1h, 90s)")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="run one round and exit (for cron or a systemd timer)")] = False,
    workers: Annotated[int, typer.Option(min=1, help="extraction worker processes")] = 1,
    timeout: Annotated[str, _duration_option("network timeout of a request")] = "20s",
    host_delay: Annotated[str, _duration_option("least time between two requests to one host")] = "1s",
    backoff: Annotated[str, _duration_option("wait before the first retry of a failed feed or article; "
                                             "doubled after each failure, up to 6h")] = "5m",
    max_attempts: Annotated[int, typer.Option(min=1, help="attempts at an article page before the feed's own "
                                                          "text of it is stored instead")] = 6,
    user_agent: Annotated[Optional[str], typer.Option(help="User-Agent to send (default names sitrep); add a "
                                                           "contact address for the sites you poll")] = None,
    progress: Annotated[Optional[bool], typer.Option(help="progress bar (default: on a terminal)")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="only failures and the round summaries")] = False,
) -> None:
    """Poll RSS/Atom feeds and news sitemaps; fetch, extract, store and link each new article.

    Every network fault is logged with its reason and retried later with back-off; a restart goes
    on where the last run stopped. `sitrep stats` shows each feed's health.
    """
    from tqdm.contrib.logging import logging_redirect_tqdm

    from sitrep.watch.fetch import USER_AGENT, PoliteClient
    from sitrep.watch.rounds import RoundSummary, WatchSettings, Watcher, log
    from sitrep.watch.sources import SourcesError, read_sources

    try:
        feeds = read_sources(sources)
    except SourcesError as exc:
        raise typer.BadParameter(str(exc)) from None
    if parse_duration(every) < MIN_EVERY_SECONDS:
        raise typer.BadParameter(f"--every must be at least {MIN_EVERY_SECONDS:g}s, not {every!r}")
    settings = WatchSettings(every=parse_duration(every), backoff=parse_duration(backoff),
                             max_attempts=max_attempts, workers=workers, progress=progress)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    log.addHandler(handler)
    log.setLevel(logging.WARNING if quiet else logging.INFO)
    log.propagate = False
    faults = 0

    def report(number: int, summary: RoundSummary) -> None:
        nonlocal faults
        faults += summary.faults
        typer.echo(f"sitrep watch: round {number} done", err=True)
        for line in summary.lines():
            typer.echo(f"  {line}", err=True)

    typer.echo(f"sitrep watch: {len(feeds)} feed(s), " + ("one round" if once else f"a round every {every}"), err=True)
    try:
        with open_store(db) as store, PoliteClient(user_agent=user_agent or USER_AGENT, timeout=parse_duration(timeout),
                                              host_delay=parse_duration(host_delay)) as client:
            watcher = Watcher(store, feeds, client, settings)
            with logging_redirect_tqdm(loggers=[log]):
                watcher.run(rounds=1 if once else None, report=report, survive=not once)
    except KeyboardInterrupt:
        typer.echo("sitrep watch: stopped; run the same command again to go on where it stopped", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        log.removeHandler(handler)
    if once and faults:
        raise typer.Exit(EXIT_SKIPPED)
