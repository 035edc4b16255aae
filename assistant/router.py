"""Decide what a turn means: act, ask "A or B?", split a compound, follow up, or decline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant import clarify, compound, context, slots
from assistant.config import RouterConfig
from assistant.nlu import OUT_OF_SCOPE, Prediction, abstains
from assistant.session import Session

RouteKind = Literal["act", "clarify", "out_of_scope", "compound", "dismiss"]


@dataclass
class Route:
    kind: RouteKind
    text: str  # the utterance acted on: for a clarification answer, the original question
    prediction: Prediction  # the model's reading of `text`
    intent: str | None = None  # the label to act on ("act"), else None
    slots: dict[str, Any] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)  # "clarify": the intents offered
    parts: list[Route] = field(default_factory=list)  # "compound": sub-commands in order
    answers_turn: int | None = None  # a clarification answer: the turn that asked
    via: str = "model"  # why this route: model, follow-up, clarification, forced

    @property
    def alternatives(self) -> list[tuple[str, float]]:
        """The model's ranking without the intent acted on (which may not be its top)."""
        p = self.prediction
        ranked = [(p.label, p.confidence), *p.alternatives]
        return [(label, c) for label, c in ranked if label != (self.intent or p.label)]

    @property
    def confidence(self) -> float:
        """The model's probability of the intent acted on; 1.0 when the user chose it."""
        if self.via in {"clarification", "forced"}:
            return 1.0
        p = self.prediction
        ranked = dict([(p.label, p.confidence), *p.alternatives])
        return ranked.get(self.intent or p.label, 0.0)


class Router:
    def __init__(
        self,
        predict: Callable[[list[str]], list[Prediction]],
        config: RouterConfig,
        describe: Callable[[str], str],
    ):
        self.predict = predict
        self.config = config
        self.describe = describe

    def route(self, text: str, session: Session) -> Route:
        if session.pending is not None:
            answered = self._answer_pending(text, session)
            if answered is not None:
                return answered
        prediction = self.predict([text])[0]
        if self._is_follow_up(text, prediction, session):
            assert session.last_intent is not None
            return self.act(text, prediction, session.last_intent, session, via="follow-up")
        parts = compound.split(text, prediction, self.predict, self.config.compound_threshold)
        if parts:
            return Route(
                "compound",
                text,
                prediction,
                parts=[self.act(t, p, p.label, session) for t, p in parts],
            )
        if abstains(prediction, self.config.threshold):
            return Route("out_of_scope", text, prediction)
        runner_up = prediction.runner_up
        if (
            runner_up is not None
            and runner_up[0] != OUT_OF_SCOPE
            and prediction.confidence - runner_up[1] < self.config.margin
        ):
            return Route("clarify", text, prediction, options=[prediction.label, runner_up[0]])
        return self.act(text, prediction, prediction.label, session)

    def act(
        self, text: str, prediction: Prediction, intent: str, session: Session, via: str = "model"
    ) -> Route:
        found = slots.extract(text, intent)
        return Route(
            "act",
            text,
            prediction,
            intent=intent,
            slots=context.carry_over(text, intent, found, session),
            via=via,
        )

    def _answer_pending(self, text: str, session: Session) -> Route | None:
        pending = session.pending
        assert pending is not None
        session.pending = None
        if clarify.is_dismissal(text):
            return Route("dismiss", pending.text, self.predict([pending.text])[0])
        choice = clarify.resolve(text, pending.options, self.describe)
        if choice is None:
            return None  # not an answer: treat it as a new command
        prediction = self.predict([pending.text])[0]
        route = self.act(pending.text, prediction, choice, session, via="clarification")
        route.answers_turn = pending.turn_id
        return route

    def _is_follow_up(self, text: str, prediction: Prediction, session: Session) -> bool:
        if not context.is_elliptical(text, session):
            return False
        assert session.last_intent is not None
        confident_elsewhere = (
            prediction.label != OUT_OF_SCOPE
            and prediction.confidence >= self.config.threshold
            and prediction.label.split(".")[0] != session.last_intent.split(".")[0]
        )
        return not confident_elsewhere
