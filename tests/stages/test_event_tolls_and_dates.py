"""How event coding dates events and completes their tolls (event_date, tolls, death_reports), on
parses and mentions written by hand (tests/handmade.py), no spaCy model. The sentences are the
project's own."""
from __future__ import annotations

from datetime import date

from handmade import context, day, entry, event, frame, hand_doc, toll

from sitrep.models import DateMention, FatalityMention, Span, TimePrecision
from sitrep.stages import death_reports
from sitrep.stages.event_date import event_date
from sitrep.stages.told import Told
from sitrep.stages.tolls import add_toll, split_between_places
from sitrep.text import span_of

PUBLISHED = date(2020, 3, 10)  # a Tuesday
SUNDAY, SATURDAY = date(2020, 3, 8), date(2020, 3, 7)
CLASH = entry("Armed clash", entry_id="clash")
KILLING = entry("Attack", entry_id="killing", death_only=True)


def test_an_undated_event_takes_the_last_day_its_paragraph_or_the_one_before_named_else_the_articles_first():
    doc = hand_doc("On/ADP/case/1 Sunday/PROPN/obl/4 ,/PUNCT/punct/4 crowds/NOUN/nsubj/4 marched/VERB/ROOT/4/march "
                   "./PUNCT/punct/4",
                   "¶", "Clashes/NOUN/nsubj/1 erupted/VERB/ROOT/1/erupt ./PUNCT/punct/1",
                   "¶", "Police/NOUN/nsubj/1 withdrew/VERB/ROOT/1/withdraw ./PUNCT/punct/1",
                   "¶", "Rebels/NOUN/nsubj/1 retreated/VERB/ROOT/1/retreat ./PUNCT/punct/1")
    ctx = context(doc, dates=[day(doc, 1, 2, SUNDAY)])
    clashes = next(t.i for t in doc if t.text == "erupted")
    assert event_date(frame(doc, clashes, clashes + 1, CLASH), ctx, Told(PUBLISHED)).date == SUNDAY
    # two paragraphs on, the day the article is about: the first it names
    late = next(t.i for t in doc if t.text == "retreated")
    assert event_date(frame(doc, late, late + 1, CLASH), ctx, Told(PUBLISHED)).date == SUNDAY
    # a day named only after the event is no day of it: the publication day, as a span of days
    first = next(t.i for t in doc if t.text == "marched")
    later_sunday = day(doc, late - 1, late, SUNDAY)
    found = event_date(frame(doc, first, first + 1, CLASH), context(doc, dates=[later_sunday]), Told(PUBLISHED))
    assert found.date == PUBLISHED and found.time_precision == TimePrecision.WEEK_OR_SPAN


def test_a_wire_storys_dateline_stands_for_publication():
    doc = hand_doc("KANO/PROPN/ROOT/0 ,/PUNCT/punct/0 March/PROPN/appos/0 6/NUM/nummod/2",
                   "¶", "Police/NOUN/nsubj/1 withdrew/VERB/ROOT/1/withdraw ./PUNCT/punct/1",
                   "¶", "Troops/NOUN/nsubj/1 advanced/VERB/ROOT/1/advance ./PUNCT/punct/1",
                   "¶", "Rebels/NOUN/nsubj/1 retreated/VERB/ROOT/1/retreat ./PUNCT/punct/1")
    dateline = day(doc, 2, 4, date(2020, 3, 6)).model_copy(update={"dateline": True})
    late = next(t.i for t in doc if t.text == "retreated")
    found = event_date(frame(doc, late, late + 1, CLASH), context(doc, dates=[dateline]), Told(PUBLISHED))
    assert found.date == date(2020, 3, 6) and found.time_precision == TimePrecision.WEEK_OR_SPAN


def _a_day_after(doc, start: int, end: int) -> DateMention:
    return DateMention(span=span_of(doc[start:end]), date=PUBLISHED, time_precision=TimePrecision.DAY,
                       after_previous=-1, introduces_earlier=True)


