"""Devices in a Home Assistant, through its REST API and a long-lived access token:
`POST /api/services/<domain>/<service>` to act, `GET /api/states/<entity_id>` to read back,
`GET /api/states` (plus one `POST /api/template` for areas) to import the entities."""

from __future__ import annotations

import contextlib
import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from assistant.devices.adapters.base import DeviceUnreachable
from assistant.devices.device import Device, device_from
from assistant.errors import ConfigError

# HA domain (and device_class) → our kind.
DOMAIN_KINDS = {
    "light": "light", "switch": "switch", "fan": "fan", "climate": "climate",
    "cover": "cover", "lock": "lock", "media_player": "media_player", "vacuum": "vacuum",
    "alarm_control_panel": "alarm",
}  # fmt: skip
SENSOR_CLASSES = {
    "temperature": "temperature_sensor", "humidity": "humidity_sensor",
    "motion": "motion_sensor", "occupancy": "motion_sensor", "door": "contact_sensor",
    "window": "contact_sensor", "opening": "contact_sensor", "garage_door": "garage_door",
    "smoke": "smoke_sensor", "moisture": "leak_sensor", "battery": "battery_sensor",
}  # fmt: skip
_AREAS = "{% for s in states %}{{ s.entity_id }}\t{{ area_name(s.entity_id) or '' }}\n{% endfor %}"


class HomeAssistantAdapter:
    name = "homeassistant"

    def __init__(self, url: str, token: str, timeout_s: float = 3.0):
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"devices.homeassistant_url must be http(s)://…, not {url!r}")
        self.url = url.rstrip("/")
        self.token = token
        self.timeout_s = timeout_s

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

    def _call(self, method: str, path: str, body: Any = None) -> Any:
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

    def apply(self, device: Device, wanted: dict[str, Any]) -> dict[str, Any]:
        entity = device.address or device.id
        for domain, service, data in service_calls(entity, wanted):
            self._call("POST", f"/api/services/{domain}/{service}", {"entity_id": entity, **data})
        return from_ha(device, self._call("GET", f"/api/states/{entity}"))

    def discover(self) -> list[Device]:
        """Every entity of a kind we handle, as Devices, with their areas as rooms."""
        states = self._call("GET", "/api/states")
        if not isinstance(states, list):
            raise DeviceUnreachable("Home Assistant's /api/states did not return a list")
        areas: dict[str, str] = {}
        try:
            listing = self._call("POST", "/api/template", {"template": _AREAS})
            for line in str(listing).splitlines():
                entity, _, area = line.partition("\t")
                if area.strip():
                    areas[entity.strip()] = area.strip()
        except DeviceUnreachable:
            pass  # older or restricted instances: import without rooms
        devices = []
        for item in states:
            kind = _kind(item)
            if kind is None:
                continue
            entity = item["entity_id"]
            name = (item.get("attributes") or {}).get("friendly_name") or entity.split(".", 1)[1]
            devices.append(device_from({
                "id": entity.lower(), "name": name, "kind": kind, "room": areas.get(entity, ""),
                "adapter": "homeassistant", "address": entity,
            }))  # fmt: skip
        return devices

    def close(self) -> None:
        pass


def _kind(item: dict[str, Any]) -> str | None:
    entity = str(item.get("entity_id", ""))
    domain = entity.split(".", 1)[0]
    device_class = (item.get("attributes") or {}).get("device_class")
    if domain in {"sensor", "binary_sensor"}:
        return SENSOR_CLASSES.get(str(device_class))
    if domain == "cover" and device_class == "garage":
        return "garage_door"
    return DOMAIN_KINDS.get(domain)


def service_calls(entity: str, wanted: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """The HA service calls that bring `entity` to `wanted`."""
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
            calls.append(("climate", "set_temperature", {"temperature": value}))
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


def from_ha(device: Device, item: Any) -> dict[str, Any]:
    """An HA state object as our state fields."""
    if not isinstance(item, dict):
        raise DeviceUnreachable("Home Assistant returned no state")
    state, attrs = str(item.get("state", "")), item.get("attributes") or {}
    out: dict[str, Any] = {}
    if device.can("on_off"):
        out["on"] = state not in {"off", "unavailable", "idle", "docked", "standby"}
    if device.can("lock"):
        out["locked"] = state == "locked"
    if device.can("open_close"):
        out["open"] = state in {"open", "opening"}
    if "brightness" in attrs and attrs["brightness"] is not None:
        out["brightness"] = max(1, round(attrs["brightness"] * 100 / 255))
    if attrs.get("color_temp_kelvin"):
        out["colour_temp"] = attrs["color_temp_kelvin"]
    if attrs.get("temperature") is not None and device.can("target_temperature"):
        out["target_temperature"] = attrs["temperature"]
    if attrs.get("current_temperature") is not None:
        out["temperature"] = attrs["current_temperature"]
    if attrs.get("current_position") is not None:
        out["position"] = attrs["current_position"]
    if attrs.get("volume_level") is not None:
        out["volume"] = round(attrs["volume_level"] * 100)
    if device.can("mode") and device.kind == "climate":
        out["mode"] = state
    for reading in ("temperature", "humidity", "battery"):
        if device.can(reading) and device.kind.startswith(reading):
            with contextlib.suppress(ValueError):
                out[reading] = float(state)
    return out
