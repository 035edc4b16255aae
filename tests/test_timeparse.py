"""The time parser against both time sets (bench/data: the dev set it was tuned on and a
hold-out written apart from it), the cases the reminders issue names, and DST."""

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.timeparse import parse

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=LONDON)  # a Wednesday afternoon, as in the sets
DATA = Path(__file__).resolve().parent.parent / "bench" / "data"


def minutes(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M") if moment else None


def agreement(name: str) -> tuple[float, list[str]]:
    rows = [json.loads(line) for line in (DATA / name).read_text().splitlines() if line]
    wrong = []
    for row in rows:
        spec = parse(row["text"], NOW)
        got = (None,) * 4
        if spec and not spec.error:
            got = (minutes(spec.start), minutes(spec.end), spec.grain, spec.rrule)
        if got != (row["start"], row["end"], row["grain"], row["rrule"]):
            wrong.append(f"{row['text']!r}: {got}")
    return 1 - len(wrong) / len(rows), wrong


@pytest.mark.parametrize(
    ("name", "floor"),
    [("time_expressions.jsonl", 0.97), ("time_expressions_holdout.jsonl", 0.95)],
)
def test_every_field_matches_on_the_time_sets(name, floor):
    """start, end, grain and rrule all right (or the refusal expected), row by row."""
    score, wrong = agreement(name)
    assert score >= floor, wrong


@pytest.mark.parametrize(
    ("text", "now", "start"),
    [
        ("remind me at 3 in the morning", datetime(2026, 12, 2, 4, 30), "2026-12-03T03:00"),
        ("this morning at 3", datetime(2026, 12, 2, 4, 30), "2026-12-03T03:00"),
        ("at 20 past 3pm", datetime(2026, 12, 2, 12, 0), "2026-12-02T15:20"),
        ("tomorrows meeting at 10", NOW, "2026-12-03T10:00"),
        ("thu", NOW, "2026-12-03T00:00"),
        ("mon. at 9", NOW, "2026-12-07T09:00"),
        ("first of march", NOW, "2027-03-01T00:00"),
        ("3/3/27", NOW, "2027-03-03T00:00"),
        ("15h30", NOW, "2026-12-02T15:30"),
        ("at 3p", NOW, "2026-12-03T15:00"),
        ("wake me up at 7", NOW, "2026-12-03T07:00"),
        ("5 minute timer", NOW, "2026-12-02T15:05"),
    ],
)
def test_the_cases_people_reported(text, now, start):
    spec = parse(text, now if now.tzinfo else now.replace(tzinfo=LONDON))
    assert spec is not None and spec.error is None, spec
    assert minutes(spec.start) == start


@pytest.mark.parametrize(
    ("text", "problem", "says"),
    [
        ("march 3 2015", "past", "in the past"),
        ("at 25:00", "invalid", "25:00 is not a time of day"),
        ("february 30", "invalid", "February has 29 days"),
        ("yesterday at 5", "past", "in the past"),
        ("on 1 january 9999", "too_far", "too far ahead"),
        ("every second", "too_often", "once a minute"),
    ],
)
def test_impossible_times_say_why(text, problem, says):
    spec = parse(text, NOW)
    assert spec is not None and spec.problem == problem and spec.start is None
    assert says in (spec.error or "")


def test_elapsed_time_counts_real_minutes_across_the_spring_change():
    """At 00:30 on 28 March 2027 London skips 01:00-02:00: 90 minutes later is 03:00 BST."""
    spec = parse("in 90 minutes", datetime(2027, 3, 28, 0, 30, tzinfo=LONDON))
    assert spec is not None and spec.start is not None
    assert spec.start.isoformat() == "2027-03-28T03:00:00+01:00"


def test_a_day_later_keeps_the_wall_clock_across_the_autumn_change():
    spec = parse("in 1 day", datetime(2027, 10, 30, 9, 0, tzinfo=LONDON))
    assert spec is not None and spec.start is not None
    assert spec.start.isoformat() == "2027-10-31T09:00:00+00:00"


def test_spans_point_at_the_users_own_words():
    text = "Remind me TMRW @ 5p.m. to call Mon"
    spec = parse(text, NOW)
    assert spec is not None and minutes(spec.start) == "2026-12-03T17:00"
    assert [text[a:b] for a, b in spec.spans] == ["TMRW @ 5p.m."]


def test_no_time_is_none():
    assert parse("remind me to call mom", NOW) is None
    assert parse("set the thermostat to 21 degrees", NOW) is None
