"""Where a due reminder goes: every notifier added here (the REPL's printer, a desktop
notification, and the webhooks, MQTT and speech the home hooks add). A notifier that
fails is logged and skipped; the others still get the notice."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.reminders.scheduler import Notice

log = logging.getLogger(__name__)
Notifier = Callable[["Notice"], None]


class Delivery:
    def __init__(self) -> None:
        self.notifiers: dict[str, Notifier] = {}

    def add(self, name: str, notifier: Notifier) -> None:
        """Send every notice to `notifier` too (a second add with one name replaces it)."""
        self.notifiers[name] = notifier

    def remove(self, name: str) -> None:
        self.notifiers.pop(name, None)

    def __call__(self, notice: Notice) -> None:
        for name, notifier in list(self.notifiers.items()):
            try:
                notifier(notice)
            except Exception:
                log.exception("notifier %s failed on reminder %s", name, notice.entry.id)


def printer(write: Callable[[str], None]) -> Notifier:
    """Notices as lines of text: above the REPL prompt, or on the daemon's output."""
    return lambda notice: write(f"⏰ {notice.text}")


class DesktopNotifier:
    """A desktop notification through notify-send, where there is one."""

    def __init__(self) -> None:
        self.program = shutil.which("notify-send")

    @property
    def available(self) -> bool:
        return self.program is not None

    @property
    def status(self) -> str:
        if self.program:
            return f"desktop notifications through {self.program}"
        return "no desktop notifications here (notify-send is not installed)"

    def __call__(self, notice: Notice) -> None:
        if self.program:
            subprocess.run(
                [self.program, "--app-name=assistant", "Reminder", notice.text],
                check=False, timeout=10, capture_output=True,
            )  # fmt: skip
