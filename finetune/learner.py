"""The `learner` service: with `[learning] auto_finetune_after = N`, fine-tune on a background
thread once N corrections no version has learned from are recorded."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.core import Assistant


class BackgroundLearner:
    def __init__(self, services: Any = None):
        self._busy = threading.Lock()  # held while a fine-tune runs

    def corrections_recorded(self, assistant: Assistant) -> None:
        after = assistant.config.learning.auto_finetune_after
        if after <= 0 or assistant.models is None or assistant.models.current() is None:
            return
        if self._busy.locked() or len(assistant.unused_corrections()) < after:
            return
        threading.Thread(target=self._run, args=(assistant,), name="finetune", daemon=True).start()

    def _run(self, assistant: Assistant) -> None:
        from assistant.nlu.encoder import resolve_model_dir
        from finetune.continual import finetune_version

        with self._busy:
            assert assistant.models is not None
            try:
                result = finetune_version(
                    assistant.registry,
                    assistant.models,
                    assistant.store.feedback(),
                    resolve_model_dir(assistant.config.nlu.encoder_path),
                    progress=False,
                )
            except AssistantError as exc:
                assistant.notify(f"automatic fine-tune failed: {exc}")
                return
            verdict = "promoted" if result.promoted else "rejected: " + "; ".join(result.reasons)
            assistant.notify(f"learned from corrections: model {result.version.name} {verdict}")
