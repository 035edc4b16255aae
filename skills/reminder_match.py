"""Which scheduled entries a request is about: "the dentist reminder", "all my alarms",
"tomorrow's meetings", "the pasta timer"."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from rapidfuzz import fuzz

from assistant.reminders.book import Book
from assistant.reminders.entry import Entry
from assistant.slots.types import without_spans
from assistant.timeparse import TimeSpec

_ALL = re.compile(r"\b(?:all|every|everything|each|any|clear|wipe)\b", re.IGNORECASE)
_KIND_WORDS = {
    "alarm": r"\balarms?\b|\bwake[- ]?up\b",
    "timer": r"\btimers?\b|\bcountdowns?\b",
    "event": r"\b(?:events?|appointments?|meetings?|calendar)\b",
}
_FILLER = re.compile(
    r"\b(?:cancel|delete|remove|clear|drop|scrap|wipe|kill|stop|dismiss|silence|unset|disable"
    r"|turn off|get rid of|call off|forget|never mind|nevermind|snooze|move|change|push|shift"
    r"|reschedule|make|put|set|bring|delay|postpone|the|my|a|an|all|every|any|each|of|for|to|on"
    r"|about|with|reminders?|alarms?|timers?|events?|appointments?|meetings?|please|pls|i|me"
    r"|you|can|could|would|don't|dont|need|want|that|this|it|one|instead|anymore|again|so"
    r"|thanks|just|actually|back|forward|later|earlier|by|from|is|in|calendar|schedule"
    r"|remind|reminding|no|not|what|any more)\b",
    re.IGNORECASE,
)


def kind_asked(text: str) -> str | None:
    for kind, pattern in _KIND_WORDS.items():
        if re.search(pattern, text, re.IGNORECASE):
            return kind
    return None


def wants_all(text: str) -> bool:
    return bool(_ALL.search(text))


def topic(text: str, spec: TimeSpec | None) -> str:
    """The words that name an entry: "cancel the dentist reminder" → "dentist"."""
    body = without_spans(text, spec.spans) if spec else text
    body = _FILLER.sub(" ", body)
    return " ".join(re.sub(r"[^\w' -]", " ", body).split())


def window(spec: TimeSpec | None) -> tuple[datetime, datetime] | None:
    """The span of time a request names: a day, a week, a range, an hour."""
    if spec is None or spec.start is None:
        return None
    if spec.end:
        return spec.start, spec.end + (timedelta(days=1) if spec.grain == "day" else timedelta(0))
    length = {"minute": timedelta(minutes=1), "hour": timedelta(hours=3), "day": timedelta(days=1),
              "week": timedelta(days=7), "month": timedelta(days=31), "year": timedelta(days=366)}  # fmt: skip
    return spec.start, spec.start + length.get(spec.grain or "day", timedelta(days=1))


def matches(book: Book, text: str, spec: TimeSpec | None, now: datetime) -> list[Entry]:
    """The active entries `text` points at, best first."""
    kind = kind_asked(text)
    found = book.entries(kind=kind)
    span = window(spec)
    if span and spec is not None and spec.day_said:
        start, end = span
        found = [e for e in found if e.next and start <= e.next < end]
    elif span and spec is not None and spec.grain == "minute":
        found = [e for e in found if e.next and abs((e.next - span[0]).total_seconds()) < 60]
    words = topic(text, spec)
    if not words:
        return found
    scored = [(fuzz.token_set_ratio(words.lower(), e.title.lower()), e) for e in found]
    best = [e for score, e in sorted(scored, key=lambda p: -p[0]) if score >= 70]
    return best
