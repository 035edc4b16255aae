"""The first run: the shell's prompt comes at once, the few-shot model answers while the
intent model trains behind it, the toolbar shows how far training is, and the shell switches
to the trained model when it is promoted, saying so."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from assistant.cli.background_training import BackgroundTraining, needs_training
from assistant.core import Assistant
from assistant.nlu.training_progress import progress_file, read_progress
from tests.helpers import wait_for
from tests.tmux import Tmux

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent

# Stands in for `assistant train` (six minutes here): reports progress, then promotes a
# version that was really trained (the suite's cached one), or fails.
FAKE_TRAINING = """
import os, shutil, sys, time
from pathlib import Path
from assistant.nlu.training_progress import TrainingProgress, write_progress
from assistant.nlu.versions import ModelStore
source, progress, outcome = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
started = time.time()
write_progress(progress, TrainingProgress("training", 40, 100, os.getpid(), started))
time.sleep(1.5)
if outcome == "fail":
    write_progress(progress, TrainingProgress("failed", 40, 100, os.getpid(), started, "out of memory"))
    sys.exit(1)
shutil.copytree(source, progress.parent / "v1")
ModelStore(progress.parent).promote("v1")
write_progress(progress, TrainingProgress("done", 100, 100, os.getpid(), started, "v1"))
"""


def _fake(source: Path, outcome: str):  # type: ignore[no-untyped-def]
    return lambda progress: [sys.executable, "-c", FAKE_TRAINING, str(source), str(progress),
                             outcome]  # fmt: skip


def test_the_shell_switches_to_the_trained_model_when_it_is_promoted(home, trained_home):
    assistant = Assistant.open(home, notify=lambda _: None)
    echoed: list[str] = []
    version = next(p for p in (trained_home / "models").iterdir() if p.name.startswith("v"))
    training = BackgroundTraining(assistant, echoed.append, _fake(version, "ok"))
    try:
        assert needs_training(assistant)
        assert type(assistant.load_model()).__name__ == "PrototypeModel"  # answers at once
        assert training.start()
        assert wait_for(lambda: "40%" in training.status(), 30)
        assert "the few-shot model answers meanwhile" in training.status()
        assert wait_for(lambda: any("switched" in line for line in echoed), 30)
        assert echoed == ["(switched to the trained intent model v1)"]
        assert type(assistant.model).__name__ == "TrainedModel"
        assert not needs_training(assistant)
        assert training.status() == ""
        assert not training.start()  # nothing to do on the next start
    finally:
        assistant.close()


def test_a_failed_training_is_said_and_the_few_shot_model_stays(home, trained_home):
    assistant = Assistant.open(home, notify=lambda _: None)
    echoed: list[str] = []
    training = BackgroundTraining(assistant, echoed.append, _fake(trained_home, "fail"))
    try:
        assistant.load_model()
        assert training.start()
        assert wait_for(lambda: bool(echoed), 30)
        assert echoed[0].startswith("(training the intent model failed: out of memory; see ")
        assert type(assistant.model).__name__ == "PrototypeModel"
    finally:
        assistant.close()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux missing: `make test` installs it")
def test_a_first_run_has_a_prompt_at_once_and_trains_behind_it(home):
    """`make run` after the install (`-o` takes the install as done), in tmux, on a fresh
    home: the real `assistant train` starts behind the shell; the test stops it once its
    progress shows (a whole first run is measured by bench/startup.py, not here)."""
    env = {"ASSISTANT_HOME": str(home), "ASSISTANT_CACHE": os.environ["ASSISTANT_CACHE"],
           "TERM": "xterm-256color", "PATH": os.environ["PATH"]}  # fmt: skip
    started = time.monotonic()
    tmux = Tmux(["make", "-s", "-C", str(REPO), "-o", ".venv/.installed", "run",
                 f"BIN={Path(sys.executable).parent}"], env)  # fmt: skip
    progress = progress_file(home / "models")
    try:
        tmux.wait_for("›", timeout=10)
        assert time.monotonic() - started < 10
        tmux.wait_for("training the intent model in the background", timeout=10)
        tmux.wait_for("the few-shot model answers meanwhile", timeout=10)  # the toolbar
        tmux.type_line("hello")
        tmux.wait_for("Hello! What can I do for you?", timeout=30)
        assert wait_for(lambda: (p := read_progress(progress)) is not None and p.alive(), 120)
    finally:
        tmux.close()
        _kill_training(progress)  # it outlives the shell by design


def _kill_training(progress: Path) -> None:
    """End every process training towards `progress`, found by its command line."""
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(progress).encode() in command and proc.name.isdigit():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(proc.name), signal.SIGKILL)
