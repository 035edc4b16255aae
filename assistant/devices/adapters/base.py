"""The interface every adapter has: send a device its new state, say what it became, and
read what a device is now."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.devices.device import Device
from assistant.errors import AssistantError


class DeviceUnreachable(AssistantError):
    """A device did not answer in time, or its bridge refused the command."""


@dataclass(frozen=True)
class Observation:
    """What a device's own system says of it now: the fields it reports (a field left out
    is unknown) and whether it is reachable at all."""

    state: dict[str, Any] = field(default_factory=dict)
    available: bool = True


class Adapter(Protocol):
    name: str

    def apply(self, device: Device, wanted: dict[str, Any]) -> dict[str, Any]:
        """Ask `device` to take the fields in `wanted`; return the state it reports after,
        or raise DeviceUnreachable (within the adapter's timeout). Never partly applied
        from the hub's view: on an error the recorded state stays as it was."""
        ...

    def read(self, devices: list[Device]) -> dict[str, Observation]:
        """What each device is now, by device id; a device left out could not be read.
        Raises DeviceUnreachable when the bridge itself does not answer."""
        ...

    def close(self) -> None: ...
