"""What every network front (HTTP, MQTT, Wyoming) does with one home: a turn at a time per
process through the same `Assistant.handle` as the REPL, with an optional "now" per request.

Turns are serialised in a process: a turn takes milliseconds, and one lock keeps each
session's turns in order and the skills' state consistent. More processes on one home
(`assistant serve --workers N`) share it through SQLite."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from assistant.errors import InputError
from assistant.services import parse_now

if TYPE_CHECKING:
    from assistant.core import Assistant
    from assistant.services import Clock

SESSION_NAME = re.compile(r"^[\w.-]{1,64}$")


@dataclass
class RequestClock:
    """The assistant's clock, or the time one request said it is (this thread only, so the
    reminder scheduler never sees a request's "now")."""

    base: Clock

    def __post_init__(self) -> None:
        self._local = threading.local()

    def now(self) -> datetime:
        at: datetime | None = getattr(self._local, "at", None)
        if at is None:
            return self.base.now()
        return at if at.tzinfo else at.replace(tzinfo=self.base.now().tzinfo)

    def set(self, at: datetime | None) -> None:
        self._local.at = at


class Front:
    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self.clock = RequestClock(assistant.services.clock)
        assistant.services.clock = self.clock  # before any service is built, so all share it
        self._lock = threading.Lock()

    def converse(self, text: str, session: str | None = None, now: str | None = None) -> dict:
        """The turn for `text`, as `assistant ask --json` prints it."""
        from assistant.dialogue import sessions
        from assistant.dialogue.session import Session

        at = parse_now(now, "now") if now else None
        with self._lock:
            state = (
                sessions.load(self.assistant.store, check_session(session))
                if session
                else Session()
            )
            self.clock.set(at)
            try:
                return self.assistant.handle(text, state).as_json()
            finally:
                self.clock.set(None)

    def correct(self, turn_id: int, label: str) -> dict[str, Any]:
        from assistant.dialogue.session import Session

        with self._lock:
            if self.assistant.store.turn(turn_id) is None:
                raise LookupError(f"no turn {turn_id}")
            redo = self.assistant.correct(turn_id, label, Session(), source="http")
        return {"turn_id": turn_id, "label": label, "reply": redo.reply.text}

    def locked(self) -> threading.Lock:
        """For the endpoints that change the home or the book outside a turn."""
        return self._lock


def check_session(name: str) -> str:
    if not SESSION_NAME.match(name):
        raise InputError("session must be 1 to 64 letters, digits, '.', '-' or '_'")
    return name
