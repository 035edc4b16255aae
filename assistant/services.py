"""The services a skill is handed: the store, a clock, the encoder, an LLM, the user's
knowledge, and any service a plugin registers.

Each service is built once per Assistant, on first use, by a factory found through the
`assistant.services` entry-point group (built-ins register there exactly like plugins):
a callable that takes the `Services` and returns the service.
A test hands in its own with `Services.provide(name, value)`: a fixed clock, a fake LLM.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Protocol

from assistant.errors import InputError, ServiceError
from assistant.events import Events

if TYPE_CHECKING:
    from assistant.config import Config
    from assistant.llm import LLM
    from assistant.nlu.encoder import Encoder
    from assistant.store import Store


class Clock(Protocol):
    """Where "now" comes from; everything that reads the time asks this."""

    def now(self) -> datetime:
        """The current time, timezone-aware, in the user's zone."""
        ...


@dataclass
class SystemClock:
    zone: tzinfo | None = None  # None: the system's local offset

    def now(self) -> datetime:
        return datetime.now(self.zone) if self.zone else datetime.now().astimezone()


@dataclass
class FixedClock:
    """A clock that says `at` until told otherwise (`assistant ask --now`, tests).
    A naive `at` is read in `zone` (the user's zone once handed to Services)."""

    at: datetime
    zone: tzinfo | None = None

    def now(self) -> datetime:
        if self.at.tzinfo:
            return self.at
        return self.at.replace(tzinfo=self.zone) if self.zone else self.at.astimezone()

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


def parse_now(text: str, option: str = "--now") -> datetime:
    """A time to take as now (`--now`, a request's "now"): ISO, with or without an offset."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{option} {text!r} is not an ISO date and time, e.g. 2026-12-03T08:00"
        ) from None


ServiceFactory = Callable[["Services"], Any]


class Services:
    """One Assistant's services by name, each made by its factory the first time it is asked for."""

    def __init__(
        self,
        config: Config,
        store: Store,
        clock: Clock | None = None,
        factories: dict[str, ServiceFactory] | None = None,
    ):
        self.config = config
        self.store = store
        from assistant.timezone import user_zone

        zone = user_zone(config.time.zone)
        if isinstance(clock, FixedClock) and clock.zone is None:
            clock.zone = zone
        self.clock: Clock = clock or SystemClock(zone)
        self.factories = dict(factories or {})
        self.events = Events()  # what happened, for webhooks and other listeners
        self._built: dict[str, Any] = {}
        self._lock = threading.RLock()  # a factory may ask for another service

    def get(self, name: str) -> Any:
        with self._lock:
            if name not in self._built:
                factory = self.factories.get(name)
                if factory is None:
                    known = ", ".join(sorted(self.factories)) or "none"
                    raise ServiceError(f"no service named {name!r} (available: {known})")
                self._built[name] = factory(self)
            return self._built[name]

    def provide(self, name: str, value: Any) -> None:
        """Use `value` as service `name` from now on (a test's fake, a host's own)."""
        with self._lock:
            self._built[name] = value

    def built(self, name: str) -> bool:
        return name in self._built

    def has(self, name: str) -> bool:
        """Whether service `name` exists here (registered or provided), built or not."""
        return name in self._built or name in self.factories

    @property
    def llm(self) -> LLM | None:
        """The configured generator, or None when `llm.backend` is "none"."""
        return self.get("llm")

    @property
    def encoder(self) -> Encoder:
        """The sentence encoder shared by the few-shot intent model and retrieval."""
        return self.get("encoder")

    @property
    def knowledge(self) -> Any:
        """The user's documents, facts and graph (registered by the `knowledge` package)."""
        return self.get("knowledge")

    def close(self) -> None:
        for service in self._built.values():
            close = getattr(service, "close", None)
            if callable(close) and service is not self.store:
                close()
