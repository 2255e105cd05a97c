"""The store on SQLite and PostgreSQL: what goes in comes out, twice adds nothing, filters select."""
from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from sitrep.models import DocumentResult
from sitrep.store import EventFilter, Store
from sitrep.store.schema import metadata

DAY1, DAY2, DAY3 = date(2016, 9, 20), date(2016, 9, 24), date(2016, 10, 2)


@pytest.fixture
def filled(store, build):
    """Three articles: two on Syria (Aleppo), one on Afghanistan (Balkh), and a skipped document."""
    aleppo = build.place("Aleppo", 36.20, 37.16, admin1="Aleppo", feature="city")
    handarat = build.place("Handarat", 36.28, 37.18, admin1="Aleppo", feature="camp")
    mazar = build.place("Mazar-i-Sharif", 36.71, 67.11, admin1="Balkh", country="Afghanistan", feature="city")
    army = build.actor("Military Forces of Syria", "l'armée syrienne", "state_forces")
    taliban = build.actor("Taliban", actor_type="rebel_group")
    store.add_results([
        build.article("fr-1", "L'armée syrienne a bombardé Alep le 20 septembre, selon l'OSDH.", [
            build.event("fr-1:1", "Air/drone strike", DAY1, aleppo, actor1=army, sources=("OSDH",), fatalities=12,
                        language="fr", sentence="L'armée syrienne a bombardé Alep le 20 septembre, selon l'OSDH.")],
            outlet="al-Manar", url="https://example.org/fr-1", published=DAY1, language="fr"),
        build.article("en-1", "The army retook Handarat on 24 September.", [
            build.event("en-1:1", "Government regains territory", DAY2, handarat, actor1=army)],
            outlet="Reuters", published=DAY2),
        build.article("af-1", "Taliban attacked a checkpoint near Mazar-i-Sharif on 2 October.", [
            build.event("af-1:1", "Armed clash", DAY3, mazar, actor1=taliban)], outlet="Pajhwok", published=DAY3),
    ])
    store.add_result(*_skipped(build))
    return store


def _skipped(build):
    document, _ = build.article("de-1", "Ein deutscher Text.", [])
    return document, DocumentResult(doc_id="de-1", status="skipped", reason="unsupported language: de")


def _ids(stored) -> list[str]:
    return [s.id for s in stored]


def test_events_come_back_as_stored_newest_first(filled, build):
    stored = filled.query_events(EventFilter())
    assert _ids(stored) == ["af-1:1", "en-1:1", "fr-1:1"]
    assert stored[2].event.reported_by[0].name == "OSDH"
    assert stored[2].event.doc_id == "fr-1"
    assert filled.count_events() == 3


@pytest.mark.parametrize(("filters", "expected"), [
    (EventFilter(country="Syria"), ["en-1:1", "fr-1:1"]),
    (EventFilter(country="Syria", date_from=DAY2), ["en-1:1"]),
    (EventFilter(date_to=DAY2), ["en-1:1", "fr-1:1"]),
    (EventFilter(admin1="Balkh"), ["af-1:1"]),
    (EventFilter(event_type="Battles"), ["af-1:1", "en-1:1"]),
    (EventFilter(sub_event_type="Air/drone strike"), ["fr-1:1"]),
    (EventFilter(actor="military forces of syria"), ["en-1:1", "fr-1:1"]),
    (EventFilter(actor="Taliban", country="Syria"), []),
    (EventFilter(source="osdh"), ["fr-1:1"]),
    (EventFilter(source="Reuters"), ["en-1:1"]),
    (EventFilter(near=(36.28, 37.18, 5)), ["en-1:1"]),
    (EventFilter(near=(36.28, 37.18, 15)), ["en-1:1", "fr-1:1"]),
])
def test_filters(filled, filters, expected):
    assert _ids(filled.query_events(filters)) == expected
    assert filled.count_events(filters) == len(expected)


def test_limit_offset_and_iteration(filled):
    assert _ids(filled.query_events(limit=1, offset=1)) == ["en-1:1"]
    assert _ids(filled.iter_events(batch=2)) == ["af-1:1", "en-1:1", "fr-1:1"]


def test_same_content_or_url_twice_adds_nothing(filled, build):
    again_document, again_result = build.article("fr-1-copy", "L'armée syrienne a bombardé Alep le 20 septembre, "
                                                  "selon l'OSDH.", [])
    assert filled.add_result(again_document, again_result).duplicate
    moved, moved_result = build.article("fr-1-updated", "A new version of the page.", [],
                                        url="https://example.org/fr-1")
    assert filled.add_result(moved, moved_result).duplicate
    assert filled.add_result(*_skipped(build)).duplicate
    assert filled.stats().documents == {"ok": 3, "skipped": 1}


