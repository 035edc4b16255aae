"""The slot library: types a skill declares for its intents, and the parsers behind them.

    @intent("reminder.create", examples=[...], slots={"when": Time(), "task": Text(...)})

Built-in skills use exactly these; a third-party skill may also subclass `SlotType`.
"""

from assistant.slots.devices import Device, Room, Scope, Setting
from assistant.slots.time import Time
from assistant.slots.types import Choice, Number, SlotContext, SlotType, Text, fill

__all__ = [
    "Choice",
    "Device",
    "Number",
    "Room",
    "Scope",
    "Setting",
    "SlotContext",
    "SlotType",
    "Text",
    "Time",
    "fill",
]
