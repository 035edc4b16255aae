"""Slot types for the home: device names and rooms (fuzzy-matched to known names), "all",
the property to change and the value to set (a number with its unit, a colour, a level)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.slots.types import SlotContext, SlotType
from assistant.slots.values import SLOT_VALUES

# Device nouns by kind; `Device(kinds=("light",))` matches only those.
DEVICE_KINDS = {
    "light": "lights?|lamps?",
    "fan": "fans?",
    "media": "tv|television|speaker",
    "climate": "heater|thermostat|air conditioner|ac|dehumidifier|radiator",
    "cover": "garage door|door|blinds|curtains",
    "switch": "plug|coffee machine|kettle",
}
_ALL_NOUNS = "|".join(DEVICE_KINDS.values())
# Words that never name a device, so "is the garage door" yields just "garage door".
_NOT_MODIFIER = frozenset(
    (
        "a all an and any are at be can could did do does dim every everything for from i in "
        "is it just kill leave left me my now of off on please set shut start stop switch that "
        "the them then to too turn up down was what which whether would you your"
    ).split()
)
ROOMS = sorted(SLOT_VALUES["room"], key=len, reverse=True)
_ROOM = re.compile(r"\b(" + "|".join(re.escape(r) for r in ROOMS) + r")\b", re.IGNORECASE)
KNOWN_DEVICES = sorted(set(SLOT_VALUES["device"]))
FUZZY_CUTOFF = 85  # rapidfuzz ratio: "dsk lamp" → "desk lamp", "kitchn" → "kitchen"
_VALUE = re.compile(
    r"\b(\d+(?:\.\d+)?)\s*(%|percent|degrees?|°c|°f|°)?"
    r"|\b(red|green|blue|white|warm white|cool white|yellow|orange|purple|pink|max|min|half)\b",
    re.IGNORECASE,
)
COLOURS = frozenset(
    [*"red green blue white yellow orange purple pink".split(), "warm white", "cool white"]
)
_SCOPE_ALL = re.compile(r"\b(all|every|everything)\b", re.IGNORECASE)


def _noun(text: str, nouns: str = _ALL_NOUNS) -> re.Match[str] | None:
    return re.search(rf"\b({nouns})\b", text, re.IGNORECASE)


def _room(text: str, noun: re.Match[str] | None) -> tuple[re.Match[str] | None, bool]:
    """The room said, and whether a room word was part of the device's name instead."""
    room = _ROOM.search(text)
    if room and noun and room.start() >= noun.start() and room.end() <= noun.end():
        return None, True  # "garage" in "garage door" names the device, not a room
    return room, False


@dataclass(frozen=True, kw_only=True)
class Room(SlotType):
    """A room or floor: "kitchen", "downstairs"; typos within reach are corrected."""

    referable: bool = True

    def parse(self, text: str, ctx: SlotContext) -> str | None:
        room, names_device = _room(text, _noun(text))
        if room:
            return room.group(1).lower()
        return None if names_device else fuzzy(text, ROOMS)


@dataclass(frozen=True, kw_only=True)
class Device(SlotType):
    """A device as named: the noun plus up to two describing words ("desk lamp")."""

    kinds: tuple[str, ...] = ()  # only these kinds of DEVICE_KINDS; () = any
    referable: bool = True

    def parse(self, text: str, ctx: SlotContext) -> str | None:
        nouns = "|".join(DEVICE_KINDS[k] for k in self.kinds) if self.kinds else _ALL_NOUNS
        noun = _noun(text, nouns)
        if noun is None:
            return None if self.kinds else fuzzy(text, KNOWN_DEVICES)
        room, _ = _room(text, noun)
        return canonical(_device_name(text, noun, room))


@dataclass(frozen=True, kw_only=True)
class Scope(SlotType):
    """ "all" when the command covers every device meant ("all the lights", "everything")."""

    referable: bool = True

    def parse(self, text: str, ctx: SlotContext) -> str | None:
        return "all" if _SCOPE_ALL.search(text) else None


@dataclass(frozen=True, kw_only=True)
class Setting(SlotType):
    """The value to set: fills its name with the words ("30%", "blue") plus `number` and
    `unit` (%, °C, °F) for amounts, or `colour` for colours."""

    def parse(self, text: str, ctx: SlotContext) -> re.Match[str] | None:
        return _VALUE.search(text)

    def fill(self, name: str, text: str, ctx: SlotContext) -> dict[str, Any]:
        value = self.parse(text, ctx)
        if value is None:
            return {}
        slots: dict[str, Any] = {name: _value_text(value)}
        if value.group(1):
            slots["number"] = float(value.group(1))
            unit = (value.group(2) or "").lower()
            if unit:
                slots["unit"] = "%" if unit in {"%", "percent"} else "°F" if unit == "°f" else "°C"
        elif value.group(3).lower() in COLOURS:
            slots["colour"] = value.group(3).lower()
        elif value.group(3).lower() == "half":
            slots["number"], slots["unit"] = 50.0, "%"
        return slots


def canonical(name: str) -> str:
    """A known device name the heard one is a misspelling of, else the name as heard."""
    from rapidfuzz import fuzz, process

    match = process.extractOne(name, KNOWN_DEVICES, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return str(match[0]) if match else name


def fuzzy(text: str, names: list[str]) -> str | None:
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
