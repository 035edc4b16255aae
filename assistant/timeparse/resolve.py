"""Turning wall-clock times into moments in the user's zone, where days have 23 or 25 hours."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta


def on_day(now: datetime, day: date, hour: int, minute: int) -> datetime:
    """`day` at hour:minute in the zone of `now`."""
    return now.replace(
        year=day.year, month=day.month, day=day.day, hour=hour % 24, minute=minute,
        second=0, microsecond=0,
    )  # fmt: skip


def at_hour(
    now: datetime, day: date, hours: list[int], minute: int, after: datetime | None, days: int = 2
) -> datetime | None:
    """The first of `hours` on `day` (or the `days` - 1 days after it) that comes after
    `after`; with no bound, the first of `hours` on `day`."""
    if after is None:
        return on_day(now, day, hours[0], minute)
    for offset in range(days):
        for hour in sorted(hours):
            moment = on_day(now, day + timedelta(days=offset), hour, minute)
            if moment > after:
                return moment
    return None


def shift(now: datetime, length: timedelta) -> datetime:
    """`now` plus an elapsed length: real minutes, whatever the clocks do meanwhile."""
    if now.tzinfo is None:
        return now + length
    return (now.astimezone(UTC) + length).astimezone(now.tzinfo)


def first_occurrence(
    rule: str, now: datetime, time_of_day: tuple[int, int] | None
) -> datetime | None:
    """The first occurrence of `rule` after `now`, None when the calendar ends first. A rule
    with a time of day starts on the first matching day (so "every other monday" begins on
    the coming monday); one without ("every 2 hours") begins one interval from now."""
    from dateutil.rrule import rrulestr

    if time_of_day is None:
        return shift(now, _interval(rule)).replace(second=0, microsecond=0)
    plain = re.sub(r";INTERVAL=\d+", "", rule)  # the first occurrence ignores the interval
    anchor = on_day(now, now.date(), *time_of_day).replace(tzinfo=None)
    after = rrulestr(plain, dtstart=anchor).after(now.replace(tzinfo=None), inc=False)
    return None if after is None else after.replace(tzinfo=now.tzinfo)


def _interval(rule: str) -> timedelta:
    parts = dict(p.split("=", 1) for p in rule.split(";"))
    unit = {"MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400, "WEEKLY": 604800}[parts["FREQ"]]
    return timedelta(seconds=unit * int(parts.get("INTERVAL", 1)))
