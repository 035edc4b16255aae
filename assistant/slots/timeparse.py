"""Times, durations and recurrence in spoken English: "at half past six", "in 10 minutes",
"tomorrow morning", "every weekday at 7". Deterministic rules for the common forms, with
dateparser only for explicit calendar dates ("on the 3rd of june")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "a couple of": 2,
    "a few": 3,
}
_UNIT_SECONDS = {
    "second": 1,
    "sec": 1,
    "minute": 60,
    "min": 60,
    "hour": 3600,
    "hr": 3600,
    "day": 86400,
    "week": 604800,
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_PARTS_OF_DAY = {"morning": 8, "afternoon": 14, "evening": 18, "night": 21, "tonight": 20}

_NUM = (
    r"(\d+(?:\.\d+)?|"
    + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
    + r")"
)
_UNIT = r"(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)"
_DURATION = re.compile(
    rf"\b(?:(half an? hour)|(a quarter of an hour)|{_NUM}\s*{_UNIT}(?:\s+and\s+(a half|{_NUM}\s*{_UNIT}))?)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"\b(?:at\s+)?(?:(noon|midday|midnight)"
    r"|(half past|quarter past|quarter to)\s+(\w+)"
    r"|(\d{1,2})(?::(\d{2})|\.(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o'?clock)?)\b",
    re.IGNORECASE,
)
_AT_CLOCK = re.compile(
    r"\b(?:at|by|for|until)\s+(?=\d|noon|midday|midnight|half|quarter)", re.IGNORECASE
)
_DAY = re.compile(
    r"\b(today|tonight|tomorrow|day after tomorrow|(?:on |this |next )?(?:"
    + "|".join(_WEEKDAYS)
    + r"))(?:\s+(morning|afternoon|evening|night))?\b",
    re.IGNORECASE,
)
_PART_OF_DAY = re.compile(
    r"\b(?:this|in the)\s+(morning|afternoon|evening)\b|\btonight\b", re.IGNORECASE
)
_RECURRENCE = re.compile(
    r"\b(?:every\s+(other\s+)?(day|morning|evening|night|weekday|weekend|week|month|hour|"
    + "|".join(_WEEKDAYS)
    + r"|\d+\s+(?:minutes|hours|days))|(daily|weekly|hourly|monthly))\b",
    re.IGNORECASE,
)
_EXPLICIT_DATE = re.compile(
    r"\b(?:on\s+)?(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}(?:st|nd|rd|th)?\b",
    re.IGNORECASE,
)


@dataclass
class TimeSpec:
    text: str  # the words that said when
    at: datetime | None = None  # the next moment meant, if a moment was said
    duration: timedelta | None = None  # "for 10 minutes", "in an hour"
    recurrence: str | None = None  # iCalendar RRULE, e.g. "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    error: str | None = None  # why a time that was said cannot be (e.g. "25:00")


def parse_duration(text: str) -> tuple[timedelta, tuple[int, int]] | None:
    """A length of time and where it was said."""
    match = _DURATION.search(text)
    if not match:
        return None
    if match.group(1):
        return timedelta(minutes=30), match.span()
    if match.group(2):
        return timedelta(minutes=15), match.span()
    seconds = _amount(match.group(3)) * _unit(match.group(4))
    if match.group(5):
        if match.group(5).lower() == "a half":
            seconds += _unit(match.group(4)) / 2
        else:
            seconds += _amount(match.group(6)) * _unit(match.group(7))
    return timedelta(seconds=seconds), match.span()


def parse(text: str, now: datetime) -> TimeSpec | None:
    """The time a request means, relative to `now`; None when it names no time at all."""
    spoken: list[tuple[int, int]] = []
    recurrence = _recurrence(text, spoken)
    duration = None
    relative = re.search(r"\bin\s+(?=" + _NUM + r"|half|a quarter)", text, re.IGNORECASE)
    parsed_duration = parse_duration(text)
    if parsed_duration:
        duration, span = parsed_duration
        spoken.append(
            (relative.start(), span[1]) if relative and relative.start() < span[0] else span
        )
    day, part = _day(text, now, spoken)
    clock, error = _clock(text, spoken)
    at: datetime | None = None
    if relative and duration is not None:
        at = now + duration
    elif clock or day or part is not None:
        base = day or now
        if clock:
            hour, minute, meridiem = clock
            at = _resolve_clock(
                base, now, hour, minute, meridiem, explicit_day=day is not None, part=part
            )
        else:
            at = base.replace(
                hour=_PARTS_OF_DAY.get(part or "", 9), minute=0, second=0, microsecond=0
            )
            if at <= now:
                at += timedelta(days=1)
    elif _EXPLICIT_DATE.search(text):
        at = _calendar_date(text, now, spoken)
    if not spoken and not error:
        return None
    return TimeSpec(_words(text, spoken), at, duration, recurrence, error)


def _words(text: str, spans: list[tuple[int, int]]) -> str:
    """The time phrases in the order they were said, overlaps merged."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return " ".join(text[a:b].strip() for a, b in merged)


