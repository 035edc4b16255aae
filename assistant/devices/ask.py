"""What a device command asks for, read from its words ("dim to 30%", "a bit warmer",
"warm white", "unlock"), and turned into one device's Change by what that device can do."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.devices.device import Device
from assistant.devices.state import Change
from assistant.slots.types import NUMBER_WORDS

COLOURS = {
    "red", "green", "blue", "white", "yellow", "orange", "purple", "pink", "cyan",
    "magenta", "violet", "teal", "turquoise", "lime", "amber", "indigo", "lavender",
}  # fmt: skip
COLOUR_TEMPS = {
    "warm white": 2700, "warm": 2700, "soft white": 2700, "candle light": 2200,
    "cool white": 5000, "cool": 5000, "neutral white": 4000, "daylight": 6500,
    "cold white": 6500,
}  # fmt: skip
SPEEDS = ("low", "medium", "high")
MODES = ("heat", "cool", "auto", "eco", "dry", "fan", "night", "turbo")
DEFAULT_STEP = {"brightness": 20.0, "target_temperature": 1.0, "volume": 10.0, "position": 25.0}

# The property a word names: "brightness", "volume", "the heat".
PROPERTY_WORDS = {
    "brightness": "brightness", "bright": "brightness", "dim": "brightness",
    "volume": "volume", "sound": "volume", "temperature": "target_temperature",
    "temp": "target_temperature", "heat": "target_temperature", "heating": "target_temperature",
    "colour": "colour", "color": "colour", "speed": "speed", "position": "position",
    "mode": "mode",
}  # fmt: skip
# Relative words: (property, direction).
RELATIVE = [
    (r"brighter|brighten|more light|lighter|too dark", "brightness", +1),
    (r"dimmer|dim(?:\s+(?:down|it|them|the))?|darker|less bright|too bright|bring (?:\w+ )*down", "brightness", -1),
    (r"warmer|hotter|heat (?:\w+ )?up|chilly|cold|freezing", "target_temperature", +1),
    (r"cooler|colder|cool (?:\w+ )?down|too hot|too warm|boiling|stuffy", "target_temperature", -1),
    (r"louder|volume up|turn (?:\w+ )*up the volume|pump (?:it )?up|can't hear", "volume", +1),
    (r"quieter|softer|volume down|turn (?:\w+ )*down the volume|too loud", "volume", -1),
    (r"faster|speed (?:it )?up", "speed", +1),
    (r"slower|slow (?:it )?down", "speed", -1),
]  # fmt: skip
_NUM = (
    r"(\d+(?:\.\d+)?|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + ")"
)
_AMOUNT = re.compile(
    rf"\b{_NUM}\s*(%|percent|per cent|degrees?\s*(?:c|f|celsius|fahrenheit)?|°\s*[cf]?|deg|points?|k|kelvin)?(?!\w)",
    re.IGNORECASE,
)
_BY = re.compile(rf"\bby\s+{_NUM}", re.IGNORECASE)
_HALF = re.compile(r"\b(half ?way|half)\b", re.IGNORECASE)
_MAX = re.compile(r"\b(full|max(?:imum)?|all the way up|100 percent)\b", re.IGNORECASE)
_MIN = re.compile(r"\b(min(?:imum)?|lowest|all the way down)\b", re.IGNORECASE)
_LITTLE = re.compile(r"\b(a (?:bit|little|touch|tad)|slightly|a smidge)\b", re.IGNORECASE)
_LOTS = re.compile(r"\b(a lot|much|lots)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Ask:
    """One command's request, before knowing which device it lands on."""

    power: bool | None = None  # on / off
    open: bool | None = None  # open / close (covers, garage doors)
    locked: bool | None = None  # lock / unlock
    prop: str | None = None  # the property named or implied
    number: float | None = None  # an absolute amount as said
    unit: str = ""  # %, C, F or ""
    step: float | None = None  # a signed relative change
    colour: str | None = None
    colour_temp: int | None = None
    level: str | None = None  # a speed or a mode word
    relative_default: bool = False  # a step with no amount said: the property's own step

    @property
    def empty(self) -> bool:
        return self == Ask()

    def describe(self) -> str:
        """The asked value in words, for replies: "30%", "blue", "21°C"."""
        if self.colour:
            return self.colour
        if self.colour_temp:
            return f"{self.colour_temp} K"
        if self.level:
            return self.level
        if self.number is not None:
            unit = {"%": "%", "C": "°C", "F": "°F"}.get(self.unit, "")
            return f"{self.number:g}{unit}"
        return "that"


