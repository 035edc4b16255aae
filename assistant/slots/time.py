"""The Time slot: a moment, a length of time or a repeat rule, as people say them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.slots import timeparse
from assistant.slots.types import SlotContext, SlotType


@dataclass(frozen=True, kw_only=True)
class Time(SlotType):
    """ "at 5pm", "in 20 minutes", "every weekday at 7".

    Fills its name with the words that said when, plus the companions it found: `time`
    (the next moment meant, ISO, minutes), `duration` and `duration_seconds`, `recurrence`
    (an iCalendar RRULE) and `time_error` (why a time said cannot be, e.g. "25:00").
    """

    def parse(self, text: str, ctx: SlotContext) -> timeparse.TimeSpec | None:
        return timeparse.parse(text, ctx.now)

    def fill(self, name: str, text: str, ctx: SlotContext) -> dict[str, Any]:
        spec = self.parse(text, ctx)
        if spec is None:
            return {}
        slots: dict[str, Any] = {name: spec.text}
        if spec.at is not None:
            slots["time"] = spec.at.isoformat(timespec="minutes")
        if spec.duration is not None:
            slots["duration"] = spec.text if spec.at is None else spec.text.removeprefix("in ")
            slots["duration_seconds"] = int(spec.duration.total_seconds())
        if spec.recurrence:
            slots["recurrence"] = spec.recurrence
        if spec.error:
            slots["time_error"] = spec.error
        return slots
