"""Simulated devices: the state in SQLite is the device (the demo home, tests, trying out)."""

from __future__ import annotations

from typing import Any

from assistant.devices.adapters.base import Observation
from assistant.devices.device import Device
from assistant.devices.home import Home


class VirtualAdapter:
    name = "virtual"

    def __init__(self, home: Home):
        self.home = home

    def apply(self, device: Device, wanted: dict[str, Any]) -> dict[str, Any]:
        self.home.record_state(device.id, wanted, available=True)
        return self.home.reading(device.id).state

    def read(self, devices: list[Device]) -> dict[str, Observation]:
        """A simulated device is what SQLite says: nothing to re-read."""
        readings = self.home.readings()
        return {d.id: Observation(readings[d.id].state) for d in devices if d.id in readings}

    def close(self) -> None:
        pass
