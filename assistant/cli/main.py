"""`assistant` command line: the REPL by default, one-shot subcommands with --json. Every
command group registers itself through the command hook (`assistant.cli.commands`)."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING

from assistant import __version__, plugins
from assistant.cli.commands import CommandLine
from assistant.errors import AssistantError, InputError
from assistant.registry import LoadFailure

if TYPE_CHECKING:
    from assistant.nlu.preload import ModelPreload

log = logging.getLogger("assistant")


def build_parser() -> tuple[argparse.ArgumentParser, CommandLine]:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="A local-first assistant. With no command it starts the interactive shell.",
        epilog="Data lives in $ASSISTANT_HOME (default: your user data dir). "
        'Try: assistant ask "remind me to call mom at 5"',
    )
    parser.add_argument("--version", action="version", version=f"assistant {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    cli = CommandLine(parser.add_subparsers(dest="command", metavar="COMMAND"))
    hooks, cli.failures = plugins.load_callables(plugins.COMMANDS)
    for name, register in hooks.items():
        try:
            register(cli)
        except Exception as exc:  # a plugin's broken commands must not take the CLI down
            cli.failures.append(LoadFailure(name, f"{type(exc).__name__}: {exc}"))
    return parser, cli


def main(argv: list[str] | None = None, preload: ModelPreload | None = None) -> int:
    parser, cli = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    for failure in cli.failures:
        log.warning("commands not loaded: %s: %s", failure.source, failure.error)
    try:
        return run(args, cli, preload)
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


def run(args: argparse.Namespace, cli: CommandLine, preload: ModelPreload | None = None) -> int:
    name = args.command or "repl"
    command = cli.commands.get(name)
    if command is None:
        raise InputError(f"the {name!r} command is not available (see `assistant --help`)")
    if not command.needs_assistant:
        return command.run(args, None) or 0  # type: ignore[arg-type]
    from assistant.core import Assistant
    from assistant.services import FixedClock, parse_now

    now = getattr(args, "now", None)
    assistant = Assistant.open(clock=FixedClock(parse_now(now)) if now else None, preload=preload)
    try:
        return command.run(args, assistant) or 0
    finally:
        assistant.close()


if __name__ == "__main__":
    sys.exit(main())
