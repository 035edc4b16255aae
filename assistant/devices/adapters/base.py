"""The interface every adapter has: send a device its new state, and say what it became."""

from __future__ import annotations

from typing import Any, Protocol

from assistant.devices.device import Device
from assistant.errors import AssistantError


class DeviceUnreachable(AssistantError):
    """A device did not answer in time, or its bridge refused the command."""


class Adapter(Protocol):
    name: str

    def apply(self, device: Device, wanted: dict[str, Any]) -> dict[str, Any]:
        """Ask `device` to take the fields in `wanted`; return the state it reports after,
        or raise DeviceUnreachable (within the adapter's timeout). Never partly applied
        from the hub's view: on an error the recorded state stays as it was."""
        ...

    def close(self) -> None: ...
