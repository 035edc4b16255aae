"""Training the intent model behind the shell: on a first run (or after a skill's examples
change) the shell starts `assistant train --if-stale` as a low-priority process of its own,
answers with the few-shot model meanwhile, shows the training's progress in its toolbar, and
switches to the trained model the moment it is promoted, saying so.

The training outlives the shell (a quick session does not waste it), and a shell started
while one runs watches that one instead of starting another."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from assistant.core import Assistant
from assistant.nlu.fingerprint import trained_on_current_examples
from assistant.nlu.training_progress import TrainingProgress, progress_file, read_progress

POLL_S = 1.0  # how often the watcher looks at the training process


def needs_training(assistant: Assistant) -> bool:
    """No trained model yet, or the skills' examples changed since it was trained."""
    if assistant.models is None:
        return False
    current = assistant.models.current()
    if current is None:
        return True
    return not trained_on_current_examples(assistant.registry, current.meta)


def train_command(progress: Path) -> list[str]:
    return [sys.executable, "-m", "assistant", "train", "--if-stale", "--progress-file",
            str(progress)]  # fmt: skip


class BackgroundTraining:
    def __init__(
        self,
        assistant: Assistant,
        echo: Callable[[str], None],
        command: Callable[[Path], list[str]] = train_command,
    ):
        assert assistant.models is not None
        self.assistant = assistant
        self.echo = echo
        self.command = command
        self.progress = progress_file(assistant.models.root)
        self.log = assistant.models.root / "training.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._watcher: threading.Thread | None = None

    def start(self) -> bool:
        """Start (or join) a training run when one is needed; True when one is under way."""
        if self._live():  # another shell started it: watch that one
            self._watch(self._live)
            return True
        if not needs_training(self.assistant):
            return False
        self.progress.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self._process = subprocess.Popen(
                self.command(self.progress),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # outlives the shell; Ctrl-C at the prompt spares it
            )
        process = self._process
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, process.pid, 10)  # typing and answering come first
        self._watch(lambda: process.poll() is None)
        return True

    def _live(self) -> bool:
        progress = read_progress(self.progress)
        return progress is not None and progress.alive()

    def status(self) -> str:
        """The toolbar's words while training runs, else ""."""
        if self._watcher is None or not self._watcher.is_alive():
            return ""
        progress = read_progress(self.progress)
        if progress is None or progress.finished:
            return "training the intent model: starting"
        return f"{progress.words()} (the few-shot model answers meanwhile)"

    def _watch(self, running: Callable[[], bool]) -> None:
        def watch() -> None:
            while running():
                time.sleep(POLL_S)
            self._finished(read_progress(self.progress))

        self._watcher = threading.Thread(target=watch, name="training-watcher", daemon=True)
        self._watcher.start()

    def _finished(self, progress: TrainingProgress | None) -> None:
        if progress is None or progress.stage != "done":
            why = f": {progress.message}" if progress and progress.message else ""
            self.echo(f"(training the intent model failed{why}; see {self.log})")
            return
        try:
            self.assistant.intents.model  # noqa: B018 (loads the promoted version now, not on the next turn)
        except Exception as exc:  # the next turn reports it too
            self.echo(f"(the trained intent model could not be loaded: {exc})")
            return
        self.echo(f"(switched to the trained intent model {progress.message})")
