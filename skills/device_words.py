"""How the devices skill says things: a state in words, a list of names, what was done."""

from __future__ import annotations

from typing import Any

from assistant.devices.device import Device
from assistant.devices.hub import Outcome

_TEMPS = {2200: "candle light", 2700: "warm white", 4000: "neutral white", 5000: "cool white",
          6500: "daylight"}  # fmt: skip


def value_words(name: str, value: Any) -> str:
    """One state field in words: on → "on", brightness 30 → "at 30%"."""
    if name == "on":
        return "on" if value else "off"
    if name == "open":
        return "open" if value else "closed"
    if name == "locked":
        return "locked" if value else "unlocked"
    if name in {"brightness", "position"}:
        return f"at {value}%"
    if name == "volume":
        return "muted" if value == 0 else f"at volume {value}"
    if name in {"target_temperature", "temperature"}:
        return f"set to {value:g}°C" if name == "target_temperature" else f"{value:g}°C"
    if name == "colour_temp":
        named = _TEMPS.get(int(value))
        return f"{named} ({value} K)" if named else f"{value} K white"
    if name == "speed":
        return f"on {value}"
    if name == "mode":
        return f"in {value} mode"
    if name == "colour":
        return str(value)
    if name == "humidity":
        return f"{value}% humidity"
    if name == "battery":
        return f"{value}% battery"
    return f"{name} {value}"


def state_words(state: dict[str, Any], fields: list[str]) -> str:
    words = [value_words(f, state[f]) for f in fields if f in state]
    if "on" in fields and state.get("on") is False:
        return "off"
    return join(words)


def join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(device: Device) -> bool:
    """ "the kitchen lights are", "the blinds are"."""
    last = device.name.lower().split()[-1]
    return last.endswith("s") and not last.endswith(("ss", "us"))


def the(device: Device) -> str:
    return device.name if device.name.lower().startswith(("my ", "the ")) else f"the {device.name}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def done_sentence(outcomes: list[Outcome]) -> str:
    """ "Turned off the kitchen lights." / "The desk lamp is now at 30%." / per-device lines."""
    done = [o for o in outcomes if o.result == "done"]
    same = [o for o in outcomes if o.result == "unchanged"]
    failed = [o for o in outcomes if o.result == "failed"]
    lines = []
    groups: dict[str, list[Outcome]] = {}
    for outcome in done:
        changed = [k for k, v in outcome.new.items() if outcome.old.get(k) != v]
        fields = [f for f in outcome.asked if f in changed] or changed
        groups.setdefault(state_words(outcome.new, fields), []).append(outcome)
    for words, members in groups.items():
        names = join([the(o.device) for o in members])
        verb = "are" if len(members) > 1 or plural(members[0].device) else "is"
        lines.append(f"{capitalised(names)} {verb} now {words}.")
    if same:
        names = join([the(o.device) for o in same])
        words = state_words(same[0].old, list(same[0].asked)) or "like that"
        was = "were" if len(same) > 1 or plural(same[0].device) else "was"
        lines.append(f"{capitalised(names)} {was} already {words}.")
    for outcome in failed:
        lines.append(f"{capitalised(the(outcome.device))} did not answer ({outcome.error}).")
    return " ".join(lines)
