"""Times of day: "5pm", "17:45", "15h30", "half past six", "quarter to 5", "20 past 3pm",
"half 7", "noon", "at seven thirty", "at 1400", "at 3p"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.timeparse.words import NUM, WEEKDAY, number

_H = r"(?:\d{1,2}|" + NUM + ")"
_MERIDIEM = r"(?:\s*(?P<mer>am|pm|a|p)\b)?"
_UNIT_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|%|percent|degrees?"
    r"|times|people|of\b|st\b|nd\b|rd\b|th\b|/)",
    re.IGNORECASE,
)
_ANCHOR = (
    r"(?:at|around|about|by|before|after|until|till|til|for|from|between|and|to|like|"
    r"today|tonight|tomorrow|" + WEEKDAY[3:-1] + ")"
)
_WEAK = {"for", "to", "and", "-", "from", "between", "until", "till", "til"}

PATTERNS = [
    ("named", re.compile(r"\b(?:12\s+)?(?P<named>noon|midnight)\b")),
    (
        "relation",
        re.compile(
            rf"\b(?P<rel_n>quarter|half|{_H})\s+(?:minutes?\s+)?(?P<rel>past|after|to|till|before)"
            rf"\s+(?P<rel_h>{_H}){_MERIDIEM}"
        ),
    ),
    ("british_half", re.compile(rf"\bhalf\s+(?P<bh>{_H})\b(?!\s*(?:past|an?\b|hours?|minutes?))")),
    ("digital", re.compile(r"\b(?P<d_h>\d{1,2})(?::|\.|h)(?P<d_m>\d{2})(?!\d)" + _MERIDIEM)),
    ("military", re.compile(r"(?<=at )(?P<mil>\d{4})\b(?!\s*(?:am|pm))")),
    ("meridiem", re.compile(rf"\b(?P<m_h>{_H})\s*(?P<mer>am|pm|a|p)\b")),
    ("oclock", re.compile(rf"\b(?P<o_h>{_H})\s*o'clock\b")),
    (
        "anchored",
        re.compile(
            rf"(?:(?:\b(?P<anchor>{_ANCHOR})|(?P<dash>-))\s+|^)(?P<a_h>{_H})(?:\s+(?P<a_m>thirty|fifteen"
            r"|forty[- ]five|\d{2}))?\b"
        ),
    ),
]

_MINUTES_TO = {"5", "10", "15", "20", "25", "five", "ten", "twenty", "twenty five", "quarter"}


@dataclass
class Clock:
    hour: int  # 0-23 when `exact`, else 1-12 with the morning/evening still open
    minute: int
    span: tuple[int, int]
    exact: bool  # am/pm, a 24-hour form or a named time settled it
    error: str | None = None
    weak: bool = False  # only "for 4" or "to 4" made it a time: maybe a count, not a time
    said_hour: int | None = None  # "quarter to 7": 7, the hour that says morning or evening


def find_all(text: str, taken: list[tuple[int, int]]) -> list[Clock]:
    """Every time of day said outside the `taken` spans, in the order said."""
    found: list[Clock] = []
    claimed = list(taken)
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            clock = _read(kind, match, text)
            if clock is not None and not _overlaps(clock.span, claimed):
                found.append(clock)
                claimed.append(clock.span)
    return sorted(found, key=lambda c: c.span)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in taken)


def _read(kind: str, match: re.Match[str], text: str) -> Clock | None:
    span = match.span()
    mer = match.groupdict().get("mer")
    if kind == "named":
        return Clock(12 if match.group("named") == "noon" else 0, 0, span, True)
    if kind == "relation":
        return _relation(match, text, span, mer)
    if kind == "british_half":
        return _build(number(match.group("bh")), 30, None, span, match.group(0))
    if kind == "digital":
        hour, minute = int(match.group("d_h")), int(match.group("d_m"))
        exact = match.group("d_h").startswith("0") or hour > 12 or "h" in match.group(0)
        return _build(hour, minute, mer, span, match.group(0), exact=exact)
    if kind == "military":
        digits = match.group("mil")
        return _build(int(digits[:2]), int(digits[2:]), None, span, digits, exact=True)
    if kind == "meridiem":
        return _build(number(match.group("m_h")), 0, mer, span, match.group(0))
    if kind == "oclock":
        return _build(number(match.group("o_h")), 0, None, span, match.group(0))
    # A bare number is a time only after a word like "at", and never before a unit.
    if _UNIT_AFTER.match(text, span[1]):
        return None
    anchor = match.group("anchor") or match.group("dash")
    if anchor is None and not re.match(r"\s*(?:-|to|til|till|until)\s+\d", text[span[1] :]):
        return None  # a number opening the text is a time only in a range: "4 til 6"
    minute_word = match.group("a_m")
    minute = int(number(minute_word)) if minute_word else 0
    hour_span = (match.start("a_h"), span[1])
    clock = _build(number(match.group("a_h")), minute, None, hour_span, match.group(0))
    clock.weak = anchor in _WEAK
    return clock


def _relation(
    match: re.Match[str], text: str, span: tuple[int, int], mer: str | None
) -> Clock | None:
    amount, relation = match.group("rel_n"), match.group("rel")
    before = text[: span[0]].rstrip()
    if relation in {"to", "till"} and (
        amount not in _MINUTES_TO or re.search(r"\b(?:from|between)$", before)
    ):
        return None  # "from 3 to 4", "9 to 5": a range, not "ten to six"
    minutes = {"quarter": 15, "half": 30}.get(amount) or int(number(amount))
    hour = int(number(match.group("rel_h")))
    if relation in {"to", "till", "before"}:
        said, minutes, hour = hour, 60 - minutes, {0: 23, 1: 12}.get(hour, hour - 1)
        clock = _build(hour, minutes, mer, span, match.group(0))
        clock.said_hour = said
        return clock
    return _build(hour, minutes, mer, span, match.group(0))


def _build(
    hour: float, minute: int, mer: str | None, span: tuple[int, int], said: str, exact: bool = False
) -> Clock:
    hour_int = int(hour)
    if hour != hour_int or minute > 59 or hour_int > 24 or (hour_int == 24 and minute > 0):
        return Clock(0, 0, span, True, f"{said.strip()} is not a time of day")
    if hour_int == 24:
        return Clock(0, 0, span, True, f"{said.strip()} is not a time of day (say midnight)")
    if mer:
        if hour_int > 12 or hour_int == 0:
            return Clock(0, 0, span, True, f"{said.strip()} is not a time of day")
        hour_int = hour_int % 12 + (12 if mer.startswith("p") else 0)
        return Clock(hour_int, minute, span, True)
    return Clock(hour_int, minute, span, exact or hour_int > 12 or hour_int == 0)
