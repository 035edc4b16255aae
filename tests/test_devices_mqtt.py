"""The MQTT adapter against a real mosquitto broker: commands on `<base>/<device>/set`,
state and availability coming back, a device that never answers.

The "devices" are a paho client that behaves like zigbee2mqtt's bridge for two bulbs
(it echoes each `set` as the new state): the broker and the adapter are real, the Zigbee
radio is what cannot run here."""

import json
import threading

import paho.mqtt.client as mqtt
import pytest

from assistant.devices.adapters.mqtt import MqttAdapter, close_client, from_z2m, to_z2m
from assistant.devices.audit import Audit
from assistant.devices.device import device_from
from assistant.devices.home import Home
from assistant.devices.hub import Hub
from assistant.devices.state import Change
from assistant.store import Store
from tests.broker import mosquitto
from tests.helpers import wait_for

BASE = "zigbee2mqtt"


class FakeBridge:
    """Answers `set` commands for the named devices, as zigbee2mqtt does."""

    def __init__(self, port: int, answering: set[str]):
        self.state: dict[str, dict] = {
            name: {"state": "OFF", "brightness": 254} for name in answering
        }
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
        self.client.on_message = self._on_message
        ready = threading.Event()
        self.client.on_connect = lambda c, *_: c.subscribe([(f"{BASE}/+/set", 1),
                                                            (f"{BASE}/+/get", 1)])  # fmt: skip
        self.client.on_subscribe = lambda *_: ready.set()  # the broker has the subscription
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()
        assert ready.wait(5)

    def _on_message(self, client, userdata, message):
        name, verb = message.topic.split("/")[1:3]
        if name in self.state:
            if verb == "set":
                self.state[name].update(json.loads(message.payload))
            client.publish(f"{BASE}/{name}", json.dumps(self.state[name]), qos=1)

    def push(self, name: str, payload: dict | str, topic_suffix: str = "") -> None:
        body = payload if isinstance(payload, str) else json.dumps(payload)
        self.client.publish(f"{BASE}/{name}{topic_suffix}", body, qos=1).wait_for_publish(5)

    def close(self):
        close_client(self.client)


@pytest.fixture
def rig(tmp_path):
    with mosquitto(tmp_path) as port:
        home = Home(Store(tmp_path / "a.db"))
        home.replace([
            device_from({"id": "desk", "name": "desk lamp", "kind": "light", "adapter": "mqtt",
                         "address": "desk_bulb"}),
            device_from({"id": "porch", "name": "porch light", "kind": "light", "adapter": "mqtt"}),
            device_from({"id": "hall_motion", "name": "hall motion", "kind": "motion_sensor",
                         "adapter": "mqtt"}),
        ])  # fmt: skip
        bridge = FakeBridge(port, {"desk_bulb"})
        adapter = MqttAdapter(home, f"mqtt://127.0.0.1:{port}", BASE, timeout_s=1.0)
        hub = Hub(home, Audit(home.store), {"mqtt": adapter})
        yield home, hub, bridge
        adapter.close()
        bridge.close()


def test_a_command_round_trips_through_the_broker(rig):
    home, hub, bridge = rig
    _, [outcome] = hub.act([(home.get("desk"), Change({"on": True, "brightness": 30}))],
                           requester="test")  # fmt: skip
    assert outcome.result == "done"
    assert bridge.state["desk_bulb"]["state"] == "ON"
    assert bridge.state["desk_bulb"]["brightness"] == round(30 * 254 / 100)
    assert home.reading("desk").state["brightness"] == 30


def test_a_device_that_never_answers_fails_alone_and_keeps_its_state(rig):
    home, hub, _ = rig
    changes = [(home.get(i), Change({"on": True})) for i in ("desk", "porch")]
    _, outcomes = hub.act(changes, requester="test")
    results = {o.device.id: (o.result, o.error) for o in outcomes}
    assert results["desk"] == ("done", "")
    assert results["porch"] == ("failed", "no answer within 1 s")
    assert "on" not in home.reading("porch").state  # never reported: still unknown


def test_a_device_that_never_reported_is_unknown_until_it_is_asked(rig):
    home, hub, _ = rig
    assert home.reading("desk").state == {}  # imported: nothing presented as fact
    assert hub.refresh([home.get("desk"), home.get("porch")]) == {"porch": "it did not answer"}
    assert home.reading("desk").state == {"on": False, "brightness": 100}  # answered its /get
    assert home.reading("porch").state == {}


def test_state_pushed_by_the_broker_is_recorded(rig):
    home, _, bridge = rig
    bridge.push("hall_motion", {"occupancy": True, "battery": 81})
    assert wait_for(lambda: home.reading("hall_motion").state.get("motion") is True)
    assert home.reading("hall_motion").state["battery"] == 81
    bridge.push("hall_motion", "offline", "/availability")
    assert wait_for(lambda: home.reading("hall_motion").available is False)


def test_an_offline_device_is_not_sent_a_command(rig):
    home, hub, bridge = rig
    bridge.push("desk_bulb", {"state": "offline"}, "/availability")
    assert wait_for(lambda: not home.reading("desk").available)
    _, [outcome] = hub.act([(home.get("desk"), Change({"on": True}))], requester="test")
    assert (outcome.result, outcome.error) == ("failed", "it is unavailable")


def test_payload_mapping_both_ways():
    lamp = device_from({"id": "l", "name": "l", "kind": "light",
                        "capabilities": ["on_off", "brightness", "colour", "colour_temp"]})  # fmt: skip
    assert to_z2m({"on": True, "colour_temp": 2700, "colour": "blue"}) == {
        "state": "ON", "color_temp": 370, "color": {"hex": "#0000FF"}}  # fmt: skip
    assert from_z2m(lamp, {"state": "ON", "brightness": 127, "color_temp": 370,
                           "color": {"hex": "#0000ff"}, "linkquality": 90}) == {
        "on": True, "brightness": 50, "colour_temp": 2700, "colour": "blue"}  # fmt: skip
    window = device_from({"id": "w", "name": "w", "kind": "contact_sensor"})
    assert from_z2m(window, {"contact": False, "battery": 9}) == {"contact": "open", "battery": 9}
