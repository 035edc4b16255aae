"""The home's registry on real SQLite: import from YAML and JSON (errors name the line),
the demo home, add/remove/rename, state, and the rooms and floors mirrored into the
knowledge graph."""

import json

import pytest

from assistant.config import Config
from assistant.devices.device import device_from
from assistant.devices.home import Home
from assistant.devices.importer import parse_home, read_home
from assistant.errors import InputError
from assistant.services import Services
from assistant.store import Store
from knowledge.service import Knowledge

HOME_YAML = """\
devices:
  - id: desk_lamp
    name: Desk lamp
    kind: light
    room: office
    floor: upstairs
    aliases: [reading light]
  - id: front_lock
    name: front door
    kind: lock
    room: hall
    floor: ground floor
"""


def test_yaml_import_fills_defaults_from_the_kind():
    lamp, lock = parse_home(HOME_YAML)
    assert lamp.capabilities == ("on_off", "brightness")
    assert lamp.aliases == ("reading light",)
    assert (lamp.exposed, lamp.sensitive) == (True, False)
    assert (lock.exposed, lock.sensitive) == (False, True)  # locks: not exposed, sensitive


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- id: a\n  name: A\n  kind: light\n  colour: red\n", "line 4: unknown key 'colour'"),
        ("- id: a\n  name: A\n", "line 1: missing 'kind'"),
        ("- id: a\n  name: A\n  kind: toaster\n", "unknown kind 'toaster'"),
        ("- id: a\n  name: A\n  kind: light\n- id: a\n  name: B\n  kind: fan\n",
         "line 4: id 'a' is also used on line 1"),
        ("- id: a\n  name: A\n  kind: light\n  exposed: maybe\n", "exposed must be true or false"),
        ("- id: a\n  name: A\n  kind: light\n  capabilities: [warp]\n", "unknown capability 'warp'"),
        ("- [unclosed\n", "line 2"),
        ("{}", "expected a list of devices"),
        ("", "empty"),
    ],
)  # fmt: skip
def test_bad_home_files_get_one_line_errors_with_the_line(text, message):
    with pytest.raises(InputError) as error:
        parse_home(text, "home.yaml")
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_json_files_and_binary_files(tmp_path):
    good = tmp_path / "home.json"
    good.write_text(json.dumps([{"id": "fan", "name": "fan", "kind": "fan"}]))
    assert [d.id for d in read_home(good)] == ["fan"]
    broken = tmp_path / "broken.json"
    broken.write_text('[\n{"id": "fan",,}\n]')
    with pytest.raises(InputError, match=r"broken\.json line 2"):
        read_home(broken)
    binary = tmp_path / "home.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match="binary"):
        read_home(binary)


def test_demo_is_seeded_once_and_not_again_after_the_user_empties_the_home(tmp_path):
    store = Store(tmp_path / "a.db")
    home = Home(store)
    assert home.ensure_demo() is True
    assert len(home.devices()) > 20
    home.replace([])
    assert home.ensure_demo() is False
    assert home.devices() == []


def test_replace_keeps_the_state_of_devices_that_stay(tmp_path):
    home = Home(Store(tmp_path / "a.db"))
    lamp = device_from({"id": "lamp", "name": "lamp", "kind": "light"})
    home.replace([lamp])
    home.record_state("lamp", {"on": True, "brightness": 40})
    fan = device_from({"id": "fan", "name": "fan", "kind": "fan"})
    home.replace([lamp, fan])
    assert home.reading("lamp").state == {"on": True, "brightness": 40}
    assert home.reading("fan").state == {"on": False, "speed": "medium"}
    home.remove("lamp")
    assert home.reading("lamp").available is False  # gone with its state
    with pytest.raises(InputError, match="no device with id 'lamp'"):
        home.get("lamp")


def test_a_second_process_sees_changes(tmp_path):
    first, second = Home(Store(tmp_path / "a.db")), Home(Store(tmp_path / "a.db"))
    first.replace([device_from({"id": "lamp", "name": "lamp", "kind": "light"})])
    assert [d.id for d in second.devices()] == ["lamp"]
    first.update(first.get("lamp").renamed("big lamp"))
    assert second.get("lamp").name == "big lamp"


def test_rooms_and_floors_become_graph_facts(tmp_path):
    store = Store(tmp_path / "a.db")
    services = Services(Config(), store)
    knowledge = Knowledge(store)
    services.provide("knowledge", knowledge)
    from assistant.devices.service import Devices

    devices = Devices(services)  # seeds the demo home, which is mirrored into the graph
    answer = knowledge.graph.answer("what is on the ground floor")
    assert answer is not None
    assert "kitchen" in answer.text.lower()
    devices.home.replace(parse_home(HOME_YAML))
    knowledge.graph.refresh()
    answer = knowledge.graph.answer("where is the desk lamp")
    assert answer is not None and "office" in answer.text.lower()
    assert knowledge.graph.answer("where is the kettle") is None  # the demo's facts went
