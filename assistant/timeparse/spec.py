"""What a parsed time expression means."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

GRAINS = ("minute", "hour", "day", "week", "month", "year")
PROBLEMS = ("invalid", "past", "too_often", "too_far")


@dataclass
class TimeSpec:
    text: str  # the words that said when, as the user wrote them
    start: datetime | None = None  # the first moment meant (for a repeat: its first occurrence)
    end: datetime | None = None  # the end of a range or of something that lasts
    grain: str | None = None  # how precisely the moment was said: one of GRAINS
    rrule: str | None = None  # iCalendar RRULE, e.g. "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    duration: timedelta | None = None  # "for 10 minutes", "in an hour", "a 5 minute timer"
    error: str | None = None  # why the time said cannot be: "25:00 is not a time of day"
    problem: str | None = None  # the kind of error: one of PROBLEMS
    spans: list[tuple[int, int]] = field(default_factory=list)  # where in the text it was said
    day_said: bool = False  # a day or date was named ("friday", "the 3rd"), not only a time

    def as_json(self) -> dict[str, str | None]:
        """The stable `assistant time parse --json` object (less `text`)."""
        return {
            "start": _iso(self.start),
            "end": _iso(self.end),
            "grain": self.grain,
            "rrule": self.rrule,
            "error": self.error,
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="minutes") if moment else None
