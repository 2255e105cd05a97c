"""The note frame, words and sentences, on notes and sentences written for these tests."""
from __future__ import annotations

from sitrep.learn.text import sentences, strip_note_frame, words


def test_the_date_clause_casualty_remark_and_tags_go():
    note = "On 3 May 2021, unidentified gunmen killed two farmers near Tessit (Ansongo, Gao). 2 fatalities."
    assert strip_note_frame(note) == "Unidentified gunmen killed two farmers near Tessit (Ansongo, Gao)."
    tagged = "On 2 June 2020, hundreds of people marched in Springfield (Ohio) against a new law. [size=hundreds]"
    assert strip_note_frame(tagged) == "Hundreds of people marched in Springfield (Ohio) against a new law."
    assert strip_note_frame("Around 14 October 2019, rebels shelled the camp. Casualties unknown.") == \
        "Rebels shelled the camp."
    assert strip_note_frame("On September 5, 2019, police clashed with rioters; 3 fatalities.") == \
        "Police clashed with rioters"


def test_the_label_prefix_and_geocoding_remark_go():
    note = "Movement of forces: On 12 June 2022, troops moved towards the river, coded to Riverside - North."
    assert strip_note_frame(note) == "Troops moved towards the river."


def test_a_note_without_frame_is_kept():
    assert strip_note_frame("Two clans clash over a land dispute, police intervene.") == \
        "Two clans clash over a land dispute, police intervene."


def test_words_are_lower_case_digits_zero_and_elisions_split():
    assert words("L'armée a tué 12 djihadistes à Ménaka.") == ["l", "armée", "a", "tué", "00", "djihadistes", "à", "ménaka"]
    assert words("Pro-government militia") == ["pro-government", "militia"]


def test_sentences_end_at_full_stops_not_after_initials_or_titles():
    text = "Gen. J. Smith arrived. The convoy left at 6 pm! Was it safe?\nHeadline without stop"
    assert sentences(text) == ["Gen. J. Smith arrived.", "The convoy left at 6 pm!", "Was it safe?", "Headline without stop"]
