"""Home Assistant's state objects (`/api/states`) read as our devices: which kind an entity
is, and what its state and attributes say. Only what HA reports becomes a field: a state HA
calls "unknown" leaves the field unknown, and "unavailable" makes the device unavailable."""

from __future__ import annotations

from typing import Any

from assistant.devices.adapters.base import Observation
from assistant.devices.device import Device

# HA domain → our kind.
DOMAIN_KINDS = {
    "light": "light", "switch": "switch", "fan": "fan", "climate": "climate",
    "cover": "cover", "lock": "lock", "media_player": "media_player", "vacuum": "vacuum",
    "alarm_control_panel": "alarm",
}  # fmt: skip
# A sensor's or binary sensor's device_class → our kind.
SENSOR_CLASSES = {
    "temperature": "temperature_sensor", "humidity": "humidity_sensor",
    "motion": "motion_sensor", "occupancy": "motion_sensor", "presence": "motion_sensor",
    "door": "contact_sensor", "window": "contact_sensor", "opening": "contact_sensor",
    "garage_door": "garage_door", "smoke": "smoke_sensor", "moisture": "leak_sensor",
    "battery": "battery_sensor",
}  # fmt: skip
# States that mean "switched off" for the domains that have on/off.
_OFF = {"off", "idle", "docked", "standby", "disarmed", "closed"}
# Binary sensor classes and the state field their on/off means.
_BINARY_FIELDS = {"motion": "motion", "occupancy": "motion", "presence": "motion",
                  "smoke": "smoke", "moisture": "leak"}  # fmt: skip
_SPEEDS = ((34, "low"), (67, "medium"), (101, "high"))


def kind_of(item: dict[str, Any]) -> str | None:
    """Our kind for an HA entity, or None for entities that are not devices we handle."""
    entity = str(item.get("entity_id", ""))
    domain = entity.split(".", 1)[0]
    device_class = (item.get("attributes") or {}).get("device_class")
    if domain in {"sensor", "binary_sensor"}:
        return SENSOR_CLASSES.get(str(device_class))
    if domain == "cover" and device_class == "garage":
        return "garage_door"
    return DOMAIN_KINDS.get(domain)


def observe(device: Device, item: Any, unit: str = "°C") -> Observation:
    """An HA state object (None: HA no longer has the entity) as what we know of `device`;
    `unit` is the instance's temperature unit, for entities that do not name their own."""
    if not isinstance(item, dict):
        return Observation({}, available=False)
    state = str(item.get("state", "")).strip().lower()
    if state == "unavailable":
        return Observation({}, available=False)
    attrs = {"system_unit": unit, **(item.get("attributes") or {})}
    known = state not in {"unknown", ""}
    out: dict[str, Any] = {}
    if known:
        out.update(_from_state(device, state, attrs))
    out.update(_from_attributes(device, state, attrs))
    return Observation(out, available=True)


def from_ha(device: Device, item: Any, unit: str = "°C") -> dict[str, Any]:
    """An HA state object as our state fields (what `apply` reports back)."""
    return observe(device, item, unit).state


def _from_state(device: Device, state: str, attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if device.kind.endswith("_sensor") or device.kind == "garage_door":
        return _sensor(device, state, attrs)
    # locking, unlocking, jammed: not a settled lock, so "locked" stays unknown
    if device.can("lock") and state in {"locked", "unlocked"}:
        out["locked"] = state == "locked"
    if device.can("open_close") and state in {"open", "opening", "closed", "closing"}:
        out["open"] = state in {"open", "opening"}
    if device.can("on_off"):
        out["on"] = state not in _OFF
    if device.can("mode") and device.kind == "climate":
        out["mode"] = state
    return out


def _sensor(device: Device, state: str, attrs: dict[str, Any]) -> dict[str, Any]:
    device_class = str(attrs.get("device_class") or "")
    if device.kind == "garage_door" or device.kind == "contact_sensor":
        if state in {"on", "open", "opening"}:
            return {"open": True} if device.kind == "garage_door" else {"contact": "open"}
        if state in {"off", "closed", "closing"}:
            return {"open": False} if device.kind == "garage_door" else {"contact": "closed"}
        return {}
    if device_class in _BINARY_FIELDS and state in {"on", "off"}:
        return {_BINARY_FIELDS[device_class]: state == "on"}
    reading = {"temperature_sensor": "temperature", "humidity_sensor": "humidity",
               "battery_sensor": "battery"}.get(device.kind)  # fmt: skip
    if reading is None:
        return {}
    try:
        value = float(state)
    except ValueError:
        return {}
    if reading == "temperature":
        value = _celsius(value, attrs)
    return {reading: round(value, 1) if reading == "temperature" else round(value)}


def _from_attributes(device: Device, state: str, attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    brightness = attrs.get("brightness")
    if isinstance(brightness, (int, float)) and device.can("brightness"):
        out["brightness"] = max(1, round(brightness * 100 / 255))
    kelvin = attrs.get("color_temp_kelvin")
    if isinstance(kelvin, (int, float)) and kelvin > 0 and device.can("colour_temp"):
        out["colour_temp"] = round(kelvin)
    target = attrs.get("temperature")
    if isinstance(target, (int, float)) and device.can("target_temperature"):
        out["target_temperature"] = _celsius(float(target), attrs)
    current = attrs.get("current_temperature")
    if isinstance(current, (int, float)) and device.can("temperature"):
        out["temperature"] = _celsius(float(current), attrs)
    position = attrs.get("current_position")
    if isinstance(position, (int, float)) and device.can("position"):
        out["position"] = round(position)
    volume = attrs.get("volume_level")
    if isinstance(volume, (int, float)) and device.can("volume"):
        out["volume"] = round(volume * 100)
    percentage = attrs.get("percentage")
    if isinstance(percentage, (int, float)) and device.can("speed") and percentage > 0:
        out["speed"] = next(word for limit, word in _SPEEDS if percentage < limit)
    battery = attrs.get("battery_level")
    if isinstance(battery, (int, float)) and device.can("battery"):
        out["battery"] = round(battery)
    return out


def _celsius(value: float, attrs: dict[str, Any]) -> float:
    """Our state keeps °C; an HA instance set to °F reports its temperatures in °F."""
    unit = str(attrs.get("unit_of_measurement") or attrs.get("system_unit") or "")
    return round((value - 32) * 5 / 9, 1) if is_fahrenheit(unit) else value


def is_fahrenheit(unit: str) -> bool:
    return unit.replace("°", "").strip().upper() == "F"