_VALUE_WORDS = re.compile(
    rf"\b(?:{'|'.join(COLOURS)}|warm white|cool white|daylight|brighter|dimmer|warmer|cooler)\b"
    r"|\d+\s*(?:%|percent|degrees?|°)|\bto \d+",
)
_POINT = re.compile(rf"\b{_NUM} point (\w+)\b", re.IGNORECASE)
_MODE = re.compile(rf"\b(?:{'|'.join(MODES)}) mode\b|\bmode (?:to )?(?:{'|'.join(MODES)})\b", re.I)


def without_modes(text: str) -> str:
    """The text less "fan mode", "mode to heat": a mode's word names no device."""
    return _MODE.sub(" ", text)


def _decimals(lower: str) -> str:
    """ "nineteen point five" → "19.5"."""

    def digits(match: re.Match[str]) -> str:
        whole, part = match.group(1), match.group(2)
        whole_n = whole if whole[0].isdigit() else str(NUMBER_WORDS.get(whole, whole))
        part_n = part if part.isdigit() else str(NUMBER_WORDS.get(part, ""))
        return f"{whole_n}.{part_n}" if part_n else match.group(0)

    return _POINT.sub(digits, lower)


def read_ask(text: str, intent: str) -> Ask:
    """The request in `text` for a command routed to `intent` (device.on/off/set)."""
    lower = _decimals(text.lower())
    power = {"device.on": True, "device.off": False}.get(intent)
    locked = opened = None
    if re.search(r"\bunlock", lower):
        locked, power = False, None
    elif re.search(r"\block\b|\block (?:up|the)\b|\bsecure\b|\block it\b", lower):
        locked, power = True, None
    if re.search(r"\b(open|raise|lift|roll up|pull up)\b", lower):
        opened, power = True, None
    elif re.search(r"\b(close|shut(?! (?:off|down))|lower|roll down|pull down|draw)\b", lower):
        opened, power = False, None
    # a follow-up routed to on/off ("now make it blue") may still set a value
    switching = opened is None and locked is None and intent in {"device.on", "device.off"}
    if switching and not _VALUE_WORDS.search(lower):
        return Ask(power=power)
    if intent == "device.set" and re.search(r"\bmute\b", lower):
        return Ask(prop="volume", number=0, unit="%")
    for phrase, kelvin in sorted(COLOUR_TEMPS.items(), key=lambda kv: -len(kv[0])):
        if phrase in ("warm", "cool"):
            continue  # "warmer", "cool down" are temperatures unless "warm white" is said
        if re.search(rf"\b{phrase}\b", lower):
            return Ask(prop="colour_temp", colour_temp=kelvin, power=None)
    colour = next((c for c in COLOURS if re.search(rf"\b{c}\b", lower)), None)
    if colour:
        return Ask(prop="colour", colour=colour)
    level = next((s for s in SPEEDS if re.search(rf"\b{s}\b", lower)), None)
    mode = next(
        (m for m in MODES if re.search(rf"\b{m}(?:ing)? mode\b|\bmode (?:to )?{m}\b", lower)), None
    )
    if mode:
        return Ask(prop="mode", level=mode)
    prop = _property_named(lower)
    amount = _amount(lower)
    if opened is not None and amount is None and not _HALF.search(lower):
        return Ask(open=opened)
    if _MAX.search(lower):
        return Ask(prop=prop or "brightness", number=100, unit="%")
    if _MIN.search(lower):
        return Ask(prop=prop, number=0 if prop == "volume" else 1, unit="%")
    step = _step(lower, prop)
    if step is not None and amount is not None and step[1] is None:
        to_before = re.search(rf"\b(?:to|at)\s+{re.escape(_amount_text(lower))}", lower)
        if not to_before:  # "3 degrees warmer", "20% brighter": the amount is the step
            step = (step[0], amount[0], step[2])
    if step is not None and (amount is None or step[1] is not None):
        relative_prop, said, sign = step
        if said is None and relative_prop in DEFAULT_STEP:
            said = DEFAULT_STEP[relative_prop]
        unit = amount[1] if amount else ""
        return Ask(
            prop=relative_prop,
            step=sign * said if said is not None else float(sign),
            unit=unit,
            relative_default=step[1] is None,
        )
    if level and prop in (None, "speed"):
        return Ask(prop="speed", level=level)
    if _HALF.search(lower):
        return Ask(prop=prop, number=50, unit="%", open=opened if prop else None)
    if amount:
        number, unit = amount
        if unit == "K":
            return Ask(prop="colour_temp", colour_temp=int(number))
        if prop is None and unit in {"C", "F"}:
            prop = "target_temperature"
        return Ask(prop=prop, number=number, unit=unit, open=None if prop else opened)
    return Ask(power=power, open=opened, locked=locked, prop=prop)


