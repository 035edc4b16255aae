"""The command hook: every command group, built-in or a plugin's, registers itself through
the `assistant.commands` entry-point group with a `register(cli: CommandLine)` function."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.cli.output import add_json_command
from assistant.registry import LoadFailure

if TYPE_CHECKING:
    from assistant.core import Assistant

Run = Callable[[argparse.Namespace, "Assistant"], int | None]


@dataclass
class Command:
    name: str
    run: Run  # returns the exit status (None = 0)
    needs_assistant: bool = True  # False: runs before config, store and skills are opened


@dataclass
class CommandLine:
    """What a `register` hook adds its commands to."""

    subparsers: Any  # argparse's subparsers action of the `assistant` parser
    commands: dict[str, Command] = field(default_factory=dict)
    failures: list[LoadFailure] = field(default_factory=list)

    def command(
        self, name: str, help_text: str, run: Run, needs_assistant: bool = True
    ) -> argparse.ArgumentParser:
        """Add `assistant NAME` (with --json); returns its parser for arguments and subcommands."""
        if name in self.commands:
            raise ValueError(f"a command named {name!r} is already registered")
        parser = add_json_command(self.subparsers, name, help_text)
        self.commands[name] = Command(name, run, needs_assistant)
        return parser
