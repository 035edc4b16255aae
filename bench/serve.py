"""`assistant serve` under load, as its clients see it: a real server process on loopback.

1. POST /v1/converse request-to-reply latency (p50, p99) with 1 and with 20 concurrent
   clients, each in its own session, and the requests per second held with 0 errors.
2. MQTT voice bridge round trip: a satellite publishes `assistant/<sat>/heard` to a real
   mosquitto, the reply arrives on `assistant/<sat>/say`.
3. Wyoming round trip: the wyoming package's client sends a Transcript, reads Handled.

The home is a fresh temporary one; the intent model is $ASSISTANT_HOME's trained one when
there is one (make bench trains it), else a fresh home's few-shot model.

    python bench/serve.py [--requests 400]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import queue
import shutil
import socket
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import percentile, publish
from tests.broker import free_port, mosquitto
from tests.server import call, serving

COMMANDS = [
    "turn off the kitchen lights",
    "turn on the kitchen lights",
    "is the front door locked",
    "remind me to water the plants tomorrow at 9am",
    "what's on my calendar tomorrow",
    "who is alice's manager",
    "tell me a joke",
    "dim the desk lamp to 40%",
]


def converse_load(url: str, clients: int, requests: int) -> dict[str, Any]:
    """`requests` turns spread over `clients` threads; each client keeps its own session."""
    per_client = max(1, requests // clients)
    errors: list[str] = []

    def client(n: int) -> list[float]:
        times = []
        for i in range(per_client):
            body = {"text": COMMANDS[(n + i) % len(COMMANDS)], "session": f"bench-{n}"}
            start = time.perf_counter()
            status, reply = call(url, "POST", "/v1/converse", body)
            times.append((time.perf_counter() - start) * 1000)
            if status != 200 or reply.get("error"):
                errors.append(f"{status} {reply}")
        return times

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        times = [t for part in pool.map(client, range(clients)) for t in part]
    wall = time.perf_counter() - start
    return {"measure": f"converse, {clients} client{'s' if clients > 1 else ''}",
            "n": len(times), "p50_ms": percentile(times, 50), "p99_ms": percentile(times, 99),
            "req_per_s": len(times) / wall, "errors": len(errors)}  # fmt: skip


def mqtt_round_trip(home: Path, tmp: Path, runs: int) -> dict[str, Any]:
    import paho.mqtt.client as mqtt

    with mosquitto(tmp) as port, serving(home, "--mqtt", f"mqtt://127.0.0.1:{port}"):
        said: queue.Queue[dict] = queue.Queue()
        ready = threading.Event()
        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="bench-satellite")

        def on_connect(c: Any, *_: Any) -> None:
            # As a real satellite should: without it Nagle holds each publish ~40 ms.
            c.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            c.subscribe("assistant/bench/say", qos=1)

        client.on_connect = on_connect
        client.on_subscribe = lambda *_: ready.set()
        client.on_message = lambda c, u, message: said.put(json.loads(message.payload))
        client.connect("127.0.0.1", port)
        client.loop_start()
        if not ready.wait(10):
            raise RuntimeError("the satellite did not subscribe")
        times = []
        for i in range(-1, runs):  # -1: the first turn loads the model, not counted
            payload = json.dumps({"text": COMMANDS[i % 2]})
            start = time.perf_counter()
            client.publish("assistant/bench/heard", payload, qos=1)
            said.get(timeout=60)
            if i >= 0:
                times.append((time.perf_counter() - start) * 1000)
        client.loop_stop()
        client.disconnect()
    return {"measure": "MQTT heard -> say (mosquitto)", "n": runs,
            "p50_ms": percentile(times, 50), "p99_ms": percentile(times, 99)}  # fmt: skip


def wyoming_round_trip(home: Path, runs: int) -> dict[str, Any]:
    from wyoming.asr import Transcript
    from wyoming.client import AsyncTcpClient

    port = free_port()

    async def exchange() -> list[float]:
        times = []
        async with AsyncTcpClient("127.0.0.1", port) as client:
            for i in range(-1, runs):  # -1: the first turn loads the model, not counted
                start = time.perf_counter()
                await client.write_event(Transcript(text=COMMANDS[i % 2]).event())
                await asyncio.wait_for(client.read_event(), 60)
                if i >= 0:
                    times.append((time.perf_counter() - start) * 1000)
        return times

    with serving(home, "--wyoming", f"tcp://127.0.0.1:{port}"):
        times = asyncio.run(exchange())
    return {"measure": "Wyoming transcript -> handled", "n": runs,
            "p50_ms": percentile(times, 50), "p99_ms": percentile(times, 99)}  # fmt: skip


def fresh_home(tmp: Path) -> tuple[Path, str]:
    home = tmp / "home"
    home.mkdir()
    trained = Path(os.environ.get("ASSISTANT_HOME", "")) / "models"
    if os.environ.get("ASSISTANT_HOME") and trained.is_dir():
        shutil.copytree(trained, home / "models")
        return home, "trained model"
    return home, "few-shot model (no trained one in $ASSISTANT_HOME)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="turns per load level")
    parser.add_argument("--runs", type=int, default=100, help="MQTT and Wyoming round trips")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as name:
        tmp = Path(name)
        home, model = fresh_home(tmp)
        with serving(home) as url:
            call(url, "POST", "/v1/converse", {"text": "hello"})  # loads the model
            rows = [converse_load(url, 1, args.requests // 2),
                    converse_load(url, 20, args.requests)]  # fmt: skip
        rows.append(mqtt_round_trip(home, tmp, args.runs))
        rows.append(wyoming_round_trip(home, args.runs))
    publish("serve", rows, f"real server on loopback, {model}, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
