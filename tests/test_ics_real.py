"""Other producers' calendars through `import_file`, the code `assistant reminders import`
runs: the real files that broke it (tests/data/ics), and what it decides about duplicate
UIDs, repeated properties, RSCALE, zero-length events, RDATE, re-imports and failures."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.errors import InputError, StoreError
from assistant.reminders import book as book_module
from assistant.reminders.book import Book
from assistant.reminders.entry import Entry
from assistant.reminders.importer import import_file
from assistant.reminders.occurrences import occurrences
from tests.test_ics import ics

DATA = Path(__file__).parent / "data" / "ics"
LONDON = ZoneInfo("Europe/London")
VANCOUVER = ZoneInfo("America/Vancouver")
NOW = datetime(2026, 1, 15, 9, 0, tzinfo=LONDON)


@pytest.fixture
def book(store):  # type: ignore[no-untyped-def]
    return Book(store)


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "cal.ics"
    path.write_bytes(ics("BEGIN:VCALENDAR", "VERSION:2.0", *lines, "END:VCALENDAR"))
    return path


def event(*lines: str) -> list[str]:
    return ["BEGIN:VEVENT", *lines, "END:VEVENT"]


def starts(entry: Entry) -> list[str]:
    return [t.isoformat() for t in occurrences(entry, entry.start - timedelta(seconds=1))]


@pytest.mark.parametrize("path", sorted(DATA.glob("*.ics")), ids=lambda p: p.name)
def test_every_real_calendar_imports_or_refuses_with_one_line_each(book, path) -> None:
    report = import_file(book, path, NOW)
    assert report.added + len(report.refused) >= 1
    assert all("\n" not in line for line in [*report.refused, *report.notes])
    assert len(book.entries(status=None)) == report.added


def test_two_events_with_one_uid_keep_the_first_and_name_the_other(book) -> None:
    report = import_file(book, DATA / "docs__tutorials__example.ics", NOW)
    assert (report.added, report.updated, report.unchanged) == (1, 0, 0)
    [refused] = report.refused
    assert refused.startswith("VEVENT 'Morning ride with the team.' has the UID")
    assert "d755cef5-2311-46ed-a0e1-6733c9e15c63" in refused
    assert "'Pick up bicycle from the workshop.'" in refused
    [kept] = book.entries(status=None)
    assert kept.title == "Pick up bicycle from the workshop."


def test_of_two_versions_of_a_uid_the_later_is_kept_wherever_it_is(book, tmp_path) -> None:
    path = write(
        tmp_path,
        *event("UID:v", "SEQUENCE:2", "SUMMARY:Moved", "DTSTART:20260301T100000Z"),
        *event("UID:v", "SEQUENCE:1", "SUMMARY:First", "DTSTART:20260301T090000Z"),
        *event("UID:w", "DTSTAMP:20260101T000000Z", "SUMMARY:Old", "DTSTART:20260302T090000Z"),
        *event("UID:w", "DTSTAMP:20260105T000000Z", "SUMMARY:New", "DTSTART:20260302T100000Z"),
    )
    report = import_file(book, path, NOW)
    assert report.added == 2
    assert report.refused == [
        "VEVENT 'First' is an earlier version of VEVENT 'Moved' (UID 'v', by SEQUENCE and DTSTAMP)",
        "VEVENT 'Old' is an earlier version of VEVENT 'New' (UID 'w', by SEQUENCE and DTSTAMP)",
    ]
    assert sorted(e.title for e in book.entries()) == ["Moved", "New"]


def test_a_second_dtstart_refuses_the_event_a_second_summary_gives_a_note(book, tmp_path):
    report = import_file(book, DATA / "tests__calendars__pacific_fiji.ics", NOW)
    assert report.refused == [
        "VEVENT 'an event with a custom tz name' has 2 DTSTART lines; RFC 5545 allows one"
    ]
    path = write(
        tmp_path, *event("UID:s", "SUMMARY:One", "SUMMARY:Two", "DTSTART:20260301T100000Z")
    )
    report = import_file(book, path, NOW)
    assert report.added == 1 and report.notes == [
        "VEVENT 'One' has 2 SUMMARY lines; the first is used"
    ]


def test_rscale_other_than_gregorian_is_refused_per_event(book, tmp_path) -> None:
    report = import_file(book, DATA / "tests__calendars__rfc_7529.ics", NOW)
    assert report.added == 0
    assert report.refused == [
        "VEVENT 'Chinese New Year' repeats in the CHINESE calendar (RRULE RSCALE), which is not supported",
        "VEVENT 'First day of 13th month' repeats in the ETHIOPIC calendar (RRULE RSCALE), which is not supported",
        "VEVENT 'Anniversary' repeats in the HEBREW calendar (RRULE RSCALE), which is not supported",
        # 29 February yearly: SKIP=FORWARD means 1 March in other years, which dateutil cannot say.
        "VEVENT 'Anniversary' has RRULE SKIP=FORWARD (RFC 7529) for days some months lack: not supported",
    ]  # fmt: skip
    # The Gregorian scale is RFC 5545's own; SKIP cannot matter on the 10th.
    path = write(
        tmp_path,
        *event("UID:g", "SUMMARY:Fees", "DTSTART;VALUE=DATE:20260110",
               "RRULE:RSCALE=GREGORIAN;FREQ=MONTHLY;SKIP=FORWARD;COUNT=3"),
    )  # fmt: skip
    report = import_file(book, path, NOW)
    assert report.refused == [] and report.added == 1
    [fees] = book.entries()
    assert fees.rrule == "FREQ=MONTHLY;COUNT=3"
    assert [s[:10] for s in starts(fees)] == ["2026-01-10", "2026-02-10", "2026-03-10"]


def test_an_all_day_event_that_ends_where_it_starts_lasts_the_day(book) -> None:
    report = import_file(book, DATA / "tests__calendars__example.ics", NOW)
    assert (report.added, report.refused) == (3, [])
    for entry in book.entries(status=None):
        assert entry.end == entry.start + timedelta(days=1)
        assert (entry.start.hour, entry.start.tzinfo) == (0, LONDON)


def test_a_timed_event_without_length_has_no_end_and_one_ending_early_is_refused(book, tmp_path):
    path = write(
        tmp_path,
        *event("UID:a", "SUMMARY:Instant", "DTSTART:20260301T100000Z", "DTEND:20260301T100000Z"),
        *event("UID:b", "SUMMARY:Backwards", "DTSTART:20260301T100000Z", "DTEND:20260301T090000Z"),
    )
    report = import_file(book, path, NOW)
    assert [e.end for e in book.entries()] == [None]
    assert report.refused == [
        "VEVENT 'Backwards' ends before it starts (2026-03-01T09:00:00+00:00 < 2026-03-01T10:00:00+00:00)"
    ]


def test_rdate_periods_are_occurrences_beside_the_rule_and_its_exdate(book) -> None:
    import_file(book, DATA / "tests__calendars__period_with_timezone.ics", NOW)
    [entry] = book.entries(status=None)  # read back from SQLite: the rdates column
    assert entry.rdates == [datetime(2023, 12, 13, 12, 0, tzinfo=VANCOUVER)]
    # The third Wednesday, 20 December, is taken out; the 13th is added.
    assert [s[:10] for s in starts(entry)] == [
        "2023-09-20", "2023-10-18", "2023-11-15", "2023-12-13", "2024-01-17",
        "2024-02-21", "2024-03-20", "2024-04-17", "2024-05-15",
    ]  # fmt: skip
    assert all(s.endswith("12:00:00-07:00") or s.endswith("12:00:00-08:00") for s in starts(entry))


def test_a_list_of_rdate_periods_gives_each_occurrence(book) -> None:
    import_file(book, DATA / "tests__calendars__issue_156_RDATE_with_PERIOD_TZID_khal_2.ics", NOW)
    [entry] = book.entries(status=None)
    assert entry.rrule is None
    # The file's own zone: 16:00 in Central Europe.
    assert [s[:16] for s in starts(entry)] == [
        "2021-11-01T15:00",
        "2021-12-06T15:00",
        "2022-01-03T15:00",
        "2022-02-07T15:00",
    ]
    assert entry.end is not None and entry.end - entry.start == timedelta(minutes=30)


def test_an_rdate_without_a_day_is_left_out_with_a_note(book) -> None:
    report = import_file(book, DATA / "tests__calendars__multiple_timezones.ics", NOW)
    assert report.added == 3 and report.refused == []
    assert report.notes[0] == (
        "VEVENT UID 'test-vtime-named-timezone' has an RDATE that is not a date (08:30:00): left out"
    )


def test_an_rdate_in_the_future_makes_a_past_event_due(book, tmp_path) -> None:
    path = write(
        tmp_path,
        *event("UID:r", "SUMMARY:Checkup", "DTSTART:20250301T100000Z",
               "RDATE:20260301T100000Z,20270301T100000Z"),
    )  # fmt: skip
    import_file(book, path, NOW)
    [entry] = book.entries()
    assert entry.status == "active" and entry.next == datetime(2026, 3, 1, 10, 0, tzinfo=LONDON)


def test_importing_again_changes_nothing_and_a_changed_file_updates_in_place(book, tmp_path):
    lines = ["UID:u", "SUMMARY:Dentist", "DTSTART:20260301T100000Z", "DTEND:20260301T110000Z"]
    path = write(tmp_path, *event(*lines), *event("SUMMARY:No uid", "DTSTART:20260302T100000Z"))
    first = import_file(book, path, NOW)
    assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
    ids = {e.title: e.id for e in book.entries()}
    again = import_file(book, path, NOW)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)  # a made UID too
    moved = [*lines[:2], "DTSTART:20260302T140000Z", "DTEND:20260302T150000Z"]
    path = write(tmp_path, *event(*moved))
    changed = import_file(book, path, NOW)
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 0)
    dentist = next(e for e in book.entries() if e.title == "Dentist")
    assert dentist.id == ids["Dentist"]  # the same row: its deliveries stay its own
    assert dentist.next == datetime(2026, 3, 2, 14, 0, tzinfo=LONDON)


def test_a_cancel_made_here_stands_against_a_reimport(book, tmp_path) -> None:
    path = write(tmp_path, *event("UID:c", "SUMMARY:Gym", "DTSTART:20260301T100000Z"))
    import_file(book, path, NOW)
    [gym] = book.entries()
    book.cancel([gym.id or 0])
    report = import_file(book, path, NOW)
    assert report.unchanged == 1
    assert [e.status for e in book.entries(status=None)] == ["cancelled"]


def test_a_failure_while_storing_stores_none_of_the_file(book, tmp_path, monkeypatch) -> None:
    book.add(Entry("water the plants", datetime(2026, 2, 1, 9, 0, tzinfo=LONDON)), NOW)
    path = write(
        tmp_path,
        *(line for n in range(5) for line in event(f"UID:{n}", f"SUMMARY:Event {n}",
                                                   f"DTSTART:2026030{n + 1}T100000Z")),
    )  # fmt: skip
    real = book_module._insert

    def failing(db, entry, now):  # type: ignore[no-untyped-def]
        if entry.title == "Event 3":
            raise sqlite3.OperationalError("database or disk is full")
        return real(db, entry, now)

    monkeypatch.setattr(book_module, "_insert", failing)
    with pytest.raises(StoreError, match="nothing imported, the store failed: database or disk"):
        import_file(book, path, NOW)
    assert [e.title for e in book.entries(status=None)] == ["water the plants"]


def test_a_file_that_is_not_icalendar_is_refused_in_one_line_naming_it(book, tmp_path) -> None:
    path = tmp_path / "notes.ics"
    path.write_text("BEGIN:VEVENT\nSUMMARY:bare\nEND:VEVENT\n")
    with pytest.raises(InputError) as caught:
        import_file(book, path, NOW)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_huge_and_never_matching_rules_are_bounded(book, tmp_path) -> None:
    rules = [
        "FREQ=SECONDLY",  # from 1997: a billion steps to today, walked one by one
        "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30",  # never: dateutil walks to the year 9999
        "FREQ=HOURLY;BYSETPOS=30",  # never: an hour holds one occurrence
        "FREQ=DAILY;COUNT=1000000000",
    ]
    path = write(
        tmp_path,
        *(line for n, rule in enumerate(rules)
          for line in event(f"UID:{n}", f"SUMMARY:Rule {n}", "DTSTART:19970101T090000Z",
                            f"RRULE:{rule}")),
    )  # fmt: skip
    started = time.monotonic()
    report = import_file(book, path, NOW)
    assert time.monotonic() - started < 20
    assert report.refused == [
        "VEVENT 'Rule 3' repeats 1000000000 times (RRULE COUNT); at most 100000 are taken"
    ]
    status = {e.title: (e.status, e.next) for e in book.entries(status=None)}
    assert status["Rule 0"] == ("active", datetime(2026, 1, 15, 9, 0, 1, tzinfo=LONDON))
    assert status["Rule 1"] == status["Rule 2"] == ("done", None)


def test_a_series_written_in_utc_repeats_in_utc_across_dst(book, tmp_path) -> None:
    # Found by the round-trip property: read in the user's zone, it moved an hour in summer.
    path = write(
        tmp_path,
        *event("UID:u", "SUMMARY:Sync", "DTSTART:20260320T090000Z", "RRULE:FREQ=WEEKLY;COUNT=3"),
    )
    import_file(book, path, NOW)
    [sync] = book.entries()
    assert [s[5:] for s in starts(sync)] == [
        "03-20T09:00:00+00:00", "03-27T09:00:00+00:00", "04-03T09:00:00+00:00"
    ]  # fmt: skip
