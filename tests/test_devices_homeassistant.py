"""The Home Assistant adapter against a loopback HTTP server that stands in for Home
Assistant (tests/homeassistant.py; a real Home Assistant cannot run here)."""

import pytest

from assistant.devices.adapters.base import DeviceUnreachable
from assistant.devices.adapters.homeassistant import HomeAssistantAdapter, service_calls
from assistant.devices.audit import Audit
from assistant.devices.home import Home
from assistant.devices.hub import Hub
from assistant.devices.state import Change
from assistant.store import Store
from tests.homeassistant import TOKEN, FakeHomeAssistant

STATES = [
    {"entity_id": "light.kitchen", "state": "off",
     "attributes": {"friendly_name": "Kitchen ceiling", "brightness": None}},
    {"entity_id": "lock.front_door", "state": "locked", "attributes": {"friendly_name": "Front door"}},
    {"entity_id": "sensor.office_temperature", "state": "21.5",
     "attributes": {"friendly_name": "Office temperature", "device_class": "temperature"}},
    {"entity_id": "climate.hall", "state": "heat",
     "attributes": {"friendly_name": "Hall thermostat", "temperature": 20, "current_temperature": 19}},
    {"entity_id": "automation.night", "state": "on", "attributes": {}},
]  # fmt: skip
AREAS = {"light.kitchen": "Kitchen", "sensor.office_temperature": "Office"}


@pytest.fixture
def ha(tmp_path):
    fake = FakeHomeAssistant(STATES, AREAS)
    home = Home(Store(tmp_path / "a.db"))
    adapter = HomeAssistantAdapter(fake.url, TOKEN, timeout_s=2.0)
    devices, observed = adapter.discover()
    home.replace(devices, {i: seen.state for i, seen in observed.items()})
    yield fake, home, Hub(home, Audit(home.store), {"homeassistant": adapter})
    fake.close()


def test_discover_imports_entities_with_their_areas(ha):
    _, home, _ = ha
    devices = {d.id: d for d in home.devices()}
    assert set(devices) == {
        "light.kitchen",
        "lock.front_door",
        "sensor.office_temperature",
        "climate.hall",
    }  # fmt: skip  (automations are not devices)
    assert devices["light.kitchen"].name == "Kitchen ceiling"
    assert devices["light.kitchen"].room == "kitchen"
    assert devices["sensor.office_temperature"].kind == "temperature_sensor"
    assert devices["lock.front_door"].exposed is False  # a lock, as any lock


def test_actions_call_services_and_read_the_state_back(ha):
    fake, home, hub = ha
    _, [outcome] = hub.act([(home.get("light.kitchen"), Change({"on": True, "brightness": 40}))],
                           requester="test")  # fmt: skip
    assert outcome.result == "done"
    assert fake.calls == [("light/turn_on", {"entity_id": "light.kitchen", "brightness_pct": 40})]
    assert home.reading("light.kitchen").state == {"on": True, "brightness": 40}
    hub.act([(home.get("climate.hall"), Change({"target_temperature": 21.5}))], requester="test")
    assert fake.states["climate.hall"]["attributes"]["temperature"] == 21.5


def test_a_server_error_fails_that_device_and_changes_nothing(ha):
    fake, home, hub = ha
    fake.fail_services = True
    _, [outcome] = hub.act([(home.get("light.kitchen"), Change({"on": True}))], requester="t")
    assert outcome.result == "failed"
    assert "500" in outcome.error
    assert home.reading("light.kitchen").state.get("on") is False


def test_a_wrong_token_and_a_dead_server_are_one_line_errors(ha):
    fake, _, _ = ha
    with pytest.raises(DeviceUnreachable, match="refused the token"):
        HomeAssistantAdapter(fake.url, "wrong").discover()
    with pytest.raises(DeviceUnreachable, match="did not answer"):
        HomeAssistantAdapter("http://127.0.0.1:9", TOKEN, timeout_s=0.5).discover()


def test_service_calls_for_each_kind_of_change():
    assert service_calls("lock.front", {"locked": False}) == [("lock", "unlock", {})]
    assert service_calls("cover.blind", {"position": 30}) == [
        ("cover", "set_cover_position", {"position": 30})]  # fmt: skip
    assert service_calls("light.desk", {"on": True, "colour": "blue"}) == [
        ("light", "turn_on", {"color_name": "blue"})]  # fmt: skip
    assert service_calls("switch.kettle", {"on": False}) == [("switch", "turn_off", {})]
