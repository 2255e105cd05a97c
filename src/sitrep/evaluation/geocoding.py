"""Evaluate the geocoder on gold toponyms: the geoparsing corpora LGL and GeoWebNews (toponyms with
offsets and GeoNames coordinates) and ACLED exports (the coded location named in the analyst's notes).

The toponyms are given (this measures resolution, not detection); each is resolved in the context
of its whole document, as the pipeline does; LGL and GeoWebNews annotate nationality adjectives
("Russian") as toponyms of their country, and the resolver reads them so there (the pipeline does
not take them for places). Figures: accuracy within 10 km and 161 km over all gold
toponyms (an unresolved one is a miss), median error over the resolved ones, share unresolved; and
Mordecai3's two: the share of toponyms with a gold GeoNames id resolved to that very id
(``exact_id``), and acc@161 km where a toponym resolved to its gold GeoNames entry counts as right
wherever either side puts its point (``m3_acc@161km``: a country or province that sitrep codes at its
main town is the gold entry all the same), again over all gold toponyms, an unresolved one a miss;
beside it, the share of toponyms the gazetteer can answer (``known``: a candidate is the gold entry
or lies within 161 km) and the accuracy over those (``m3_acc@161km_known``), as Mordecai3 counts a
toponym whose gold entry is missing from its candidates apart.
"""
from __future__ import annotations

import csv
import itertools
import shutil
import statistics
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from sitrep.geo.names import fold
from sitrep.geo.resolver import candidates, haversine_km, resolve_mentions
from sitrep.geo.store import Gazetteer
from sitrep.models import PlaceMention
from sitrep.stages.places import find_places, mention_for, read_cues

# Mordecai3's distance threshold (100 miles)
M3_KM = 161.0


@dataclass
class GoldToponym:
    start: int
    end: int
    latitude: float
    longitude: float
    geonameid: int | None = None


@dataclass
class GoldDocument:
    text: str
    toponyms: list[GoldToponym]
    keep_detected: bool = False  # resolve beside the places the pipeline finds (ACLED notes)
    demonyms: bool = False  # the corpus annotates nationality adjectives as toponyms of their country


@dataclass
class Scores:
    corpus: str
    errors_km: list[float] = field(default_factory=list)
    unresolved: int = 0
    # per toponym with a gold GeoNames id: resolved to that id
    same_ids: list[bool] = field(default_factory=list)
    # toponyms resolved to their gold GeoNames entry or within 161 km of the gold point
    m3_hits: int = 0
    # toponyms the gazetteer can answer (a candidate is the gold entry or lies within 161 km of
    # it), and how many of those are right: Mordecai3 reports its accuracy over such toponyms
    known: int = 0
    known_hits: int = 0

    @property
    def total(self) -> int:
        return len(self.errors_km) + self.unresolved

    def add(self, toponym: GoldToponym, location, known: bool = False) -> None:
        """Score one gold toponym against its resolution (None or unresolved: a miss); ``known``:
        the gazetteer has a candidate that would be right."""
        resolved = location is not None and location.resolved and location.latitude is not None
        same_id = resolved and toponym.geonameid is not None and location.geonameid == toponym.geonameid
        if toponym.geonameid is not None:
            self.same_ids.append(same_id)
        self.known += known
        if not resolved:
            self.unresolved += 1
            return
        error = haversine_km(location.latitude, location.longitude, toponym.latitude, toponym.longitude)
        self.errors_km.append(error)
        hit = same_id or error <= M3_KM
        self.m3_hits += hit
        self.known_hits += hit and known

    def row(self) -> dict[str, object]:
        total = self.total or 1
        within = lambda km: round(sum(e <= km for e in self.errors_km) / total, 3)  # noqa: E731
        return {"corpus": self.corpus, "toponyms": self.total, "acc@10km": within(10), "acc@161km": within(161),
                "median_km": round(statistics.median(self.errors_km), 1) if self.errors_km else None,
                "unresolved": round(self.unresolved / total, 3),
                "with_id": len(self.same_ids),
                "exact_id": round(sum(self.same_ids) / len(self.same_ids), 3) if self.same_ids else None,
                "m3_acc@161km": round(self.m3_hits / total, 3),
                "known": round(self.known / total, 3),
                "m3_acc@161km_known": round(self.known_hits / self.known, 3) if self.known else None}


