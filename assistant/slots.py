"""First-pass slot extraction: devices, rooms, values, times and tasks found by pattern.

Deliberately simple; the intent-model issue replaces it with parsed times, recurrence and
fuzzy matching against the device registry.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.slot_values import SLOT_VALUES

_DEVICE_NOUNS = (
    "lights?|lamps?|fans?|tv|television|heater|thermostat|garage door|door|plug|speaker|"
    "coffee machine|kettle|air conditioner|ac|dehumidifier|blinds|curtains|radiator"
)
_DEVICE_NOUN = re.compile(rf"\b({_DEVICE_NOUNS})\b", re.IGNORECASE)
# Words that never name a device, so "is the garage door" yields just "garage door".
_NOT_MODIFIER = frozenset(
    (
        "a all an and any are at be can could did do does dim every everything for from i in "
        "is it just kill leave left me my now of off on please set shut start stop switch that "
        "the them then to too turn up down was what which whether would you your"
    ).split()
)
_ROOMS = sorted(SLOT_VALUES["room"], key=len, reverse=True)
_ROOM = re.compile(r"\b(" + "|".join(re.escape(r) for r in _ROOMS) + r")\b", re.IGNORECASE)
_VALUE = re.compile(
    r"\b(\d+(?:\.\d+)?)\s*(%|percent|degrees?|°c|°f|°)?"
    r"|\b(red|green|blue|white|warm white|cool white|yellow|orange|purple|pink|max|min|half)\b",
    re.IGNORECASE,
)
_PROPERTY = re.compile(r"\b(brightness|colou?r|temperature|volume|speed)\b", re.IGNORECASE)
_WHEN = re.compile(
    r"\b((?:every|each) [a-z]+(?: at [\w:.]+(?: ?[ap]\.?m\.?)?)?"
    r"|(?:at|by) \d{1,2}(?::\d{2})?(?: ?[ap]\.?m\.?)?"
    r"|at (?:noon|midnight|half past \w+|quarter (?:past|to) \w+)"
    r"|in (?:a|an|\d+|a few|a couple of) (?:seconds?|minutes?|mins?|hours?|days?|weeks?)"
    r"|(?:tomorrow|tonight|today|this (?:morning|afternoon|evening))(?: at [\w:]+(?: ?[ap]m)?)?"
    r"|(?:on |next )(?:mon|tues|wednes|thurs|fri|satur|sun)day(?: at [\w:]+(?: ?[ap]m)?)?)",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"\b(?:for )?((?:\d+|a|an|one|two|three|five|ten|half an?)"
    r" ?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)(?: and (?:a half|\d+ \w+))?)\b",
    re.IGNORECASE,
)
_TASK = re.compile(
    r"\b(?:remind me|don't let me forget|remember) (?:to|that i need to) (.+)", re.IGNORECASE
)
_LANGUAGE = re.compile(
    r"\b(python|javascript|typescript|rust|sql|bash|go|golang|java|c\+\+|c#|ruby|php|kotlin|swift)\b",
    re.IGNORECASE,
)
_SCOPE_ALL = re.compile(r"\b(all|every|everything)\b", re.IGNORECASE)


def extract(text: str, intent: str) -> dict[str, Any]:
    """Slots relevant to `intent` found in `text`; missing ones are simply absent."""
    family = intent.split(".")[0]
    if family == "device":
        return _device_slots(text)
    if family == "reminder":
        return _reminder_slots(text)
    if intent == "code":
        match = _LANGUAGE.search(text)
        return {"language": match.group(1).lower()} if match else {}
    return {}


def _device_slots(text: str) -> dict[str, Any]:
    slots: dict[str, Any] = {}
    noun = _DEVICE_NOUN.search(text)
    room = _ROOM.search(text)
    if room and noun and room.start() >= noun.start() and room.end() <= noun.end():
        room = None  # "garage" in "garage door" names the device, not a room
    if room:
        slots["room"] = room.group(1).lower()
    if noun:
        slots["device"] = _device_name(text, noun, room)
    if _SCOPE_ALL.search(text):
        slots["scope"] = "all"
    prop = _PROPERTY.search(text)
    if prop:
        slots["property"] = prop.group(1).lower().replace("color", "colour")
    value = _VALUE.search(text)
    if value:
        slots["value"] = _value_text(value)
    return slots


def _value_text(match: re.Match[str]) -> str:
    if not match.group(1):
        return match.group(3).lower()
    unit = (match.group(2) or "").lower()
    return match.group(1) + (f" {unit}" if unit.isalpha() else unit)


def _device_name(text: str, noun: re.Match[str], room: re.Match[str] | None) -> str:
    """The device noun plus up to two describing words before it ("desk lamp")."""
    start = noun.start()
    if room and room.end() <= start and not text[room.end() : start].strip():
        start = room.start()  # "kitchen lights": the room is not part of the name
    floor = room.end() if room and room.end() <= start else 0  # modifiers stop at the room
    before = re.findall(r"[\w']+", text[floor:start].lower())
    modifiers: list[str] = []
    if not (room and start == room.start()):
        for word in reversed(before[-2:]):
            if word in _NOT_MODIFIER:
                break
            modifiers.insert(0, word)
    return " ".join([*modifiers, noun.group(1).lower()])


def _reminder_slots(text: str) -> dict[str, Any]:
    slots: dict[str, Any] = {}
    when = _WHEN.search(text)
    if when:
        slots["when"] = when.group(1)
    duration = _DURATION.search(text)
    if duration and not (when and duration.group(1) in when.group(1)):
        slots["duration"] = duration.group(1)
    task = _TASK.search(text)
    if task:
        body = task.group(1)
        if when:
            body = body.replace(when.group(1), "")
        slots["task"] = " ".join(body.split()).rstrip(" .!?")
    return slots
