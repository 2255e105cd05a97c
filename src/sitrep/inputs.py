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

from sitrep.models import Document

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


def read_file(path: str, published: Date | None = None, language: str | None = None) -> Document | InputProblem:
    """One document from a text or HTML file, or "-" for standard input."""
    doc_id = "stdin" if path == "-" else Path(path).name
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        return InputProblem(doc_id=doc_id, reason=f"cannot read: {exc.strerror or exc}")
    text = decode_text(data, doc_id)
    if isinstance(text, InputProblem):
        return text
    return Document(id=doc_id, text=text, published=published, language=language)


def document_from_line(line: str, number: int, source: str) -> Document | InputProblem:
    """One JSON Lines line as a document; ``number`` and ``source`` name it where it has no id."""
    fallback_id = f"{source}:{number}"
    if len(line.encode("utf-8", "surrogateescape")) > MAX_DOCUMENT_BYTES:
        return InputProblem(doc_id=fallback_id, reason=f"line too large (limit {MAX_DOCUMENT_BYTES:,} bytes)")
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputProblem(doc_id=fallback_id, reason=f"not JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(raw, dict):
        return InputProblem(doc_id=fallback_id, reason="not a JSON object")
    doc_id = str(raw.get("id") or fallback_id)
    if not (str(raw.get("text") or "").strip() or str(raw.get("html") or "").strip()):
        return InputProblem(doc_id=doc_id, reason='no "text" or "html"')
    try:
        return Document(**{**raw, "id": doc_id})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return InputProblem(doc_id=doc_id, reason=f"invalid field {where!r}: {first['msg']}")


def read_jsonl(path: str) -> Iterator[Document | InputProblem]:
    """Documents from a JSON Lines batch (``-`` for standard input), one per non-empty line, in order."""
    source = "stdin" if path == "-" else Path(path).name
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    try:
        for number, raw_line in enumerate(stream, 1):
            line = raw_line.decode("utf-8", "replace").strip()
            if line:
                yield document_from_line(line, number, source)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
