"""`Assistant.handle` end to end: the real model, real skills and a real SQLite turn log."""

import json

import pytest

import skills.chat
from assistant.core import Assistant
from assistant.dialogue.session import Session
from assistant.errors import InputError

pytestmark = pytest.mark.slow


def test_a_turn_is_answered_and_logged_with_every_field(assistant, session):
    turn = assistant.handle("dim the desk lamp to 30%", session)
    assert (turn.kind, turn.intent, turn.skill) == ("act", "device.set", "devices")
    assert turn.slots == {"device": "desk lamp", "value": "30%", "number": 30.0, "unit": "%"}
    payload = turn.as_json()
    for key in ("intent", "confidence", "skill", "slots", "text", "sources", "latency_ms"):
        assert key in payload
    json.dumps(payload)  # serialisable as-is
    row = assistant.store.turn(turn.id)
    assert (row.text, row.intent, row.skill, row.session_id) == (
        "dim the desk lamp to 30%",
        "device.set",
        "devices",
        session.id,
    )
    assert row.reply == turn.reply.text and row.latency_ms > 0
    assert row.alternatives and row.alternatives[0][0] != "device.set"
    assert row.slots == turn.slots


def test_chat_lists_the_installed_skills(assistant, session):
    turn = assistant.handle("what can you do", session)
    assert turn.intent == "chat"
    for skill in assistant.registry.skills.values():
        assert skill.description() in turn.reply.text


def test_out_of_scope_reply_says_what_it_can_do(assistant, session):
    turn = assistant.handle("book me a flight to Lisbon on friday", session)
    assert turn.kind == "out_of_scope" and turn.intent == "out_of_scope"
    assert turn.reply.text.startswith("I can't do that yet. I can:")
    assert assistant.store.turn(turn.id).intent == "out_of_scope"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty"),
        ("x" * 1_048_576, "1,048,576 characters"),
        ("\x00\x01\x02junk\xff" * 10, "binary"),
    ],
)
def test_bad_input_gets_one_line_and_is_logged_truncated(assistant, session, raw, message):
    turn = assistant.handle(raw, session)
    assert turn.kind == "error" and message in turn.reply.text and "\n" not in turn.reply.text
    row = assistant.store.turn(turn.id)
    assert row.error == turn.reply.text and len(row.text) <= assistant.config.input.max_chars + 1
    assert assistant.handle("hello", session).intent == "chat"  # and the conversation goes on


def test_control_characters_are_stripped_before_routing(assistant, session):
    turn = assistant.handle("\x1b[1mturn\x07 off the\ttv\x1b[0m", session)
    assert turn.input == "turn off the tv" and turn.intent == "device.off"


def test_a_failing_skill_becomes_a_one_line_message_and_is_logged(assistant, session, monkeypatch):
    def explode(self):
        raise ValueError("registry exploded\nsecond line")

    monkeypatch.setattr(skills.chat.Chat, "capabilities", explode)
    turn = assistant.handle("what can you do", session)
    assert turn.reply.text == "Sorry, the chat skill failed (ValueError: registry exploded)."
    assert assistant.store.turn(turn.id).error == "ValueError: registry exploded"
    assert assistant.handle("turn on the porch light", session).skill == "devices"


def test_compound_command_runs_parts_in_order_under_one_parent(assistant, session):
    turn = assistant.handle("lights off and set a timer for 10 minutes", session)
    assert turn.kind == "compound"
    assert [p.intent for p in turn.parts] == ["device.off", "reminder.create"]
    assert turn.parts[1].slots["duration"] == "10 minutes"
    rows = assistant.store.recent_turns(10)
    assert [(r.text, r.parent_id) for r in rows] == [
        ("lights off and set a timer for 10 minutes", None),
        ("lights off", turn.id),
        ("set a timer for 10 minutes", turn.id),
    ]
    assert rows[0].reply == turn.reply.text and turn.reply.text.startswith("1. ")


def test_follow_ups_reuse_the_previous_turn(assistant, session):
    assistant.handle("switch off the living room lights", session)
    follow = assistant.handle("and in the kitchen?", session)
    assert (follow.intent, follow.slots["room"], follow.slots["device"]) == (
        "device.off",
        "kitchen",
        "lights",
    )
    pronoun = assistant.handle("turn them on", session)
    assert pronoun.intent == "device.on" and pronoun.slots["room"] == "kitchen"


def test_correction_is_recorded_and_the_turn_redone(assistant, session):
    first = assistant.handle("switch off the tv", session)
    redo = assistant.correct(first.id, "device.query", session)
    assert redo.intent == "device.query" and redo.confidence == 1.0
    assert assistant.store.turn(first.id).correction == "device.query"
    assert assistant.store.turn(redo.id).parent_id == first.id
    with pytest.raises(InputError, match=r"unknown intent 'device\.explode'"):
        assistant.correct(first.id, "device.explode", session)


def test_model_that_cannot_load_is_reported_per_turn(home, monkeypatch):
    monkeypatch.setenv("ASSISTANT_NLU_ENCODER_PATH", str(home / "no-such-model"))
    broken = Assistant.open(home=home)
    turn = broken.handle("hello", Session())
    assert turn.kind == "error" and "no-such-model" in turn.reply.text
    assert broken.store.turn(turn.id).error == turn.reply.text
    broken.close()
