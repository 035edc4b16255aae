"""One scheduled thing: a reminder, an alarm, a timer or a calendar event."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

KINDS = ("reminder", "alarm", "timer", "event")
STATUSES = ("active", "done", "cancelled")


@dataclass
class Entry:
    title: str  # the task or the event's summary: "call mom", "dentist"
    start: datetime  # timezone-aware; the first occurrence (iCalendar DTSTART)
    kind: str = "reminder"  # one of KINDS
    end: datetime | None = None  # events: when they end (DTEND)
    rrule: str | None = None  # iCalendar RRULE without the "RRULE:" prefix
    remind_before: timedelta | None = None  # events: alert this long before the start
    status: str = "active"  # one of STATUSES
    uid: str = ""  # iCalendar UID, stable across export and import
    id: int | None = None  # the row id once stored
    created: datetime | None = None
    exdates: list[datetime] = field(default_factory=list)  # occurrences taken out
    rdates: list[datetime] = field(default_factory=list)  # occurrences added (RDATE)
    next: datetime | None = None  # its next occurrence (or snooze), as the book last worked out

    def as_json(self) -> dict[str, Any]:
        """As `assistant reminders --json` and `ask --json` show it."""
        before = self.remind_before
        return {
            "id": self.id, "kind": self.kind, "title": self.title,
            "start": self.start.isoformat(), "end": self.end.isoformat() if self.end else None,
            "next": self.next.isoformat() if self.next else None, "rrule": self.rrule,
            "status": self.status, "uid": self.uid,
            "remind_before_s": int(before.total_seconds()) if before else None,
        }  # fmt: skip
