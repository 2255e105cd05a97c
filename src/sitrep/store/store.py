"""The event store: documents, events, evidence, sources and incidents in SQLite or PostgreSQL."""
from __future__ import annotations

import hashlib
import math
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import Connection, String, Table, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from sitrep.actors.kb import Source
from sitrep.models import Document, DocumentResult, Event
from sitrep.store import dedup
from sitrep.store.opening import open_engine
from sitrep.store.outlets import alignment_matches, known_source
from sitrep.store.records import (
    AddOutcome,
    EventFilter,
    EvidenceSpan,
    Incident,
    IncidentReport,
    NameCount,
    SourceFigure,
    StoredDocument,
    StoredEvent,
    StoreStats,
)
from sitrep.store.schema import documents, event_actors, event_sources, events, evidence_spans, incidents, sources

DEFAULT_SQLITE_FILE = "sitrep.db"
KM_PER_DEGREE = 111.32
ACTOR_ROLES = ("actor1", "assoc_actor1", "actor2", "assoc_actor2")
# Times a document is written again when another writer stored the same id, content or URL between
# this one's check and its insert: the next attempt sees what the other stored.
WRITE_ATTEMPTS = 3


def database_url(url: str | None = None) -> str:
    """The SQLAlchemy URL for ``url``: None -> $SITREP_DB or ./sitrep.db; a bare path -> SQLite;
    postgresql://... -> PostgreSQL through psycopg 3."""
    url = url or os.environ.get("SITREP_DB") or DEFAULT_SQLITE_FILE
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    return url


def content_hash(document: Document) -> str:
    """The identity of a document's content: SHA-256 of its text (or HTML)."""
    content = document.text if document.text is not None else document.html or ""
    return hashlib.sha256(content.strip().encode("utf-8", "surrogatepass")).hexdigest()


