"""`assistant reminders [import FILE.ics | export [FILE] | cancel ID | daemon]`: what is
scheduled, iCalendar in and out, and delivery with no shell open.

An import takes or refuses each event on its own, lists every refusal with the event and
why, and writes the events taken in one transaction (IMPORT_HELP says what it decides)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli.commands import CommandLine
from assistant.cli.numbers import record_id
from assistant.cli.output import add_json_command, emit

if TYPE_CHECKING:
    from assistant.core import Assistant

IMPORT_HELP = """add the events of an iCalendar (.ics) file

Each event is imported or refused on its own; each refused one is listed with its SUMMARY
(else its UID) and why. The events imported are written in one transaction: an import that
fails or is stopped midway stores none of them. Importing a file again is safe: an event
already here (same UID) is updated to what the file says, or left alone; a cancel made here
stands. Exit status 1 only when the file as a whole cannot be read as iCalendar.

Within one file: two events with one UID keep the later by SEQUENCE, then DTSTAMP, and
refuse the other (one that neither orders is refused, the first kept); one with a
RECURRENCE-ID changes that occurrence of its series. An event with two DTSTART (or DTEND,
DURATION, RECURRENCE-ID) lines is refused, since which one was meant cannot be told; of
other repeated properties the first is taken, with a note. RRULE RSCALE=GREGORIAN is
RFC 5545's own calendar; other scales are refused. An all-day event that ends on its start
day lasts that day. RDATE dates (and PERIOD starts) are occurrences too."""


def register(cli: CommandLine) -> None:
    reminders = cli.command("reminders", "reminders, alarms, timers and events", run)
    reminders.add_argument("--all", action="store_true", help="include done and cancelled ones")
    reminders.add_argument("--now", help="the time to list from, ISO (for scripts and tests)")
    sub = reminders.add_subparsers(dest="reminders_command", metavar="REMINDERS_COMMAND")
    imported = add_json_command(sub, "import", "add the events of an iCalendar (.ics) file")
    imported.description = IMPORT_HELP
    imported.formatter_class = argparse.RawDescriptionHelpFormatter
    imported.add_argument("file", type=Path)
    exported = add_json_command(sub, "export", "write every entry as iCalendar (.ics)")
    exported.add_argument("file", type=Path, nargs="?", help="default: standard output")
    cancel = add_json_command(sub, "cancel", "cancel entries by id")
    cancel.add_argument("ids", type=record_id, nargs="+")
    add_json_command(sub, "daemon", "deliver reminders as they come due, until stopped")


def run(args: argparse.Namespace, assistant: Assistant) -> int:
    service = assistant.services.get("reminders")
    command = args.reminders_command
    if command == "import":
        return _import(args, service, assistant)
    if command == "export":
        return _export(args, service)
    if command == "cancel":
        count = service.book.cancel(args.ids)
        emit(args, {"cancelled": count}, f"cancelled {count} of {len(args.ids)}")
        return 0 if count == len(args.ids) else 1
    if command == "daemon":
        return _daemon(args, service, assistant)
    return _list(args, service, assistant)


def _list(args: argparse.Namespace, service: Any, assistant: Assistant) -> int:
    entries = service.book.entries(status=None if args.all else "active")
    rows = [e.as_json() for e in entries]
    emit(args, rows, lambda: _table(rows) or "nothing scheduled")
    return 0


def _table(rows: list[dict[str, Any]]) -> str:
    lines = []
    for row in rows:
        moment = (row["next"] or row["start"])[:16].replace("T", " ")
        repeat = f"  [{row['rrule']}]" if row["rrule"] else ""
        lines.append(
            f"{row['id']:>5}  {moment}  {row['kind']:<8} {row['status']:<9} {row['title']}{repeat}"
        )
    return "\n".join(lines)


def _import(args: argparse.Namespace, service: Any, assistant: Assistant) -> int:
    from assistant.reminders.importer import import_file

    report = import_file(service.book, args.file, assistant.services.clock.now())
    service.changed()
    emit(args, report.as_json(), lambda: "\n".join(report.lines()))
    return 0


def _export(args: argparse.Namespace, service: Any) -> int:
    from assistant.reminders.ics import export_ics

    data = export_ics(service.book.entries(status=None))
    if args.file:
        args.file.write_bytes(data)
        emit(args, {"file": str(args.file), "bytes": len(data)}, f"wrote {args.file}")
    else:
        sys.stdout.buffer.write(data)
    return 0


def _daemon(args: argparse.Namespace, service: Any, assistant: Assistant) -> int:
    from assistant.reminders.delivery import printer

    def line(text: str) -> None:
        print(text, flush=True)

    service.delivery.add("stdout", printer(line) if not args.json else _json_line)
    assistant.services.get("speech").attach(service)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    if not args.json:
        print(f"delivering reminders; {service.desktop.status}; Ctrl-C to stop", flush=True)
    service.start()
    stop.wait()
    service.close()
    return 0


def _json_line(notice: Any) -> None:
    import json

    print(json.dumps(notice.as_dict(), ensure_ascii=False), flush=True)
