import pytest

from assistant.templates import TemplateError, expand, slot_names, variants


def test_variants_expand_alternatives_and_optional_words():
    assert sorted(variants("[please] (turn|switch) on the lamp")) == [
        "please switch on the lamp",
        "please turn on the lamp",
        "switch on the lamp",
        "turn on the lamp",
    ]


def test_unbalanced_brackets_are_refused_with_the_template_quoted():
    with pytest.raises(TemplateError, match=r"turn \(on the lamp"):
        variants("turn (on the lamp")


def test_expand_fills_slots_and_records_them():
    values = {"device": ["desk lamp", "fan"], "value": ["30%"]}
    examples = expand("dim the {device} to {value}", "device.set", values, per_template=2)
    assert len(examples) == 2
    for example in examples:
        assert example.intent == "device.set"
        assert example.text == f"dim the {example.slots['device']} to 30%"


def test_expand_is_deterministic():
    values = {"task": ["a", "b", "c", "d", "e", "f"], "when": ["x", "y", "z"]}
    first = [e.text for e in expand("remind me to {task} {when}", "r", values, 4)]
    again = [e.text for e in expand("remind me to {task} {when}", "r", values, 4)]
    assert first == again and len(set(first)) == 4


def test_slot_free_template_gives_each_form_once():
    examples = expand("(hi|hello) there", "chat", {}, per_template=10)
    assert sorted(e.text for e in examples) == ["hello there", "hi there"]


def test_unknown_slot_is_an_error_naming_it():
    assert slot_names("call {person} {when}") == {"person", "when"}
    with pytest.raises(TemplateError, match="person"):
        expand("call {person}", "x", {}, 1)
