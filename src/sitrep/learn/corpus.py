"""Training text: ACLED notes with their types, UCDP GED headlines (event reports) and local news
sentences (LGL, GeoWebNews: mostly not conflict events). Each reader takes the file the data's
owner distributes, as is; nothing here is shipped."""
from __future__ import annotations

import csv
import gzip
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from sitrep.learn.text import sentences, strip_note_frame
from sitrep.taxonomy import sub_event_types

ACLED_COLUMNS = ("event_type", "sub_event_type", "notes", "event_date")
# GED joins the headlines of an event's sources with these.
_HEADLINE_SEPARATORS = (";", " | ")
# A headline shorter than this is a report's title ("Crisiswatch: August 2019"), not an event's.
MIN_HEADLINE_WORDS = 5
MIN_SENTENCE_WORDS = 4


class AcledNote(BaseModel):
    text: str
    event_type: str
    sub_event_type: str
    event_date: str
    region_group: str
    country: str


class CorpusError(ValueError):
    """A training file that cannot be read as what it was given as."""


def _open_text(path: Path) -> io.TextIOBase:
    return gzip.open(path, "rt", encoding="utf-8", newline="") if path.suffix == ".gz" else \
        open(path, encoding="utf-8", newline="")


def read_acled(path: str | Path) -> tuple[list[AcledNote], int]:
    """The notes of an ACLED export (CSV, gzipped or not, current column set) whose sub-type is one
    of the taxonomy's, and how many rows were skipped (no note, or an old or unknown label).
    ``region_group`` falls back on ACLED's ``region``."""
    path = Path(path)
    known = sub_event_types()
    notes, skipped = [], 0
    with _open_text(path) as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in ACLED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CorpusError(f"{path}: not an ACLED export in the current schema (no {', '.join(missing)} column)")
        for row in reader:
            sub = row["sub_event_type"].strip()
            text = strip_note_frame(row["notes"] or "")
            if sub not in known or known[sub].event_type != row["event_type"].strip() or not text:
                skipped += 1
                continue
            notes.append(AcledNote(text=text, event_type=known[sub].event_type, sub_event_type=sub,
                                   event_date=row["event_date"].strip(),
                                   region_group=(row.get("region_group") or row.get("region") or "").strip(),
                                   country=(row.get("country") or "").strip()))
    return notes, skipped


def read_ged_headlines(path: str | Path) -> list[str]:
    """The distinct news headlines of a UCDP GED file (``source_headline``), each headline of a
    joined list on its own, report titles left out."""
    path = Path(path)
    seen: dict[str, None] = {}
    with _open_text(path) as fh:
        reader = csv.DictReader(fh)
        if "source_headline" not in (reader.fieldnames or []):
            raise CorpusError(f"{path}: not a UCDP GED file (no source_headline column)")
        for row in reader:
            headlines = [row["source_headline"] or ""]
            for separator in _HEADLINE_SEPARATORS:
                headlines = [part for h in headlines for part in h.split(separator)]
            for headline in headlines:
                headline = " ".join(headline.split())
                if len(headline.split()) >= MIN_HEADLINE_WORDS:
                    seen.setdefault(headline, None)
    return list(seen)


def _article_texts(path: Path) -> Iterator[str]:
    for article in ET.parse(path).getroot().iter("article"):
        title, text = article.findtext("title") or "", article.findtext("text") or ""
        if title.strip():
            yield title.strip()
        yield text


def read_news_sentences(path: str | Path) -> list[str]:
    """The sentences (titles included) of a geoparsing corpus in LGL's or GeoWebNews' XML."""
    path = Path(path)
    try:
        texts = list(_article_texts(path))
    except ET.ParseError as exc:
        raise CorpusError(f"{path}: not an LGL/GeoWebNews XML file ({exc})") from None
    return [s for text in texts for s in sentences(text) if len(s.split()) >= MIN_SENTENCE_WORDS]
