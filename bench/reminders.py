"""Reminder delivery: how close to its due time each of 200 timers is delivered by the real
scheduler thread (system clock), and how much CPU the scheduler uses while it holds 10,000
reminders and nothing is due.

    python bench/reminders.py    # prints a table, writes bench/results/reminders.json
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.reminders.book import Book
from assistant.reminders.entry import Entry
from assistant.reminders.scheduler import Notice, Scheduler
from assistant.services import SystemClock
from assistant.store import Store

RESULTS = Path(__file__).parent / "results" / "reminders.json"
ZONE = ZoneInfo("Europe/London")
TIMERS = 200
HELD = 10_000
IDLE_S = 60.0


def firing(home: Path) -> dict[str, float]:
    book = Book(Store(home / "firing.db"))
    lateness: list[float] = []
    done = threading.Event()

    def deliver(notice: Notice) -> None:
        lateness.append((time.time() - notice.due.timestamp()) * 1000)
        if len(lateness) == TIMERS:
            done.set()

    clock = SystemClock(ZONE)
    scheduler = Scheduler(book, clock, deliver)
    scheduler.start()
    first = datetime.now(ZONE) + timedelta(seconds=2)
    for i in range(TIMERS):  # one every 97 ms, added while the scheduler runs
        book.add(
            Entry(f"timer {i}", first + timedelta(milliseconds=97 * i), kind="timer"), clock.now()
        )
        scheduler.wake()
    done.wait(timeout=120)
    scheduler.stop()
    ordered = sorted(lateness)
    return {
        "timers": TIMERS,
        "delivered": len(lateness),
        "late_ms_p50": round(statistics.median(ordered), 1),
        "late_ms_p99": round(ordered[int(0.99 * (len(ordered) - 1))], 1),
        "late_ms_max": round(ordered[-1], 1),
        "early": sum(1 for x in ordered if x < 0),
    }


def idle(home: Path) -> dict[str, float]:
    store = Store(home / "idle.db")
    book = Book(store)
    clock = SystemClock(ZONE)
    now = clock.now()
    started = time.perf_counter()
    for i in range(HELD):
        rule = "FREQ=WEEKLY" if i % 10 == 0 else None
        start = now + timedelta(days=2, minutes=i)
        book.add(Entry(f"reminder {i}", start, rrule=rule), now)
    add_ms = (time.perf_counter() - started) * 1000 / HELD
    scheduler = Scheduler(book, clock, lambda notice: None)
    cpu_before, wall_before = time.process_time(), time.perf_counter()
    scheduler.start()
    time.sleep(IDLE_S)
    scheduler.stop()
    cpu = time.process_time() - cpu_before
    wall = time.perf_counter() - wall_before
    return {
        "held": HELD,
        "add_ms_each": round(add_ms, 3),
        "idle_seconds": round(wall, 1),
        "cpu_seconds": round(cpu, 4),
        "cpu_percent": round(100 * cpu / wall, 4),
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fire = firing(Path(tmp))
        rest = idle(Path(tmp))
    print(f"{'measure':<34} {'value':>10}")
    print(f"{'timers delivered':<34} {fire['delivered']:>6}/{fire['timers']}")
    for key in ("late_ms_p50", "late_ms_p99", "late_ms_max", "early"):
        print(f"{key:<34} {fire[key]:>10}")
    print(f"{'reminders held':<34} {rest['held']:>10}")
    print(f"{'add, ms per reminder':<34} {rest['add_ms_each']:>10}")
    print(f"{'scheduler CPU while idle (%)':<34} {rest['cpu_percent']:>10}")
    print(f"{'  over seconds':<34} {rest['idle_seconds']:>10}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"firing": fire, "idle": rest}, indent=2))
    return 0 if fire["delivered"] == TIMERS else 1


if __name__ == "__main__":
    sys.exit(main())
