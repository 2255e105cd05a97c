"""HTTP API and web explorer (map, timeline, evidence) over the event store: ``sitrep serve``."""
from sitrep.web.app import create_app

__all__ = ["create_app"]
