"""The intent model in use: the promoted trained version (with the few-shot model for intents
it has not seen), or the few-shot model alone; loaded once, in the background if asked, and
reloaded when another version is promoted."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError, ModelError
from assistant.nlu.fallback import FallbackModel
from assistant.nlu.fingerprint import trained_on_current_examples
from assistant.nlu.prediction import IntentModel, Prediction

if TYPE_CHECKING:
    from assistant.config import NLUConfig
    from assistant.nlu.encoder import Encoder
    from assistant.nlu.preload import ModelPreload
    from assistant.nlu.versions import ModelStore, ModelVersion
    from assistant.registry import SkillRegistry

log = logging.getLogger("assistant")


class IntentModels:
    def __init__(
        self,
        registry: SkillRegistry,
        versions: ModelStore | None,
        encoder: Callable[[], Encoder],
        nlu: NLUConfig,
        model: IntentModel | None = None,
        on_calibration: Callable[[dict[str, Any]], None] | None = None,
        preload: ModelPreload | None = None,
    ):
        self.registry = registry
        self.versions = versions  # trained versions; None = always the few-shot model
        self.encoder = encoder
        self.nlu = nlu
        self.on_calibration = on_calibration  # the loaded version's tuned threshold and margin
        self.preload = preload  # the trained model, loading since the process started
        self._notices: list[str] = []  # what the user should know about the model in use
        self._stale_check: ModelVersion | None = None  # not yet checked against the skills
        self._model = model
        self._stamp: tuple[int, int] | None = None
        self._error: AssistantError | None = None
        self._ready = threading.Event()
        self._lock = threading.Lock()
        if model is not None:
            self._ready.set()

    def load(self) -> IntentModel:
        """Build the model once; concurrent callers wait for the first."""
        with self._lock:
            if not self._ready.is_set():
                try:
                    self._model = self._build()
                except AssistantError as exc:
                    self._error = exc
                except Exception as exc:  # keep the REPL alive; report it on each turn
                    self._error = ModelError(f"the intent model failed to load: {exc}")
                if log.isEnabledFor(logging.INFO):
                    for notice in self.notices:
                        log.info("%s", notice)
                self._ready.set()
        return self.model

    @property
    def notices(self) -> list[str]:
        """What the user should know about the model in use. Whether the trained version
        is older than the skills' examples is worked out here, on first asking, since it
        expands every template (a tenth of a second a one-shot `ask` need not spend)."""
        version, self._stale_check = self._stale_check, None
        if version is not None and not trained_on_current_examples(self.registry, version.meta):
            self._notices.append(
                f"Intent model {version.name} was trained on older examples than the installed "
                "skills declare; `assistant train` brings it up to date."
            )
        return self._notices

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def start_loading(self, on_ready: Callable[[float], None] | None = None) -> threading.Thread:
        """Load on a background thread so the prompt appears at once."""

        def run() -> None:
            started = time.perf_counter()
            try:
                self.load()
            except AssistantError:
                return  # reported by the next turn that needs the model
            if on_ready:
                on_ready(time.perf_counter() - started)

        thread = threading.Thread(target=run, name="model-loader", daemon=True)
        thread.start()
        return thread

    @property
    def model(self) -> IntentModel:
        if self._ready.is_set() and self._promotion_happened():
            with self._lock:
                self._ready.clear()
                self._error = None
        if not self._ready.is_set():
            self.load()  # waits for a background load already under way
        if self._error is not None:
            raise self._error
        assert self._model is not None
        return self._model

    def predict(self, texts: list[str]) -> list[Prediction]:
        return self.model.predict(texts)

    def _build(self) -> IntentModel:
        self._notices, self._stale_check = [], None
        # The stamp is read before the pointer, so a promotion in between is seen next turn.
        self._stamp = self.versions.current_stamp() if self.versions else None
        current = self.versions.current() if self.versions else None
        if current is None:
            self._notices.append(
                "No trained intent model yet: using the few-shot model. "
                "`assistant train` (a few minutes) gives better routing."
            )
            return self._prototype()
        from assistant.nlu.trained import TrainedModel

        preloaded, self.preload = (self.preload.take(current) if self.preload else None), None
        trained = preloaded or TrainedModel(current)
        if self.on_calibration is not None:
            self.on_calibration(current.meta["calibration"])
        self._stale_check = current
        unseen = set(self.registry.labels()) - set(trained.labels)
        if unseen:
            return FallbackModel(trained, self._prototype(), unseen)
        return trained

    def _prototype(self) -> IntentModel:
        from assistant.nlu.prototype import PrototypeModel

        return PrototypeModel(
            self.encoder(),
            self.registry.examples(),
            k=self.nlu.knn_k,
            temperature=self.nlu.temperature,
            min_similarity=self.nlu.min_similarity,
            lexical_weight=self.nlu.lexical_weight,
        )

    def _promotion_happened(self) -> bool:
        """A new version was promoted since the model was loaded (checked per turn: one stat)."""
        return self.versions is not None and self.versions.current_stamp() != self._stamp
