"""Simulated devices: the state in SQLite is the device (the demo home, tests, trying out)."""

from __future__ import annotations

from typing import Any

from assistant.devices.device import Device
from assistant.devices.home import Home


class VirtualAdapter:
    name = "virtual"

    def __init__(self, home: Home):
        self.home = home

    def apply(self, device: Device, wanted: dict[str, Any]) -> dict[str, Any]:
        self.home.record_state(device.id, wanted, available=True)
        return self.home.reading(device.id).state

    def close(self) -> None:
        pass