def _geonameid(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def read_lgl(path: Path) -> Iterator[GoldDocument]:
    for article in ET.parse(path).getroot().iter("article"):
        toponyms = []
        for toponym in article.iter("toponym"):
            lat, lon = toponym.findtext("gaztag/lat"), toponym.findtext("gaztag/lon")
            if lat and lon:
                gaztag = toponym.find("gaztag")
                toponyms.append(GoldToponym(int(toponym.findtext("start")), int(toponym.findtext("end")),
                                            float(lat), float(lon), _geonameid(gaztag.get("geonameid"))))
        yield GoldDocument(article.findtext("text") or "", toponyms, demonyms=True)


def read_gwn(path: Path) -> Iterator[GoldDocument]:
    for article in ET.parse(path).getroot().iter("article"):
        toponyms = []
        for toponym in article.iter("toponym"):
            lat, lon = toponym.findtext("latitude"), toponym.findtext("longitude")
            if lat and lon and toponym.findtext("nonLocational") != "Yes":
                toponyms.append(GoldToponym(int(toponym.findtext("start")), int(toponym.findtext("end")),
                                            float(lat), float(lon), _geonameid(toponym.findtext("geonamesID"))))
        yield GoldDocument(article.findtext("text") or "", toponyms, demonyms=True)


def _find_folded(text: str, name: str) -> int:
    """Offset of ``name`` in ``text`` ignoring case and accents (both fold to the same length or not)."""
    folded_text, folded_name = fold(text), fold(name)
    if len(folded_text) != len(text):
        return -1
    return folded_text.find(folded_name) if folded_name else -1


def read_acled(path: Path) -> Iterator[GoldDocument]:
    """Precision-1 rows whose notes name the coded location ("Kabul - District 5": either part)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            get = lambda name: (row.get(name) or row.get(name.upper()) or "").strip()  # noqa: E731
            if get("geo_precision") != "1":
                continue
            notes, location = get("notes"), get("location")
            for name in [location, *reversed(location.split(" - "))]:
                start = _find_folded(notes, name)
                if start >= 0:
                    yield GoldDocument(notes, [GoldToponym(start, start + len(name), float(get("latitude")),
                                                           float(get("longitude")))], keep_detected=True)
                    break


def _gold_mentions(doc: Doc, document: GoldDocument) -> list[tuple[PlaceMention, GoldToponym]]:
    pairs = []
    for toponym in document.toponyms:
        span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        if span is not None and len(span):
            pairs.append((mention_for(doc, span.start, span.end), toponym))
    return pairs


def _known(gazetteer: Gazetteer, name: str, toponym: GoldToponym, demonyms: bool) -> bool:
    """True where a candidate for ``name`` is the gold entry or lies within M3_KM of its point."""
    return any((toponym.geonameid is not None and c.place.geonameid == toponym.geonameid)
               or (c.place.has_point and haversine_km(c.place.latitude, c.place.longitude, toponym.latitude,
                                                      toponym.longitude) <= M3_KM)
               for c in candidates(gazetteer, name, demonyms))


def evaluate_documents(documents: Iterator[GoldDocument], corpus: str, gazetteer: Gazetteer, nlp,
                       lang: str = "en", limit: int | None = None) -> Scores:
    scores = Scores(corpus)
    chosen = [d for d in itertools.islice(documents, limit) if d.toponyms]
    for document, doc in zip(chosen, nlp.pipe(d.text for d in chosen)):
        pairs = _gold_mentions(doc, document)
        gold_tokens = {i for mention, _ in pairs for i in range(mention.name_start, mention.name_end)}
        detected = [m for m in find_places(doc, lang)
                    if not gold_tokens & set(range(m.name_start, m.name_end))] if document.keep_detected else []
        mentions = sorted([m for m, _ in pairs] + [mention_for(doc, m.name_start, m.name_end) for m in detected],
                          key=lambda m: m.name_start)
        read_cues(doc, mentions, lang)
        resolve_mentions(mentions, gazetteer, document.demonyms)
        for mention, toponym in pairs:
            scores.add(toponym, mention.location, _known(gazetteer, mention.name, toponym, document.demonyms))
        aligned = {id(toponym) for _, toponym in pairs}
        for toponym in document.toponyms:
            if id(toponym) not in aligned:
                scores.add(toponym, None)  # offsets that fit no token: a miss, not left out
    return scores


def evaluate_all(data_dir: Path, gazetteer_path: Path, nlp, limit: int | None = None,
                 holdout_events: bool = True) -> Iterator[Scores]:
    """Scores for every corpus present under ``data_dir`` (../shared/data layout), one by one.

    With ``holdout_events``, an ACLED file is scored on a copy of the gazetteer without the places
    imported from that same file (no look-up of the answer)."""
    corpora = [("LGL", data_dir / "geoparsing" / "lgl.xml", read_lgl),
               ("GeoWebNews", data_dir / "geoparsing" / "GWN.xml", read_gwn)]
    gazetteer = Gazetteer(gazetteer_path)
    for name, path, reader in corpora:
        if path.exists():
            yield evaluate_documents(reader(path), name, gazetteer, nlp, limit=limit)
    for path in sorted((data_dir / "acled").glob("*.csv")):
        source = f"events:{path.name}"
        if holdout_events and source in gazetteer.stats()["by_source"]:
            with tempfile.TemporaryDirectory() as folder:
                copy = Path(folder) / "gazetteer.sqlite"
                shutil.copyfile(gazetteer_path, copy)
                held_out = Gazetteer(copy)
                held_out.remove_source(source)
                yield evaluate_documents(read_acled(path), f"ACLED {path.stem}", held_out, nlp, limit=limit)
                held_out.close()
        else:
            yield evaluate_documents(read_acled(path), f"ACLED {path.stem}", gazetteer, nlp, limit=limit)
    gazetteer.close()
