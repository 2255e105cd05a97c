"""Fixtures for the web tests: a small store of articles this project wrote (events coded by hand,
with evidence spans pointing into each article's text), the app over it, and a real
``sitrep serve`` process on loopback."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx
import pytest

from sitrep.models import ActorRef, Document, DocumentResult, Event, Evidence, Location, SourceRef, Span
from sitrep.store import Store
from sitrep.taxonomy import lookup

REPO = Path(__file__).resolve().parents[2]
SITREP = REPO / ".venv" / "bin" / "sitrep"
TOKEN = "test-token-7f3a"

# Invented articles. The first carries markup in its text: the page must show it as text.
SHELLING_EN = (
    "Government forces shelled the town of Maarrat al-Numan on Tuesday, killing 12 civilians, according to SOHR.\n"
    "A resident posted <script>alert('pwned')</script> on a forum, and <b>bold</b> claims followed.\n"
    "Rebels clashed with the army near Kafr Nabl the same day, the monitor said."
)
SHELLING_FR = (
    "Les forces du régime ont bombardé mardi la ville de Maarrat al-Numan, tuant 12 civils, selon l'OSDH."
)
PROTEST_EN = "Hundreds of people protested in Idlib on Wednesday against the shelling, Enab Baladi reported."


def span_of(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start=start, end=start + len(words), text=words)


def coded_event(text: str, event_id: str, sub_event_type: str, *, sentence: str, trigger: str, day: date,
                date_words: str, place: tuple[str, float, float, str], actor1: tuple[str, str, str] | None = None,
                actor2: tuple[str, str, str] | None = None, fatalities: tuple[int, str] | None = None,
                source: tuple[str, str, str, str] | None = None, language: str = "en") -> Event:
    """An event as an analyst codes it, every field's words located in ``text``."""
    kind = lookup(sub_event_type)
    place_words, latitude, longitude, admin1 = place
    location = Location(text=place_words, name=place_words, latitude=latitude, longitude=longitude, admin1=admin1,
                        country="Syria", country_code="SY", geo_precision=1, resolved=True,
                        span=span_of(text, place_words))

    def actor(spec: tuple[str, str, str] | None) -> ActorRef | None:
        if spec is None:
            return None
        words, name, actor_type = spec
        return ActorRef(text=words, name=name, actor_type=actor_type, resolved=True, span=span_of(text, words))

    actors = {role: ref for role, ref in (("actor1", actor(actor1)), ("actor2", actor(actor2))) if ref}
    sources = []
    if source:
        words, name, kind_name, alignment = source
        sources.append(SourceRef(text=words, name=name, kind=kind_name, alignment=alignment, resolved=True,
                                 span=span_of(text, words)))
    return Event(
        event_id=event_id, event_type=kind.event_type, sub_event_type=sub_event_type,
        plover_event_type=kind.plover, cameo_root=kind.cameo, date=day, time_precision=1,
        actor1=actors.get("actor1"), actor2=actors.get("actor2"), location=location,
        fatalities=fatalities[0] if fatalities else None, fatalities_text=fatalities[1] if fatalities else None,
        reported_by=sources,
        evidence=Evidence(
            sentence=sentence, sentence_span=span_of(text, sentence), trigger=span_of(text, trigger), rule="test",
            actor_spans={role: ref.span for role, ref in actors.items()}, places=[location],
            date=span_of(text, date_words), fatalities=span_of(text, fatalities[1]) if fatalities else None,
            language=language, confidence=0.8,
        ),
    )