def _property_named(lower: str) -> str | None:
    for word, prop in PROPERTY_WORDS.items():
        if re.search(rf"\b{word}\b", lower):
            return prop
    return None


def _amount(lower: str) -> tuple[float, str] | None:
    for match in _AMOUNT.finditer(lower):
        raw, unit = match.group(1), (match.group(2) or "").strip()
        before = lower[: match.start()]
        if re.search(r"\bby\s*$", before):
            continue  # "by 2" is a step, read by _step
        if re.search(r"\d[:.]$|\bin\s*$|\bfor\s*$", before) and not unit:
            continue  # "in 10", "for 5" are lengths of time, not values
        number = float(raw) if raw[0].isdigit() else float(NUMBER_WORDS[raw])
        if unit.startswith(("%", "percent", "per cent", "point")):
            return number, "%"
        if unit in {"k", "kelvin"}:
            return number, "K"
        if unit.endswith(("f", "fahrenheit")):
            return number, "F"
        if unit:
            return number, "C"
        return number, ""
    return None


def _amount_text(lower: str) -> str:
    match = _AMOUNT.search(lower)
    return match.group(0) if match else ""


def _step(lower: str, prop: str | None) -> tuple[str | None, float | None, int] | None:
    """A relative change: (property or None for the device's main one, the amount said or
    None for the default step, sign)."""
    by = _BY.search(lower)
    amount = None
    if by:
        raw = by.group(1)
        amount = float(raw) if raw[0].isdigit() else float(NUMBER_WORDS[raw])
    direction: tuple[str | None, int] | None = None
    for pattern, named_prop, sign in RELATIVE:
        if re.search(rf"\b(?:{pattern})\b", lower):
            direction = (named_prop, sign)
            break
    if direction is None:
        up = re.search(r"\bup\b|\bincrease\b|\braise\b|\bmore\b", lower)
        down = re.search(r"\bdown\b|\bdecrease\b|\breduce\b|\blower\b|\bless\b", lower)
        if not (up or down):
            return None
        direction = (prop, +1 if up else -1)
    relative_prop: str | None = direction[0]
    if prop and prop in DEFAULT_STEP and prop != relative_prop:
        relative_prop = prop  # "turn the volume up": the named property wins
    if amount is None and _LOTS.search(lower):
        amount = 2 * DEFAULT_STEP.get(relative_prop or "", 1.0) if relative_prop else None
    return relative_prop, amount, direction[1]


