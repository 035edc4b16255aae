"""Reminders, alarms, timers and calendar events: set, list, cancel, snooze and move them.
The book and the scheduler behind them are the `reminders` service."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from assistant.dialogue.questions import ask, choose, confirm
from assistant.errors import InputError
from assistant.reminders.entry import Entry
from assistant.skill import Reply, Request, Skill, intent
from assistant.slots import Text, Time
from assistant.timeparse import TimeSpec, parse
from skills import reminder_examples as examples
from skills.reminder_match import kind_asked, matches, wants_all, window
from skills.reminder_words import (
    clock_words,
    describe,
    kind_of,
    repeat_words,
    spell_length,
    title_of,
    when_words,
)  # fmt: skip

SLOTS = {
    "when": Time(referable=True),
    "task": Text(
        pattern=r"\b(?:remind me|don't let me forget|remember)\b.*?\bto (.+)",
        strip_time=True,
        referable=True,
    ),
}
_ASK_WHEN = {
    "timer": "How long should the timer run?",
    "alarm": "What time should the alarm go off?",
    "event": "When is it?",
    "reminder": "When should I remind you?",
}
_MAX_SHOWN = 12


class Reminders(Skill):
    """Reminders, alarms, timers and calendar events."""

    keywords = ("reminder", "remind", "alarm", "timer", "calendar", "appointment", "meeting")

    @property
    def service(self) -> Any:
        return self.context.service("reminders")

    def _now(self) -> datetime:
        return self.context.clock.now()

    @intent("reminder.create", description="set a reminder, alarm, timer or event",
            slots=SLOTS, examples=examples.CREATE)  # fmt: skip
    def create(self, req: Request) -> Reply:
        """Set a reminder, an alarm, a timer or a calendar event."""
        now = self._now()
        spec = parse(req.text, now)
        if (spec is None or spec.start is None) and req.answer and not spec_error(spec):
            spec = parse(req.answer, now)  # the answer to "When?"
        kind = kind_of(req.text, spec)
        if spec is not None and spec.error:
            return _refuse(spec)
        if spec is None or spec.start is None:
            return Reply.asking(ask("when", _ASK_WHEN[kind]), data={"status": "asking"})
        if kind == "timer" and spec.duration and not spec.rrule:
            start = now + spec.duration
        else:
            start = spec.start
        entry = self._entry(req, spec, kind, start, now)
        try:
            entry = self.service.book.add(entry, now)
        except InputError as exc:
            return Reply(text=f"I can't set that: {exc}.", data={"status": "refused"})
        self.service.changed()
        return Reply(
            text=_confirmation(entry, spec, now),
            data={"status": "created", "reminder": entry.as_json()},
            actions=[
                {
                    "type": "reminder.create",
                    "id": entry.id,
                    "kind": entry.kind,
                    "start": entry.start.isoformat(),
                }
            ],
        )

    def _entry(
        self, req: Request, spec: TimeSpec, kind: str, start: datetime, now: datetime
    ) -> Entry:
        title = title_of(req.text, spec, req.slots.get("task"), kind)
        end, before = spec.end, None
        if kind == "event":
            if spec.grain == "day":  # all day: told at 9 that morning
                end = end + timedelta(days=1) if end else start + timedelta(days=1)
                before = timedelta(hours=-9)
            else:
                minutes = self.context.config.reminders.event_alert_minutes
                before = timedelta(minutes=minutes) if minutes else None
                if before and start - before <= now:
                    before = None  # too close to warn ahead: tell at the start
        elif spec.grain in {"day", "week", "month", "year"}:
            start = start.replace(hour=9, minute=0)  # "remind me tomorrow": in the morning
            end = None
        return Entry(title, start, kind=kind, end=end, rrule=spec.rrule, remind_before=before)

    @intent("reminder.list", description="what is on: reminders, alarms, timers, events",
            slots=SLOTS, examples=examples.LIST, read_only=True)  # fmt: skip
    def list_reminders(self, req: Request) -> Reply:
        """Say what is scheduled, for a day, a week or a moment ("am I free at 6")."""
        now = self._now()
        spec = parse(req.text, now)
        kind = kind_asked(req.text)
        book = self.service.book
        span = window(spec) if spec and not spec.error else None
        if span:
            pairs = [(e, when) for e, when in book.between(*span) if not kind or e.kind == kind]
        else:
            pairs = [(e, e.next) for e in book.entries(kind=kind) if e.next]
        if "free" in req.text.lower() or "busy" in req.text.lower():
            return _free_or_busy(pairs, span, now)
        noun = f"{kind}s" if kind else "things"
        if not pairs:
            where = f" {spec.text}" if span and spec else ""
            return Reply(
                text=f"You have no {noun} scheduled{where}.",
                data={"status": "empty", "entries": []},
            )
        shown = pairs[:_MAX_SHOWN]
        one_day = bool(span and spec and spec.grain in {"day", "hour", "minute"})
        lines = [_line(entry, when, now, one_day) for entry, when in shown]
        more = f" …and {len(pairs) - len(shown)} more." if len(pairs) > len(shown) else ""
        head = f"You have {len(pairs)} {noun if len(pairs) != 1 else noun.rstrip('s')}"
        head += f" {spec.text}" if span and spec else " coming up"
        return Reply(
            text=f"{head}: " + "; ".join(lines) + "." + more,
            data={
                "status": "listed",
                "entries": [{**e.as_json(), "occurrence": w.isoformat()} for e, w in pairs[:200]],
            },
        )

    @intent("reminder.cancel", description="cancel reminders, alarms, timers or events",
            slots=SLOTS, examples=examples.CANCEL)  # fmt: skip
    def cancel(self, req: Request) -> Reply:
        """Cancel one entry, or several after a yes."""
        now = self._now()
        targets = self._targets(req, now)
        if isinstance(targets, Reply):
            return targets
        if len(targets) > 1 and wants_all(req.text) and not req.confirmed:
            listing = "; ".join(describe(e, now) for e in targets[:5])
            return Reply.asking(confirm(f"Cancel all {len(targets)} of these: {listing}?",
                                        declined="OK, I kept them all."))  # fmt: skip
        if len(targets) > 1 and not wants_all(req.text):
            return _which(targets, now, "Which one should I cancel?")
        self.service.book.cancel(e.id for e in targets)
        self.service.changed()
        said = describe(targets[0], now) if len(targets) == 1 else f"{len(targets)} entries"
        return Reply(
            text=f"Cancelled {said}.",
            data={"status": "cancelled", "ids": [e.id for e in targets]},
            actions=[{"type": "reminder.cancel", "id": e.id} for e in targets],
        )

    @intent("reminder.snooze", description="snooze the reminder or alarm that just went off",
            slots=SLOTS, examples=examples.SNOOZE)  # fmt: skip
    def snooze(self, req: Request) -> Reply:
        """Snooze what was just delivered (or the one named) for a while."""
        now = self._now()
        spec = parse(req.text, now)
        book = self.service.book
        target = book.last_delivered()
        if target is None:
            return Reply(text="Nothing has gone off to snooze.", data={"status": "nothing"})
        if spec is not None and spec.duration:
            until = now + spec.duration
        elif spec is not None and spec.start and not spec.error:
            until = spec.start
        else:
            until = now + timedelta(minutes=self.context.config.reminders.snooze_minutes)
        book.snooze(target.id, until)
        self.service.changed()
        return Reply(
            text=f"Snoozed {target.title} until {clock_words(until)}.",
            data={"status": "snoozed", "id": target.id, "until": until.isoformat()},
            actions=[{"type": "reminder.snooze", "id": target.id, "until": until.isoformat()}],
        )

    @intent("reminder.change", description="move a reminder or event to another time",
            slots=SLOTS, examples=examples.CHANGE)  # fmt: skip
    def change(self, req: Request) -> Reply:
        """Move an entry to a new time, keeping its length."""
        now = self._now()
        targets = self._targets(req, now, for_time=False)
        if isinstance(targets, Reply):
            return targets
        if len(targets) > 1:
            return _which(targets, now, "Which one should I move?")
        entry = targets[0]
        start = _new_start(req.answer or req.text, entry, now)
        if isinstance(start, Reply):
            return start
        if start is None:
            return Reply.asking(ask("when", f"When should {entry.title} be instead?"))
        entry = self.service.book.reschedule(entry, start, now)
        self.service.changed()
        return Reply(
            text=f"Moved {entry.title} to {when_words(entry.start, now).removeprefix('on ')}.",
            data={"status": "changed", "reminder": entry.as_json()},
            actions=[{"type": "reminder.change", "id": entry.id, "start": entry.start.isoformat()}],
        )

    def _targets(self, req: Request, now: datetime, for_time: bool = True) -> list[Entry] | Reply:
        chosen = req.slots.get("target")
        book = self.service.book
        if chosen:
            found = [e for e in book.entries() if _option(e, now) == chosen]
        else:
            spec = parse(req.text, now) if for_time else None
            found = matches(book, req.text, spec if spec and not spec.error else None, now)
        if found:
            return found
        kind = kind_asked(req.text) or "reminder"
        return Reply(text=f"I couldn't find a {kind} like that.", data={"status": "not_found"})


def spec_error(spec: TimeSpec | None) -> bool:
    return spec is not None and spec.error is not None


def _refuse(spec: TimeSpec) -> Reply:
    return Reply(text=f"I can't set that: {spec.error}.",
                 data={"status": "refused", "problem": spec.problem, "error": spec.error})  # fmt: skip


def _confirmation(entry: Entry, spec: TimeSpec, now: datetime) -> str:
    at = when_words(entry.start, now)
    repeat = f", {repeat_words(entry.rrule)}" if entry.rrule else ""
    if entry.kind == "timer":
        return f"Timer set for {spell_length(entry.start - now)}: it ends at {clock_words(entry.start)}."
    if entry.kind == "alarm":
        return f"Alarm set for {at}{repeat}."
    if entry.kind == "event":
        until = f" until {clock_words(entry.end)}" if entry.end and spec.grain != "day" else ""
        day = when_words(entry.start, now, with_time=spec.grain != "day")
        ahead = ""
        if entry.remind_before and entry.remind_before > timedelta(0):
            ahead = (
                f"; I'll remind you {int(entry.remind_before.total_seconds() // 60)} minutes before"
            )
        return f"Added {entry.title} {day}{until}{repeat}{ahead}."
    return f"OK, I'll remind you to {entry.title} {at}{repeat}."


def _line(entry: Entry, when: datetime, now: datetime, one_day: bool) -> str:
    day = "" if one_day else f"{when:%a} {when.day} {when:%b} "
    said = f"{day}{clock_words(when)} {entry.title}"
    if entry.kind == "timer":
        left = when - now
        said = f"{entry.title}: {spell_length(timedelta(seconds=max(0, int(left.total_seconds()))))} left"
    elif entry.end:
        said += f" (until {clock_words(entry.end + (when - entry.start))})"
    elif entry.kind != "reminder":
        said += f" ({entry.kind})"
    return said


def _free_or_busy(pairs: list[tuple[Entry, datetime]], span: tuple[datetime, datetime] | None,
                  now: datetime) -> Reply:  # fmt: skip
    events = [(e, w) for e, w in pairs if e.kind == "event"]
    when = f" {when_words(span[0], now)}" if span else ""
    if not events:
        return Reply(text=f"Yes, you're free{when}.", data={"status": "free", "entries": []})
    busy = "; ".join(f"{e.title} {clock_words(w)}" for e, w in events[:5])
    return Reply(text=f"No, you have {busy}.",
                 data={"status": "busy", "entries": [e.as_json() for e, _ in events]})  # fmt: skip


def _option(entry: Entry, now: datetime) -> str:
    return f"{entry.title} {when_words(entry.next or entry.start, now)}"


def _which(targets: list[Entry], now: datetime, text: str) -> Reply:
    options = [_option(e, now) for e in targets[:5]]
    return Reply.asking(choose("target", text, options), data={"status": "asking"})


def _new_start(text: str, entry: Entry, now: datetime) -> datetime | Reply | None:
    spec = parse(text, now)
    if spec is None:
        return None
    if spec.error:
        return Reply(text=f"I can't move it there: {spec.error}.", data={"status": "refused"})
    if entry.kind == "timer" and spec.duration:
        return now + spec.duration
    if spec.duration and any(w in text.lower() for w in ("later", "back", "delay", "push")):
        return (entry.next or entry.start) + spec.duration
    if spec.duration and any(w in text.lower() for w in ("earlier", "forward", "sooner")):
        return (entry.next or entry.start) - spec.duration
    if spec.start and not spec.day_said and spec.grain == "minute":
        day = (entry.next or entry.start).astimezone(spec.start.tzinfo)
        moved = day.replace(hour=spec.start.hour, minute=spec.start.minute)
        return moved if moved > now else spec.start  # "move the dentist to 4pm": same day
    return spec.start
