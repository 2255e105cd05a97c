"""The events an article has told so far, as event coding builds them, indexed for the look-ups
the coding makes as it goes: the latest dated event before a position, the latest of a type, the
violent events of a day. Each look-up costs a bisection, not a scan of every event, so a long
article codes in time linear in its length."""
from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterator
from datetime import date as Date
from datetime import timedelta

from sitrep.models import Event
from sitrep.stages.event_date import is_background
from sitrep.taxonomy import event_types_where


class Told:
    """Events in the order they were told (appended), with indices over them."""

    def __init__(self, published: Date | None, events: list[Event] = ()) -> None:
        self.published = published
        self.events: list[Event] = []
        self._dated: list[tuple[int, int]] = []  # (trigger start, order told) of asserted, dated, recent events
        self._latest_of_type: dict[str, Event] = {}  # asserted events
        self._latest_armed: Event | None = None  # asserted
        self._violent_by_day: dict[Date, list[tuple[int, Event]]] = {}  # asserted, dated
        self._by_start: list[tuple[int, int]] = []  # (trigger start, order told) of every event
        for event in events:
            self.append(event)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def append(self, event: Event) -> None:
        order = len(self.events)
        self.events.append(event)
        start = event.evidence.trigger.start
        insort(self._by_start, (start, order))
        if event.claim_status != "asserted":
            return
        self._latest_of_type[event.event_type] = event
        if event.event_type in event_types_where("armed"):
            self._latest_armed = event
        if event.date is None:
            return
        if not is_background(event, self.published):
            insort(self._dated, (start, order))
        if event.event_type in event_types_where("violent"):
            self._violent_by_day.setdefault(event.date, []).append((order, event))

    def latest_dated_before(self, position: int) -> Event | None:
        """The asserted, dated, recent event told last before ``position`` in the text (of two at
        one position, the first told)."""
        index = bisect_left(self._dated, (position, -1))
        if index == 0:
            return None
        start = self._dated[index - 1][0]
        return self.events[self._dated[bisect_left(self._dated, (start, -1))][1]]

    def latest_of_type(self, event_type: str) -> Event | None:
        """The asserted event of ``event_type`` told last."""
        return self._latest_of_type.get(event_type)

    def latest_armed(self) -> Event | None:
        """The asserted event of armed violence told last."""
        return self._latest_armed

    def violent_around(self, day: Date, slack: int) -> list[Event]:
        """The asserted violent events dated within ``slack`` days of ``day``, in the order told."""
        found = [item for offset in range(-slack, slack + 1)
                 for item in self._violent_by_day.get(day + timedelta(days=offset), ())]
        return [event for _, event in sorted(found, key=lambda item: item[0])]

    def within(self, start: int, end: int) -> list[Event]:
        """The events whose trigger starts in [start, end), in the order told."""
        first, last = bisect_left(self._by_start, (start, -1)), bisect_left(self._by_start, (end, -1))
        return [self.events[order] for order in sorted(order for _, order in self._by_start[first:last])]

    def first_within(self, start: int, end: int) -> Event | None:
        """The first event told whose trigger starts in [start, end)."""
        found = self.within(start, end)
        return found[0] if found else None
