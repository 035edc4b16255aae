"""`assistant time parse "TEXT" [--now ISO] [--tz ZONE]`: what a time expression means."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from assistant import config as config_module
from assistant.cli.commands import CommandLine
from assistant.cli.output import add_json_command, emit
from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.core import Assistant


def register(cli: CommandLine) -> None:
    time = cli.command("time", "time tools: parse", run, needs_assistant=False)
    sub = time.add_subparsers(dest="time_command", metavar="TIME_COMMAND", required=True)
    parse = add_json_command(sub, "parse", "show the moment, range or repeat a text means")
    parse.add_argument("text", help='e.g. "every other monday at 9"')
    parse.add_argument("--now", help="the reference time, ISO (default: now)")
    parse.add_argument("--tz", help="IANA time zone (default: [time] zone, else the system's)")


def run(args: argparse.Namespace, assistant: Assistant | None) -> int:
    from assistant.services import parse_now
    from assistant.timeparse import parse
    from assistant.timezone import user_zone, zone_named

    zone = zone_named(args.tz) if args.tz else user_zone(config_module.load().time.zone)
    if args.now:
        now = parse_now(args.now)
        now = now.replace(tzinfo=zone) if now.tzinfo is None else now.astimezone(zone)
    else:
        from datetime import datetime

        now = datetime.now(zone)
    if not args.text.strip():
        raise InputError('give a text with a time in it, e.g. "tomorrow at 5pm"')
    spec = parse(args.text, now)
    result = {"text": args.text, **(spec.as_json() if spec else _nothing())}
    result["said"] = spec.text if spec else ""
    emit(args, result, lambda: _human(result))
    return 0 if spec and not spec.error else 1


def _nothing() -> dict[str, str | None]:
    keys = ("start", "end", "grain", "rrule")
    return {**dict.fromkeys(keys), "error": "no time found"}


def _human(result: dict[str, str | None]) -> str:
    if result["error"]:
        return f"error: {result['error']}"
    lines = [f"{key:<6} {result[key]}" for key in ("start", "end", "grain", "rrule") if result[key]]
    return "\n".join(lines)
