"""`sitrep watch` as a user runs it: the sources file, `--once` on three local feeds (RSS, Atom and
a news sitemap), `sitrep stats` showing each feed's health, and a watcher killed (kill -9) in the
middle of a round that, run again, stores every article exactly once without fetching the stored
ones again."""
from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from clitools import ROOT, run_cli
from newssite import Response, atom, news_sitemap, rss
from sitrep.watch.cli import parse_duration
from sitrep.watch.sources import SourcesError, read_sources


def documents(db: Path) -> list[tuple[str, str, str, str]]:
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute("SELECT url, outlet, language, status FROM documents"))


def test_once_on_a_sources_file_of_three_local_feeds(site, tmp_path):
    links = {name: [site.article(f"/{name}/{n}", number) for n, number in enumerate(numbers)]
             for name, numbers in (("wire", (0, 1)), ("daily", (2, 3)), ("times", (4, 5)))}
    site.feed("/wire.rss", Response(body=rss("Wire feed title", [(url, "Report", "") for url in links["wire"]]),
                                    content_type="application/rss+xml"), etag='"w1"')
    site.set("/daily.atom", Response(body=atom("Daily", links["daily"]), content_type="application/atom+xml"))
    site.set("/news-sitemap.xml", Response(body=news_sitemap("The Times", links["times"]),
                                           content_type="application/xml"))
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "feeds:\n"
        f"  - url: {site.url('/wire.rss')}\n    outlet: Example Wire\n    language: en\n"
        f"  - url: {site.url('/daily.atom')}\n    outlet: Example Daily\n"
        f"  - url: {site.url('/news-sitemap.xml')}\n    outlet: Example Times\n    language: en\n", encoding="utf-8")
    db = tmp_path / "watch.db"

    done = run_cli("watch", str(sources), "--once", "--db", str(db), "--host-delay", "0", "--no-progress")
    stderr = done.stderr.decode()
    assert done.returncode == 0, stderr
    assert documents(db) == sorted(
        [(url, "Example Wire", "en", "ok") for url in links["wire"]]
        + [(url, "Example Daily", "en", "ok") for url in links["daily"]]
        + [(url, "Example Times", "en", "ok") for url in links["times"]])
    with sqlite3.connect(db) as connection:
        events = connection.execute("SELECT count(*), count(DISTINCT doc_id) FROM events").fetchone()
    assert events[1] == 6, "each invented article reports a shelling"
    assert "round 1 done" in stderr and "6 fetched, 6 stored (6 ok" in stderr and "3 new article(s)" not in stderr
    assert f"feed {site.url('/wire.rss')}: 2 article(s) listed, 2 new" in stderr

    stats = run_cli("stats", "--db", str(db), "--json")
    feeds = {feed["url"]: feed for feed in json.loads(stats.stdout)["feeds"]}
    assert set(feeds) == {site.url("/wire.rss"), site.url("/daily.atom"), site.url("/news-sitemap.xml")}
    assert all(feed["last_success_at"] and feed["articles"] == {"stored": 2} for feed in feeds.values())
    table = run_cli("stats", "--db", str(db)).stdout.decode()
    assert "watched feeds" in table and "Example Daily" in table

    # again: the RSS feed answers 304, the others list nothing new, no article is fetched twice
    again = run_cli("watch", str(sources), "--once", "--db", str(db), "--host-delay", "0", "--no-progress")
    assert again.returncode == 0, again.stderr.decode()
    assert "(1 not modified)" in again.stderr.decode()
    assert all(site.hits(path) == 1 for urls in links.values() for path in (u.replace(site.base_url, "") for u in urls))
    assert len(documents(db)) == 6


