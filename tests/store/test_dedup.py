"""Cross-report deduplication: the same incident told by several outlets becomes one incident;
near misses a careful analyst keeps apart stay apart. Runs on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

import pytest

from sitrep.store import EventFilter

SATURDAY, SUNDAY = date(2016, 9, 24), date(2016, 9, 25)
SYRIAN_ARMY = "Military Forces of Syria"
REBELS = "Opposition Rebels (Syria)"
ZENKI = "Nour al-Din al-Zenki Movement"


@pytest.fixture
def handarat(build):
    return build.place("Handarat", 36.28, 37.18, admin1="Aleppo", feature="camp")


def _incident_sizes(store) -> list[int]:
    return sorted(len(i.reports) for i in store.list_incidents(EventFilter()))


def test_three_outlets_two_languages_make_one_incident(store, build, handarat):
    # The French outlets write the camp "Handarate"; the gazetteer puts it a few hundred metres off.
    handarate = build.place("Handarate", 36.281, 37.183, admin1="Aleppo", feature="camp")
    army = build.actor(SYRIAN_ARMY, actor_type="state_forces")
    store.add_results([
        build.article("reuters-1", "Syrian government aircraft struck Handarat camp on Saturday, killing 68 "
                      "fighters, according to the Syrian Observatory for Human Rights.", [
                          build.event("reuters-1:1", "Air/drone strike", SATURDAY, handarat, actor1=army,
                                      fatalities=68, fatalities_text="68 fighters", sources=("SOHR",))],
                      outlet="Reuters", published=SATURDAY),
        build.article("almanar-1", "Des dizaines de terroristes ont été tués samedi dans des raids de l'aviation "
                      "syrienne sur le camp de Handarate.", [
                          build.event("almanar-1:1", "Air/drone strike", SATURDAY, handarate,
                                      actor1=build.actor(SYRIAN_ARMY, "l'aviation syrienne", "state_forces"),
                                      fatalities=24, fatalities_text="Des dizaines", language="fr")],
                      outlet="al-Manar", published=SUNDAY, language="fr"),
        build.article("afp-1", "Le camp de Handarat a été pilonné samedi par l'artillerie du régime, faisant 70 "
                      "morts, a indiqué l'OSDH.", [
                          build.event("afp-1:1", "Shelling/artillery/missile attack", SATURDAY, handarat,
                                      actor1=build.actor(SYRIAN_ARMY, "le régime", "state_forces"), fatalities=70,
                                      fatalities_text="70 morts", sources=("OSDH",), language="fr")],
                      outlet="AFP", published=SUNDAY, language="fr"),
    ])
    [incident] = store.list_incidents(EventFilter(country="Syria"))
    assert [r.doc_id for r in incident.reports] == ["reuters-1", "almanar-1", "afp-1"]
    assert incident.sub_event_type == "Air/drone strike"  # what most reports say
    assert (incident.date_earliest, incident.date_latest) == (SATURDAY, SATURDAY)
    assert incident.location_name == "Handarat"
    # Every figure is kept with who gives it; the headline is the lowest (ACLED's conservative rule).
    by_source = {f.source: (f.fatalities, f.fatalities_text) for f in incident.fatalities_by_source}
    assert by_source == {"SOHR": (68, "68 fighters"), "al-Manar": (24, "Des dizaines"), "OSDH": (70, "70 morts")}
    assert incident.fatalities == 24
    assert incident.sources == ["AFP", "OSDH", "Reuters", "SOHR", "al-Manar"]
    # From any one report, the store shows the others.
    stored = store.get_event("almanar-1:1")
    assert stored.incident_id == incident.id
    assert {s.doc_id for s in stored.siblings} == {"reuters-1", "afp-1"}


def test_two_strikes_on_two_towns_the_same_day_stay_apart(store, build):
    army = build.actor(SYRIAN_ARMY, actor_type="state_forces")
    anadan = build.place("Anadan", 36.293, 37.045, admin1="Aleppo")
    hayan = build.place("Hayan", 36.288, 37.109, admin1="Aleppo")  # about 6 km away
    store.add_results([
        build.article("a", "Air strikes hit Anadan on Saturday.", [
            build.event("a:1", "Air/drone strike", SATURDAY, anadan, actor1=army)], outlet="Reuters"),
        build.article("b", "Des raids ont frappé Hayan samedi.", [
            build.event("b:1", "Air/drone strike", SATURDAY, hayan, actor1=army, language="fr")], outlet="AFP"),
    ])
    assert _incident_sizes(store) == [1, 1]


def test_capture_on_saturday_and_counter_attack_on_sunday_stay_apart(store, build, handarat):
    army, rebels = build.actor(SYRIAN_ARMY, actor_type="state_forces"), build.actor(REBELS, actor_type="rebel_group")
    store.add_results([
        build.article("a", "The army took Handarat camp on Saturday.", [
            build.event("a:1", "Government regains territory", SATURDAY, handarat, actor1=army, actor2=rebels)]),
        build.article("b", "Rebels counter-attacked and retook Handarat on Sunday.", [
            build.event("b:1", "Non-state actor overtakes territory", SUNDAY, handarat, actor1=rebels, actor2=army)]),
    ])
    assert _incident_sizes(store) == [1, 1]


def test_actors_that_contradict_keep_clashes_apart_but_swapped_sides_match(store, build, handarat):
    army, rebels, zenki = (build.actor(SYRIAN_ARMY, actor_type="state_forces"),
                           build.actor(REBELS, actor_type="rebel_group"), build.actor(ZENKI, actor_type="rebel_group"))
    store.add_results([
        build.article("a", "Clashes between the army and rebels in Handarat.", [
            build.event("a:1", "Armed clash", SATURDAY, handarat, actor1=army, actor2=rebels)]),
        build.article("b", "Rebels fought the army in Handarat.", [
            build.event("b:1", "Armed clash", SATURDAY, handarat, actor1=rebels, actor2=army)]),
        build.article("c", "The army clashed with Zenki fighters in Handarat.", [
            build.event("c:1", "Armed clash", SATURDAY, handarat, actor1=army, actor2=zenki)]),
        # Unresolved wording ("des hommes armés") contradicts no one.
        build.article("d", "Des combats ont opposé l'armée à des hommes armés à Handarat.", [
            build.event("d:1", "Armed clash", SATURDAY, handarat, actor1=army,
                        actor2=build.actor(None, "des hommes armés"), language="fr")]),
    ])
    groups = sorted(sorted(r.doc_id for r in i.reports) for i in store.list_incidents())
    assert groups == [["a", "b", "d"], ["c"]]


def test_a_village_matches_the_province_it_lies_in_and_a_week_matches_its_days(store, build, handarat):
    aleppo_province = build.place("Aleppo", 36.20, 37.16, admin1="Aleppo", precision=3, feature="admin1")
    store.add_results([
        build.article("a", "Air strikes on Handarat on Saturday.", [
            build.event("a:1", "Air/drone strike", SATURDAY, handarat)]),
        build.article("b", "Air strikes in Aleppo province this week.", [
            build.event("b:1", "Air/drone strike", date(2016, 9, 22), aleppo_province, precision=2)]),
        build.article("c", "Air strikes in Aleppo province at the end of the month.", [
            build.event("c:1", "Air/drone strike", date(2016, 9, 30), aleppo_province)]),
    ])
    groups = sorted(sorted(r.doc_id for r in i.reports) for i in store.list_incidents())
    assert groups == [["a", "b"], ["c"]]


def test_threats_and_events_of_one_article_are_never_linked(store, build, handarat):
    store.add_results([
        build.article("a", "Two air strikes hit Handarat on Saturday.", [
            build.event("a:1", "Air/drone strike", SATURDAY, handarat),
            build.event("a:2", "Air/drone strike", SATURDAY, handarat)]),
        build.article("b", "The army threatened to bomb Handarat on Saturday.", [
            build.event("b:1", "Air/drone strike", SATURDAY, handarat, claim_status="hypothetical")]),
        build.article("c", "Handarat was bombed on Saturday.", [
            build.event("c:1", "Air/drone strike", SATURDAY, handarat)]),
    ])
    groups = sorted(sorted(r.event_id for r in i.reports) for i in store.list_incidents())
    # c joins one of a's two strikes (the first, at equal distance); the threat stays alone.
    assert groups == [["a:1", "c:1"], ["a:2"], ["b:1"]]


def test_events_without_a_place_or_a_date_are_not_linked(store, build, handarat):
    store.add_results([
        build.article("a", "Air strikes on Saturday.", [build.event("a:1", "Air/drone strike", SATURDAY, None)]),
        build.article("b", "Raids on Saturday.", [build.event("b:1", "Air/drone strike", SATURDAY, None)]),
        build.article("c", "Air strikes on Handarat.", [build.event("c:1", "Air/drone strike", None, handarat)]),
        build.article("d", "Raids on Handarat.", [build.event("d:1", "Air/drone strike", None, handarat)]),
    ])
    assert _incident_sizes(store) == [1, 1, 1, 1]
