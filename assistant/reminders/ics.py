"""iCalendar (.ics, RFC 5545) export and import of scheduled entries, through `icalendar`.

Every entry becomes a VEVENT whatever its kind: calendars show events, few show VTODOs.
What iCalendar has no field for travels in X-ASSISTANT-* properties, which other calendars
keep or ignore, so our own files round-trip. Times stay timezone-aware throughout.

Reading other producers' files, each component is taken or refused alone, with a line:
two VEVENTs with one UID (and RECURRENCE-ID) keep the later by SEQUENCE then DTSTAMP, and
the first when neither is later; a repeated DTSTART, DTEND, DURATION or RECURRENCE-ID
refuses the event (which was meant cannot be told), another repeated property gives its
first, with a note; an all-day event that ends where it starts lasts the day; RDATEs are
occurrences; rrules.py decides which RRULEs (RSCALE, SKIP, COUNT) can be followed.
"""

from __future__ import annotations

import hashlib
import uuid
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Component, Event
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from assistant.reminders import rrules
from assistant.reminders.entry import KINDS, STATUSES, Entry

PRODUCT = "-//assistant//reminders//EN"
# A VEVENT with one of these broken, or given twice, cannot be scheduled faithfully, so it
# is refused whole; of another property given twice the first is taken, and a note says so.
_TIME_PROPS = {"DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "RDATE", "RECURRENCE-ID"}
_LISTS = {"RRULE", "EXDATE", "RDATE"}  # may come more than once
_PROPS = (*_TIME_PROPS, "SUMMARY", "UID", "STATUS", "CREATED", "SEQUENCE", "DTSTAMP",
          "X-ASSISTANT-KIND", "X-ASSISTANT-STATUS")  # fmt: skip
_PARSE_ERRORS = (ValueError, TypeError, KeyError, IndexError)


@dataclass
class ImportResult:
    entries: list[Entry] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one line per component not taken, why
    notes: list[str] = field(default_factory=list)  # one line per liberty taken with the file


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
            event.add("RRULE", rrules.for_file(entry.rrule, entry.start))
        except ValueError as e:
            raise ValueError(
                f"entry {entry.title!r} has a bad rrule {entry.rrule!r}: {e}"
            ) from None
    if entry.exdates:
        event.add("EXDATE", [_written(d, zone, entry) for d in entry.exdates])
    if entry.rdates:
        event.add("RDATE", [_written(d, zone, entry) for d in entry.rdates])
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


# --- import -----------------------------------------------------------------------------


class _Skip(Exception):
    """Why a component is not taken; the text completes "VEVENT 'title' ..."."""


@dataclass
class _Found:
    """A VEVENT read, before the file's other versions of its UID are weighed."""

    entry: Entry
    recurrence_id: datetime | None  # set for an override of one occurrence of a series
    version: tuple[int, datetime]  # (SEQUENCE, DTSTAMP): the larger is the later version
    label: str  # how messages name it: "VEVENT 'title'" or "VEVENT UID 'x'"


def import_ics(data: bytes, *, zone: tzinfo) -> ImportResult:
    """Entries from .ics data. Dates and floating times are read in `zone`, UTC times are
    converted to it, TZID times keep their own zone (their wall-clock time is the point).
    ValueError, one line, for input that is not iCalendar at all; a component that cannot
    be taken is refused alone, with a line saying why."""
    result = ImportResult()
    found: list[_Found] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # icalendar's guesses (a vendor TZID) become notes
        for comp in _components(_text(data), result.refused):
            if comp.name == "VTIMEZONE":  # the parser has already used it to read TZIDs
                continue
            label = _label(str(comp.name), comp.get("SUMMARY"), comp.get("UID"))
            if comp.name != "VEVENT":
                result.refused.append(f"{label} is not supported")
                continue
            try:
                found.append(_entry(comp, zone, label, result.notes))
            except _Skip as why:
                result.refused.append(f"{label} {why}")
            except (*_PARSE_ERRORS, OverflowError) as error:  # icalendar's lazy values
                result.refused.append(f"{label} could not be read: {_one_line(error)}")
    # "... guessing it means 'Europe/Berlin' by stripping the vendor prefix. This may be wrong."
    guesses = (_one_line(str(w.message).split(". ")[0]) for w in caught)
    result.notes[:0] = list(dict.fromkeys(guesses))
    kept = _one_per_uid(found, result.refused)
    result.entries = [f.entry for f in kept if f.recurrence_id is None]
    _apply_overrides(result.entries, [(f.entry, f.recurrence_id) for f in kept if f.recurrence_id])
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


def _components(text: str, refused: list[str]) -> list[Component]:
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
        return [c for block in blocks if (c := _block(block, refused)) is not None]
    return [c for cal in calendars if cal.name == "VCALENDAR" for c in cal.subcomponents]


def _block(lines: list[str], refused: list[str]) -> Component | None:
    try:
        return Component.from_ical("\r\n".join(lines) + "\r\n")
    except _PARSE_ERRORS as e:

        def value(name: str) -> str:
            return next((s.split(":", 1)[-1] for s in lines if s.upper().startswith(name)), "")

        label = _label(lines[0][6:].upper(), value("SUMMARY"), value("UID"))
        refused.append(f"{label} could not be read: {_one_line(e)}")
        return None


def _entry(event: Component, zone: tzinfo, label: str, notes: list[str]) -> _Found:
    broken = [(name, why) for name, why in event.errors if name in _TIME_PROPS]
    if broken:
        raise _Skip(f"has a bad {broken[0][0]}: {_one_line(broken[0][1])}")
    prop: dict[str, Any] = {}  # icalendar's union: Any
    for name in _PROPS:
        value = event.get(name)
        if isinstance(value, list) and name not in _LISTS:
            if name in _TIME_PROPS:  # which one was meant cannot be told: no time is guessed
                raise _Skip(f"has {len(value)} {name} lines; RFC 5545 allows one")
            notes.append(f"{label} has {len(value)} {name} lines; the first is used")
            value = value[0]
        prop[name] = value
    if prop["DTSTART"] is None:
        raise _Skip("has no DTSTART")
    first = prop["DTSTART"].dt
    if not isinstance(first, date):  # a bare time or a duration: nothing to schedule
        raise _Skip(f"has a DTSTART that is not a date: {first!r}")
    start = _read(first, prop["DTSTART"], zone)
    rules = _as_list(prop["RRULE"])
    if rules and _in_utc(first, prop["DTSTART"]):  # RFC 5545: it repeats in UTC, no DST
        start = start.astimezone(UTC)
    end = _end(first, start, prop, zone)
    if len(rules) > 1:  # several RRULEs are deprecated (RFC 5545), and one is kept per entry
        notes.append(f"{label} has {len(rules)} RRULE lines; the first is used")
    status = str(prop["X-ASSISTANT-STATUS"] or "").lower()
    if status not in STATUSES:
        status = "cancelled" if str(prop["STATUS"]).upper() == "CANCELLED" else "active"
    kind = str(prop["X-ASSISTANT-KIND"] or "event").lower()
    created, rid = prop["CREATED"], prop["RECURRENCE-ID"]
    title = str(prop["SUMMARY"] or "").strip() or "(untitled)"
    try:
        rrule = rrules.for_entry(rules[0], start) if rules else None
    except ValueError as why:
        raise _Skip(str(why)) from None
    entry = Entry(
        title=title,
        start=start,
        kind=kind if kind in KINDS else "event",
        end=end,
        rrule=rrule,
        remind_before=_lead(event),
        status=status,
        # RFC 5545 requires a UID; one made from the event finds it again on a re-import.
        uid=str(prop["UID"] or "") or _made_uid(start, title, rrule),
        created=_read(created.dt, None, zone) if created is not None else None,
        exdates=_moments(prop["EXDATE"], zone, "EXDATE", label, notes),
        rdates=_moments(prop["RDATE"], zone, "RDATE", label, notes),
    )
    recurrence_id = _read(rid.dt, rid, zone) if rid is not None else None
    return _Found(entry, recurrence_id, _version(prop), label)


def _end(first: date, start: datetime, prop: dict[str, Any], zone: tzinfo) -> datetime | None:
    """When the first occurrence ends: DTEND, else DTSTART + DURATION; RFC 5545's default
    for an all-day event (the day), also for one whose end is its start, as many producers
    write a one-day event; none for a timed event that takes no time."""
    all_day = not isinstance(first, datetime)
    if prop["DTEND"] is not None:
        end = _read(prop["DTEND"].dt, prop["DTEND"], zone)
    elif prop["DURATION"] is not None:
        end = start + prop["DURATION"].dt
    else:
        end = start
    if end < start:
        raise _Skip(f"ends before it starts ({end.isoformat()} < {start.isoformat()})")
    if end == start:
        return _read(first + timedelta(days=1), None, zone) if all_day else None
    return end


def _moments(value: Any, zone: tzinfo, name: str, label: str, notes: list[str]) -> list[datetime]:
    """The dates of EXDATE or RDATE lines; a PERIOD counts from its start (every occurrence
    lasts as the first does). A bare time names no day: it is left out, with a note."""
    found = []
    for prop in _as_list(value):
        for item in prop.dts:
            moment = item.dt[0] if isinstance(item.dt, tuple) else item.dt
            if isinstance(moment, date):
                found.append(_read(moment, item, zone))
            else:
                notes.append(f"{label} has an {name} that is not a date ({moment}): left out")
    return found


def _version(prop: dict[str, Any]) -> tuple[int, datetime]:
    try:
        sequence = int(prop["SEQUENCE"] or 0)
    except (TypeError, ValueError):  # a vBroken one orders as none
        sequence = 0
    stamp = getattr(prop["DTSTAMP"], "dt", None)
    if not isinstance(stamp, datetime):
        return sequence, datetime.min.replace(tzinfo=UTC)
    return sequence, stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _made_uid(start: datetime, title: str, rrule: str | None) -> str:
    made = hashlib.sha256(f"{start.isoformat()}|{title}|{rrule or ''}".encode()).hexdigest()
    return f"{made[:32]}@ics-import"


def _read(value: date, prop: Any, zone: tzinfo) -> datetime:
    """An iCalendar date or date-time as an aware datetime; `prop` carries its TZID."""
    if not isinstance(value, datetime):  # all-day: midnight where the user is
        return datetime.combine(value, time(0), zone)
    tzid = str(getattr(prop, "params", {}).get("TZID", ""))
    if tzid in WINDOWS_TO_OLSON:  # Outlook's zone names: a ZoneInfo exports with its TZID
        return value.replace(tzinfo=ZoneInfo(WINDOWS_TO_OLSON[tzid]))
    if value.tzinfo is None:  # floating, or a TZID icalendar could not resolve
        return value.replace(tzinfo=zone)
    if tzid and tzid.upper() != "UTC":  # the event's own zone, so repeats keep wall-clock
        return value
    return value.astimezone(zone)


def _in_utc(value: date, prop: Any) -> bool:
    tzid = str(getattr(prop, "params", {}).get("TZID", "UTC")).upper()
    return isinstance(value, datetime) and value.utcoffset() == timedelta(0) and tzid == "UTC"


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


def _one_per_uid(found: list[_Found], refused: list[str]) -> list[_Found]:
    """RFC 5545: a UID names one event, and with a RECURRENCE-ID one of its occurrences.
    Of two in one file the later version (SEQUENCE, then DTSTAMP) is taken; of two that
    neither orders, the first, and the other is refused: nothing says which is current."""
    kept: dict[tuple[str, datetime | None], _Found] = {}
    for event in found:
        key = (event.entry.uid, event.recurrence_id)
        other = kept.get(key)
        if other is None:
            kept[key] = event
            continue
        uid = event.entry.uid
        if event.version == other.version:
            refused.append(
                f"{event.label} has the UID {uid!r} of {other.label} before it in the file"
                " and is no later a version (same SEQUENCE and DTSTAMP)"
            )
            continue
        older, kept[key] = sorted((other, event), key=lambda f: f.version)
        refused.append(
            f"{older.label} is an earlier version of {kept[key].label} (UID {uid!r},"
            " by SEQUENCE and DTSTAMP)"
        )
    return list(kept.values())


def _apply_overrides(entries: list[Entry], overrides: list[tuple[Entry, datetime]]) -> None:
    """A VEVENT with RECURRENCE-ID moves or cancels one occurrence of a series (Google and
    Outlook export them so): the series drops that occurrence; a moved one stands alone."""
    series = {e.uid: e for e in entries if (e.rrule or e.rdates) and e.uid}
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


def _label(name: str, summary: Any, uid: Any = None) -> str:
    """How a message names a component: by its SUMMARY, else its UID."""
    title, key = (str(_first(x) or "").strip() for x in (summary, uid))
    if title:
        return f"{name} {title[:80]!r}"
    return f"{name} UID {key[:80]!r}" if key else name


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _one_line(error: object) -> str:
    return " ".join(str(error).split())[:160]
