"""The monitoring explorer in headless Chromium (Debian's chromium, Playwright; see test_browser.py):
no band across the map at the antimeridian (pixels of the countries' canvas, and the geometry
Leaflet draws), the incident view listing every report with its figures, the claim and alignment
filters and the open event or incident kept in the address (a shared link opens the same view),
the export of the current view, and an event that `sitrep watch` stores appearing without a reload,
its article's markup shown as text, never run."""
from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from clitools import run_cli
from newssite import NewsSite, Response, article_page, rss
from web.test_browser import SETTLE_MS, Browser, playwright

REPO = Path(__file__).resolve().parents[2]
SHELLING_REPORTS = ["wire-1:1", "depeche-2:1", "agency-4:1", "tv-5:1"]

# Points of open sea where a band across the map would paint land: the rows of the bands the
# world layer drew before (Russia's rings at 55-62°N and 71°N, Fiji's at 16.5°S), the Southern Ocean
# and the Bering Sea next to the antimeridian; and points of land that must be drawn on both sides
# of it. A longitude past ±180° is a point of the world to the side, where the map shows it.
OCEAN = [(57, -145), (58, -40), (55, -30), (71.2, 35), (-16.5, -120), (-16.5, -20), (-16.5, 80), (-60, -120),
         (-55, 0), (-60, 179), (-60, -179), (55, -175), (59, 180), (59, -180), (50, 170), (50, -190)]
LAND = [(60, 100), (65.5, -175), (65.5, 170), (65.5, -190), (-17.8, 178), (-78, 100), (-78, -100), (40, -100),
        (0, 20)]

