"""Router branches against scripted predictions.

The predictions here are written by hand (a stand-in for the intent model) so each branch —
threshold, margin, compound merge, follow-up — is hit with exact confidences; the real
model drives the same router end to end in test_assistant.py and test_repl.py.
"""

from datetime import datetime

import pytest

from assistant.config import RouterConfig
from assistant.dialogue import state
from assistant.dialogue.questions import OpenQuestion, Question
from assistant.dialogue.router import Router
from assistant.dialogue.session import Session
from assistant.nlu.prediction import Prediction
from skills.devices import SLOTS as DEVICE_SLOTS
from skills.reminders import SLOTS as REMINDER_SLOTS

NOW = datetime(2026, 12, 2, 15, 0).astimezone()

DESCRIPTIONS = {
    "device.on": "turn a device on",
    "device.off": "turn a device off",
    "reminder.create": "set a reminder, alarm or timer",
    "chat": "chat with me",
}


def p(label: str, confidence: float, *alternatives: tuple[str, float]) -> Prediction:
    return Prediction(label, confidence, list(alternatives))


SCRIPT = {
    "turn off the lights": p("device.off", 0.9, ("device.on", 0.05)),
    "turn on the lamp": p("device.on", 0.9, ("device.off", 0.05)),
    "the fan": p("out_of_scope", 0.6, ("device.on", 0.3)),
    "turn on the lamp and the fan": p("device.on", 0.85),
    "remind me to lock up at 10": p("reminder.create", 0.95),
    "turn off the lights and remind me to lock up at 10": p(
        "device.off", 0.5, ("reminder.create", 0.45)
    ),
    "kill the heater": p("device.off", 0.5, ("device.on", 0.45)),
    "play some jazz": p("out_of_scope", 0.97, ("chat", 0.02)),
    "hmm the thing": p("chat", 0.25, ("device.on", 0.2)),
    "and in the kitchen?": p("out_of_scope", 0.5, ("device.on", 0.2)),
}


def scripted(texts: list[str]) -> list[Prediction]:
    return [SCRIPT.get(t, p("out_of_scope", 0.9)) for t in texts]


@pytest.fixture
def router() -> Router:
    return Router(
        scripted,
        RouterConfig(threshold=0.3, margin=0.1, compound_threshold=0.5),
        DESCRIPTIONS.get,
        slot_types,
    )


def slot_types(intent: str):  # type: ignore[no-untyped-def]
    """The slots the built-in device and reminder skills declare."""
    family = intent.split(".")[0]
    return {"device": DEVICE_SLOTS, "reminder": REMINDER_SLOTS}.get(family, {})


def which_heater() -> OpenQuestion:
    """The router's open "Did you mean A or B?" about "kill the heater", asked by turn 7."""
    question = Question("Did you mean…?", "choice", options=["device.off", "device.on"])
    return OpenQuestion(question, "kill the heater", None, {}, 7, NOW.timestamp())


def test_confident_prediction_acts_with_slots(router):
    route = router.route("turn off the lights", Session(), NOW)
    assert (route.kind, route.intent, route.slots) == ("act", "device.off", {"device": "lights"})


def test_out_of_scope_label_and_low_confidence_both_decline(router):
    assert router.route("play some jazz", Session(), NOW).kind == "out_of_scope"
    assert router.route("hmm the thing", Session(), NOW).kind == "out_of_scope"  # 0.25 < 0.3


def test_close_runner_up_asks_which(router):
    route = router.route("kill the heater", Session(), NOW)
    assert route.kind == "clarify" and route.options == ["device.off", "device.on"]


@pytest.mark.parametrize(
    ("answer", "chosen"),
    [
        ("1", "device.off"),
        ("2", "device.on"),
        ("the second one", "device.on"),
        ("first", "device.off"),
        ("turn it on", "device.on"),
        ("I meant off", "device.off"),
    ],
)
def test_clarification_answer_resolves_to_an_option(router, answer, chosen):
    session = Session(open_question=which_heater())
    route = router.route(answer, session, NOW)
    assert (route.kind, route.intent, route.text, route.answers_turn) == (
        "act",
        chosen,
        "kill the heater",
        7,
    )
    state.advance(session, route, 8, None, NOW.timestamp())
    assert route.confidence == 1.0 and session.open_question is None


def test_dismissal_and_unrelated_answers_close_the_question(router):
    session = Session(open_question=which_heater())
    assert router.route("neither", session, NOW).kind == "dismiss"
    route = router.route("remind me to lock up at 10", session, NOW)
    assert (route.kind, route.intent) == ("act", "reminder.create")  # a new command instead


def test_compound_command_splits_in_order(router):
    route = router.route("turn off the lights and remind me to lock up at 10", Session(), NOW)
    assert route.kind == "compound"
    assert [(part.text, part.intent) for part in route.parts] == [
        ("turn off the lights", "device.off"),
        ("remind me to lock up at 10", "reminder.create"),
    ]
    assert route.parts[1].slots["when"] == "at 10"


def test_a_list_inside_one_command_is_not_split(router):
    route = router.route("turn on the lamp and the fan", Session(), NOW)
    assert (route.kind, route.intent) == ("act", "device.on")


def test_pronoun_follow_up_reuses_the_last_device(router):
    session = Session(last_intent="device.on", last_slots={"device": "lamp", "room": "office"})
    route = router.route("turn off the lights", session, NOW)
    assert route.slots["device"] == "lights"  # said explicitly: not overridden
    SCRIPT["turn it off"] = p("device.off", 0.8)
    route = router.route("turn it off", session, NOW)
    assert (route.intent, route.slots) == ("device.off", {"device": "lamp", "room": "office"})


def test_elliptical_follow_up_reuses_the_last_intent_with_new_slots(router):
    session = Session(
        last_intent="device.off", last_slots={"device": "lights", "room": "living room"}
    )
    route = router.route("and in the kitchen?", session, NOW)
    assert (route.kind, route.intent, route.via) == ("act", "device.off", "follow-up")
    assert route.slots == {"device": "lights", "room": "kitchen"}


def test_elliptical_text_without_history_is_just_a_new_turn(router):
    assert router.route("and in the kitchen?", Session(), NOW).kind == "out_of_scope"
