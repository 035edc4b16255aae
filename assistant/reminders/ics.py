"""iCalendar (.ics, RFC 5545) export and import of scheduled entries, through `icalendar`.

Every entry becomes a VEVENT whatever its kind: calendars show events, few show VTODOs.
What iCalendar has no field for travels in X-ASSISTANT-* properties, which other calendars
keep or ignore, so our own files round-trip. Times stay timezone-aware throughout.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Component, Event, vRecur
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from assistant.reminders.entry import KINDS, STATUSES, Entry

PRODUCT = "-//assistant//reminders//EN"
# A VEVENT with one of these broken cannot be scheduled faithfully, so it is skipped whole.
_TIME_PROPS = {"DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "RECURRENCE-ID"}
_PROPS = (*_TIME_PROPS, "SUMMARY", "UID", "STATUS", "CREATED", "X-ASSISTANT-KIND")
_PARSE_ERRORS = (ValueError, TypeError, KeyError, IndexError)


@dataclass
class ImportResult:
    entries: list[Entry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one human line per component not taken


# --- export -----------------------------------------------------------------------------


def export_ics(entries: Iterable[Entry], *, product: str = PRODUCT) -> bytes:
    """One VCALENDAR, one VEVENT per entry; ValueError for a naive time or a bad rrule."""
    cal = Calendar()
    cal.add("PRODID", product)
    cal.add("VERSION", "2.0")
    stamp = datetime.now(UTC).replace(microsecond=0)
    for entry in entries:
        cal.add_component(_event(entry, stamp))
    cal.add_missing_timezones()  # so a reader without a zone database still gets DST right
    return bytes(cal.to_ical())


def _event(entry: Entry, stamp: datetime) -> Event:
    tz = entry.start.tzinfo
    # An IANA zone goes out as TZID, so repeats keep their wall-clock time; any other tzinfo
    # (a fixed offset) has no name other calendars know, so UTC.
    zone = tz if isinstance(tz, ZoneInfo) and tz.key else UTC
    event = Event()
    # A fresh UID on every export of an entry without one: callers should store theirs.
    event.add("UID", entry.uid or str(uuid.uuid4()))
    event.add("SUMMARY", entry.title)
    event.add("DTSTAMP", stamp)
    event.add("DTSTART", _written(entry.start, zone, entry))
    if entry.end is not None:
        event.add("DTEND", _written(entry.end, zone, entry))
    if entry.rrule:
        try:
            rule = vRecur.from_ical(entry.rrule.removeprefix("RRULE:"))
        except ValueError as e:
            raise ValueError(
                f"entry {entry.title!r} has a bad rrule {entry.rrule!r}: {e}"
            ) from None
        event.add("RRULE", _until(rule, entry.start, to_file=True))
    if entry.exdates:
        event.add("EXDATE", [_written(d, zone, entry) for d in entry.exdates])
    # A VEVENT has no "done": CONFIRMED for other calendars, our own status for us.
    event.add("STATUS", "CANCELLED" if entry.status == "cancelled" else "CONFIRMED")
    if entry.status == "done":
        event.add("X-ASSISTANT-STATUS", "done")
    event.add("X-ASSISTANT-KIND", entry.kind)
    if entry.created is not None:
        event.add("CREATED", _written(entry.created, UTC, entry))
    if entry.remind_before is not None:
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", entry.title)  # DISPLAY alarms require one
        alarm.add("TRIGGER", -entry.remind_before)
        event.add_component(alarm)
    return event


def _written(value: datetime, zone: tzinfo, entry: Entry) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"entry {entry.title!r} has a naive datetime {value.isoformat()}")
    # One zone per VEVENT (RFC 5545 wants EXDATE like DTSTART); .ics has no microseconds.
    return value.astimezone(zone).replace(microsecond=0)


def _until(rule: vRecur, start: datetime, *, to_file: bool) -> vRecur:
    """Entries keep UNTIL floating, in the frame occurrences.py expands rules in (the
    start's wall clock; UTC for HOURLY and MINUTELY), as dateutil wants it beside a naive
    DTSTART; files carry it in UTC, as RFC 5545 wants. A date UNTIL means that day's end."""
    if not rule.get("UNTIL"):
        return rule
    elapsed = str(rule.get("FREQ", [""])[0]).upper() in ("HOURLY", "MINUTELY")
    frame = UTC if elapsed else start.tzinfo
    last = rule["UNTIL"][0]
    if not isinstance(last, datetime):
        last = datetime.combine(last, time(23, 59, 59))
    if last.tzinfo is None:
        last = last.replace(tzinfo=frame)
    last = last.astimezone(UTC if to_file else frame)
    rule = vRecur(rule)
    rule["UNTIL"] = [last if to_file else last.replace(tzinfo=None)]
    return rule


# --- import -----------------------------------------------------------------------------


class _Skip(Exception):
    """Why a component is not taken; the text completes "VEVENT 'title' ..."."""


def import_ics(data: bytes, *, zone: tzinfo) -> ImportResult:
    """Entries from .ics data. Dates and floating times are read in `zone`, UTC times are
    converted to it, TZID times keep their own zone (their wall-clock time is the point).
    ValueError, one line, for input that is not iCalendar at all."""
    result = ImportResult()
    overrides: list[tuple[Entry, datetime]] = []
    for comp in _components(_text(data), result.skipped):
        if comp.name == "VTIMEZONE":  # the parser has already used it to read TZIDs
            continue
        label = _label(str(comp.name), comp.get("SUMMARY"))
        if comp.name != "VEVENT":
            result.skipped.append(f"{label} is not supported")
            continue
        try:
            entry, recurrence_id = _entry(comp, zone)
        except _Skip as why:
            result.skipped.append(f"{label} {why}")
            continue
        if recurrence_id is None:
            result.entries.append(entry)
        else:
            overrides.append((entry, recurrence_id))
    _apply_overrides(result.entries, overrides)
    return result


def _text(data: bytes) -> str:
    if not data.strip():
        raise ValueError("empty input: no iCalendar data")
    try:
        text = data.decode("utf-8-sig")  # RFC 5545 text is UTF-8; Windows tools add a BOM
    except UnicodeDecodeError:
        raise ValueError("not iCalendar: the data is not UTF-8 text (a binary file?)") from None
    first = text.lstrip().split("\n", 1)[0].strip()
    if first.upper() != "BEGIN:VCALENDAR":
        raise ValueError(f"not iCalendar: expected BEGIN:VCALENDAR, found {first[:40]!r}")
    if "END:VCALENDAR" not in text.upper():  # icalendar would return nothing, silently
        raise ValueError("not valid iCalendar: no END:VCALENDAR (a truncated file?)")
    return text


def _components(text: str, skipped: list[str]) -> list[Component]:
    """The components inside every VCALENDAR of the text."""
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except _PARSE_ERRORS as error:
        # icalendar forgives a bad value only in a VEVENT's own properties; elsewhere (a
        # VALARM, a VTODO) it fails the whole file, so parse one component at a time.
        blocks: list[list[str]] = []
        depth = 0
        for line in text.splitlines():
            depth += line.upper().startswith("BEGIN:")
            if depth == 2 and line.upper().startswith("BEGIN:"):
                blocks.append([])
            if depth >= 2:  # inside a component of a VCALENDAR
                blocks[-1].append(line)
            depth -= line.upper().startswith("END:")
        if not blocks:
            raise ValueError(f"not valid iCalendar: {_one_line(error)}") from None
        return [c for block in blocks if (c := _block(block, skipped)) is not None]
    return [c for cal in calendars if cal.name == "VCALENDAR" for c in cal.subcomponents]


def _block(lines: list[str], skipped: list[str]) -> Component | None:
    try:
        return Component.from_ical("\r\n".join(lines) + "\r\n")
    except _PARSE_ERRORS as e:
        summary = next((s.split(":", 1)[-1] for s in lines if s.upper().startswith("SUMMARY")), "")
        skipped.append(f"{_label(lines[0][6:].upper(), summary)} could not be read: {_one_line(e)}")
        return None


def _entry(event: Component, zone: tzinfo) -> tuple[Entry, datetime | None]:
    broken = [(name, why) for name, why in event.errors if name in _TIME_PROPS]
    if broken:
        raise _Skip(f"has a bad {broken[0][0]}: {_one_line(broken[0][1])}")
    prop: dict[str, Any] = {name: event.get(name) for name in _PROPS}  # icalendar's union: Any
    if prop["DTSTART"] is None:
        raise _Skip("has no DTSTART")
    first = prop["DTSTART"].dt
    if not isinstance(first, date):  # a bare time or a duration: nothing to schedule
        raise _Skip(f"has a DTSTART that is not a date: {first!r}")
    start = _read(first, prop["DTSTART"], zone)
    end = None
    if prop["DTEND"] is not None:
        end = _read(prop["DTEND"].dt, prop["DTEND"], zone)
    elif prop["DURATION"] is not None:
        end = start + prop["DURATION"].dt
    elif not isinstance(first, datetime):  # RFC 5545: an all-day event lasts the day
        end = _read(first + timedelta(days=1), None, zone)
    rules = _as_list(prop["RRULE"])  # several RRULEs are deprecated; the first is kept
    status = str(event.get("X-ASSISTANT-STATUS", "")).lower()
    if status not in STATUSES:
        status = "cancelled" if str(prop["STATUS"]).upper() == "CANCELLED" else "active"
    kind = str(prop["X-ASSISTANT-KIND"] or "event").lower()
    created, rid = prop["CREATED"], prop["RECURRENCE-ID"]
    entry = Entry(
        title=str(prop["SUMMARY"] or "").strip() or "(untitled)",
        start=start,
        kind=kind if kind in KINDS else "event",
        end=end,
        rrule=_until(rules[0], start, to_file=False).to_ical().decode() if rules else None,
        remind_before=_lead(event),
        status=status,
        uid=str(prop["UID"] or ""),
        created=_read(created.dt, None, zone) if created is not None else None,
        exdates=[_read(d.dt, d, zone) for p in _as_list(prop["EXDATE"]) for d in p.dts],
    )
    return entry, (_read(rid.dt, rid, zone) if rid is not None else None)


def _read(value: date, prop: Any, zone: tzinfo) -> datetime:
    """An iCalendar date or date-time as an aware datetime; `prop` carries its TZID."""
    if not isinstance(value, datetime):  # all-day: midnight where the user is
        return datetime.combine(value, time(0), zone)
    if value.tzinfo is None:  # floating, or a TZID icalendar could not resolve
        return value.replace(tzinfo=zone)
    tzid = str(getattr(prop, "params", {}).get("TZID", ""))
    if tzid in WINDOWS_TO_OLSON:  # Outlook's zone names: a ZoneInfo exports with its TZID
        return value.replace(tzinfo=ZoneInfo(WINDOWS_TO_OLSON[tzid]))
    if tzid and tzid.upper() != "UTC":  # the event's own zone, so repeats keep wall-clock
        return value
    return value.astimezone(zone)


def _lead(event: Component) -> timedelta | None:
    """The longest lead of the alarms set before the start; absolute triggers, those after
    the start and those relative to the end have no remind_before to map to."""
    leads = []
    for alarm in event.walk("VALARM"):
        trigger = alarm.get("TRIGGER")
        offset = getattr(trigger, "dt", None)
        related = str(getattr(trigger, "params", {}).get("RELATED", "START")).upper()
        if isinstance(offset, timedelta) and offset <= timedelta(0) and related == "START":
            leads.append(-offset)
    return max(leads, default=None)


def _apply_overrides(entries: list[Entry], overrides: list[tuple[Entry, datetime]]) -> None:
    """A VEVENT with RECURRENCE-ID moves or cancels one occurrence of a series (Google and
    Outlook export them so): the series drops that occurrence; a moved one stands alone."""
    series = {e.uid: e for e in entries if e.rrule and e.uid}
    for entry, recurrence_id in overrides:
        master = series.get(entry.uid)
        if master is None:  # the series is not in the file: keep the occurrence as it is
            entries.append(entry)
            continue
        master.exdates.append(recurrence_id)
        if entry.status != "cancelled":
            stamp = recurrence_id.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
            entries.append(replace(entry, uid=f"{entry.uid}/{stamp}", exdates=[]))


def _as_list(value: Any) -> list[Any]:
    return [] if value is None else value if isinstance(value, list) else [value]


def _label(name: str, summary: Any) -> str:
    title = str(summary or "").strip()
    return f"{name} {title!r}" if title else name


def _one_line(error: object) -> str:
    return " ".join(str(error).split())[:160]
