"""Devices behind an MQTT broker, by zigbee2mqtt's conventions: a command is a JSON payload
on `<base>/<device>/set`; the device's state arrives on `<base>/<device>` and its
availability on `<base>/<device>/availability`. State the broker pushes (retained or new) is
recorded in the home as it comes, so `assistant devices` shows it; a device that has reported
nothing has an unknown state, and `read` asks it (`<base>/<device>/get`). A command counts as
done only when the device reports the new state back within the timeout."""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from typing import Any
from urllib.parse import urlparse

from assistant.devices.adapters.base import DeviceUnreachable, Observation
from assistant.devices.device import Device
from assistant.devices.home import Home
from assistant.devices.state import FIELD_OF
from assistant.errors import ConfigError

COLOUR_HEX = {
    "red": "#FF0000", "green": "#00FF00", "blue": "#0000FF", "white": "#FFFFFF",
    "yellow": "#FFFF00", "orange": "#FFA500", "purple": "#800080", "pink": "#FFC0CB",
    "cyan": "#00FFFF", "magenta": "#FF00FF", "violet": "#EE82EE", "teal": "#008080",
    "turquoise": "#40E0D0", "lime": "#32CD32", "amber": "#FFBF00", "indigo": "#4B0082",
    "lavender": "#E6E6FA",
}  # fmt: skip
_HEX_COLOUR = {v.lower(): k for k, v in COLOUR_HEX.items()}


def to_z2m(wanted: dict[str, Any]) -> dict[str, Any]:
    """Our state fields as a zigbee2mqtt `set` payload."""
    out: dict[str, Any] = {}
    for name, value in wanted.items():
        if name == "on":
            out["state"] = "ON" if value else "OFF"
        elif name == "brightness":
            out["brightness"] = round(value * 254 / 100)
        elif name == "colour_temp":
            out["color_temp"] = round(1_000_000 / value)
        elif name == "colour":
            out["color"] = {"hex": COLOUR_HEX.get(value, value)}
        elif name == "locked":
            out["state"] = "LOCK" if value else "UNLOCK"
        elif name == "open":
            out["state"] = "OPEN" if value else "CLOSE"
        elif name == "target_temperature":
            out["occupied_heating_setpoint"] = value
        elif name == "mode":
            out["system_mode"] = value
        elif name == "speed":
            out["fan_mode"] = value
        else:
            out[name] = value  # position, volume
    return out


def from_z2m(device: Device, payload: dict[str, Any]) -> dict[str, Any]:
    """A zigbee2mqtt state message as our state fields (what this device can have)."""
    state: dict[str, Any] = {}
    raw = payload.get("state")
    if isinstance(raw, str):
        raw = raw.upper()
        if device.can("lock") and raw in {"LOCK", "UNLOCK"}:
            state["locked"] = raw == "LOCK"
        elif device.can("open_close") and raw in {"OPEN", "CLOSE", "CLOSED", "STOP"}:
            state["open"] = raw == "OPEN"
        elif raw in {"ON", "OFF"}:
            state["on"] = raw == "ON"
    if "lock_state" in payload:
        state["locked"] = payload["lock_state"] == "locked"
    if isinstance(payload.get("brightness"), (int, float)):
        state["brightness"] = max(1, round(payload["brightness"] * 100 / 254))
    if isinstance(payload.get("color_temp"), (int, float)) and payload["color_temp"] > 0:
        state["colour_temp"] = round(1_000_000 / payload["color_temp"] / 50) * 50
    colour = payload.get("color")
    if isinstance(colour, dict) and isinstance(colour.get("hex"), str):
        state["colour"] = _HEX_COLOUR.get(colour["hex"].lower(), colour["hex"])
    renames = {"occupied_heating_setpoint": "target_temperature",
               "current_heating_setpoint": "target_temperature",
               "local_temperature": "temperature", "system_mode": "mode", "fan_mode": "speed",
               "occupancy": "motion", "water_leak": "leak"}  # fmt: skip
    for theirs, ours in renames.items():
        if theirs in payload:
            state[ours] = payload[theirs]
    if "contact" in payload:  # zigbee2mqtt: contact true means the magnet touches: closed
        state["contact"] = "closed" if payload["contact"] else "open"
    for same in ("position", "volume", "temperature", "humidity", "smoke", "battery", "power"):
        if same in payload:
            state[same] = payload[same]
    return {k: v for k, v in state.items() if k in _fields(device)}


def _fields(device: Device) -> set[str]:
    return {FIELD_OF[c][0] for c in device.capabilities if c in FIELD_OF}