def test_a_day_after_puts_what_follows_a_day_before_the_date_told_last():
    # "The raid came a day after six civilians were killed ."
    doc = hand_doc("The/DET/det/1 raid/NOUN/nsubj/2 came/VERB/ROOT/2/come a/DET/det/4 day/NOUN/npadvmod/5 "
                   "after/SCONJ/mark/9 six/NUM/nummod/7 civilians/NOUN/nsubjpass/9 were/AUX/auxpass/9 "
                   "killed/VERB/advcl/2/kill ./PUNCT/punct/2")
    phrase = _a_day_after(doc, 3, 6)
    ctx = context(doc, dates=[phrase])
    told = Told(PUBLISHED, [event("a", "Attack", SUNDAY, start=0)])  # dated "Sunday" in the text
    killing = event_date(frame(doc, 9, 10, KILLING, date=phrase), ctx, told)
    assert killing.date == SATURDAY
    # the clause before the phrase keeps its own date (here: the story's, Sunday)
    assert event_date(frame(doc, 1, 2, CLASH, date=phrase), ctx, told).date == SUNDAY


def test_a_day_after_counts_from_the_last_event_dated_to_a_day_not_from_a_period():
    # "... a raid on Sunday. Dozens have died since 1 February. The raid came a day after six
    # civilians were killed .": the killing is a day before Sunday, not a day before 1 February
    doc = hand_doc("The/DET/det/1 raid/NOUN/nsubj/2 came/VERB/ROOT/2/come a/DET/det/4 day/NOUN/npadvmod/5 "
                   "after/SCONJ/mark/9 six/NUM/nummod/7 civilians/NOUN/nsubjpass/9 were/AUX/auxpass/9 "
                   "killed/VERB/advcl/2/kill ./PUNCT/punct/2")
    phrase = _a_day_after(doc, 3, 6)
    since_february = event("b", "Attack", date(2020, 2, 1), start=5, precision=TimePrecision.WEEK_OR_SPAN)
    told = Told(PUBLISHED, [event("a", "Attack", SUNDAY, start=0), since_february])
    assert event_date(frame(doc, 9, 10, KILLING, date=phrase), context(doc, dates=[phrase]), told).date == SATURDAY


def test_a_day_after_counts_from_a_date_just_before_it_and_yields_to_a_date_of_its_own():
    # "Since 8 October , the day after the attack , ..." / "... hours after gunmen killed seven on Monday"
    doc = hand_doc("Since/ADP/case/1 October/PROPN/obl/5 8/NUM/nummod/1 ,/PUNCT/punct/1 the/DET/det/5 "
                   "day/NOUN/ROOT/5 after/ADP/case/8 the/DET/det/8 attack/NOUN/nmod/5 ./PUNCT/punct/5",
                   "It/PRON/nsubj/1 came/VERB/ROOT/1/come hours/NOUN/npadvmod/3 after/SCONJ/mark/5 "
                   "gunmen/NOUN/nsubj/5 killed/VERB/advcl/1/kill seven/NUM/dobj/5 on/ADP/case/8 "
                   "Monday/PROPN/obl/5 ./PUNCT/punct/1")
    october_8 = day(doc, 1, 3, date(2019, 10, 8))
    after = _a_day_after(doc, 4, 7)
    monday = day(doc, 18, 19, date(2020, 3, 9))
    hours_after = _a_day_after(doc, 12, 14).model_copy(update={"after_previous": 0})
    ctx = context(doc, dates=[october_8, after, hours_after, monday])
    assert event_date(frame(doc, 8, 9, CLASH, date=after), ctx, Told(PUBLISHED)).date == date(2019, 10, 7)
    assert event_date(frame(doc, 15, 16, KILLING, date=hours_after), ctx, Told(PUBLISHED)).date == monday.date


def test_a_toll_given_for_a_day_dates_its_event():
    doc = hand_doc("Gunmen/NOUN/nsubj/1 killed/VERB/ROOT/1/kill 40/NUM/dobj/1 on/ADP/case/4 Friday/PROPN/obl/1 "
                   "./PUNCT/punct/1")
    friday = day(doc, 4, 5, date(2020, 3, 6))
    forty = toll(doc, 2, 3, 40).model_copy(update={"day": span_of(doc[4:5])})
    assert event_date(frame(doc, 1, 2, KILLING, fatalities=forty), context(doc, dates=[friday]),
                      Told(PUBLISHED)).date == friday.date


