"""How the reminders skill reads and says things: what kind of entry a request is, its
title without the time and the lead-in, and dates and times in words."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from assistant.reminders.entry import Entry
from assistant.slots.types import without_spans
from assistant.timeparse import TimeSpec

_TIMER = re.compile(r"\b(?:timers?|countdown|count down)\b", re.IGNORECASE)
_ALARM = re.compile(r"\b(?:alarms?|wake me|wake up|get me up|be up)\b", re.IGNORECASE)
_EVENT = re.compile(
    r"\b(?:appointments?|meetings?|calendar|diary|events?|schedule|book(?:ed)?|lunch|dinner"
    r"|breakfast|coffee|drinks|call with|party|interview|session|class|standup|stand-up"
    r"|i(?:'m| am) (?:away|off|out)|i have|i've got)\b",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^(?:(?:hey|ok|okay|so|um|uh|please|pls|can you|could you|would you|will you|kindly)\b"
    r"[\s,]*)*(?:remind me (?:to |about |that |of )?|set (?:me )?(?:up )?(?:a |an )?"
    r"(?:reminder|alarm|timer)s?(?: for| to| about)?|(?:add|put|schedule|book|create|make|"
    r"pencil in|set up) (?:me )?(?:a |an |in )?|new (?:reminder|event)s?:? ?|i have (?:a |an )?"
    r"|i've got (?:a |an )?|i(?:'m| am) |there(?:'s| is) (?:a |an )?"
    r"|don't let me forget (?:to )?|wake me(?: up)?|start (?:a |an )?)",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"\s*\b(?:(?:in|to|on|into) my (?:calendar|diary|schedule)|for me|please|thanks|thank you"
    r"|reminder|timer|alarm|so remind me|remind me)\s*$",
    re.IGNORECASE,
)


def kind_of(text: str, spec: TimeSpec | None) -> str:
    if _TIMER.search(text):
        return "timer"
    if _ALARM.search(text):
        return "alarm"
    if _EVENT.search(text) or (spec is not None and spec.end is not None):
        return "event"
    return "reminder"


def title_of(text: str, spec: TimeSpec | None, task: str | None, kind: str) -> str:
    """ "add a dentist appointment on friday at 3" → "dentist appointment"."""
    if task:
        return _tidy(task)
    body = without_spans(text, spec.spans) if spec else text
    body = _tidy(body)
    for _ in range(3):
        body = _LEAD_IN.sub("", body).strip(" ,:")
        body = _TAIL.sub("", body).strip(" ,:")
    body = re.sub(r"^(?:a|an|the|my)\s+", "", body, flags=re.IGNORECASE)
    if kind == "timer" and spec and spec.duration:
        label = re.sub(
            r"\b(?:set|start|a|an|for|the|on|put|timer)\b", " ", body, flags=re.IGNORECASE
        )
        label = " ".join(label.split())
        length = spell_length(spec.duration)
        return f"{label} ({length})" if label else f"{length} timer"
    return body or {"alarm": "alarm", "timer": "timer", "event": "event"}.get(kind, "reminder")


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" .!?,;:")


def spell_length(length: timedelta) -> str:
    seconds = int(length.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} hour{'s' * (hours != 1)}"] * bool(hours)
    parts += [f"{minutes} minute{'s' * (minutes != 1)}"] * bool(minutes)
    parts += [f"{secs} second{'s' * (secs != 1)}"] * bool(secs)
    return " ".join(parts) or "0 minutes"


def clock_words(moment: datetime) -> str:
    """17:00 → "5 pm", 09:30 → "9:30 am", 00:00 → "midnight", 12:00 → "noon"."""
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    if (moment.hour, moment.minute) == (12, 0):
        return "noon"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes} {'am' if moment.hour < 12 else 'pm'}"


def day_words(moment: datetime, now: datetime) -> str:
    """ "today (Wednesday 2 December)", "tomorrow (…)", "on Friday 4 December 2027"."""
    dated = f"{moment:%A} {moment.day} {moment:%B}"
    if moment.year != now.year:
        dated += f" {moment.year}"
    ahead = (moment.date() - now.date()).days
    if ahead == 0:
        return f"today ({dated})"
    if ahead == 1:
        return f"tomorrow ({dated})"
    return f"on {dated}"


def when_words(moment: datetime, now: datetime, with_time: bool = True) -> str:
    day = day_words(moment, now)
    return f"{day} at {clock_words(moment)}" if with_time else day


def repeat_words(rule: str | None) -> str:
    if not rule:
        return ""
    parts = dict(p.split("=", 1) for p in rule.split(";"))
    every = {"MINUTELY": "minute", "HOURLY": "hour", "DAILY": "day", "WEEKLY": "week",
             "MONTHLY": "month", "YEARLY": "year"}.get(parts["FREQ"], "time")  # fmt: skip
    interval = int(parts.get("INTERVAL", 1))
    said = f"every {interval} {every}s" if interval > 1 else f"every {every}"
    days = parts.get("BYDAY")
    if days == "MO,TU,WE,TH,FR":
        said = "every weekday"
    elif days:
        names = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
                 "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}  # fmt: skip
        said += " on " + ", ".join(names.get(d[-2:], d) for d in days.split(","))
    if "BYMONTHDAY" in parts:
        said += f" on day {parts['BYMONTHDAY']}"
    return said


def describe(entry: Entry, now: datetime) -> str:
    """ "dentist (event) on Friday 4 December at 3 pm, until 4 pm"."""
    moment = entry.next or entry.start
    said = f"{entry.title} ({entry.kind}) {when_words(moment, now)}"
    if entry.end:
        said += f", until {clock_words(entry.end + (moment - entry.start))}"
    if entry.rrule:
        said += f", {repeat_words(entry.rrule)}"
    return said
