"""A device change asked over HTTP, held to the rules a spoken command is: exposed devices
only, settable fields of the right type, a sensitive device only when confirmed."""

from __future__ import annotations

from typing import Any

from assistant.devices.device import Device
from assistant.devices.state import FIELD_OF, LIMITS, SECURING, SENSED, Change
from assistant.errors import AssistantError, InputError


class NeedsConfirmation(AssistantError):
    pass


def checked_change(device: Device, state: dict[str, Any], confirmed: bool) -> Change:
    if not device.exposed:
        raise PermissionError(
            f"not allowed to control the {device.name}: `assistant devices expose {device.id}`"
        )
    defaults = {FIELD_OF[c][0]: FIELD_OF[c][1] for c in device.capabilities if c in FIELD_OF}
    settable = {name: default for name, default in defaults.items() if name not in SENSED}
    for name, value in state.items():
        if name not in settable:
            known = ", ".join(sorted(settable)) or "nothing"
            raise InputError(f"the {device.name} has no settable {name!r} (it has: {known})")
        _check_type(name, value, settable[name])
    if device.sensitive and not confirmed and state not in SECURING:
        raise NeedsConfirmation(f'the {device.name} is sensitive: send "confirm": true')
    return Change(dict(state))


def _check_type(name: str, value: Any, default: Any) -> None:
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, (int, float)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and name in LIMITS:
            low, high = LIMITS[name]
            if not low <= value <= high:
                raise InputError(f"{name} must be between {low:g} and {high:g}, not {value:g}")
    else:
        ok = isinstance(value, str) and bool(value.strip())
    if not ok:
        raise InputError(f"{name} must be a {type(default).__name__}, not {value!r}")
