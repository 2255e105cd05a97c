"""Text helpers of the learned event reader: words as the features see them, a plain sentence
splitter for training text, and ACLED's house style taken out of a note.

ACLED notes are analysts' summaries ("On 3 May 2021, unidentified gunmen killed ... (Kidal, Kidal).
2 fatalities. [size=no report]"); news sentences carry none of that frame. A model trained on the
frame learns it (and some of it names the label: "Movement of forces: ..."), so training reads the
note without it.
"""
from __future__ import annotations

import re

# Letters and digits; an apostrophe ends a word ("l'armée" -> "l", "armée"), a hyphen does not.
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_DIGITS = re.compile(r"\d")

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY_MONTH_YEAR = rf"(?:\d{{1,2}}(?:\s*(?:-|and|to)\s*\d{{1,2}})?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?),?\s+\d{{4}}"
_NOTE_FRAME = [
    # "Movement of forces: On ...", "Property destruction: ..." (ACLED's own label words)
    re.compile(r"^\s*[A-Z][A-Za-z /-]{2,40}:\s+(?=\S)"),
    # "On 3 May 2021, ", "Around 4 October 2020, ", "On or about 12 June 2019, ", "Between 1 and 3 May 2021, "
    re.compile(rf"^\s*(?:On or (?:about|around)|On|Around|As of|Between|From|During|Overnight on|"
               rf"In the (?:night|morning|evening) of|Sometime (?:before|around|on)|Before|Since|Until)"
               rf"\s+(?:the\s+)?(?:night of\s+|week of\s+)?{_DAY_MONTH_YEAR}\s*,?\s*", re.IGNORECASE),
    # "[size=no report]", "[counter-protest]", "[Fatalities coded ...]"
    re.compile(r"\s*\[[^\]]*\]"),
    # "Casualties unknown.", "There were no casualties.", "2 fatalities.", "No injuries or fatalities reported."
    re.compile(r"\s*[;,]?\s*(?:Casualties unknown|There were no (?:casualties|injuries|fatalities)[^.]*|"
               r"No (?:injuries|casualties|fatalities)[^.]*|[Ff]atalities (?:coded|unknown)[^.]*|"
               r"\d+ fatalit(?:y|ies)[^.]*|Number of fatalities[^.]*)\s*\.?\s*$"),
    # "coded to Gaza - Southern Remal", "(coded as Hpapun township)": the analyst's geocoding
    re.compile(r",?\s*\(?coded (?:to|as)\s+[^.;)]*\)?"),
]


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, each digit a 0 (counts and dates carry no event kind)."""
    return [_DIGITS.sub("0", w) for w in _WORD.findall(text.lower())]


def strip_note_frame(note: str) -> str:
    """``note`` without ACLED's frame: the label prefix, the leading date clause, bracketed tags,
    the trailing casualty remark and the analyst's geocoding remark. Applied twice: a casualty remark
    may follow a tag."""
    text = note
    for _ in range(2):
        for pattern in _NOTE_FRAME:
            text = pattern.sub("", text)
    text = text.strip(" ;,")
    return text[:1].upper() + text[1:]


# A full stop, question or exclamation mark then space and a capital, quote or digit may end a
# sentence; a line break always does. A candidate after an initial or a title is no end.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'»”)]?\s+(?=[\"'«“(]?[A-Z0-9À-Ý])|\n+")
_NO_END_AFTER = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Dr|St|Gen|Col|Lt|Sgt|Capt|Maj|No|vs|Jr|Sr|Mt|Ft))\.$")


def sentences(text: str) -> list[str]:
    """``text`` in sentences (a plain splitter for training text; the pipeline has its own)."""
    found, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if "\n" not in end.group(0) and _NO_END_AFTER.search(text, 0, end.start()):
            continue
        found.append(text[start:end.start()])
        start = end.end()
    found.append(text[start:])
    return [s.strip() for s in found if s.strip()]
