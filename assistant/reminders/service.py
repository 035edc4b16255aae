"""The `reminders` service: the book, its scheduler and where deliveries go, for one home."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.reminders.book import Book
from assistant.reminders.delivery import Delivery, DesktopNotifier
from assistant.reminders.scheduler import Scheduler

if TYPE_CHECKING:
    from assistant.services import Services


class Reminders:
    def __init__(self, services: Services):
        self.clock = services.clock
        self.config = services.config.reminders
        self.book = Book(services.store)
        self.delivery = Delivery()
        self.desktop = DesktopNotifier()
        if self.config.desktop and self.desktop.available:
            self.delivery.add("desktop", self.desktop)
        events = services.events
        self.delivery.add("events", lambda notice: events.emit("reminder.due", notice.as_dict()))
        self.scheduler = Scheduler(self.book, self.clock, self.delivery)

    @classmethod
    def from_services(cls, services: Services) -> Reminders:
        return cls(services)

    def start(self) -> None:
        """Deliver in the background from now on (the REPL, the daemon, the server)."""
        self.scheduler.start()

    def changed(self) -> None:
        self.scheduler.wake()

    def close(self) -> None:
        self.scheduler.stop()
