"""iCalendar export and import: our own round trip, files as Google and Outlook write them,
bad input, and a recurrence that crosses a DST change."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from assistant.reminders.entry import Entry
from assistant.reminders.ics import export_ics, import_ics
from assistant.reminders.occurrences import occurrences

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def ics(*lines: str) -> bytes:
    """Lines as a client writes them: CRLF endings."""
    return ("\r\n".join(lines) + "\r\n").encode()


def test_round_trip_keeps_every_field() -> None:
    created = datetime(2024, 2, 1, 8, 30, tzinfo=UTC)
    entries = [
        Entry("call mom", datetime(2024, 3, 5, 18, 0, tzinfo=BERLIN), uid="r-1", created=created),
        Entry(
            "wake up",
            datetime(2024, 3, 4, 7, 0, tzinfo=BERLIN),
            kind="alarm",
            rrule="FREQ=WEEKLY;UNTIL=20240331T070000;BYDAY=MO,TU,WE",
            exdates=[datetime(2024, 3, 12, 7, 0, tzinfo=BERLIN)],
            uid="a-1",
        ),
        Entry(
            "dentist",
            datetime(2024, 4, 2, 10, 0, tzinfo=NY),
            kind="event",
            end=datetime(2024, 4, 2, 11, 0, tzinfo=NY),
            remind_before=timedelta(minutes=15),
            uid="e-1",
        ),
        Entry(
            "tea",
            datetime(2024, 3, 5, 16, 0, tzinfo=BERLIN),
            kind="timer",
            status="cancelled",
            uid="t-1",
        ),
        Entry("pay rent", datetime(2024, 3, 1, 9, 0, tzinfo=BERLIN), status="done", uid="r-2"),
    ]
    data = export_ics(entries)
    result = import_ics(data, zone=BERLIN)
    assert result.refused == []
    assert result.entries == entries
    # == compares instants; the zones themselves must come back too (TZID, not UTC).
    assert [e.start.tzinfo for e in result.entries] == [BERLIN, BERLIN, NY, BERLIN, BERLIN]
    assert result.entries[1].exdates[0].tzinfo is BERLIN
    # UNTIL is Berlin wall-clock in the entry, UTC in the file (CEST began that morning).
    assert b"RRULE:FREQ=WEEKLY;UNTIL=20240331T050000Z;BYDAY=MO,TU,WE" in data
    assert b"STATUS:CANCELLED" in data and b"X-ASSISTANT-STATUS:done" in data
    assert b"TRIGGER:-PT15M" in data and b"ACTION:DISPLAY" in data
    assert data.count(b"BEGIN:VTIMEZONE") == 2  # Berlin and New York, once each


def test_export_fills_a_missing_uid_without_touching_the_entry() -> None:
    entry = Entry("stretch", datetime(2024, 3, 5, 12, 0, tzinfo=timezone(timedelta(hours=2))))
    data = export_ics([entry])
    assert entry.uid == ""
    back = import_ics(data, zone=UTC).entries[0]
    assert len(back.uid) == 36  # a uuid4
    # A fixed offset has no TZID other calendars know: written in UTC, same instant.
    assert b"DTSTART:20240305T100000Z" in data
    assert back.start == entry.start and back.start.tzinfo is UTC
    assert back.kind == "reminder"  # X-ASSISTANT-KIND, not the import default "event"


def test_export_refuses_a_naive_time() -> None:
    with pytest.raises(ValueError, match="naive"):
        export_ics([Entry("x", datetime(2024, 3, 5, 12, 0))])


GOOGLE_AND_OUTLOOK = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:Work",
    "X-WR-TIMEZONE:America/New_York",
    "BEGIN:VTIMEZONE",
    "TZID:America/New_York",
    "X-LIC-LOCATION:America/New_York",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0400",
    "TZNAME:EDT",
    "DTSTART:19700308T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:-0400",
    "TZOFFSETTO:-0500",
    "TZNAME:EST",
    "DTSTART:19701101T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
    "BEGIN:VTIMEZONE",
    "TZID:Eastern Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:-0400",
    "TZOFFSETTO:-0500",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0400",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
    # Google: an all-day event.
    "BEGIN:VEVENT",
    "DTSTART;VALUE=DATE:20240704",
    "DTEND;VALUE=DATE:20240705",
    "DTSTAMP:20240301T120000Z",
    "UID:holiday-1@google.com",
    "SUMMARY:Independence Day",
    "TRANSP:TRANSPARENT",
    "STATUS:CONFIRMED",
    "END:VEVENT",
    # Google: a UTC event with its default reminder.
    "BEGIN:VEVENT",
    "DTSTART:20240315T170000Z",
    "DTEND:20240315T180000Z",
    "DTSTAMP:20240301T120000Z",
    "UID:call-1@google.com",
    "SUMMARY:Call with London",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:This is an event reminder",
    "TRIGGER:-P0DT0H10M0S",
    "END:VALARM",
    "END:VEVENT",
    # Google: a weekly meeting with UNTIL, an EXDATE and one occurrence moved.
    "BEGIN:VEVENT",
    "DTSTART;TZID=America/New_York:20240304T100000",
    "DTEND;TZID=America/New_York:20240304T103000",
    "RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20240430T035959Z;BYDAY=MO",
    "EXDATE;TZID=America/New_York:20240318T100000",
    "DTSTAMP:20240301T120000Z",
    "UID:standup-1@google.com",
    "CREATED:20240201T150000Z",
    "SUMMARY:Team standup",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;TZID=America/New_York:20240326T110000",
    "DTEND;TZID=America/New_York:20240326T113000",
    "RECURRENCE-ID;TZID=America/New_York:20240325T100000",
    "DTSTAMP:20240301T120000Z",
    "UID:standup-1@google.com",
    "SUMMARY:Team standup (moved)",
    "END:VEVENT",
    # Outlook: its own zone name, a cancelled meeting, a 30-minute reminder.
    "BEGIN:VEVENT",
    "CLASS:PUBLIC",
    "DTSTART;TZID=Eastern Standard Time:20240402T140000",
    "DTEND;TZID=Eastern Standard Time:20240402T150000",
    "DTSTAMP:20240301T120000Z",
    "UID:040000008200E00074C5B7101A82E00800000000",
    "SUMMARY;LANGUAGE=en-us:Canceled: Budget review",
    "STATUS:CANCELLED",
    "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:REMINDER",
    "TRIGGER;RELATED=START:-PT30M",
    "END:VALARM",
    "END:VEVENT",
    # A floating time: no zone at all.
    "BEGIN:VEVENT",
    "DTSTART:20240410T083000",
    "UID:floating-1",
    "SUMMARY:Gym",
    "END:VEVENT",
    # What cannot be taken: a task, an event without a start, one with a bad date.
    "BEGIN:VTODO",
    "UID:todo-1",
    "SUMMARY:Buy milk",
    "DUE:20240305T170000Z",
    "END:VTODO",
    "BEGIN:VEVENT",
    "UID:nostart-1",
    "SUMMARY:Someday",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:bad-1",
    "SUMMARY:Broken",
    "DTSTART:20241345T250000",
    "END:VEVENT",
    "END:VCALENDAR",
)


def test_google_and_outlook_exports_import_as_expected() -> None:
    result = import_ics(GOOGLE_AND_OUTLOOK, zone=BERLIN)
    by_title = {e.title: e for e in result.entries}
    assert sorted(by_title) == [
        "Call with London",
        "Canceled: Budget review",
        "Gym",
        "Independence Day",
        "Team standup",
        "Team standup (moved)",
    ]

    holiday = by_title["Independence Day"]  # all-day: midnight to midnight in the user's zone
    assert holiday.start == datetime(2024, 7, 4, 0, 0, tzinfo=BERLIN)
    assert holiday.start.tzinfo is BERLIN
    assert holiday.end == datetime(2024, 7, 5, 0, 0, tzinfo=BERLIN)
    assert (holiday.kind, holiday.status, holiday.uid) == (
        "event",
        "active",
        "holiday-1@google.com",
    )

    call = by_title["Call with London"]  # UTC converted to the user's zone
    assert call.start.tzinfo is BERLIN and call.start.hour == 18
    assert call.end == datetime(2024, 3, 15, 18, 0, tzinfo=UTC)
    assert call.remind_before == timedelta(minutes=10)

    standup = by_title["Team standup"]  # TZID kept; UNTIL kept, as New York wall-clock
    assert standup.start.tzinfo is NY and standup.start.hour == 10
    assert standup.rrule == "FREQ=WEEKLY;UNTIL=20240429T235959;BYDAY=MO;WKST=SU"
    assert standup.created == datetime(2024, 2, 1, 15, 0, tzinfo=UTC)
    # The moved occurrence leaves the series, which also keeps its own EXDATE.
    assert standup.exdates == [
        datetime(2024, 3, 18, 10, 0, tzinfo=NY),
        datetime(2024, 3, 25, 10, 0, tzinfo=NY),
    ]
    moved = by_title["Team standup (moved)"]
    assert moved.start == datetime(2024, 3, 26, 11, 0, tzinfo=NY) and moved.rrule is None
    assert moved.uid.startswith("standup-1@google.com/") and moved.uid != standup.uid

    budget = by_title["Canceled: Budget review"]  # Outlook's zone name becomes a ZoneInfo
    assert budget.start.tzinfo is NY and budget.start.hour == 14
    assert budget.status == "cancelled"
    assert budget.remind_before == timedelta(minutes=30)

    gym = by_title["Gym"]  # floating: read in the user's zone
    assert gym.start == datetime(2024, 4, 10, 8, 30, tzinfo=BERLIN) and gym.end is None

    assert len(result.refused) == 3
    assert result.refused[0] == "VTODO 'Buy milk' is not supported"
    assert result.refused[1] == "VEVENT 'Someday' has no DTSTART"
    assert result.refused[2].startswith("VEVENT 'Broken' has a bad DTSTART")
    assert all("\n" not in line for line in result.refused)


def starts(entry: Entry) -> list[str]:
    """Every occurrence, as the scheduler works them out, in the entry's own zone."""
    before = entry.start - timedelta(seconds=1)
    return [t.strftime("%m-%d %H:%M%z") for t in occurrences(entry, before)]


