"""When an entry happens: its occurrences as moments in its zone, DST included.

Daily and longer repeats keep their wall-clock time: a 02:30 reminder stays at 02:30 in
summer and winter. On the spring-forward day a time that does not exist fires at the first
valid moment after it (London's 01:30 becomes 02:00 BST), once; on the fall-back day a time
that happens twice fires at its first, once. Hourly and finer repeats count real time.
Added dates (RDATE) join the rule's occurrences; taken-out ones (EXDATE) leave them.

Every walk is bounded: a weekly or finer rule without COUNT starts from a later DTSTART on
its own grid rather than stepping minute by minute from years ago, and a rule that can never
match is found out before dateutil walks it to the year 9999. (Imports cap COUNT.)
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any

from dateutil.rrule import (
    DAILY,
    HOURLY,
    MINUTELY,
    MONTHLY,
    SECONDLY,
    WEEKLY,
    YEARLY,
    rrule,
    rrulestr,
)

from assistant.reminders.entry import Entry

# Repeats that count real time (UTC) rather than the wall clock; ics.py keeps their UNTIL so.
REAL_TIME_FREQS = ("HOURLY", "MINUTELY", "SECONDLY")
# One period of each rule a later DTSTART can move by without changing what it yields.
_PERIOD = {
    WEEKLY: timedelta(weeks=1),
    DAILY: timedelta(days=1),
    HOURLY: timedelta(hours=1),
    MINUTELY: timedelta(minutes=1),
    SECONDLY: timedelta(seconds=1),
}
_DAYS_IN_PERIOD = {YEARLY: 366, MONTHLY: 31, WEEKLY: 7}  # at most; finer periods hold one


def after(entry: Entry, moment: datetime, inclusive: bool = False) -> datetime | None:
    """The entry's first occurrence after `moment` (or at it, when `inclusive`)."""
    for occurrence in occurrences(entry, moment - timedelta(seconds=1) if inclusive else moment):
        return occurrence
    return None


def occurrences(entry: Entry, moment: datetime) -> Iterator[datetime]:
    """The entry's occurrences strictly after `moment`, in order, each once: its rule's
    (or its start alone) and its rdates, less its exdates."""
    zone = entry.start.tzinfo
    assert zone is not None, "entries hold timezone-aware starts"
    skipped = {x.astimezone(UTC) for x in entry.exdates}
    added = sorted(d.astimezone(zone) for d in entry.rdates if d > moment)
    last = None
    for occurrence in heapq.merge(_all_after(entry, moment, zone), added):
        key = occurrence.astimezone(UTC)
        if key != last and key not in skipped:
            yield occurrence
        last = key


def _all_after(entry: Entry, moment: datetime, zone: tzinfo) -> Iterator[datetime]:
    if not entry.rrule:
        if entry.start > moment:
            yield entry.start
        return
    if counts_real_time(entry.rrule):
        start = entry.start.astimezone(UTC).replace(tzinfo=None)
        cursor = moment.astimezone(UTC).replace(tzinfo=None)
        for found in _walk(entry.rrule, start, cursor):
            yield found.replace(tzinfo=UTC).astimezone(zone)
        return
    wall_start = entry.start.replace(tzinfo=None)
    # Walk wall-clock times from a day before `moment`: a DST shift moves no more than that.
    cursor = moment.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
    for found in _walk(entry.rrule, wall_start, cursor):
        real = localise(found, zone)
        if real > moment:
            yield real


def counts_real_time(rrule_text: str) -> bool:
    parts = rrule_text.upper().split(";")
    return any(f"FREQ={freq}" in parts for freq in REAL_TIME_FREQS)


def _walk(text: str, start: datetime, cursor: datetime) -> Iterator[datetime]:
    """The rule's naive occurrences after `cursor`."""
    rule = rrulestr(text, dtstart=start, cache=False)
    if not _may_occur(rule):
        return
    period = _PERIOD.get(rule._freq)  # dateutil keeps a rule's parts as private attributes
    if rule._count is None and period is not None:
        # Whole periods of the rule keep every default it takes from DTSTART (weekday, time)
        # and every BYSETPOS choice, which dateutil makes within one period.
        step = period * rule._interval
        periods = (cursor - start) // step - 1
        if periods > 0:
            rule = rule.replace(dtstart=start + step * periods)
    yield from rule.xafter(cursor)


def _may_occur(rule: Any) -> bool:
    """False for a rule that never yields, found without walking it to the year 9999 as
    dateutil does (minutes for an hourly one): a BYSETPOS past every period's set, or, for
    daily and finer rules, day filters no date passes (a yearly probe takes 0.2 s at worst)."""
    freq = rule._freq
    if rule._bysetpos:
        size = _DAYS_IN_PERIOD.get(freq, 1)
        for values, finer in ((rule._byhour, HOURLY), (rule._byminute, MINUTELY),
                              (rule._bysecond, SECONDLY)):  # fmt: skip
            size *= len(values or ()) or 1 if freq < finer else 1
        if all(abs(position) > size for position in rule._bysetpos):
            return False
    if freq < DAILY:  # a yearly, monthly or weekly walk to 9999 stays under two seconds
        return True
    probe = rrule(
        YEARLY,
        dtstart=datetime.combine(rule._dtstart.date(), time(0)),
        bymonth=rule._bymonth,
        byweekno=rule._byweekno,
        byweekday=rule._byweekday,
        byeaster=rule._byeaster,
        byyearday=rule._byyearday,
        # Every day unless the rule names some: a yearly rule would default to DTSTART's.
        bymonthday=(*rule._bymonthday, *rule._bynmonthday) or range(1, 32),
        cache=False,
    )
    return next(iter(probe), None) is not None


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
