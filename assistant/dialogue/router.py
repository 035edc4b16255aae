"""Decide what a turn means: act, ask "A or B?", split a compound, follow up, answer an open
question, or decline. Routing reads the session and returns a `Route`; it changes nothing
(`dialogue.state.advance` applies the outcome to the session, in one place)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from assistant.config import DialogueConfig, RouterConfig
from assistant.dialogue import answers, compound, context
from assistant.dialogue.route import Route
from assistant.dialogue.session import Session
from assistant.nlu.prediction import OUT_OF_SCOPE, Prediction, abstains
from assistant.slots import SlotContext, SlotType, fill
from assistant.textinput import first_line

Predict = Callable[[list[str]], list[Prediction]]
SlotTypes = Callable[[str], Mapping[str, SlotType]]


class Router:
    def __init__(
        self,
        predict: Predict,
        config: RouterConfig,
        describe: Callable[[str], str],
        slot_types: SlotTypes,
        dialogue: DialogueConfig | None = None,
    ):
        self.predict = predict
        self.config = config
        self.describe = describe
        self.slot_types = slot_types  # the slots each intent declares
        self.dialogue = dialogue or DialogueConfig()

    def route(self, text: str, session: Session, now: datetime) -> Route:
        open_question = session.open_question
        if open_question is not None and open_question.expired(
            now.timestamp(), self.dialogue.question_timeout_s
        ):
            open_question = None  # stale: the text is a new command
        predicted: list[Prediction] = []  # made once, when first needed

        def prediction() -> Prediction:
            if not predicted:  # the first line says what to do with what was pasted below it
                predicted.append(self.predict([first_line(text)])[0])
            return predicted[0]

        if open_question is not None:
            answered = self._answer(text, session, now, prediction)
            if answered is not None:
                return answered
        route = self._new_command(text, session, now, prediction())
        route.abandoned = open_question
        return route

    def _new_command(
        self, text: str, session: Session, now: datetime, prediction: Prediction
    ) -> Route:
        if self._is_follow_up(text, prediction, session):
            assert session.last_intent is not None
            return self.act(text, prediction, session.last_intent, session, now, via="follow-up")
        parts = (
            compound.split(text, prediction, self.predict, self.config.compound_threshold)
            if "\n" not in text  # pasted lines are one payload, never several commands
            else None
        )
        if parts:
            return Route(
                "compound",
                text,
                prediction,
                parts=[self.act(t, p, p.label, session, now) for t, p in parts],
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
        return self.act(text, prediction, prediction.label, session, now)

    def act(
        self,
        text: str,
        prediction: Prediction,
        intent: str,
        session: Session,
        now: datetime,
        via: str = "model",
    ) -> Route:
        declared = self.slot_types(intent)
        found = fill(text, declared, SlotContext.at(now))
        referable = {name for name, slot in declared.items() if slot.referable}
        return Route(
            "act",
            text,
            prediction,
            intent=intent,
            slots=context.carry_over(text, intent, found, session, referable),
            via=via,
        )

    def _answer(
        self, text: str, session: Session, now: datetime, predict_text: Callable[[], Prediction]
    ) -> Route | None:
        """The route when `text` answers the session's open question, else None."""
        open_question = session.open_question
        assert open_question is not None

        def is_other_command() -> bool:
            p = predict_text()
            return not abstains(p, self.config.threshold) and p.label != open_question.intent

        declared = self.slot_types(open_question.intent) if open_question.intent else {}
        outcome = answers.resolve(
            open_question, text, declared, SlotContext.at(now), self.describe, is_other_command
        )
        if outcome.kind == "unrelated":
            return None
        prediction = self.predict([open_question.text])[0]
        if outcome.kind == "declined":
            return Route(
                "dismiss",
                open_question.text,
                prediction,
                answers_turn=open_question.turn_id,
                declined=open_question.question.declined,
            )
        assert outcome.intent is not None
        if open_question.intent is None:  # "Did you mean A or B?": act on the choice
            route = self.act(
                open_question.text, prediction, outcome.intent, session, now, via="clarification"
            )
        else:
            route = Route(
                "act",
                open_question.text,
                prediction,
                intent=outcome.intent,
                slots=outcome.slots,
                via="answer",
                confirmed=outcome.confirmed,
                answer=text,
            )
        route.answers_turn = open_question.turn_id
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
