"""`Assistant.handle(text, session)`: the one pipeline every entry point calls.

A turn goes: clean the text → a natural correction of the last turn? → route it (intent
model + dialogue state, `dialogue.router`) → run the skill (`skills_runner`) → log it →
apply the outcome to the session (`dialogue.state`). Nothing here names a skill.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from assistant import config as config_module
from assistant import paths, plugins, textinput
from assistant.agent.turns import agent_for, agent_turn
from assistant.config import Config
from assistant.dialogue import sessions, state
from assistant.dialogue.corrections import correction_target
from assistant.dialogue.questions import Question
from assistant.dialogue.route import Route
from assistant.dialogue.router import Router
from assistant.dialogue.session import Session
from assistant.errors import AssistantError, InputError
from assistant.nlu.loader import IntentModels
from assistant.nlu.prediction import OUT_OF_SCOPE, IntentModel, Prediction
from assistant.nlu.versions import ModelStore
from assistant.registry import SkillRegistry
from assistant.services import Clock, Services
from assistant.skill import Reply, SkillContext
from assistant.skills_runner import known_answer, out_of_scope_reply, run_skill
from assistant.store import Store
from assistant.turn import Turn

if TYPE_CHECKING:
    from assistant.nlu.preload import ModelPreload

log = logging.getLogger("assistant")
OUT_OF_SCOPE_FILES = ("out_of_scope.txt", "out_of_scope_domains.txt")


class Learner(Protocol):
    """The `learner` service (registered by `finetune`): learns from recorded corrections."""

    def corrections_recorded(self, assistant: Assistant) -> None: ...


class Assistant:
    def __init__(
        self,
        config: Config,
        store: Store,
        registry: SkillRegistry,
        model: IntentModel | None = None,
        models: ModelStore | None = None,
        services: Services | None = None,
        preload: ModelPreload | None = None,
    ):
        self.config = config
        self.store = store
        self.registry = registry
        self.models = models  # trained versions; None = always the few-shot model
        self.services = services or Services(config, store)
        self.notify: Callable[[str], None] = print  # background messages (the REPL redirects)
        self.intents = IntentModels(
            registry,
            models,
            lambda: self.services.encoder,
            config.nlu,
            model,
            on_calibration=self._apply_calibration,
            preload=preload,
        )
        self.router = Router(
            self.predict,
            dataclasses.replace(config.router),
            registry.describe,
            registry.slot_types,
            config.dialogue,
        )

    @classmethod
    def open(
        cls,
        home: Path | None = None,
        notify: Callable[[str], None] = print,
        model: IntentModel | None = None,
        clock: Clock | None = None,
        preload: ModelPreload | None = None,
    ) -> Assistant:
        """Config, store, services and skills from $ASSISTANT_HOME; the model loads on demand."""
        home = home or paths.home()
        config = config_module.load(home)
        store = Store(home / "assistant.db")
        services = Services(config, store, clock, plugins.service_factories())
        registry = SkillRegistry()
        registry.out_of_scope_examples = _out_of_scope_examples()
        context = SkillContext(config, store, registry, notify, services)
        plugins.load_skills(registry, lambda skill_class: skill_class(context))
        for failure in registry.failures:
            log.warning("plugin not loaded: %s: %s", failure.source, failure.error)
        assistant = cls(
            config, store, registry, model, ModelStore(home / "models"), services, preload
        )
        assistant.notify = notify
        if config.webhooks.urls:
            services.get("webhooks")  # listening from the start, in every front end
        return assistant

    # -- the intent model -------------------------------------------------------------

    @property
    def model(self) -> IntentModel:
        return self.intents.model

    @property
    def notices(self) -> list[str]:
        return self.intents.notices

    def load_model(self) -> IntentModel:
        return self.intents.load()

    def start_loading(self, on_ready: Callable[[float], None] | None = None) -> Any:
        return self.intents.start_loading(on_ready)

    def predict(self, texts: list[str]) -> list[Prediction]:
        return self.intents.predict(texts)

    def _apply_calibration(self, calibration: dict[str, Any]) -> None:
        """Use the model's tuned threshold and margin unless the user set their own."""
        for name in ("threshold", "margin"):
            if f"router.{name}" not in self.config.explicit:
                setattr(self.router.config, name, float(calibration[name]))

    # -- turns ------------------------------------------------------------------------

    def handle(self, text: str, session: Session) -> Turn:
        """Answer one utterance; never raises for bad input or a failing skill."""
        started = time.perf_counter()
        try:
            cleaned = textinput.clean(text, self.config.input.max_chars)
            turn = self._natural_correction(cleaned, session)
            if turn is None:
                route = self.router.route(cleaned, session, self.services.clock.now())
                turn = self.execute(route, session, started)
        except AssistantError as exc:  # bad input, or a model that could not load
            turn = self._log_failure(text, session, started, str(exc))
        sessions.save(self.store, session)
        return turn

    def _natural_correction(self, text: str, session: Session) -> Turn | None:
        """ "no, I meant set a reminder" right after a turn: record it and redo that turn."""
        if session.last_turn_id is None or session.open_question is not None:
            return None
        last = self.store.turn(session.last_turn_id)
        if last is None or last.intent is None:
            return None
        label = correction_target(
            text, self.registry.labels(), last.text, self.predict, self.registry.named_by()
        )
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
        self.services.events.emit("correction.recorded", {"turn_id": turn_id, "text": turn.text,
                                  "was": turn.intent, "label": label, "source": source})  # fmt: skip
        started = time.perf_counter()
        prediction = self.predict([turn.text])[0]
        if label == OUT_OF_SCOPE:
            route = Route("out_of_scope", turn.text, prediction)
        else:
            now = self.services.clock.now()
            route = self.router.act(turn.text, prediction, label, session, now, via="forced")
        # A second "no, I meant…" still corrects the original turn.
        redo = self.execute(route, session, started, parent_id=turn_id, refers_to=turn_id)
        sessions.save(self.store, session)
        if self.services.has("learner"):
            learner: Learner = self.services.get("learner")
            learner.corrections_recorded(self)
        return redo

    def unused_corrections(self) -> list[dict[str, Any]]:
        """Corrections no model version has learned from yet."""
        learned: set[int] = set()
        for version in self.models.versions() if self.models else []:
            learned.update(version.meta.get("corrections", []))
        return [c for c in self.store.feedback() if c["id"] not in learned]

    def execute(
        self,
        route: Route,
        session: Session,
        started: float,
        parent_id: int | None = None,
        held: Reply | None = None,
        refers_to: int | None = None,
    ) -> Turn:
        """Run `route` and log it as a turn; `held` is a reply given instead of running the
        skill (the agent holding a step for the user's yes)."""
        if route.kind == "compound":
            agent = agent_for(self)
            if agent is not None:  # several steps: the agent plans them
                return agent_turn(self, agent, route, session, started)
            return self._run_compound(route, session, started)
        error: str | None = None
        skill: str | None
        if held is not None:
            reply, skill = held, "agent"
        elif route.kind == "act":
            reply, skill, error = run_skill(self.registry, route, session)
        elif route.kind == "clarify":
            a, b = (self.registry.describe(o) for o in route.options)
            text = f"Did you mean 1) {a} or 2) {b}?"
            question = Question(text, "choice", options=route.options, declined="OK, never mind.")
            reply, skill = (
                Reply(text=text, data={"options": route.options}, question=question),
                "router",
            )
        elif route.kind == "dismiss":
            reply, skill = Reply(text=route.declined or "OK, never mind."), "router"
        else:
            known = known_answer(self.registry, route, self.services.clock.now())
            agent = agent_for(self) if known is None else None
            if known is not None:
                label, reply, skill = known
                route = dataclasses.replace(route, kind="act", intent=label, via="known")
            elif agent is not None:  # nothing a single skill serves: the agent may
                return agent_turn(self, agent, route, session, started)
            else:
                reply, skill = out_of_scope_reply(self.registry, route.prediction), None
        if route.abandoned is not None:
            reply.text = (
                f"(Leaving my question “{route.abandoned.question.text}” unanswered.)\n{reply.text}"
            )
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
        for hook in reply.on_logged:
            try:
                hook(turn_id)
            except Exception:  # a skill's bookkeeping must never end the conversation
                log.warning("an on_logged hook of %s failed", skill, exc_info=True)
        now = self.services.clock.now().timestamp()
        state.advance(session, route, turn_id, reply.question, now, refers_to, reply.context)
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
            abandoned=route.abandoned.question.text if route.abandoned else None,
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
            self.execute(part, session, time.perf_counter(), parent_id) for part in route.parts
        ]
        reply = Reply(
            text="\n".join(f"{n}. {part.reply.text}" for n, part in enumerate(parts, 1)),
            sources=[s for part in parts for s in part.reply.sources],
            actions=[a for part in parts for a in part.reply.actions],
            question=parts[-1].reply.question,
        )
        latency = (time.perf_counter() - started) * 1000
        self.store.finish_turn(parent_id, reply=reply.text, latency_ms=latency)
        state.point_at(session, parent_id)
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
        self.services.close()
        self.store.close()


def _out_of_scope_examples() -> list[str]:
    """assistant/data/out_of_scope*.txt: chit-chat we don't serve and other domains' commands."""
    lines: list[str] = []
    for name in OUT_OF_SCOPE_FILES:
        text = resources.files("assistant").joinpath(f"data/{name}").read_text(encoding="utf-8")
        lines.extend(line.strip() for line in text.splitlines() if line.strip())
    return lines
