"""The slot library as a third-party skill uses it: each type parsed directly, with a fixed now."""

from datetime import datetime

import pytest

from assistant.slots import Choice, Device, Number, Room, SlotContext, Text, Time, fill

CTX = SlotContext(now=datetime(2026, 12, 2, 15, 0))


@pytest.mark.parametrize(
    ("slot", "text", "value"),
    [
        (Number(), "roll 3 dice", 3),
        (Number(), "set it to 2.5", 2.5),
        (Number(), "twenty two please", 22),
        (Number(), "no number here", None),
        (Number(unit="%|percent"), "dim to 30 percent, not 40", 30),
        (Number(unit="sides?"), "a die with 12 sides", 12),
        (Number(minimum=2), "1 or 7", 7),
        (Choice(values=("python", "rust"), aliases={"rs": "rust"}), "in RS please", "rust"),
        (Choice(values=("c++",)), "some c++ code", "c++"),
        (Choice(values=("go",)), "let's gopher it", None),
        (Text(pattern=r"call (\w+)"), "please call Priya.", "Priya"),
        (Device(kinds=("light",)), "turn on the desk lamp", "desk lamp"),
        (Device(kinds=("light",)), "turn on the heater", None),
        (Room(), "lights in the kitchn", "kitchen"),
    ],
)
def test_each_type_finds_its_value_or_nothing(slot, text, value):
    assert slot.parse(text, CTX) == value


def test_time_fills_its_name_and_its_companions():
    assert Time().fill("deadline", "by 5pm tomorrow", CTX) == {
        "deadline": "by 5pm tomorrow",
        "time": "2026-12-03T17:00",
        "grain": "minute",
    }


def test_free_text_answers_a_question_with_the_whole_reply():
    task = Text(pattern=r"remind me to (.+)", strip_time=True)
    assert task.answer("task", "water the plants at 6", CTX) == {"task": "water the plants"}
    assert Number().answer("count", "a few", CTX) == {}


def test_fill_keeps_declaration_order_and_skips_missing_slots():
    declared = {"count": Number(), "lang": Choice(values=("python",)), "where": Room()}
    assert list(fill("write 2 python scripts", declared, CTX).items()) == [
        ("count", 2),
        ("lang", "python"),
    ]
