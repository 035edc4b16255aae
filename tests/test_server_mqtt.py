"""The MQTT voice bridge of `assistant serve --mqtt`: a real mosquitto broker (restarted in
the middle), a real server process, and a paho client playing a voice satellite."""

from __future__ import annotations

import json
import queue
import threading
from contextlib import ExitStack
from datetime import datetime, timedelta

import paho.mqtt.client as mqtt
import pytest

from assistant.devices.adapters.mqtt import close_client
from tests.broker import free_port, mosquitto
from tests.server import call, serving

pytestmark = pytest.mark.slow


class Satellite:
    """Publishes what it "heard" and collects what the assistant says back."""

    def __init__(self, port: int, name: str = "kitchen"):
        self.name = name
        self.said: queue.Queue[dict] = queue.Queue()
        self.notices: queue.Queue[dict] = queue.Queue()
        self.ready = threading.Event()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"sat-{name}",
                                  clean_session=False)  # fmt: skip
        self.client.on_connect = lambda c, *_: c.subscribe(
            [(f"assistant/{name}/say", 1), ("assistant/notify", 1)]
        )
        self.client.on_subscribe = lambda *_: self.ready.set()
        self.client.on_disconnect = lambda *_: self.ready.clear()
        self.client.on_message = self._on_message
        self.client.reconnect_delay_set(min_delay=1, max_delay=2)
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()
        assert self.ready.wait(10)

    def _on_message(self, client, userdata, message):
        target = self.notices if message.topic.endswith("notify") else self.said
        target.put(json.loads(message.payload))

    def hear(self, text: str) -> dict:
        payload = json.dumps({"text": text})
        self.client.publish(f"assistant/{self.name}/heard", payload, qos=1).wait_for_publish(10)
        return self.said.get(timeout=30)

    def close(self):
        close_client(self.client)


def test_heard_text_is_answered_across_a_broker_restart_and_reminders_arrive(home, tmp_path):
    port = free_port()
    first_broker = ExitStack()
    first_broker.enter_context(mosquitto(tmp_path, port, persistent=True))
    with serving(home, "--mqtt", f"mqtt://127.0.0.1:{port}") as url:
        satellite = Satellite(port)
        try:
            first = satellite.hear("hello")
            assert first["text"] and first["turn_id"]
            first_broker.close()  # the broker goes away, and comes back on the same port
            satellite.ready.clear()
            with mosquitto(tmp_path, port, persistent=True):
                assert satellite.ready.wait(15), "the satellite did not reconnect"
                again = satellite.hear("what can you do")  # QoS 1: waits for the bridge
                assert again["turn_id"] > first["turn_id"]
                status, _ = call(url, "POST", "/v1/reminders",
                                 {"title": "stretch", "when": in_seconds(2)})  # fmt: skip
                assert status == 201
                notice = satellite.notices.get(timeout=30)
                assert notice["title"] == "stretch" and "stretch" in notice["text"]
        finally:
            satellite.close()
            first_broker.close()


def test_plain_text_payloads_and_per_satellite_sessions(home, tmp_path):
    port = free_port()
    with mosquitto(tmp_path, port), serving(home, "--mqtt", f"mqtt://127.0.0.1:{port}"):
        satellite = Satellite(port, "hall")
        try:
            satellite.client.publish(
                "assistant/hall/heard", "remember this", qos=1
            ).wait_for_publish(10)
            asked = satellite.said.get(timeout=30)
            assert asked["question"] is not None, asked
            answer = satellite.hear("the spare key is under the mat")
            assert "key" in answer["text"].lower()  # the question was this satellite's
        finally:
            satellite.close()


def in_seconds(seconds: float) -> str:
    return (datetime.now().astimezone() + timedelta(seconds=seconds)).isoformat()
