"""The devices skill through `Assistant.handle` on the demo home (virtual adapter, real
SQLite): acting, reading, refusing, confirming, follow-ups, undo and the audit.

The intent model is a keyword fake: routing is not the point here (the trained model's
routing of device commands is measured by bench/device_commands.py and test_intents)."""

import dataclasses
import re

import pytest

from assistant.core import Assistant
from assistant.dialogue.session import Session
from assistant.nlu.prediction import Prediction

RULES = [
    (r"^(undo|put it back|change it back|revert)", "device.undo"),
    (r"remind", "reminder.create"),
    (r"^(is|are|what|which|how|did|any)\b|\?$", "device.query"),
    (r"\b(dim|set|brighter|warmer|unlock|lock|blue|warm white|to \d+|make)\b", "device.set"),
    (r"\b(off|close|shut|kill)\b", "device.off"),
    (r"\b(on|open|start)\b|dark", "device.on"),
    (r"^(yes|no)$", "chat"),
]


class KeywordModel:
    labels = [label for _, label in RULES] + ["out_of_scope"]

    def predict(self, texts: list[str]) -> list[Prediction]:
        out = []
        for text in texts:
            label = next((lab for pat, lab in RULES if re.search(pat, text.lower())), None)
            out.append(Prediction(label or "out_of_scope", 0.95 if label else 0.9))
        return out


@pytest.fixture
def house(tmp_path):
    assistant = Assistant.open(tmp_path, model=KeywordModel(), notify=lambda _: None)
    session = Session()
    devices = assistant.services.get("devices")
    yield assistant, devices, lambda text: assistant.handle(text, session)
    assistant.close()


def state(devices, device_id):
    return devices.home.reading(device_id).state


def test_turn_off_a_room_and_read_it_back(house):
    _, devices, say = house
    turn = say("turn off the kitchen lights")
    assert turn.reply.text == "The kitchen lights are now off."
    assert state(devices, "kitchen_lights")["on"] is False
    [action] = turn.reply.actions
    assert action == {"type": "device", "device": "kitchen_lights", "result": "done",
                      "old": {"on": True}, "new": {"on": False}}  # fmt: skip
    assert say("is the kitchen lights on").reply.text.startswith("No.")


def test_values_with_units_and_relative_steps(house):
    _, devices, say = house
    say("dim the desk lamp to 30%")
    assert state(devices, "desk_lamp")["brightness"] == 30
    assert state(devices, "desk_lamp")["on"] is True  # dimming turns it on
    say("set the thermostat to 68 degrees fahrenheit")
    assert state(devices, "thermostat")["target_temperature"] == 20.0
    say("make the thermostat warmer by 2")
    assert state(devices, "thermostat")["target_temperature"] == 22.0
    say("make the bedroom light warm white")
    assert state(devices, "bedroom_light")["colour_temp"] == 2700
    say("set the desk lamp to blue")
    assert state(devices, "desk_lamp")["colour"] == "blue"


def test_floors_groups_and_all(house):
    _, devices, say = house
    turn = say("turn on all the lights upstairs")
    upstairs = {"desk_lamp", "bedroom_light", "bedside_lamp", "kids_night_light", "bathroom_light"}
    assert {a["device"] for a in turn.reply.actions} == upstairs
    assert all(state(devices, d)["on"] for d in upstairs)
    assert state(devices, "floor_lamp")["on"] is False  # downstairs untouched


def test_unknown_devices_are_never_guessed(house):
    _, devices, say = house
    before = devices.home.readings()
    reply = say("turn on the flux capacitor").reply
    assert reply.text.startswith("I don't know a device called flux capacitor")
    reply = say("turn on the dining room lights").reply
    assert "dining room" in reply.text and reply.data["status"] == "unknown"
    assert {k: v.state for k, v in devices.home.readings().items()} == {
        k: v.state for k, v in before.items()
    }
    assert devices.audit.rows() == []


def test_fuzzy_names_are_corrected(house):
    _, devices, say = house
    say("turn on the dsk lamp")
    assert state(devices, "desk_lamp")["on"] is True


def test_a_device_without_the_capability_says_so(house):
    _, _devices, say = house
    reply = say("set the kettle to 40%").reply
    assert reply.text == "The kettle can't be set to 40%."
    assert reply.actions == []


def test_unexposed_devices_are_refused_with_how_to_expose_them(house):
    _, devices, say = house
    reply = say("unlock the front door").reply
    assert reply.text.startswith("I'm not allowed to control the front door lock")
    assert "assistant devices expose front_door_lock" in reply.text
    assert state(devices, "front_door_lock")["locked"] is True


def test_sensitive_actions_ask_first_and_no_leaves_them_alone(house):
    _, devices, say = house
    reply = say("turn on the oven").reply
    assert reply.question is not None and reply.question.kind == "confirm"
    assert "the oven" in reply.text
    assert state(devices, "oven")["on"] is False
    assert say("no").reply.text == "OK, I left the oven alone."
    assert state(devices, "oven")["on"] is False
    say("turn on the oven")
    say("yes")
    assert state(devices, "oven")["on"] is True
    assert say("turn off the oven").reply.question is None  # off is the safe direction


