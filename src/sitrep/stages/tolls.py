"""An event's death toll completed by one told elsewhere in the article, on plain records: a
precise figure beats a vague one, deaths told as more ("were also killed") add up."""
from __future__ import annotations

from sitrep.models import Event, FatalityMention, SourceRef


def add_toll(event: Event, toll: FatalityMention, sources: list[SourceRef]) -> None:
    """Complete ``event``'s death toll with ``toll``, told where ``sources`` are cited."""
    precise_over_vague = event.toll_is_vague and not toll.vague and toll.count is not None
    if event.fatalities is not None and toll.additional and toll.count is not None:
        event.fatalities += toll.count
        event.fatalities_text = f"{event.fatalities_text}; {toll.span.text}"
        return
    if event.fatalities is not None and not precise_over_vague:
        return
    event.toll_is_vague = toll.vague
    event.fatalities = toll.count
    event.fatalities_text = toll.span.text
    event.evidence.fatalities = toll.span
    known = {s.name or s.text for s in event.reported_by}
    event.reported_by.extend(s for s in sources if (s.name or s.text) not in known)
