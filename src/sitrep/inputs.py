"""Reading documents to extract from: a text or HTML file, standard input, or a JSON Lines batch.

Every problem with one document (unreadable bytes, a line that is not JSON, a line with no text)
comes out as an :class:`InputProblem` in the stream, so a batch goes on past it and the caller
decides how to report it.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date as Date
from pathlib import Path

from pydantic import BaseModel, ValidationError

from sitrep.models import Document, unusable_character

# Larger documents are skipped: no news article is this long, and parsing one would hold the batch.
MAX_DOCUMENT_BYTES = 5_000_000
# Share of control characters above which a file is taken for binary data, not text.
BINARY_CONTROL_SHARE = 0.02


class InputProblem(BaseModel):
    """One document that could not be read, and why."""

    doc_id: str
    reason: str


def decode_text(data: bytes, doc_id: str) -> str | InputProblem:
    """The text of ``data``: UTF-8 (with or without BOM), else a clear problem."""
    if not data.strip():
        return InputProblem(doc_id=doc_id, reason="empty document")
    if len(data) > MAX_DOCUMENT_BYTES:
        return InputProblem(doc_id=doc_id, reason=f"document too large: {len(data):,} bytes "
                                                   f"(limit {MAX_DOCUMENT_BYTES:,})")
    sample = data[:65536]
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in sample)
    if b"\x00" in sample or controls > BINARY_CONTROL_SHARE * len(sample):
        return InputProblem(doc_id=doc_id, reason="binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputProblem(doc_id=doc_id, reason=f"not valid UTF-8 (byte {exc.start}: {exc.reason}); "
                                                   "convert the file to UTF-8")


def file_label(path: str) -> str:
    """How a file names its documents: its name ("stdin" for "-"), bytes that are not UTF-8 shown as \ufffd."""
    name = "stdin" if path == "-" else Path(path).name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def first_problem(exc: ValidationError) -> tuple[str, str]:
    """The first problem pydantic found: the field ("" for the whole document) and what is wrong."""
    first = exc.errors()[0]
    return ".".join(str(p) for p in first["loc"]), first["msg"].removeprefix("Value error, ")


def invalid_field(exc: ValidationError) -> str:
    """The first problem pydantic found, as a reason: which field and what is wrong with it."""
    where, message = first_problem(exc)
    return f"invalid field {where!r}: {message}" if where else message


def checked_document(doc_id: str | None, **fields) -> Document | InputProblem:
    """The document, or the problem with its first invalid field."""
    try:
        return Document(id=doc_id, **fields)
    except ValidationError as exc:
        return InputProblem(doc_id=doc_id or str(fields.get("url") or "document"), reason=invalid_field(exc))


def read_file(path: str, published: Date | None = None, language: str | None = None) -> Document | InputProblem:
    """One document from a text or HTML file, or "-" for standard input."""
    doc_id = file_label(path)
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        return InputProblem(doc_id=doc_id, reason=f"cannot read: {exc.strerror or exc}")
    text = decode_text(data, doc_id)
    if isinstance(text, InputProblem):
        return text
    return checked_document(doc_id, text=text, published=published, language=language)


def _given_id(raw: dict) -> str | None:
    """The line's "id" as a string (a whole number is taken as one); ValueError where it is unusable."""
    given = raw.get("id")
    if given is None or given == "":
        return None
    if isinstance(given, int) and not isinstance(given, bool):
        return str(given)
    if not isinstance(given, str):
        raise ValueError(f'"id" must be a string or a whole number, not {type(given).__name__}')
    problem = unusable_character(given)
    if problem:
        raise ValueError(f'"id" {problem}')
    return given


def document_from_line(line: bytes | str, number: int | str, source: str) -> Document | InputProblem:
    """One JSON Lines line (as read, or already decoded) as a document; ``number`` and ``source``
    name it where it has no id."""
    fallback_id = f"{source}:{number}"
    if isinstance(line, str):
        line = line.encode("utf-8", "surrogateescape")
    if len(line) > MAX_DOCUMENT_BYTES:
        return InputProblem(doc_id=fallback_id, reason=f"line too large (limit {MAX_DOCUMENT_BYTES:,} bytes)")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputProblem(doc_id=fallback_id, reason=f"not valid UTF-8 (byte {exc.start:,} of the line: {exc.reason}); "
                                                        "convert the file to UTF-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        return InputProblem(doc_id=fallback_id, reason=f"not JSON: {exc.msg} (column {exc.colno})")
    except ValueError as exc:  # an integer of more digits than Python converts (4,300)
        return InputProblem(doc_id=fallback_id, reason=f"not usable JSON: {str(exc).split(';')[0]}")
    except RecursionError:
        return InputProblem(doc_id=fallback_id, reason="not usable JSON: nested too deeply")
    if not isinstance(raw, dict):
        return InputProblem(doc_id=fallback_id, reason="not a JSON object")
    try:
        doc_id = _given_id(raw) or fallback_id
    except ValueError as exc:
        return InputProblem(doc_id=fallback_id, reason=str(exc))
    if not (str(raw.get("text") or "").strip() or str(raw.get("html") or "").strip()):
        return InputProblem(doc_id=doc_id, reason='no "text" or "html"')
    return checked_document(doc_id, **{key: value for key, value in raw.items() if key != "id"})


def read_jsonl(path: str) -> Iterator[Document | InputProblem]:
    """Documents from a JSON Lines batch (``-`` for standard input), one per non-empty line, in order."""
    source = file_label(path)
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    try:
        for number, raw_line in enumerate(stream, 1):
            line = raw_line.strip()
            if line:
                yield document_from_line(line, number, source)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
