"""The time parser under generated input: it never raises, whatever the text and whatever
`now` (the calendar's first and last days included), and well-formed phrases mean what
they say. Fast: no encoder, no example database (nothing is written outside .cache/)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.timeparse import TimeSpec, parse
from assistant.timeparse.spec import GRAINS, PROBLEMS
from assistant.timeparse.words import WEEKDAYS

FAST = settings(database=None, deadline=None, max_examples=300)
WORDS = [
    "in", "at", "on", "every", "other", "next", "last", "this", "the", "of", "and", "to",
    "from", "for", "until", "tomorrow", "today", "tonight", "yesterday", "morning", "night",
    "noon", "midnight", "half", "past", "quarter", "am", "pm", "minutes", "hours", "days",
    "weeks", "fortnight", "month", "year", "weekend", "weekday", "timer", "alarm", "ago",
    "from now", "same time", "a", "couple of", "day after tomorrow", "1st", "31st",
    "twenty-first", "february", "december", "29", "12/31", "9999-12-31", "0001-01-01",
    "25:00", "23:59", "1400", "daily", "hourly", *WEEKDAYS,
]  # fmt: skip
# Numbers from small to far past what a timedelta or a year can hold.
NUMBERS = st.integers(0, 10**30).map(str) | st.sampled_from(["1.5", "0.5", "99999999999"])
PHRASES = st.lists(st.sampled_from(WORDS) | NUMBERS | st.text(max_size=4), max_size=8).map(" ".join)
ZONES = st.none() | st.sampled_from([UTC, timezone(timedelta(hours=14)),
                                     timezone(-timedelta(hours=12, minutes=30))])  # fmt: skip
# Any moment the calendar holds, its two ends most of all.
ANY_NOW = st.datetimes(timezones=ZONES) | st.sampled_from([
    datetime.min, datetime.max, datetime(9999, 12, 31, 12), datetime(1, 1, 1, tzinfo=UTC),
    datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12))),
])  # fmt: skip
# An ordinary now, to check what phrases mean: no DST, whole seconds.
PLAIN_NOW = st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=ZONES).map(
    lambda moment: moment.replace(microsecond=0)
)


def well_formed(spec: TimeSpec | None) -> None:
    if spec is None:
        return
    assert (spec.error is None) == (spec.problem is None), spec
    if spec.error:
        assert spec.problem in PROBLEMS and spec.start is None and "\n" not in spec.error
    else:
        assert spec.grain is None or spec.grain in GRAINS


NOW = datetime(2026, 12, 2, 15)
LAST_DAY = datetime(9999, 12, 31, 12)


@pytest.mark.parametrize(
    ("text", "now", "problem"),
    [
        ("remind me tomorrow", LAST_DAY, "too_far"),
        ("same time tomorrow", LAST_DAY, "too_far"),
        ("next year", datetime(9999, 3, 1), "too_far"),
        ("daily at 11pm", datetime(9999, 12, 31, 23, 30), "too_far"),
        (
            "a timer for 5 minutes",
            datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
            "too_far",
        ),
        ("in 100000000000000000000 days", NOW, "too_far"),
        ("in 999999 weeks", NOW, "too_far"),
        ("every 10000000000000000000000 hours", NOW, "too_far"),
        ("for 6000 weeks", NOW, "too_far"),
        ("every 0 hours", NOW, "invalid"),
        ("every " + "9" * 400 + " days", NOW, "invalid"),
        ("on the 45th of every month", NOW, "invalid"),
    ],
)
def test_times_off_the_calendar_are_refused_not_raised(text, now, problem):
    spec = parse(text, now)
    assert spec is not None and spec.problem == problem and spec.start is None, spec


@FAST
@given(text=st.text(), now=ANY_NOW)
def test_any_text_at_any_now_never_raises(text, now):
    well_formed(parse(text, now))


@FAST
@given(text=PHRASES, now=ANY_NOW)
def test_time_words_at_any_now_never_raise(text, now):
    well_formed(parse(text, now))


@FAST
@given(n=st.integers(1, 100_000), now=PLAIN_NOW)
def test_in_n_minutes_is_now_plus_n_minutes(n, now):
    spec = parse(f"remind me in {n} minutes", now)
    assert spec is not None and spec.error is None and spec.grain == "minute"
    assert (
        spec.start is not None
        and spec.start.timestamp() == (now + timedelta(minutes=n)).timestamp()
    )


@FAST
@given(n=st.integers(1, 3000), now=PLAIN_NOW)
def test_in_n_days_is_that_many_days_on(n, now):
    spec = parse(f"in {n} days", now)
    assert spec is not None and spec.start is not None and spec.grain == "day"
    assert spec.start.date() == now.date() + timedelta(days=n)


@FAST
@given(hour=st.sampled_from([*range(10), *range(13, 24)]), minute=st.integers(0, 59), now=PLAIN_NOW)
def test_at_a_24_hour_time_is_the_next_one(hour, minute, now):
    """ "at 07:30" and "at 19:30" are exact ("at 10:30" may be the evening's)."""
    spec = parse(f"at {hour:02d}:{minute:02d}", now)
    assert spec is not None and spec.start is not None, spec
    assert (spec.start.hour, spec.start.minute) == (hour, minute)
    assert now < spec.start <= now + timedelta(days=1)


@FAST
@given(hour=st.integers(0, 23), minute=st.integers(0, 59), now=PLAIN_NOW)
def test_tomorrow_at_a_time_is_tomorrow(hour, minute, now):
    spec = parse(f"tomorrow at {hour:02d}:{minute:02d}", now)
    assert spec is not None and spec.start is not None, spec
    assert spec.start.date() == now.date() + timedelta(days=1)
    assert (spec.start.hour, spec.start.minute) == (hour, minute)


@FAST
@given(weekday=st.sampled_from(WEEKDAYS), now=PLAIN_NOW)
def test_a_weekday_is_the_coming_one(weekday, now):
    spec = parse(f"on {weekday}", now)
    assert spec is not None and spec.start is not None and spec.grain == "day"
    assert spec.start.weekday() == WEEKDAYS.index(weekday)
    assert 1 <= (spec.start.date() - now.date()).days <= 7


@FAST
@given(weekday=st.sampled_from(WEEKDAYS), hour=st.integers(1, 11), now=PLAIN_NOW)
def test_every_weekday_at_an_hour_starts_on_that_day(weekday, hour, now):
    spec = parse(f"every {weekday} at {hour}am", now)
    assert spec is not None and spec.start is not None, spec
    assert spec.rrule == f"FREQ=WEEKLY;BYDAY={weekday[:2].upper()}"
    assert spec.start.weekday() == WEEKDAYS.index(weekday) and spec.start.hour == hour
    assert now < spec.start <= now + timedelta(days=7)


@FAST
@given(day=st.dates(date(2000, 1, 1), date(2100, 12, 31)), now=PLAIN_NOW)
def test_an_iso_date_is_that_day_or_a_refusal(day, now):
    spec = parse(f"on {day.isoformat()}", now)
    assert spec is not None
    if day < now.date():
        assert spec.problem == "past"
    elif day > now.date():
        assert spec.start is not None and spec.start.date() == day
