"""An event's death toll completed by one told elsewhere in the article, on plain records: a
precise figure beats a vague one, of two the one told first wins, deaths told as more ("were also
killed") add up; one toll told for events at several places is split between them as ACLED's
codebook splits it."""
from __future__ import annotations

from sitrep import taxonomy
from sitrep.models import Event, FatalityMention, SourceRef


def add_toll(event: Event, toll: FatalityMention, sources: list[SourceRef]) -> None:
    """Complete ``event``'s death toll with ``toll``, told where ``sources`` are cited: a precise
    figure wins over a vague one, else the figure told first in the text ("Le bilan est lourd : 16
    morts. Les six terroristes ont été neutralisés": 16)."""
    if toll.period_total or toll.count is None and (event.fatalities is not None or event.evidence.fatalities):
        return  # a period's total is no toll; words with no figure only where nothing was told
    if taxonomy.lookup(event.sub_event_type).deathless:
        return  # ACLED codes no death for a peaceful protest or property destroyed: the deaths are another event's
    if event.fatalities is not None and toll.additional and toll.count is not None:
        event.fatalities += toll.count
        event.fatalities_text = f"{event.fatalities_text}; {toll.span.text}"
        return
    told = event.evidence.fatalities
    precise_over_vague = event.toll_is_vague and not toll.vague and toll.count is not None
    told_first = told is not None and toll.span.start < told.start and toll.count is not None \
        and (event.toll_is_vague or not toll.vague)
    if event.fatalities is not None and not precise_over_vague and not told_first:
        return
    event.toll_is_vague = toll.vague
    event.fatalities = toll.count
    event.fatalities_text = toll.span.text
    event.evidence.fatalities = toll.span
    known = {s.name or s.text for s in event.reported_by}
    event.reported_by.extend(s for s in sources if (s.name or s.text) not in known)


def split_between_places(events: list[Event]) -> None:
    """"operations killed 10 militants in Sangin and Lashkargah": one toll for events of one kind
    and day at several places is split evenly between them, the remainder one each to the first
    ones told (10 over 3 places: 4, 3, 3), as ACLED's codebook has it."""
    sharing: dict[tuple, list[Event]] = {}
    for event in events:
        if event.fatalities and event.evidence.fatalities is not None and event.claim_status == "asserted":
            key = (event.evidence.fatalities.start, event.event_type, event.date)
            sharing.setdefault(key, []).append(event)
    for group in sharing.values():
        places = {e.location.name if e.location else None for e in group}
        if len(group) < 2 or len(places) < len(group):
            continue  # one place, or two kinds of event at one place: no split
        group.sort(key=lambda e: e.evidence.trigger.start)
        share, remainder = divmod(group[0].fatalities, len(group))
        for rank, event in enumerate(group):
            event.fatalities = share + (rank < remainder)

