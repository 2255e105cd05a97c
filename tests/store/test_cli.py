"""`sitrep ingest`, `sitrep events` and `sitrep stats` through the real CLI (SQLite)."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.exports import ACLED_COLUMNS
from sitrep.models import Event
from sitrep.store import Incident, Store

runner = CliRunner()

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><language>en-gb</language>
<item><title>Shelling kills three in Idlib</title><link>https://wire.example/1</link>
<pubDate>Sat, 24 Sep 2016 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Three civilians were killed on Saturday when government artillery shelled the town of
Saraqib in Idlib province, local medics said.&lt;/p&gt;</description></item>
<item><title>Protest in Idlib</title><link>https://wire.example/2</link>
<pubDate>Sun, 25 Sep 2016 09:00:00 GMT</pubDate>
<description>Hundreds of people protested in Idlib city on Sunday against the siege of Aleppo.</description></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Exemple Info</title>
<entry><title>Raids sur Alep</title><id>urn:exemple:1</id><link href="https://info.exemple/1"/>
<updated>2016-09-24T18:00:00Z</updated>
<content type="html">&lt;p&gt;Des raids aériens ont frappé samedi les quartiers est d'Alep, faisant au moins
douze morts, selon la Défense civile.&lt;/p&gt;</content></entry>
</feed>
"""
PAGE = """<!doctype html><html><head><title>News</title></head><body><nav>Home | World</nav>
<article><h1>Clashes near Mosul</h1><p>Iraqi forces clashed with Islamic State fighters in villages south of
Mosul on Friday, the army said. Two soldiers were killed.</p></article></body></html>"""


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    (folder / "feeds").mkdir(parents=True)
    (folder / "batch.jsonl").write_text("\n".join([
        json.dumps({"id": "b1", "text": "Unidentified gunmen killed two policemen in Kandahar on Monday.",
                    "published": "2020-03-03", "url": "https://b.example/1", "outlet": "B News"}),
        json.dumps({"id": "b2", "text": "Des hommes armés ont tué deux policiers lundi à Kandahar.",
                    "published": "2020-03-03", "language": "fr"}),
        "{not json",
        json.dumps({"id": "b4", "published": "2020-03-03"}),
    ]) + "\n", encoding="utf-8")
    (folder / "feeds" / "wire.rss").write_text(RSS, encoding="utf-8")
    (folder / "feeds" / "info.atom").write_text(ATOM, encoding="utf-8")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / "binary.dat").write_bytes(bytes(range(256)) * 8)
    (folder / ".hidden.txt").write_text("not an input", encoding="utf-8")
    return folder


def test_ingest_a_folder_of_mixed_inputs_then_again(inputs, tmp_path):
    db = str(tmp_path / "s.db")
    first = runner.invoke(app, ["ingest", str(inputs), "--db", db, "--no-progress"])
    assert first.exit_code == 3, first.output  # some inputs were skipped, and said so
    assert "9 documents read: 9 stored" in first.output
    assert "{not json" not in first.output and "batch.jsonl:3: skipped (not JSON" in first.output
    with Store(db) as store:
        stats = store.stats()
        assert sum(stats.documents.values()) == 9
        problems = {d: store.get_document(d) for d in ("batch.jsonl:3", "b4", "binary.dat")}
        assert {d: p.status for d, p in problems.items()} == dict.fromkeys(problems, "skipped")
        assert "binary" in problems["binary.dat"].reason
        item = store.get_document("https://wire.example/1")
        assert (item.url, item.outlet, item.published) == ("https://wire.example/1", "Example Wire", date(2016, 9, 24))
        entry = store.get_document("urn:exemple:1")
        assert (entry.url, entry.outlet, entry.published) == ("https://info.exemple/1", "Exemple Info", date(2016, 9, 24))
        assert entry.origin.endswith("info.atom")
        events_before = store.count_events()

    second = runner.invoke(app, ["ingest", str(inputs), "--db", db, "--no-progress"])
    assert second.exit_code == 0, second.output
    assert "9 documents read: 0 stored (0 ok, 0 skipped, 0 failed), 9 already in the store" in second.output
    with Store(db) as store:
        assert sum(store.stats().documents.values()) == 9
        assert store.count_events() == events_before


