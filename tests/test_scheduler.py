"""The scheduler against a real SQLite home, driven by a fixed clock: exact firing, repeats,
DST both ways, a restart, reminders missed while nothing ran, snooze, and two processes
delivering from one home exactly once."""

import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from assistant.reminders.book import Book
from assistant.reminders.entry import Entry
from assistant.reminders.scheduler import Scheduler
from assistant.services import FixedClock
from assistant.store import Store

LONDON = ZoneInfo("Europe/London")


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


class Home:
    """A book and a scheduler on one database file, and what they delivered."""

    def __init__(self, path, now: datetime):
        self.clock = FixedClock(now)
        self.store = Store(path / "assistant.db")
        self.book = Book(self.store)
        self.delivered: list = []
        self.scheduler = Scheduler(self.book, self.clock, self.delivered.append)

    def add(self, title: str, start: datetime, **fields) -> Entry:
        return self.book.add(Entry(title, start, **fields), self.clock.now())

    def run_until(self, end: datetime, step_s: float = 60) -> list[datetime]:
        """Step the clock to `end`, delivering at every step; the occurrences delivered."""
        while self.clock.now() < end:
            self.clock.advance(step_s)
            self.scheduler.deliver_due()
        return [n.occurrence for n in self.delivered]


def test_a_reminder_fires_at_its_minute_and_only_once(tmp_path):
    home = Home(tmp_path, at(2026, 12, 2, 15, 0))
    home.add("call mom", at(2026, 12, 2, 17, 0))
    home.clock.at = at(2026, 12, 2, 16, 59, 59)
    assert home.scheduler.deliver_due() == []
    home.clock.at = at(2026, 12, 2, 17, 0)
    [notice] = home.scheduler.deliver_due()
    assert notice.text == "Reminder: call mom" and not notice.late
    assert home.scheduler.deliver_due() == [] and home.book.entries() == []
    assert home.book.entries(status="done")[0].title == "call mom"


