"""Server-sent events for the web page: each of the assistant's events ("reminder.due",
"device.changed", "correction.recorded") goes to every connected stream.

Events are raised on other threads (the reminder scheduler, a turn); each stream owns an
asyncio queue that they are handed to through its event loop. A stream that falls behind
by more than MAX_BACKLOG events loses the oldest, never blocks the thread that raised them.
With `--workers N`, a page sees the events of the process it is connected to."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator
from typing import Any

MAX_BACKLOG = 100
KEEPALIVE_S = 15.0


class Live:
    def __init__(self) -> None:
        self._streams: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[str]]] = set()
        self._lock = threading.Lock()

    def publish(self, kind: str, data: dict[str, Any]) -> None:
        """An events listener: safe from any thread."""
        message = f"event: {kind}\ndata: {json.dumps(data, default=str)}\n\n"
        with self._lock:
            streams = list(self._streams)
        for loop, queue in streams:
            loop.call_soon_threadsafe(_put, queue, message)

    async def stream(self) -> AsyncIterator[str]:
        """One client's stream: a "ready" event, then events, with a comment line every
        KEEPALIVE_S so proxies keep the connection open."""
        queue: asyncio.Queue[str] = asyncio.Queue(MAX_BACKLOG)
        entry = (asyncio.get_running_loop(), queue)
        with self._lock:
            self._streams.add(entry)
        try:
            yield "event: ready\ndata: {}\n\n"
            while True:
                try:
                    yield await asyncio.wait_for(queue.get(), KEEPALIVE_S)
                except TimeoutError:
                    yield ": keepalive\n\n"
        finally:
            with self._lock:
                self._streams.discard(entry)

    @property
    def listeners(self) -> int:
        with self._lock:
            return len(self._streams)


def _put(queue: asyncio.Queue[str], message: str) -> None:
    if queue.full():
        queue.get_nowait()
    queue.put_nowait(message)
