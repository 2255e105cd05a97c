"""Error answers of the web app: short whatever the request, and encodable whatever it held.

A 422 lists at most MAX_LISTED_ERRORS problems, each message at most MAX_MESSAGE_CHARS, and never
the input a problem quotes (it may be megabytes, or hold lone surrogates from escaped JSON, which
no UTF-8 encoder writes: the handler then answered 500). Pieces of the request quoted in a message
go through :func:`echo`.
"""
from __future__ import annotations

from sqlalchemy.exc import DBAPIError

# Longest piece of a request echoed in an error message.
MAX_ECHO_CHARS = 100
# Problems listed in a 422 answer, and the longest message: a body with 600,000 wrong keys gets a
# short answer, fast.
MAX_LISTED_ERRORS = 20
MAX_MESSAGE_CHARS = 300


def _where(error: dict) -> str:
    return ".".join(str(part)[:MAX_MESSAGE_CHARS] for part in error.get("loc", ()))


def _message(error: dict) -> str:
    return encodable(str(error.get("msg", "invalid")).removeprefix("Value error, ")[:MAX_MESSAGE_CHARS])


def validation_summary(errors: list[dict]) -> str:
    """One readable line per problem (the first MAX_LISTED_ERRORS): where (body.text, query.from) and what."""
    lines = []
    for error in errors[:MAX_LISTED_ERRORS]:
        where, message = _where(error), _message(error)
        lines.append(f"{where}: {message}" if where else message)
    more = f"; ... and {len(errors) - MAX_LISTED_ERRORS:,} more" if len(errors) > MAX_LISTED_ERRORS else ""
    return encodable("; ".join(lines) + more) or "invalid request"


def listed_errors(errors: list[dict]) -> list[dict]:
    """The first MAX_LISTED_ERRORS problems, without the input they quote (which may be huge, or
    hold characters no JSON encoder writes)."""
    return [{"loc": [encodable(str(part)[:MAX_MESSAGE_CHARS]) if isinstance(part, str) else part
                     for part in error.get("loc", ())],
             "msg": _message(error),
             "type": str(error.get("type", ""))}
            for error in errors[:MAX_LISTED_ERRORS]]


def encodable(text: str) -> str:
    """``text`` with lone surrogates (from escaped JSON) written as escapes, so it encodes as UTF-8."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def store_message(exc: DBAPIError) -> str:
    """The database's own message, its first line, shortened."""
    first_line = (str(exc.orig).strip().splitlines() or [type(exc.orig).__name__])[0]
    return encodable(first_line[:MAX_MESSAGE_CHARS])


def echo(value: str) -> str:
    """A piece of the request, safe to quote in a message: short, quoted, and with what cannot be
    printed (or encoded, as a lone surrogate) written as an escape."""
    return repr(value if len(value) <= MAX_ECHO_CHARS else value[:MAX_ECHO_CHARS] + "…")

