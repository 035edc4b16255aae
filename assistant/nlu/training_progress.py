"""How far a training run is, in one small JSON file beside the model versions: the training
process writes it, and the shell reads it for its toolbar while the few-shot model answers.
The file names the training's process, so a reader can tell a live run from a dead one."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

FILE_NAME = "training.json"


@dataclass(frozen=True)
class TrainingProgress:
    stage: str  # starting, training, saving, done, failed
    done: int = 0  # optimiser steps taken
    total: int = 0  # optimiser steps in the run
    pid: int = 0  # the training process
    started: float = 0.0  # time.time() when it started
    message: str = ""  # the version trained, or why it failed

    @property
    def finished(self) -> bool:
        return self.stage in {"done", "failed"}

    def alive(self) -> bool:
        """The training process is still running (a crashed one leaves a stale file)."""
        if self.finished or self.pid <= 0:
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def words(self) -> str:
        """The toolbar's line: "training the intent model: 37%, about 4 min left"."""
        if self.stage == "training" and self.total:
            share = self.done / self.total
            left = ""
            elapsed = time.time() - self.started
            if share > 0.02 and elapsed > 0:
                minutes = max(1, round(elapsed * (1 - share) / share / 60))
                left = f", about {minutes} min left"
            return f"training the intent model: {share:.0%}{left}"
        if self.stage == "saving":
            return "training the intent model: evaluating and saving"
        return "training the intent model: starting"


def progress_file(models_dir: Path) -> Path:
    return models_dir / FILE_NAME


def write_progress(path: Path, progress: TrainingProgress) -> None:
    """Replace the file whole, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(progress)), encoding="utf-8")
    tmp.replace(path)


def read_progress(path: Path) -> TrainingProgress | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return TrainingProgress(**data)
    except (OSError, ValueError, TypeError):
        return None
