"""Fixtures for the store tests: event builders, and a throwaway PostgreSQL server on loopback.

The PostgreSQL server is Debian's ``postgresql`` package (scripts/apt-packages.txt): initdb in a
temporary folder, run as the ``postgres`` system user when the tests run as root, on a free port,
stopped at the end of the session. Where its binaries cannot be found the PostgreSQL variants of
the tests skip with a message saying so.
"""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest

from sitrep import taxonomy
from sitrep.models import ActorRef, Document, DocumentResult, Event, Evidence, Location, SourceRef, Span
from sitrep.store import Store


def place(name: str, lat: float | None, lon: float | None, *, admin1: str | None = None, admin2: str | None = None,
          country: str = "Syria", precision: int = 1, feature: str | None = "town", geonameid: int | None = None) -> Location:
    return Location(text=name, name=name, latitude=lat, longitude=lon, admin1=admin1, admin2=admin2, country=country,
                    geo_precision=precision, feature=feature, geonameid=geonameid, resolved=lat is not None)


def actor(name: str | None, text: str | None = None, actor_type: str | None = None) -> ActorRef:
    return ActorRef(text=text or name or "?", name=name, actor_type=actor_type, resolved=name is not None)


def make_event(event_id: str, sub_event_type: str, day: date | None, where: Location | None, *,
               actor1: ActorRef | None = None, actor2: ActorRef | None = None, fatalities: int | None = None,
               fatalities_text: str | None = None, sources: tuple[str, ...] = (), precision: int = 1,
               claim_status: str = "asserted", language: str = "en", sentence: str = "Sentence.") -> Event:
    kind = taxonomy.lookup(sub_event_type)
    span = Span(start=0, end=len(sentence), text=sentence)
    return Event(
        event_id=event_id, event_type=kind.event_type, sub_event_type=sub_event_type,
        plover_event_type=kind.plover, cameo_root=kind.cameo, date=day, time_precision=precision if day else None,
        actor1=actor1, actor2=actor2, location=where, fatalities=fatalities, fatalities_text=fatalities_text,
        reported_by=[SourceRef(text=s, name=s, resolved=True) for s in sources], claim_status=claim_status,
        evidence=Evidence(sentence=sentence, sentence_span=span, trigger=Span(start=0, end=1, text=sentence[0]),
                          rule="test", places=[where] if where else [], language=language, confidence=0.8),
    )


def article(doc_id: str, text: str, events: list[Event], *, outlet: str | None = None, url: str | None = None,
            published: date | None = None, language: str = "en") -> tuple[Document, DocumentResult]:
    """A document and what extraction made of it, as the pipeline would hand them to the store."""
    document = Document(id=doc_id, text=text, outlet=outlet, url=url, published=published, language=language)
    stamped = [e.model_copy(update={"doc_id": doc_id}) for e in events]
    return document, DocumentResult(doc_id=doc_id, status="ok", language=language, text=text, events=stamped)


def _postgres_bin_dir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(os.path.realpath(found)).parent))
    return next((Path(c) for c in candidates if (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists()), None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """(host, port) of a PostgreSQL server that lives for the test session."""
    bin_dir = _postgres_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL SKIPPED: server binaries (initdb, pg_ctl) not found; install Debian's "
                    "'postgresql' package (scripts/apt-packages.txt) to run the PostgreSQL store tests")
    root = Path(tempfile.mkdtemp(prefix="sitrep-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(root, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()
    log = root / "server.log"
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    for step in ([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C", "--no-sync"],
                 [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]):
        done = subprocess.run([*as_postgres, *step], capture_output=True, text=True)
        if done.returncode:
            server_log = log.read_text() if log.exists() else ""
            pytest.fail(f"PostgreSQL test server: {Path(step[0]).name} failed: {done.stderr}{server_log}")
    try:
        yield "127.0.0.1", port
    finally:
        subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


_database_numbers = itertools.count(1)


def new_postgres_database(server: tuple[str, int]) -> str:
    """The URL of a new, empty database on ``server``."""
    import psycopg

    host, port = server
    name = f"sitrep_test_{os.getpid()}_{next(_database_numbers)}"
    with psycopg.connect(host=host, port=port, user="postgres", dbname="postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql://postgres@{host}:{port}/{name}"


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A new, empty PostgreSQL database."""
    return new_postgres_database(postgres_server)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A fresh, empty database: a SQLite file, and (second run of each test) a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return new_postgres_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def store(store_url):
    with Store(store_url) as opened:
        yield opened


@pytest.fixture
def build():
    """The builders above, for test modules (which cannot import conftest)."""
    from types import SimpleNamespace

    return SimpleNamespace(place=place, actor=actor, event=make_event, article=article)
