"""`assistant time parse`, `assistant reminders` and its daemon as a user runs them: real
processes on a real home."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert json.loads(imported.stdout) == {"added": 1, "skipped": []}
    again = run(other, "reminders", "import", str(ics), "--json", env=LONDON)
    assert json.loads(again.stdout)["added"] == 0  # the same UID is not added twice
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
