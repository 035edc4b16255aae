"""Export then import gives the same reminders, for generated ones: titles with unicode,
commas, semicolons, backslashes and newlines; times in zones with DST; all-day events; a few
kinds of RRULE; RDATEs and EXDATEs; alarms. Once as .ics alone, once through two books and
the import the CLI runs. No example database (nothing is written outside .cache/)."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.reminders.book import Book
from assistant.reminders.entry import KINDS, Entry
from assistant.reminders.ics import export_ics, import_ics
from assistant.reminders.importer import import_file
from assistant.store import Store

SETTINGS = settings(database=None, deadline=None, max_examples=150)
# Zones whose midnight always exists, so an all-day event starts at one.
ZONES = [ZoneInfo(key) for key in ("Europe/London", "America/New_York", "Asia/Kolkata",
                                   "Pacific/Auckland", "UTC")]  # fmt: skip
# As icalendar writes the parts back (FREQ, UNTIL, COUNT, INTERVAL, BY..., WKST).
RULES = [
    None, "FREQ=DAILY", "FREQ=DAILY;COUNT=5", "FREQ=WEEKLY;BYDAY=MO,WE",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=YEARLY",
    "FREQ=MONTHLY;UNTIL=20301231T120000;BYDAY=-1FR", "FREQ=HOURLY;INTERVAL=6",
    "FREQ=WEEKLY;UNTIL=20310101T120000;WKST=SU",
]  # fmt: skip
TITLES = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")) | st.sampled_from(",;:\\\n"),
    min_size=1,
    max_size=40,
).filter(lambda title: title.strip() == title and title != "")
NOW = datetime(2026, 1, 15, 9, 0, tzinfo=ZoneInfo("Europe/London"))


@st.composite
def entries(draw: st.DrawFn, uid: str) -> Entry:
    zone = draw(st.sampled_from(ZONES))

    def moment() -> datetime:
        wall = draw(st.datetimes(datetime(2000, 1, 1), datetime(2040, 1, 1)))
        real = wall.replace(microsecond=0, tzinfo=zone)
        # A wall time the clocks skip or repeat names no one moment: iCalendar takes the first.
        return real.astimezone(UTC).astimezone(zone)

    if draw(st.booleans()):  # all-day, as an import of a DATE event leaves it
        day = draw(st.dates(date(2000, 1, 1), date(2040, 1, 1)))
        start = datetime.combine(day, time(0), zone)
        end: datetime | None = datetime.combine(day + timedelta(days=1), time(0), zone)
    else:
        start = moment()
        length = draw(st.none() | st.integers(1, 600))
        end = start + timedelta(minutes=length) if length else None
    lead = draw(st.none() | st.integers(0, 1440))
    return Entry(
        title=draw(TITLES),
        start=start,
        kind=draw(st.sampled_from(KINDS)),
        end=end,
        rrule=draw(st.sampled_from(RULES)),
        remind_before=timedelta(minutes=lead) if lead is not None else None,
        status=draw(st.sampled_from(["active", "done", "cancelled"])),
        uid=uid,
        created=draw(st.none() | st.just(datetime(2024, 2, 1, 8, 30, tzinfo=UTC))),
        exdates=draw(st.lists(st.builds(moment), max_size=2)),
        rdates=draw(st.lists(st.builds(moment), max_size=3)),
    )


CALENDARS = st.integers(1, 4).flatmap(
    lambda n: st.tuples(*(entries(f"r-{i}@test") for i in range(n))).map(list)
)


@SETTINGS
@given(CALENDARS, st.sampled_from(ZONES))
def test_an_exported_calendar_imports_as_the_same_entries(calendar, zone) -> None:
    result = import_ics(export_ics(calendar), zone=zone)
    assert result.refused == [] and result.notes == []
    assert result.entries == calendar


@settings(SETTINGS, max_examples=40)
@given(CALENDARS)
def test_a_book_exported_and_imported_into_another_holds_the_same(calendar) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        mine, theirs = (Book(Store(Path(tmp) / name)) for name in ("mine.db", "theirs.db"))
        for entry in calendar:
            mine.add(entry, NOW)
        path = Path(tmp) / "mine.ics"
        path.write_bytes(export_ics(mine.entries(status=None)))
        report = import_file(theirs, path, NOW)
        assert (report.added, report.refused) == (len(calendar), [])
        again = import_file(theirs, path, NOW)
        assert (again.added, again.updated, again.unchanged) == (0, 0, len(calendar))
        ours, back = (sorted(b.entries(status=None), key=lambda e: e.uid) for b in (mine, theirs))
        for entry in (*ours, *back):
            entry.id = None
        assert back == ours
        for book in (mine, theirs):
            book.store.close()