def small_corpus() -> list[tuple[Document, DocumentResult]]:
    """Three articles, two languages, four events; the two shelling reports are one incident."""
    shelling_sentence = SHELLING_EN.splitlines()[0]
    clash_sentence = SHELLING_EN.splitlines()[2]
    english = [
        coded_event(SHELLING_EN, "wire-1:1", "Shelling/artillery/missile attack", sentence=shelling_sentence,
                    trigger="shelled", day=date(2019, 5, 14), date_words="on Tuesday",
                    place=("Maarrat al-Numan", 35.6478, 36.6717, "Idlib"),
                    actor1=("Government forces", "Military Forces of Syria", "state_forces"),
                    fatalities=(12, "12 civilians"),
                    source=("SOHR", "Syrian Observatory for Human Rights", "monitor", "opposition")),
        coded_event(SHELLING_EN, "wire-1:2", "Armed clash", sentence=clash_sentence, trigger="clashed",
                    day=date(2019, 5, 14), date_words="the same day", place=("Kafr Nabl", 35.6136, 36.5617, "Idlib"),
                    actor1=("Rebels", "Opposition Rebels (Syria)", "rebel_group"),
                    actor2=("the army", "Military Forces of Syria", "state_forces")),
    ]
    french = [
        coded_event(SHELLING_FR, "depeche-2:1", "Shelling/artillery/missile attack", sentence=SHELLING_FR,
                    trigger="bombardé", day=date(2019, 5, 14), date_words="mardi",
                    place=("Maarrat al-Numan", 35.6478, 36.6717, "Idlib"),
                    actor1=("Les forces du régime", "Military Forces of Syria", "state_forces"),
                    fatalities=(12, "12 civils"),
                    source=("l'OSDH", "Syrian Observatory for Human Rights", "monitor", "opposition"),
                    language="fr"),
    ]
    protest = [
        coded_event(PROTEST_EN, "wire-3:1", "Peaceful protest", sentence=PROTEST_EN, trigger="protested",
                    day=date(2019, 5, 15), date_words="on Wednesday", place=("Idlib", 35.9306, 36.6339, "Idlib"),
                    actor1=("Hundreds of people", "Protesters (Syria)", "protesters"),
                    source=("Enab Baladi", "Enab Baladi", "media", "opposition")),
    ]
    corpus = []
    for doc_id, text, events, outlet, language in (
        ("wire-1", SHELLING_EN, english, "Example Wire", "en"),
        ("depeche-2", SHELLING_FR, french, "Dépêche Exemple", "fr"),
        ("wire-3", PROTEST_EN, protest, "Example Wire", "en"),
    ):
        document = Document(id=doc_id, text=text, published=date(2019, 5, 15), language=language, outlet=outlet,
                            url=f"https://news.example/{doc_id}")
        events = [e.model_copy(update={"doc_id": doc_id}) for e in events]
        corpus.append((document, DocumentResult(doc_id=doc_id, status="ok", language=language, text=text,
                                                events=events)))
    return corpus


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN


@pytest.fixture(scope="session")
def shelling_text() -> str:
    """The text of the small store's first article (it contains markup, to be shown as text)."""
    return SHELLING_EN


def stored_corpus(folder: Path, corpus: list[tuple[Document, DocumentResult]]) -> str:
    """A SQLite store in ``folder`` holding ``corpus``; its path."""
    path = folder / "store.db"
    with Store(str(path)) as store:
        store.add_results(corpus)
    return str(path)


@pytest.fixture(scope="session")
def small_store_url(tmp_path_factory) -> str:
    return stored_corpus(tmp_path_factory.mktemp("web-store"), small_corpus())


@pytest.fixture(scope="session")
def artefacts_dir() -> Path:
    """Where browser tests leave screenshots: $SITREP_ARTEFACTS, else tmp/artefacts in the repo."""
    if os.environ.get("SITREP_ARTEFACTS"):
        folder = Path(os.environ["SITREP_ARTEFACTS"])
    else:
        folder = REPO / "tmp" / "artefacts"
        folder.mkdir(parents=True, exist_ok=True)
        # test output, never committed (as .pytest_cache does it)
        (REPO / "tmp" / ".gitignore").write_text("*\n", encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, process: subprocess.Popen, base_url: str) -> None:
        self.process = process
        self.base_url = base_url


