"""Outgoing webhooks against a real loopback HTTP receiver that fails its first requests:
retries with backoff, every event kind, and a dead hook that never holds up a turn."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.core import Assistant
from assistant.dialogue.session import Session
from assistant.webhooks import Webhooks
from tests.broker import free_port
from tests.helpers import wait_for


class Receiver:
    """Answers 503 to the first `failures` POSTs, then 200; keeps what it was sent."""

    def __init__(self, failures: int = 0):
        self.failures = failures
        self.received: list[dict] = []
        self.tries = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                receiver.tries += 1
                code = 503 if receiver.tries <= receiver.failures else 200
                if code == 200:
                    receiver.received.append(body)
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = Receiver(failures=2)
    yield made
    made.close()


def test_a_failing_receiver_gets_the_event_after_retries(receiver):
    hooks = Webhooks([receiver.url], retries=3, backoff_s=0.1)
    started = time.monotonic()
    hooks.handle("device.changed", {"device": "desk_lamp"})
    assert time.monotonic() - started < 0.05  # queued, not sent, by the caller
    assert wait_for(lambda: receiver.received)
    assert receiver.tries == 3  # two 503s, then delivered
    [event] = receiver.received
    assert event["event"] == "device.changed" and event["data"] == {"device": "desk_lamp"}
    assert hooks.idle() and hooks.sent == 1


@pytest.mark.slow
def test_a_dead_hook_gives_up_and_never_blocks_a_turn(tmp_path):
    dead = f"http://127.0.0.1:{free_port()}/nothing"
    (tmp_path / "config.toml").write_text(
        f'[webhooks]\nurls = "{dead}"\nretries = 2\nbackoff_s = 0.05\n'
    )
    assistant = Assistant.open(tmp_path, notify=lambda _: None)
    try:
        session = Session()
        turn = assistant.handle("hello", session)
        started = time.perf_counter()
        assistant.correct(turn.id, "chat", session)  # an event, to a hook that is down
        assert time.perf_counter() - started < 1.0
        hooks = assistant.services.get("webhooks")
        assert wait_for(lambda: hooks.failed == 1)
    finally:
        assistant.close()


@pytest.mark.slow
def test_every_kind_of_event_reaches_the_hook(tmp_path):
    receiver = Receiver()
    (tmp_path / "config.toml").write_text(f'[webhooks]\nurls = "{receiver.url}"\n')
    assistant = Assistant.open(tmp_path, notify=lambda _: None)
    try:
        session = Session()
        turn = assistant.handle("hello", session)
        assistant.correct(turn.id, "chat", session)
        devices = assistant.services.get("devices")
        from assistant.devices.state import Change

        devices.hub.act([(devices.home.get("desk_lamp"), Change({"on": True}))], requester="t")
        reminders = assistant.services.get("reminders")
        from datetime import timedelta

        from assistant.reminders.entry import Entry

        now = assistant.services.clock.now()
        reminders.book.add(Entry("stretch", now + timedelta(seconds=1)), now)
        reminders.start()
        assert wait_for(lambda: len(receiver.received) >= 3, timeout=15)
        kinds = {e["event"] for e in receiver.received}
        assert kinds == {"correction.recorded", "device.changed", "reminder.due"}
        by_kind = {e["event"]: e["data"] for e in receiver.received}
        assert by_kind["device.changed"]["device"] == "desk_lamp"
        assert by_kind["reminder.due"]["title"] == "stretch"
        assert by_kind["correction.recorded"]["label"] == "chat"
    finally:
        assistant.close()
        receiver.close()


def test_only_the_chosen_events_and_only_http_urls():
    from assistant.errors import ConfigError

    with pytest.raises(ConfigError, match="not an http"):
        Webhooks(["ftp://example.org/x"])
    hooks = Webhooks(["http://127.0.0.1:9/x"], events={"reminder.due"})
    hooks.handle("device.changed", {})
    assert hooks.idle()  # filtered out: nothing queued
