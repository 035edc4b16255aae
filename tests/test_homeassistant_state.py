"""Home Assistant's own state is the truth: three real-format `/api/states` dumps
(tests/data/homeassistant/) imported through `assistant devices import --from-homeassistant`,
then questions and commands through `Assistant.handle`, against the loopback stand-in of
Home Assistant (tests/homeassistant.py; a real one cannot run here).

The intent model is the keyword fake of test_devices_skill: what is tested is the state the
answers and actions rest on, not routing."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from assistant.core import Assistant
from assistant.dialogue.session import Session
from tests.helpers import wait_for
from tests.homeassistant import TOKEN, FakeHomeAssistant
from tests.test_cli import run
from tests.test_devices_skill import KeywordModel


def _configure(home: Path, fake: FakeHomeAssistant, extra: str = "") -> None:
    (home / "config.toml").write_text(
        f'[devices]\ndemo = false\nhomeassistant_url = "{fake.url}"\n{extra}', encoding="utf-8"
    )


@pytest.fixture
def ha_home(home: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Import a dump into a fresh home; yield (fake HA, say(text) -> reply text, assistant)."""
    monkeypatch.setenv("HOMEASSISTANT_TOKEN", TOKEN)
    opened: list[tuple[FakeHomeAssistant, Assistant]] = []

    def start(dump: str, extra: str = ""):  # type: ignore[no-untyped-def]
        fake = FakeHomeAssistant.from_dump(dump)
        _configure(home, fake, extra)
        assistant = Assistant.open(home, model=KeywordModel(), notify=lambda _: None)
        opened.append((fake, assistant))
        from assistant.cli.main import main

        assert main(["devices", "import", "--from-homeassistant", "--json"]) == 0
        session = Session()
        return fake, lambda text: assistant.handle(text, session).reply.text, assistant

    yield start
    for fake, assistant in opened:
        assistant.close()
        fake.close()


def _states(assistant: Assistant) -> dict[str, tuple[dict, bool]]:
    readings = assistant.services.get("devices").home.readings()
    return {i: (r.state, r.available) for i, r in readings.items()}


def test_the_house_imports_with_every_state_as_home_assistant_has_it(ha_home):
    _, _, assistant = ha_home("house.json")
    assert _states(assistant) == {
        "lock.back_door": ({"locked": False}, True),
        "lock.front_door": ({"locked": True}, True),
        "light.office_lights": ({"on": True, "brightness": 70}, True),
        "light.hallway": ({"on": False}, True),
        "sensor.outdoor_temperature": ({"temperature": 6.7}, True),
        "binary_sensor.side_door": ({"contact": "open"}, True),
        "sensor.attic_humidity": ({}, False),
        "switch.coffee_machine": ({}, False),
    }  # sun and automation are not devices


def test_answers_about_the_house_are_true(ha_home):
    fake, say, _ = ha_home("house.json", "state_max_age_s = 60\n")
    assert say("is the back door locked?").startswith("No. The Back Door is unlocked")
    assert say("is the front door locked?").startswith("Yes.")
    unlocked = say("are any doors unlocked?")
    assert "Back Door" in unlocked and "Front Door" not in unlocked
    assert not unlocked.startswith("No")
    assert "6.7°C" in say("what's the outdoor temperature?")
    assert "unavailable" in say("is the coffee machine on?")
    assert "unavailable" in say("what's the humidity in the attic?")
    assert fake.calls == []  # reading never acts


def test_a_command_reaches_home_assistant_because_the_light_is_really_on(ha_home):
    fake, say, assistant = ha_home("house.json")
    reply = say("turn off the office lights")
    assert "already" not in reply
    assert fake.calls == [("light/turn_off", {"entity_id": "light.office_lights"})]
    assert _states(assistant)["light.office_lights"][0]["on"] is False


def test_an_unavailable_device_is_not_sent_a_command(ha_home):
    fake, say, _ = ha_home("house.json")
    reply = say("turn on the coffee machine")
    assert "unavailable" in reply
    assert fake.calls == []


