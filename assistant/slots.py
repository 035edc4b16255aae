"""Slot extraction per intent family: devices and rooms (fuzzy-matched to known names),
values with units and colours, times, durations and recurrence, tasks, code language."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from assistant import timeparse
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
_TASK = re.compile(r"\b(?:remind me|don't let me forget|remember)\b.*?\bto (.+)", re.IGNORECASE)
_LANGUAGE = re.compile(
    r"\b(python|javascript|typescript|rust|sql|bash|go|golang|java|c\+\+|c#|ruby|php|kotlin|swift)\b",
    re.IGNORECASE,
)
_CODE_TASK = re.compile(
    r"\b(?:write|create|generate|make|implement|code up|fix|explain|refactor|convert|debug)\s+(?:me\s+)?(.+)",
    re.IGNORECASE,
)
_COLOURS = {
    "red",
    "green",
    "blue",
    "white",
    "warm white",
    "cool white",
    "yellow",
    "orange",
    "purple",
    "pink",
}
_SCOPE_ALL = re.compile(r"\b(all|every|everything)\b", re.IGNORECASE)


def extract(text: str, intent: str, now: datetime | None = None) -> dict[str, Any]:
    """Slots relevant to `intent` found in `text`; missing ones are simply absent."""
    family = intent.split(".")[0]
    if family == "device":
        return _device_slots(text)
    if family == "reminder":
        return _reminder_slots(text, now)
    if intent == "code":
        return _code_slots(text)
    return {}


def _code_slots(text: str) -> dict[str, Any]:
    slots: dict[str, Any] = {}
    language = _LANGUAGE.search(text)
    if language:
        name = language.group(1).lower()
        slots["language"] = {"golang": "go"}.get(name, name)
    task = _CODE_TASK.search(text)
    if task:
        slots["task"] = task.group(1).rstrip(" .?!")
    return slots


def _device_slots(text: str) -> dict[str, Any]:
    slots: dict[str, Any] = {}
    noun = _DEVICE_NOUN.search(text)
    room = _ROOM.search(text)
    room_names_device = bool(
        room and noun and room.start() >= noun.start() and room.end() <= noun.end()
    )
    if room_names_device:
        room = None  # "garage" in "garage door" names the device, not a room
    if room:
        slots["room"] = room.group(1).lower()
    elif not room_names_device and (fuzzy_room := _fuzzy(text, _ROOMS)) is not None:
        slots["room"] = fuzzy_room
    if noun:
        slots["device"] = _canonical(_device_name(text, noun, room))
    elif (fuzzy_device := _fuzzy(text, KNOWN_DEVICES)) is not None:
        slots["device"] = fuzzy_device
    if _SCOPE_ALL.search(text):
        slots["scope"] = "all"
    prop = _PROPERTY.search(text)
    if prop:
        slots["property"] = prop.group(1).lower().replace("color", "colour")
    value = _VALUE.search(text)
    if value:
        slots["value"] = _value_text(value)
        if value.group(1):
            slots["number"] = float(value.group(1))
            unit = (value.group(2) or "").lower()
            if unit:
                slots["unit"] = "%" if unit in {"%", "percent"} else "°F" if unit == "°f" else "°C"
        elif value.group(3).lower() in _COLOURS:
            slots["colour"] = value.group(3).lower()
        elif value.group(3).lower() == "half":
            slots["number"], slots["unit"] = 50.0, "%"
    return slots


KNOWN_DEVICES = sorted(set(SLOT_VALUES["device"]))
FUZZY_CUTOFF = 85  # rapidfuzz ratio: "dsk lamp" → "desk lamp", "kitchn" → "kitchen"


def _canonical(name: str) -> str:
    """A known device name the heard one is a misspelling of, else the name as heard."""
    from rapidfuzz import fuzz, process

    match = process.extractOne(name, KNOWN_DEVICES, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return str(match[0]) if match else name


def _fuzzy(text: str, names: list[str]) -> str | None:
    """The best known name matching any 1–3 word stretch of the text closely enough."""
    from rapidfuzz import fuzz, process

    words = re.findall(r"[\w']+", text.lower())
    grams = [" ".join(words[i : i + n]) for n in (3, 2, 1) for i in range(len(words) - n + 1)]
    best: tuple[str, float] | None = None
    for gram in grams:
        if len(gram) < 4:
            continue
        match = process.extractOne(gram, names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if match and (best is None or match[1] > best[1]):
            best = (str(match[0]), float(match[1]))
    return best[0] if best else None


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


def _reminder_slots(text: str, now: datetime | None) -> dict[str, Any]:
    slots: dict[str, Any] = {}
    spec = timeparse.parse(text, now or datetime.now())
    if spec is not None:
        slots["when"] = spec.text
        if spec.at is not None:
            slots["time"] = spec.at.isoformat(timespec="minutes")
        if spec.duration is not None:
            slots["duration"] = spec.text if spec.at is None else spec.text.removeprefix("in ")
            slots["duration_seconds"] = int(spec.duration.total_seconds())
        if spec.recurrence:
            slots["recurrence"] = spec.recurrence
        if spec.error:
            slots["time_error"] = spec.error
    task = _TASK.search(text)
    if task:
        body = task.group(1)
        if spec is not None:
            body = _strip_time_words(body, spec.text)
        slots["task"] = " ".join(body.split()).rstrip(" .!?,")
    return slots


def _strip_time_words(body: str, when: str) -> str:
    """Remove the time phrase(s) from a task: "call mom at 5pm" → "call mom"."""
    for piece in re.split(r"\s+(?=at |on |in |every |tomorrow|tonight|today|this |next )", when):
        body = re.sub(re.escape(piece.strip()), "", body, flags=re.IGNORECASE)
    return body
