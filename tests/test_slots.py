"""Slot extraction on tricky inputs: times, durations, recurrence, devices, values, code —
through the slot types the built-in skills declare."""

from datetime import datetime

import pytest

from assistant.slots import SlotContext, fill
from assistant.timeparse import parse
from skills.code import SLOTS as CODE_SLOTS
from skills.devices import SLOTS as DEVICE_SLOTS
from skills.reminders import SLOTS as REMINDER_SLOTS

NOW = datetime(2026, 12, 2, 15, 0)  # a Wednesday afternoon


def extract(text: str, intent: str, now: datetime = NOW) -> dict:
    """What the router fills for `intent` from `text`, as the skills declare it."""
    declared = {"device": DEVICE_SLOTS, "reminder": REMINDER_SLOTS, "code": CODE_SLOTS}
    return fill(text, declared[intent.split(".")[0]], SlotContext(now))


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("remind me to call mom at 5pm", "2026-12-02T17:00"),
        ("call mom at 5", "2026-12-02T17:00"),  # the next 5 o'clock
        ("wake me at 9:30 am", "2026-12-03T09:30"),  # already past today
        ("at half past six", "2026-12-02T18:30"),
        ("remind me at quarter to seven tomorrow", "2026-12-03T06:45"),
        ("wake me up tomorrow morning", "2026-12-03T09:00"),
        ("next monday at 9", "2026-12-07T09:00"),
        ("on friday at noon", "2026-12-04T12:00"),
        ("at 7 this evening", "2026-12-02T19:00"),
        ("in 2 hours and 30 minutes", "2026-12-02T17:30"),
        ("in 90 seconds", "2026-12-02T15:01"),
        ("pay the rent on the 3rd of june", "2027-06-03T00:00"),
        ("at midnight", "2026-12-03T00:00"),
    ],
)
def test_times_resolve_to_the_next_moment_meant(text, time):
    spec = parse(text, NOW)
    assert spec is not None and spec.start is not None
    assert spec.start.isoformat(timespec="minutes") == time


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("set a timer for 10 minutes", 600),
        ("timer an hour and a half", 5400),
        ("half an hour", 1800),
        ("5 min", 300),
        ("two hours", 7200),
        ("45 secs", 45),
    ],
)
def test_durations(text, seconds):
    spec = parse(text, NOW)
    assert spec is not None and spec.duration is not None
    assert spec.duration.total_seconds() == seconds


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("every weekday at 7 remind me to stretch", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("water the plants every sunday", "FREQ=WEEKLY;BYDAY=SU"),
        ("every other monday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
        ("take my pills daily", "FREQ=DAILY"),
        ("every 2 hours", "FREQ=HOURLY;INTERVAL=2"),
        ("every weekend", "FREQ=WEEKLY;BYDAY=SA,SU"),
    ],
)
def test_recurrence(text, rule):
    spec = parse(text, NOW)
    assert spec is not None and spec.rrule == rule


def test_impossible_time_is_reported_not_guessed():
    slots = extract("wake me at 25:00", "reminder.create", NOW)
    assert slots["time_error"] == "25:00 is not a time of day" and "time" not in slots


def test_no_time_is_no_slot_and_numbers_are_not_times():
    assert parse("turn the heating to 21 degrees", NOW) is None
    assert extract("remind me to buy milk and eggs", "reminder.create", NOW) == {
        "task": "buy milk and eggs"
    }


def test_reminder_slots_separate_task_and_time():
    assert extract("remind me to call mom at 5pm", "reminder.create", NOW) == {
        "when": "at 5pm",
        "time": "2026-12-02T17:00",
        "grain": "minute",
        "task": "call mom",
    }
    slots = extract("remind me in 20 minutes to check the oven", "reminder.create", NOW)
    assert (slots["task"], slots["duration_seconds"], slots["time"]) == (
        "check the oven",
        1200,
        "2026-12-02T15:20",
    )


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("turn off the kitchen lights", "device.off", {"room": "kitchen", "device": "lights"}),
        ("is the garage door open", "device.query", {"device": "garage door"}),
        (
            "switch the living room floor lamp on",
            "device.on",
            {"room": "living room", "device": "floor lamp"},
        ),
        ("turn on the dsk lamp", "device.on", {"device": "desk lamp"}),  # fuzzy: a typo
        ("turn off the cieling fan", "device.off", {"device": "ceiling fan"}),
        (
            "turn off all the lights downstairs",
            "device.off",
            {"room": "downstairs", "device": "lights", "scope": "all"},
        ),
        (
            "dim the desk lamp to 30%",
            "device.set",
            {"device": "desk lamp", "value": "30%", "number": 30.0, "unit": "%"},
        ),
        (
            "set the thermostat to 21.5 degrees",
            "device.set",
            {"device": "thermostat", "value": "21.5 degrees", "number": 21.5, "unit": "°C"},
        ),
        (
            "make the bedroom light blue",
            "device.set",
            {"room": "bedroom", "device": "light", "value": "blue", "colour": "blue"},
        ),
    ],
)
def test_device_slots(text, intent, expected):
    assert extract(text, intent) == expected


def test_code_slots_name_language_and_task():
    assert extract("write a python function that parses ISO dates", "code") == {
        "language": "python",
        "task": "a python function that parses ISO dates",
    }
    assert extract("explain this golang snippet", "code")["language"] == "go"