def test_a_watcher_killed_in_the_middle_of_a_round_resumes_without_loss_or_duplicate(site, tmp_path):
    links = [site.article(f"/a/{n}", n) for n in range(9)]
    held = threading.Event()
    links.append(site.article("/a/9", 9, hold=held))  # the last page hangs until the test lets it go
    site.set("/feed.rss", Response(body=rss("Wire", [(url, f"Report {n}", "") for n, url in enumerate(links)]),
                                   content_type="application/rss+xml"))
    sources = tmp_path / "sources.csv"
    sources.write_text(f"url,outlet,language\n{site.url('/feed.rss')},Example Wire,en\n", encoding="utf-8")
    db = tmp_path / "watch.db"
    command = [sys.executable, "-m", "sitrep", "watch", str(sources), "--once", "--db", str(db), "--host-delay", "0",
               "--no-progress"]
    watcher = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while site.hits("/a/9") == 0:  # the pipeline codes 8 documents at a time: 8 are stored by now
            assert watcher.poll() is None, watcher.stderr.read().decode()
            assert time.monotonic() < deadline, "the watcher never reached the last article"
            time.sleep(0.2)
        stored_before = documents(db)
        watcher.send_signal(signal.SIGKILL)
        watcher.wait(timeout=30)
    finally:
        held.set()
        if watcher.poll() is None:
            watcher.kill()
        watcher.stderr.close()
    assert len(stored_before) == 8

    done = run_cli("watch", str(sources), "--once", "--db", str(db), "--host-delay", "0", "--no-progress")
    assert done.returncode == 0, done.stderr.decode()
    assert documents(db) == sorted((url, "Example Wire", "en", "ok") for url in links)
    # the eight stored before the kill were not fetched again; the two in flight were
    assert [site.hits(f"/a/{n}") for n in range(10)] == [1] * 8 + [2, 2]
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT DISTINCT status FROM watch_articles").fetchall() == [("stored",)]


def test_sources_files(tmp_path):
    yaml_file = tmp_path / "feeds.yaml"
    yaml_file.write_text("- url: https://news.example/rss\n  outlet: Example\n  language: FR\n"
                         "- https://other.example/atom.xml\n", encoding="utf-8")
    csv_file = tmp_path / "feeds.csv"
    csv_file.write_text("url,outlet,language\nhttps://news.example/rss,Duplicate,en\n"
                        "https://third.example/sitemap.xml,,auto\n", encoding="utf-8")
    found = read_sources([str(yaml_file), str(csv_file), "https://fourth.example/feed"])
    assert [(s.url, s.outlet, s.language) for s in found] == [
        ("https://news.example/rss", "Example", "fr"), ("https://other.example/atom.xml", None, None),
        ("https://third.example/sitemap.xml", None, None), ("https://fourth.example/feed", None, None)]


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("a.yaml", "feeds:\n  - url: ftp://news.example/rss\n", "feed 1: url: Value error, not an http(s) URL"),
    ("b.yaml", "feeds:\n  - url: https://x.example/\n    outlett: X\n", "feed 1: outlett: Extra inputs"),
    ("c.yaml", "sources: []\n", "unknown top-level key"),
    ("d.yaml", "feeds: [", "not valid YAML"),
    ("e.csv", "link,name\nhttps://x.example/,X\n", "the header row must be url,outlet,language"),
    ("f.csv", "url,outlet,language\nhttps://x.example/,X,english\n", "line 2: language"),
    ("g.yaml", "feeds: []\n", "lists no feed"),
])
def test_bad_sources_files_say_what_is_wrong(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourcesError, match=re.escape(reason)):
        read_sources([str(path)])


def test_a_bad_sources_file_or_duration_is_a_usage_error(tmp_path):
    missing = run_cli("watch", str(tmp_path / "absent.yaml"), "--once", "--db", str(tmp_path / "x.db"))
    assert missing.returncode == 2 and b"cannot read sources file" in missing.stderr
    wrong = run_cli("watch", "https://news.example/rss", "--every", "soon", "--db", str(tmp_path / "x.db"))
    assert wrong.returncode == 2 and b"a duration such as 15m" in wrong.stderr
    assert [parse_duration(text) for text in ("15m", "1h30m", "90", "500ms", "2.5s")] == [900, 5400, 90, 0.5, 2.5]


def test_watch_every_few_seconds_until_ctrl_c(site, tmp_path):
    site.feed("/feed.rss", Response(body=rss("Quiet Wire", []), content_type="application/rss+xml"), etag='"q"')
    command = [sys.executable, "-m", "sitrep", "watch", site.url("/feed.rss"), "--every", "10s", "--db",
               str(tmp_path / "watch.db"), "--host-delay", "0", "--no-progress"]
    watcher = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        for line in watcher.stderr:
            lines.append(line)
            if "round 1 done" in line:
                break
        time.sleep(0.5)
        watcher.send_signal(signal.SIGINT)
        _, rest = watcher.communicate(timeout=30)
    finally:
        if watcher.poll() is None:
            watcher.kill()
    assert watcher.returncode == 130, "".join(lines) + rest
    assert "a round every 10s" in lines[0]
    assert "stopped; run the same command again to go on where it stopped" in rest
