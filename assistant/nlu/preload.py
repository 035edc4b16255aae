"""The trained intent model, loaded on a thread of its own from the first moment of a process
that is going to route text (`ask`, the shell), so that starting ONNX Runtime overlaps the
rest of start-up (the command line, the store, the skills) on a second core."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.nlu.trained import TrainedModel
    from assistant.nlu.versions import ModelVersion

ROUTING_COMMANDS = {None, "ask", "repl"}  # None: no command given, the shell


class ModelPreload:
    def __init__(self, models_dir: Path, one_shot: bool = False):
        self._one_shot = one_shot  # one prediction, then the process ends (`ask`)
        self._model: TrainedModel | None = None
        self._version = ""
        self._thread = threading.Thread(
            target=self._load, args=(models_dir,), name="model-preload", daemon=True
        )
        self._thread.start()

    @classmethod
    def for_command_line(cls, argv: Sequence[str], models_dir: Path) -> ModelPreload | None:
        """A preload when the command about to run routes text and a trained model exists."""
        if any(a in {"-h", "--help"} for a in argv):
            return None
        words = [a for a in argv if not a.startswith("-")]
        command = words[0] if words else None
        if command not in ROUTING_COMMANDS or not (models_dir / "CURRENT").exists():
            return None
        return cls(models_dir, one_shot=command == "ask")

    def _load(self, models_dir: Path) -> None:
        try:
            from assistant.nlu.trained import TrainedModel
            from assistant.nlu.versions import ModelStore

            current = ModelStore(models_dir).current()
            if current is not None:
                self._model = TrainedModel(current, one_shot=self._one_shot)
                self._version = current.name
        except Exception:  # the ordinary load on the main thread reports it
            self._model = None

    def take(self, version: ModelVersion) -> TrainedModel | None:
        """The model loaded ahead, if it is `version` (a promotion since makes it stale)."""
        self._thread.join()
        model, self._model = self._model, None
        return model if model is not None and self._version == version.name else None

    def wait(self) -> None:
        """Let the loading thread finish before the process exits."""
        self._thread.join()