def test_a_weekday_repeat_skips_the_weekend(tmp_path):
    home = Home(tmp_path, at(2026, 12, 3, 12, 0))  # a Thursday
    home.add("stand up", at(2026, 12, 4, 7, 30), rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
    fired = home.run_until(at(2026, 12, 9, 12, 0), step_s=300)
    assert [d.strftime("%a %H:%M") for d in fired] == [
        "Fri 07:30", "Mon 07:30", "Tue 07:30", "Wed 07:30"
    ]  # fmt: skip


def test_spring_forward_fires_a_skipped_time_once_at_the_first_valid_moment(tmp_path):
    """London skips 01:00-02:00 on 28 March 2027: a daily 01:30 fires at 02:00 BST."""
    home = Home(tmp_path, at(2027, 3, 26, 12, 0))
    home.add("pills", at(2027, 3, 27, 1, 30), rrule="FREQ=DAILY")
    fired = home.run_until(at(2027, 3, 29, 12, 0))
    assert [d.isoformat() for d in fired] == [
        "2027-03-27T01:30:00+00:00", "2027-03-28T02:00:00+01:00", "2027-03-29T01:30:00+01:00",
    ]  # fmt: skip


def test_fall_back_fires_a_doubled_time_once(tmp_path):
    """01:30 happens twice on 31 October 2027 in London; the reminder fires at the first."""
    home = Home(tmp_path, at(2027, 10, 30, 12, 0))
    home.add("pills", at(2027, 10, 31, 1, 30), rrule="FREQ=DAILY")
    fired = home.run_until(at(2027, 10, 31, 4, 0))
    assert [d.isoformat() for d in fired] == ["2027-10-31T01:30:00+01:00"]


def test_a_restart_keeps_every_reminder(tmp_path):
    first = Home(tmp_path, at(2026, 12, 2, 15, 0))
    first.add("bins", at(2026, 12, 3, 19, 0), rrule="FREQ=WEEKLY;BYDAY=TH")
    first.store.close()
    again = Home(tmp_path, at(2026, 12, 3, 18, 59))
    assert [e.title for e in again.book.entries()] == ["bins"]
    assert [d.day for d in again.run_until(at(2026, 12, 3, 19, 1))] == [3]


def test_what_came_due_while_nothing_ran_is_delivered_once_as_missed(tmp_path):
    home = Home(tmp_path, at(2026, 12, 1, 8, 0))
    home.add("dentist", at(2026, 12, 1, 9, 0))
    home.add("water plants", at(2026, 12, 1, 18, 0), rrule="FREQ=DAILY")
    home.clock.at = at(2026, 12, 4, 12, 0)  # three days later the assistant starts again
    notices = home.scheduler.deliver_due()
    assert sorted(n.text.split(" (")[0] for n in notices) == [
        "While you were away: Reminder: dentist", "While you were away: Reminder: water plants",
    ]  # fmt: skip
    plants = next(n for n in notices if n.entry.title == "water plants")
    assert plants.missed == 2 and plants.occurrence == at(2026, 12, 3, 18, 0)
    assert home.book.entries()[0].next == at(2026, 12, 4, 18, 0)  # the repeat goes on
    assert home.scheduler.deliver_due() == []


def test_snooze_delivers_again_and_the_repeat_goes_on(tmp_path):
    home = Home(tmp_path, at(2026, 12, 2, 6, 0))
    alarm = home.add("wake up", at(2026, 12, 2, 7, 0), kind="alarm", rrule="FREQ=DAILY")
    home.run_until(at(2026, 12, 2, 7, 0))
    home.book.snooze(alarm.id, at(2026, 12, 2, 7, 10))
    fired = home.run_until(at(2026, 12, 3, 7, 0))
    assert [d.strftime("%d %H:%M") for d in fired] == ["02 07:00", "02 07:10", "03 07:00"]


def test_an_event_is_announced_its_lead_time_before(tmp_path):
    home = Home(tmp_path, at(2026, 12, 2, 12, 0))
    home.add("dentist", at(2026, 12, 4, 15, 0), kind="event", end=at(2026, 12, 4, 16, 0),
             remind_before=timedelta(minutes=15))  # fmt: skip
    home.run_until(at(2026, 12, 4, 14, 45))
    [notice] = home.delivered
    assert notice.due == at(2026, 12, 4, 14, 45) and notice.text == "dentist at 15:00 (in 15 min)"


@pytest.mark.slow
def test_two_processes_deliver_each_occurrence_exactly_once(tmp_path):
    """Two real processes run the scheduler thread against one home; 60 timers come due
    within two seconds; each is delivered by exactly one of them."""
    home = Home(tmp_path, datetime.now(LONDON))
    soon = datetime.now(LONDON) + timedelta(seconds=3)
    for i in range(60):
        home.add(f"timer {i}", soon + timedelta(milliseconds=30 * i), kind="timer")
    script = textwrap.dedent(
        f"""
        import sys, time
        from assistant.reminders.book import Book
        from assistant.reminders.scheduler import Scheduler
        from assistant.services import SystemClock
        from assistant.store import Store
        from zoneinfo import ZoneInfo
        book = Book(Store(__import__("pathlib").Path({str(tmp_path)!r}) / "assistant.db"))
        out = open(sys.argv[1], "w")
        def deliver(n):
            out.write(f"{{n.entry.id}}\\n"); out.flush()
        scheduler = Scheduler(book, SystemClock(ZoneInfo("Europe/London")), deliver)
        scheduler.start()
        time.sleep(8)
        scheduler.stop()
        """
    )
    logs = [tmp_path / f"p{i}.log" for i in range(2)]
    procs = [subprocess.Popen([sys.executable, "-c", script, str(log)]) for log in logs]
    for proc in procs:
        assert proc.wait(timeout=60) == 0
    delivered = [line for log in logs for line in log.read_text().split()]
    assert sorted(map(int, delivered)) == sorted(e.id for e in home.book.entries(status="done"))
    assert len(delivered) == 60 and len(set(delivered)) == 60
    assert len(home.book.deliveries()) == 60
