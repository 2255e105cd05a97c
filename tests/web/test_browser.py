"""The explorer page in headless Chromium (Debian's chromium, driven by Playwright), served by a
real ``sitrep serve``: load, filter by type, open an event, check the evidence highlights, and
take screenshots (test artefacts under tmp/artefacts, or $SITREP_ARTEFACTS)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sitrep.models import Document, DocumentResult
from sitrep.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}
# Leaflet's cluster animations (after a zoom or a resize) take 0.3 s: screenshots wait them out.
SETTLE_MS = 800
SHARED_SEED = Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "seed"

if not CHROMIUM.exists():
    pytest.skip(f"SKIPPED LOUDLY: {CHROMIUM} is absent (Debian package chromium, scripts/apt-packages.txt): "
                "no browser tests", allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api", reason="SKIPPED LOUDLY: playwright is not installed")


class Browser:
    """One headless Chromium with a fresh profile; records page errors, console errors, dialogs
    and any request that leaves this machine (which it refuses)."""

    def __init__(self, profile: Path) -> None:
        self._driver = playwright.sync_playwright().start()
        self.context = self._driver.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, viewport=VIEWPORT)
        self.problems: list[str] = []
        self.context.route("**/*", self._local_only)

    def _local_only(self, route) -> None:
        if route.request.url.startswith(("http://127.0.0.1:", "data:")):
            route.continue_()
        else:
            self.problems.append(f"request off this machine: {route.request.url}")
            route.abort()

    def open(self, url: str, loaded: bool = True):
        """A new page at ``url``, once its events are loaded (``loaded`` false: as soon as it is open)."""
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        # failed loads and Content-Security-Policy violations are reported as console errors
        page.on("console", lambda message: message.type == "error"
                and self.problems.append(f"console error: {message.text}"))
        page.on("dialog", lambda dialog: (self.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        page.goto(url)
        if loaded:
            page.wait_for_selector("body[data-loaded='true']", timeout=20_000)
        return page

    def take_problems(self) -> list[str]:
        taken, self.problems = self.problems, []
        return taken

    def close(self) -> None:
        self.context.close()
        self._driver.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    opened = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield opened
    opened.close()


@pytest.fixture
def small_page(browser, served_small_store):
    page = browser.open(served_small_store.base_url + "/")
    yield page
    page.close()
    assert not (problems := browser.take_problems()), problems


def listed_events(page) -> list[str]:
    return page.eval_on_selector_all("#event-list tbody tr", "rows => rows.map(r => r.dataset.eventId)")


def test_page_loads_the_store_on_a_map(small_page, artefacts_dir):
    assert listed_events(small_page) == ["wire-3:1", "wire-1:1", "wire-1:2", "depeche-2:1"]
    assert "4 event(s), 4 on the map" in small_page.text_content("#status")
    # country boundaries drawn, event points (or their clusters) on the map, a bar per day and type
    assert small_page.evaluate("state.cluster.getLayers().length") == 4
    playwright.expect(small_page.locator("#map path.leaflet-interactive, #map .cluster-icon").first).to_be_visible()
    assert small_page.evaluate("state.world.getLayers().length") > 100  # countries, drawn on a canvas
    assert small_page.locator("#timeline rect.timeline-bar").count() == 3
    small_page.wait_for_timeout(SETTLE_MS)
    small_page.screenshot(path=str(artefacts_dir / "small-store.png"))


def test_filter_by_type(small_page):
    small_page.select_option("#filters select[name=type]", "Battles")
    playwright.expect(small_page.locator("#event-list tbody tr")).to_have_count(1)
    assert listed_events(small_page) == ["wire-1:2"]
    assert "type=Battles" in small_page.url
    small_page.click("#filters button[type=reset]")
    playwright.expect(small_page.locator("#event-list tbody tr")).to_have_count(4)


def test_open_an_event_highlights_its_evidence(small_page, shelling_text, artefacts_dir):
    small_page.click("#event-list tr[data-event-id='wire-1:1']")
    small_page.wait_for_selector("#detail:not([hidden]) mark.hl-trigger")
    marks = {role: small_page.eval_on_selector_all(f"#article-text mark.hl-{role}",
                                                   "marks => marks.map(m => m.textContent)")
             for role in ("trigger", "actor", "place", "date", "fatalities", "source")}
    assert marks == {"trigger": ["shelled"], "actor": ["Government forces"], "place": ["Maarrat al-Numan"],
                     "date": ["on Tuesday"], "fatalities": ["12 civilians"], "source": ["SOHR"]}
    # the article is shown whole, as text: its markup is characters, not elements
    assert small_page.text_content("#article-text") == shelling_text
    assert small_page.locator("#article-text script, #article-text b").count() == 0
    assert "alignment: opposition" in small_page.text_content("#detail-sources")
    assert "Dépêche Exemple" in small_page.text_content("#detail-siblings")
    small_page.wait_for_timeout(SETTLE_MS)
    small_page.screenshot(path=str(artefacts_dir / "event-detail.png"))

    small_page.click("#detail-siblings a")
    small_page.wait_for_selector("#detail[data-event-id='depeche-2:1']")
    assert small_page.text_content("#article-text mark.hl-trigger") == "bombardé"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> str:
    """The seed article (../shared, published 2016-09-24) ingested by the real CLI."""
    article = SHARED_SEED / "article.txt"
    if not article.exists():
        pytest.skip(f"SKIPPED LOUDLY: the seed article is absent ({article}); the seed screenshot needs ../shared")
    meta = json.loads((SHARED_SEED / "meta.json").read_text("utf-8"))
    folder = tmp_path_factory.mktemp("seed")
    batch = folder / "seed.jsonl"
    batch.write_text(json.dumps({"id": meta["id"], "text": article.read_text("utf-8"), "published": meta["published"],
                                 "language": meta["language"], "outlet": meta["outlet"]}) + "\n", encoding="utf-8")
    db = folder / "seed.db"
    done = subprocess.run([sys.executable, "-m", "sitrep", "ingest", str(batch), "--db", str(db), "--no-progress"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return str(db)


def test_seed_events_on_the_map_screenshot(browser, serve, seed_store, artefacts_dir):
    server = serve(seed_store)
    page = browser.open(server.base_url + "/")
    try:
        listed = listed_events(page)
        assert listed, "the seed article gave no event"
        placed = page.evaluate("state.events.filter(hasPoint).length")
        assert placed >= 1, "no seed event has coordinates"
        page.click(f"#event-list tr[data-event-id='{listed[0]}']")
        page.wait_for_selector("#detail:not([hidden]) mark.hl-trigger")
        page.wait_for_timeout(SETTLE_MS)
        shot = artefacts_dir / "seed-map.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        if os.environ.get("SITREP_UPDATE_SCREENSHOT"):
            (Path(__file__).resolve().parents[2] / "docs" / "screenshot.png").write_bytes(shot.read_bytes())
    finally:
        page.close()
    assert not (problems := browser.take_problems()), problems


def test_protected_reads_ask_for_the_token_and_an_id_with_slashes_opens(browser, serve, tmp_path, code_event, token):
    """A server whose reads need the token: the page asks for it, then loads; an event whose id is a
    path (an RSS guid, a wire id) opens."""
    text = "Rebels clashed with the army near Kafr Nabl on Tuesday, the monitor said."
    doc_id = "afp/2019/05/14/kafr-nabl"
    event = code_event(text, f"{doc_id}:1", "Armed clash", sentence=text, trigger="clashed", day=date(2019, 5, 14),
                       date_words="on Tuesday", place=("Kafr Nabl", 35.6136, 36.5617, "Idlib"),
                       actor1=("Rebels", "Opposition Rebels (Syria)", "rebel_group"))
    db = str(tmp_path / "protected.db")
    with Store(db) as store:
        store.add_result(Document(id=doc_id, text=text, published=date(2019, 5, 15), language="en"),
                         DocumentResult(doc_id=doc_id, status="ok", language="en", text=text,
                                        events=[event.model_copy(update={"doc_id": doc_id})]))
    server = serve(db, "--protect-reads", env={"SITREP_API_TOKEN": token})
    page = browser.open(server.base_url + "/", loaded=False)
    try:
        page.wait_for_selector("#token-form:not([hidden])", timeout=20_000)
        page.fill("#token-form input[name=token]", "a wrong guess")
        page.click("#token-form button[type=submit]")
        page.wait_for_selector("#token-note:text('the token was refused')", timeout=20_000)
        page.fill("#token-form input[name=token]", token)
        page.click("#token-form button[type=submit]")
        page.wait_for_selector("body[data-loaded='true']", timeout=20_000)
        assert listed_events(page) == [f"{doc_id}:1"] and page.is_hidden("#token-form")
        page.click(f"#event-list tr[data-event-id='{doc_id}:1']")
        page.wait_for_selector("#detail:not([hidden]) mark.hl-trigger")
        assert page.text_content("#article-text mark.hl-trigger") == "clashed"
    finally:
        page.close()
    # the refused requests before the token was given are the only failed loads
    assert not [p for p in browser.take_problems() if "401" not in p]
