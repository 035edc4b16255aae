"""Device control speed: how long one command takes through each adapter, and how the
resolver and the state read scale with the size of the home.

1. `Hub.act` latency (p50, p99) for one light on: the virtual adapter (SQLite), MQTT
   through a real mosquitto broker to a zigbee2mqtt-like bridge that echoes the state, and
   Home Assistant's REST API (a loopback stand-in, the same one the tests use).
2. A turn's device work — `resolve()` plus `home.readings()` — at 100 to 5,000 devices,
   for an exact name, a misspelt name (fuzzy), a room and a kind.

    python bench/devices.py [--runs 200]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.devices.adapters.homeassistant import HomeAssistantAdapter
from assistant.devices.adapters.mqtt import MqttAdapter
from assistant.devices.adapters.virtual import VirtualAdapter
from assistant.devices.audit import Audit
from assistant.devices.device import device_from
from assistant.devices.home import Home
from assistant.devices.hub import Hub
from assistant.devices.resolve import resolve
from assistant.devices.state import Change
from assistant.store import Store
from bench.report import percentile, publish

ROOMS = ["kitchen", "bedroom", "office", "hallway", "garage", "attic", "den", "study",
         "nursery", "pantry", "landing", "porch", "cellar", "loft", "lounge", "utility"]  # fmt: skip
KINDS = ["light", "plug", "switch", "fan", "cover", "temperature_sensor"]
SIZES = [100, 1000, 2000, 5000]
BUDGET_MS = 10.0


def latency(act: Any, runs: int) -> dict[str, float]:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        act(i % 2 == 0)
        times.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": percentile(times, 50), "p99_ms": percentile(times, 99)}


def switch(hub: Hub, home: Home, device_id: str):
    def act(on: bool) -> None:
        _, [outcome] = hub.act([(home.get(device_id), Change({"on": on}))], requester="bench")
        if outcome.result not in {"done", "unchanged"}:
            raise RuntimeError(f"{device_id}: {outcome.result} {outcome.error}")

    return act


def adapter_rows(tmp: Path, runs: int) -> list[dict[str, Any]]:
    rows = []
    home = Home(Store(tmp / "virtual.db"))
    home.replace([device_from({"id": "desk", "name": "desk lamp", "kind": "light"})])
    hub = Hub(home, Audit(home.store), {"virtual": VirtualAdapter(home)})
    rows.append({"adapter": "virtual (SQLite)", **latency(switch(hub, home, "desk"), runs)})

    try:
        from tests.broker import mosquitto
        from tests.test_devices_mqtt import BASE, FakeBridge
    except ImportError as error:  # the tests are not installed with the package
        print(f"skipping MQTT and Home Assistant: {error}")
        return rows
    try:
        with mosquitto(tmp) as port:
            home = Home(Store(tmp / "mqtt.db"))
            home.replace([device_from({"id": "desk", "name": "desk lamp", "kind": "light",
                                       "adapter": "mqtt"})])  # fmt: skip
            bridge = FakeBridge(port, {"desk"})
            adapter = MqttAdapter(home, f"mqtt://127.0.0.1:{port}", BASE, timeout_s=3.0)
            hub = Hub(home, Audit(home.store), {"mqtt": adapter})
            rows.append({"adapter": "mqtt (mosquitto round trip)",
                         **latency(switch(hub, home, "desk"), runs)})  # fmt: skip
            adapter.close()
            bridge.close()
    except BaseException as error:  # pytest.skip where mosquitto is missing
        if "mosquitto" not in str(error):
            raise
        print(f"skipping MQTT: {error}")

    from tests.homeassistant import TOKEN, FakeHomeAssistant
    from tests.test_devices_homeassistant import AREAS, STATES

    fake = FakeHomeAssistant(STATES, AREAS)
    home = Home(Store(tmp / "ha.db"))
    adapter = HomeAssistantAdapter(fake.url, TOKEN, timeout_s=3.0)
    devices, observed = adapter.discover()
    home.replace(devices, {i: seen.state for i, seen in observed.items()})
    hub = Hub(home, Audit(home.store), {"homeassistant": adapter})
    rows.append({"adapter": "homeassistant (REST, loopback)",
                 **latency(switch(hub, home, "light.kitchen"), runs)})  # fmt: skip
    fake.close()
    return rows


def big_home(size: int) -> list[dict[str, Any]]:
    rng = random.Random(size)
    devices = []
    for i in range(size):
        room = f"{ROOMS[i % len(ROOMS)]} {i // len(ROOMS)}" if i >= len(ROOMS) else ROOMS[i]
        kind = KINDS[rng.randrange(len(KINDS))]
        devices.append({"id": f"d{i}", "name": f"{room} {kind.replace('_', ' ')} {i}",
                        "kind": kind, "room": room, "floor": f"floor {i % 4}"})  # fmt: skip
    devices.append({"id": "desk", "name": "desk lamp", "kind": "light", "room": "office"})
    devices += [{"id": f"kitchen_{i}", "name": f"kitchen spot {i}", "kind": "light",
                 "room": "kitchen"} for i in range(3)]  # fmt: skip
    return devices


def scale_rows(tmp: Path, runs: int) -> list[dict[str, Any]]:
    phrasings = {
        "exact name": "turn on the desk lamp",
        "fuzzy name": "turn on the dsk lamp",
        "room": "turn off the kitchen lights",
        "kind": "close the blinds",
    }
    rows = []
    for size in SIZES:
        home = Home(Store(tmp / f"scale{size}.db"))
        home.replace([device_from(d) for d in big_home(size)])
        for label, text in phrasings.items():
            times = []
            found = 0
            for _ in range(max(5, runs // 10)):
                start = time.perf_counter()
                resolution = resolve(text, home.devices(), "")
                home.readings()
                times.append((time.perf_counter() - start) * 1000)
                found = len(resolution.devices)
            p50 = percentile(times, 50)
            rows.append({"devices": size, "phrasing": label, "matched": found,
                         "p50_ms": p50, "p99_ms": percentile(times, 99),
                         "within_10ms": p50 <= BUDGET_MS})  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="commands per adapter")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        publish("devices_adapters", adapter_rows(Path(tmp), args.runs),
                f"Hub.act, one light on/off, {args.runs} runs")  # fmt: skip
        rows = scale_rows(Path(tmp), args.runs)
    over = sorted({r["devices"] for r in rows if not r["within_10ms"]})
    publish("devices_scale", rows,
            f"resolve + readings per turn; budget {BUDGET_MS:.0f} ms; "
            + (f"over budget from {over[0]} devices" if over else "within budget at every size"))  # fmt: skip


if __name__ == "__main__":
    main()