def test_an_imported_series_runs_to_its_until_less_its_exceptions() -> None:
    standup = next(
        e for e in import_ics(GOOGLE_AND_OUTLOOK, zone=BERLIN).entries if e.title == "Team standup"
    )
    # 18 March was taken out, 25 March moved; 29 April is the last (UNTIL is 23:59:59 there).
    assert starts(standup) == [
        "03-04 10:00-0500",
        "03-11 10:00-0400",
        "04-01 10:00-0400",
        "04-08 10:00-0400",
        "04-15 10:00-0400",
        "04-22 10:00-0400",
        "04-29 10:00-0400",
    ]


def test_a_date_until_keeps_its_last_day() -> None:
    data = ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:bins",
        "SUMMARY:Bins out",
        "DTSTART;VALUE=DATE:20240301",
        "RRULE:FREQ=DAILY;UNTIL=20240303",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    bins = import_ics(data, zone=NY).entries[0]
    # A date UNTIL is the end of that day: the 3rd is still in.
    assert bins.rrule == "FREQ=DAILY;UNTIL=20240303T235959"
    assert bins.end == datetime(2024, 3, 2, 0, 0, tzinfo=NY)  # no DTEND: the day it is on
    assert starts(bins) == ["03-01 00:00-0500", "03-02 00:00-0500", "03-03 00:00-0500"]
    # Exported again, the file carries it in UTC, as RFC 5545 wants with a zoned DTSTART.
    assert b"UNTIL=20240304T045959Z" in export_ics([bins])


