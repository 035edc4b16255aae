"""`assistant reminders [import FILE.ics | export [FILE] | cancel ID | daemon]`: what is
scheduled, iCalendar in and out, and delivery with no shell open."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli.commands import CommandLine
from assistant.cli.output import add_json_command, emit
from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.core import Assistant


def register(cli: CommandLine) -> None:
    reminders = cli.command("reminders", "reminders, alarms, timers and events", run)
    reminders.add_argument("--all", action="store_true", help="include done and cancelled ones")
    reminders.add_argument("--now", help="the time to list from, ISO (for scripts and tests)")
    sub = reminders.add_subparsers(dest="reminders_command", metavar="REMINDERS_COMMAND")
    imported = add_json_command(sub, "import", "add the events of an iCalendar (.ics) file")
    imported.add_argument("file", type=Path)
    exported = add_json_command(sub, "export", "write every entry as iCalendar (.ics)")
    exported.add_argument("file", type=Path, nargs="?", help="default: standard output")
    cancel = add_json_command(sub, "cancel", "cancel entries by id")
    cancel.add_argument("ids", type=int, nargs="+")
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
    from assistant.reminders.ics import import_ics

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {args.file}: {exc.strerror}") from None
    now = assistant.services.clock.now()
    assert now.tzinfo is not None
    try:
        result = import_ics(data, zone=now.tzinfo)
    except ValueError as exc:
        raise InputError(f"{args.file}: {exc}") from None
    known = {e.uid for e in service.book.entries(status=None)}
    added = [service.book.add(e, now) for e in result.entries if e.uid not in known]
    service.changed()
    skipped = result.skipped + [
        f"{e.title!r} is already here" for e in result.entries if e.uid in known
    ]
    report = {"added": len(added), "skipped": skipped}
    emit(
        args,
        report,
        lambda: "\n".join([f"added {len(added)}", *(f"skipped: {s}" for s in skipped)]),
    )
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
