"""Delivering what comes due, exactly once per occurrence, however many assistants run.

`deliver_due(now)` is the whole logic and is what tests drive with a fixed clock: each due
row is claimed in one transaction (a `deliveries` row whose primary key is the occurrence,
then the row's next due time), so two processes never both deliver it. `start()` runs it
on a thread that sleeps until the next due time; it wakes early when this process adds or
changes an entry, and at least every `max_sleep_s` to see entries another process added.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from assistant.reminders import occurrences
from assistant.reminders.book import Book, due_of
from assistant.reminders.entry import Entry
from assistant.services import Clock

log = logging.getLogger(__name__)


@dataclass
class Notice:
    """One delivery: what the user is told, whether it came late, and when it was due."""

    entry: Entry
    occurrence: datetime  # the moment the entry is about
    due: datetime  # when it was to be delivered
    late: bool = False  # it came due while nothing was running: "while you were away"
    missed: int = 0  # further occurrences of a repeat that passed unseen meanwhile

    @property
    def text(self) -> str:
        when = self.occurrence.strftime("%H:%M")
        what = {
            "timer": f"Timer done: {self.entry.title}",
            "alarm": f"Alarm: {self.entry.title} ({when})",
            "event": f"{self.entry.title} at {when}"
            + (
                f" (in {_minutes(self.occurrence - self.due)})"
                if self.occurrence > self.due
                else ""
            ),
        }.get(self.entry.kind, f"Reminder: {self.entry.title}")
        if self.late:
            day = self.occurrence.strftime("%a %d %b %H:%M")
            extra = f"; missed {self.missed} more time(s)" if self.missed else ""
            return f"While you were away: {what} (due {day}{extra})"
        return what

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.entry.id, "title": self.entry.title, "kind": self.entry.kind,
            "occurrence": self.occurrence.isoformat(), "due": self.due.isoformat(),
            "late": self.late, "missed": self.missed, "text": self.text,
        }  # fmt: skip


class Scheduler:
    def __init__(
        self,
        book: Book,
        clock: Clock,
        deliver: Callable[[Notice], None],
        grace_s: float = 60.0,
        max_sleep_s: float = 30.0,
    ):
        self.book = book
        self.clock = clock
        self.deliver = deliver
        self.grace = timedelta(seconds=grace_s)  # later than this counts as "while you were away"
        self.max_sleep_s = max_sleep_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def deliver_due(self, now: datetime | None = None) -> list[Notice]:
        """Claim and deliver every occurrence due by `now`; what this process delivered."""
        now = now or self.clock.now()
        rows = self.book.store.query(
            "SELECT id FROM reminders WHERE next_due IS NOT NULL AND next_due <= ?"
            " ORDER BY next_due LIMIT 1000",
            (now.timestamp(),),
        )
        notices = [n for (entry_id,) in rows if (n := self._claim(entry_id, now))]
        for notice in notices:
            try:
                self.deliver(notice)
            except Exception:  # a failing notifier must not stop the others or the loop
                log.exception("delivering reminder %s failed", notice.entry.id)
        return notices

    def _claim(self, entry_id: int, now: datetime) -> Notice | None:
        with self.book.store.transaction() as db:
            row = db.execute(
                "SELECT next_due, next_occurrence, snoozed_until FROM reminders"
                " WHERE id=? AND status='active'",
                (entry_id,),
            ).fetchone()
            if row is None or row[0] is None or row[0] > now.timestamp():
                return None  # another process took it first, or it was changed
            entry = Book.read(db, entry_id)
            zone = entry.start.tzinfo
            assert zone is not None
            snoozed = row[2] is not None and row[2] <= now.timestamp()
            if snoozed:
                occurrence = _at(row[2], zone)
                key, due = f"snooze@{occurrence.isoformat()}", occurrence
            else:
                occurrence = datetime.fromisoformat(row[1]).astimezone(zone)
                key, due = occurrence.isoformat(), due_of(entry, occurrence)
            late = now - due > self.grace
            missed, following = self._following(entry, occurrence, now, late and not snoozed)
            skipped = 0
            if late and missed:  # deliver the latest missed occurrence, once
                skipped, occurrence = len(missed), missed[-1]
                key, due = occurrence.isoformat(), due_of(entry, occurrence)
            claimed = db.execute(
                "INSERT OR IGNORE INTO deliveries VALUES (?,?,?,?,?,?)",
                (entry_id, key, due.timestamp(), time.time(), int(late), os.getpid()),
            ).rowcount
            regular = self._regular_after(entry, row, now) if snoozed else following
            db.execute(
                "UPDATE reminders SET next_due=?, next_occurrence=?, snoozed_until=NULL,"
                " status=? WHERE id=?",
                (
                    due_of(entry, regular).timestamp() if regular else None,
                    regular.isoformat() if regular else None,
                    "active" if regular else "done",
                    entry_id,
                ),
            )
        return Notice(entry, occurrence, due, late, skipped) if claimed else None

    def _following(
        self, entry: Entry, occurrence: datetime, now: datetime, catch_up: bool
    ) -> tuple[list[datetime], datetime | None]:
        """The occurrences after `occurrence` that are already past (when catching up after
        an absence), and the first one still to come."""
        missed: list[datetime] = []
        for later in occurrences.occurrences(entry, occurrence):
            if not catch_up or due_of(entry, later) > now:
                return missed, later
            missed.append(later)
            if len(missed) > 100_000:
                break
        return missed, None

    def _regular_after(self, entry: Entry, row: tuple, now: datetime) -> datetime | None:
        """After a snooze, the repeat goes on as before."""
        zone = entry.start.tzinfo
        assert zone is not None
        if row[1] is None:
            return None
        pending = datetime.fromisoformat(row[1]).astimezone(zone)
        return pending if pending > now else occurrences.after(entry, now)

    # -- the background thread ---------------------------------------------------------

    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="reminders", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout=5)

    def wake(self) -> None:
        """Something changed here: look again at when the next entry is due."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.deliver_due()
                earliest = self.book.earliest_due()
            except Exception:
                log.exception("reminder scheduler step failed")
                earliest = None
            now = self.clock.now().timestamp()
            sleep = self.max_sleep_s if earliest is None else min(self.max_sleep_s, earliest - now)
            if sleep > 0:
                self._wake.wait(sleep)


def _at(epoch: float, zone: tzinfo) -> datetime:
    return datetime.fromtimestamp(epoch, UTC).astimezone(zone)


def _minutes(length: timedelta) -> str:
    total = round(length.total_seconds() / 60)
    return f"{total} min" if total < 120 else f"{total // 60} h {total % 60:02d} min"
