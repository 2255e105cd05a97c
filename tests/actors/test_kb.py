"""The knowledge base loads, validates, and its checker catches broken data."""
from datetime import date

import pytest

from sitrep.actors.check import check
from sitrep.actors.kb import knowledge_base, load_from
from sitrep.lang.schemas import ActorWords

GENERIC = """
roles:
  rebels: {template: "Unidentified Armed Group ({country})", type: rebel_group}
"""
COUNTRIES = "countries: [{name: Syria}, {name: Iraq}]"
LANGUAGE = {"xx": ActorWords(generic={"rebels": ["rebels"]}, nationalities={"Syria": ["Syrian"], "Iraq": ["Iraqi"]})}


def small_kb(actors_yaml: str):
    return load_from({"generic.yaml": GENERIC, "countries.yaml": COUNTRIES, "groups.yaml": actors_yaml})


def errors(kb) -> list[str]:
    return [p.message for p in check(kb, LANGUAGE) if p.level == "error"]


def test_shipped_knowledge_base_has_no_errors():
    kb = knowledge_base()
    assert [str(p) for p in check(kb) if p.level == "error"] == []
    assert len(kb.actors) >= 60 and len(kb.sources) >= 30
    covered = {a.country for a in kb.actors.values()}
    assert {"Syria", "Afghanistan", "Mali", "Ukraine", "Sudan", "Yemen", "Somalia"} <= covered


def test_every_actor_is_typed_and_named_on_any_date():
    for actor in knowledge_base().actors.values():
        assert actor.type
        assert actor.name_on(None) and actor.name_on(date(2015, 1, 1))


def test_alias_shared_without_a_rule_is_an_error():
    kb = small_kb("""
actors:
  - {id: a, name: Group A, type: rebel_group, country: Syria, aliases: {en: [The Front]}, sources: [x]}
  - {id: b, name: Group B, type: rebel_group, country: Syria, aliases: {en: [the front]}, sources: [x]}
""")
    assert any("points to a and b" in message for message in errors(kb))


def test_alias_shared_across_countries_or_periods_is_allowed():
    kb = small_kb("""
actors:
  - {id: a, name: Group A, type: rebel_group, country: Syria, aliases: {en: [The Front]}, sources: [x]}
  - {id: b, name: Group B, type: rebel_group, country: Iraq, aliases: {en: [The Front]}, sources: [x]}
  - {id: c, name: Group C, type: rebel_group, country: Syria, end: 2015-01-01, aliases: {en: [The Army]}, sources: [x]}
  - {id: d, name: Group D, type: rebel_group, country: Syria, start: 2015-01-01, aliases: {en: [The Army]}, sources: [x]}
""")
    assert errors(kb) == []


def test_broken_references_and_missing_sources_are_errors():
    kb = small_kb("""
actors:
  - {id: a, name: Group A, type: rebel_group, country: Narnia, renamed_to: zz, parent: yy, sources: []}
""")
    found = errors(kb)
    assert any("renamed_to 'zz'" in m for m in found)
    assert any("renamed_to without an end date" in m for m in found)
    assert any("parent 'yy'" in m for m in found)
    assert any("'Narnia' is not in countries.yaml" in m for m in found)
    assert any("no sources" in m for m in found)


def test_an_implied_military_of_an_unknown_country_is_an_error():
    generic = GENERIC + "implied_military_when_unnamed:\n  Air/drone strike: {Syria: Narnia, Atlantis: Iraq}\n"
    kb = load_from({"generic.yaml": generic, "countries.yaml": COUNTRIES, "groups.yaml": "actors: []"})
    found = [m for m in errors(kb) if m.startswith("implied_military_when_unnamed")]
    assert sorted(found) == ["implied_military_when_unnamed: Air/drone strike: unknown country 'Atlantis'",
                             "implied_military_when_unnamed: Air/drone strike: unknown country 'Narnia'"]


def test_untyped_actor_is_rejected_when_loading():
    with pytest.raises(ValueError):
        small_kb("actors: [{id: a, name: Group A, sources: [x]}]")


def test_duplicate_id_is_rejected_when_loading():
    with pytest.raises(ValueError, match="already defined"):
        small_kb("""
actors:
  - {id: a, name: Group A, type: rebel_group, sources: [x]}
  - {id: a, name: Group B, type: rebel_group, sources: [x]}
""")


def test_rename_chain_and_coalition_members():
    kb = knowledge_base()
    nusra = kb.actors["jabhat_al_nusra"]
    assert kb.successor_on(nusra, date(2015, 6, 1)).id == "jabhat_al_nusra"
    assert kb.successor_on(nusra, date(2016, 9, 24)).id == "jabhat_fateh_al_sham"
    assert kb.successor_on(nusra, date(2019, 1, 1)).id == "hts"
    members = {a.id for a in kb.members_of("jaish_al_fateh", date(2016, 9, 24))}
    assert {"jabhat_fateh_al_sham", "ahrar_al_sham"} <= members and "jabhat_al_nusra" not in members
