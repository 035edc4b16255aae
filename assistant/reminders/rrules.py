"""RRULEs between iCalendar files and entries: an entry keeps the rule as text that
occurrences.py can follow; a file gets it as RFC 5545 wants it."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from dateutil.rrule import rrulestr
from icalendar import vRecur

from assistant.reminders.occurrences import REAL_TIME_FREQS

MAX_COUNT = 100_000  # a longer COUNT is refused: following it from its start takes minutes


def for_file(text: str, start: datetime) -> vRecur:
    """An entry's rule as a file carries it; ValueError for text that is no rule."""
    return _until(vRecur.from_ical(text.removeprefix("RRULE:")), start, to_file=True)


def for_entry(rule: vRecur, start: datetime) -> str:
    """A file's rule as an entry keeps it. ValueError for one the scheduler cannot follow,
    its text completing "VEVENT 'title' ..."."""
    rule = vRecur(rule)
    scale = _word(rule.pop("RSCALE", ["GREGORIAN"])[0])
    if scale != "GREGORIAN":  # RFC 7529; the Gregorian scale is RFC 5545's own
        raise ValueError(f"repeats in the {scale} calendar (RRULE RSCALE), which is not supported")
    skip = _word(rule.pop("SKIP", ["OMIT"])[0])
    if skip != "OMIT" and _skip_matters(rule, start):
        raise ValueError(
            f"has RRULE SKIP={skip} (RFC 7529) for days some months lack: not supported"
        )
    count = rule.get("COUNT")
    try:
        too_many = bool(count) and int(count[0]) > MAX_COUNT
        text: str = _until(rule, start, to_file=False).to_ical().decode()
        rrulestr(text, dtstart=start.replace(tzinfo=None), cache=False)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as e:
        why = " ".join(str(e).split())[:160]
        raise ValueError(f"has an RRULE the scheduler cannot follow: {why}") from None
    if too_many:
        raise ValueError(f"repeats {count[0]} times (RRULE COUNT); at most {MAX_COUNT} are taken")
    return text


def _until(rule: vRecur, start: datetime, *, to_file: bool) -> vRecur:
    """Entries keep UNTIL floating, in the frame occurrences.py expands rules in (the
    start's wall clock; UTC for HOURLY and finer), as dateutil wants it beside a naive
    DTSTART; files carry it in UTC, as RFC 5545 wants. A date UNTIL means that day's end."""
    if not rule.get("UNTIL"):
        return rule
    elapsed = str(rule.get("FREQ", [""])[0]).upper() in REAL_TIME_FREQS
    frame = UTC if elapsed else start.tzinfo
    last = rule["UNTIL"][0]
    if not isinstance(last, datetime):
        last = datetime.combine(last, time(23, 59, 59))
    if last.tzinfo is None:
        last = last.replace(tzinfo=frame)
    last = last.astimezone(UTC if to_file else frame)
    rule = vRecur(rule)
    rule["UNTIL"] = [last if to_file else last.replace(tzinfo=None)]
    return rule


def _skip_matters(rule: vRecur, start: datetime) -> bool:
    """Whether RFC 7529's SKIP can change a Gregorian rule: only when it would land on a
    29th, 30th or 31st (a day some months lack); weekdays and year days always exist."""
    days = [int(d) for d in rule.get("BYMONTHDAY", [])]
    if days:
        return any(abs(d) > 28 for d in days)
    if any(part in rule for part in ("BYDAY", "BYYEARDAY", "BYWEEKNO")):
        return False
    return str(rule.get("FREQ", [""])[0]).upper() in ("MONTHLY", "YEARLY") and start.day > 28


def _word(value: Any) -> str:
    """A recurrence part as text: icalendar keeps some as enums (vSkip), some as vText."""
    return (value.to_ical().decode() if hasattr(value, "to_ical") else str(value)).upper()
