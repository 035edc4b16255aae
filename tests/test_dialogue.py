"""Questions asked back, end to end through `Assistant.handle` with a real SQLite store.

The intent model here is scripted (a stand-in whose predictions are written by hand) so each
dialogue path is hit exactly and fast; the real model drives the same pipeline in
test_cli.py (`ask --session` across processes) and test_plugins.py (the docs' plugin).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from assistant import Reply, Request, Skill, ask, choose, confirm, intent
from assistant.config import Config
from assistant.core import Assistant
from assistant.dialogue import sessions
from assistant.dialogue.session import Session
from assistant.nlu.prediction import Prediction
from assistant.registry import SkillRegistry
from assistant.services import FixedClock
from assistant.slots import Number, Text, Time
from assistant.store import Store
from tests.helpers import services_for

NOW = datetime(2026, 12, 2, 15, 0).astimezone()


class Oven(Skill):
    """Preheat the oven and order pizza."""

    @intent(
        "oven.preheat",
        examples=["preheat the oven", "heat the oven to 180 degrees"],
        slots={"degrees": Number(unit="degrees?"), "when": Time()},
    )
    def preheat(self, req: Request) -> Reply:
        if "degrees" not in req.slots:
            return Reply.asking(ask("degrees", "To how many degrees?"))
        return Reply(text=f"Preheating to {req.slots['degrees']} degrees.", data=dict(req.slots))

    @intent("oven.clean", examples=["clean the oven"])
    def clean(self, req: Request) -> Reply:
        if not req.confirmed:
            return Reply.asking(confirm("Self-cleaning locks the door for 2 hours. Start it?"))
        return Reply(text="Self-clean started.", actions=[{"type": "oven.clean"}])

    @intent(
        "oven.pizza",
        examples=["order a pizza"],
        slots={"size": Text(pattern=r"\b(small|medium|large)\b")},
    )
    def pizza(self, req: Request) -> Reply:
        if "size" not in req.slots:
            return Reply.asking(choose("size", "Which size?", ["small", "medium", "large"]))
        return Reply(text=f"Ordering a {req.slots['size']} pizza.")


SCRIPT = {
    "preheat the oven": Prediction("oven.preheat", 0.95),
    "clean the oven": Prediction("oven.clean", 0.95),
    "order a pizza": Prediction("oven.pizza", 0.95),
    "order a large pizza": Prediction("oven.pizza", 0.95),
    "what's the weather": Prediction("out_of_scope", 0.95),
}


class Scripted:
    """An intent model whose answers are the SCRIPT above; anything else is out of scope."""

    labels = ["oven.clean", "oven.pizza", "oven.preheat", "out_of_scope"]

    def predict(self, texts: list[str]) -> list[Prediction]:
        return [SCRIPT.get(t, Prediction("out_of_scope", 0.9)) for t in texts]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def assistant(tmp_path, clock):  # type: ignore[no-untyped-def]
    config, store = Config(), Store(tmp_path / "assistant.db")
    registry = SkillRegistry()
    registry.add(Oven(None))  # type: ignore[arg-type]
    instance = Assistant(
        config, store, registry, model=Scripted(), services=services_for(store, config, clock)
    )
    yield instance
    instance.close()


def test_a_missing_slot_is_asked_for_and_the_answer_fills_it(assistant):
    session = Session()
    asked = assistant.handle("preheat the oven", session)
    assert asked.reply.text == "To how many degrees?"
    assert asked.as_json()["question"]["slot"] == "degrees"
    done = assistant.handle("200 degrees", session)
    assert (done.intent, done.reply.text) == ("oven.preheat", "Preheating to 200 degrees.")
    assert done.input == "preheat the oven" and session.open_question is None
    assert assistant.store.turn(done.id).parent_id == asked.id  # the answer hangs off the question


def test_an_answer_of_the_wrong_type_is_a_new_command_and_says_the_question_was_dropped(assistant):
    session = Session()
    assistant.handle("preheat the oven", session)
    other = assistant.handle("order a large pizza", session)
    assert other.intent == "oven.pizza" and other.abandoned == "To how many degrees?"
    assert other.reply.text.splitlines() == [
        "(Leaving my question “To how many degrees?” unanswered.)",
        "Ordering a large pizza.",
    ]
    assert session.open_question is None


def test_yes_runs_the_confirmed_action_and_no_does_nothing(assistant):
    session = Session()
    assert assistant.handle("clean the oven", session).reply.question.kind == "confirm"
    no = assistant.handle("no thanks", session)
    assert (no.kind, no.reply.text, no.reply.actions) == ("dismiss", "OK, I won't.", [])
    assistant.handle("clean the oven", session)
    yes = assistant.handle("yes please", session)
    assert yes.reply.text == "Self-clean started." and yes.reply.actions == [{"type": "oven.clean"}]


def test_a_choice_is_answered_by_number_or_by_name(assistant):
    session = Session()
    asked = assistant.handle("order a pizza", session)
    assert asked.reply.text == "Which size? 1) small 2) medium 3) large"
    assert assistant.handle("2", session).reply.text == "Ordering a medium pizza."
    assistant.handle("order a pizza", session)
    assert assistant.handle("the large one", session).reply.text == "Ordering a large pizza."


def test_a_question_expires(assistant, clock):
    session = Session()
    assistant.handle("preheat the oven", session)
    clock.advance(assistant.config.dialogue.question_timeout_s + 1)
    late = assistant.handle("200 degrees", session)
    assert late.intent == "out_of_scope" and late.abandoned is None


def test_a_named_session_keeps_its_question_in_the_store_between_assistants(tmp_path, clock):
    config, registry = Config(), SkillRegistry()
    registry.add(Oven(None))  # type: ignore[arg-type]

    def open_assistant() -> Assistant:
        store = Store(tmp_path / "assistant.db")
        return Assistant(
            config, store, registry, model=Scripted(), services=services_for(store, config, clock)
        )

    first = open_assistant()
    first.handle("preheat the oven", sessions.load(first.store, "kitchen"))
    first.close()
    second = open_assistant()
    session = sessions.load(second.store, "kitchen")
    assert session.open_question is not None and session.open_question.question.slot == "degrees"
    assert second.handle("180 degrees", session).reply.text == "Preheating to 180 degrees."
    assert sessions.load(second.store, "kitchen").open_question is None
    assert sessions.load(second.store, "elsewhere").open_question is None
    second.close()
