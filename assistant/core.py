"""`Assistant.handle(text, session)`: the one pipeline every entry point calls."""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from assistant import config as config_module
from assistant import paths, plugins, textinput
from assistant.config import Config
from assistant.corrections import correction_target
from assistant.errors import AssistantError, InputError, ModelError
from assistant.fallback import FallbackModel
from assistant.models import ModelStore
from assistant.nlu import OUT_OF_SCOPE, IntentModel, Prediction
from assistant.registry import SkillRegistry
from assistant.router import Route, Router
from assistant.session import PendingChoice, Session
from assistant.skill import Reply, Request, Skill, SkillContext
from assistant.store import Store

log = logging.getLogger("assistant")


@dataclass
class Turn:
    id: int  # row id in the turn log
    input: str  # the utterance acted on (cleaned; for a clarification answer, the question)
    kind: str  # route kind: act, clarify, out_of_scope, compound, dismiss, error
    intent: str | None
    confidence: float | None
    reply: Reply
    latency_ms: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    skill: str | None = None
    evidence: str = ""  # nearest known example, for /why
    error: str | None = None
    parts: list[Turn] = field(default_factory=list)  # sub-commands of a compound turn

    def as_json(self) -> dict[str, Any]:
        return {
            "turn_id": self.id,
            "input": self.input,
            "kind": self.kind,
            "intent": self.intent,
            "confidence": None if self.confidence is None else round(self.confidence, 4),
            "alternatives": [[label, round(p, 4)] for label, p in self.alternatives],
            "skill": self.skill,
            "slots": self.slots,
            "text": self.reply.text,
            "data": self.reply.data,
            "sources": self.reply.sources,
            "follow_up": self.reply.follow_up,
            "actions": self.reply.actions,
            "latency_ms": round(self.latency_ms, 2),
            "error": self.error,
            "parts": [part.as_json() for part in self.parts],
        }


