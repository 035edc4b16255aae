"""`assistant time parse`, `assistant reminders` and its daemon as a user runs them: real
processes on a real home."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.reminders.book import Book
from assistant.reminders.entry import Entry
from assistant.store import Store
from tests.test_cli import run

pytestmark = pytest.mark.slow
LONDON = {"TZ": "Europe/London"}


def test_time_parse_prints_the_stable_json(home):
    result = run(home, "time", "parse", "from 3 to 4pm", "--now", "2026-12-02T15:00",
                 "--tz", "Europe/London", "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "text": "from 3 to 4pm", "start": "2026-12-02T15:00+00:00",
        "end": "2026-12-02T16:00+00:00", "grain": "minute", "rrule": None, "error": None,
        "said": "from 3 to 4pm",
    }  # fmt: skip
    bad = run(home, "time", "parse", "at 25:00", "--json")
    assert bad.returncode == 1 and json.loads(bad.stdout)["error"] == "25:00 is not a time of day"
    zone = run(home, "time", "parse", "at 5", "--tz", "Mars/Olympus")
    assert zone.returncode != 0 and "unknown time zone 'Mars/Olympus'" in zone.stderr


def test_reminders_list_export_and_import(home, tmp_path):
    ask = run(home, "ask", "--now", "2026-12-02T15:00", "--json",
              "remind me to take the bins out every thursday at 7pm", env=LONDON)  # fmt: skip
    assert json.loads(ask.stdout)["skill"] == "reminders", ask.stdout
    [row] = json.loads(run(home, "reminders", "--json", env=LONDON).stdout)
    assert row["title"] == "take the bins out" and row["rrule"] == "FREQ=WEEKLY;BYDAY=TH"
    assert row["next"].startswith("2026-12-03T19:00") and row["status"] == "active"
    ics = tmp_path / "mine.ics"
    assert run(home, "reminders", "export", str(ics), env=LONDON).returncode == 0
    other = tmp_path / "other"
    other.mkdir()
    imported = run(other, "reminders", "import", str(ics), "--json", env=LONDON)
    assert json.loads(imported.stdout) == {
        "file": str(ics),
        "added": 1,
        "updated": 0,
        "unchanged": 0,
        "refused": [],
        "notes": [],
    }
    again = run(other, "reminders", "import", str(ics), "--json", env=LONDON)
    report = json.loads(again.stdout)  # the same UID is not added twice
    assert (report["added"], report["unchanged"]) == (0, 1)
    junk = tmp_path / "junk.ics"
    junk.write_bytes(b"\x00\x01 not a calendar")
    failed = run(other, "reminders", "import", str(junk))
    assert failed.returncode == 1 and len(failed.stderr.strip().splitlines()) == 1


def test_the_daemon_delivers_with_no_shell_open(home):
    created = run(home, "ask", "--json", "set a timer for 3 seconds", env=LONDON)
    assert json.loads(created.stdout)["skill"] == "reminders", created.stdout
    env = {**os.environ, "ASSISTANT_HOME": str(home), **LONDON}
    daemon = subprocess.Popen([sys.executable, "-m", "assistant", "reminders", "daemon", "--json"],
                              env=env, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        line = daemon.stdout.readline() if daemon.stdout else ""
        notice = json.loads(line)
        assert notice["kind"] == "timer" and notice["text"].startswith("Timer done")
    finally:
        daemon.terminate()
        assert daemon.wait(timeout=20) == 0
        if daemon.stdout:
            daemon.stdout.close()
    [row] = json.loads(run(home, "reminders", "--all", "--json").stdout)
    assert row["status"] == "done"
    assert Path(home / "assistant.db").exists()


def big_calendar(path: Path, events: int) -> list[str]:
    """A calendar of `events` events with long titles, so its one transaction outgrows
    SQLite's page cache and writes to the WAL before it commits; their UIDs."""
    uids = [f"big-{n}@test" for n in range(events)]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    for n, uid in enumerate(uids):
        day = datetime(2027, 1, 1, 9, 0) + timedelta(hours=n)
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART:{day:%Y%m%dT%H%M%S}Z",
                  f"SUMMARY:event {n} " + "x" * 400, "END:VEVENT"]  # fmt: skip
    path.write_text("\r\n".join([*lines, "END:VCALENDAR", ""]))
    return uids


def stored(home: Path) -> dict[str, str]:
    """uid -> title of every row, read as another process would."""
    with sqlite3.connect(home / "assistant.db") as db:
        return dict(db.execute("SELECT uid, title FROM reminders").fetchall())


def test_an_import_killed_midway_stores_all_or_none_and_runs_again(home, tmp_path):
    store = Store(home / "assistant.db")
    mine = Book(store).add(Entry("water the plants", datetime(2027, 2, 1, 9, 0, tzinfo=UTC)),
                           datetime(2026, 1, 1, tzinfo=UTC))  # fmt: skip
    store.close()
    uids = big_calendar(tmp_path / "big.ics", 5000)
    command = [str(Path(sys.executable).parent / "assistant"), "reminders", "import",
               str(tmp_path / "big.ics")]  # fmt: skip
    env = {**os.environ, "ASSISTANT_HOME": str(home)}
    importer = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    wal = home / "assistant.db-wal"
    deadline = time.monotonic() + 120
    # Kill it once its transaction has written uncommitted pages (or when it has finished).
    while importer.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 500_000:
            importer.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    importer.wait(timeout=60)
    after_kill = stored(home)
    assert after_kill[mine.uid] == "water the plants"
    assert sum(uid in after_kill for uid in uids) in (0, len(uids)), "half an import was kept"
    rerun = run(home, "reminders", "import", str(tmp_path / "big.ics"), "--json")
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert report["added"] + report["unchanged"] == len(uids) and report["refused"] == []
    final = stored(home)
    assert set(uids) <= set(final) and final[mine.uid] == "water the plants"
    assert len(final) == len(uids) + 1


def test_ids_out_of_range_are_one_line_usage_errors(home):
    for args in (("reminders", "cancel", "99999999999999999999"), ("feedback", "undo", "0"),
                 ("log", "-n", "-5")):  # fmt: skip
        result = run(home, *args)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.strip().splitlines()[-1].count("error:") == 1
