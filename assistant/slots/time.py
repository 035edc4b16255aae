"""The Time slot: a moment, a length of time or a repeat rule, as people say them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant import timeparse
from assistant.slots.types import SlotContext, SlotType


@dataclass(frozen=True, kw_only=True)
class Time(SlotType):
    """ "at 5pm", "in 20 minutes", "every weekday at 7", "friday from 2 to 3".

    Fills its name with the words that said when, plus the companions it found: `time`
    (the first moment meant, ISO, minutes), `end`, `grain`, `duration` and
    `duration_seconds`, `recurrence` (an iCalendar RRULE), and `time_error` with
    `time_problem` (why a time said cannot be: "25:00 is not a time of day", "past").
    """

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "description": "when, in words: 'at 5pm', 'in an hour'"}

    def parse(self, text: str, ctx: SlotContext) -> timeparse.TimeSpec | None:
        return timeparse.parse(text, ctx.now)

    def fill(self, name: str, text: str, ctx: SlotContext) -> dict[str, Any]:
        spec = self.parse(text, ctx)
        if spec is None:
            return {}
        slots: dict[str, Any] = {name: spec.text}
        if spec.start is not None:
            slots["time"] = spec.start.isoformat(timespec="minutes")
            slots["grain"] = spec.grain
        if spec.end is not None:
            slots["end"] = spec.end.isoformat(timespec="minutes")
        if spec.duration is not None:
            slots["duration"] = _length_words(spec.text)
            slots["duration_seconds"] = int(spec.duration.total_seconds())
        if spec.rrule:
            slots["recurrence"] = spec.rrule
        if spec.error:
            slots["time_error"] = spec.error
            slots["time_problem"] = spec.problem
        return slots


def _length_words(said: str) -> str:
    for lead in ("in ", "for "):
        said = said.removeprefix(lead)
    return said