def test_a_figure_for_another_day_is_the_same_event_on_that_day():
    # "Dimanche , ces raids ont fait 36 morts et samedi 85 ."
    doc = hand_doc("Dimanche/NOUN/obl/5 ,/PUNCT/punct/5 ces/DET/det/3 raids/NOUN/nsubj/5 ont/AUX/aux/5 "
                   "fait/VERB/ROOT/5/faire 36/NUM/nummod/7 morts/NOUN/obj/5 et/CCONJ/cc/10 samedi/NOUN/obl/10 "
                   "85/NUM/conj/7 ./PUNCT/punct/5")
    sunday, saturday = day(doc, 0, 1, SUNDAY), day(doc, 9, 10, SATURDAY)
    first = FatalityMention(span=span_of(doc[6:7]), count=36, trigger_span=span_of(doc[7:8]))
    second = FatalityMention(span=span_of(doc[10:11]), count=85, trigger_span=span_of(doc[7:8]),
                             day=span_of(doc[9:10]))
    ctx = context(doc, lang="fr", dates=[sunday, saturday], tolls=[first, second])
    raids = event("a", "Air/drone strike", SUNDAY, start=doc[3].idx)
    add_toll(raids, first, [])
    coded = death_reports.code_death_reports(Told(PUBLISHED, [raids]), [], [], ctx)
    assert [(e.date, e.fatalities) for e in coded] == [(SUNDAY, 36), (SATURDAY, 85)]
    assert coded[1].evidence.fatalities == second.span and coded[1].event_id != coded[0].event_id


def test_a_period_total_is_no_toll_and_no_event():
    # "More than 100 people have died in attacks since 5 November ."
    doc = hand_doc("More/ADJ/amod/2 than/ADP/fixed/0 100/NUM/nummod/3 people/NOUN/nsubj/5 have/AUX/aux/5 "
                   "died/VERB/ROOT/5/die in/ADP/case/7 attacks/NOUN/obl/5 since/ADP/case/9 November/PROPN/obl/5 "
                   "5/NUM/nummod/9 ./PUNCT/punct/5")
    since = DateMention(span=span_of(doc[8:11]), date=date(2020, 2, 5), time_precision=TimePrecision.WEEK_OR_SPAN,
                        earliest=date(2020, 2, 5), latest=PUBLISHED, to_now=True)
    total = FatalityMention(span=span_of(doc[2:4]), count=None, period_total=True, trigger_span=span_of(doc[5:6]))
    ctx = context(doc, dates=[since], tolls=[total])
    attacks = event("a", "Attack", since.date, start=doc[7].idx)
    attacks.evidence.date, attacks.evidence.sentence_span = since.span, span_of(doc[0:12])
    deaths = frame(doc, 5, 6, KILLING, fatalities=total, date=since)
    assert death_reports.code_death_reports(Told(PUBLISHED, [attacks]), [deaths], [], ctx) == []
    add_toll(attacks, total, [])
    assert attacks.fatalities is None and attacks.fatalities_text is None


def test_of_two_precise_tolls_the_one_told_first_wins():
    later_told = event("a", "Attack", PUBLISHED, start=500, fatalities=6, toll_text="six attackers")
    told_first = FatalityMention(span=Span(start=100, end=108, text="16 morts"), count=16)
    add_toll(later_told, told_first, [])
    assert later_told.fatalities == 16
    add_toll(later_told, FatalityMention(span=Span(start=900, end=905, text="9 dead"), count=9), [])
    assert later_told.fatalities == 16
    # a vague word told first gives way to no precise figure
    add_toll(later_told, FatalityMention(span=Span(start=10, end=16, text="dozens"), count=None, vague=True), [])
    assert later_told.fatalities == 16


def test_one_toll_for_several_places_is_split_between_them_as_acled_does():
    def at(event_id: str, place: str, start: int):
        found = event(event_id, "Armed clash", SUNDAY, start=start, place_name=place, fatalities=10)
        found.evidence.fatalities = Span(start=5, end=15, text="10 fighters")
        return found
    events = [at("a", "Sangin", 0), at("b", "Lashkargah", 40), at("c", "Musa Qala", 80)]
    split_between_places(events)
    assert [e.fatalities for e in events] == [4, 3, 3]
    # two kinds of event at one place share no toll to split
    one_place = [at("d", "Sangin", 0), at("e", "Sangin", 40)]
    split_between_places(one_place)
    assert [e.fatalities for e in one_place] == [10, 10]