def change_for(
    ask: Ask, device: Device, state: dict[str, object], group: bool = False
) -> Change | str:
    """The Change `ask` means for `device`, or why it cannot ("has no brightness"); in a
    `group` ("everything off") on and off mean only what can be switched."""
    name = device.name
    if ask.locked is not None:
        if not device.can("lock"):
            return f"the {name} can't be {'locked' if ask.locked else 'unlocked'}"
        return Change({"locked": ask.locked})
    if ask.open is not None and ask.prop is None:
        if device.can("open_close"):
            return Change({"open": ask.open})
        if device.can("position"):
            return Change({"position": 100 if ask.open else 0})
        if device.can("on_off"):
            return Change({"on": ask.open})  # "open the tap"-style: on and off
        return f"the {name} can't be {'opened' if ask.open else 'closed'}"
    if ask.prop is None and ask.number is None and ask.step is None:
        if ask.power is None:
            return "I couldn't tell what to change"
        if device.can("on_off"):
            return Change({"on": ask.power})
        if device.can("open_close") and not group:
            return Change({"open": ask.power})
        return f"the {name} can't be switched {'on' if ask.power else 'off'}"
    prop = ask.prop or _implied_property(device, ask)
    if prop is None:
        return f"the {name} can't be set to {ask.describe()}"
    if prop == "colour":
        if device.can("colour"):
            return Change({"colour": ask.colour})
        if ask.colour == "white" and device.can("colour_temp"):
            return Change({"colour_temp": 4000})
        return f"the {name} can't change colour"
    if prop == "colour_temp":
        if device.can("colour_temp"):
            return Change({"colour_temp": ask.colour_temp})
        return f"the {name} has no adjustable white"
    if prop == "mode":
        return Change({"mode": ask.level}) if device.can("mode") else f"the {name} has no modes"
    if prop == "speed":
        if not device.can("speed"):
            return f"the {name} has no speed setting"
        if ask.level:
            return Change({"speed": ask.level})
        current = str(state.get("speed", "medium"))
        index = SPEEDS.index(current) if current in SPEEDS else 1
        if ask.step is not None:
            index = min(max(index + (1 if ask.step > 0 else -1), 0), len(SPEEDS) - 1)
        elif ask.number is not None:
            index = (
                min(int(ask.number * len(SPEEDS) / 101), 2)
                if ask.unit == "%"
                else min(max(int(ask.number) - 1, 0), 2)
            )
        return Change({"speed": SPEEDS[index]})
    if not device.can(prop):
        if prop == "target_temperature" and device.can("temperature") and not device.can("on_off"):
            return f"the {name} only measures the temperature"
        words = {"target_temperature": "temperature setting", "colour_temp": "white setting"}
        return f"the {name} has no {words.get(prop, prop)}"
    field = "target_temperature" if prop == "target_temperature" else prop
    if ask.step is not None:
        step = ask.step
        if ask.relative_default and ask.prop is None:
            step = (1 if step > 0 else -1) * DEFAULT_STEP.get(prop, 1.0)
        elif ask.unit == "F" and prop == "target_temperature":
            step = step * 5 / 9
        return Change(step={field: step})
    if ask.number is None:
        return "I couldn't tell what to change"
    value = ask.number
    if prop == "target_temperature" and (ask.unit == "F" or (not ask.unit and value > 45)):
        value = round((value - 32) * 5 / 9, 1)  # 68 on a thermostat is Fahrenheit
    if prop == "target_temperature":
        return Change({field: float(value)})
    return Change({field: round(value)})


def _implied_property(device: Device, ask: Ask) -> str | None:
    """A bare "to 40" means the device's main setting."""
    if ask.unit in {"C", "F"}:
        return "target_temperature"
    for prop in ("brightness", "target_temperature", "position", "volume", "speed"):
        if device.can(prop):
            return prop
    return None
