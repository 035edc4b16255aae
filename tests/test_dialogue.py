"""Questions asked back, end to end through `Assistant.handle` with a real SQLite store.

The intent model here is scripted (a stand-in whose predictions are written by hand) so each
dialogue path is hit exactly and fast; the real model drives the same pipeline in
test_cli.py (`ask --session` across processes) and test_plugins.py (the docs' plugin).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from assistant.config import Config
from assistant.core import Assistant
from assistant.dialogue import sessions
from assistant.dialogue.session import Session
from assistant.registry import SkillRegistry
from assistant.services import FixedClock
from assistant.slots import Text
from assistant.store import Store
from tests.helpers import services_for
from tests.oven import Oven, Scripted

NOW = datetime(2026, 12, 2, 15, 0).astimezone()


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


def test_the_repl_asks_back_in_process_through_a_pipe(assistant, tmp_path):
    """The shell on prompt_toolkit's pipe input: what a user types, line by line."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from assistant.cli.repl import Repl

    printed: list[str] = []
    with create_pipe_input() as pipe:
        prompt = PromptSession(
            input=pipe, output=DummyOutput(), history=FileHistory(str(tmp_path / "history"))
        )
        repl = Repl(assistant, prompt=prompt, echo=printed.append)
        pipe.send_text("preheat the oven\n220 degrees\n/why\nclean the oven\nno\n/quit\n")
        repl.run()
    assert printed[0].startswith("Assistant ready")
    assert "To how many degrees?" in printed
    assert "Preheating to 220 degrees." in printed
    why = next(line for line in printed if line.startswith("turn "))
    assert "intent      oven.preheat" in why and "'degrees': 220" in why
    assert "Self-cleaning locks the door for 2 hours. Start it?" in printed
    assert printed[-2:] == ["OK, I won't.", "Bye."]
    assert "220 degrees" in (tmp_path / "history").read_text()


def test_free_text_is_an_answer_unless_it_is_clearly_another_command():
    from assistant.dialogue.answers import resolve
    from assistant.dialogue.questions import OpenQuestion, ask
    from assistant.slots import SlotContext

    asked = OpenQuestion(
        ask("fact", "What should I remember?"), "remember this", "remember", {}, 1, 0.0
    )
    declared, ctx = {"fact": Text()}, SlotContext.at(NOW)

    def outcome(text: str, other: bool):  # type: ignore[no-untyped-def]
        return resolve(asked, text, declared, ctx, str, lambda: other)

    answer = outcome("the spare key is under the mat", other=False)
    assert (answer.kind, answer.slots, answer.intent) == (
        "answer",
        {"fact": "the spare key is under the mat"},
        "remember",
    )
    assert outcome("turn off the kitchen lights", other=True).kind == "unrelated"
    assert outcome("never mind", other=False).kind == "declined"
