"""Things that happened, for whoever listens (webhooks, a web page): "reminder.due",
"device.changed", "correction.recorded". A listener that fails is logged and skipped: an
event never fails the turn that raised it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

Listener = Callable[[str, dict[str, Any]], None]
KINDS = ("reminder.due", "device.changed", "correction.recorded")
log = logging.getLogger(__name__)


class Events:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def listen(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def emit(self, kind: str, data: dict[str, Any]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(kind, data)
            except Exception:
                log.exception("event listener failed on %s", kind)
