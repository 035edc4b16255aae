"""`assistant say TEXT [--wav FILE]`: speak a line with the configured engine, or save it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.cli.commands import CommandLine
from assistant.cli.output import emit

if TYPE_CHECKING:
    from assistant.core import Assistant


def register(cli: CommandLine) -> None:
    say = cli.command("say", "speak TEXT aloud with espeak-ng, or save it as a WAV file", run)
    say.add_argument("text", help="what to say")
    say.add_argument("--wav", type=Path, metavar="FILE", help="write the speech to FILE instead")


def run(args: argparse.Namespace, assistant: Assistant) -> int:
    from assistant.speech import Speech

    configured = assistant.services.get("speech")
    # `say` speaks even when replies are not spoken: it was asked to.
    speech = (
        configured if configured.enabled else Speech("espeak-ng", configured.voice, configured.rate)
    )
    if args.wav:
        data = speech.wav(args.text)
        args.wav.write_bytes(data)
        emit(args, {"wav": str(args.wav), "bytes": len(data)}, f"wrote {args.wav}")
    else:
        speech.say_now(args.text)
        emit(args, {"said": args.text}, "")
    return 0
