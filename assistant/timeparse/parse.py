"""Put the pieces together: a repeat, a length of time, a day, a part of the day and a
clock time become one TimeSpec, resolved against `now` by the rules people expect
("at 5" is the next 5 o'clock, "friday at 4" is 16:00, "wake me at 7" is the morning)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from assistant.timeparse import clock as clocks
from assistant.timeparse import dates, durations, recurrence
from assistant.timeparse.resolve import at_hour, first_occurrence, on_day, shift
from assistant.timeparse.spec import TimeSpec
from assistant.timeparse.words import Normalised, normalise

PART_HOURS = {"morning": 9, "afternoon": 15, "evening": 19, "night": 21}
PART_ENDS = {"morning": 12, "afternoon": 18, "evening": 23, "night": 24}
_PART = re.compile(
    r"\b(?:(?:this|later|in the|at|every)\s+)?(?P<part>morning|afternoon|evening|night)\b"
    r"|\b(?:later\s+)?(?P<tonight>tonight)\b"
)
_ALARM = re.compile(r"\b(?:alarm|wake|waking|be up|get up|up at)\b")
_TIMER = re.compile(r"\b(?:timer|countdown|count down|time(?= \d| an? | half))\b")
_RANGE_JOIN = re.compile(r"\s*(?:to|till|til|until|through|-|–|and)\s*$")
_SAME_TIME = re.compile(
    r"\b(?:(?:at\s+)?(?:the\s+)?(?:same|this)\s+time\s+tomorrow|tomorrow\s+(?:at\s+)?"
    r"(?:the\s+)?(?:same|this)\s+time)\b"
)
_FROM_NOW = re.compile(r"\bfrom now\s+(?:till|until|to|til)\b")
MAX_YEARS_AHEAD = 100  # a time further ahead is refused ("too_far")
_LONGEST_LENGTH = timedelta(days=366 * MAX_YEARS_AHEAD)  # and so is a longer length


@dataclass
class _Said:
    """Everything found in one text, before it is resolved."""

    norm: Normalised
    spans: list[tuple[int, int]]
    repeat: recurrence.Repeat | None
    length: durations.Duration | None
    relative: bool
    day: dates.Day | None
    part: str | None
    this_part: bool
    clocks: list[clocks.Clock]
    alarm: bool
    timer: bool


def parse(text: str, now: datetime) -> TimeSpec | None:
    """The time `text` means, relative to `now`; None when it names no time at all. Never
    raises: a time that cannot be is a spec with an `error`, one past the calendar's end
    (a `now` on 9999-12-31, "in 10**20 days") included."""
    said = _find(text, now)
    if not said.spans:
        return None
    try:
        spec = _resolve(said, now)
    except OverflowError:  # datetime arithmetic left the calendar (years 1 to 9999)
        spec = _fail(TimeSpec(text=""), f"{_words(said)} is outside the calendar", "too_far")
    spec.spans = _original_spans(said)
    spec.day_said = said.day is not None
    spec.text = " ".join(said.norm.origin[a:b] for a, b in spec.spans)
    if spec.start and not spec.error:
        if spec.start.year > now.year + MAX_YEARS_AHEAD:
            return _fail(spec, f"{spec.start.year} is too far ahead", "too_far")
        if spec.start < now and not said.relative:
            return _fail(spec, f"{spec.text} is in the past", "past")
    if spec.duration and spec.duration > _LONGEST_LENGTH and not spec.error:
        return _fail(spec, f"{spec.text} is too long", "too_far")
    return spec


def _find(text: str, now: datetime) -> _Said:
    norm = normalise(text)
    t = norm.text
    spans: list[tuple[int, int]] = []
    repeat = recurrence.find(t)
    if repeat:
        spans.append(repeat.span)
    length = _duration_outside(t, spans)
    relative = False
    if length:
        before, after = t[: length.span[0]], t[length.span[1] :]
        lead = re.search(
            r"\b(?:in|within|after)\s+(?:like\s+|about\s+|around\s+|another\s+)?$", before
        )
        tail = re.match(r"\s*(?:from now|later|hence|ago)\b", after)
        relative = bool(lead or tail)
        start = lead.start() if lead else length.span[0]
        spans.append((start, tail.end() + length.span[1] if tail else length.span[1]))
    same_time = _SAME_TIME.search(t)
    if same_time:
        spans.append(same_time.span())
    day = dates.find(t, now.date(), spans)
    if day:
        spans.append(day.span)
    part, this_part = None, False
    for match in _PART.finditer(t):
        part = match.group("part") or "night"
        this_part = bool(match.group("tonight")) or match.group(0).startswith(("this", "later"))
        if not _inside(match.span(), spans):
            spans.append(match.span())
        break
    if repeat and repeat.part and not part:
        part = repeat.part
    found = clocks.find_all(t, spans)
    spans.extend(c.span for c in found)
    from_now = _FROM_NOW.search(t)
    if from_now:
        spans.append(from_now.span())
    if same_time:
        found.insert(0, clocks.Clock(now.hour, now.minute, same_time.span(), True))
        day = dates.tomorrow(now.date(), same_time.span(), same_time.group(0))
    return _Said(
        norm, spans, repeat, length, relative, day, part, this_part, found,
        alarm=bool(_ALARM.search(t)), timer=bool(_TIMER.search(t)),
    )  # fmt: skip


def _resolve(said: _Said, now: datetime) -> TimeSpec:
    spec = TimeSpec(text="", duration=said.length.length if said.length else None)
    problem = next((c for c in said.clocks if c.error), None)
    if problem:
        return _fail(spec, problem.error or "", "invalid")
    if said.day and said.day.error:
        return _fail(spec, said.day.error, said.day.problem or "invalid")
    if said.repeat and said.repeat.error:
        return _fail(spec, said.repeat.error, "invalid")
    if said.repeat:
        return _repeat(said, now, spec)
    if said.length and (said.relative or (said.timer and not said.clocks)):
        return _relative(said, now, spec)
    if _FROM_NOW.search(said.norm.text) and said.clocks:
        spec.start, spec.grain = now.replace(second=0, microsecond=0), "minute"
        spec.end = _clock_after(said.clocks[0], spec.start, said)
        return spec
    ranged = _range(said, now, spec)
    if ranged:
        return ranged
    moment = _moment(said, now, spec)
    if moment.start and said.length and not moment.error:
        moment.end, moment.grain = moment.start + said.length.length, "minute"
    elif said.length and not moment.error:
        moment.start = now.replace(second=0, microsecond=0)
        moment.end, moment.grain = moment.start + said.length.length, "minute"
    return moment


def _moment(said: _Said, now: datetime, spec: TimeSpec) -> TimeSpec:
    primary = _primary(said.clocks)
    day = said.day
    if said.this_part and not day:  # "this morning", "tonight": today, not the next one
        day = dates.Day(now.date(), (0, 0), "today")
    if day and day.kind in {"week", "month", "year"} and day.day:
        spec.start, spec.grain = on_day(now, day.day, 0, 0), day.kind
        return spec
    named = day is not None and day.kind in {"tomorrow", "weekday", "date"}
    if primary:
        hours = _hours(primary, said.part, said.alarm, named)
        if said.timer and not primary.exact and not day and primary.weak:
            spec.start, spec.grain = shift(now, timedelta(minutes=primary.hour)), "minute"
            return spec
        spec.grain = "minute"
        if day and day.day:
            after = now if day.kind == "today" else None
            spec.start = at_hour(now, day.day, hours, primary.minute, after, days=1)
            if spec.start is None or spec.start <= now:
                spec.start = _today_or_fail(said, now, hours, primary.minute, spec)
            return spec
        spec.start = at_hour(now, now.date(), hours, primary.minute, now)
        return spec
    if said.part:
        spec.grain = "hour"
        hour = PART_HOURS[said.part]
        base = day.day if day and day.day else now.date()
        spec.start = on_day(now, base, hour, 0)
        if spec.start <= now:
            if said.this_part or (day and day.kind == "today"):
                if now.hour < PART_ENDS[said.part] and said.part != "morning":
                    return _fail(spec, f"{_words(said)} has already started", "past")
                return _fail(spec, f"{_words(said)} is in the past", "past")
            spec.start = on_day(now, base + timedelta(days=1), hour, 0)
        return spec
    if day and day.day:
        spec.start, spec.grain = on_day(now, day.day, 0, 0), "day"
    return spec


def _today_or_fail(
    said: _Said, now: datetime, hours: list[int], minute: int, spec: TimeSpec
) -> datetime | None:
    """A time already gone today: "this morning at 3" said at 04:30 is 03:00 tomorrow while
    the morning lasts; after it, and for "today at 9" in the afternoon, it is in the past."""
    if said.this_part and said.part and now.hour < PART_ENDS[said.part]:
        return at_hour(now, now.date() + timedelta(days=1), hours, minute, now)
    _fail(spec, f"{_words(said)} is in the past", "past")
    return None


def _hours(clock: clocks.Clock, part: str | None, alarm: bool, named_day: bool) -> list[int]:
    """The hours a clock time can mean, in the order to try them."""
    h = clock.hour
    if clock.exact:
        return [h]
    if part == "morning":
        return [h % 12]
    if part in {"afternoon", "evening", "night"}:
        return [0 if h == 12 and part == "night" else h % 12 + 12]
    if alarm:
        return [h % 12]
    if named_day:  # "friday at 4" is 16:00, "tomorrow at 8" 08:00, "monday at 12" noon
        said = clock.said_hour or h
        return [h] if 7 <= said <= 12 else [h + 12]
    return [h % 12, h % 12 + 12]  # "at 5": whichever comes next


def _primary(found: list[clocks.Clock]) -> clocks.Clock | None:
    strong = [c for c in found if not c.weak]
    return (strong or found)[0] if found else None


def _relative(said: _Said, now: datetime, spec: TimeSpec) -> TimeSpec:
    assert said.length is not None
    if re.search(r"\bago\b", said.norm.text):
        return _fail(spec, f"{_words(said)} is in the past", "past")
    length = said.length.length
    if said.length.unit in {"day", "week", "fortnight"}:
        spec.start, spec.grain = (now + length).replace(second=0, microsecond=0), "day"
        primary = _primary(said.clocks)
        if primary:
            hours = _hours(primary, said.part, said.alarm, True)
            spec.start = at_hour(now, spec.start.date(), hours, primary.minute, None)
            spec.grain = "minute"
        return spec
    spec.start, spec.grain = shift(now, length).replace(microsecond=0), "minute"
    return spec


def _range(said: _Said, now: datetime, spec: TimeSpec) -> TimeSpec | None:
    t = said.norm.text
    if said.day and said.day.day:
        second = dates.find(t[said.day.span[1] :], said.day.day, [])  # after the first day
        between = t[said.day.span[1] : said.day.span[1] + second.span[0]] if second else ""
        if second and second.day and _RANGE_JOIN.match(between) and not said.clocks:
            spec.start, spec.grain = on_day(now, said.day.day, 0, 0), "day"
            spec.end = on_day(now, second.day, 0, 0)
            said.spans.append((said.day.span[1], said.day.span[1] + second.span[1]))
            return spec
    if len(said.clocks) < 2:
        return None
    first, last = said.clocks[0], said.clocks[1]
    if not _RANGE_JOIN.match(t[first.span[1] : last.span[0]]) or first.error:
        return None
    if not first.exact and last.exact and first.hour + 12 <= last.hour and first.hour < 12:
        first = clocks.Clock(first.hour + 12, first.minute, first.span, True)
    named = said.day is not None and said.day.kind in {"tomorrow", "weekday", "date"}
    hours = _hours(first, said.part, said.alarm, named)
    day = said.day.day if said.day and said.day.day else now.date()
    start = at_hour(now, day, hours, first.minute, None if said.day else now - timedelta(seconds=1))
    if start is None:
        return None
    spec.start, spec.grain = start, "minute"
    spec.end = _clock_after(last, start, said)
    said.spans.append((first.span[0], last.span[1]))  # "2 to 3", with the "to"
    return spec


def _clock_after(clock: clocks.Clock, start: datetime, said: _Said) -> datetime | None:
    hours = _hours(clock, said.part, False, False)
    return at_hour(start, start.date(), hours, clock.minute, start)


def _repeat(said: _Said, now: datetime, spec: TimeSpec) -> TimeSpec:
    repeat = said.repeat
    assert repeat is not None
    spec.rrule = repeat.rule
    if repeat.rule.startswith("FREQ=SECONDLY"):
        return _fail(spec, "I can repeat at most once a minute", "too_often")
    primary = _primary(said.clocks)
    if repeat.interval_only and not primary:
        spec.start, spec.grain = first_occurrence(repeat.rule, now, None), "minute"
        return spec
    if primary:
        hours, minute, grain = (
            _hours(primary, said.part, said.alarm, True),
            primary.minute,
            "minute",
        )
    elif said.part:
        hours, minute, grain = [PART_HOURS[said.part]], 0, "hour"
    else:
        hours, minute, grain = [0], 0, "day"
    start = first_occurrence(repeat.rule, now, (hours[0], minute))
    if start is None:
        return _fail(spec, f"{_words(said)} has no day left in the calendar", "too_far")
    spec.start, spec.grain = start, grain
    return spec


def _duration_outside(text: str, taken: list[tuple[int, int]]) -> durations.Duration | None:
    found = durations.find(text)
    while found and _inside(found.span, taken):
        found = durations.find(text, found.span[1])
    return found


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in taken)


_LEAD = re.compile(r"\b(?:at|on|by|for|from|around|about|until|till)\s+$")


def _original_spans(said: _Said) -> list[tuple[int, int]]:
    """Where the time was said in the user's own text, each with the word leading into it."""
    merged: list[list[int]] = []
    for start, end in sorted(said.spans):
        lead = _LEAD.search(said.norm.text, 0, start)
        start = lead.start() if lead else start
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [said.norm.original(a, b) for a, b in merged]


def _words(said: _Said) -> str:
    return " ".join(said.norm.origin[a:b] for a, b in _original_spans(said))


def _fail(spec: TimeSpec, why: str, problem: str) -> TimeSpec:
    spec.start = spec.end = None
    spec.grain = spec.rrule = None
    spec.error, spec.problem = why, problem
    return spec
