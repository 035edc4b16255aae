"""Lengths of time: "90 minutes", "an hour and a half", "1h30", "3 hrs 20 mins", "a fortnight"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from assistant.timeparse.words import NUM, number

UNIT_SECONDS = {
    "second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800, "fortnight": 1209600,
}  # fmt: skip
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?)"
_AMOUNT = rf"(?:{NUM}|an?|a couple of|a few|couple of|few)"
_ONE = rf"{_AMOUNT}[ -]?{UNIT}"
DURATION = re.compile(
    r"\b(?:"
    r"(?:(?<=in )|(?<=for ))(?P<hm>\d{1,2})h(?P<hm_min>\d{2})"  # "in 1h30" (15h30 is a clock)
    r"|half an? (?P<half>hour|minute|day)"
    rf"|(?P<and_half>{NUM}) and a half (?P<and_half_unit>{UNIT})"
    r"|(?:a )?quarter of an? hour(?P<quarter>)"
    rf"|(?P<first>{_ONE})(?:,? (?:and )?(?P<second>a half|{_ONE}))?"
    r")\b(?:'?s)?(?: (?:time|long))?",  # "three hours time", "two hours long"
    re.IGNORECASE,
)
_LONGEST = timedelta(days=999_999_999).total_seconds()  # a timedelta's limit, less rounding


@dataclass
class Duration:
    length: timedelta
    span: tuple[int, int]
    unit: str  # the largest unit said: "minute", "hour", "day", ...


def find(text: str, start: int = 0) -> Duration | None:
    match = DURATION.search(text, start)
    if not match:
        return None
    if match.group("hm"):
        hours, minutes = int(match.group("hm")), int(match.group("hm_min"))
        return Duration(timedelta(hours=hours, minutes=minutes), match.span(), "hour")
    if match.group("half"):
        unit: str = match.group("half")
        return Duration(timedelta(seconds=UNIT_SECONDS[unit] / 2), match.span(), unit)
    if match.group("and_half"):
        unit = match.group("and_half_unit").rstrip("s")
        count = number(match.group("and_half")) + 0.5
        return Duration(_length(count * UNIT_SECONDS[unit]), match.span(), unit)
    if match.group("quarter") is not None:
        return Duration(timedelta(minutes=15), match.span(), "minute")
    seconds, unit = _one(match.group("first"))
    second = match.group("second")
    if second == "a half":
        seconds += UNIT_SECONDS[unit] / 2
    elif second:
        seconds += _one(second)[0]
    return Duration(_length(seconds), match.span(), unit)


def _length(seconds: float) -> timedelta:
    """A length longer than a timedelta holds ("in 10**20 days") is held as the longest one:
    every moment it leads to is past the calendar's end, which the parser reports."""
    return timedelta(seconds=seconds) if seconds < _LONGEST else timedelta.max


def _one(phrase: str) -> tuple[float, str]:
    match = re.fullmatch(rf"({_AMOUNT})[ -]?({UNIT})", phrase)
    assert match is not None
    amount, unit = match.group(1), match.group(2).rstrip("s")
    if amount in {"a", "an"}:
        count = 1.0
    elif amount.endswith("couple of"):
        count = 2.0
    elif amount.endswith("few"):
        count = 3.0
    else:
        count = number(amount)
    return count * UNIT_SECONDS[unit], unit
