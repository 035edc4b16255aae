"""`assistant feedback [list|add|undo]`: the corrections the model will learn from."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING, Any

from assistant.cli.commands import CommandLine
from assistant.cli.numbers import record_id
from assistant.cli.output import add_json_command, emit
from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.core import Assistant


def register(cli: CommandLine) -> None:
    feedback = cli.command("feedback", "corrections: list (default), add, undo", run)
    feedback.add_argument("--all", action="store_true", help="include withdrawn corrections")
    sub = feedback.add_subparsers(dest="feedback_command", metavar="FEEDBACK_COMMAND")
    listing = add_json_command(sub, "list", "corrections recorded so far")
    listing.add_argument("--all", action="store_true", help="include withdrawn corrections")
    adding = add_json_command(sub, "add", "record the right intent of a logged turn")
    which = adding.add_mutually_exclusive_group(required=True)
    which.add_argument("--turn", type=record_id, help="the turn id (see `assistant log`)")
    which.add_argument("--last", action="store_true", help="the most recent turn")
    adding.add_argument("label", help="the intent that was right, e.g. reminder.create")
    undo = add_json_command(sub, "undo", "withdraw a correction recorded by mistake")
    undo.add_argument("id", type=record_id, help="the correction id from `assistant feedback`")


def run(args: argparse.Namespace, assistant: Assistant) -> int:
    from assistant.dialogue.session import Session

    store = assistant.store
    if args.feedback_command == "add":
        turn_id = args.turn
        if args.last:
            recent = [row for row in store.recent_turns(50) if row.parent_id is None and row.intent]
            if not recent:
                raise InputError("there is no turn to correct yet")
            turn_id = recent[-1].id
        if turn_id is None:
            raise InputError("say which turn: --turn ID or --last")
        redo = assistant.correct(turn_id, args.label, Session(), source="cli")
        emit(
            args,
            {"turn_id": turn_id, "label": args.label, "reply": redo.reply.text},
            f"Recorded: turn {turn_id} was {args.label}.",
        )
    elif args.feedback_command == "undo":
        turn_id = store.undo_feedback(args.id)
        emit(
            args,
            {"undone": args.id, "turn_id": turn_id},
            f"Correction {args.id} withdrawn (turn {turn_id}).",
        )
    else:
        rows = store.feedback(include_undone=args.all)
        emit(args, rows, lambda: _listing(rows))
    return 0


def _listing(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return 'No corrections yet. Use /wrong in the shell, or say "no, I meant …".'
    lines = []
    for row in rows:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(row["ts"]))
        undone = "  (undone)" if row["undone"] else ""
        lines.append(
            f"{row['id']:>4} {when} turn {row['turn_id']:<5} {row['predicted'] or '-':<16} → "
            f"{row['label']:<16} {row['text'][:60]!r} [{row['source']}]{undone}"
        )
    return "\n".join(lines)
