"""The `devices` service: one home (registry, state, audit), the hub that acts on it, and
the adapters it reaches devices through. Rooms and floors are mirrored into the knowledge
graph, so "what is on the ground floor" and "turn off everything upstairs" agree."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from assistant.devices.adapters.virtual import VirtualAdapter
from assistant.devices.audit import Audit
from assistant.devices.device import Device
from assistant.devices.home import Home
from assistant.devices.hub import Hub

if TYPE_CHECKING:
    from assistant.services import Services

HOME_ORIGIN = "home devices"  # the origin of the facts the home puts in the graph


class Devices:
    def __init__(self, services: Services):
        self.services = services
        self.config = services.config.devices
        self.home = Home(services.store)
        self.audit = Audit(services.store)
        self.hub = Hub(
            self.home,
            self.audit,
            {
                "virtual": VirtualAdapter(self.home),
                "mqtt": self._mqtt,
                "homeassistant": self._homeassistant,
            },
            services.events,
            max_age_s=self.config.state_max_age_s,
        )
        self._stop_watching = threading.Event()
        self._watcher: threading.Thread | None = None
        self.home.listeners.append(self._mirror_to_graph)
        if self.config.demo:
            self.home.ensure_demo()

    @classmethod
    def from_services(cls, services: Services) -> Devices:
        return cls(services)

    def listing(self) -> list[dict[str, Any]]:
        """Every device with its state, as `assistant devices --json` and GET /v1/devices show it."""
        readings = self.home.readings()
        rows = []
        for device in self.home.devices():
            reading = readings.get(device.id)
            rows.append({**device.as_json(), "state": reading.state if reading else {},
                         "available": bool(reading and reading.available)})  # fmt: skip
        return rows

    def watch(self) -> bool:
        """Keep Home Assistant's devices current while a server runs: re-read them every
        `homeassistant_poll_s` in a background thread. False when there is nothing to watch."""
        interval = self.config.homeassistant_poll_s
        if interval <= 0 or not self.config.homeassistant_url or self._watcher is not None:
            return False

        def poll() -> None:
            while not self._stop_watching.wait(interval):
                watched = [d for d in self.home.devices() if d.adapter == "homeassistant"]
                if watched:
                    self.hub.refresh(watched, max_age_s=0)

        self._watcher = threading.Thread(target=poll, name="homeassistant-poll", daemon=True)
        self._watcher.start()
        return True

    def _mqtt(self) -> Any:
        from assistant.devices.adapters.mqtt import MqttAdapter

        return MqttAdapter.from_config(self.config, self.home)

    def _homeassistant(self) -> Any:
        from assistant.devices.adapters.homeassistant import HomeAssistantAdapter

        return HomeAssistantAdapter.from_config(self.config)

    def _mirror_to_graph(self, devices: list[Device]) -> None:
        if not self.services.has("knowledge"):
            return
        facts = self.services.get("knowledge").facts
        triples = []
        for device in devices:
            if device.room:
                triples.append((device.name, "located_in", device.room, "in"))
        for room, floor in sorted({(d.room, d.floor) for d in devices if d.room and d.floor}):
            triples.append((room, "located_in", floor, "on" if "floor" in floor else ""))
        facts.replace_origin(HOME_ORIGIN, triples)

    def close(self) -> None:
        self._stop_watching.set()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
        self.hub.close()
