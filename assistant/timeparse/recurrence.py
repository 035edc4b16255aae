"""Repeats as iCalendar RRULEs: "every weekday", "every other monday", "every 2 hours",
"on the first of every month", "the last friday of each month", "daily", "on mondays"."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.timeparse.words import NUM, ORDINAL, RRULE_DAYS, WEEKDAY, WEEKDAYS, number, ordinal

_EVERY = r"(?:every|each)\s+(?:every\s+)?"
_DAYS = rf"{WEEKDAY}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*|\s+)(?:{WEEKDAY}))*"
_FREQ = {
    "second": "SECONDLY", "minute": "MINUTELY", "hour": "HOURLY", "day": "DAILY",
    "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY",
}  # fmt: skip
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
PATTERNS = [
    (
        "nth_weekday",
        re.compile(
            rf"\b(?:on\s+)?(?:the\s+)?(?P<nth>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+"
            rf"(?P<wd>{WEEKDAY})\s+(?:of\s+)?(?:every|each|the|a)\s+month\b"
        ),
    ),
    (
        "month_day",
        re.compile(
            rf"\b(?:on\s+)?(?:the\s+)?(?P<md>{ORDINAL})\s+(?:day\s+)?(?:of\s+)?(?:every|each|the)"
            r"\s+month\b|\b(?:every|each)\s+month\s+on\s+the\s+(?P<md2>" + ORDINAL + r")\b"
        ),
    ),
    (
        "every_n",
        re.compile(
            rf"\b(?:every|each)\s+(?P<n>{NUM}|other)\s+(?P<unit>second|minute|hour|day|week|month"
            rf"|year)s?(?:\s+on\s+(?P<on>{_DAYS}))?\b"
        ),
    ),
    ("weekday_set", re.compile(rf"\b{_EVERY}(?P<other>other\s+)?(?P<days>{_DAYS})\b")),
    ("weekdays", re.compile(rf"\b{_EVERY}(?:single\s+)?(?P<kind>weekday|weekend)s?\b")),
    (
        "every_unit",
        re.compile(
            r"\b(?:every|each)\s+(?:single\s+)?(?P<unit>second|minute|hour|day|week|month|year"
            r"|morning|afternoon|evening|night)\b"
        ),
    ),
    ("adverb", re.compile(r"\b(?P<adv>hourly|daily|weekly|monthly|yearly|annually)\b")),
]


@dataclass
class Repeat:
    rule: str
    span: tuple[int, int]
    part: str | None = None  # "every morning": the part of day each occurrence is in
    interval_only: bool = False  # "every 2 hours": no day or time of its own
    error: str | None = None  # why it cannot repeat: "every 0 hours", "the 45th of every month"


def find(text: str) -> Repeat | None:
    for kind, pattern in PATTERNS:
        match = pattern.search(text)
        if match:
            return _read(kind, match)
    return None


def _read(kind: str, match: re.Match[str]) -> Repeat:
    span = match.span()
    if kind == "nth_weekday":
        nth = match.group("nth")
        position = _NTH.get(nth) or int(nth[0])
        day = RRULE_DAYS[WEEKDAYS.index(match.group("wd"))]
        return Repeat(f"FREQ=MONTHLY;BYDAY={position}{day}", span)
    if kind == "month_day":
        said = match.group("md") or match.group("md2")
        rule = f"FREQ=MONTHLY;BYMONTHDAY={ordinal(said)}"
        if not 1 <= ordinal(said) <= 31:
            return Repeat(rule, span, error=f"the {said} is not a day of the month")
        return Repeat(rule, span)
    if kind == "every_n":
        raw = match.group("n")
        count = 2.0 if raw == "other" else number(raw)
        interval = int(count) if math.isfinite(count) else 0
        freq = _FREQ[match.group("unit")]
        on = match.group("on")
        rule = f"FREQ={freq}" + (f";INTERVAL={interval}" if interval != 1 else "")
        if on:
            rule += f";BYDAY={_days(on)}"
        error = None if interval >= 1 else f"{match.group(0)} is not a repeat I can keep"
        interval_only = freq in {"SECONDLY", "MINUTELY", "HOURLY"}
        return Repeat(rule, span, interval_only=interval_only, error=error)
    if kind == "weekday_set":
        every_other = ";INTERVAL=2" if match.group("other") else ""
        return Repeat(f"FREQ=WEEKLY{every_other};BYDAY={_days(match.group('days'))}", span)
    if kind == "weekdays":
        days = "MO,TU,WE,TH,FR" if match.group("kind") == "weekday" else "SA,SU"
        return Repeat(f"FREQ=WEEKLY;BYDAY={days}", span)
    if kind == "every_unit":
        unit = match.group("unit")
        if unit in _FREQ:
            return Repeat(
                f"FREQ={_FREQ[unit]}", span, interval_only=unit in {"second", "minute", "hour"}
            )
        return Repeat("FREQ=DAILY", span, part=unit)
    adverb = match.group("adv")
    freq = {"hourly": "HOURLY", "annually": "YEARLY"}.get(adverb, adverb.upper())
    return Repeat(f"FREQ={freq}", span, interval_only=freq == "HOURLY")


def _days(said: str) -> str:
    names = re.findall(WEEKDAY, said)
    return ",".join(RRULE_DAYS[WEEKDAYS.index(n)] for n in sorted(set(names), key=WEEKDAYS.index))