def test_a_taken_document_id_is_made_unique(filled, build):
    other = build.article("fr-1", "Another article with the same id.", [
        build.event("fr-1:1", "Attack", DAY1, None)])
    outcome = filled.add_result(*other)
    assert not outcome.duplicate and outcome.doc_id.startswith("fr-1~")
    stored = filled.query_events(EventFilter(sub_event_type="Attack"))
    assert stored[0].event.doc_id == outcome.doc_id
    assert stored[0].id == f"{outcome.doc_id}:1"  # the event id was taken too


def test_get_event_has_document_evidence_and_skips_reasons_are_kept(filled):
    stored = filled.get_event("fr-1:1")
    assert stored.document.text.startswith("L'armée syrienne")
    assert stored.document.url == "https://example.org/fr-1"
    roles = {span.role for span in stored.evidence}
    assert {"sentence", "trigger"} <= roles
    sentence = next(span for span in stored.evidence if span.role == "sentence")
    assert stored.document.text[sentence.start:sentence.end] == sentence.text
    assert filled.get_event("nope") is None
    skipped = filled.get_document("de-1")
    assert (skipped.status, skipped.reason) == ("skipped", "unsupported language: de")


def test_sources_actors_and_stats(filled):
    assert [(s.name, s.events) for s in filled.list_sources()] == [("OSDH", 1)]
    assert [(a.name, a.events) for a in filled.list_actors()] == [("Military Forces of Syria", 2), ("Taliban", 1)]
    stats = filled.stats()
    assert stats.events == 3 and stats.incidents == 3
    assert stats.by_type == {"Battles": 2, "Explosions/Remote violence": 1}
    assert stats.by_country == {"Syria": 2, "Afghanistan": 1}
    assert stats.by_week == {"2016-W38": 2, "2016-W39": 1}
    assert stats.by_source == {"OSDH": 1}
    assert stats.by_outlet == {"Pajhwok": 1, "Reuters": 1, "al-Manar": 1}
    assert filled.stats(EventFilter(country="Syria")).by_country == {"Syria": 2}


def test_migrations_build_the_schema_the_code_declares(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_reopening_keeps_data_and_sqlite_runs_in_wal_with_foreign_keys(tmp_path, build):
    path = str(tmp_path / "s.db")
    with Store(path) as store:
        store.add_result(*build.article("x", "Text.", []))
    with Store(path) as store:
        assert store.get_document("x") is not None
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            with pytest.raises(sa.exc.IntegrityError):
                connection.exec_driver_sql("INSERT INTO event_sources VALUES (999, 0, 999, 'x')")


def test_claim_alignment_and_incident_filters_and_one_incident(filled, build):
    """Alignment: of a cited source, or of the outlet as the source knowledge base knows it
    (al-Manar: pro-government; Reuters and Pajhwok: independent)."""
    denial = build.event("en-2:1", "Air/drone strike", DAY1, build.place("Aleppo", 36.20, 37.16, admin1="Aleppo"),
                         claim_status="denied", sources=("Ministry",))
    filled.add_result(*build.article("en-2", "The ministry denied the strike on Aleppo.", [denial], outlet="SANA"))
    assert _ids(filled.query_events(EventFilter(alignment="Pro-Government"))) == ["fr-1:1"]
    assert _ids(filled.query_events(EventFilter(alignment="independent"))) == ["af-1:1", "en-1:1"]
    assert _ids(filled.query_events(EventFilter(alignment="state media"))) == ["en-2:1"]
    assert _ids(filled.query_events(EventFilter(claim_status="denied"))) == ["en-2:1"]
    assert filled.count_events(EventFilter(claim_status="asserted", country="Syria")) == 2
    assert filled.list_alignments() == ["independent", "pro-government (Syria); Hezbollah", "state media (Syria)"]

    strike = filled.get_event("fr-1:1").incident_id
    assert sorted(_ids(filled.query_events(EventFilter(incident_id=strike)))) == ["en-2:1", "fr-1:1"]
    incident = filled.get_incident(strike)
    assert [(r.event_id, r.outlet, r.actor1, r.claim_status) for r in incident.reports] == [
        ("fr-1:1", "al-Manar", "Military Forces of Syria", "asserted"), ("en-2:1", "SANA", None, "denied")]
    assert incident.fatalities == 12 and filled.get_incident(10**6) is None
    with filled.engine.connect() as connection:
        assert filled.last_event_pk() == connection.scalar(sa.text("SELECT max(id) FROM events"))