class Store:
    """Documents, their events and the incidents they report, in one database.

    ``Store()`` opens (and creates or upgrades) the SQLite file named by $SITREP_DB or
    ./sitrep.db; ``Store("postgresql://user@host/db")`` a PostgreSQL database.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        self.engine = open_engine(self.url)  # raises StoreError, saying why, where it cannot
        self.rules = dedup.load_rules()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------

    def known_documents(self, include_failed: bool = True) -> tuple[set[str], set[str]]:
        """Content hashes and URLs already stored, so an ingest can skip them before extraction
        (without the documents that failed with an error, where ``include_failed`` is false)."""
        stored = select(documents.c.content_hash, documents.c.url)
        if not include_failed:
            stored = stored.where(documents.c.status != "error")
        with self.engine.connect() as connection:
            rows = connection.execute(stored).all()
        return {row.content_hash for row in rows}, {row.url for row in rows if row.url}

    def add_results(self, docs_and_results: Iterable[tuple[Document, DocumentResult]]) -> list[AddOutcome]:
        return [self.add_result(document, result) for document, result in docs_and_results]

    def add_result(self, document: Document, result: DocumentResult, origin: str | None = None,
                   digest: str | None = None, replace_failed: bool = False) -> AddOutcome:
        """Store one document with its events and incident links, all in one transaction: after a
        crash a document is either fully there or not at all. A document already stored (same
        content hash, by default that of its text, or same URL) adds nothing, unless it failed
        with an error and ``replace_failed`` is true: then the new result replaces it."""
        digest = digest or content_hash(document)
        for _ in range(WRITE_ATTEMPTS - 1):
            try:
                with self.engine.begin() as connection:
                    return self._add(connection, document, result, digest, origin, replace_failed)
            except IntegrityError:
                continue  # another writer got there first: look again
        with self.engine.begin() as connection:
            return self._add(connection, document, result, digest, origin, replace_failed)

    def _add(self, connection: Connection, document: Document, result: DocumentResult, digest: str,
             origin: str | None, replace_failed: bool) -> AddOutcome:
        same = documents.c.content_hash == digest
        if document.url:
            same = or_(same, documents.c.url == document.url)
        duplicate = connection.execute(select(documents.c.id, documents.c.status).where(same)).first()
        if duplicate and replace_failed and duplicate.status == "error":
            # A failed document has no events: removing its row is all there is to undo.
            connection.execute(delete(documents).where(documents.c.id == duplicate.id))
        elif duplicate:
            return AddOutcome(doc_id=duplicate.id, duplicate=True, status=duplicate.status)
        doc_id = self._free_document_id(connection, document.id or result.doc_id, digest)
        connection.execute(insert(documents).values(
            id=doc_id, url=document.url, outlet=document.outlet, published=document.published,
            language=result.language or document.language, content_hash=digest, status=result.status,
            reason=result.reason, origin=origin, text=result.text if result.text is not None else document.text,
            ingested_at=datetime.now(timezone.utc),
        ))
        linked = 0
        for index, extracted in enumerate(result.events, start=1):
            linked += self._add_event(connection, doc_id, index, extracted)
        return AddOutcome(doc_id=doc_id, duplicate=False, status=result.status, events=len(result.events), linked=linked)

    @staticmethod
    def _free_document_id(connection: Connection, wanted: str | None, digest: str) -> str:
        """The input's id, or (where absent, taken by another document or longer than the column)
        one made from the hash: the id's beginning, "~" and 12 hex digits of the content hash."""
        longest = documents.c.id.type.length
        if wanted and len(wanted) <= longest \
                and connection.scalar(select(documents.c.id).where(documents.c.id == wanted)) is None:
            return wanted
        suffix = f"~{digest[:12]}"
        return f"{wanted[:longest - len(suffix)]}{suffix}" if wanted else f"doc-{digest[:16]}"

    def _add_event(self, connection: Connection, doc_id: str, index: int, extracted: Event) -> int:
        """Insert one event, link it to an incident; 1 if it joined other documents' reports."""
        event_id = extracted.event_id
        if len(event_id) > events.c.event_id.type.length \
                or connection.scalar(select(events.c.id).where(events.c.event_id == event_id)) is not None:
            event_id = f"{doc_id}:{index}"
        stored = extracted.model_copy(update={"event_id": event_id, "doc_id": doc_id})
        report = dedup.Report.of(doc_id, stored, self.rules)
        incident_id = self._matching_incident(connection, report)
        linked = incident_id is not None
        if incident_id is None:
            incident_id = connection.execute(insert(incidents).values(
                event_type=stored.event_type, sub_event_type=stored.sub_event_type, n_reports=0, n_documents=0,
            )).inserted_primary_key[0]
        event_pk = connection.execute(insert(events).values(**_fitted(events, {
            **_event_columns(stored, report.window), "event_id": event_id, "doc_id": doc_id, "incident_id": incident_id,
        }))).inserted_primary_key[0]
        self._add_event_details(connection, event_pk, stored)
        self._refresh_incident(connection, incident_id)
        return int(linked)

    def _add_event_details(self, connection: Connection, event_pk: int, stored: Event) -> None:
        actor_rows: dict[str, dict] = {}  # one row per actor of the event, with the first role it has
        for role in ACTOR_ROLES:
            for actor in _as_list(getattr(stored, role)):
                row = _fitted(event_actors, {
                    "event_pk": event_pk, "actor_key": _actor_key(actor.name or actor.text), "role": role,
                    "name": actor.name, "text": actor.text, "actor_type": actor.actor_type, "event_date": stored.date,
                })
                actor_rows.setdefault(row["actor_key"], row)
        if actor_rows:
            connection.execute(insert(event_actors), list(actor_rows.values()))
        source_rows = [
            {"event_pk": event_pk, "position": position, "source_id": self._source_id(connection, source), "text": source.text}
            for position, source in enumerate(stored.reported_by)
        ]
        if source_rows:
            connection.execute(insert(event_sources), source_rows)
        connection.execute(insert(evidence_spans), [
            {"event_pk": event_pk, "position": position, "role": role, "start": span.start, "end": span.end, "text": span.text}
            for position, (role, span) in enumerate(_evidence_spans(stored))
        ])

    @staticmethod
    def _source_id(connection: Connection, source) -> int:
        row = _fitted(sources, {"name": source.name or source.text, "kind": source.kind, "alignment": source.alignment})
        found = connection.scalar(select(sources.c.id).where(sources.c.name == row["name"]))
        if found is not None:
            return found
        return connection.execute(insert(sources).values(**row)).inserted_primary_key[0]

    def _matching_incident(self, connection: Connection, report: dedup.Report) -> int | None:
        """The stored incident this event reports too, if any (see sitrep.store.dedup)."""
        if report.window is None or report.event.claim_status in self.rules.unlinked_claim_statuses:
            return None
        earliest, latest = report.window
        conditions = [
            events.c.event_type == report.event.event_type,
            events.c.date_earliest.between(earliest - timedelta(days=dedup.LONGEST_WINDOW_DAYS), latest),
            events.c.date_latest >= earliest,
            events.c.doc_id != report.doc_id,
        ]
        country = report.event.location.country if report.event.location else None
        if country:  # places in two different countries are never the same place
            conditions.append(or_(events.c.country == country, events.c.country.is_(None)))
        candidate_incidents = select(events.c.incident_id).where(*conditions)
        members: dict[int, list[dedup.Report]] = defaultdict(list)
        rows = connection.execute(
            select(events.c.incident_id, events.c.doc_id, events.c.record)
            .where(events.c.incident_id.in_(candidate_incidents))
            .order_by(events.c.incident_id, events.c.id)
        )
        for row in rows:
            members[row.incident_id].append(dedup.Report.of(row.doc_id, row.record, self.rules))
        return dedup.best_incident(report, members, self.rules)

    def _refresh_incident(self, connection: Connection, incident_id: int) -> None:
        """Recompute an incident's headline fields from its reports (rules in docs/store.md)."""
        members = list(connection.scalars(
            select(events.c.record).where(events.c.incident_id == incident_id).order_by(events.c.id)
        ))
        windows = [w for w in (dedup.date_window(e.date, e.time_precision, self.rules) for e in members) if w]
        # The sub-type most reports give; on a tie, the first reported (most_common keeps insertion order).
        headline_type = Counter(e.sub_event_type for e in members).most_common(1)[0][0]
        located = [e for e in members if e.location is not None]
        place = min(located, key=lambda e: e.location.geo_precision or 9).location if located else None
        figures = [e.fatalities for e in members if e.fatalities is not None and e.claim_status == "asserted"]
        connection.execute(update(incidents).where(incidents.c.id == incident_id).values(**_fitted(incidents, dict(
            sub_event_type=headline_type,
            # Windows of linked reports overlap pairwise, so they share the days in their intersection.
            date_earliest=max(w[0] for w in windows) if windows else None,
            date_latest=min(w[1] for w in windows) if windows else None,
            country=place.country if place else None,
            location_name=(place.name or place.text) if place else None,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            fatalities=min(figures) if figures else None,
            n_reports=len(members),
            n_documents=len({e.doc_id for e in members}),
        ))))

    # ---- reading -------------------------------------------------------------------------

    def _conditions(self, filters: EventFilter) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        for field, column in (("country", events.c.country), ("admin1", events.c.admin1),
                              ("event_type", events.c.event_type), ("sub_event_type", events.c.sub_event_type)):
            value = getattr(filters, field)
            if value is not None:
                conditions.append(column == value)
        if filters.date_from is not None:
            conditions.append(events.c.date >= filters.date_from)
        if filters.date_to is not None:
            conditions.append(events.c.date <= filters.date_to)
        if filters.actor:
            conditions.append(events.c.id.in_(
                select(event_actors.c.event_pk).where(event_actors.c.actor_key == _actor_key(filters.actor))
            ))
        if filters.source:
            wanted = filters.source.strip().lower()
            cited = select(event_sources.c.event_pk).join(sources).where(func.lower(sources.c.name) == wanted)
            published = select(documents.c.id).where(func.lower(documents.c.outlet) == wanted)
            conditions.append(or_(events.c.id.in_(cited), events.c.doc_id.in_(published)))
        if filters.near is not None:
            conditions.extend(_near_conditions(*filters.near))
        if filters.claim_status is not None:
            conditions.append(events.c.claim_status == filters.claim_status)
        if filters.incident_id is not None:
            conditions.append(events.c.incident_id == filters.incident_id)
        if filters.alignment:
            conditions.append(self._aligned(filters.alignment))
        return conditions

    def _aligned(self, wanted: str) -> ColumnElement[bool]:
        """Events citing a source, or published by an outlet, whose alignment has the words
        ``wanted`` (cited sources carry their alignment; outlets are looked up in the source
        knowledge base)."""
        cited = (select(event_sources.c.event_pk).join(sources)
                 .where(func.lower(sources.c.alignment).contains(wanted.strip().lower(), autoescape=True)))
        with self.engine.connect() as connection:
            outlets = [name for name, source in _known_outlets(connection).items()
                       if alignment_matches(source.alignment, wanted)]
        published = select(documents.c.id).where(documents.c.outlet.in_(outlets))
        return or_(events.c.id.in_(cited), events.c.doc_id.in_(published))

    def list_alignments(self) -> list[str]:
        """The alignments of the cited sources and (knowledge base) outlets in the store, sorted."""
        with self.engine.connect() as connection:
            found = set(connection.scalars(select(sources.c.alignment).distinct().where(sources.c.alignment.is_not(None))))
            found.update(source.alignment for source in _known_outlets(connection).values() if source.alignment)
        return sorted(found, key=str.lower)

    def last_event_pk(self) -> int | None:
        """The newest stored event's key: it changes whenever an event is added (the page polls it)."""
        with self.engine.connect() as connection:
            return connection.scalar(select(func.max(events.c.id)))

    def _events_query(self, filters: EventFilter | None):
        """Events matching ``filters``, newest first (undated last), then in the order stored."""
        filters = filters or EventFilter()
        columns = (events.c.event_id, events.c.incident_id, events.c.record)
        if not filters.actor:
            return (select(*columns).where(*self._conditions(filters))
                    .order_by(events.c.date.desc().nulls_last(), events.c.id))
        # By actor: read the actor's index entries in date order and stop at the page's end, rather
        # than fetch and sort every event of a busy actor.
        return (
            select(*columns)
            .join(event_actors, event_actors.c.event_pk == events.c.id)
            .where(event_actors.c.actor_key == _actor_key(filters.actor),
                   *self._conditions(filters.model_copy(update={"actor": None})))
            .order_by(event_actors.c.event_date.desc().nulls_last(), event_actors.c.event_pk)
        )

    def query_events(self, filters: EventFilter | None = None, limit: int = 100, offset: int = 0) -> list[StoredEvent]:
        """A page of the events matching ``filters``, newest first (undated last), then in the order stored."""
        with self.engine.connect() as connection:
            rows = connection.execute(self._events_query(filters).limit(limit).offset(offset))
            return [_stored_event(row) for row in rows]

    def iter_events(self, filters: EventFilter | None = None, batch: int = 1000) -> Iterator[StoredEvent]:
        """Every event matching ``filters``, in the same order, streamed ``batch`` rows at a time."""
        with self.engine.connect() as connection:
            rows = connection.execution_options(yield_per=batch).execute(self._events_query(filters))
            for row in rows:
                yield _stored_event(row)

    def count_events(self, filters: EventFilter | None = None) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(events).where(*self._conditions(filters or EventFilter())))

    def get_event(self, event_id: str) -> StoredEvent | None:
        """One event with its document (and text), its evidence spans and its incident's other reports."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(events.c.id, events.c.event_id, events.c.incident_id, events.c.record, events.c.doc_id)
                .where(events.c.event_id == event_id)
            ).first()
            if row is None:
                return None
            evidence = [EvidenceSpan(role=r.role, start=r.start, end=r.end, text=r.text) for r in connection.execute(
                select(evidence_spans).where(evidence_spans.c.event_pk == row.id).order_by(evidence_spans.c.position)
            )]
            siblings = [r for r in self._reports(connection, [row.incident_id])[row.incident_id] if r.event_id != event_id]
        stored = _stored_event(row)
        stored.document = self.get_document(row.doc_id)
        stored.evidence = evidence
        stored.siblings = siblings
        return stored

    def get_document(self, doc_id: str) -> StoredDocument | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(documents).where(documents.c.id == doc_id)).first()
        return StoredDocument.model_validate(row._asdict()) if row else None

    def list_incidents(self, filters: EventFilter | None = None, limit: int | None = 100, offset: int = 0) -> list[Incident]:
        """Incidents with at least one event matching ``filters``, newest first, each with all its
        reports (``limit`` None: all of them)."""
        matching = select(events.c.incident_id).where(*self._conditions(filters or EventFilter()))
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(incidents).where(incidents.c.id.in_(matching))
                .order_by(incidents.c.date_earliest.desc().nulls_last(), incidents.c.id)
                .limit(limit).offset(offset)
            ).all()
            reports = self._reports(connection, [row.id for row in rows])
        return [_incident(row, reports[row.id]) for row in rows]

    def get_incident(self, incident_id: int) -> Incident | None:
        """One incident with all its reports."""
        with self.engine.connect() as connection:
            row = connection.execute(select(incidents).where(incidents.c.id == incident_id)).first()
            if row is None:
                return None
            reports = self._reports(connection, [incident_id])
        return _incident(row, reports[incident_id])

    def _reports(self, connection: Connection, incident_ids: list[int]) -> dict[int, list[IncidentReport]]:
        found: dict[int, list[IncidentReport]] = defaultdict(list)
        if not incident_ids:
            return found
        rows = connection.execute(
            select(events.c.incident_id, events.c.record, documents.c.outlet, documents.c.url, documents.c.published)
            .join(documents, documents.c.id == events.c.doc_id)
            .where(events.c.incident_id.in_(incident_ids))
            .order_by(events.c.incident_id, events.c.id)
        )
        for row in rows:
            reported = row.record
            found[row.incident_id].append(IncidentReport(
                event_id=reported.event_id, doc_id=reported.doc_id, outlet=row.outlet, url=row.url,
                published=row.published, reported_by=[s.name or s.text for s in reported.reported_by],
                sub_event_type=reported.sub_event_type, date=reported.date,
                location_name=(reported.location.name or reported.location.text) if reported.location else None,
                fatalities=reported.fatalities, fatalities_text=reported.fatalities_text,
                claim_status=reported.claim_status, language=reported.evidence.language,
                actor1=_actor_label(reported.actor1), actor2=_actor_label(reported.actor2),
            ))
        return found

    def list_sources(self) -> list[NameCount]:
        """Sources the articles cite, with the number of events citing each, most cited first."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(sources.c.name, sources.c.kind, func.count(func.distinct(event_sources.c.event_pk)).label("n"))
                .join(event_sources).group_by(sources.c.id, sources.c.name, sources.c.kind)
                .order_by(func.count(func.distinct(event_sources.c.event_pk)).desc(), sources.c.name)
            )
            return [NameCount(name=r.name, kind=r.kind, events=r.n) for r in rows]

    def list_actors(self) -> list[NameCount]:
        """Actors (canonical name, or the words found), with their events, most active first."""
        label = func.coalesce(event_actors.c.name, event_actors.c.text)
        count = func.count(func.distinct(event_actors.c.event_pk))
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(label.label("name"), func.max(event_actors.c.actor_type).label("kind"), count.label("n"))
                .group_by(label).order_by(count.desc(), label)
            )
            return [NameCount(name=r.name, kind=r.kind, events=r.n) for r in rows]

    def stats(self, filters: EventFilter | None = None) -> StoreStats:
        conditions = self._conditions(filters or EventFilter())
        with self.engine.connect() as connection:
            def counts(column) -> dict[str, int]:
                rows = connection.execute(
                    select(column, func.count()).select_from(events).where(*conditions).group_by(column)
                )
                return _ranked({str(key): n for key, n in rows if key is not None})

            by_day = connection.execute(
                select(events.c.date, func.count()).where(*conditions, events.c.date.is_not(None)).group_by(events.c.date)
            )
            weeks: Counter[str] = Counter()
            for day, n in by_day:
                year, week, _ = day.isocalendar()
                weeks[f"{year}-W{week:02d}"] += n
            by_source = connection.execute(
                select(sources.c.name, func.count(func.distinct(events.c.id)))
                .select_from(events.join(event_sources).join(sources)).where(*conditions).group_by(sources.c.name)
            )
            by_outlet = connection.execute(
                select(documents.c.outlet, func.count()).select_from(events.join(documents))
                .where(*conditions, documents.c.outlet.is_not(None)).group_by(documents.c.outlet)
            )
            return StoreStats(
                documents=dict(connection.execute(select(documents.c.status, func.count()).group_by(documents.c.status)).all()),
                events=connection.scalar(select(func.count()).select_from(events).where(*conditions)),
                incidents=connection.scalar(select(func.count(func.distinct(events.c.incident_id))).where(*conditions)),
                by_type=counts(events.c.event_type),
                by_country=counts(events.c.country),
                by_week=dict(sorted(weeks.items())),
                by_source=_ranked(dict(by_source.all())),
                by_outlet=_ranked(dict(by_outlet.all())),
            )


