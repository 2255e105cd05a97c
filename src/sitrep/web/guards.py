"""What the web app refuses before it does any work: a Host header it does not answer to (DNS
rebinding), a client that keeps sending wrong tokens (back-off), query parameters an endpoint
does not take, and dot-files under /static. Every refusal is a short JSON ``detail``.
"""
from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import PurePosixPath

from fastapi import HTTPException, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from sitrep.web.errors import echo

# Clients whose wrong tokens are remembered; the oldest is forgotten past this.
MAX_TRACKED_CLIENTS = 10_000


def host_name(header: str) -> str:
    """The host of a Host header, without its port, lower case ("[::1]:8000" -> "::1")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostCheck:
    """Answers only requests whose Host header names this server: a page on another site that
    resolves its own name to 127.0.0.1 (DNS rebinding) cannot read an open loopback API."""

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        self.app = app
        self.allowed = {host_name(host) for host in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "*" in self.allowed:
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if host_name(header) in self.allowed:
            await self.app(scope, receive, send)
            return
        body = json.dumps({"detail": f"Host {echo(header)} is not a name of this server: start it with "
                                     "--allowed-host NAME to answer to that name"}).encode()
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class TokenBackoff:
    """Wrong API tokens from one client address: the first ``free`` cost nothing; each further one
    shuts that client out of token-protected endpoints for twice as long as the previous one
    (2 s, 4 s, 8 s ... up to ``longest``), right token included. A right token clears the count."""

    def __init__(self, free: int, longest: float) -> None:
        self.free = free
        self.longest = longest
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()  # client -> (failures, blocked until)

    def wait_left(self, client: str) -> float:
        """Seconds ``client`` must still wait before its token is looked at (0: none)."""
        _, until = self._failures.get(client, (0, 0.0))
        return max(0.0, until - time.monotonic())

    def failed(self, client: str) -> None:
        failures = self._failures.pop(client, (0, 0.0))[0] + 1
        until = time.monotonic() + min(2.0 ** (failures - self.free), self.longest) if failures > self.free else 0.0
        self._failures[client] = (failures, until)
        while len(self._failures) > MAX_TRACKED_CLIENTS:
            self._failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        self._failures.pop(client, None)


_query_names: dict[int, frozenset[str]] = {}  # by id(route): routes compare by value, so are no dict keys


def _declared_query(dependant: Dependant) -> Iterator[str]:
    yield from (param.alias for param in dependant.query_params)
    for dependency in dependant.dependencies:
        yield from _declared_query(dependency)


def query_names(route: APIRoute) -> frozenset[str]:
    """The query parameters ``route`` takes, its dependencies' included."""
    names = _query_names.get(id(route))
    if names is None:
        names = _query_names[id(route)] = frozenset(_declared_query(route.dependant))
    return names


def reject_unknown_query(request: Request) -> None:
    """A query parameter the endpoint does not take is a mistake (a misspelt filter would
    otherwise be ignored and return everything): 422 naming it and the ones it takes."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not route.include_in_schema:
        return
    known = query_names(route)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        named = ", ".join(echo(name) for name in unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        raise HTTPException(422, f"unknown query parameter {named}; this endpoint takes "
                                 f"{', '.join(sorted(known)) or 'none'}")


class PublicFiles(StaticFiles):
    """Static files, without dot-files (.gitignore, .DS_Store, editors' leftovers): 404."""

    def lookup_path(self, path: str):
        if any(part.startswith(".") for part in PurePosixPath(path).parts):
            return "", None
        return super().lookup_path(path)
