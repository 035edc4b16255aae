"""`assistant feedback [list|add|undo]`: the corrections the model will learn from."""

from __future__ import annotations

import argparse
import json
import time

from assistant.core import Assistant
from assistant.errors import InputError
from assistant.model_commands import say
from assistant.session import Session


def run(args: argparse.Namespace, assistant: Assistant) -> int:
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
        say(
            args,
            {"turn_id": turn_id, "label": args.label, "reply": redo.reply.text},
            f"Recorded: turn {turn_id} was {args.label}.",
        )
    elif args.feedback_command == "undo":
        turn_id = store.undo_feedback(args.id)
        say(
            args,
            {"undone": args.id, "turn_id": turn_id},
            f"Correction {args.id} withdrawn (turn {turn_id}).",
        )
    else:
        rows = store.feedback(include_undone=args.all)
        if args.json:
            print(json.dumps(rows))
        elif not rows:
            print('No corrections yet. Use /wrong in the shell, or say "no, I meant …".')
        else:
            for row in rows:
                when = time.strftime("%Y-%m-%d %H:%M", time.localtime(row["ts"]))
                undone = "  (undone)" if row["undone"] else ""
                print(
                    f"{row['id']:>4} {when} turn {row['turn_id']:<5} {row['predicted'] or '-':<16} → "
                    f"{row['label']:<16} {row['text'][:60]!r} [{row['source']}]{undone}"
                )
    return 0