def _known_outlets(connection: Connection) -> dict[str, Source]:
    """The store's outlets that the source knowledge base knows, with their entries."""
    names = connection.scalars(select(documents.c.outlet).distinct().where(documents.c.outlet.is_not(None)))
    return {name: source for name in names if (source := known_source(name)) is not None}


def _ranked(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _fitted(table: Table, row: dict) -> dict:
    """``row`` with each string cut to its column's length: these columns serve filters and
    summaries; the event's record keeps every word (PostgreSQL refuses a longer value)."""
    fitted = dict(row)
    for name, value in row.items():
        column_type = table.c[name].type
        if isinstance(value, str) and isinstance(column_type, String) and column_type.length \
                and len(value) > column_type.length:
            fitted[name] = value[:column_type.length]
    return fitted


def _actor_label(actor) -> str | None:
    return (actor.name or actor.text) if actor else None


def _actor_key(name: str) -> str:
    return " ".join(name.lower().split())


def _near_conditions(latitude: float, longitude: float, km: float) -> list[ColumnElement[bool]]:
    """Within ``km`` of a point: a bounding box the (latitude, longitude) index serves, then an
    equirectangular distance test (plain arithmetic, so the same SQL runs on both databases;
    within a few hundred km it is within 1% of the great-circle distance)."""
    degrees = km / KM_PER_DEGREE
    shrink = max(math.cos(math.radians(latitude)), 1e-6)
    dy = events.c.latitude - latitude
    dx = (events.c.longitude - longitude) * shrink
    return [
        events.c.latitude.between(latitude - degrees, latitude + degrees),
        events.c.longitude.between(longitude - degrees / shrink, longitude + degrees / shrink),
        dx * dx + dy * dy <= degrees * degrees,
    ]


def _event_columns(stored: Event, window: tuple[date, date] | None) -> dict:
    place = stored.location
    return {
        "event_type": stored.event_type, "sub_event_type": stored.sub_event_type,
        "plover_event_type": stored.plover_event_type, "cameo_root": stored.cameo_root,
        "date": stored.date, "date_earliest": window[0] if window else None, "date_latest": window[1] if window else None,
        "time_precision": int(stored.time_precision) if stored.time_precision else None,
        "actor1": _actor_label(stored.actor1),
        "actor1_type": stored.actor1.actor_type if stored.actor1 else None,
        "actor2": _actor_label(stored.actor2),
        "actor2_type": stored.actor2.actor_type if stored.actor2 else None,
        "location_name": (place.name or place.text) if place else None,
        "admin1": place.admin1 if place else None, "admin2": place.admin2 if place else None,
        "country": place.country if place else None,
        "latitude": place.latitude if place else None, "longitude": place.longitude if place else None,
        "geo_precision": int(place.geo_precision) if place and place.geo_precision else None,
        "fatalities": stored.fatalities, "fatalities_text": stored.fatalities_text,
        "claim_status": stored.claim_status, "language": stored.evidence.language,
        "confidence": stored.evidence.confidence, "record": stored,
    }


def _evidence_spans(stored: Event) -> Iterator[tuple[str, object]]:
    """Every span the event's evidence points at, with the field it supports."""
    evidence = stored.evidence
    yield "sentence", evidence.sentence_span
    yield "trigger", evidence.trigger
    yield from evidence.actor_spans.items()
    for place in evidence.places:
        if place.span is not None:
            yield "place", place.span
    for role, span in (("date", evidence.date), ("fatalities", evidence.fatalities), ("claim", evidence.claim)):
        if span is not None:
            yield role, span
    for source in stored.reported_by:
        if source.span is not None:
            yield "source", source.span


def _stored_event(row) -> StoredEvent:
    return StoredEvent(id=row.event_id, incident_id=row.incident_id, event=row.record)


def _incident(row, reports: list[IncidentReport]) -> Incident:
    figures = [
        SourceFigure(source=r.attribution, fatalities=r.fatalities, fatalities_text=r.fatalities_text, event_id=r.event_id)
        for r in reports if r.fatalities is not None or r.fatalities_text
    ]
    named = {name for r in reports for name in r.reported_by} | {r.outlet for r in reports if r.outlet}
    return Incident(
        id=row.id, event_type=row.event_type, sub_event_type=row.sub_event_type,
        date_earliest=row.date_earliest, date_latest=row.date_latest, country=row.country,
        location_name=row.location_name, latitude=row.latitude, longitude=row.longitude,
        fatalities=row.fatalities, fatalities_by_source=figures, sources=sorted(named), reports=reports,
    )
