"""Outgoing webhooks: each event a JSON POST to the configured URLs, from a background
thread with retries and exponential backoff, so a slow or failing hook never holds a turn.

Body: `{"event": "reminder.due", "at": ISO time, "data": {...}}`. Events are kept in memory
while they wait: one still retrying when the process stops is lost (and logged)."""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from assistant.errors import ConfigError

if TYPE_CHECKING:
    from assistant.services import Services

log = logging.getLogger(__name__)


@dataclass
class Attempt:
    url: str
    body: bytes
    tries: int = 0
    not_before: float = 0.0


@dataclass
class Webhooks:
    urls: list[str]
    events: set[str] = field(default_factory=set)  # empty: every event
    retries: int = 5
    backoff_s: float = 1.0
    timeout_s: float = 5.0

    def __post_init__(self) -> None:
        for url in self.urls:
            if not url.startswith(("http://", "https://")):
                raise ConfigError(f"webhooks.urls: {url!r} is not an http(s) URL")
        self._queue: queue.Queue[Attempt] = queue.Queue()
        self._waiting: list[Attempt] = []
        self._pending = 0  # attempts queued, waiting or being sent
        self._count = threading.Lock()
        self.sent = 0
        self.failed = 0
        self._thread = threading.Thread(target=self._run, name="webhooks", daemon=True)
        self._thread.start()

    @classmethod
    def from_services(cls, services: Services) -> Webhooks:
        config = services.config.webhooks
        hooks = cls(_split(config.urls), set(_split(config.events)), config.retries,
                    config.backoff_s, config.timeout_s)  # fmt: skip
        services.events.listen(hooks.handle)
        return hooks

    def handle(self, kind: str, data: dict[str, Any]) -> None:
        """Queue `kind` for every URL; returns at once."""
        if self.events and kind not in self.events:
            return
        at = datetime.now(UTC).isoformat(timespec="seconds")
        body = json.dumps({"event": kind, "at": at, "data": data}, default=str).encode()
        for url in self.urls:
            with self._count:
                self._pending += 1
            self._queue.put(Attempt(url, body))

    def idle(self) -> bool:
        return self._pending == 0

    def close(self) -> None:
        """Give what is queued up to `timeout_s` to go out (a one-shot `assistant ask` would
        otherwise exit before its events are sent)."""
        deadline = time.monotonic() + self.timeout_s
        while not self.idle() and time.monotonic() < deadline:
            time.sleep(0.02)
        if not self.idle():
            log.warning("webhooks: stopping with events still unsent")

    def _run(self) -> None:
        while True:
            wait = min((a.not_before for a in self._waiting), default=None)
            timeout = None if wait is None else max(0.0, wait - time.monotonic())
            with contextlib.suppress(queue.Empty):  # woken to retry what is waiting
                self._waiting.append(self._queue.get(timeout=timeout))
            now = time.monotonic()
            due = [a for a in self._waiting if a.not_before <= now]
            self._waiting = [a for a in self._waiting if a.not_before > now]
            for attempt in due:
                if self._send(attempt):
                    with self._count:
                        self._pending -= 1

    def _send(self, attempt: Attempt) -> bool:
        """Try once; True when the attempt is finished (sent, or given up)."""
        attempt.tries += 1
        request = urllib.request.Request(attempt.url, data=attempt.body, method="POST",
                                         headers={"Content-Type": "application/json"})  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s):
                self.sent += 1
                return True
        except (urllib.error.URLError, OSError) as exc:
            error = str(exc)
        if attempt.tries > self.retries:
            self.failed += 1
            log.warning("webhook %s gave up after %d tries: %s", attempt.url, attempt.tries, error)
            return True
        attempt.not_before = time.monotonic() + self.backoff_s * 2 ** (attempt.tries - 1)
        self._waiting.append(attempt)
        return False


def _split(text: str) -> list[str]:
    return [part for part in text.replace(",", " ").split() if part]
