"""The one way commands print: human text by default, JSON with --json."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any


def emit(args: argparse.Namespace, data: Any, human: str | Callable[[], str]) -> None:
    """Print `data` as JSON with --json, else the human text (or what a callable returns,
    so an expensive rendering is skipped under --json)."""
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, default=str))
    else:
        print(human() if callable(human) else human)


def add_json_command(subparsers: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    """A (sub)command that takes --json, like every command here."""
    sub: argparse.ArgumentParser = subparsers.add_parser(
        name, help=help_text, description=help_text
    )
    sub.add_argument("--json", action="store_true", help="print machine-readable JSON")
    return sub