def _recurrence(text: str, spoken: list[tuple[int, int]]) -> str | None:
    match = _RECURRENCE.search(text)
    if not match:
        return None
    spoken.append(match.span())
    word = (match.group(2) or match.group(3) or "").lower()
    interval = ";INTERVAL=2" if match.group(1) else ""
    if word in _WEEKDAYS:
        return f"FREQ=WEEKLY;BYDAY={_RRULE_DAYS[_WEEKDAYS.index(word)]}{interval}"
    if word == "weekday":
        return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    if word == "weekend":
        return "FREQ=WEEKLY;BYDAY=SA,SU"
    every_n = re.fullmatch(r"(\d+)\s+(minutes|hours|days)", word)
    if every_n:
        freq = {"minutes": "MINUTELY", "hours": "HOURLY", "days": "DAILY"}[every_n.group(2)]
        return f"FREQ={freq};INTERVAL={every_n.group(1)}"
    freq = {
        "day": "DAILY",
        "daily": "DAILY",
        "morning": "DAILY",
        "evening": "DAILY",
        "night": "DAILY",
        "week": "WEEKLY",
        "weekly": "WEEKLY",
        "month": "MONTHLY",
        "monthly": "MONTHLY",
        "hour": "HOURLY",
        "hourly": "HOURLY",
    }[word]
    return f"FREQ={freq}{interval}"


def _day(
    text: str, now: datetime, spoken: list[tuple[int, int]]
) -> tuple[datetime | None, str | None]:
    match = _DAY.search(text)
    part_match = _PART_OF_DAY.search(text)
    part = (match.group(2) if match and match.group(2) else None) or (
        (part_match.group(1) or "tonight").lower() if part_match else None
    )
    if part_match and not (
        match and part_match.start() >= match.start() and part_match.end() <= match.end()
    ):
        spoken.append(part_match.span())
    if not match:
        return None, part
    spoken.append(match.span())
    word = match.group(1).lower()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if word == "today":
        return midnight, part
    if word == "tonight":
        return midnight, "tonight"
    if word == "tomorrow":
        return midnight + timedelta(days=1), part
    if word == "day after tomorrow":
        return midnight + timedelta(days=2), part
    name = word.split()[-1]
    ahead = (_WEEKDAYS.index(name) - now.weekday()) % 7 or 7  # "friday": the coming one
    return midnight + timedelta(days=ahead), part


def _clock(
    text: str, spoken: list[tuple[int, int]]
) -> tuple[tuple[int, int, str | None] | None, str | None]:
    for match in _CLOCK.finditer(text):
        named, relation, hour_word, digits, minutes, dot_minutes, meridiem = match.groups()
        anchored = (
            _AT_CLOCK.match(text, match.start()) is not None
            or bool(meridiem)
            or bool(named)
            or bool(relation)
        )
        if not anchored and not minutes:
            continue  # a bare number ("5 minutes", "30%") is not a time of day
        if digits and re.match(r"\s*" + _UNIT, text[match.end() :], re.IGNORECASE):
            continue
        spoken.append(match.span())
        if named:
            return (
                (12 if named.lower() != "midnight" else 0),
                0,
                "pm" if named.lower() != "midnight" else "am",
            ), None
        if relation:
            hour = (
                _amount(hour_word)
                if hour_word.lower() in _NUMBER_WORDS or hour_word.isdigit()
                else None
            )
            if hour is None:
                continue
            hour = int(hour)
            if relation.lower() == "quarter to":
                return ((hour - 1) % 24, 45, None), None
            return (hour, 30 if relation.lower() == "half past" else 15, None), None
        hour, minute = int(digits), int(minutes or dot_minutes or 0)
        if hour > 23 or minute > 59:
            return None, f"{match.group(0).strip()} is not a time of day"
        kind = (meridiem or "").lower().replace(".", "")
        return (hour, minute, kind if kind in {"am", "pm"} else None), None
    return None, None


def _resolve_clock(
    base: datetime,
    now: datetime,
    hour: int,
    minute: int,
    meridiem: str | None,
    explicit_day: bool,
    part: str | None,
) -> datetime:
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    candidates = [hour]
    if meridiem is None and hour < 12:
        evening = part in {"afternoon", "evening", "night", "tonight"}
        candidates = [hour + 12] if evening else [hour, hour + 12]  # "at 5": the next 5 o'clock
    for day_offset in range(0, 8):
        for h in candidates:
            at = base.replace(hour=h % 24, minute=minute, second=0, microsecond=0) + timedelta(
                days=day_offset
            )
            if at > now or (explicit_day and day_offset == 0 and at.date() > now.date()):
                return at
    return base.replace(hour=candidates[0] % 24, minute=minute, second=0, microsecond=0)


def _calendar_date(text: str, now: datetime, spoken: list[tuple[int, int]]) -> datetime | None:
    import dateparser

    match = _EXPLICIT_DATE.search(text)
    assert match is not None
    parsed = dateparser.parse(
        match.group(0),
        languages=["en"],
        settings={"RELATIVE_BASE": now, "PREFER_DATES_FROM": "future"},
    )
    if parsed is None:
        return None
    spoken.append(match.span())
    return parsed.replace(hour=9, minute=0, second=0, microsecond=0)


def _amount(word: str) -> float:
    lowered = word.lower()
    return float(_NUMBER_WORDS[lowered]) if lowered in _NUMBER_WORDS else float(lowered)


def _unit(word: str) -> int:
    lowered = word.lower().rstrip("s")
    return _UNIT_SECONDS.get(lowered, _UNIT_SECONDS.get(lowered[:3], 60))
