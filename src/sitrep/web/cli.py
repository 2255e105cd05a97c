"""``sitrep serve``: the API and the explorer page on uvicorn."""
from __future__ import annotations

import ipaddress
from typing import Annotated, Optional

import typer

from sitrep.cli_common import DbOption, fail
from sitrep.web.settings import DEFAULT_MAX_BODY_BYTES, DEFAULT_POLL_SECONDS, ConfigError, WebSettings

# The names a loopback server answers to (its Host header); any other is refused (DNS rebinding).
LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, extra: list[str]) -> list[str]:
    """Host header names to answer to: on loopback its own names (and ``extra``); elsewhere
    ``extra``, or any name where none is given (reads need the token there)."""
    if is_loopback(host):
        return [*LOOPBACK_NAMES, host, *extra]
    return extra or ["*"]


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="port")] = 8000,
    protect_reads: Annotated[Optional[bool], typer.Option(
        "--protect-reads/--open-reads",
        help="reads need the API token too (default: open on a loopback address, protected elsewhere)")] = None,
    max_body_mb: Annotated[float, typer.Option(min=0.001, help="largest request body accepted, MB")] =
        DEFAULT_MAX_BODY_BYTES / 1e6,
    poll_seconds: Annotated[float, typer.Option(min=1, help="how often the page asks for newly stored events")] =
        DEFAULT_POLL_SECONDS,
    allowed_host: Annotated[Optional[list[str]], typer.Option(
        help="a name clients reach the server by (its Host header), repeatable; default: the loopback "
             "names on loopback, any name elsewhere")] = None,
) -> None:
    r"""Serve the HTTP API and the explorer page (map, timeline, evidence) over the store.

    Writing (POST /documents) needs the API token from $SITREP_API_TOKEN or the config file
    ($SITREP_CONFIG, default ~/.config/sitrep/config.toml: \[web] api_token = "...").
    """
    import uvicorn

    from sitrep.store.opening import StoreError
    from sitrep.web.app import create_app

    settings = WebSettings(protect_reads=not is_loopback(host) if protect_reads is None else protect_reads,
                           max_body_bytes=int(max_body_mb * 1e6), poll_seconds=poll_seconds,
                           allowed_hosts=allowed_hosts(host, allowed_host or []))
    try:
        app = create_app(db, settings=settings)
    except ConfigError as exc:
        raise typer.BadParameter(str(exc)) from None
    except StoreError as exc:
        fail(str(exc))
    writes = "enabled (token required)" if app.state.settings.api_token else "disabled (no API token configured)"
    reads = "need the token" if settings.protect_reads else "open"
    where = app.state.store.engine.url.render_as_string(hide_password=True)
    typer.echo(f"sitrep: serving {where} on http://{host}:{port}/ — reads {reads}, writes {writes}",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