# Per point, whether the countries' canvas has paint there (alpha > 0), read in the page.
PAINTED = """points => {
  const canvas = state.map.getPane("world").querySelector("canvas");
  const box = canvas.getBoundingClientRect();
  const mapBox = state.map.getContainer().getBoundingClientRect();
  const context = canvas.getContext("2d");
  return points.map(([lat, lon]) => {
    const at = state.map.latLngToContainerPoint([lat, lon]);
    const x = Math.round((mapBox.left + at.x - box.left) * canvas.width / box.width);
    const y = Math.round((mapBox.top + at.y - box.top) * canvas.height / box.height);
    return context.getImageData(x, y, 1, 1).data[3] > 0;
  });
}"""
# Segments of the projected outlines longer than half the world's width, except along a pole
# (where Leaflet's projection clamps every ring that goes round it): each one would be a band.
LONG_SEGMENTS = """() => {
  const world = state.map.getPixelWorldBounds();
  const origin = state.map.getPixelOrigin();  // the rings' points are relative to it
  const half = (world.max.x - world.min.x) / 2;
  const pole = (point) => point.y + origin.y <= world.min.y + 1 || point.y + origin.y >= world.max.y - 1;
  const found = [];
  state.world.eachLayer((layer) => {
    for (const ring of layer._rings || []) {
      ring.forEach((point, i) => {
        const next = ring[(i + 1) % ring.length];
        if (Math.abs(next.x - point.x) > half && !(pole(point) && pole(next))) found.push(layer.feature.properties.name);
      });
    }
  });
  return [...new Set(found)];
}"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    opened = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def served_monitor_store(monitor_store_url, tmp_path_factory):
    """``sitrep serve`` over a copy of the monitor store (a test adds to it), asking for new
    events every second."""
    from web.conftest import start_server, stop_server

    copy = tmp_path_factory.mktemp("served-monitor") / "monitor.db"
    shutil.copyfile(monitor_store_url, copy)
    server = start_server(str(copy), "--poll-seconds", "1")
    server.db = str(copy)
    yield server
    stop_server(server)


@pytest.fixture
def open_page(browser, served_monitor_store):
    pages = []

    def open_at(query: str = ""):
        pages.append(browser.open(served_monitor_store.base_url + "/" + query))
        return pages[-1]

    yield open_at
    for page in pages:
        page.close()
    assert not (problems := browser.take_problems()), problems


def listed(page) -> list[str]:
    return page.eval_on_selector_all("#event-list tbody tr", "rows => rows.map(r => r.dataset.eventId)")


def address(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.parametrize(("centre", "zoom"), [((20, 10), 2), ((-60, 180), 2), ((60, -170), 3)],
                         ids=["world", "south-pole-at-the-antimeridian", "bering-strait"])
def test_no_band_at_the_antimeridian(open_page, artefacts_dir, centre, zoom):
    page = open_page()
    page.evaluate("([centre, zoom]) => { state.map.setView(centre, zoom, {animate: false}); }", [list(centre), zoom])
    page.wait_for_timeout(SETTLE_MS)  # the canvas redraws on the next animation frame
    assert page.evaluate(LONG_SEGMENTS) == []
    ocean = [point for point in OCEAN if page.evaluate("p => state.map.getBounds().contains(p)", list(point))]
    land = [point for point in LAND if page.evaluate("p => state.map.getBounds().contains(p)", list(point))]
    assert len(ocean) >= 3 and len(land) >= 2, "the view holds too few of the checked points"
    painted_ocean = [p for p, painted in zip(ocean, page.evaluate(PAINTED, [list(p) for p in ocean])) if painted]
    unpainted_land = [p for p, painted in zip(land, page.evaluate(PAINTED, [list(p) for p in land])) if not painted]
    page.screenshot(path=str(artefacts_dir / f"antimeridian-{zoom}-{centre[0]}-{centre[1]}.png"))
    assert painted_ocean == [], "land painted on open sea: a band"
    assert unpainted_land == [], "land missing"


def test_incident_view_lists_every_report_with_its_figures(open_page, artefacts_dir):
    page = open_page()
    page.click("#event-list tr[data-event-id='wire-1:1']")
    page.wait_for_selector("#detail:not([hidden]) mark.hl-trigger")
    assert "4 report(s)" in page.text_content("#open-incident")
    page.click("#open-incident")
    page.wait_for_selector("#incident-view:not([hidden]) #incident-reports td")
    assert page.is_hidden("#detail")
    header = page.eval_on_selector_all("#incident-reports thead th[data-event-id]", "cells => cells.map(c => c.dataset.eventId)")
    assert header == SHELLING_REPORTS

    def row(field: str) -> list[str]:
        return page.eval_on_selector_all(f"#incident-reports tr[data-field='{field}'] td",
                                         "cells => cells.map(c => c.textContent)")

    assert row("fatalities") == ["12 (“12 civilians”)", "12 (“12 civils”)", "15 (“15 civilians”)", "no figure"]
    assert row("claim_status") == ["asserted", "asserted", "asserted", "denied"]
    assert row("actor1") == ["Military Forces of Syria", "Military Forces of Syria", "Terrorist groups",
                             "Military Forces of Syria"]
    assert row("date") == ["2019-05-14"] * 4 and row("place") == ["Maarrat al-Numan"] * 4
    assert row("outlet is") == ["not in the knowledge base", "not in the knowledge base", "media · state media (Syria)",
                                "media · pro-government (Syria); Hezbollah"]
    assert row("sources cited")[0] == "Syrian Observatory for Human Rights (monitor, opposition)"
    verdicts = page.eval_on_selector_all("#incident-reports tbody tr[data-field]",
                                         "rows => rows.map(r => [r.dataset.field, r.className])")
    assert dict(verdicts) == {"outlet is": "", "published": "", "sources cited": "", "date": "agree",
                              "sub_event_type": "agree", "actor1": "differ", "actor2": "", "place": "agree",
                              "fatalities": "differ", "claim_status": "differ"}
    # the reports that say otherwise stand out
    assert page.eval_on_selector_all("#incident-reports td.minority", "cells => cells.map(c => c.dataset.eventId)") == [
        "agency-4:1", "agency-4:1", "tv-5:1"]
    assert "Toll: 12–15 killed" in page.text_content("#incident-toll")
    assert "differ on: actor 1, toll, claim" in page.text_content("#incident-agreement")
    incident = page.get_attribute("#incident-view", "data-incident-id")
    assert address(page) == {"incident": [incident]}
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(SETTLE_MS)
    shot = artefacts_dir / "incident-view.png"
    page.screenshot(path=str(shot))
    if os.environ.get("SITREP_UPDATE_SCREENSHOT"):
        (REPO / "docs" / "incident-view.png").write_bytes(shot.read_bytes())

    # a report's header opens that report's event and evidence
    page.click("#incident-reports thead th[data-event-id='agency-4:1'] a")
    page.wait_for_selector("#detail[data-event-id='agency-4:1']:not([hidden])")
    assert page.is_hidden("#incident-view") and address(page) == {"event": ["agency-4:1"]}


def test_filters_and_the_open_view_round_trip_through_the_address(open_page):
    page = open_page()
    page.select_option("#filters select[name=claim]", "asserted")
    playwright.expect(page.locator("#event-list tbody tr")).to_have_count(5)
    page.select_option("#filters select[name=alignment]", "state media (Syria)")
    playwright.expect(page.locator("#event-list tbody tr")).to_have_count(1)
    page.fill("#filters input[name=from]", "2019-05-14")
    page.click("#filters button[type=submit]")
    page.click("#event-list tr[data-event-id='agency-4:1']")
    page.wait_for_selector("#detail[data-event-id='agency-4:1']:not([hidden])")
    shared = page.url
    assert address(page) == {"claim": ["asserted"], "alignment": ["state media (Syria)"], "from": ["2019-05-14"],
                             "event": ["agency-4:1"]}

    again = open_page("?" + urlsplit(shared).query)
    again.wait_for_selector("#detail[data-event-id='agency-4:1']:not([hidden])")
    assert again.input_value("#filters select[name=claim]") == "asserted"
    assert again.input_value("#filters select[name=alignment]") == "state media (Syria)"
    assert again.input_value("#filters input[name=from]") == "2019-05-14"
    assert listed(again) == ["agency-4:1"] and again.url == shared

    # an incident link opens the incident view, the filters kept
    again.click("#open-incident")
    again.wait_for_selector("#incident-view:not([hidden])")
    incident = again.get_attribute("#incident-view", "data-incident-id")
    third = open_page("?" + urlsplit(again.url).query)
    third.wait_for_selector(f"#incident-view[data-incident-id='{incident}']:not([hidden])")
    assert address(third) == {"claim": ["asserted"], "alignment": ["state media (Syria)"], "from": ["2019-05-14"],
                              "incident": [incident]}
    assert third.locator("#incident-reports thead th[data-event-id]").count() == 4


def test_export_of_the_current_view(open_page, tmp_path):
    page = open_page("?claim=denied")
    playwright.expect(page.locator("#event-list tbody tr")).to_have_count(1)
    with page.expect_download() as csv_download:
        page.click("#export button[data-format='acled-csv']")
    saved = tmp_path / csv_download.value.suggested_filename
    csv_download.value.save_as(saved)
    assert saved.name == "sitrep-events.csv"
    assert [row["event_id_cnty"] for row in csv.DictReader(saved.open(encoding="utf-8"))] == ["tv-5:1"]

    page.select_option("#filters select[name=claim]", "")
    playwright.expect(page.locator("#event-list tbody tr")).to_have_count(6)
    with page.expect_download() as geojson_download:
        page.click("#export button[data-format='geojson']")
    geojson = json.loads(Path(geojson_download.value.path()).read_text("utf-8"))
    assert sorted(f["id"] for f in geojson["features"]) == sorted(listed(page))


def test_a_newly_watched_event_appears_without_reload(open_page, served_monitor_store, tmp_path):
    page = open_page()
    playwright.expect(page.locator("#event-list tbody tr")).to_have_count(6)
    page.evaluate("window.sameDocument = true")
    site = NewsSite()
    try:
        markup = "A reader wrote <script>alert('watched')</script> and <img src=x onerror=alert('img')> below."
        site.set("/a/new", Response(body=article_page(3, extra_paragraph=markup)))
        site.set("/feed.rss", Response(body=rss("Watched Wire", [(site.url("/a/new"), "New report", "")]),
                                       content_type="application/rss+xml"))
        done = run_cli("watch", site.url("/feed.rss"), "--once", "--db", served_monitor_store.db, "--host-delay", "0",
                       "--no-progress")
        assert done.returncode == 0, done.stderr.decode()
    finally:
        site.close()
    playwright.expect(page.locator("#event-list tbody tr")).to_have_count(7, timeout=15_000)
    assert page.evaluate("window.sameDocument") is True  # no reload
    assert "new events at" in page.text_content("#status")
    new = [event_id for event_id in listed(page) if event_id.startswith(site.base_url)]
    assert len(new) == 1
    page.click(f"#event-list tr[data-event-id='{new[0]}']")
    page.wait_for_selector("#detail:not([hidden]) mark.hl-trigger")
    assert "<script>alert('watched')</script>" in page.text_content("#article-text")
    assert page.locator("#article-text script, #article-text img, body > script:not([src])").count() == 0

