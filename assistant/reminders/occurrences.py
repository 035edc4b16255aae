"""When an entry happens: its occurrences as moments in its zone, DST included.

Daily and longer repeats keep their wall-clock time: a 02:30 reminder stays at 02:30 in
summer and winter. On the spring-forward day a time that does not exist fires at the first
valid moment after it (London's 01:30 becomes 02:00 BST), once; on the fall-back day a time
that happens twice fires at its first, once. Hourly and minutely repeats count real time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, tzinfo

from dateutil.rrule import rrulestr

from assistant.reminders.entry import Entry

_ELAPSED = ("FREQ=HOURLY", "FREQ=MINUTELY")


def after(entry: Entry, moment: datetime, inclusive: bool = False) -> datetime | None:
    """The entry's first occurrence after `moment` (or at it, when `inclusive`)."""
    for occurrence in occurrences(entry, moment - timedelta(seconds=1) if inclusive else moment):
        return occurrence
    return None


def occurrences(entry: Entry, moment: datetime) -> Iterator[datetime]:
    """The entry's occurrences strictly after `moment`, in order, less its exdates."""
    zone = entry.start.tzinfo
    assert zone is not None, "entries hold timezone-aware starts"
    skipped = {x.astimezone(UTC) for x in entry.exdates}
    for occurrence in _all_after(entry, moment, zone):
        if occurrence.astimezone(UTC) not in skipped:
            yield occurrence


def _all_after(entry: Entry, moment: datetime, zone: tzinfo) -> Iterator[datetime]:
    if not entry.rrule:
        if entry.start > moment:
            yield entry.start
        return
    if entry.rrule.startswith(_ELAPSED):
        start = entry.start.astimezone(UTC).replace(tzinfo=None)
        rule = rrulestr(entry.rrule, dtstart=start, cache=False)
        cursor = moment.astimezone(UTC).replace(tzinfo=None)
        while (found := rule.after(cursor)) is not None:
            yield found.replace(tzinfo=UTC).astimezone(zone)
            cursor = found
        return
    wall_start = entry.start.replace(tzinfo=None)
    rule = rrulestr(entry.rrule, dtstart=wall_start, cache=False)
    # Walk wall-clock times from a day before `moment`: a DST shift moves no more than that.
    cursor = moment.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
    while (found := rule.after(cursor)) is not None:
        cursor = found
        real = localise(found, zone)
        if real > moment:
            yield real


def localise(wall: datetime, zone: tzinfo) -> datetime:
    """A wall-clock time in `zone`; one that the clocks skip becomes the moment they land."""
    first = wall.replace(tzinfo=zone, fold=0)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall:
        return first
    moment = wall.replace(tzinfo=zone, fold=1).astimezone(UTC).replace(second=0, microsecond=0)
    for _ in range(24 * 60):  # gaps last an hour or so; the loop only bounds a broken zone
        local = moment.astimezone(zone)
        if local.replace(tzinfo=None) >= wall:
            return local
        moment += timedelta(minutes=1)
    return first
