"""`assistant` command line: the REPL by default, one-shot subcommands with --json."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.errors import AssistantError, InputError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="A local-first assistant. With no command it starts the interactive shell.",
        epilog="Data lives in $ASSISTANT_HOME (default: your user data dir). "
        'Try: assistant ask "remind me to call mom at 5"',
    )
    parser.add_argument("--version", action="version", version=f"assistant {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return add_command(commands, name, help_text)

    ask = add("ask", "answer one request and exit")
    ask.add_argument("text", help='the request, e.g. "turn on the desk lamp"')
    add("repl", "start the interactive shell (the default)")
    skills = add("skills", "list installed skills, their intents and example counts")
    skills.add_argument("name", nargs="?", help="show one skill's example sentences")
    log = add("log", "show recent turns from the turn log")
    log.add_argument("-n", "--limit", type=int, default=20, help="how many turns (default 20)")
    add("config", "print the effective configuration")

    train = add(
        "train", "train the intent model on every skill's examples, evaluate it, save a version"
    )
    train.add_argument(
        "--method",
        choices=["lora", "full", "head"],
        default="lora",
        help="LoRA adapters (default), full fine-tune, or a head on frozen embeddings",
    )
    train.add_argument("--epochs", type=int, help="passes over the data (default from TrainConfig)")
    train.add_argument(
        "--if-stale",
        action="store_true",
        help="only train when no model exists or the skills' examples changed",
    )
    train.add_argument(
        "--no-promote", action="store_true", help="save the version without using it"
    )

    add(
        "finetune",
        "learn from the recorded corrections; promoted only if it passes the evaluation gate",
    )

    feedback = commands.add_parser("feedback", help="corrections: list (default), add, undo")
    feedback.add_argument("--json", action="store_true", help="print machine-readable JSON")
    feedback.add_argument("--all", action="store_true", help="include withdrawn corrections")
    feedback_commands = feedback.add_subparsers(dest="feedback_command", metavar="FEEDBACK_COMMAND")
    listing = feedback_commands.add_parser("list", help="corrections recorded so far")
    listing.add_argument("--json", action="store_true", help="print machine-readable JSON")
    listing.add_argument("--all", action="store_true", help="include withdrawn corrections")
    adding = feedback_commands.add_parser("add", help="record the right intent of a logged turn")
    which = adding.add_mutually_exclusive_group(required=True)
    which.add_argument("--turn", type=int, help="the turn id (see `assistant log`)")
    which.add_argument("--last", action="store_true", help="the most recent turn")
    adding.add_argument("label", help="the intent that was right, e.g. reminder.create")
    adding.add_argument("--json", action="store_true", help="print machine-readable JSON")
    undo = feedback_commands.add_parser("undo", help="withdraw a correction recorded by mistake")
    undo.add_argument("id", type=int, help="the correction id from `assistant feedback`")
    undo.add_argument("--json", action="store_true", help="print machine-readable JSON")

    models = commands.add_parser("models", help="trained model versions: list, promote, rollback")
    models_commands = models.add_subparsers(dest="models_command", metavar="MODELS_COMMAND")
    for name, text in (
        ("list", "every version with its metrics (the default)"),
        ("promote", "use VERSION from now on"),
        ("rollback", "go back to the previously promoted version"),
    ):
        sub = models_commands.add_parser(name, help=text)
        sub.add_argument("--json", action="store_true", help="print machine-readable JSON")
        if name == "promote":
            sub.add_argument("version", help="a version name from `assistant models list`, e.g. v2")
    models.add_argument("--json", action="store_true", help="print machine-readable JSON")

    nlu = commands.add_parser("nlu", help="intent model tools: predict, eval")
    nlu_commands = nlu.add_subparsers(dest="nlu_command", metavar="NLU_COMMAND", required=True)
    predict = nlu_commands.add_parser(
        "predict", help="predict the intent of a text or a file of texts"
    )
    predict.add_argument("text", nargs="?", help="one utterance")
    predict.add_argument("--file", type=Path, help="JSONL file whose rows have a 'text' field")
    predict.add_argument("--json", action="store_true", help="one JSON object per input")
    evaluate = nlu_commands.add_parser(
        "eval", help="score the intent model on a labelled JSONL file"
    )
    evaluate.add_argument("file", type=Path, help='JSONL rows {"text": ..., "label": ...}')
    evaluate.add_argument("--json", action="store_true", help="print the metrics as JSON")

    from assistant import knowledge_commands

    knowledge_commands.add_parsers(commands)
    return parser


def add_command(commands: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    """A subcommand that takes --json, like every command here."""
    sub: argparse.ArgumentParser = commands.add_parser(name, help=help_text, description=help_text)
    sub.add_argument("--json", action="store_true", help="print machine-readable JSON")
    return sub


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return run(args)
    except AssistantError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `assistant log | head` closed the pipe: not an error
        sys.stderr.close()
        return 0


def run(args: argparse.Namespace) -> int:
    from assistant.core import Assistant

    if args.command == "config":
        from assistant import config

        effective = config.load().as_dict()
        emit(args, effective, lambda: _format_config(effective))
        return 0

    assistant = Assistant.open()
    try:
        if args.command in (None, "repl"):
            from assistant.repl import Repl

            Repl(assistant).run()
        elif args.command == "ask":
            from assistant.session import Session

            turn = assistant.handle(args.text, Session())
            emit(args, turn.as_json(), lambda: turn.reply.text)
            return 1 if turn.kind == "error" else 0
        elif args.command == "skills":
            from assistant import render

            emit(
                args, _skills_json(assistant), lambda: render.skills(assistant.registry, args.name)
            )
        elif args.command == "log":
            from assistant import render

            rows = assistant.store.recent_turns(args.limit)
            emit(args, [row.as_dict() for row in rows], lambda: render.log_rows(rows))
        elif args.command == "feedback":
            from assistant import feedback_commands

            return feedback_commands.run(args, assistant)
        elif args.command in ("train", "models", "finetune"):
            from assistant import model_commands

            return getattr(model_commands, args.command)(args, assistant)
        elif args.command == "nlu":
            from assistant import nlu_commands

            return nlu_commands.run(args, assistant)
        elif args.command in ("ingest", "knowledge"):
            from assistant import knowledge_commands

            if args.command == "ingest":
                return knowledge_commands.ingest(args, assistant)
            return knowledge_commands.run(args, assistant)
    finally:
        assistant.close()
    return 0


def emit(args: argparse.Namespace, data: Any, human: Any) -> None:
    """Print JSON with --json, else the human rendering (a zero-argument callable)."""
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, default=str))
    else:
        print(human())


def _skills_json(assistant: Any) -> dict[str, Any]:
    registry = assistant.registry
    return {
        "skills": [
            {
                "name": name,
                "description": skill.description(),
                "intents": [
                    {"name": s.name, "description": s.description, "examples": len(s.examples)}
                    for s in skill.intent_specs()
                ],
            }
            for name, skill in registry.skills.items()
        ],
        "failures": [f.__dict__ for f in registry.failures],
    }


def _format_config(effective: dict[str, dict[str, Any]]) -> str:
    lines = []
    for section, values in effective.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in values.items())
        lines.append("")
    return "\n".join(lines).rstrip()


def read_jsonl(path: Path, required: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows of a JSONL file; a bad line is a one-line error naming the line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from None
        missing = [key for key in required if not isinstance(row, dict) or key not in row]
        if missing:
            raise InputError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
        rows.append(row)
    if not rows:
        raise InputError(f"{path} has no rows")
    return rows


if __name__ == "__main__":
    sys.exit(main())