def start_server(db: str, *extra: str, env: dict[str, str] | None = None, timeout: float = 30.0) -> Server:
    """``sitrep serve`` on a free loopback port, once it answers /health."""
    port = free_port()
    command = [str(SITREP) if SITREP.exists() else sys.executable, *([] if SITREP.exists() else ["-m", "sitrep"]),
               "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port), *extra]
    process = subprocess.Popen(command, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"sitrep serve exited with {process.returncode}: {process.stdout.read()}")
        try:
            if httpx.get(f"{base_url}/health", timeout=1.0).status_code == 200:
                return Server(process, base_url)
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"sitrep serve did not answer within {timeout} s")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture
def serve():
    """Starts ``sitrep serve`` processes (``serve(db, *options, env=...)``); stops them after the test."""
    started: list[Server] = []

    def start(db: str, *extra: str, env: dict[str, str] | None = None) -> Server:
        started.append(start_server(db, *extra, env=env))
        return started[-1]

    yield start
    for server in started:
        stop_server(server)


@pytest.fixture(scope="session")
def served_small_store(small_store_url):
    """A real ``sitrep serve`` over the small store, writes enabled with TOKEN."""
    server = start_server(small_store_url, env={"SITREP_API_TOKEN": TOKEN})
    yield server
    stop_server(server)


# Two more reports of the small store's shelling, by outlets the source knowledge base knows
# (invented wording): state media giving another toll and another attacker, and a denial.
STATE_MEDIA_EN = (
    "Terrorist groups fired shells at Maarrat al-Numan on Tuesday, killing 15 civilians, a police source said.\n"
    "The attack hit a residential street near the market, the agency added."
)
DENIAL_EN = "The Syrian army denied on Tuesday that it had shelled Maarrat al-Numan and blamed militants for the deaths."


def monitor_corpus() -> list[tuple[Document, DocumentResult]]:
    """The small store's three articles, and two more reports of its shelling: one incident with
    four reports that agree on the date and place and differ on the toll, the attacker and the claim."""
    state_media = coded_event(
        STATE_MEDIA_EN, "agency-4:1", "Shelling/artillery/missile attack", sentence=STATE_MEDIA_EN.splitlines()[0],
        trigger="fired shells", day=date(2019, 5, 14), date_words="on Tuesday",
        place=("Maarrat al-Numan", 35.6478, 36.6717, "Idlib"), fatalities=(15, "15 civilians"))
    state_media.actor1 = ActorRef(text="Terrorist groups", span=span_of(STATE_MEDIA_EN, "Terrorist groups"))
    state_media.evidence.actor_spans["actor1"] = state_media.actor1.span
    denial = coded_event(
        DENIAL_EN, "tv-5:1", "Shelling/artillery/missile attack", sentence=DENIAL_EN, trigger="shelled",
        day=date(2019, 5, 14), date_words="on Tuesday", place=("Maarrat al-Numan", 35.6478, 36.6717, "Idlib"),
        actor1=("The Syrian army", "Military Forces of Syria", "state_forces"))
    denial.claim_status = "denied"
    denial.evidence.claim = span_of(DENIAL_EN, "denied")
    extra = []
    for doc_id, text, event, outlet in (("agency-4", STATE_MEDIA_EN, state_media, "SANA"),
                                        ("tv-5", DENIAL_EN, denial, "Al-Manar")):
        document = Document(id=doc_id, text=text, published=date(2019, 5, 15), language="en", outlet=outlet,
                            url=f"https://news.example/{doc_id}")
        extra.append((document, DocumentResult(doc_id=doc_id, status="ok", language="en", text=text,
                                               events=[event.model_copy(update={"doc_id": doc_id})])))
    return small_corpus() + extra


@pytest.fixture(scope="session")
def monitor_store_url(tmp_path_factory) -> str:
    return stored_corpus(tmp_path_factory.mktemp("web-monitor-store"), monitor_corpus())


@pytest.fixture(scope="session")
def code_event():
    """:func:`coded_event`, for test modules (which cannot import conftest)."""
    return coded_event