@pytest.fixture
def filled_db(tmp_path, build):
    """A store with one incident told by two articles and one event on its own."""
    path = str(tmp_path / "filled.db")
    handarat = build.place("Handarat", 36.28, 37.18, admin1="Aleppo", feature="camp")
    mazar = build.place("Mazar-i-Sharif", 36.71, 67.11, admin1="Balkh", country="Afghanistan", feature="city")
    with Store(path) as store:
        store.add_results([
            build.article("a", "Strike on Handarat, 68 dead according to SOHR.", [
                build.event("a:1", "Air/drone strike", date(2016, 9, 24), handarat, fatalities=68, sources=("SOHR",))],
                outlet="Reuters"),
            build.article("b", "Raid sur Handarate, des dizaines de morts.", [
                build.event("b:1", "Air/drone strike", date(2016, 9, 24), handarat, fatalities=24,
                            fatalities_text="des dizaines", language="fr")], outlet="al-Manar"),
            build.article("c", "Clash near Mazar-i-Sharif.", [
                build.event("c:1", "Armed clash", date(2020, 3, 2), mazar)], outlet="Pajhwok"),
        ])
    return path


def _events(db: str, *options: str) -> str:
    result = runner.invoke(app, ["events", "--db", db, *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_events_formats_and_filters(filled_db, tmp_path):
    records = [Event.model_validate_json(line) for line in _events(filled_db, "--format", "jsonl").splitlines()]
    assert [e.event_id for e in records] == ["c:1", "a:1", "b:1"]  # newest first, then in the order stored
    assert [e.event_id for e in map(Event.model_validate_json, _events(
        filled_db, "--country", "Syria", "--from", "2016-09-24", "--to", "2016-09-24", "--near", "36.28,37.18,2",
        "--source", "sohr").splitlines())] == ["a:1"]

    rows = list(csv.reader(io.StringIO(_events(filled_db, "--format", "acled-csv", "--type", "Battles"))))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == 2

    collection = json.loads(_events(filled_db, "-f", "geojson", "--sub-type", "Air/drone strike"))
    assert [f["geometry"]["coordinates"] for f in collection["features"]] == [[37.18, 36.28]] * 2

    assert "Handarat" in _events(filled_db, "-f", "table", "--limit", "2")

    import pyarrow.parquet as pq

    parquet = tmp_path / "events.parquet"
    _events(filled_db, "-f", "parquet", "-o", str(parquet))
    table = pq.read_table(parquet)
    assert table.num_rows == 3 and table.column("event_id_cnty").to_pylist() == ["c:1", "a:1", "b:1"]
    assert Event.model_validate_json(table.column("record")[1].as_py()).event_id == "a:1"


def test_events_by_incident(filled_db):
    incidents = [Incident.model_validate_json(line) for line in _events(filled_db, "--incidents").splitlines()]
    assert [len(i.reports) for i in incidents] == [1, 2]
    assert incidents[1].fatalities == 24
    assert {f.source: f.fatalities for f in incidents[1].fatalities_by_source} == {"SOHR": 68, "al-Manar": 24}
    rows = list(csv.DictReader(io.StringIO(_events(filled_db, "--incidents", "-f", "acled-csv"))))
    assert [(r["location"], r["fatalities"]) for r in rows] == [("Mazar-i-Sharif", "0"), ("Handarat", "24")]


def test_bad_filter_values_are_refused(filled_db):
    for options in (["--near", "36,37"], ["--from", "24/09/2016"], ["--format", "xml"]):
        result = runner.invoke(app, ["events", "--db", filled_db, *options])
        assert result.exit_code == 2, options


def test_stats(filled_db):
    counts = json.loads(runner.invoke(app, ["stats", "--db", filled_db, "--json"]).output)
    assert counts["events"] == 3 and counts["incidents"] == 2
    assert counts["by_week"] == {"2016-W38": 2, "2020-W10": 1}
    assert counts["by_outlet"] == {"Pajhwok": 1, "Reuters": 1, "al-Manar": 1}
    table = runner.invoke(app, ["stats", "--db", filled_db]).output
    assert "events by cited source" in table and "SOHR" in table


def test_claim_alignment_and_incident_options(filled_db):
    def ids(*options: str) -> list[str]:
        return [Event.model_validate_json(line).event_id for line in _events(filled_db, *options).splitlines()]

    assert ids("--alignment", "pro-government") == ["b:1"]  # al-Manar, in the source knowledge base
    assert ids("--claim", "asserted", "--alignment", "independent") == ["c:1", "a:1"]
    assert ids("--claim", "denied") == []
    incident = Incident.model_validate_json(_events(filled_db, "--incidents").splitlines()[1])
    assert sorted(ids("--incident", str(incident.id))) == sorted(r.event_id for r in incident.reports)
    assert runner.invoke(app, ["events", "--db", filled_db, "--claim", "maybe"]).exit_code == 2
