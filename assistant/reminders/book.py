"""The book of scheduled entries in SQLite: add, find, change, cancel, snooze; each row
keeps when it next comes due, so the scheduler asks one indexed question."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from assistant.errors import InputError
from assistant.reminders import occurrences
from assistant.reminders.entry import KINDS, Entry
from assistant.reminders.schema import MIGRATIONS

if TYPE_CHECKING:
    from assistant.store import Store

MAX_TITLE = 500  # longer tasks are refused, not cut: nothing the user said is lost silently
_COLUMNS = (
    "id, uid, kind, title, start, zone, ends, rrule, alert_s, status, exdates, rdates,"
    " next_due, created, snoozed_until, next_occurrence"
)


@dataclass
class Merged:
    """What `Book.merge` did with each entry it was given."""

    added: int = 0  # its UID was not here
    updated: int = 0  # its UID was here and something about it changed
    unchanged: int = 0  # its UID was here, as it is


class Book:
    def __init__(self, store: Store):
        self.store = store
        store.migrate_component("reminders", MIGRATIONS)

    def add(self, entry: Entry, now: datetime) -> Entry:
        _check(entry)
        with self.store.transaction() as db:
            return _insert(db, entry, now)

    def merge(self, entries: Iterable[Entry], now: datetime) -> Merged:
        """Entries from a calendar, all in one transaction, so a failure or a kill leaves none
        of them: a UID not here is added; one here takes what the entry says, keeping its id,
        its deliveries and a cancel made here, or is left alone when nothing changed. The
        caller has checked each with `check`."""
        merged = Merged()
        with self.store.transaction() as db:
            for entry in entries:
                row = db.execute(
                    f"SELECT {_COLUMNS} FROM reminders WHERE uid=?", (entry.uid,)
                ).fetchone()
                if row is None:
                    _insert(db, entry, now)
                    merged.added += 1
                elif _update(db, _entry(row), entry, now):
                    merged.updated += 1
                else:
                    merged.unchanged += 1
        return merged

    @staticmethod
    def check(entry: Entry, now: datetime) -> None:
        """InputError, one line, for an entry the book cannot keep or schedule."""
        _check(entry)
        try:
            _next_due(entry, now)
        except (ValueError, TypeError, OverflowError) as e:  # dateutil on a rule it accepted
            raise InputError(f"its repeat cannot be worked out: {e}") from None

    def get(self, entry_id: int) -> Entry | None:
        rows = self._select("id=?", (entry_id,))
        return rows[0] if rows else None

    def entries(self, status: str | None = "active", kind: str | None = None) -> list[Entry]:
        where, params = ["1=1"], []
        if status:
            where.append("status=?")
            params.append(status)
        if kind:
            where.append("kind=?")
            params.append(kind)
        found = self._select(" AND ".join(where), tuple(params))
        return sorted(found, key=lambda e: (e.next or e.start).astimezone(UTC))

    def between(self, start: datetime, end: datetime) -> list[tuple[Entry, datetime]]:
        """Active entries with an occurrence in [start, end), each with that occurrence
        (a repeating one once per occurrence), in time order."""
        found: list[tuple[Entry, datetime]] = []
        for entry in self.entries():
            length = (entry.end - entry.start) if entry.end else timedelta(0)
            for occurrence in occurrences.occurrences(entry, start - length - timedelta(seconds=1)):
                if occurrence >= end or len(found) > 10_000:
                    break
                if occurrence + length >= start:
                    found.append((entry, occurrence))
        return sorted(found, key=lambda pair: pair[1].astimezone(UTC))

    def cancel(self, ids: Iterable[int]) -> int:
        with self.store.transaction() as db:
            return sum(
                db.execute(
                    "UPDATE reminders SET status='cancelled', next_due=NULL, snoozed_until=NULL"
                    " WHERE id=? AND status!='cancelled'",
                    (i,),
                ).rowcount
                for i in ids
            )

    def reschedule(self, entry: Entry, start: datetime, now: datetime) -> Entry:
        """Move an entry (and its end, keeping the length) to `start`."""
        if entry.end:
            entry.end = start + (entry.end - entry.start)
        entry.start, entry.status = start, "active"
        _check(entry)
        due = _next_due(entry, now)
        with self.store.transaction() as db:
            db.execute(
                "UPDATE reminders SET start=?, zone=?, ends=?, status='active', next_due=?,"
                " next_occurrence=?, snoozed_until=NULL WHERE id=?",
                (*_row(entry)[3:6], _epoch(due[0]) if due else None,
                 due[1].isoformat() if due else None, entry.id),
            )  # fmt: skip
        entry.next = due[1] if due else None
        return entry

    def snooze(self, entry_id: int, until: datetime) -> None:
        with self.store.transaction() as db:
            db.execute(
                "UPDATE reminders SET status='active', snoozed_until=?,"
                " next_due=MIN(COALESCE(next_due, ?), ?) WHERE id=?",
                (until.timestamp(), until.timestamp(), until.timestamp(), entry_id),
            )

    def last_delivered(self) -> Entry | None:
        """The entry most recently delivered: what "snooze" means."""
        row = self.store.query("SELECT reminder_id FROM deliveries ORDER BY delivered DESC LIMIT 1")
        return self.get(int(row[0][0])) if row else None

    def deliveries(self, entry_id: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT reminder_id, occurrence, due, delivered, late, pid FROM deliveries"
        rows = self.store.query(sql + (" WHERE reminder_id=?" if entry_id else ""),
                                (entry_id,) if entry_id else ())  # fmt: skip
        keys = ("reminder_id", "occurrence", "due", "delivered", "late", "pid")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def earliest_due(self) -> float | None:
        row = self.store.query("SELECT MIN(next_due) FROM reminders WHERE next_due IS NOT NULL")
        return row[0][0] if row and row[0][0] is not None else None

    @staticmethod
    def read(db: sqlite3.Connection, entry_id: int) -> Entry:
        """One entry, inside a transaction the caller holds."""
        row = db.execute(f"SELECT {_COLUMNS} FROM reminders WHERE id=?", (entry_id,)).fetchone()
        return _entry(row)

    def _select(self, where: str, params: tuple[Any, ...]) -> list[Entry]:
        rows = self.store.query(f"SELECT {_COLUMNS} FROM reminders WHERE {where}", params)
        return [_entry(row) for row in rows]


def _check(entry: Entry) -> None:
    title = entry.title.strip()
    if not title:
        raise InputError("a reminder needs something to remind you of")
    if len(title) > MAX_TITLE:
        raise InputError(f"that task is {len(title)} characters; keep it under {MAX_TITLE}")
    if entry.kind not in KINDS:
        raise InputError(f"unknown kind {entry.kind!r} (one of {', '.join(KINDS)})")
    if entry.start.tzinfo is None:
        raise InputError("a reminder's time needs a time zone")
    if entry.end and entry.end <= entry.start:
        raise InputError("an event must end after it starts")


def _insert(db: sqlite3.Connection, entry: Entry, now: datetime) -> Entry:
    entry.uid = entry.uid or f"{uuid.uuid4()}@assistant"
    entry.created = entry.created or now
    due = _next_due(entry, now)
    if due is None and entry.status == "active":
        entry.status = "done"  # an imported event that is over: kept, never delivered
    cursor = db.execute(
        f"INSERT INTO reminders ({_COLUMNS.replace('id, ', '', 1)}) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            *_row(entry),
            _epoch(due[0]) if due else None,
            entry.created.timestamp(),
            None,
            due[1].isoformat() if due else None,
        ),
    )
    entry.id = int(cursor.lastrowid or 0)
    entry.next = due[1] if due else None
    return entry


def _update(db: sqlite3.Connection, stored: Entry, entry: Entry, now: datetime) -> bool:
    """`stored` takes what `entry` says; False when that changes nothing."""
    due = _next_due(entry, now)
    if "cancelled" in (stored.status, entry.status):  # a cancel here is not undone by a file
        entry.status = "cancelled"
    elif due is None:
        entry.status = "done"  # over, as `add` has it; one moved ahead is active again
    same_schedule = _schedule(stored) == _schedule(entry)
    described = (entry.title.strip(), entry.kind, entry.status)
    if same_schedule and described == (stored.title, stored.kind, stored.status):
        return False
    entry.id, entry.created = stored.id, stored.created
    if same_schedule and entry.status != "cancelled":  # keep a snooze and what is next
        db.execute("UPDATE reminders SET title=?, kind=?, status=? WHERE id=?",
                   (*described, stored.id))  # fmt: skip
        return True
    live = due is not None and entry.status != "cancelled"
    db.execute(
        "UPDATE reminders SET uid=?, kind=?, title=?, start=?, zone=?, ends=?, rrule=?,"
        " alert_s=?, status=?, exdates=?, rdates=?, next_due=?, next_occurrence=?,"
        " snoozed_until=NULL WHERE id=?",
        (*_row(entry), _epoch(due[0]) if due and live else None,
         due[1].isoformat() if due and live else None, stored.id),
    )  # fmt: skip
    return True


def _schedule(entry: Entry) -> tuple[Any, ...]:
    """What decides when an entry comes due, as instants (a re-read zone object may differ)."""
    return (
        entry.start, _zone_name(entry.start.tzinfo), entry.end, entry.rrule,
        entry.remind_before or None, sorted(entry.exdates), sorted(entry.rdates),
    )  # fmt: skip


def due_of(entry: Entry, occurrence: datetime) -> datetime:
    """When an occurrence is delivered: at its start, or its alert's lead time before."""
    return occurrence - (entry.remind_before or timedelta(0))


