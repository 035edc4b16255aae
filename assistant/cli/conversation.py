"""`assistant` / `assistant repl` (the shell) and `assistant ask TEXT` (one turn)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from assistant.cli.commands import CommandLine
from assistant.cli.output import emit

if TYPE_CHECKING:
    from assistant.core import Assistant


def register(cli: CommandLine) -> None:
    ask = cli.command("ask", "answer one request and exit", _ask)
    ask.add_argument("text", help='the request, e.g. "turn on the desk lamp"')
    ask.add_argument(
        "--session",
        metavar="NAME",
        help="continue the conversation NAME (kept between runs), so a question asked back"
        " can be answered by the next `ask --session NAME`",
    )
    now_help = "take this as the current time, e.g. 2026-12-03T08:00 (scripts, tests)"
    ask.add_argument("--now", metavar="ISO", help=now_help)
    repl = cli.command("repl", "start the interactive shell (the default)", _repl)
    repl.add_argument("--now", metavar="ISO", help=now_help)


def _ask(args: argparse.Namespace, assistant: Assistant) -> int:
    from assistant.dialogue import sessions
    from assistant.dialogue.session import Session

    session = sessions.load(assistant.store, args.session) if args.session else Session()
    turn = assistant.handle(args.text, session)
    emit(args, turn.as_json(), turn.reply.text)
    return 1 if turn.kind == "error" else 0


def _repl(args: argparse.Namespace, assistant: Assistant) -> int:
    from assistant.cli.background_training import BackgroundTraining
    from assistant.cli.repl import Repl

    training = None
    if assistant.config.nlu.train_in_background and assistant.models is not None:
        training = BackgroundTraining(assistant, print)
    Repl(assistant, training=training).run()
    return 0
