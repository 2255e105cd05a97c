"""HTTP API and web explorer (map, timeline, evidence) over the event store: ``sitrep serve``."""
from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    # FastAPI and the store load only when the app is asked for, so that registering the
    # ``serve`` command costs the other commands nothing at start-up.
    if name == "create_app":
        from sitrep.web.app import create_app

        return create_app
    raise AttributeError(f"module 'sitrep.web' has no attribute {name!r}")
