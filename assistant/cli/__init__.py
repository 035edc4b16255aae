"""The command line: one module per command group, one output helper, one command hook."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """`assistant`. A command that will route text starts loading the intent model first,
    so ONNX Runtime starts while the command line, the store and the skills load."""
    from assistant import paths
    from assistant.nlu.preload import ModelPreload

    arguments = sys.argv[1:] if argv is None else argv
    preload = ModelPreload.for_command_line(arguments, paths.home() / "models")
    try:
        from assistant.cli.main import main as run

        return run(argv, preload)
    finally:
        if preload is not None:
            preload.wait()


__all__ = ["main"]