class MqttAdapter:
    name = "mqtt"

    def __init__(self, home: Home, url: str, base: str = "zigbee2mqtt", timeout_s: float = 3.0):
        import paho.mqtt.client as mqtt

        parsed = urlparse(url if "://" in url else f"mqtt://{url}")
        if parsed.scheme not in {"mqtt", "tcp"} or not parsed.hostname:
            raise ConfigError(f"devices.mqtt_url must look like mqtt://host:1883, not {url!r}")
        self.home = home
        self.base = base.rstrip("/")
        self.timeout_s = timeout_s
        self._changed = threading.Condition()
        self._seen: dict[str, tuple[float, dict[str, Any]]] = {}  # address → (time, state)
        self._connected = threading.Event()
        self.client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2, client_id=f"assistant-{uuid.uuid4().hex[:8]}"
        )
        if parsed.username:
            self.client.username_pw_set(parsed.username, parsed.password)
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.on_subscribe = self._on_subscribe
        self.client.reconnect_delay_set(min_delay=1, max_delay=10)
        try:
            self.client.connect(parsed.hostname, parsed.port or 1883, keepalive=30)
        except OSError as exc:
            raise DeviceUnreachable(f"MQTT broker {parsed.hostname}: {exc}") from None
        self.client.loop_start()
        self._connected.wait(timeout_s)

    @classmethod
    def from_config(cls, config: Any, home: Home) -> MqttAdapter:
        if not config.mqtt_url:
            raise DeviceUnreachable("no MQTT broker configured: set [devices] mqtt_url")
        return cls(home, config.mqtt_url, config.mqtt_base, config.timeout_s)

    def _on_connect(self, client: Any, userdata: Any, flags: Any, reason: Any, props: Any) -> None:
        # Small commands go out at once: with Nagle's algorithm each waits ~40 ms for the
        # broker's delayed ACK of the one before.
        sock = client.socket()
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # Subscribed on every (re)connect, so a broker restart loses no device.
        client.subscribe([(f"{self.base}/+", 1), (f"{self.base}/+/availability", 1)])

    def _on_subscribe(self, client: Any, userdata: Any, mid: Any, codes: Any, props: Any) -> None:
        # Ready only once the broker has the subscription: a state sent before it is lost.
        self._connected.set()

    def _on_message(self, client: Any, userdata: Any, message: Any) -> None:
        parts = message.topic[len(self.base) + 1 :].split("/")
        address = parts[0]
        devices = [d for d in self.home.devices() if d.adapter == "mqtt" and _address(d) == address]
        if not devices or (len(parts) > 1 and parts[1] != "availability"):
            return
        text = message.payload.decode("utf-8", "replace").strip()
        if len(parts) > 1:
            online = text.lower() == "online" or '"online"' in text.lower()
            for device in devices:
                self.home.record_state(device.id, available=online)
            return
        try:
            payload = json.loads(text)
        except json.JSONDecodeError:
            return  # not a state message
        if not isinstance(payload, dict):
            return
        for device in devices:
            state = from_z2m(device, payload)
            self.home.record_state(device.id, state)  # availability has its own topic
            with self._changed:
                self._seen[address] = (time.monotonic(), state)
                self._changed.notify_all()

    def apply(self, device: Device, wanted: dict[str, Any]) -> dict[str, Any]:
        if not self._connected.is_set():
            raise DeviceUnreachable("the MQTT broker is not reachable")
        if not self.home.reading(device.id).available:
            raise DeviceUnreachable("it is offline")
        address = _address(device)
        sent = time.monotonic()
        self.client.publish(f"{self.base}/{address}/set", json.dumps(to_z2m(wanted)), qos=1)
        deadline = sent + self.timeout_s
        with self._changed:
            while True:
                seen = self._seen.get(address)
                if seen and seen[0] >= sent and _confirms(seen[1], wanted):
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    raise DeviceUnreachable(f"no answer within {self.timeout_s:g} s")
                self._changed.wait(left)
        return self.home.reading(device.id).state

    def read(self, devices: list[Device]) -> dict[str, Observation]:
        """Each device's state as it last reported it since this adapter connected (retained
        messages count), asking the ones that have not; a device silent for the timeout is
        left out."""
        if not self._connected.is_set():
            raise DeviceUnreachable("the MQTT broker is not reachable")
        addresses = {_address(d) for d in devices}
        with self._changed:
            silent = {a for a in addresses if a not in self._seen}
        for address in sorted(silent):
            self.client.publish(f"{self.base}/{address}/get", json.dumps({"state": ""}), qos=1)
        deadline = time.monotonic() + self.timeout_s
        with self._changed:
            while silent := {a for a in silent if a not in self._seen}:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
        readings = self.home.readings()
        return {
            d.id: Observation(readings[d.id].state, readings[d.id].available)
            for d in devices
            if _address(d) not in silent and d.id in readings
        }

    def close(self) -> None:
        close_client(self.client)


def close_client(client: Any) -> None:
    """Disconnect and stop a paho client, closing every socket it holds: paho 2 keeps its
    wake-up socket pair open after loop_stop until the client is collected."""
    client.disconnect()
    client.loop_stop()
    reset = getattr(client, "_reset_sockets", None)
    if callable(reset):
        reset()


def _address(device: Device) -> str:
    return device.address or device.id


def _confirms(reported: dict[str, Any], wanted: dict[str, Any]) -> bool:
    """The device's report shows what was asked (values it rounds, such as brightness
    steps, count when close)."""
    for name, value in wanted.items():
        if name not in reported:
            continue  # a device that does not report a field is taken at its word
        got = reported[name]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not isinstance(got, (int, float)) or abs(got - value) > max(1.0, abs(value) * 0.02):
                return False
        elif got != value:
            return False
    return True
