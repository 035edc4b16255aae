"""Devices in a Home Assistant, through its REST API and a long-lived access token:
`POST /api/services/<domain>/<service>` to act, `GET /api/states/<entity_id>` to read back,
`GET /api/states` (plus one `POST /api/template` for areas) to import the entities with the
state HA reports for each, and to re-read them when what we hold is old."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from assistant.devices.adapters.base import DeviceUnreachable, Observation
from assistant.devices.adapters.ha_state import (
    DOMAIN_KINDS,
    from_ha,
    is_fahrenheit,
    kind_of,
    observe,
)
from assistant.devices.device import Device, device_from
from assistant.errors import ConfigError

# Above this many devices one `GET /api/states` is cheaper than one request per entity.
_BULK_READ = 3

_AREAS = "{% for s in states %}{{ s.entity_id }}\t{{ area_name(s.entity_id) or '' }}\n{% endfor %}"


class HomeAssistantAdapter:
    name = "homeassistant"

    def __init__(self, url: str, token: str, timeout_s: float = 3.0):
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"devices.homeassistant_url must be http(s)://…, not {url!r}")
        self.url = url.rstrip("/")
        self.token = token
        self.timeout_s = timeout_s
        self._unit: str | None = None  # the instance's temperature unit, asked once

    @classmethod
    def from_config(cls, config: Any) -> HomeAssistantAdapter:
        if not config.homeassistant_url:
            raise DeviceUnreachable("no Home Assistant configured: set [devices] homeassistant_url")
        token = os.environ.get(config.homeassistant_token_env, "")
        if not token and config.homeassistant_token_file:
            try:
                token = Path(config.homeassistant_token_file).expanduser().read_text().strip()
            except OSError as exc:
                raise ConfigError(f"cannot read the Home Assistant token: {exc}") from None
        if not token:
            raise ConfigError(
                f"no Home Assistant token: set ${config.homeassistant_token_env} or"
                " [devices] homeassistant_token_file"
            )
        return cls(config.homeassistant_url, token, config.timeout_s)

    def _call(self, method: str, path: str, body: Any = None, missing_ok: bool = False) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and missing_ok:
                return None
            if exc.code == 401:
                raise DeviceUnreachable("Home Assistant refused the token (401)") from None
            raise DeviceUnreachable(f"Home Assistant answered {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise DeviceUnreachable(f"Home Assistant did not answer ({reason})") from None
        text = raw.decode("utf-8", "replace")
        try:
            return json.loads(text) if text.strip() else None
        except json.JSONDecodeError:
            return text  # the template endpoint answers plain text

    @property
    def unit(self) -> str:
        """The instance's temperature unit (°C or °F), from `/api/config`."""
        if self._unit is None:
            try:
                config = self._call("GET", "/api/config")
                system = config.get("unit_system") if isinstance(config, dict) else None
                self._unit = str((system or {}).get("temperature") or "°C")
            except DeviceUnreachable:
                return "°C"  # asked again next time
        return self._unit

    def apply(self, device: Device, wanted: dict[str, Any]) -> dict[str, Any]:
        entity = device.address or device.id
        for domain, service, data in service_calls(entity, wanted, self.unit):
            self._call("POST", f"/api/services/{domain}/{service}", {"entity_id": entity, **data})
        return from_ha(device, self._call("GET", f"/api/states/{entity}"), self.unit)

    def read(self, devices: list[Device]) -> dict[str, Observation]:
        """What HA says of each device now; an entity HA no longer has is unavailable."""
        if len(devices) > _BULK_READ:
            items = {str(i.get("entity_id")): i for i in self._states()}
        else:
            items = {_entity(d): self._call("GET", f"/api/states/{_entity(d)}", missing_ok=True)
                     for d in devices}  # fmt: skip
        return {d.id: observe(d, items.get(_entity(d)), self.unit) for d in devices}

    def discover(self) -> tuple[list[Device], dict[str, Observation]]:
        """Every entity of a kind we handle, as Devices with their areas as rooms, and what
        HA says each one is now."""
        states = self._states()
        areas: dict[str, str] = {}
        try:
            listing = self._call("POST", "/api/template", {"template": _AREAS})
            for line in str(listing).splitlines():
                entity, _, area = line.partition("\t")
                if area.strip():
                    areas[entity.strip()] = area.strip()
        except DeviceUnreachable:
            pass  # older or restricted instances: import without rooms
        devices, observed = [], {}
        for item in states:
            kind = kind_of(item)
            if kind is None:
                continue
            entity = item["entity_id"]
            name = (item.get("attributes") or {}).get("friendly_name") or entity.split(".", 1)[1]
            device = device_from({
                "id": entity.lower(), "name": name, "kind": kind, "room": areas.get(entity, ""),
                "adapter": "homeassistant", "address": entity,
            })  # fmt: skip
            devices.append(device)
            observed[device.id] = observe(device, item, self.unit)
        return devices, observed

    def _states(self) -> list[dict[str, Any]]:
        states = self._call("GET", "/api/states")
        if not isinstance(states, list):
            raise DeviceUnreachable("Home Assistant's /api/states did not return a list")
        return [i for i in states if isinstance(i, dict) and isinstance(i.get("entity_id"), str)]

    def close(self) -> None:
        pass


def _entity(device: Device) -> str:
    return device.address or device.id


def service_calls(
    entity: str, wanted: dict[str, Any], unit: str = "°C"
) -> list[tuple[str, str, dict[str, Any]]]:
    """The HA service calls that bring `entity` to `wanted` (temperatures are °C in our
    state and go out in the instance's `unit`)."""
    domain = entity.split(".", 1)[0]
    calls: list[tuple[str, str, dict[str, Any]]] = []
    light: dict[str, Any] = {}
    for name, value in wanted.items():
        if name == "brightness":
            light["brightness_pct"] = value
        elif name == "colour":
            light["color_name"] = value
        elif name == "colour_temp":
            light["color_temp_kelvin"] = value
        elif name == "on" and not (value and light):
            calls.append((domain if domain in DOMAIN_KINDS else "homeassistant",
                          "turn_on" if value else "turn_off", {}))  # fmt: skip
        elif name == "target_temperature":
            degrees = round(value * 9 / 5 + 32) if is_fahrenheit(unit) else value
            calls.append(("climate", "set_temperature", {"temperature": degrees}))
        elif name == "mode":
            calls.append(("climate", "set_hvac_mode", {"hvac_mode": value}))
        elif name == "open":
            calls.append(("cover", "open_cover" if value else "close_cover", {}))
        elif name == "position":
            calls.append(("cover", "set_cover_position", {"position": value}))
        elif name == "locked":
            calls.append(("lock", "lock" if value else "unlock", {}))
        elif name == "volume":
            calls.append(("media_player", "volume_set", {"volume_level": value / 100}))
        elif name == "speed":
            percent = {"low": 33, "medium": 66, "high": 100}.get(str(value), 66)
            calls.append(("fan", "set_percentage", {"percentage": percent}))
    if light:
        calls = [c for c in calls if c[1] != "turn_on"]
        calls.insert(0, ("light", "turn_on", light))
    return calls