def test_an_exposed_lock_still_asks_and_a_follow_up_does_not_confirm_it(house):
    _, devices, say = house
    devices.home.update(dataclasses.replace(devices.home.get("front_door_lock"), exposed=True))
    say("unlock the front door")
    say("turn on the desk lamp")  # an unrelated command abandons the question
    assert state(devices, "front_door_lock")["locked"] is True
    assert say("yes").reply.actions == []  # nothing is waiting for a yes any more
    assert state(devices, "front_door_lock")["locked"] is True


def test_a_compound_command_does_not_confirm_its_sensitive_part(house):
    _, devices, say = house
    say("turn on the oven and turn off the desk lamp")
    assert state(devices, "oven")["on"] is False
    say("yes")
    assert state(devices, "oven")["on"] is False


def test_follow_ups_reuse_the_devices_just_acted_on(house):
    _, devices, say = house
    say("turn on the desk lamp")
    say("now make it blue")
    assert state(devices, "desk_lamp")["colour"] == "blue"
    say("turn it off")
    assert state(devices, "desk_lamp")["on"] is False


def test_undo_restores_what_the_last_command_changed(house):
    _, devices, say = house
    say("turn off everything downstairs")
    assert state(devices, "living_room_ceiling")["on"] is False
    reply = say("undo that").reply
    assert reply.text.startswith("Undone.")
    assert state(devices, "living_room_ceiling")["on"] is True
    assert state(devices, "kitchen_lights")["on"] is True
    assert state(devices, "thermostat")["on"] is True
    assert say("undo").reply.text == "There's no device change to undo."


def test_every_action_is_audited_with_its_turn(house):
    _, devices, say = house
    turn = say("dim the desk lamp to 30%")
    say("unlock the front door")  # refused before any action: not exposed
    [row] = devices.audit.rows()
    assert (row.device_id, row.result, row.turn_id) == ("desk_lamp", "done", turn.id)
    assert row.requester == "dim the desk lamp to 30%"
    assert row.new_state["brightness"] == 30 and row.old_state["brightness"] == 100


def test_a_failing_device_is_reported_and_nothing_else_changes(house):
    _, devices, say = house
    from assistant.devices.adapters.base import DeviceUnreachable

    class Flaky:
        """Stands in for a device bridge that times out for one device."""

        name = "flaky"

        def apply(self, device, wanted):
            raise DeviceUnreachable("no answer within 3 s")

        def close(self):
            pass

    porch = dataclasses.replace(devices.home.get("porch_light"), adapter="mqtt")
    devices.home.update(porch)
    devices.hub._adapters["mqtt"] = Flaky()
    reply = say("turn on the outside lights").reply
    assert "The porch light did not answer (no answer within 3 s)." in reply.text
    assert "The garden lights are now on." in reply.text
    assert state(devices, "porch_light")["on"] is False
    assert reply.data["status"] == "partial"


def test_queries_on_sensors(house):
    _, _, say = house
    assert say("is there motion in the hallway").reply.text.startswith("No.")
    assert "43%" in say("how much battery does the phone have").reply.text
    assert say("are any doors unlocked").reply.text == "Yes: the back door lock is unlocked."
    text = say("which lights are on").reply.text
    assert "living room ceiling light" in text and "kitchen lights" in text
    assert "21.5" in say("what's the temperature upstairs").reply.text


def test_too_dark_in_here_asks_which_room_then_turns_on_its_lights(house):
    _, devices, say = house
    reply = say("it's too dark in here").reply
    assert reply.question is not None and reply.question.slot == "room"
    say("office")
    assert state(devices, "desk_lamp")["on"] is True
    assert state(devices, "office_fan")["on"] is False  # only the lights


def test_and_in_the_kitchen_reuses_what_kind_of_device_was_meant(house):
    _, devices, say = house
    say("switch off the living room lights")
    turn = say("and in the kitchen?")
    assert [a["device"] for a in turn.reply.actions] == ["kitchen_lights"]  # not the oven too
    assert state(devices, "kitchen_lights")["on"] is False


def test_and_the_porch_too_acts_on_the_porch_with_the_same_command(house):
    _, devices, say = house
    say("turn on the hallway light")
    turn = say("and the porch too")  # the keyword model has no label for it: a follow-up
    assert turn.intent == "device.on"
    assert [a["device"] for a in turn.reply.actions] == ["porch_light"]
    assert state(devices, "porch_light")["on"] is True
    say("and the garden lights")
    assert state(devices, "garden_lights")["on"] is True
    assert state(devices, "hallway_light")["on"] is True  # the first command stands
    assert state(devices, "kitchen_lights")["on"] is True  # nothing else was touched


def test_an_elliptical_follow_up_repeats_the_setting_on_the_new_device(house):
    _, devices, say = house
    say("dim the desk lamp to 40%")
    turn = say("and the bedroom light?")
    assert [a["device"] for a in turn.reply.actions] == ["bedroom_light"]
    assert state(devices, "bedroom_light")["brightness"] == 40
    assert state(devices, "desk_lamp")["brightness"] == 40


@pytest.mark.parametrize("answer", ["2", "the second one", "desk lamp"])
def test_which_one_is_answered_by_number_or_by_name(house, answer):
    _, devices, say = house
    asked = say("turn on the lamp").reply
    assert asked.question is not None and asked.question.options[1] == "desk lamp"
    assert say(answer).reply.text == "The desk lamp is now on."
    assert state(devices, "desk_lamp")["on"] is True
    assert state(devices, "floor_lamp")["on"] is False
