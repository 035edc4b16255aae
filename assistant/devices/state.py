"""A device's state: the fields each capability adds, where a new device starts, and the
change a command asks for."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.devices.device import Device

# The state field each capability keeps, and the value a new device starts with.
FIELD_OF = {
    "on_off": ("on", False),
    "brightness": ("brightness", 100),
    "colour": ("colour", "white"),
    "colour_temp": ("colour_temp", 3000),
    "target_temperature": ("target_temperature", 20.0),
    "position": ("position", 0),
    "open_close": ("open", False),
    "volume": ("volume", 30),
    "speed": ("speed", "medium"),
    "lock": ("locked", True),
    "mode": ("mode", "auto"),
    "temperature": ("temperature", 20.0),
    "humidity": ("humidity", 50),
    "motion": ("motion", False),
    "contact": ("contact", "closed"),
    "smoke": ("smoke", False),
    "leak": ("leak", False),
    "battery": ("battery", 100),
    "power": ("power", 0.0),
}
# Fields a device reports and no command sets.
SENSED = frozenset({"temperature", "humidity", "motion", "contact", "smoke", "leak", "battery",
                    "power"})  # fmt: skip
# Changes that make a device safer: a sensitive device does them without asking first.
SECURING = ({"on": False}, {"locked": True}, {"open": False})
# The capability that lets a command write each field.
CAPABILITY_OF = {name: cap for cap, (name, _) in FIELD_OF.items()}


def initial_state(device: Device) -> dict[str, Any]:
    return {FIELD_OF[c][0]: FIELD_OF[c][1] for c in device.capabilities if c in FIELD_OF}


@dataclass(frozen=True)
class Change:
    """What a command asks one device to become: absolute fields, plus relative steps
    ("brighter by 20") resolved against the device's current state."""

    set: dict[str, Any] = field(default_factory=dict)  # {"on": True, "brightness": 30}
    step: dict[str, float] = field(default_factory=dict)  # {"brightness": +20}

    def fields(self) -> list[str]:
        return [*self.set, *self.step]

    def as_json(self) -> dict[str, Any]:
        return {"set": dict(self.set), "step": dict(self.step)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        return cls(dict(data.get("set", {})), dict(data.get("step", {})))


LIMITS = {
    "brightness": (1, 100),
    "position": (0, 100),
    "volume": (0, 100),
    "target_temperature": (5.0, 35.0),
    "colour_temp": (2000, 6500),
}


def apply_change(state: dict[str, Any], change: Change) -> dict[str, Any]:
    """The state after `change`, with relative steps applied and values kept in range."""
    new = dict(state)
    for name, value in change.set.items():
        new[name] = value
    for name, delta in change.step.items():
        base = new.get(name)
        if not isinstance(base, (int, float)) or isinstance(base, bool):
            base = float(FIELD_OF[CAPABILITY_OF[name]][1])  # type: ignore[arg-type]
        new[name] = base + delta
    for name, (low, high) in LIMITS.items():
        if name in new and isinstance(new[name], (int, float)) and not isinstance(new[name], bool):
            value = min(max(new[name], low), high)
            new[name] = round(value, 1) if name == "target_temperature" else round(value)
    if "brightness" in change.fields() and "on" in new:
        new["on"] = True  # "dim the lamp to 30%" turns it on
    if "position" in change.fields() and "open" in new:
        new["open"] = new["position"] > 0
    if "open" in change.set and "position" in new and "position" not in change.fields():
        new["position"] = 100 if new["open"] else 0
    return new