def test_fahrenheit_instance_and_unsettled_states(ha_home):
    _, say, assistant = ha_home("flat_fahrenheit.json")
    states = _states(assistant)
    assert states["climate.living_room"] == (
        {"on": True, "mode": "heat", "target_temperature": 20.0, "temperature": 18.9}, True)  # fmt: skip
    assert states["sensor.bedroom_temperature"] == ({"temperature": 22.0}, True)
    assert states["lock.main_entrance"] == ({}, True)  # jammed: neither locked nor unlocked
    assert states["fan.bedroom_fan"] == ({"on": True, "speed": "low"}, True)
    assert states["cover.living_room_blinds"] == ({"open": True, "position": 60}, True)
    assert states["media_player.kitchen_speaker"] == ({"on": True, "volume": 35}, True)
    assert states["light.reading_lamp"] == ({}, False)
    reply = say("is the main entrance locked?")
    assert reply.startswith("I don't know whether the Main Entrance is locked")
    assert "unavailable" in say("is the reading lamp on?")


def test_a_thermostat_set_in_celsius_goes_out_in_fahrenheit(ha_home):
    fake, say, _ = ha_home("flat_fahrenheit.json")
    say("set the living room thermostat to 22 degrees")
    assert ("climate/set_temperature", {"entity_id": "climate.living_room", "temperature": 72}) in (
        fake.calls
    )


def test_the_cottage_sensors_and_an_unknown_light(ha_home):
    _, say, assistant = ha_home("cottage.json")
    states = _states(assistant)
    assert states["binary_sensor.hall_motion"] == ({"motion": True}, True)
    assert states["binary_sensor.kitchen_smoke"] == ({"smoke": False}, True)
    assert states["binary_sensor.utility_leak"] == ({"leak": True}, True)
    assert states["sensor.hall_motion_battery"] == ({"battery": 15}, True)
    assert states["cover.garage_door"] == ({"open": True}, True)
    assert states["light.porch"] == ({}, True)  # HA says "unknown": so do we
    assert states["alarm_control_panel.house"] == ({"on": True}, True)  # armed
    assert say("is the garage door open?").startswith("Yes.")
    assert say("is the shed lock locked?").startswith("No.")
    porch = say("is the porch light on?")
    assert porch.startswith("I don't know whether the Porch Light is on")


def test_a_stale_state_is_read_again_before_answering(ha_home):
    fake, say, _ = ha_home("house.json", "state_max_age_s = 0.2\n")
    assert say("is the back door locked?").startswith("No.")
    fake.set_state("lock.back_door", "locked")  # someone locked it by hand
    time.sleep(0.3)
    assert say("is the back door locked?").startswith("Yes.")


def test_a_fresh_state_is_not_read_again(ha_home):
    fake, say, _ = ha_home("house.json", "state_max_age_s = 600\n")
    fake.reads.clear()
    say("is the back door locked?")
    assert fake.reads == []


def test_home_assistant_down_answers_with_the_age_of_what_it_knows(ha_home):
    fake, say, _ = ha_home("house.json", "state_max_age_s = 0\n")
    fake.close()
    reply = say("is the back door locked?")
    assert reply.startswith("No.")
    assert "couldn't re-read" in reply and "min ago" in reply


def test_polling_keeps_states_current_while_serving(ha_home):
    fake, _, assistant = ha_home("house.json", "homeassistant_poll_s = 0.1\n")
    devices = assistant.services.get("devices")
    assert devices.watch()
    fake.set_state("light.hallway", "on", brightness=255)
    assert wait_for(lambda: devices.home.reading("light.hallway").state.get("on"), 5)
    assert devices.home.reading("light.hallway").state == {"on": True, "brightness": 100}


@pytest.mark.slow
def test_the_import_command_reports_unavailable_entities(home, monkeypatch):
    fake = FakeHomeAssistant.from_dump("house.json")
    try:
        _configure(home, fake)
        result = run(home, "devices", "import", "--from-homeassistant", "--json",
                     env={"HOMEASSISTANT_TOKEN": TOKEN})  # fmt: skip
        assert result.returncode == 0, result.stderr
        summary = json.loads(result.stdout)
        assert summary["devices"] == 8
        assert summary["unavailable"] == ["sensor.attic_humidity", "switch.coffee_machine"]
        text = run(home, "devices", "import", "--from-homeassistant",
                   env={"HOMEASSISTANT_TOKEN": TOKEN}).stdout  # fmt: skip
        assert "2 unavailable in Home Assistant" in text
    finally:
        fake.close()