def _next_due(entry: Entry, now: datetime) -> tuple[datetime, datetime] | None:
    """(due, occurrence) of the first occurrence still to deliver after `now`."""
    lead = entry.remind_before or timedelta(0)
    occurrence = occurrences.after(entry, now + lead)
    if occurrence is None:
        return None
    return due_of(entry, occurrence), occurrence


def _epoch(moment: datetime) -> float:
    return moment.timestamp()


def _zone_name(zone: tzinfo | None) -> str:
    return zone.key if isinstance(zone, ZoneInfo) else "UTC"


def _row(entry: Entry) -> tuple[Any, ...]:
    alert = int(entry.remind_before.total_seconds()) if entry.remind_before else None
    return (
        entry.uid, entry.kind, entry.title.strip(), entry.start.isoformat(),
        _zone_name(entry.start.tzinfo), entry.end.isoformat() if entry.end else None,
        entry.rrule, alert, entry.status, json.dumps([x.isoformat() for x in entry.exdates]),
        json.dumps([x.isoformat() for x in entry.rdates]),
    )  # fmt: skip


def _entry(row: tuple[Any, ...]) -> Entry:
    (entry_id, uid, kind, title, start, zone, ends, rrule, alert, status, exdates, rdates,
     _due, created, snoozed, occurrence) = row  # fmt: skip
    tz: tzinfo = ZoneInfo(zone) if zone != "UTC" else UTC
    upcoming = datetime.fromisoformat(occurrence).astimezone(tz) if occurrence else None
    if snoozed is not None:
        upcoming = datetime.fromtimestamp(snoozed, tz)
    return Entry(
        id=entry_id, uid=uid, kind=kind, title=title,
        start=datetime.fromisoformat(start).astimezone(tz),
        end=datetime.fromisoformat(ends).astimezone(tz) if ends else None,
        rrule=rrule, remind_before=timedelta(seconds=alert) if alert else None, status=status,
        exdates=[datetime.fromisoformat(x) for x in json.loads(exdates)],
        rdates=[datetime.fromisoformat(x) for x in json.loads(rdates)],
        created=datetime.fromtimestamp(created, tz),
        next=upcoming,
    )  # fmt: skip
