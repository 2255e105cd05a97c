"""What the web app is allowed to do: the API token for writes, whether reads need it too, and
how large a request may be.

The token comes from (first found): the ``token`` argument, the environment variable
``SITREP_API_TOKEN``, or the ``[web] api_token`` key of a TOML config file (``SITREP_CONFIG``,
else ``~/.config/sitrep/config.toml``). With no token configured, writing is refused outright.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, Field

TOKEN_ENV = "SITREP_API_TOKEN"
CONFIG_ENV = "SITREP_CONFIG"
DEFAULT_CONFIG = Path("~/.config/sitrep/config.toml")

# A request body above this is refused (413) before it is read whole: the largest article the
# pipeline takes (inputs.MAX_DOCUMENT_BYTES) plus room for the JSON around it.
DEFAULT_MAX_BODY_BYTES = 6_000_000
# How often the explorer page asks whether events were stored (GET /updates).
DEFAULT_POLL_SECONDS = 15.0
# Documents one POST /documents may carry: each is parsed while the client waits.
DEFAULT_MAX_DOCUMENTS = 50


class ConfigError(ValueError):
    """The config file exists but cannot be read as the settings it should hold."""


# Wrong tokens a client may send before it must wait (web/guards.py), and the longest wait.
DEFAULT_FREE_TOKEN_FAILURES = 10  # a page load with a mistyped token sends four
DEFAULT_LONGEST_BACKOFF_SECONDS = 300.0


class WebSettings(BaseModel):
    api_token: str | None = Field(None, description="token writes need; None: writes are refused")
    protect_reads: bool = Field(False, description="reads need the token too (a server not on loopback)")
    max_body_bytes: int = Field(DEFAULT_MAX_BODY_BYTES, gt=0)
    max_documents: int = Field(DEFAULT_MAX_DOCUMENTS, gt=0, le=1_000, description="documents per POST /documents "
                                                                           "(schemas.MAX_DOCUMENTS_PER_REQUEST at most)")
    allowed_hosts: list[str] = Field(["*"], description="names the Host header may give; '*': any "
                                                         "(`sitrep serve` on loopback allows its own names only)")
    free_token_failures: int = Field(DEFAULT_FREE_TOKEN_FAILURES, ge=0)
    longest_backoff_seconds: float = Field(DEFAULT_LONGEST_BACKOFF_SECONDS, gt=0)
    poll_seconds: float = Field(DEFAULT_POLL_SECONDS, gt=0, description="how often the page asks for new events")


def config_path() -> Path:
    return Path(os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG).expanduser()


def token_from_config(path: Path) -> str | None:
    if not path.is_file():
        return None
    try:
        config = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    token = config.get("web", {}).get("api_token")
    if token is not None and not (isinstance(token, str) and token.strip()):
        raise ConfigError(f"{path}: [web] api_token must be a non-empty string")
    return token


def resolve_token(explicit: str | None = None) -> str | None:
    """The API token: explicit, else from the environment, else from the config file."""
    for candidate in (explicit, os.environ.get(TOKEN_ENV)):
        if candidate and candidate.strip():
            return candidate.strip()
    token = token_from_config(config_path())
    return token.strip() if token else None
