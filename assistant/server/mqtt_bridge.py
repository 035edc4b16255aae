"""The MQTT voice bridge: what a speech-to-text pipeline heard comes in on
`<prefix>/<satellite>/heard` (`{"text", "session"?}` or plain text), the reply goes out on
`<prefix>/<satellite>/say`, and reminders when due on `<prefix>/notify`.

The client keeps a persistent session (a fixed client id, clean_start off, QoS 1), so what
was published while it was away is delivered when it reconnects; paho reconnects by itself
after the broker restarts."""

from __future__ import annotations

import json
import logging
import socket
import threading
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from assistant.errors import ConfigError

if TYPE_CHECKING:
    from assistant.reminders.scheduler import Notice
    from assistant.server.front import Front

log = logging.getLogger(__name__)


class MqttBridge:
    def __init__(self, front: Front, url: str, prefix: str = "assistant",
                 client_id: str = "assistant-voice-bridge"):  # fmt: skip
        import paho.mqtt.client as mqtt

        parsed = urlparse(url if "://" in url else f"mqtt://{url}")
        if parsed.scheme not in {"mqtt", "tcp"} or not parsed.hostname:
            raise ConfigError(f"the MQTT url must look like mqtt://host:1883, not {url!r}")
        self.front = front
        self.prefix = prefix.rstrip("/")
        self.ready = threading.Event()
        self.client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=False
        )
        if parsed.username:
            self.client.username_pw_set(parsed.username, parsed.password)
        self.client.on_connect = self._on_connect
        self.client.on_subscribe = lambda *_: self.ready.set()
        self.client.on_disconnect = lambda *_: self.ready.clear()
        self.client.on_message = self._on_message
        self.client.reconnect_delay_set(min_delay=1, max_delay=5)
        self._host, self._port = parsed.hostname, parsed.port or 1883

    def start(self, timeout_s: float = 10.0) -> None:
        """Connect (retrying in the background if the broker is not up yet) and serve."""
        self.client.connect_async(self._host, self._port, keepalive=30)
        self.client.loop_start()
        self.ready.wait(timeout_s)

    def _on_connect(self, client: Any, userdata: Any, flags: Any, reason: Any, props: Any) -> None:
        sock = client.socket()
        if sock is not None:  # replies go out at once, not after Nagle's ~40 ms
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        client.subscribe(f"{self.prefix}/+/heard", qos=1)

    def _on_message(self, client: Any, userdata: Any, message: Any) -> None:
        satellite = message.topic[len(self.prefix) + 1 :].split("/")[0]
        text, session = _heard(message.payload)
        try:
            reply = self.front.converse(text, session or f"mqtt-{satellite}")
        except Exception as exc:  # one bad message must not stop the bridge
            log.warning("mqtt bridge: %s", exc)
            reply = {"text": f"Sorry, that went wrong: {exc}", "error": str(exc)}
        out = {"text": reply.get("text", ""), "turn_id": reply.get("turn_id"),
               "intent": reply.get("intent"), "question": reply.get("question")}  # fmt: skip
        client.publish(f"{self.prefix}/{satellite}/say", json.dumps(out), qos=1)

    def notify(self, notice: Notice) -> None:
        """A reminder that came due, for every satellite (a delivery target)."""
        self.client.publish(f"{self.prefix}/notify", json.dumps(notice.as_dict()), qos=1)

    def close(self) -> None:
        from assistant.devices.adapters.mqtt import close_client

        close_client(self.client)


def _heard(payload: bytes) -> tuple[str, str | None]:
    """(text, session) from `{"text": ..., "session": ...}`, or the payload as plain text."""
    raw = payload.decode("utf-8", "replace").strip()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return raw, None
    if isinstance(data, dict):
        session = data.get("session")
        return str(data.get("text") or ""), str(session) if session else None
    return raw, None
