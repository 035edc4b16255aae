"""The command line: one module per command group, one output helper, one command hook."""

from assistant.cli.main import main

__all__ = ["main"]