class Assistant:
    def __init__(
        self,
        config: Config,
        store: Store,
        registry: SkillRegistry,
        model: IntentModel | None = None,
        models: ModelStore | None = None,
    ):
        self.config = config
        self.store = store
        self.registry = registry
        self.models = models  # trained versions; None = always the few-shot model
        self.notices: list[str] = []  # things the user should know about the model in use
        self._model = model
        self._model_stamp: tuple[int, int] | None = None
        self._model_error: AssistantError | None = None
        self._model_ready = threading.Event()
        self._load_lock = threading.Lock()
        self._finetuning = threading.Lock()  # held while an automatic fine-tune runs
        self.notify: Callable[[str], None] = print  # background messages (the REPL redirects)
        if model is not None:
            self._model_ready.set()
        self.router = Router(self.predict, dataclasses.replace(config.router), registry.describe)

    @classmethod
    def open(
        cls,
        home: Path | None = None,
        notify: Callable[[str], None] = print,
        model: IntentModel | None = None,
    ) -> Assistant:
        """Config, store and skills from $ASSISTANT_HOME; the intent model loads on demand."""
        home = home or paths.home()
        config = config_module.load(home)
        store = Store(home / "assistant.db")
        registry = SkillRegistry()
        registry.out_of_scope_examples = _out_of_scope_examples()
        context = SkillContext(config=config, store=store, registry=registry, notify=notify)

        def make_skill(cls_: type[Skill]) -> Skill:
            return cls_(context)

        plugins.load_skills(registry, make_skill)
        for failure in registry.failures:
            log.warning("skill not loaded: %s: %s", failure.source, failure.error)
        assistant = cls(config, store, registry, model, ModelStore(home / "models"))
        assistant.notify = notify
        return assistant

    # -- the intent model -------------------------------------------------------------

    def load_model(self) -> IntentModel:
        """Build the intent model once; concurrent callers wait for the first."""
        with self._load_lock:
            if not self._model_ready.is_set():
                try:
                    self._model = self._build_model()
                except AssistantError as exc:
                    self._model_error = exc
                except Exception as exc:  # keep the REPL alive; report it on each turn
                    self._model_error = ModelError(f"the intent model failed to load: {exc}")
                for notice in self.notices:
                    log.info("%s", notice)
                self._model_ready.set()
        return self.model

    def _build_model(self) -> IntentModel:
        """The promoted trained model (with a few-shot fallback for intents it has not
        seen), or the few-shot model alone when nothing is trained yet."""
        self.notices = []
        # The stamp is read before the pointer, so a promotion in between is seen next turn.
        self._model_stamp = self.models.current_stamp() if self.models else None
        current = self.models.current() if self.models else None
        if current is None:
            self.notices.append(
                "No trained intent model yet: using the few-shot model. "
                "`assistant train` (a few minutes) gives better routing."
            )
            return self._prototype()
        from assistant.trained import TrainedModel
        from finetune import dataset
        from finetune.config import TrainConfig

        trained = TrainedModel(current)
        self._apply_calibration(current.meta["calibration"])
        config = TrainConfig(**current.meta["config"])
        if current.meta.get("data_hash") != dataset.data_hash(self.registry, config):
            self.notices.append(
                f"Intent model {current.name} was trained on older examples than the installed "
                "skills declare; `assistant train` brings it up to date."
            )
        unseen = set(self.registry.labels()) - set(trained.labels)
        if unseen:
            return FallbackModel(trained, self._prototype(), unseen)
        return trained

    def _prototype(self) -> IntentModel:
        from assistant.prototype import PrototypeModel
        from knowledge.embedder import load_embedder

        nlu = self.config.nlu
        return PrototypeModel(
            load_embedder(nlu.encoder_path),
            self.registry.examples(),
            k=nlu.knn_k,
            temperature=nlu.temperature,
            min_similarity=nlu.min_similarity,
            lexical_weight=nlu.lexical_weight,
        )

    def _apply_calibration(self, calibration: dict[str, float]) -> None:
        """Use the model's tuned threshold and margin unless the user set their own."""
        for name in ("threshold", "margin"):
            if f"router.{name}" not in self.config.explicit:
                setattr(self.router.config, name, float(calibration[name]))

    def start_loading(self, on_ready: Callable[[float], None] | None = None) -> threading.Thread:
        """Load the model on a background thread so the prompt appears at once."""

        def run() -> None:
            started = time.perf_counter()
            try:
                self.load_model()
            except AssistantError:
                return  # reported by the next turn that needs the model
            if on_ready:
                on_ready(time.perf_counter() - started)

        thread = threading.Thread(target=run, name="model-loader", daemon=True)
        thread.start()
        return thread

    @property
    def model(self) -> IntentModel:
        if self._model_ready.is_set() and self._promotion_happened():
            with self._load_lock:
                self._model_ready.clear()
                self._model_error = None
        if not self._model_ready.is_set():
            self.load_model()  # waits for a background load already under way
        if self._model_error is not None:
            raise self._model_error
        assert self._model is not None
        return self._model

    def predict(self, texts: list[str]) -> list[Prediction]:
        return self.model.predict(texts)

    def _promotion_happened(self) -> bool:
        """A new version was promoted since the model was loaded (checked per turn: one stat)."""
        return self.models is not None and self.models.current_stamp() != self._model_stamp

    # -- turns ------------------------------------------------------------------------

    def handle(self, text: str, session: Session) -> Turn:
        """Answer one utterance; never raises for bad input or a failing skill."""
        started = time.perf_counter()
        try:
            cleaned = textinput.clean(text, self.config.input.max_chars)
            natural = self._natural_correction(cleaned, session)
            if natural is not None:
                return natural
            route = self.router.route(cleaned, session)
        except AssistantError as exc:  # bad input, or a model that could not load
            return self._log_failure(text, session, started, str(exc))
        return self._execute(route, session, started)

    def _natural_correction(self, text: str, session: Session) -> Turn | None:
        """ "no, I meant set a reminder" right after a turn: record it and redo that turn."""
        if session.last_turn_id is None or session.pending is not None:
            return None
        last = self.store.turn(session.last_turn_id)
        if last is None or last.intent is None:
            return None
        label = correction_target(text, self.registry.labels(), last.text, self.predict)
        if label is None:
            return None
        redo = self.correct(last.id, label, session, source="natural")
        redo.reply.text = f"Got it: {self.registry.describe(label)}. {redo.reply.text}"
        return redo

    def correct(self, turn_id: int, label: str, session: Session, source: str = "repl") -> Turn:
        """Record that `label` was right for a logged turn, then answer it as that intent."""
        if label not in self.registry.labels():
            known = ", ".join(self.registry.labels())
            raise InputError(f"unknown intent {label!r}; known intents: {known}")
        turn = self.store.turn(turn_id)
        if turn is None:
            raise InputError(f"there is no turn {turn_id} to correct")
        self.store.set_correction(turn_id, label, source)
        started = time.perf_counter()
        prediction = self.predict([turn.text])[0]
        if label == OUT_OF_SCOPE:
            route = Route("out_of_scope", turn.text, prediction)
        else:
            route = self.router.act(turn.text, prediction, label, session, via="forced")
        redo = self._execute(route, session, started, parent_id=turn_id)
        session.last_turn_id = turn_id  # a second "no, I meant…" still corrects the original
        self._maybe_finetune()
        return redo

    def unused_corrections(self) -> list[dict[str, Any]]:
        """Corrections no model version has learned from yet."""
        learned: set[int] = set()
        for version in self.models.versions() if self.models else []:
            learned.update(version.meta.get("corrections", []))
        return [c for c in self.store.feedback() if c["id"] not in learned]

    def _maybe_finetune(self) -> None:
        """Optional automatic mode: fine-tune on a background thread after N new corrections."""
        after = self.config.learning.auto_finetune_after
        if after <= 0 or self.models is None or self.models.current() is None:
            return
        if self._finetuning.locked() or len(self.unused_corrections()) < after:
            return

        def run() -> None:
            from finetune.continual import finetune_version
            from knowledge.embedder import resolve_model_dir

            with self._finetuning:
                assert self.models is not None
                try:
                    result = finetune_version(
                        self.registry,
                        self.models,
                        self.store.feedback(),
                        resolve_model_dir(self.config.nlu.encoder_path),
                        progress=False,
                    )
                except AssistantError as exc:
                    self.notify(f"automatic fine-tune failed: {exc}")
                    return
                verdict = (
                    "promoted" if result.promoted else "rejected: " + "; ".join(result.reasons)
                )
                self.notify(f"learned from corrections: model {result.version.name} {verdict}")

        threading.Thread(target=run, name="finetune", daemon=True).start()

    def _execute(
        self,
        route: Route,
        session: Session,
        started: float,
        parent_id: int | None = None,
    ) -> Turn:
        if route.kind == "compound":
            return self._run_compound(route, session, started)
        if route.kind == "act":
            assert route.intent is not None
            reply, skill, error = self._run_skill(route, session)
            session.remember(route.intent, route.slots)
        elif route.kind == "clarify":
            a, b = (self.registry.describe(o) for o in route.options)
            reply, skill, error = (
                Reply(text=f"Did you mean 1) {a} or 2) {b}?", data={"options": route.options}),
                "router",
                None,
            )
        elif route.kind == "dismiss":
            reply, skill, error = Reply(text="OK, never mind."), "router", None
        else:
            known = self._known_answer(route.text)
            if known is not None:
                route = dataclasses.replace(route, kind="act", intent="qa", via="knowledge")
                reply, skill, error = known, "qa", None
            else:
                reply, skill, error = self._out_of_scope_reply(route.prediction), None, None
        intent = route.intent or (OUT_OF_SCOPE if route.kind == "out_of_scope" else None)
        latency = (time.perf_counter() - started) * 1000
        turn_id = self.store.log_turn(
            session_id=session.id,
            parent_id=parent_id or route.answers_turn,
            text=route.text,
            intent=intent,
            confidence=route.confidence,
            alternatives=route.alternatives,
            slots=route.slots,
            skill=skill,
            reply=reply.text,
            sources=reply.sources,
            latency_ms=latency,
            error=error,
        )
        if route.kind == "clarify":
            session.pending = PendingChoice(route.text, route.options, turn_id)
        session.last_turn_id = turn_id
        return Turn(
            id=turn_id,
            input=route.text,
            kind=route.kind,
            intent=intent,
            confidence=route.confidence,
            reply=reply,
            latency_ms=latency,
            alternatives=route.alternatives,
            slots=route.slots,
            skill=skill,
            evidence=route.prediction.evidence,
            error=error,
        )

    def _run_compound(self, route: Route, session: Session, started: float) -> Turn:
        parent_id = self.store.log_turn(
            session_id=session.id,
            text=route.text,
            intent=route.parts[0].intent,
            confidence=route.prediction.confidence,
            alternatives=route.alternatives,
            skill="router",
        )
        parts = [
            self._execute(part, session, time.perf_counter(), parent_id) for part in route.parts
        ]
        reply = Reply(
            text="\n".join(f"{n}. {part.reply.text}" for n, part in enumerate(parts, 1)),
            sources=[s for part in parts for s in part.reply.sources],
            actions=[a for part in parts for a in part.reply.actions],
        )
        latency = (time.perf_counter() - started) * 1000
        self.store.finish_turn(parent_id, reply=reply.text, latency_ms=latency)
        session.last_turn_id = parent_id
        first = parts[0]
        return Turn(
            id=parent_id,
            input=route.text,
            kind="compound",
            intent=first.intent,
            confidence=min(p.confidence or 0.0 for p in parts),
            reply=reply,
            latency_ms=latency,
            alternatives=route.alternatives,
            slots=first.slots,
            skill="router",
            parts=parts,
        )

    def _run_skill(self, route: Route, session: Session) -> tuple[Reply, str, str | None]:
        assert route.intent is not None
        served = self.registry.intents[route.intent]
        request = Request(
            text=route.text,
            intent=route.intent,
            confidence=route.confidence,
            slots=route.slots,
            session=session,
        )
        try:
            reply = served.skill.handler(route.intent)(request)
            if not isinstance(reply, Reply):
                raise TypeError(f"handler returned {type(reply).__name__}, not Reply")
            return reply, served.skill.name, None
        except Exception as exc:  # a skill's bug must never end the conversation
            log.debug("skill %s failed", served.skill.name, exc_info=True)
            error = f"{type(exc).__name__}: {exc}".splitlines()[0]
            return (
                Reply(text=f"Sorry, the {served.skill.name} skill failed ({error})."),
                served.skill.name,
                error,
            )

    def _known_answer(self, text: str) -> Reply | None:
        """For a question the model put out of scope: an answer from the user's own facts
        or documents, when the qa skill has a confident one ("when does the party start"
        is out of scope until the party invitation is ingested)."""
        served = self.registry.intents.get("qa")
        answer_if_known = getattr(served.skill, "answer_if_known", None) if served else None
        if answer_if_known is None or not _QUESTION.match(text):
            return None
        try:
            reply = answer_if_known(text)
        except Exception:  # the fallback must never turn a polite refusal into a crash
            log.debug("knowledge fallback failed", exc_info=True)
            return None
        return reply if isinstance(reply, Reply) else None

    def _out_of_scope_reply(self, prediction: Prediction) -> Reply:
        ranked = [(prediction.label, prediction.confidence), *prediction.alternatives]
        suggestions = [label for label, _ in ranked if label != OUT_OF_SCOPE][:2]
        can = "; ".join(
            skill.description().rstrip(".").lower() for skill in self.registry.skills.values()
        )
        hint = ""
        if suggestions:
            hint = (
                " Closest I know: "
                + " or ".join(self.registry.describe(s) for s in suggestions)
                + "."
            )
        return Reply(
            text=f"I can't do that yet. I can: {can}.{hint}",
            data={"suggestions": suggestions},
        )

    def _log_failure(self, raw: str, session: Session, started: float, message: str) -> Turn:
        latency = (time.perf_counter() - started) * 1000
        shown = textinput.preview(raw, self.config.input.max_chars)
        turn_id = self.store.log_turn(
            session_id=session.id,
            text=shown,
            intent=None,
            confidence=None,
            reply=message,
            latency_ms=latency,
            error=message,
        )
        return Turn(
            id=turn_id,
            input=shown,
            kind="error",
            intent=None,
            confidence=None,
            reply=Reply(text=message),
            latency_ms=latency,
            error=message,
        )

    def close(self) -> None:
        self.store.close()


_QUESTION = re.compile(
    r"^\s*(what|what's|whats|when|where|where's|who|who's|whom|whose|which|why|how|is|are|"
    r"was|were|does|do|did|can|could|will|would|should|has|have)\b|.*\?\s*$",
    re.IGNORECASE,
)


def _out_of_scope_examples() -> list[str]:
    text = (
        resources.files("assistant").joinpath("data/out_of_scope.txt").read_text(encoding="utf-8")
    )
    return [line.strip() for line in text.splitlines() if line.strip()]
