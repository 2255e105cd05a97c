"""The sources file ``sitrep watch`` reads: the feeds (RSS/Atom) and news sitemaps to poll, each
with the outlet's name and the language of its articles.

YAML (a list under ``feeds:``, or a bare list)::

    feeds:
      - url: https://www.example.org/world/rss.xml
        outlet: Example News
        language: en          # optional: detected per article where absent

CSV, with a header row: ``url,outlet,language``. A source given on the command line as an
http(s) URL is a feed of its own (outlet from the feed's title, language detected).
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CSV_COLUMNS = ("url", "outlet", "language")


class SourcesError(ValueError):
    """A sources file that cannot be read, and why (file, entry, field)."""


class FeedSource(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(description="an RSS/Atom feed or a (news) sitemap, http or https")
    outlet: str | None = Field(None, max_length=300, description="default: the feed's own title")
    language: str | None = Field(None, description="ISO 639-1 code of the articles; absent or auto: detected")

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str) -> str:
        url = url.strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url!r}")
        return url

    @field_validator("outlet", "language", mode="before")
    @classmethod
    def _blank_is_absent(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("language")
    @classmethod
    def _language_code(cls, language: str | None) -> str | None:
        if language is None or language.strip().lower() == "auto":
            return None
        code = language.strip().lower()
        if not (code.isalpha() and 2 <= len(code) <= 3):
            raise ValueError(f"language is an ISO 639-1 code such as en or fr, not {language!r}")
        return code


def _entry(raw: object, where: str) -> FeedSource:
    if isinstance(raw, str):
        raw = {"url": raw}
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: expected url, outlet and language, not {raw!r}")
    try:
        return FeedSource(**raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "entry"
        raise SourcesError(f"{where}: {field}: {first['msg']}") from None


def _yaml_entries(text: str, name: str) -> list[FeedSource]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourcesError(f"{name}: not valid YAML: {exc}") from None
    if isinstance(data, dict):
        unknown = set(data) - {"feeds"}
        if unknown:
            raise SourcesError(f"{name}: unknown top-level key(s) {sorted(unknown)}; the feeds go under 'feeds:'")
        data = data.get("feeds")
    if not isinstance(data, list):
        raise SourcesError(f"{name}: expected a list of feeds (under 'feeds:')")
    return [_entry(raw, f"{name}: feed {number}") for number, raw in enumerate(data, 1)]


def _csv_entries(text: str, name: str) -> list[FeedSource]:
    reader = csv.DictReader(io.StringIO(text))
    header = [column.strip().lower() for column in reader.fieldnames or []]
    if "url" not in header or set(header) - set(CSV_COLUMNS):
        raise SourcesError(f"{name}: the header row must be {','.join(CSV_COLUMNS)} (outlet and language optional)")
    reader.fieldnames = header
    entries = []
    for row in reader:
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        if None in row:
            raise SourcesError(f"{name}: line {reader.line_num}: more fields than the header names")
        entries.append(_entry(dict(row), f"{name}: line {reader.line_num}"))
    return entries


def read_sources_file(path: str | Path) -> list[FeedSource]:
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"cannot read sources file {path}: {exc}") from None
    reader = _csv_entries if path.suffix.lower() == ".csv" else _yaml_entries
    entries = reader(text, path.name)
    if not entries:
        raise SourcesError(f"{path.name}: lists no feed")
    return entries


def read_sources(sources: list[str]) -> list[FeedSource]:
    """Every feed named by ``sources`` (sources files, or feed URLs), each URL once (first wins)."""
    found: dict[str, FeedSource] = {}
    for source in sources:
        entries = ([FeedSource(url=source)] if urlsplit(source).scheme in ("http", "https")
                   else read_sources_file(source))
        for entry in entries:
            found.setdefault(entry.url, entry)
    return list(found.values())
