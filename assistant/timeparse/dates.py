"""Days: "today", "tomorrow", "the day after tomorrow", weekdays ("this friday", "next mon"),
dates ("march 3rd 2027", "the 20th of january", "on the 3rd", "14/02", "2027-04-10"), and the
days in the past that a reminder cannot be set for ("yesterday", "last tuesday")."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.timeparse.words import MONTH, MONTHS, ORDINAL, WEEKDAY, WEEKDAYS, ordinal

_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("numeric", re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2}|\d{4}))?\b")),
    (
        "month_day",
        re.compile(rf"\b(?P<month>{MONTH})\s+(?:the\s+)?(?P<day>{ORDINAL}|\d{{1,2}})\b{_YEAR}"),
    ),
    (
        "day_month",
        re.compile(
            rf"\b(?:the\s+)?(?P<day>{ORDINAL}|\d{{1,2}})\s+(?:of\s+)?(?P<month>{MONTH})\b{_YEAR}"
        ),
    ),
    ("day_of_month", re.compile(rf"\b(?:{WEEKDAY}\s+)?the\s+(?P<day>{ORDINAL})\b")),
    ("after_tomorrow", re.compile(r"\b(?:the\s+)?day after tomorrow\b")),
    ("relative", re.compile(r"\b(?P<word>today|tonight|tomorrow|yesterday)\b")),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<which>this|next|coming|last|on)\s+)?(?P<weekday>{WEEKDAY})\b"),
    ),
    ("period", re.compile(r"\b(?P<which>next|last|this)\s+(?P<period>week|month|year|weekend)\b")),
]


@dataclass
class Day:
    day: date | None
    span: tuple[int, int]
    kind: str  # "today", "tomorrow", "weekday", "date", "week", "month", "year"
    error: str | None = None
    problem: str | None = None  # "invalid", "past" or "too_far"


def find(text: str, today: date, taken: list[tuple[int, int]]) -> Day | None:
    """The first day said outside the `taken` spans."""
    found: list[Day] = []
    claimed = list(taken)
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < b and a < match.end() for a, b in claimed):
                continue
            try:
                day = _read(kind, match, today)
            except OverflowError:  # a day after 9999-12-31, the calendar's last
                day = _past_the_end(match.span(), match.group(0))
            if day is not None:
                found.append(day)
                claimed.append(match.span())
    return min(found, key=lambda d: d.span) if found else None


def tomorrow(today: date, span: tuple[int, int], said: str) -> Day:
    """The day after `today`, for a phrase such as "same time tomorrow"."""
    if today == date.max:
        return _past_the_end(span, said)
    return Day(today + timedelta(days=1), span, "tomorrow")


def _past_the_end(span: tuple[int, int], said: str) -> Day:
    return Day(None, span, "date", f"{said.strip()} is past the calendar's end", "too_far")


def _read(kind: str, match: re.Match[str], today: date) -> Day | None:
    span = match.span()
    if kind in {"iso", "numeric"}:
        year = match.group("y")
        full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        return _date(full_year, int(match.group("m")), int(match.group("d")), today, span, match)
    if kind in {"month_day", "day_month"}:
        month = MONTHS.index(match.group("month")) + 1
        raw = match.group("day")
        day = ordinal(raw) if not raw.isdigit() else int(raw)
        year = match.group("year")
        return _date(int(year) if year else None, month, day, today, span, match)
    if kind == "day_of_month":
        return _day_of_month(ordinal(match.group("day")), today, span, match.group(0))
    if kind == "after_tomorrow":
        return Day(today + timedelta(days=2), span, "tomorrow")
    if kind == "relative":
        word = match.group("word")
        if word == "yesterday":
            return Day(None, span, "past", f"{word} is in the past", "past")
        offset = 1 if word == "tomorrow" else 0
        return Day(today + timedelta(days=offset), span, "tomorrow" if offset else "today")
    if kind == "weekday":
        which, name = match.group("which"), match.group("weekday")
        if which == "last":
            return Day(None, span, "past", f"{match.group(0)} is in the past", "past")
        ahead = (WEEKDAYS.index(name) - today.weekday()) % 7
        if ahead == 0 and which != "this":
            ahead = 7  # "wednesday" said on a wednesday: the coming one
        return Day(today + timedelta(days=ahead), span, "weekday")
    return _period(match, today, span)


def _period(match: re.Match[str], today: date, span: tuple[int, int]) -> Day:
    which, period = match.group("which"), match.group("period")
    if which == "last":
        return Day(None, span, "past", f"{match.group(0)} is in the past", "past")
    if period == "weekend":
        ahead = (5 - today.weekday()) % 7 + (7 if which == "next" and today.weekday() < 5 else 0)
        return Day(today + timedelta(days=ahead), span, "weekday")
    if which == "this":
        return Day(today, span, "today" if period != "week" else "week")
    if period == "week":
        return Day(today + timedelta(days=7 - today.weekday()), span, "week")
    if period == "month":
        first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        return Day(first, span, "month")
    return Day(date(today.year, 12, 31) + timedelta(days=1), span, "year")  # overflows in 9999


def _date(
    year: int | None, month: int, day: int, today: date, span: tuple[int, int], match: re.Match[str]
) -> Day:
    said = match.group(0).strip()
    if not 1 <= month <= 12:
        return Day(
            None, span, "date", f"{said} is not a date (there is no month {month})", "invalid"
        )
    for candidate_year in [year] if year else range(today.year, today.year + 9):
        if _valid(candidate_year, month, day):
            moment = date(candidate_year, month, day)
            if year and moment < today:
                return Day(None, span, "date", f"{said} is in the past", "past")
            if year or moment > today:
                return Day(moment, span, "date")
        elif year or not _valid(2028, month, day):  # 2028: a leap year has every day
            return Day(None, span, "date", _why_not(month, day, candidate_year, year), "invalid")
    return Day(None, span, "date", f"{said} is not a date", "invalid")


def _day_of_month(day: int, today: date, span: tuple[int, int], said: str) -> Day:
    if not 1 <= day <= 31:
        return Day(None, span, "date", f"{said.strip()} is not a day of the month", "invalid")
    year, month = today.year, today.month
    for _ in range(13):
        if _valid(year, month, day) and date(year, month, day) > today:
            return Day(date(year, month, day), span, "date")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return Day(None, span, "date", f"{said.strip()} is not a date", "invalid")


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= year <= 9999 and 1 <= day <= calendar.monthrange(year, month)[1]


def _why_not(month: int, day: int, year: int, explicit_year: int | None) -> str:
    name = MONTHS[month - 1].capitalize()
    if month == 2 and day == 29 and explicit_year:
        return f"29 February {year} is not a date ({year} is not a leap year)"
    most = calendar.monthrange(2028, month)[1]
    return f"{name} {day} is not a date ({name} has {most} days)"