def test_an_hourly_until_is_kept_in_utc_time() -> None:
    # occurrences.py counts HOURLY and MINUTELY rules in UTC, so their UNTIL is UTC too.
    data = ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:water",
        "SUMMARY:Drink water",
        "DTSTART;TZID=Europe/Berlin:20240301T090000",
        "RRULE:FREQ=HOURLY;INTERVAL=2;UNTIL=20240301T120000Z",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    water = import_ics(data, zone=NY).entries[0]
    assert water.rrule == "FREQ=HOURLY;UNTIL=20240301T120000;INTERVAL=2"
    assert starts(water) == ["03-01 09:00+0100", "03-01 11:00+0100", "03-01 13:00+0100"]
    assert b"UNTIL=20240301T120000Z" in export_ics([water])


def test_a_bad_alarm_skips_its_event_not_the_file() -> None:
    # icalendar is strict outside VEVENT properties: a bad TRIGGER fails its whole parse.
    data = ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:ok",
        "SUMMARY:Fine",
        "DTSTART:20240301T100000Z",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:bad-alarm",
        "SUMMARY:Odd alarm",
        "DTSTART:20240301T100000Z",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:soon",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    result = import_ics(data, zone=UTC)
    assert [e.title for e in result.entries] == ["Fine"]
    assert len(result.refused) == 1
    assert result.refused[0].startswith("VEVENT 'Odd alarm' could not be read:")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"  \r\n\n", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8", "not UTF-8"),
        (b"hello world\nthis is a note", "expected BEGIN:VCALENDAR, found 'hello world'"),
        (b"BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n", "expected BEGIN:VCALENDAR"),
        (
            b"BEGIN:VCALENDAR\r\nthis is not a content line\r\nEND:VCALENDAR\r\n",
            "not valid iCalendar",
        ),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:cut off here\r\n", "truncated"),
    ],
)
def test_bad_input_raises_a_one_line_value_error(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        import_ics(data, zone=UTC)
    assert "\n" not in str(caught.value)


def test_a_recurrence_across_dst_keeps_its_wall_clock_time() -> None:
    # 09:00 every Monday in New York, across the 10 March 2024 change from EST to EDT.
    entry = Entry(
        "standup",
        datetime(2024, 3, 4, 9, 0, tzinfo=NY),
        kind="event",
        rrule="FREQ=WEEKLY;COUNT=3;BYDAY=MO",
        uid="dst-1",
    )
    data = export_ics([entry])
    assert b"DTSTART;TZID=America/New_York:20240304T090000" in data
    assert b"TZID:America/New_York" in data  # its VTIMEZONE
    # Imported where the user now is, the event keeps New York's wall clock.
    back = import_ics(data, zone=BERLIN).entries[0]
    assert back == entry and back.start.tzinfo is NY
    assert back.rrule is not None
    assert starts(back) == ["03-04 09:00-0500", "03-11 09:00-0400", "03-18 09:00-0400"]


def test_the_exported_file_is_read_by_icalendar_as_rfc_5545() -> None:
    from icalendar import Calendar

    entry = Entry("x", datetime(2024, 3, 4, 9, 0, tzinfo=NY), remind_before=timedelta(hours=1))
    cal = Calendar.from_ical(export_ics([entry], product="-//test//EN"))
    assert str(cal["PRODID"]) == "-//test//EN" and str(cal["VERSION"]) == "2.0"
    assert cal.get_missing_tzids() == set()
    (event,) = cal.walk("VEVENT")
    assert str(event["X-ASSISTANT-KIND"]) == "reminder"
    assert "DTSTAMP" in event and "DTEND" not in event and "RRULE" not in event
    (alarm,) = event.walk("VALARM")
    assert alarm["TRIGGER"].dt == -timedelta(hours=1)

    with pytest.raises(ValueError, match="bad rrule"):
        export_ics([replace(entry, rrule="FREQ=SOMETIMES")])
